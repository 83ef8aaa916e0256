//! `sqa serve`: one process holds the store and hosts a session per connection on its Unix
//! socket, each with its own app, screen size and officer (the uid at the other end of the
//! socket), all over one `Store`: every save is checked against the record's revision in one
//! transaction, and every other session is woken to reload and redraw what changed.
//!
//! Each session runs on its own thread: a `Runner` fed from the socket. SIGTERM, SIGINT or
//! SIGHUP stop the server cleanly: every session keeps its drafts and its client is told why.

use super::proto::{Frames, ToClient, ToServer, VERSION};
use crate::input::tty::{self, Woke};
use crate::runner::{End, Runner, Step};
use crate::session::Session;
use crate::store::Store;
use crate::wake::{Wake, Waker};
use anyhow::{Context, Result};
use ratatui::layout::Size;
use std::io::{Read, Write};
use std::os::fd::AsFd;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often the server looks whether its chores are due (the daily backup: a new day).
const CHORES_EVERY: Duration = Duration::from_secs(600);

/// How long a client has to send its `Hello`, and a write to a client may block, before the
/// session is dropped (a client that stopped reading must not hold a thread for ever).
const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);

/// What every session of the server is set up with.
pub struct Setup<'a> {
    pub store: &'a Store,
    /// The session for a user: their clock and preferences (the server's clock for everyone).
    pub session_for: &'a (dyn Fn(&str) -> Session + Sync),
    /// The app for a session's first frame and the work that follows it (`cli::board_app`
    /// with the configuration applied).
    pub app_for: &'a (
            dyn Fn(&Session) -> Result<(crate::app::App, crate::runner::AfterFirstFrame<'a>)> + Sync
        ),
    /// The role of a login on this server; `None`: not in the team, refused.
    pub role_of: &'a (dyn Fn(&str) -> Option<crate::domain::role::Role> + Sync),
    /// Log lines (stderr for `sqa serve`).
    pub log: &'a (dyn Fn(&str) + Sync),
    /// A checked import request (`import::request::GiasImport` as JSON) carried out for a
    /// login: its report, or why not.
    pub import: &'a (dyn Fn(&str, &[u8]) -> Result<String> + Sync),
    /// The server's own work, not any session's: run when it starts and every
    /// `CHORES_EVERY` after (the daily backup, taken once a day however long it runs), on a
    /// thread of its own so that no one waits on it.
    pub chores: &'a (dyn Fn() + Sync),
}

/// Serves on `socket` until a stop signal. The socket file is made (an old one left by a
/// server that died is replaced; one a live server answers on is refused) and removed at the
/// end.
pub fn serve(setup: &Setup<'_>, socket: &Path) -> Result<()> {
    if UnixStream::connect(socket).is_ok() {
        anyhow::bail!("a server is already running on {}", socket.display());
    }
    // Not answered: left by a server that died. Anything else at that path is not ours.
    if let Ok(meta) = std::fs::symlink_metadata(socket) {
        use std::os::unix::fs::FileTypeExt;
        if !meta.file_type().is_socket() {
            anyhow::bail!("{} exists and is not a socket", socket.display());
        }
        std::fs::remove_file(socket)
            .with_context(|| format!("could not remove the old socket {}", socket.display()))?;
    }
    let listener = UnixListener::bind(socket)
        .with_context(|| format!("could not listen on {}", socket.display()))?;
    listener.set_nonblocking(true)?;
    let wake = Wake::new()?;
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
        wake.on_signal(sig)?;
    }
    (setup.log)(&format!("sqa serve: listening on {}", socket.display()));
    // Every live session's waker, to tell it the server is stopping.
    let sessions: Mutex<Vec<Waker>> = Mutex::new(Vec::new());
    // Set while the chores run: a slow backup is never started twice.
    let busy = AtomicBool::new(false);
    let result = std::thread::scope(|scope| -> Result<()> {
        let mut chores_due = Instant::now();
        loop {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            if Instant::now() >= chores_due {
                chores_due = Instant::now() + CHORES_EVERY;
                if !busy.swap(true, Ordering::AcqRel) {
                    let busy = &busy;
                    scope.spawn(move || {
                        (setup.chores)();
                        busy.store(false, Ordering::Release);
                    });
                }
            }
            let until = chores_due.saturating_duration_since(Instant::now());
            match tty::wait_on(listener.as_fd(), wake.fd(), Some(until)) {
                Woke::Terminal(_) => loop {
                    match listener.accept() {
                        Ok((conn, _)) => {
                            let session_wake = Wake::new()?;
                            if let Ok(mut all) = sessions.lock() {
                                all.push(session_wake.waker()?);
                            }
                            let stop = &stop;
                            scope.spawn(move || {
                                if let Err(e) = run_session(setup, conn, session_wake, stop) {
                                    (setup.log)(&format!("sqa serve: a session ended: {e:#}"));
                                }
                            });
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                        Err(e) => {
                            (setup.log)(&format!("sqa serve: accept failed: {e}"));
                            break;
                        }
                    }
                },
                Woke::Waker => wake.drain(),
                Woke::Timeout => {}
            }
        }
        (setup.log)("sqa serve: stopping; every session keeps its drafts");
        if let Ok(all) = sessions.lock() {
            for w in all.iter() {
                w.wake();
            }
        }
        Ok(())
    });
    let _ = std::fs::remove_file(socket);
    setup.store.flush()?;
    result
}

