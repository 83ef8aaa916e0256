pub mod pty;
pub mod store;
