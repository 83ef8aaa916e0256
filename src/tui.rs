//! The terminal runtime: puts the terminal in the mode the app needs and always gives it back
//! (normal exit, error, panic, SIGTERM, SIGHUP), runs the event loop (block for input, drain what
//! is queued, draw once and only if something changed), and carries out the app's effects
//! against the store.
//!
//! A session renders to any `Write` sink: this module is the local-terminal transport, and
//! nothing in `app` or `ui` knows about stdout.

use crate::app::{App, Effect};
use crate::effects::{self, Next};
use crate::input::{Decoder, Input, PASTE_CAP, tty};
use crate::lean_backend::LeanBackend;
use crate::store::Store;
use crate::ui;
use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, KeyEventKind};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long one wait for input lasts before the loop looks at signals and other sessions' saves.
/// Waking costs a little CPU but writes nothing: output happens only when the app is dirty.
const WAIT: Duration = Duration::from_millis(200);

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
/// writes and the terminal would stay raw. Raising a flag lets the loop end cleanly instead.
pub struct Signals {
    pub terminate: Arc<AtomicBool>,
    pub hangup: Arc<AtomicBool>,
    /// SIGWINCH: the runtime watches it itself, since it reads the terminal itself (crossterm's
    /// event reader, which would report resizes, is not used).
    pub resized: Arc<AtomicBool>,
}

