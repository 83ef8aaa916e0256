//! Keys as data. The tables (one line a binding, beside each other in this folder) say which key
//! does what on which screen; the hint line at the bottom and the `?` help overlay are written
//! from the keys themselves, so they cannot drift from what the keys do. A leaf: it knows the
//! actions (`crate::action`) and nothing of the app that acts on them.

use crate::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub mod key;

pub use key::{Key, ParseError, label, parse, short_label};

/// Where a key is pressed: the screen, or the overlay on top of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Applies everywhere (checked after the current context).
    Global,
    Board,
    /// Typing a search on the board.
    Search,
    /// The filter popup over the board.
    Filter,
    School,
    Help,
    /// A school's timeline.
    Timeline,
    /// What falls due across all schools.
    Due,
    ActivityForm,
    CheckpointForm,
    /// Open actions across schools.
    Tracker,
    PlanForm,
    /// The Notes section of the school screen (a selectable list).
    SchoolNotes,
    /// The note of visit form, editing.
    NoteForm,
    /// A finalised note, read-only.
    NoteView,
    /// Recording the school's response to a note (over its view).
    NoteResponse,
    /// "Unsaved changes" popup over the note form.
    NoteUnsaved,
    /// "Restore the draft?" popup.
    NoteRestore,
    /// "Finalise?" popup.
    NoteConfirm,
    /// Typing the reason for an amendment.
    NoteReason,
    /// The list of recently discarded notes (from the board).
    NoteDiscarded,
    /// Finding any note by its words.
    NoteSearch,
    /// Typing why a planned checkpoint review is cancelled.
    CancelReason,
    /// "Complete this action?" over the actions tracker.
    CompleteConfirm,
    /// One action shown in full over the actions tracker.
    ActionView,
    /// The Reviews section of the school screen (a selectable list).
    SchoolReviews,
    /// A recorded checkpoint review, read-only.
    ReviewView,
    /// Meeting mode: the list of meetings, planning one, running one, typing in a field,
    /// confirming the close, the "to inform" list.
    MeetingList,
    MeetingPlan,
    MeetingRun,
    MeetingText,
    MeetingConfirm,
    MeetingInform,
    /// Editing a one-line text field of the activity, checkpoint or plan form: keys those
    /// forms share (listed once, looked up after the form's own).
    Typing,
    /// The school details form (`e` on the school screen).
    SchoolForm,
    /// Editing any one-line text field (every form's, the searches', a typed answer's): the
    /// keys they all share, looked up after the field's own.
    LineEdit,
    /// The board's bulk link-officer popup (`L`).
    BulkOfficer,
    /// A save ran into another officer's: the choices (over the form).
    Conflict,
    /// The Escalation section of the school screen (a selectable list).
    SchoolEscalation,
    /// The escalation step form (`E` on the school screen).
    StepForm,
}

impl Context {
    /// Where a key is looked up after this context's own keys, in order: the keys it shares
    /// with other contexts, then the global ones.
    pub fn shared(self) -> &'static [Context] {
        match self {
            Context::Global => &[],
            Context::ActivityForm
            | Context::CheckpointForm
            | Context::PlanForm
            | Context::SchoolForm
            | Context::StepForm => &[Context::Typing, Context::LineEdit, Context::Global],
            Context::Search
            | Context::NoteSearch
            | Context::CancelReason
            | Context::MeetingText
            | Context::MeetingConfirm => &[Context::LineEdit, Context::Global],
            _ => &[Context::Global],
        }
    }

    /// Every context, for tests that walk them all.
    pub const ALL: [Context; 40] = [
        Context::Global,
        Context::Board,
        Context::Search,
        Context::Filter,
        Context::School,
        Context::Help,
        Context::Timeline,
        Context::Due,
        Context::ActivityForm,
        Context::CheckpointForm,
        Context::Tracker,
        Context::PlanForm,
        Context::SchoolNotes,
        Context::NoteForm,
        Context::NoteView,
        Context::NoteResponse,
        Context::NoteUnsaved,
        Context::NoteRestore,
        Context::NoteConfirm,
        Context::NoteReason,
        Context::NoteDiscarded,
        Context::NoteSearch,
        Context::CancelReason,
        Context::CompleteConfirm,
        Context::ActionView,
        Context::SchoolReviews,
        Context::ReviewView,
        Context::MeetingList,
        Context::MeetingPlan,
        Context::MeetingRun,
        Context::MeetingText,
        Context::MeetingConfirm,
        Context::MeetingInform,
        Context::Typing,
        Context::SchoolForm,
        Context::BulkOfficer,
        Context::Conflict,
        Context::LineEdit,
        Context::SchoolEscalation,
        Context::StepForm,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Board => "Board",
            Context::Search => "Search",
            Context::Filter => "Filter",
            Context::School => "School",
            Context::Help => "Help",
            Context::Timeline => "Timeline",
            Context::Due => "Due",
            Context::ActivityForm => "Activity",
            Context::CheckpointForm => "Checkpoint review",
            Context::Tracker => "Actions tracker",
            Context::PlanForm => "Support plan",
            Context::SchoolNotes => "Notes of visits",
            Context::NoteForm => "Note of visit",
            Context::NoteView => "Note of visit (final)",
            Context::NoteResponse => "The school's response",
            Context::NoteUnsaved => "Unsaved changes",
            Context::NoteRestore => "Restore draft",
            Context::NoteConfirm => "Finalise",
            Context::NoteReason => "Amendment reason",
            Context::NoteDiscarded => "Recently discarded",
            Context::NoteSearch => "Find notes",
            Context::CancelReason => "Cancel a checkpoint review",
            Context::CompleteConfirm => "Complete an action",
            Context::ActionView => "Action",
            Context::SchoolReviews => "Checkpoint reviews",
            Context::ReviewView => "Checkpoint review (recorded)",
            Context::MeetingList => "Meetings",
            Context::MeetingPlan => "Plan a meeting",
            Context::MeetingRun => "Meeting",
            Context::MeetingText => "Typing",
            Context::MeetingConfirm => "Confirm",
            Context::MeetingInform => "To inform",
            Context::Typing => "Typing in a field",
            Context::SchoolForm => "School details",
            Context::BulkOfficer => "Link officer for the schools shown",
            Context::Conflict => "Saved meanwhile by someone else",
            Context::LineEdit => "Editing a text field (every one-line field)",
            Context::SchoolEscalation => "Escalation steps",
            Context::StepForm => "Escalation step",
        }
    }
}

