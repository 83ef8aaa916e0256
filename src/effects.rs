//! Carries out the app's effects against the store. Shared by every transport (the local
//! terminal now, SSH sessions later), so a session's behaviour does not depend on how it is
//! connected.

use crate::app::kept::{FormDraft, KeptForm, for_each_kept, on_draft};
use crate::app::{App, Effect, Record, SaveFailure, SaveRequest};
use crate::store::{Staged, Stamp, Store, StoreError};

/// What the transport must do after the effects ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Continue,
    Quit,
}

/// What running a batch of effects did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ran {
    pub next: Next,
    /// Records saved and handed back to the app (`App::saved`): the app's data already shows
    /// them, so the store's revision moving by exactly this much needs no reload. Records of a
    /// request that failed part-way are not counted: the app did not take them.
    pub applied: u64,
}

/// `save` if the session's role may save every record of `req`, and if it is refused because
/// another session saved the same meeting meanwhile, once
/// more with the two sessions' changes merged (`domain::meeting::merge_meeting`): two clerks
/// recording different schools of one meeting both land. Any other conflict is the user's.
fn save_merging(
    store: &Store,
    app: &App,
    req: SaveRequest,
) -> Result<(Vec<Record>, String), SaveFailure> {
    if let Some(kind) = refused(app.role, &req) {
        return Err(SaveFailure::Other(format!(
            "Not saved: as {} you cannot save {kind} records (the team list of sqa serve)",
            app.role
        )));
    }
    let stamp = Stamp::new(&app.user, app.clock.now());
    let again = req.clone();
    match save(store, &stamp, req) {
        Err(SaveFailure::Conflict {
            kind,
            id,
            message,
            theirs,
        }) if kind == "meeting" => {
            let merged = merged_meeting(store, app, &again, id);
            match merged {
                Some(req) => save(store, &stamp, req),
                None => Err(SaveFailure::Conflict {
                    kind,
                    id,
                    message,
                    theirs,
                }),
            }
        }
        other => other,
    }
}

/// `req` with its meeting `id` merged with the stored one, if the changes do not collide.
fn merged_meeting(
    store: &Store,
    app: &App,
    req: &SaveRequest,
    id: crate::domain::Id,
) -> Option<SaveRequest> {
    let base = app.data.meetings.iter().find(|m| m.id == id)?;
    let theirs: crate::domain::Meeting = store.get(&id).ok()??;
    let mut req = req.clone();
    for (record, _) in &mut req.records {
        if let Record::Meeting(mine) = record
            && mine.id == id
        {
            *mine = crate::domain::meeting::merge_meeting(base, mine, &theirs)?;
        }
    }
    Some(req)
}

/// The first kind of record in `req` that `role` may not save, if any.
fn refused(role: crate::domain::role::Role, req: &SaveRequest) -> Option<&'static str> {
    req.records
        .iter()
        .map(|(r, _)| r.kind())
        .find(|kind| !role.may_save(kind))
}