impl Signals {
    pub fn register() -> Result<Signals> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let terminate = Arc::new(AtomicBool::new(false));
        let hangup = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGTERM, Arc::clone(&terminate))?;
        signal_hook::flag::register(SIGINT, Arc::clone(&terminate))?;
        signal_hook::flag::register(SIGHUP, Arc::clone(&hangup))?;
        let resized = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&resized))?;
        Ok(Signals {
            terminate,
            hangup,
            resized,
        })
    }
    fn stop_requested(&self) -> bool {
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

/// Work the runtime does once the first frame is on screen and before it reads a key (e.g.
/// load everything the first frame did not need), so the board shows as soon as it can.
pub type AfterFirstFrame<'a> = Box<dyn FnOnce(&mut App) -> Result<()> + 'a>;

/// Runs the board in the local terminal until the user quits or a signal arrives.
pub fn run(
    store: &Store,
    mut app: App,
    after_first_frame: Option<AfterFirstFrame<'_>>,
) -> Result<Exit> {
    let signals = Signals::register().context("could not install signal handlers")?;
    install_panic_hook();
    let mut mode = TerminalMode::enter().context("could not set up the terminal")?;
    // Not `terminal.clear()`: it asks the terminal for the cursor position (a round trip over
    // SSH, and a hang on terminals that never answer). The alternate screen starts cleared.
    let mut terminal = Terminal::new(LeanBackend::new(io::stdout()))?;
    effects::restore_kept(store, &mut app);
    let result = event_loop(store, &mut app, &mut terminal, &signals, after_first_frame);
    // Whatever ended the session (quit, SIGHUP, SIGTERM, an error), what was typed and not
    // saved is kept, offered back next time.
    effects::keep_unsaved(store, &app);
    let hangup = signals.hangup.load(Ordering::Relaxed);
    if hangup {
        // The terminal is gone: writing to it could block or fail; just release the tty modes.
        let _ = disable_raw_mode();
        mode.active = false;
    } else {
        mode.leave();
    }
    // ratatui's Terminal shows the cursor when dropped and reports failure with eprintln!, which
    // panics when stderr is a dead terminal (also when a draw failed on one before SIGHUP came).
    // `leave` has shown the cursor already, errors ignored: the Terminal is never dropped.
    std::mem::forget(terminal);
    store.flush().context("could not flush the store on exit")?;
    result.map(|()| if hangup { Exit::Hangup } else { Exit::Quit })
}

fn event_loop<W: Write>(
    store: &Store,
    app: &mut App,
    terminal: &mut Terminal<LeanBackend<W>>,
    signals: &Signals,
    mut after_first_frame: Option<AfterFirstFrame<'_>>,
) -> Result<()> {
    let changes = store.subscribe();
    // The store revision the app's data is known to include (it may include later ones: the
    // first frame's data loads after this is read, and a reload after its revision is read).
    let mut known = store.revision()?;
    let mut force_draw = true;
    let mut decoder = Decoder::new(tty::erase_char());
    loop {
        if signals.stop_requested() {
            return Ok(());
        }
        let resized = signals.resized.swap(false, Ordering::Relaxed);
        if resized {
            force_draw = true;
        }
        // Draw before waiting: the first frame must not wait for a key or the idle timeout.
        if app.take_dirty() || force_draw {
            terminal.draw(|f| ui::draw(f, app))?;
            force_draw = false;
        }
        if let Some(work) = after_first_frame.take() {
            work(app)?;
            continue;
        }
        // The runtime reads the terminal itself (src/input): no byte waits in a buffer that
        // poll cannot see, and a hang-up is seen at any byte of any sequence. It waits no
        // longer than an incomplete sequence (a lone Esc) may wait for its rest.
        let timeout = decoder.deadline().map_or(WAIT, |d| {
            d.saturating_duration_since(Instant::now()).min(WAIT)
        });
        // Nor longer than the app's next timed work (keeping a note's draft).
        let timeout = app.wake_at_ms().map_or(timeout, |at| {
            let ms = u64::try_from(at - app.clock.now_ms()).unwrap_or(0);
            timeout.min(Duration::from_millis(ms))
        });
        let mut batch = match tty::wait(timeout) {
            // Everything queued is read and decoded before the next frame, so a burst of keys
            // (a paste without bracketed paste, a backlog after a freeze) costs one frame.
            tty::Readiness::Ready => tty::read_batch(&mut decoder, || signals.stop_requested()),
            tty::Readiness::Nothing => tty::Batch::default(),
            tty::Readiness::HungUp => tty::Batch {
                inputs: decoder.finish(),
                hung_up: true,
            },
        };
        batch.inputs.extend(decoder.flush_timeout(Instant::now()));
        let mut effects = Vec::new();
        // Records this batch's early saves gave back to the app (see below).
        let mut applied = 0u64;
        for input in batch.inputs {
            match input {
                Input::Key(k) if k.kind != KeyEventKind::Release => {
                    effects.extend(app.handle_key(k));
                }
                Input::Key(_) => {}
                Input::Paste(text) => effects.extend(app.paste(&text)),
                Input::PasteCut(dropped) => app.set_status(format!(
                    "Paste cut at {} KiB: the last {dropped} bytes were left out",
                    PASTE_CAP / 1024
                )),
            }
            // A save is carried out before the next key of the batch is handled: over SSH keys
            // typed ahead arrive together, and the next one must see the revision this save
            // gives (else `ccc` in the tracker, or Ctrl-S twice, reports a false conflict).
            if effects.iter().any(|e| matches!(e, Effect::Save(_))) {
                let (later, now): (Vec<_>, Vec<_>) = effects
                    .into_iter()
                    .partition(|e| matches!(e, Effect::EditExternally(_)));
                effects = later;
                let ran = effects::run_effects(store, app, now);
                applied += ran.applied;
                if ran.next == Next::Quit {
                    return Ok(());
                }
            }
        }
        if batch.hung_up {
            // What was typed up to the hang-up is in the app (the loop's exit keeps it as a
            // draft); a save asked for before it is carried out. No editor: no terminal.
            signals.hangup.store(true, Ordering::Relaxed);
            effects.retain(|e| !matches!(e, Effect::EditExternally(_)));
            effects::run_effects(store, app, effects);
            return Ok(());
        }
        let now_ms = app.clock.now_ms();
        effects.extend(app.idle(now_ms));
        let (external, effects): (Vec<_>, Vec<_>) = effects
            .into_iter()
            .partition(|e| matches!(e, Effect::EditExternally(_)));
        for e in external {
            if let Effect::EditExternally(text) = e {
                match edit_externally(&text, signals) {
                    Ok(Edited::Done(text)) => app.external_edit_done(&text),
                    Ok(Edited::HungUp(text)) => {
                        // The terminal went away while the editor ran: what it had written
                        // goes into the form, which `run` keeps as a draft on the way out.
                        // Nothing more is drawn.
                        if let Some(text) = text {
                            app.external_edit_done(&text);
                        }
                        signals.hangup.store(true, Ordering::Relaxed);
                        return Ok(());
                    }
                    Err(e) => app.set_status(format!("Could not run the editor: {e}")),
                }
                // The editor drew over the screen: blank what ratatui thinks is there, so the
                // next frame is drawn in full.
                terminal.backend_mut().forget();
                terminal.draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))?;
                force_draw = true;
            }
        }
        let ran = effects::run_effects(store, app, effects);
        if ran.next == Next::Quit {
            return Ok(());
        }
        // The store changed. If only by this session's own saves, which the app has already
        // taken, there is nothing to load (a full reload costs ~100 ms on a large authority:
        // too much after every Enter in a meeting). Otherwise (another session saved, or a save
        // failed part-way) reload, once, however many changes arrived.
        if changes.try_iter().count() > 0 {
            match store.revision() {
                Ok(now) if now == known + applied + ran.applied => known = now,
                Ok(now) => match store.load_overview() {
                    Ok(data) => {
                        app.set_data(data);
                        known = now;
                    }
                    Err(e) => app.set_status(format!("Could not reload: {e}")),
                },
                Err(e) => app.set_status(format!("Could not reload: {e}")),
            }
        }
        if app.should_quit() {
            return Ok(());
        }
    }
}

