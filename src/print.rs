//! Every line sqa prints outside the board (results, warnings, errors) goes through here: one
//! sanitiser for all of it, and a closed standard output that ends the command quietly.
//!
//! What is printed carries data (school and scheme names, file names, a config's values, an
//! import's text), so each line passes `clean_line` like every string the board draws: an ESC or
//! BEL in the data never reaches the terminal. Newlines between lines are kept.
//!
//! A reader that stops early (`sqa changes | head -1`) closes the pipe; `println!` would panic
//! on the EPIPE (exit 101 and a panic message). Here the write fails with `StdoutClosed`, the
//! command unwinds normally (dropping the store cleanly), and `main` exits 0 without a word:
//! the reader asked for no more, which is not a failure of sqa (the choice ripgrep makes; a
//! status of 141 would fail `set -o pipefail` scripts that read only a first line).

use crate::domain::text::{clean_line, clean_text};
use std::io::{self, Write};

/// Standard output was closed by its reader; the command ends early, with exit status 0.
#[derive(Debug, thiserror::Error)]
#[error("standard output was closed")]
pub struct StdoutClosed;

/// `text`, each line cleaned, the newlines between them kept.
pub fn sanitise(text: &str) -> String {
    text.split('\n')
        .map(clean_line)
        .collect::<Vec<_>>()
        .join("\n")
}

fn write_out(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(StdoutClosed.into()),
        Err(e) => Err(anyhow::Error::new(e).context("could not write to standard output")),
    }
}

/// Prints `text` and a newline on standard output, sanitised.
pub fn line(text: &str) -> anyhow::Result<()> {
    let mut s = sanitise(text);
    s.push('\n');
    write_out(s.as_bytes())
}

/// Prints a multi-line document (a Markdown export) as it is, sanitised like a note: newlines
/// and indentation kept.
pub fn document(text: &str) -> anyhow::Result<()> {
    write_out(clean_text(text).as_bytes())
}

/// Prints `text` and a newline on standard error, sanitised. A closed or broken standard error
/// leaves nowhere to report to: the failure is ignored, never a panic.
pub fn err_line(text: &str) {
    let mut s = sanitise(text);
    s.push('\n');
    let mut err = io::stderr().lock();
    let _ = err.write_all(s.as_bytes()).and_then(|()| err.flush());
}

/// Whether `e` is, or was caused by, standard output closing.
pub fn is_stdout_closed(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.is::<StdoutClosed>())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn keeps_lines_and_strips_controls() {
        assert_eq!(
            sanitise("scheme \u{1b}]0;x\u{7}A\nline\u{7} two\r"),
            "scheme A\nline two "
        );
    }
}