/// The officer at the other end of `conn`: the login name of its uid.
fn peer_user(conn: &UnixStream) -> Result<String> {
    let cred = rustix::net::sockopt::socket_peercred(conn).context("whose connection is this")?;
    let uid = cred.uid.as_raw();
    crate::session::name_of_uid(uid).with_context(|| format!("uid {uid} has no login name"))
}

pub(super) fn send(conn: &mut UnixStream, msg: &ToClient) -> std::io::Result<()> {
    conn.write_all(&msg.encode())
}

/// What a client asked for in its first frame.
enum First {
    /// A session: its terminal's size, erase character and colour preference.
    Session(Size, u8, bool),
    /// The store's data, for a command that reads.
    Fetch,
    /// An import, carried out with the caller's identity and role.
    Import,
}

/// The most bytes one `Chunk` carries.
const CHUNK: usize = 1 << 20;

/// Reads the client's first frame (within `CLIENT_TIMEOUT`).
fn hello(conn: &mut UnixStream, frames: &mut Frames) -> Result<First> {
    conn.set_read_timeout(Some(CLIENT_TIMEOUT))?;
    let mut buf = [0u8; 256];
    loop {
        if let Some(msg) = frames.next_to_server().map_err(anyhow::Error::msg)? {
            conn.set_read_timeout(None)?;
            return match msg {
                ToServer::Hello {
                    version,
                    cols,
                    rows,
                    erase,
                    no_color,
                } if version == VERSION => Ok(First::Session(
                    Size {
                        width: cols.max(1),
                        height: rows.max(1),
                    },
                    erase,
                    no_color,
                )),
                ToServer::Fetch { version } if version == VERSION => Ok(First::Fetch),
                ToServer::Import { version } if version == VERSION => Ok(First::Import),
                ToServer::Hello { version, .. }
                | ToServer::Fetch { version }
                | ToServer::Import { version } => {
                    let why = format!(
                        "this server speaks protocol {VERSION}, the client {version}: use the same sqa on both sides"
                    );
                    let _ = send(conn, &ToClient::Refused(why.clone()));
                    anyhow::bail!(why)
                }
                _ => anyhow::bail!("the client did not start with Hello"),
            };
        }
        let n = conn.read(&mut buf)?;
        if n == 0 {
            anyhow::bail!("the client left before saying hello");
        }
        frames.push(&buf[..n]);
    }
}

