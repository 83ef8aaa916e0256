//! A way to wake a session's event loop from elsewhere (a signal handler, another session's
//! save), so the loop can sleep in `poll` until something happens instead of waking on a timer
//! to look: a socket pair whose read end the loop polls beside its input.

use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;

/// The read end, polled by the loop.
pub struct Wake {
    read: UnixStream,
    write: UnixStream,
}

/// A write end: anything holding one can wake the loop. Cheap to clone.
#[derive(Clone)]
pub struct Waker(Arc<UnixStream>);

impl Wake {
    pub fn new() -> io::Result<Wake> {
        let (read, write) = UnixStream::pair()?;
        // A full socket buffer means a wake-up is already waiting: a waker must never block.
        read.set_nonblocking(true)?;
        write.set_nonblocking(true)?;
        Ok(Wake { read, write })
    }

    pub fn waker(&self) -> io::Result<Waker> {
        Ok(Waker(Arc::new(self.write.try_clone()?)))
    }

    pub fn fd(&self) -> BorrowedFd<'_> {
        self.read.as_fd()
    }

    /// Empties the pipe once woken: one wake-up per turn of the loop, however many arrived.
    pub fn drain(&self) {
        let mut buf = [0u8; 256];
        while matches!((&self.read).read(&mut buf), Ok(n) if n > 0) {}
    }

    /// Wakes the loop on `signal`: the handler writes a byte (signal-hook's self-pipe, which
    /// is async-signal-safe); the loop then looks at the flags the other handlers raised.
    pub fn on_signal(&self, signal: i32) -> io::Result<()> {
        signal_hook::low_level::pipe::register(signal, self.write.try_clone()?)?;
        Ok(())
    }
}

impl Waker {
    pub fn wake(&self) {
        // WouldBlock: the buffer is full of wake-ups already; an error: the loop is gone.
        let _ = (&*self.0).write(&[1]);
    }
}
