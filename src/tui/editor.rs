//! The external editor (`$VISUAL`, `$EDITOR`, else `vi`) for a note's long text: run on a
//! private temporary file with the terminal given back meanwhile, stopped if the terminal goes
//! away while it runs.

use super::{Signals, TerminalMode, restore_terminal};
use crate::input::tty;
use std::io::{self, Write};
use std::sync::atomic::Ordering;
use std::time::Duration;

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
pub(super) enum Edited {
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
pub(super) fn edit_externally(text: &str, signals: &Signals) -> io::Result<Edited> {
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
