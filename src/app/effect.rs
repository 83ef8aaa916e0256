//! What an update asks of the runtime (`effects::run_effects` executes it).

use super::SaveRequest;
use crate::domain::Urn;

/// What the runtime must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Load the notes of visits of a school, then call `App::set_notes`.
    LoadNotes(Urn),
    /// Find the notes holding these words, then call `App::set_note_hits`.
    SearchNotes(String),
    /// Load the changes to a school's records (audit trail), then call `App::set_audit`.
    LoadAudit(Urn),
    /// Save these records durably, then call `App::saved` or `App::save_failed`.
    Save(SaveRequest),
    /// Write this draft of a note to the store (replacing the one under its key).
    SaveDraft(Box<crate::store::Draft>),
    /// Remove the draft under this key.
    DeleteDraft(String),
    /// Move the draft of a note under `from` to its own key (`draft.key`) in one commit:
    /// discarding a note (to its `discarded/` key) and putting one back.
    MoveDraft {
        from: String,
        draft: Box<crate::store::Draft>,
    },
    /// Keep an unsaved form in the store (replacing its previous draft under its key).
    KeepForm(Box<super::kept::FormDraft>),
    /// Remove the unsaved form (a meeting's, a checkpoint review's) under this key: it has
    /// been saved or given up.
    DeleteFormDraft(String),
    /// Move the unsaved form under `from` to `to`, as `draft`, in one commit: discarding a
    /// form (to its `discarded/` key) and putting one back.
    MoveFormDraft {
        from: String,
        to: String,
        draft: Box<super::kept::FormDraft>,
    },
    /// Edit this text in `$VISUAL`/`$EDITOR`, then call `App::external_edit_done`.
    EditExternally(String),
    /// Write a file (e.g. meeting minutes), then report where in the status line.
    WriteFile {
        path: String,
        contents: String,
    },
}