fn run_session(
    setup: &Setup<'_>,
    mut conn: UnixStream,
    wake: Wake,
    stop: &AtomicBool,
) -> Result<()> {
    let user = match peer_user(&conn) {
        Ok(u) => u,
        Err(e) => {
            let _ = send(&mut conn, &ToClient::Refused(format!("{e:#}")));
            return Err(e);
        }
    };
    let mut frames = Frames::default();
    let first = hello(&mut conn, &mut frames)?;
    let Some(role) = (setup.role_of)(&user) else {
        let why = format!(
            "{} is not in this server's team (the [serve] lists of its configuration)",
            crate::domain::text::clean_line(&user)
        );
        let _ = send(&mut conn, &ToClient::Refused(why.clone()));
        anyhow::bail!(why);
    };
    conn.set_write_timeout(Some(CLIENT_TIMEOUT))?;
    let (size, erase, no_color) = match first {
        First::Session(size, erase, no_color) => (size, erase, no_color),
        First::Fetch => {
            // The data as one consistent read of the store, in the JSON export format (the
            // client checks it as an import would).
            let data = setup.store.export_dataset()?;
            let json = serde_json::to_vec(&data)?;
            for chunk in json.chunks(CHUNK) {
                send(&mut conn, &ToClient::Chunk(chunk.to_vec()))?;
            }
            send(&mut conn, &ToClient::Bye(String::new()))?;
            (setup.log)(&format!("sqa serve: {user} read the store's data"));
            return Ok(());
        }
        First::Import => return super::import::serve_import(setup, conn, frames, &user, role),
    };
    let mut session = (setup.session_for)(&user);
    session.no_color = session.no_color || no_color;
    session.role = role;
    let (app, after) = (setup.app_for)(&session)?;
    let mut runner = Runner::new(setup.store, app, size, erase)?
        .after_first_frame(after)
        .wake_on_change(wake.waker()?);
    (setup.log)(&format!("sqa serve: {user} attached ({role})"));
    let end = session_loop(&mut runner, &mut conn, &mut frames, &wake, stop);
    runner.finish()?;
    let why = match &end {
        Ok(End::Quit) if stop.load(Ordering::Relaxed) => {
            Some("The server is stopping: what you had not saved is kept, offered back next time.")
        }
        Ok(End::Quit) => Some(""),
        _ => None,
    };
    if let Some(why) = why {
        let _ = send(&mut conn, &ToClient::Bye(why.to_string()));
    }
    (setup.log)(&format!("sqa serve: {user} left"));
    end.map(|_| ())
}

fn session_loop(
    runner: &mut Runner<'_>,
    conn: &mut UnixStream,
    frames: &mut Frames,
    wake: &Wake,
    stop: &AtomicBool,
) -> Result<End> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(End::Quit);
        }
        let out = runner.frame()?;
        if !out.is_empty() && send(conn, &ToClient::Output(out)).is_err() {
            runner.hangup();
            return Ok(End::Hangup);
        }
        if runner.after_frame()? {
            continue;
        }
        let now = Instant::now();
        let timeout = runner
            .deadline(now)
            .map(|d| d.saturating_duration_since(now));
        let step = match tty::wait_on(conn.as_fd(), wake.fd(), timeout) {
            // Readable or hung up: a read says which.
            Woke::Terminal(_) => match conn.read(&mut buf) {
                Ok(0) | Err(_) => runner.hangup(),
                Ok(n) => {
                    frames.push(&buf[..n]);
                    client_frames(runner, frames)
                }
            },
            Woke::Waker => {
                wake.drain();
                runner.store_changed()
            }
            Woke::Timeout => runner.timer(Instant::now()),
        };
        match step {
            Step::Continue => {}
            Step::Ended(end) => return Ok(end),
            Step::Edit(_) => runner.edited(Err(
                "no external editor in a session attached to a server (it would run on the server)"
                    .into(),
            )),
        }
    }
}

/// Carries out every whole frame the client has sent.
fn client_frames(runner: &mut Runner<'_>, frames: &mut Frames) -> Step {
    loop {
        match frames.next_to_server() {
            Ok(Some(ToServer::Input(bytes))) => {
                let step = runner.input(&bytes, Instant::now());
                if step != Step::Continue {
                    return step;
                }
            }
            Ok(Some(ToServer::Resize { cols, rows })) => runner.resize(Size {
                width: cols.max(1),
                height: rows.max(1),
            }),
            // A second hello, or a fetch mid-session, means nothing.
            Ok(Some(
                ToServer::Hello { .. }
                | ToServer::Fetch { .. }
                | ToServer::Import { .. }
                | ToServer::Upload(_),
            )) => {}
            Ok(None) => return Step::Continue,
            // A client that breaks the protocol (or sends a frame over `MAX_FRAME`) is gone.
            Err(_) => return runner.hangup(),
        }
    }
}
