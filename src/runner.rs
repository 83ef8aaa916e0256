//! One session's core, independent of any terminal: the app, the screen it is drawn on, the
//! decoder of its input bytes and its view of the store. A transport (the local terminal now,
//! an SSH channel later) hands it events — bytes that arrived, a hang-up, a resize, a timer
//! that fell due — and ships the frames it returns; it never touches a file descriptor.
//!
//! Data flows one way: bytes → keys → actions → state change → store → frame. Each event is
//! carried out in full before the next (saves included, and whatever they queue), so the
//! transport only needs to sleep until the next event or `deadline`.

use crate::app::{App, Effect};
use crate::domain::Dataset;
use crate::effects::{self, Next};
use crate::input::{Decoder, Input, PASTE_CAP};
use crate::lean_backend::LeanBackend;
use crate::store::{Change, Store};
use crate::ui;
use anyhow::Result;
use ratatui::Terminal;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::Size;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// Work on the app, on the session's thread.
pub type Work<'a> = Box<dyn FnOnce(&mut App) -> Result<()> + 'a>;
/// Work on the app with what a load gave.
pub type WithData<'a> = Box<dyn FnOnce(&mut App, Arc<Dataset>) -> Result<()> + 'a>;

/// Work done once the first frame has been shipped, so the board shows as soon as it can.
pub enum AfterFirstFrame<'a> {
    /// Done before the next event.
    Work(Work<'a>),
    /// Everything the first frame did not need, loaded on a thread (most of a second for a
    /// region's authority): the board's keys (moving, sorting, searching, help, quit) are
    /// answered meanwhile from the first frame's facts; any other key waits for it.
    Load(Loading<'a>),
}

/// What `AfterFirstFrame::Load` loads, and what is done with it on the session's thread.
pub struct Loading<'a> {
    pub load: Box<dyn FnOnce() -> Result<Arc<Dataset>> + Send + 'static>,
    pub then: WithData<'a>,
}

impl<'a> AfterFirstFrame<'a> {
    /// Work done before the next event.
    pub fn work(f: impl FnOnce(&mut App) -> Result<()> + 'a) -> AfterFirstFrame<'a> {
        AfterFirstFrame::Work(Box::new(f))
    }

    /// This, then `more` on the session's thread once it is done.
    pub fn and_then(self, more: impl FnOnce(&mut App) + 'a) -> AfterFirstFrame<'a> {
        match self {
            AfterFirstFrame::Work(w) => AfterFirstFrame::work(move |app| {
                w(app)?;
                more(app);
                Ok(())
            }),
            AfterFirstFrame::Load(Loading { load, then }) => AfterFirstFrame::Load(Loading {
                load,
                then: Box::new(move |app, data| {
                    then(app, data)?;
                    more(app);
                    Ok(())
                }),
            }),
        }
    }

    /// All of it now, waiting for any load (for the benches and tests, which measure it).
    pub fn run_now(self, app: &mut App) -> Result<()> {
        match self {
            AfterFirstFrame::Work(w) => w(app),
            AfterFirstFrame::Load(Loading { load, then }) => then(app, load()?),
        }
    }
}

/// A load running on its thread (`AfterFirstFrame::Load`).
struct Pending<'a> {
    arrived: Receiver<Result<Arc<Dataset>>>,
    then: WithData<'a>,
}

/// How often a session waiting for its load looks whether it has arrived (no bytes are
/// written meanwhile unless it has).
const LOAD_POLL: Duration = Duration::from_millis(10);

/// The longest a timer set by the app is trusted: a wall clock stepped backwards must not put
/// a kept draft off for hours. Waking early costs nothing (the app finds nothing due).
const TIMER_CAP: Duration = Duration::from_secs(10);

/// How many rounds of follow-up effects (effects queued by effects) one event may run: more
/// would be a loop in the app, and the session must stay responsive whatever it does.
const FOLLOW_UP_ROUNDS: usize = 8;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The user quit (or the process was asked to stop).
    Quit,
    /// The terminal went away: nothing more is to be written to it.
    Hangup,
}

