//! `sqa export`: the whole store as JSON, the board as CSV, a school's profile or a note of visit
//! as Markdown.

use super::ExportArgs;
use crate::domain::board::{BoardInput, board_rows};
use crate::store::Store;
use crate::{backup, export, print};
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

pub(super) fn export_cmd(
    store: &Store,
    session: &crate::session::Session,
    config: &crate::config::Config,
    args: ExportArgs,
) -> Result<i32> {
    let today: NaiveDate = session.clock.today();
    // Officers by their display names, times in the session's zone: a document for a school.
    let readers = export::Readers {
        names: &config.officer_names,
        clock: &session.clock,
    };
    let w = args.what;
    if let Some(path) = w.json {
        let c = backup::write_export(store, &path, None)?;
        print::line(&format!(
            "Exported {} schools, {} decisions, {} notes, {} audit entries to {}",
            c.schools,
            c.decisions,
            c.notes,
            c.audit,
            path.display()
        ))?;
        return Ok(0);
    }
    if let Some(path) = w.csv {
        let data = store.load_overview()?;
        let rows = board_rows(&BoardInput::of(&data), today);
        let text = export::csv::board_csv(&data.scheme, &data.schools, &rows);
        backup::write_atomically(&path, text.as_bytes())?;
        print::line(&format!(
            "Wrote the board ({} schools) to {}",
            rows.len(),
            path.display()
        ))?;
        return Ok(0);
    }
    let data = store.export_dataset()?;
    let text = if let Some(urn) = w.school {
        export::markdown::school_profile(&data, urn, today, &readers)
            .with_context(|| format!("no school with URN {urn} in the store"))?
    } else if let Some(id) = w.note {
        let note = data
            .notes
            .iter()
            .find(|n| n.id == id)
            .with_context(|| format!("no note of visit with id {id} in the store"))?;
        let school = data
            .schools
            .iter()
            .find(|s| s.urn == note.urn)
            .with_context(|| {
                format!("note {id} refers to school {}, not in the store", note.urn)
            })?;
        export::markdown::note_markdown(school, note, &data.actions, &readers)
    } else {
        bail!("say what to export: --json, --csv, --school URN or --note ID");
    };
    match args.out {
        Some(path) => {
            backup::write_atomically(&path, text.as_bytes())?;
            print::line(&format!("Wrote {}", path.display()))?;
        }
        None => print::document(&text)?,
    }
    Ok(0)
}
