//! The local terminal's input: stdin read by the runtime itself, with poll(2) and read(2), so
//! no byte waits in a library's buffer that poll cannot see, and a hang-up (POLLHUP, a read of
//! 0 bytes, EIO) is seen at once, whatever byte of whatever sequence it falls on.
//!
//! stdin stays blocking (O_NONBLOCK would be shared with the shell that started us, through the
//! same open file): a read is only made when poll has just said there are bytes, so it returns
//! at once with what is there.

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use std::io;
use std::os::fd::{AsFd, BorrowedFd};
use std::time::Duration;

/// One read's buffer. The tty hands over at most its line buffer (4 KiB) per read anyway.
const READ_SIZE: usize = 64 * 1024;

/// A batch stops after this many bytes even if more are coming, so that a flood is drawn as it
/// goes and signals are still heard; the rest is read at once after the frame.
const BATCH_LIMIT: usize = 4 * 1024 * 1024;

/// What the terminal has for us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    Ready,
    Nothing,
    /// The other end is gone (SSH dropped, terminal closed): POLLHUP or an error.
    HungUp,
}

/// What one batch of reads brought.
#[derive(Debug, Default)]
pub struct Batch {
    pub bytes: Vec<u8>,
    /// The terminal went away during the batch (`bytes` hold what came before).
    pub hung_up: bool,
}

/// What woke a wait on the terminal and a session's wake-up channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Woke {
    /// The terminal has something (bytes, or news that it is gone).
    Terminal(Readiness),
    /// The wake-up channel was written to (a signal, another session's save).
    Waker,
    /// The time ran out (or a signal interrupted the wait).
    Timeout,
}

/// The terminal's erase character (termios VERASE), DEL if it cannot be read.
pub fn erase_char() -> u8 {
    use rustix::termios::{SpecialCodeIndex, tcgetattr};
    match tcgetattr(io::stdin().as_fd()) {
        Ok(t) => t.special_codes[SpecialCodeIndex::VERASE],
        Err(_) => 0x7f,
    }
}

/// Waits up to `timeout` for input on the terminal (stdin).
pub fn wait(timeout: Duration) -> Readiness {
    let stdin = io::stdin();
    let fd = stdin.as_fd();
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    let ts = Timespec {
        tv_sec: timeout.as_secs().try_into().unwrap_or(i64::MAX),
        tv_nsec: timeout.subsec_nanos().into(),
    };
    match poll(&mut fds, Some(&ts)) {
        Ok(0) => Readiness::Nothing,
        Ok(_) => {
            let r = fds[0].revents();
            // Bytes that came before a hang-up are read first: the read then reports it.
            if r.contains(PollFlags::IN) {
                Readiness::Ready
            } else if r.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                Readiness::HungUp
            } else {
                Readiness::Nothing
            }
        }
        // A signal arrived while waiting: the loop looks at the flags and comes back.
        Err(rustix::io::Errno::INTR) => Readiness::Nothing,
        Err(_) => Readiness::HungUp,
    }
}

/// Waits for the terminal or `wake` to have something, up to `timeout` (`None`: for as long
/// as it takes; a session with nothing due uses no CPU at all).
pub fn wait_with(wake: BorrowedFd<'_>, timeout: Option<Duration>) -> Woke {
    wait_on(io::stdin().as_fd(), wake, timeout)
}

/// Waits for `input` (a terminal, a client's socket, a listener) or `wake` to have something,
/// up to `timeout` (`None`: no limit). Input is looked at first: bytes before a wake-up.
pub fn wait_on(input: BorrowedFd<'_>, wake: BorrowedFd<'_>, timeout: Option<Duration>) -> Woke {
    let fd = input;
    let mut fds = [
        PollFd::new(&fd, PollFlags::IN),
        PollFd::new(&wake, PollFlags::IN),
    ];
    let ts = timeout.map(|t| Timespec {
        tv_sec: t.as_secs().try_into().unwrap_or(i64::MAX),
        tv_nsec: t.subsec_nanos().into(),
    });
    match poll(&mut fds, ts.as_ref()) {
        Ok(0) | Err(rustix::io::Errno::INTR) => Woke::Timeout,
        Ok(_) => {
            let r = fds[0].revents();
            if r.contains(PollFlags::IN) {
                Woke::Terminal(Readiness::Ready)
            } else if r.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                Woke::Terminal(Readiness::HungUp)
            } else if fds[1].revents().intersects(PollFlags::IN | PollFlags::HUP) {
                Woke::Waker
            } else {
                Woke::Timeout
            }
        }
        Err(_) => Woke::Terminal(Readiness::HungUp),
    }
}

/// Reads everything the terminal has now (poll says readable, read, again until nothing is
/// left or `BATCH_LIMIT`); stops early if `stop` says so (a signal).
pub fn read_batch(stop: impl Fn() -> bool) -> Batch {
    let mut batch = Batch::default();
    let mut buf = vec![0u8; READ_SIZE];
    let stdin = io::stdin();
    loop {
        match rustix::io::read(stdin.as_fd(), &mut buf[..]) {
            Ok(0) => batch.hung_up = true,
            Ok(n) => batch.bytes.extend_from_slice(&buf[..n]),
            Err(rustix::io::Errno::INTR) => {}
            // Not ours to wait for: poll said readable, but another reader took the bytes.
            Err(rustix::io::Errno::AGAIN) => break,
            // EIO: the terminal's far side is gone.
            Err(_) => batch.hung_up = true,
        }
        if batch.hung_up || stop() || batch.bytes.len() >= BATCH_LIMIT {
            break;
        }
        match wait(Duration::ZERO) {
            Readiness::Ready => {}
            Readiness::Nothing => break,
            Readiness::HungUp => {
                batch.hung_up = true;
                break;
            }
        }
    }
    batch
}