/// What the transport does after an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Continue,
    /// Run the external editor on this text, then call `edited`.
    Edit(String),
    Ended(End),
}

pub struct Runner<'s> {
    store: &'s Store,
    app: App,
    terminal: Terminal<LeanBackend<Vec<u8>>>,
    decoder: Decoder,
    changes: Receiver<Change>,
    /// The store revision the app's data is known to include (it may include later ones: the
    /// first frame's data loads after this is read, and a reload after its revision is read).
    known: u64,
    /// Draw the next frame even if the app is not dirty (first frame, resize, after an editor).
    redraw: bool,
    after_first_frame: Option<AfterFirstFrame<'s>>,
    /// The load after the first frame, while it runs.
    loading: Option<Pending<'s>>,
    /// A load that failed: the session cannot go on with the first frame's data alone.
    failed: Option<anyhow::Error>,
}

impl<'s> Runner<'s> {
    /// A session over `store` on a screen of `size`, whose terminal erases with `erase`
    /// (termios VERASE). Forms kept by an earlier session are put back.
    pub fn new(store: &'s Store, mut app: App, size: Size, erase: u8) -> Result<Runner<'s>> {
        let changes = store.subscribe();
        let known = store.revision()?;
        effects::restore_kept(store, &mut app);
        let mut backend = LeanBackend::new(Vec::new(), size);
        // Every transport clears the screen as it enters the alternate screen.
        backend.screen_is_blank();
        let terminal = Terminal::new(backend)?;
        Ok(Runner {
            store,
            app,
            terminal,
            decoder: Decoder::new(erase),
            changes,
            known,
            redraw: true,
            after_first_frame: None,
            loading: None,
            failed: None,
        })
    }

    /// Wakes `waker` whenever the store changes (a served session sleeps in poll and must hear
    /// other sessions' saves at once, to redraw what they changed).
    pub fn wake_on_change(mut self, waker: crate::wake::Waker) -> Runner<'s> {
        self.changes = self
            .store
            .subscribe_waking(std::sync::Arc::new(move || waker.wake()));
        self
    }

