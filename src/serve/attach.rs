//! `sqa attach` (and `sqa` when a server answers): a thin terminal proxy to a session on the
//! server. It puts the terminal in raw mode on the alternate screen, forwards the bytes typed
//! and every resize, and writes the frames as they come; the terminal is given back on every
//! way out (the session ended, the server stopped or went away, a hang-up, a signal, a panic).
//! The session itself — keys, drafts, saves — lives on the server: a client killed outright
//! loses nothing the server had been sent.

use super::proto::{Frames, ToClient, ToServer, VERSION};
use crate::input::tty;
use crate::tui::{Signals, TerminalMode, install_panic_hook};
use crate::wake::Wake;
use anyhow::{Context, Result};
use rustix::event::{PollFd, PollFlags, poll};
use std::io::{self, Read, Write};
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::atomic::Ordering;

/// The most input bytes one frame carries.
const INPUT_CHUNK: usize = 64 * 1024;

/// How an attached session ended.
#[derive(Debug)]
pub enum Detached {
    /// The session ended (the user quit); the server's word, if any, to print.
    Ended(String),
    /// The terminal went away.
    Hangup,
    /// The server closed the connection without a word (it died).
    Lost,
    /// The server gave no session, and why.
    Refused(String),
}

/// Connects to the server on `socket`, if one answers.
pub fn connect(socket: &Path) -> Option<UnixStream> {
    UnixStream::connect(socket).ok()
}

/// The store's data from the server over `conn` (the JSON export format), at most `cap`
/// bytes, for a command that reads while the server holds the store.
pub fn fetch(mut conn: UnixStream, cap: usize) -> Result<Vec<u8>> {
    conn.write_all(&ToServer::Fetch { version: VERSION }.encode())
        .context("the server did not take the request")?;
    fetch_reply(conn, cap)
}

/// `Chunk`s up to a `Bye`, at most `cap` bytes; a refusal is an error saying why.
fn fetch_reply(mut conn: UnixStream, cap: usize) -> Result<Vec<u8>> {
    let mut frames = Frames::default();
    let mut data = Vec::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        while let Some(msg) = frames.next_to_client().map_err(anyhow::Error::msg)? {
            match msg {
                ToClient::Chunk(bytes) => {
                    if data.len() + bytes.len() > cap {
                        anyhow::bail!("the server's data is larger than {} MiB", cap >> 20);
                    }
                    data.extend_from_slice(&bytes);
                }
                ToClient::Bye(why) if why.is_empty() => return Ok(data),
                ToClient::Bye(why) | ToClient::Refused(why) => {
                    anyhow::bail!(
                        "the server refused: {}",
                        crate::domain::text::clean_line(&why)
                    )
                }
                ToClient::Output(_) => anyhow::bail!("the server answered as to a session"),
            }
        }
        let n = conn
            .read(&mut buf)
            .context("the server closed the connection")?;
        if n == 0 {
            anyhow::bail!("the server closed the connection before sending everything");
        }
        frames.push(&buf[..n]);
    }
}

/// Has the server carry out an import (`request`: `import::request::GiasImport` as JSON) with
/// this caller's identity; returns its report.
pub fn import(mut conn: UnixStream, request: &[u8]) -> Result<String> {
    conn.write_all(&ToServer::Import { version: VERSION }.encode())
        .context("the server did not take the request")?;
    // Pieces well under the frame cap; an empty one ends the request.
    for piece in request.chunks(1 << 20) {
        conn.write_all(&ToServer::Upload(piece.to_vec()).encode())
            .context("the server did not take the import")?;
    }
    conn.write_all(&ToServer::Upload(Vec::new()).encode())
        .context("the server did not take the import")?;
    let report = fetch_reply(conn, 1 << 20)?;
    Ok(String::from_utf8_lossy(&report).into_owned())
}