/// One row of the keymap, written with `bind!`.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub ctx: Context,
    /// The keys that trigger it (modifiers other than Ctrl and Alt are ignored when matching).
    pub keys: &'static [Key],
    /// What the help shows for a row whose keys are read elsewhere (the digits of a meeting's
    /// categories); `None`: the keys themselves.
    pub shown: Option<&'static str>,
    pub action: Action,
    pub hint: Option<Hint>,
    /// For the help overlay.
    pub desc: &'static str,
}

/// A binding's place in the hint line: its word, and the keys written there when they are not
/// simply its first key (one hint for a pair of bindings: "↑↓ move").
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    pub keys: Option<&'static str>,
    pub word: &'static str,
}

impl Binding {
    /// How the help overlay writes the keys: every key, e.g. "Esc q Bksp".
    pub fn label(&self) -> String {
        match self.shown {
            Some(s) => s.to_string(),
            None => self.keys.iter().map(label).collect::<Vec<_>>().join(" "),
        }
    }

    /// The hint line's (keys, word), if it has a place there.
    pub fn hint(&self) -> Option<(String, &'static str)> {
        let h = self.hint?;
        let keys = match (h.keys, self.shown, self.keys.first()) {
            (Some(k), _, _) | (None, Some(k), _) => k.to_string(),
            (None, None, Some(k)) => short_label(k),
            (None, None, None) => return None,
        };
        Some((keys, h.word))
    }
}

/// One binding on one line: `bind!(Context, "key script", action, "what it does")`, then
/// optionally its hint: `"word"` (written after its first key) or `"keys" "word"`. A key-less
/// row for the help only: `bind!(Context, shown "1-9", action, "what", "word")`.
macro_rules! bind {
    ($ctx:ident, shown $shown:literal, $action:expr, $desc:literal $(, $word:literal)?) => {
        $crate::keymap::Binding {
            ctx: $crate::keymap::Context::$ctx,
            keys: &[],
            shown: Some($shown),
            action: $action,
            hint: bind!(@hint $(None, $word)?),
            desc: $desc,
        }
    };
    ($ctx:ident, $keys:literal, $action:expr, $desc:literal, $hkeys:literal $word:literal) => {
        bind!(@row $ctx, $keys, $action, $desc, bind!(@hint Some($hkeys), $word))
    };
    ($ctx:ident, $keys:literal, $action:expr, $desc:literal $(, $word:literal)?) => {
        bind!(@row $ctx, $keys, $action, $desc, bind!(@hint $(None, $word)?))
    };
    (@hint) => { None };
    (@hint $keys:expr, $word:literal) => {
        Some($crate::keymap::Hint { keys: $keys, word: $word })
    };
    (@row $ctx:ident, $keys:literal, $action:expr, $desc:literal, $hint:expr) => {
        $crate::keymap::Binding {
            ctx: $crate::keymap::Context::$ctx,
            keys: {
                const N: usize = $crate::keymap::key::count($keys);
                const K: [$crate::keymap::Key; N] = $crate::keymap::key::keys::<N>($keys);
                &K
            },
            shown: None,
            action: $action,
            hint: $hint,
            desc: $desc,
        }
    };
}

mod conflict;
mod core;
mod escalation;
mod meeting;
mod notes;
mod timeline;

/// Every keymap table. Order matters: it is the order of the hint line and of the help overlay.
static TABLES: &[&[Binding]] = &[
    core::KEYS,
    escalation::KEYS,
    timeline::KEYS,
    notes::KEYS,
    meeting::KEYS,
    conflict::KEYS,
];