/// How long an editor may go on after the terminal has gone (SIGHUP, or the tty hung up) before
/// sqa stops it: time to save a recovery file, short enough that the store (held by this
/// process) is not kept from the next session by an editor that ignores the hang-up.
const EDITOR_HANGUP_GRACE: Duration = Duration::from_secs(2);

/// How often the wait for the editor looks at the hang-up flag.
const EDITOR_POLL: Duration = Duration::from_millis(50);

/// The largest file read back from the editor: a note's text field at most (`domain::limits`).
const MAX_EDITED_BYTES: u64 = crate::domain::limits::MAX_TEXT_BYTES as u64;

/// What came back from `$EDITOR`.
#[derive(Debug)]
enum Edited {
    /// The editor exited successfully: its text.
    Done(String),
    /// The terminal went away while it ran: whatever the file held when the editor ended (or was
    /// stopped), if it could be read.
    HungUp(Option<String>),
}

/// Runs `$VISUAL` / `$EDITOR` (else `vi`) on a private temporary file holding `text`, with the
/// terminal given back meanwhile; returns the edited text.
///
/// If the terminal goes away meanwhile (`signals.hangup`, or stdin hung up), the editor gets
/// `EDITOR_HANGUP_GRACE` to end on its own and is then killed; the terminal is not touched again
/// and the file's text comes back as `Edited::HungUp`, for the caller to keep as a draft.
fn edit_externally(text: &str, signals: &Signals) -> io::Result<Edited> {
    use std::os::unix::fs::OpenOptionsExt;
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    // A name no one else holds: the pid and a count, tried until `create_new` succeeds (a
    // leftover from a crashed session, or a file planted in a shared /tmp, is skipped over).
    static EDITS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let (path, mut f) = loop {
        let n = EDITS.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("sqa-note-{}-{n}.txt", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
        {
            Ok(f) => break (path, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 10_000 => continue,
            Err(e) => return Err(e),
        }
    };
    f.write_all(text.as_bytes())?;
    if !text.is_empty() && !text.ends_with('\n') {
        f.write_all(b"\n")?;
    }
    // Closed before the editor opens it.
    drop(f);
    restore_terminal();
    // Through the shell, so an editor setting with arguments ("code -w") works; the path is
    // passed as an argument, never spliced into the command. `exec`, so the child is the editor
    // itself and stopping it after a hang-up stops the editor, not just a shell around it.
    let child = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("exec {editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .spawn();
    let status = child.and_then(|c| wait_for_editor(c, signals));
    let read_back = || {
        crate::files::read_limited(&path, MAX_EDITED_BYTES)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    };
    let result = match status {
        Ok(EditorEnd::HungUp) => {
            let text = read_back().ok();
            // Kept only if it could not be read: then it is the one copy of the text.
            if text.is_some() {
                let _ = std::fs::remove_file(&path);
            }
            return Ok(Edited::HungUp(text));
        }
        Ok(EditorEnd::Exited(s)) if s.success() => read_back().map(Edited::Done),
        Ok(EditorEnd::Exited(s)) => Err(io::Error::other(format!("{editor} exited with {s}"))),
        Err(e) => Err(e),
    };
    let _ = std::fs::remove_file(&path);
    let back = TerminalMode::enter();
    let mut mode = back?;
    // The session's own guard restores the terminal at the end; this one must not.
    mode.active = false;
    result
}

/// How the wait for the editor ended.
enum EditorEnd {
    Exited(std::process::ExitStatus),
    /// The terminal went away; the editor has ended or been killed.
    HungUp,
}

/// Waits for the editor, watching for a hang-up meanwhile (see `edit_externally`).
fn wait_for_editor(mut child: std::process::Child, signals: &Signals) -> io::Result<EditorEnd> {
    let hung_up = || {
        signals.hangup.load(Ordering::Relaxed)
            || tty::wait(Duration::ZERO) == tty::Readiness::HungUp
    };
    let mut hung_up_at: Option<std::time::Instant> = None;
    loop {
        if let Some(status) = child.try_wait()? {
            // Asked again: an editor that ends on the hang-up may end before the flag was seen.
            return Ok(if hung_up_at.is_some() || hung_up() {
                EditorEnd::HungUp
            } else {
                EditorEnd::Exited(status)
            });
        }
        let hung_up = hung_up();
        match hung_up_at {
            None if hung_up => hung_up_at = Some(std::time::Instant::now()),
            Some(since) if since.elapsed() >= EDITOR_HANGUP_GRACE => {
                // It ignored the hang-up: stop it, so this process can let the store go.
                let _ = child.kill();
                let _ = child.wait();
                return Ok(EditorEnd::HungUp);
            }
            _ => {}
        }
        std::thread::sleep(EDITOR_POLL);
    }
}