/// Runs the session on the server over `conn` in this terminal until it ends.
pub fn attach(mut conn: UnixStream, no_color: bool) -> Result<Detached> {
    let wake = Wake::new().context("could not set up the event loop")?;
    let signals = Signals::register(&wake).context("could not install signal handlers")?;
    install_panic_hook();
    let size = crate::tui::local_size();
    let (cols, rows) = (size.width, size.height);
    let mut mode = TerminalMode::enter().context("could not set up the terminal")?;
    // A server that refuses may close before reading this: its reason is read below.
    let _ = conn.write_all(
        &ToServer::Hello {
            version: VERSION,
            cols,
            rows,
            erase: tty::erase_char(),
            no_color,
        }
        .encode(),
    );
    let result = proxy(&mut conn, &wake, &signals);
    match &result {
        Ok(Detached::Hangup) => {
            let _ = ratatui::crossterm::terminal::disable_raw_mode();
            mode.disarm();
        }
        _ => mode.leave(),
    }
    result
}

fn proxy(conn: &mut UnixStream, wake: &Wake, signals: &Signals) -> Result<Detached> {
    let mut frames = Frames::default();
    let mut buf = vec![0u8; 64 * 1024];
    let stdin = io::stdin();
    loop {
        if signals.hangup.load(Ordering::Relaxed) {
            return Ok(Detached::Hangup);
        }
        if signals.terminate.load(Ordering::Relaxed) {
            // The server keeps what was typed: closing the connection is a hang-up to it.
            return Ok(Detached::Ended(String::new()));
        }
        if signals.resized.swap(false, Ordering::Relaxed) {
            let size = crate::tui::local_size();
            let (cols, rows) = (size.width, size.height);
            if conn
                .write_all(&ToServer::Resize { cols, rows }.encode())
                .is_err()
            {
                return Ok(Detached::Lost);
            }
        }
        let stdin_fd = stdin.as_fd();
        let wake_fd = wake.fd();
        let mut fds = [
            PollFd::new(&stdin_fd, PollFlags::IN),
            PollFd::new(conn, PollFlags::IN),
            PollFd::new(&wake_fd, PollFlags::IN),
        ];
        match poll(&mut fds, None) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
        }
        let ready = PollFlags::IN | PollFlags::HUP | PollFlags::ERR;
        let (keys, server, woken) = (
            fds[0].revents(),
            fds[1].revents().intersects(ready),
            fds[2].revents().intersects(ready),
        );
        if woken {
            wake.drain();
        }
        if server {
            match conn.read(&mut buf) {
                Ok(0) | Err(_) => return Ok(Detached::Lost),
                Ok(n) => frames.push(&buf[..n]),
            }
            loop {
                match frames.next_to_client() {
                    Ok(Some(ToClient::Output(bytes))) => {
                        let mut out = io::stdout().lock();
                        if out.write_all(&bytes).and_then(|()| out.flush()).is_err() {
                            return Ok(Detached::Hangup);
                        }
                    }
                    Ok(Some(ToClient::Bye(why))) => return Ok(Detached::Ended(why)),
                    Ok(Some(ToClient::Refused(why))) => return Ok(Detached::Refused(why)),
                    Ok(Some(ToClient::Chunk(_))) => return Ok(Detached::Lost),
                    Ok(None) => break,
                    Err(_) => return Ok(Detached::Lost),
                }
            }
        }
        if keys.contains(PollFlags::IN) {
            let batch = tty::read_batch(|| signals.stop_requested());
            // In frames well under the server's limit, however much came at once.
            for chunk in batch.bytes.chunks(INPUT_CHUNK) {
                if conn
                    .write_all(&ToServer::Input(chunk.to_vec()).encode())
                    .is_err()
                {
                    return Ok(Detached::Lost);
                }
            }
            if batch.hung_up {
                return Ok(Detached::Hangup);
            }
        } else if keys.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
            return Ok(Detached::Hangup);
        }
    }
}