    /// Work to do once the first frame is out (see `AfterFirstFrame`).
    pub fn after_first_frame(mut self, work: AfterFirstFrame<'s>) -> Runner<'s> {
        self.after_first_frame = Some(work);
        self
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    /// The session's copy of the data and the store revision it is (once everything has
    /// loaded; `None` while the first frame's partial data is all there is). It may be newer
    /// than the revision, never older: a caller keeping facts of it stamped with the revision
    /// must check the store is still there (`Store::put_board_cache` does).
    pub fn loaded(&self) -> Option<(Arc<Dataset>, u64)> {
        if self.after_first_frame.is_some() || self.loading.is_some() {
            return None;
        }
        Some((self.app.data.clone(), self.known))
    }

    /// Whether large frames are wrapped in synchronized output (DEC 2026).
    pub fn set_sync(&mut self, on: bool) {
        self.terminal.backend_mut().set_sync(on);
    }

    /// The bytes of the next frame, if anything changed since the last (else empty): the
    /// transport writes them in one write.
    pub fn frame(&mut self) -> Result<Vec<u8>> {
        if self.app.take_dirty() || self.redraw {
            self.redraw = false;
            let app = &self.app;
            self.terminal.draw(|f| ui::draw(f, app))?;
        }
        Ok(std::mem::take(self.terminal.backend_mut().sink_mut()))
    }

    /// Work that waits for the first frame to be shipped; true if it ran (there is then a
    /// frame to ship again). The transport calls it after each frame; later calls do nothing.
    pub fn after_frame(&mut self) -> Result<bool> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        match self.after_first_frame.take() {
            Some(AfterFirstFrame::Work(work)) => {
                work(&mut self.app)?;
                Ok(true)
            }
            Some(AfterFirstFrame::Load(Loading { load, then })) => {
                let (tx, arrived) = std::sync::mpsc::channel();
                std::thread::Builder::new()
                    .name("load".into())
                    .spawn(move || {
                        // The session may have ended: then nobody is listening.
                        let _ = tx.send(load());
                    })?;
                self.loading = Some(Pending { arrived, then });
                Ok(false)
            }
            None => Ok(false),
        }
    }

    /// Takes the load if it has arrived (or, with `wait`, once it has).
    fn poll_load(&mut self, wait: bool) {
        let Some(p) = &self.loading else {
            return;
        };
        let arrived = if wait {
            p.arrived.recv().ok()
        } else {
            match p.arrived.try_recv() {
                Ok(r) => Some(r),
                Err(std::sync::mpsc::TryRecvError::Empty) => return,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
            }
        };
        let Some(p) = self.loading.take() else {
            return;
        };
        let done = match arrived {
            Some(Ok(data)) => (p.then)(&mut self.app, data),
            Some(Err(e)) => Err(e),
            None => Err(anyhow::anyhow!("the load of the data stopped")),
        };
        if let Err(e) = done {
            self.failed = Some(e.context("could not load the data"));
        }
    }

    /// Whether `input` can be answered while the load runs (see `AfterFirstFrame::Load`).
    fn answers_before_load(&self, input: &Input) -> bool {
        match input {
            Input::Key(k) => self.app.answers_before_load(*k),
            Input::Paste(_) => self.app.context() == crate::keymap::Context::Search,
            Input::PasteCut(_) => true,
        }
    }

    /// A turn while the load may still run: inputs the board answers from its first frame go
    /// one by one; the first that needs everything waits for the load, and the rest follow it.
    fn turn_loading(&mut self, inputs: Vec<Input>, hung_up: bool) -> Step {
        self.poll_load(false);
        let mut inputs = inputs.into_iter().peekable();
        while self.loading.is_some() {
            let Some(next) = inputs.peek() else {
                break;
            };
            if !self.answers_before_load(next) {
                if hung_up {
                    // No form can be open yet, so nothing typed is in these keys: a hang-up
                    // does not wait for the load to act on them.
                    return self.turn(Vec::new(), true);
                }
                self.poll_load(true);
                break;
            }
            let input = inputs.next().into_iter().collect();
            match self.turn(input, false) {
                Step::Continue => self.poll_load(false),
                other => return other,
            }
        }
        self.turn(inputs.collect(), hung_up)
    }

    /// The session's terminal is now `size`: the next frame is drawn whole at that size.
    pub fn resize(&mut self, size: Size) {
        self.terminal.backend_mut().set_size(size);
        self.redraw = true;
    }

    /// When the session next has something to do without new input (an Esc waiting to be
    /// told from the start of a sequence, a draft falling due), if ever: the transport
    /// sleeps until then or the next event. `None` while idle: nothing is due, nothing runs.
    pub fn deadline(&self, now: Instant) -> Option<Instant> {
        let app = self.app.wake_at_ms().map(|at| {
            let wait = at.saturating_sub(self.app.clock.now_ms()).max(0);
            now + Duration::from_millis(wait.unsigned_abs()).min(TIMER_CAP)
        });
        let load = self.loading.as_ref().map(|_| now + LOAD_POLL);
        [self.decoder.deadline(), app, load]
            .into_iter()
            .flatten()
            .min()
    }

    /// Bytes from the terminal, arrived at `now`.
    pub fn input(&mut self, bytes: &[u8], now: Instant) -> Step {
        let inputs = self.decoder.feed(bytes, now);
        self.turn_loading(inputs, false)
    }

    /// A deadline passed (see `deadline`); harmless if called early.
    pub fn timer(&mut self, now: Instant) -> Step {
        let inputs = self.decoder.flush_timeout(now);
        self.turn_loading(inputs, false)
    }

    /// The store changed (another session saved); also harmless at any time.
    pub fn store_changed(&mut self) -> Step {
        // What loads may predate the change: taken first, then reloaded if need be.
        self.poll_load(true);
        self.turn(Vec::new(), false)
    }

    /// The terminal went away. What was typed up to here is used (a paste cut short included);
    /// a save asked for is carried out; the session has then ended (`finish` keeps drafts).
    pub fn hangup(&mut self) -> Step {
        let inputs = self.decoder.finish();
        self.turn_loading(inputs, true)
    }

    /// The external editor asked for by `Step::Edit` ended with `text` (None: it failed, with
    /// `error` to show). The editor drew over the screen: the next frame is drawn whole.
    pub fn edited(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => self.app.external_edit_done(&text),
            Err(e) => self
                .app
                .set_status(format!("Could not run the editor: {e}")),
        }
        self.forget_screen();
    }

