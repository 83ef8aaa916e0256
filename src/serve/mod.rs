//! The whole team on one store: `sqa serve` holds the store and hosts every officer's session
//! (server.rs); `sqa attach`, or plain `sqa` when a server answers, is the terminal at the other
//! end (attach.rs); proto.rs is the frames between them.

pub mod attach;
mod import;
pub mod proto;
pub mod server;

use std::path::{Path, PathBuf};

/// Where the server for the store at `store` listens unless told otherwise: beside the store,
/// so everyone who names the same store finds the same server.
pub fn default_socket(store: &Path) -> PathBuf {
    let mut name = store.as_os_str().to_owned();
    name.push(".sock");
    PathBuf::from(name)
}
