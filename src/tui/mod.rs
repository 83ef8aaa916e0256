//! The local terminal's transport: puts the terminal in the mode the app needs and always gives
//! it back (normal exit, error, panic, SIGTERM, SIGHUP), and carries events between it and the
//! session (`runner`): bytes read from stdin, a hang-up, a resize, a timer, each frame written
//! back in one write. It sleeps in poll(2) on stdin and a wake-up channel until one of them has
//! something or the session's next deadline: no polling interval, nothing done while idle.
//!
//! Nothing in `app`, `ui` or `runner` knows about stdout.

mod editor;

use crate::app::App;
use crate::input::tty::{self, Readiness, Woke};
use crate::runner::{End, Runner, Step};
use crate::store::Store;
use crate::wake::Wake;
use anyhow::{Context, Result};
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Size;
use std::io::{self, Write};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

pub use crate::runner::AfterFirstFrame;

/// Puts the terminal in raw mode on the alternate screen; undoes every mode it set when dropped.
pub struct TerminalMode {
    active: bool,
}

impl TerminalMode {
    pub fn enter() -> io::Result<TerminalMode> {
        enable_raw_mode()?;
        let mut out = io::stdout();
        if let Err(e) = execute!(
            out,
            EnterAlternateScreen,
            Clear(ClearType::All),
            EnableBracketedPaste,
            cursor::Hide
        ) {
            let _ = disable_raw_mode();
            return Err(e);
        }
        Ok(TerminalMode { active: true })
    }

    /// The terminal is gone: nothing is to be written to it on the way out.
    pub fn disarm(&mut self) {
        self.active = false;
    }

    /// Restores the terminal; errors are ignored because the terminal may already be gone.
    pub fn leave(&mut self) {
        if self.active {
            restore_terminal();
            self.active = false;
        }
    }
}

impl Drop for TerminalMode {
    fn drop(&mut self) {
        self.leave();
    }
}

/// Undoes everything `TerminalMode::enter` did. Safe to call more than once.
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// On panic, give the terminal back before the message is printed, so the user can read it and
/// their shell still works.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Flags raised by SIGTERM, SIGHUP (a dropped SSH connection) and SIGINT. The default action of
/// these signals kills the process without running destructors: the store would lose unflushed
/// writes and the terminal would stay raw. Raising a flag lets the loop end cleanly instead;
/// each signal also writes to the loop's wake-up channel, so a loop asleep in poll sees it.
pub struct Signals {
    pub terminate: Arc<AtomicBool>,
    pub hangup: Arc<AtomicBool>,
    /// SIGWINCH: the runtime watches it itself, since it reads the terminal itself.
    pub resized: Arc<AtomicBool>,
}

impl Signals {
    pub fn register(wake: &Wake) -> Result<Signals> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
        let terminate = Arc::new(AtomicBool::new(false));
        let hangup = Arc::new(AtomicBool::new(false));
        let resized = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGTERM, Arc::clone(&terminate))?;
        signal_hook::flag::register(SIGINT, Arc::clone(&terminate))?;
        signal_hook::flag::register(SIGHUP, Arc::clone(&hangup))?;
        signal_hook::flag::register(SIGWINCH, Arc::clone(&resized))?;
        for sig in [SIGTERM, SIGINT, SIGHUP, SIGWINCH] {
            wake.on_signal(sig)?;
        }
        Ok(Signals {
            terminate,
            hangup,
            resized,
        })
    }
    pub fn stop_requested(&self) -> bool {
        self.terminate.load(Ordering::Relaxed) || self.hangup.load(Ordering::Relaxed)
    }
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit, or SIGTERM/SIGINT.
    Quit,
    /// The terminal went away (SIGHUP): finish fast, write nothing more to it.
    Hangup,
}

/// The local terminal's size; 80x24 if it cannot be read, or reads as zero (a pty nobody
/// sized: nothing would ever be drawn).
pub fn local_size() -> Size {
    match ratatui::crossterm::terminal::size() {
        Ok((width, height)) if width > 0 && height > 0 => Size { width, height },
        _ => Size {
            width: 80,
            height: 24,
        },
    }
}

/// How the board's session ended, and what it leaves for the work after it.
pub struct Ended {
    pub exit: Exit,
    /// The session's data and the revision it is, if it had loaded (see `Runner::loaded`).
    pub loaded: Option<(std::sync::Arc<crate::domain::Dataset>, u64)>,
}