    /// Text the editor left when the terminal went away mid-edit: into the form, kept by
    /// `finish` as a draft.
    pub fn edited_then_hung_up(&mut self, text: Option<String>) {
        if let Some(text) = text {
            self.app.external_edit_done(&text);
        }
    }

    /// Whatever ended the session (quit, hang-up, a signal, an error), what was typed and not
    /// saved is kept, offered back next time, and the store is flushed.
    pub fn finish(&mut self) -> Result<()> {
        effects::keep_unsaved(self.store, &self.app);
        self.store.flush()?;
        Ok(())
    }

    /// Something else drew on the terminal: what it shows is unknown, so clear it and draw the
    /// next frame in full.
    fn forget_screen(&mut self) {
        self.terminal.backend_mut().forget();
        // Clears the screen and ratatui's idea of it (no terminal query: the lean backend
        // knows the cursor).
        let _ = self.terminal.clear();
        self.redraw = true;
    }

    /// One event's work: the keys it brought, their saves, the follow-ups, a reload if another
    /// session saved.
    fn turn(&mut self, inputs: Vec<Input>, hung_up: bool) -> Step {
        let mut effects = Vec::new();
        // Records this turn's saves gave back to the app: the store moving by exactly this
        // much needs no reload.
        let mut applied = 0u64;
        let mut inputs = inputs.into_iter().peekable();
        while let Some(input) = inputs.next() {
            match input {
                // A run of characters typed into a text field goes in as one insertion: a
                // 64 KB burst then costs what a paste does, not 64 K relayouts of the field.
                Input::Key(k)
                    // A key on its own (what a typist sends) skips the check altogether.
                    if inputs.peek().is_some_and(|n| self.typed_input(n)) && self.typed(&k) =>
                {
                    let mut run = String::new();
                    run.extend(char_of(&k));
                    while let Some(next) = inputs.next_if(|n| self.typed_input(n)) {
                        if let Input::Key(k) = next {
                            run.extend(char_of(&k));
                        }
                    }
                    effects.extend(self.app.type_text(&run));
                }
                Input::Key(k) if k.kind != KeyEventKind::Release => {
                    effects.extend(self.app.handle_key(k));
                }
                Input::Key(_) => {}
                Input::Paste(text) => effects.extend(self.app.paste(&text)),
                Input::PasteCut(dropped) => self.app.set_status(format!(
                    "Paste cut at {} KiB: the last {dropped} bytes were left out",
                    PASTE_CAP / 1024
                )),
            }
            // A save is carried out before the next key is handled: over SSH keys typed ahead
            // arrive together, and the next one must see the revision this save gives (else
            // `ccc` in the tracker, or Ctrl-S twice, reports a false conflict).
            if effects.iter().any(|e| matches!(e, Effect::Save(_))) {
                let (later, now): (Vec<_>, Vec<_>) = effects
                    .into_iter()
                    .partition(|e| matches!(e, Effect::EditExternally(_)));
                effects = later;
                let ran = effects::run_effects(self.store, &mut self.app, now);
                applied += ran.applied;
                if ran.next == Next::Quit {
                    return Step::Ended(End::Quit);
                }
            }
        }
        if hung_up {
            // No editor: no terminal.
            effects.retain(|e| !matches!(e, Effect::EditExternally(_)));
            effects::run_effects(self.store, &mut self.app, effects);
            return Step::Ended(End::Hangup);
        }
        let now_ms = self.app.clock.now_ms();
        let mut edit = None;
        // What the keys asked for, then what that queued, at once: no follow-up waits for a
        // later tick.
        for _ in 0..FOLLOW_UP_ROUNDS {
            effects.extend(self.app.idle(now_ms));
            if effects.is_empty() {
                break;
            }
            let (external, now): (Vec<_>, Vec<_>) = std::mem::take(&mut effects)
                .into_iter()
                .partition(|e| matches!(e, Effect::EditExternally(_)));
            if edit.is_none() {
                edit = external.into_iter().find_map(|e| match e {
                    Effect::EditExternally(text) => Some(text),
                    _ => None,
                });
            }
            let ran = effects::run_effects(self.store, &mut self.app, now);
            applied += ran.applied;
            if ran.next == Next::Quit {
                return Step::Ended(End::Quit);
            }
        }
        self.reload_if_changed(applied);
        if self.app.should_quit() {
            return Step::Ended(End::Quit);
        }
        match edit {
            Some(text) => Step::Edit(text),
            None => Step::Continue,
        }
    }