/// Carries out `effects` for `app`'s session: each save is stamped with the session's user and
/// the session clock's time as it is made.
pub fn run_effects(store: &Store, app: &mut App, effects: Vec<Effect>) -> Ran {
    let mut next = Next::Continue;
    let mut applied = 0u64;
    // A file that reports a save (the minutes of a meeting being closed) is written only if
    // every save before it in the same batch landed: minutes must not describe what was not
    // stored.
    let mut save_failed = false;
    for effect in effects {
        match effect {
            Effect::Quit => next = Next::Quit,
            Effect::LoadAudit(urn) => match store.audit_for(urn) {
                Ok(entries) => app.set_audit(urn, entries),
                Err(e) => app.set_status(format!("Could not load the changes: {e}")),
            },
            Effect::SearchNotes(query) => match store.search_index() {
                Ok(index) => {
                    use crate::domain::note_search::Query;
                    match Query::parse(&query, app.today) {
                        Ok(q) => {
                            let hits = index.search(&q, &app.officer_names);
                            app.set_note_hits(&query, hits);
                        }
                        Err(why) => app.set_status(format!("Not searched: {why}")),
                    }
                }
                Err(e) => app.set_status(format!("Could not search the notes: {e}")),
            },
            Effect::LoadNotes(urn) => match store.notes_for(urn) {
                Ok(notes) => app.set_notes(urn, notes),
                Err(e) => app.set_status(format!("Could not load notes: {e}")),
            },
            Effect::SaveDraft(_)
            | Effect::KeepForm(_)
            | Effect::MoveDraft { .. }
            | Effect::MoveFormDraft { .. }
                if !app.role.keeps_drafts() => {}
            Effect::Save(req) => match save_merging(store, app, req) {
                Ok((records, message)) => {
                    applied += records.len() as u64;
                    app.saved(records, message);
                }
                Err(f) => {
                    save_failed = true;
                    app.save_failed(f);
                }
            },
            Effect::SaveDraft(d) => match store.put_draft(&d) {
                Ok(()) => app.draft_kept(&d.key, d.at),
                Err(e) => app.set_status(format!("Could not keep the draft: {e}")),
            },
            Effect::KeepForm(d) => match put_form(store, &d) {
                Ok(()) => app.form_kept(&d),
                Err(e) => app.set_status(format!("Could not keep {}: {e}", d.what())),
            },
            Effect::DeleteFormDraft(key) => {
                if let Err(e) = store.delete_form_draft(&key) {
                    app.set_status(format!("Could not remove the kept form: {e}"));
                }
            }
            Effect::MoveDraft { from, draft } => {
                if let Err(e) = store.move_draft(&from, &draft) {
                    app.set_status(format!("Could not keep the draft: {e}"));
                }
            }
            Effect::MoveFormDraft { from, to, draft } => {
                if let Err(e) = move_form(store, &from, &to, &draft) {
                    app.set_status(format!("Could not keep {}: {e}", draft.what()));
                }
            }
            Effect::DeleteDraft(key) => {
                if let Err(e) = store.delete_draft(&key) {
                    app.set_status(format!("Could not remove the draft: {e}"));
                }
            }
            // Needs the terminal: the transport carries it out before the other effects.
            Effect::EditExternally(_) => {
                app.set_status("No external editor in this session".into());
            }
            Effect::WriteFile { path, contents } if save_failed => {
                drop(contents);
                app.set_status(format!("{path} not written: the save before it failed"));
            }
            Effect::WriteFile { path, contents } => {
                let file = std::path::Path::new(&path);
                // The minutes folder is made on first use (owner-only, as sqa's folders are).
                if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty())
                    && !dir.exists()
                    && let Err(e) = crate::files::create_private_dir(dir)
                {
                    app.set_status(format!("Could not make {}: {e}", dir.display()));
                    continue;
                }
                match crate::backup::write_atomically(file, contents.as_bytes()) {
                    Ok(()) => {
                        let what = if path.ends_with(".csv") {
                            "To-inform list"
                        } else {
                            "Minutes"
                        };
                        app.set_status(format!("{what} written to {path}"))
                    }
                    Err(e) => app.set_status(format!("Could not write {path}: {e:#}")),
                }
            }
        }
    }
    Ran { next, applied }
}

/// Saves what one user action saves as one commit: one transaction, one flush, one change
/// notice. Either every record lands or none does, so the app knows exactly what is stored
/// (a meeting never points at a decision that was not written).
pub fn save(
    store: &Store,
    by: &Stamp,
    req: SaveRequest,
) -> Result<(Vec<Record>, String), SaveFailure> {
    fn stage<R: crate::store::Record>(
        r: &R,
        summary: &str,
        wrap: fn(R) -> Record,
    ) -> Result<(Staged, Record), StoreError> {
        Staged::new(r, summary).map(|(s, new)| (s, wrap(new)))
    }
    let mut staged = Vec::with_capacity(req.records.len());
    let mut saved = Vec::with_capacity(req.records.len());
    for (record, summary) in &req.records {
        let one = match record {
            Record::School(r) => stage(r, summary, Record::School),
            Record::Decision(r) => stage(r, summary, Record::Decision),
            Record::Meeting(r) => stage(r, summary, Record::Meeting),
            Record::Activity(r) => stage(r, summary, Record::Activity),
            Record::Plan(r) => stage(r, summary, Record::Plan),
            Record::Checkpoint(r) => stage(r, summary, Record::Checkpoint),
            Record::Note(r) => stage(r, summary, Record::Note),
            Record::Action(r) => stage(r, summary, Record::Action),
            Record::Escalation(r) => stage(r, summary, Record::Escalation),
        };
        let (s, r) = one.map_err(|e| SaveFailure::Other(e.to_string()))?;
        staged.push(s);
        saved.push(r);
    }
    match store.commit(by, &staged) {
        Ok(()) => Ok((saved, req.done_message)),
        Err(e @ StoreError::Conflict { .. }) => {
            let (kind, id) = conflicting(&req.records, &e);
            let theirs = theirs(store, &kind, id).map(Box::new);
            let message = match &theirs {
                Some(t) if !t.by.is_empty() => format!(
                    "this {kind} was saved by {} meanwhile; yours is kept",
                    crate::domain::text::clean_line(&t.by)
                ),
                _ => format!("{e}. Your text is kept: copy what you need, then reopen the {kind}."),
            };
            Err(SaveFailure::Conflict {
                message,
                kind,
                id,
                theirs,
            })
        }
        Err(e) => Err(SaveFailure::Other(e.to_string())),
    }
}

/// The record of `records` a conflict is about (the first of its kind and key).
fn conflicting(records: &[(Record, String)], e: &StoreError) -> (String, crate::domain::Id) {
    let StoreError::Conflict { kind, key, .. } = e else {
        return (String::new(), 0);
    };
    let found = records
        .iter()
        .map(|(r, _)| r)
        .find(|r| r.kind() == kind.as_str() && r.key_text() == *key)
        .or_else(|| {
            records
                .iter()
                .map(|(r, _)| r)
                .find(|r| r.kind() == kind.as_str())
        });
    match found {
        Some(r) => (r.kind().to_string(), r.id()),
        None => (kind.clone(), 0),
    }
}

