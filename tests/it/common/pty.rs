//! Drives the real `sqa` binary in a pseudo-terminal and reads its screen through vt100.

#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a wait may take before the test fails as hung. Only a guard against waiting
/// forever: every wait ends as soon as its condition holds, so a busy machine only makes the
/// tests slower, never wrong.
pub const HANG_GUARD: Duration = Duration::from_secs(30);

pub struct Pty {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    /// Disconnected once the reader thread has taken the last byte (the terminal's far side
    /// closed: the process and everything it started have exited).
    reader_done: Receiver<()>,
}

pub fn sqa_command(store: &Path, args: &[&str]) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sqa"));
    cmd.args(args);
    cmd.env("SQA_STORE", store);
    // Never touch the real user's configuration.
    cmd.env("SQA_CONFIG", store.with_file_name("config.toml"));
    cmd.env("SQA_USER", "e2e");
    // The session's clock, fixed: today and every time recorded (note versions, decisions,
    // audit entries) come from it, whatever day the suite runs.
    cmd.env("SQA_TODAY", "23/11/2026");
    cmd.env("SQA_NOW", "2026-11-23T10:00:00Z");
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Date → … → Notes (the free text) is this many Tabs on a note of visit.
pub const TABS_TO_FREE_TEXT: usize = 12;

impl Pty {
    /// Tabs from a note's first field to its free text, at a typist's pace.
    pub fn tab_to_free_text(&mut self) {
        for _ in 0..TABS_TO_FREE_TEXT {
            self.send("\t");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// On a board that offers an unsaved note draft: opens it, restores it, and puts the
    /// keyboard in its free text.
    pub fn restore_note_draft(&mut self) {
        self.wait_for("Unsaved draft note");
        self.send("n");
        self.wait_for("Restore the draft by e2e from");
        self.send("r");
        self.wait_for("Draft restored");
        self.tab_to_free_text();
    }

    pub fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let child = pair.slave.spawn_command(cmd).expect("spawn sqa");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let (done, reader_done) = channel::<()>();
        std::thread::spawn(move || {
            // Dropped when the thread ends: `wait_exit` hears of it.
            let _done = done;
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Pty {
            parser,
            raw,
            writer,
            child,
            _master: pair.master,
            reader_done,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The terminal's last row: where the app draws its status message, else the key hints.
    /// It is the last row of every frame drawn (cells go out row by row), so once it shows what
    /// a frame put there, the rows above are that frame's too.
    pub fn bottom_line(&self) -> String {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let cols = screen.size().1.get();
        screen.rows(0, cols).last().unwrap_or_default()
    }

    pub fn send(&mut self, bytes: &str) {
        self.send_bytes(bytes.as_bytes());
    }

    /// Sends raw bytes, which need not be whole UTF-8 (half a character, as a read can end).
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Sends keys one at a time with a short pause, as a person types.
    pub fn type_keys(&mut self, text: &str) {
        for c in text.chars() {
            self.send(&c.to_string());
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    /// Waits until the screen contains `text`; panics with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(text, |s| s.contains(text));
    }

    pub fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) {
        self.wait_until_within(what, HANG_GUARD, pred);
    }

    /// `wait_until` with a longer guard against hanging, for work known to take long on a slow
    /// machine (the guard still only ends a wait that would never end).
    pub fn wait_until_within(&self, what: &str, guard: Duration, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + guard;
        loop {
            let s = self.screen();
            if pred(&s) {
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the process to exit and for the reader to have taken all it wrote (so
    /// `raw_output` and `screen` are complete); returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + HANG_GUARD;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let left = deadline.saturating_duration_since(Instant::now());
                match self.reader_done.recv_timeout(left) {
                    Err(RecvTimeoutError::Disconnected) => return status.exit_code(),
                    _ => panic!(
                        "the terminal's output never ended after the exit; screen:\n{}",
                        self.screen()
                    ),
                }
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "process did not exit within {HANG_GUARD:?}; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Resizes the terminal, as dragging the window does (the kernel sends SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
    }

    /// Sends SIGHUP, as sshd does when the connection drops.
    pub fn hang_up(&mut self) {
        self.signal("HUP");
    }

    /// Sends the signal named `name` ("HUP", "WINCH"…) through kill(1): no libc, no unsafe.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("pid");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .expect("kill(1)");
        assert!(sent.success(), "kill -{name} {pid}");
    }

    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The terminal was given back: the alternate screen was left after it was last entered,
    /// the cursor shown, bracketed paste turned off.
    pub fn assert_restored(&self) {
        let raw = self.raw_output();
        let s = String::from_utf8_lossy(&raw);
        let enter = s
            .rfind("\x1b[?1049h")
            .expect("never entered the alternate screen");
        let leave = s
            .rfind("\x1b[?1049l")
            .expect("never left the alternate screen");
        assert!(
            leave > enter,
            "alternate screen entered again after leaving"
        );
        let show = s.rfind("\x1b[?25h").expect("cursor never shown");
        assert!(show > enter, "cursor not shown after the last frame");
        let paste_off = s
            .rfind("\x1b[?2004l")
            .expect("bracketed paste never disabled");
        assert!(paste_off > enter);
        assert!(
            !self.parser.lock().unwrap().screen().alternate_screen(),
            "still on the alternate screen"
        );
    }
}

impl Drop for Pty {
    /// A test that fails half-way must not leave sqa running: end the child.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