/// Every binding of every screen, in table order.
pub fn all() -> impl Iterator<Item = &'static Binding> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// The bindings of a context, in table order (not including `Global`).
pub fn bindings(ctx: Context) -> impl Iterator<Item = &'static Binding> {
    all().filter(move |b| b.ctx == ctx)
}

fn matches(spec: &Key, key: &KeyEvent) -> bool {
    let strict = KeyModifiers::CONTROL | KeyModifiers::ALT;
    // SHIFT is ignored: letters arrive in their own case, BackTab with or without SHIFT.
    spec.0 == key.code && (spec.1 & strict) == (key.modifiers & strict)
}

/// The bindings a key is looked up in for a context: its own, then those it shares (`shared`).
fn in_order(ctx: Context) -> impl Iterator<Item = &'static Binding> {
    std::iter::once(ctx)
        .chain(ctx.shared().iter().copied())
        .flat_map(bindings)
}

/// The action a key stands for in a context, if any: the context's own keys first, then those
/// it shares with others, then the global ones. Key releases are ignored. While searching, a printable character is text.
pub fn lookup(ctx: Context, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let found = in_order(ctx)
        .find(|b| b.keys.iter().any(|s| matches(s, &key)))
        .map(|b| b.action);
    if found.is_some() {
        return found;
    }
    if ctx == Context::Search
        && let KeyCode::Char(c) = key.code
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return Some(Action::SearchInput(c));
    }
    None
}

/// The hint line of a context: "↑↓ move  Enter open  / search …", from the table.
pub fn hint_line(ctx: Context) -> Vec<(String, &'static str)> {
    bindings(ctx).filter_map(Binding::hint).collect()
}

/// Rows for the help overlay of a context: (keys, description), the context's own keys, then
/// those it shares, then the global ones.
pub fn help_rows(ctx: Context) -> Vec<(String, &'static str)> {
    in_order(ctx).map(|b| (b.label(), b.desc)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One test over every mode: a key bound twice in a context (or in it and in what it shares) would
    /// do only the first thing, and the help would list a key that does not do what it says.
    #[test]
    fn no_key_is_bound_twice_in_any_context() {
        for ctx in Context::ALL {
            let mut seen: Vec<&Key> = Vec::new();
            for b in in_order(ctx) {
                for k in b.keys {
                    assert!(!seen.contains(&k), "{ctx:?}: {} bound twice", label(k));
                    seen.push(k);
                }
            }
        }
    }

    #[test]
    fn every_context_is_listed_once_in_all() {
        for (i, a) in Context::ALL.iter().enumerate() {
            assert!(!Context::ALL[i + 1..].contains(a), "{a:?}");
        }
        // Every context a table binds is one the test above walks.
        for b in all() {
            assert!(Context::ALL.contains(&b.ctx), "{:?}", b.ctx);
        }
    }

    #[test]
    fn esc_on_board_does_not_quit() {
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_ne!(lookup(Context::Board, esc), Some(Action::Quit));
    }

    #[test]
    fn no_bare_esc_is_destructive() {
        use crate::action::NoteAction;
        for b in all() {
            if b.keys.contains(&(KeyCode::Esc, KeyModifiers::NONE)) {
                assert!(
                    !matches!(
                        b.action,
                        Action::Note(NoteAction::Discard | NoteAction::Save)
                    ),
                    "{b:?}"
                );
            }
        }
    }

    /// Plain typing (a word starting with d, y, s; Enter) never discards typed work nor
    /// finalises: those keys are Ctrl-chords, which no typed text produces.
    #[test]
    fn discard_and_finalise_take_a_ctrl_chord() {
        use crate::action::{MeetingAction, NoteAction};
        for b in all() {
            let grave = matches!(
                (b.ctx, b.action),
                (_, Action::Note(NoteAction::Discard))
                    | (_, Action::FormDiscard)
                    | (_, Action::Meeting(MeetingAction::Discard))
                    | (Context::NoteConfirm, Action::Note(NoteAction::Confirm))
            );
            // Closing a meeting (or starting one early) takes its word typed, then Enter:
            // src/app/meeting, tested in tests/it/meeting_keys.rs.
            if grave {
                assert!(!b.keys.is_empty(), "{b:?}");
                for k in b.keys {
                    assert!(
                        k.1.contains(KeyModifiers::CONTROL),
                        "{:?}: {}",
                        b.ctx,
                        label(k)
                    );
                }
            }
        }
    }

    #[test]
    fn labels_and_hints_are_written_from_the_keys() {
        let school_back = bindings(Context::School)
            .find(|b| b.action == Action::Back)
            .expect("Esc on the school screen");
        assert_eq!(school_back.label(), "Esc q Bksp");
        let save = bindings(Context::NoteForm)
            .find(|b| b.hint().is_some_and(|h| h.1 == "save"))
            .expect("the note form saves");
        assert_eq!(save.hint().map(|h| h.0), Some("^S".to_string()));
        assert_eq!(save.label(), "Ctrl-S");
    }
}