    /// Whether `key`, pressed, is a character typed into a text field (see `App::is_typed_text`).
    fn typed(&self, key: &KeyEvent) -> bool {
        key.kind == KeyEventKind::Press && self.app.is_typed_text(key)
    }

    fn typed_input(&self, input: &Input) -> bool {
        matches!(input, Input::Key(k) if self.typed(k))
    }

    /// The store changed. If only by this session's own saves, which the app has already taken,
    /// there is nothing to load (a full reload costs ~100 ms on a large authority: too much
    /// after every Enter in a meeting). Otherwise (another session saved, or a save failed
    /// part-way) reload, once, however many changes arrived.
    fn reload_if_changed(&mut self, applied: u64) {
        let changes: Vec<Change> = self.changes.try_iter().collect();
        if changes.is_empty() {
            return;
        }
        match self.store.revision() {
            Ok(now) if now == self.known + applied => self.known = now,
            Ok(now) => match self.store.load_overview_indexed() {
                Ok((data, index)) => {
                    // Only the rows of the schools those commits wrote are drawn again. (A
                    // commit after `now` has its own notice waiting: the next turn draws its.)
                    let schools = self.store.schools_written(self.known, now);
                    self.app.set_data_followed(data, index, schools);
                    self.known = now;
                    // Someone else saved what this officer has open with unsaved changes: said
                    // at once, so they know before a save of theirs is refused.
                    if let Some(warning) = changed_under(&changes, &self.app) {
                        self.app.set_status(warning);
                    } else if self.app.status.is_none() {
                        // Never over what this turn had to say (a save refused, say).
                        self.app.set_status(updated_by(&changes, &self.app.user));
                    }
                }
                Err(e) => self.app.set_status(format!("Could not reload: {e}")),
            },
            Err(e) => self.app.set_status(format!("Could not reload: {e}")),
        }
    }
}

/// The character a typed key stands for.
fn char_of(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) => Some(c),
        KeyCode::Enter => Some('\n'),
        _ => None,
    }
}

/// The warning for a record this session has open with unsaved changes that another officer's
/// save (in `changes`) changed: who, when (the session clock's local time), and what to do.
fn changed_under(changes: &[Change], app: &App) -> Option<String> {
    let open = app.editing();
    for c in changes.iter().filter(|c| c.user != app.user) {
        for (kind, key, _) in &c.records {
            if let Some((_, _, what)) = open.iter().find(|(k, kk, _)| k == kind && kk == key) {
                let at = app.clock.local(app.clock.now()).format("%H:%M");
                return Some(format!(
                    "This {what} was just changed by {} at {at}: your text is kept; saving will say what to do",
                    crate::domain::text::clean_line(&c.user)
                ));
            }
        }
    }
    None
}

/// What the status line says when other sessions' saves were loaded: who, and how much.
fn updated_by(changes: &[Change], me: &str) -> String {
    let mut who: Vec<String> = changes
        .iter()
        .filter(|c| c.user != me)
        .map(|c| crate::domain::text::clean_line(&c.user))
        .collect();
    who.sort();
    who.dedup();
    let records: usize = changes.iter().map(|c| c.records.len()).sum();
    let who = if who.is_empty() {
        "another session of yours".to_string()
    } else {
        who.join(", ")
    };
    format!("Updated: {who} saved {records} record(s); the board shows them")
}
