//! The commands that only read the store (`export`, `minutes`, `changes`, `check`): on the store
//! itself, or, while `sqa serve` holds it, on a copy of the data the server sends.

use super::export_cmd;
use crate::config::Config;
use crate::domain::calendar::parse_date;
use crate::domain::text::clean_line;
use crate::session::Session;
use crate::store::Store;
use crate::{backup, print};
use anyhow::{Result, bail};
use std::path::Path;

use super::Command;

/// The commands that only read the store: on the store itself, or on a copy of the data a
/// running server sent (`served_copy`).
pub(super) fn run_read(
    store: Store,
    command: Command,
    session: &Session,
    config: &Config,
) -> Result<i32> {
    let clock = session.clock;
    let today = clock.today();
    match command {
        Command::Export(args) => export_cmd(&store, session, config, args),
        Command::Minutes { meeting, out } => {
            let data = store.export_dataset()?;
            let found = data.meetings.iter().find(|m| {
                meeting.trim().parse::<u64>().is_ok_and(|id| id == m.id)
                    || parse_date(&meeting, today).is_ok_and(|d| d == m.date)
            });
            let Some(m) = found else {
                bail!(
                    "no meeting with id or date '{meeting}' in {}",
                    store.path().display()
                );
            };
            let text = crate::domain::minutes::minutes(&data, m);
            backup::write_atomically(&out, text.as_bytes())?;
            print::line(&format!(
                "Minutes of the meeting of {} written to {}",
                crate::domain::calendar::fmt_date(m.date),
                out.display()
            ))?;
            Ok(0)
        }
        Command::Changes { school } => {
            let entries = match school {
                Some(urn) => {
                    if store.get::<crate::domain::School>(&urn)?.is_none() {
                        bail!("no school with URN {urn} in {}", store.path().display());
                    }
                    store.audit_for(urn)?
                }
                None => {
                    let mut all = store.audit()?;
                    all.reverse();
                    all
                }
            };
            for e in &entries {
                print::line(&format!(
                    "{}  {:<12} {:<10} {:<22} {}",
                    clock.local(e.at).format("%d/%m/%Y %H:%M:%S"),
                    clean_line(&e.user),
                    clean_line(&e.kind),
                    clean_line(&e.key),
                    clean_line(&e.summary)
                ))?;
            }
            Ok(0)
        }
        Command::Check { .. } => {
            // One read of the store, a record at a time: each decodes, and what it refers to
            // is kept (a few words a record) to be resolved at the end.
            let mut refs = crate::domain::integrity::Check::default();
            let mut problems: Vec<String> = store
                .check_into(&mut refs)
                .iter()
                .map(|e| e.to_string())
                .collect();
            if problems.is_empty() {
                let scheme = store
                    .scheme()?
                    .unwrap_or_else(crate::domain::Scheme::la_default);
                problems.extend(refs.finish(&scheme));
            }
            if problems.is_empty() {
                print::line(&format!(
                    "{}: every record decodes and every reference resolves",
                    store.path().display()
                ))?;
                Ok(0)
            } else {
                for p in &problems {
                    print::line(p)?;
                }
                print::line(&format!(
                    "{} problem(s) in {}",
                    problems.len(),
                    store.path().display()
                ))?;
                Ok(1)
            }
        }
        // Not commands that only read.
        _ => bail!("not a command that only reads"),
    }
}

/// The data of the server answering on `conn`, in a temporary store, shown as `path`: what a
/// command that reads runs on while the server holds the store. The data is checked as an
/// import of a JSON export would be.
pub(super) fn served_copy(
    conn: std::os::unix::net::UnixStream,
    path: &Path,
    session: &Session,
) -> Result<Store> {
    use crate::import::json::MAX_JSON_BYTES;
    use crate::import::json_stream::{Stopped, read_export};
    let bytes = crate::serve::attach::fetch(conn, MAX_JSON_BYTES as usize)?;
    let store = Store::open_temporary()?.shown_as(path);
    // Checked as it is written, record by record: the bytes are all that is held whole.
    let mut writer = store.begin_import()?;
    let mut de = serde_json::Deserializer::from_slice(&bytes);
    match read_export("the server's data", &mut de, &mut writer) {
        Ok(_) => writer.finish(&session.stamp())?,
        Err(Stopped::Refused(r)) => return Err(r.into()),
        Err(Stopped::Sink(e)) => return Err(e.into()),
    }
    Ok(store)
}