/// The record a save ran into as the store has it now, and who saved it when (the newest
/// audit entry about it). `None` when it is gone or cannot be read: the plain message stands.
fn theirs(store: &Store, kind: &str, id: crate::domain::Id) -> Option<crate::app::save::Theirs> {
    fn get<R: crate::store::Record>(store: &Store, id: &R::Id) -> Option<R> {
        store.get::<R>(id).ok().flatten()
    }
    use crate::domain as d;
    let record = match kind {
        "school" => Record::School(get::<d::School>(store, &u32::try_from(id).ok()?)?),
        "decision" => Record::Decision(get::<d::Decision>(store, &id)?),
        "meeting" => Record::Meeting(get::<d::Meeting>(store, &id)?),
        "activity" => Record::Activity(get::<d::Activity>(store, &id)?),
        "plan" => Record::Plan(get::<d::SupportPlan>(store, &id)?),
        "checkpoint" => Record::Checkpoint(get::<d::CheckpointReview>(store, &id)?),
        "note" => Record::Note(get::<d::Note>(store, &id)?),
        "action" => Record::Action(get::<d::Action>(store, &id)?),
        "escalation" => Record::Escalation(get::<d::escalation::EscalationStep>(store, &id)?),
        _ => return None,
    };
    let key = record.key_text();
    let last = record
        .urn()
        .and_then(|urn| store.audit_for(urn).ok())
        .and_then(|entries| entries.into_iter().find(|e| e.kind == kind && e.key == key));
    Some(crate::app::save::Theirs {
        record,
        by: last.as_ref().map(|e| e.user.clone()).unwrap_or_default(),
        at: last.map(|e| e.at),
    })
}

/// Writes a kept form under its key, in its kind's schema.
fn put_form(store: &Store, d: &FormDraft) -> Result<(), StoreError> {
    fn put<D: KeptForm>(store: &Store, d: &D) -> Result<(), StoreError> {
        store.put_form_draft(&d.key(), D::SCHEMA, d)
    }
    on_draft!(d, d => put(store, d))
}

/// Moves a kept form from `from` to `to` in one commit, in its kind's schema.
fn move_form(store: &Store, from: &str, to: &str, d: &FormDraft) -> Result<(), StoreError> {
    fn mv<D: KeptForm>(store: &Store, from: &str, to: &str, d: &D) -> Result<(), StoreError> {
        store.move_form_draft(from, to, D::SCHEMA, d)
    }
    on_draft!(d, d => mv(store, from, to, d))
}

/// Gives the app the unsaved work kept from earlier sessions: note drafts, and the forms kept
/// while typed or by `keep_unsaved` (each put back when its form opens). Shared by every
/// transport.
pub fn restore_kept(store: &Store, app: &mut App) {
    fn read<D: KeptForm>(store: &Store, app: &mut App) {
        match store.form_drafts_migrating(D::PREFIX, D::SCHEMA, D::migrate) {
            Ok(found) => app.load_kept_from_store::<D>(found),
            Err(e) => app.set_status(format!("Could not read {}: {e}", D::WHAT)),
        }
    }
    /// Forms of kind `D` discarded in earlier sessions, for the Recently discarded list.
    fn binned<D: KeptForm>(store: &Store, app: &mut App) {
        match store.discarded_form_drafts(D::PREFIX, D::SCHEMA, D::migrate) {
            Ok(found) => app.load_discarded::<D>(found),
            Err(e) => app.set_status(format!("Could not read {} discarded: {e}", D::WHAT)),
        }
    }
    match store.drafts() {
        Ok(drafts) => app.set_drafts(drafts),
        Err(e) => app.set_status(format!("Could not read drafts: {e}")),
    }
    for_each_kept!(read(store, app));
    for_each_kept!(binned(store, app));
}

/// Writes everything typed and not saved, as the session ends for whatever reason (quit,
/// SIGTERM, SIGHUP, an error): the note being written, a meeting's decision forms, a checkpoint
/// review, a support plan, an activity, an escalation step. Best effort: the session is ending and there is no one
/// to tell.
pub fn keep_unsaved(store: &Store, app: &App) {
    // A read-only session writes nothing to the store, drafts included.
    if !app.role.keeps_drafts() {
        return;
    }
    fn put_all<D: KeptForm>(store: &Store, app: &App, now_ms: i64) {
        for d in app.kept_on_exit::<D>(now_ms) {
            let _ = store.put_form_draft(&d.key(), D::SCHEMA, &d);
        }
    }
    let now_ms = app.clock.now_ms();
    if let Some(draft) = app.unsaved_draft(now_ms) {
        let _ = store.put_draft(&draft);
    }
    for_each_kept!(put_all(store, app, now_ms));
}