/// Runs the board in the local terminal until the user quits or a signal arrives.
pub fn run(
    store: &Store,
    app: App,
    after_first_frame: Option<AfterFirstFrame<'_>>,
) -> Result<Ended> {
    let wake = Wake::new().context("could not set up the event loop")?;
    let signals = Signals::register(&wake).context("could not install signal handlers")?;
    install_panic_hook();
    let mut mode = TerminalMode::enter().context("could not set up the terminal")?;
    let mut runner = Runner::new(store, app, local_size(), tty::erase_char())?;
    if let Some(work) = after_first_frame {
        runner = runner.after_first_frame(work);
    }
    let fault = std::env::var(FAULT_PANIC_ON).ok().filter(|f| !f.is_empty());
    let turns = std::panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut runner, &wake, &signals, fault.as_deref())
    }));
    let result = match turns {
        Ok(result) => result,
        Err(panic) => {
            // The panic hook has given the terminal back and printed the message. What was
            // typed is kept as the session's drafts, if the app can still say what it was (a
            // second panic here is caught too: the first one is what the user must see).
            mode.active = false;
            let _ = std::panic::catch_unwind(AssertUnwindSafe(|| runner.finish()));
            std::panic::resume_unwind(panic);
        }
    };
    let hangup = matches!(result, Ok(End::Hangup)) || signals.hangup.load(Ordering::Relaxed);
    if hangup {
        // The terminal is gone: writing to it could block or fail; just release the tty modes.
        let _ = disable_raw_mode();
        mode.active = false;
    } else {
        mode.leave();
    }
    // Whatever ended the session (quit, SIGHUP, SIGTERM, an error), what was typed and not
    // saved is kept, offered back next time.
    runner
        .finish()
        .context("could not flush the store on exit")?;
    result.map(|_| Ended {
        exit: if hangup { Exit::Hangup } else { Exit::Quit },
        loaded: runner.loaded(),
    })
}

/// Writes one frame to the terminal: one write (the lean backend gathered it).
fn ship(bytes: &[u8]) -> io::Result<()> {
    if bytes.is_empty() {
        return Ok(());
    }
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Fault injection for the tests of panic handling: when set, input containing its value makes
/// the session panic as a bug would (tests/it/e2e_panic.rs). Unset, it costs nothing.
const FAULT_PANIC_ON: &str = "SQA_FAULT_PANIC_ON";

fn event_loop(
    runner: &mut Runner<'_>,
    wake: &Wake,
    signals: &Signals,
    fault: Option<&str>,
) -> Result<End> {
    loop {
        if signals.hangup.load(Ordering::Relaxed) {
            runner.hangup();
            return Ok(End::Hangup);
        }
        if signals.terminate.load(Ordering::Relaxed) {
            return Ok(End::Quit);
        }
        if signals.resized.swap(false, Ordering::Relaxed) {
            runner.resize(local_size());
        }
        // Draw before waiting: the first frame must not wait for a key.
        let frame = runner.frame()?;
        if ship(&frame).is_err() {
            // A terminal that cannot be written to is gone.
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
        let step = match tty::wait_with(wake.fd(), timeout) {
            Woke::Waker => {
                wake.drain();
                runner.store_changed()
            }
            Woke::Timeout => runner.timer(Instant::now()),
            Woke::Terminal(Readiness::HungUp) => runner.hangup(),
            Woke::Terminal(_) => {
                // Everything queued is read and decoded before the next frame, so a burst of
                // keys (a paste without bracketed paste, a backlog after a freeze) costs one
                // frame.
                let batch = tty::read_batch(|| signals.stop_requested());
                if let Some(f) = fault
                    && batch.bytes.windows(f.len()).any(|w| w == f.as_bytes())
                {
                    panic!("fault injected by {FAULT_PANIC_ON}");
                }
                let step = runner.input(&batch.bytes, Instant::now());
                if batch.hung_up && !matches!(step, Step::Ended(_)) {
                    runner.hangup()
                } else {
                    step
                }
            }
        };
        match step {
            Step::Continue => {}
            Step::Ended(end) => return Ok(end),
            Step::Edit(text) => match editor::edit_externally(&text, signals) {
                Ok(editor::Edited::Done(text)) => runner.edited(Ok(text)),
                Ok(editor::Edited::HungUp(text)) => {
                    // The terminal went away while the editor ran: what it had written goes
                    // into the form, which `finish` keeps as a draft. Nothing more is drawn.
                    runner.edited_then_hung_up(text);
                    signals.hangup.store(true, Ordering::Relaxed);
                    return Ok(End::Hangup);
                }
                Err(e) => runner.edited(Err(e.to_string())),
            },
        }
    }
}
