//! `sqa import`: a JSON export into an empty store, or a GIAS extract merged into the schools.

use super::{ImportArgs, ImportSource, cache_board};
use crate::config::Config;
use crate::domain::Urn;
use crate::domain::school_details::{DetailField, KEPT_LOCAL, fields_in_summary};
use crate::import::gias::{GiasOptions, parse_gias, plan_import_keeping};
use crate::import::request::{GiasImport, ServedWrite};
use crate::print;
use crate::session::Session;
use crate::store::Store;
use anyhow::{Result, bail};
use std::collections::HashMap;
use std::path::Path;

pub(super) fn import_cmd(
    store: &Store,
    config: &Config,
    session: &Session,
    args: ImportArgs,
    json_import: Option<JsonImport>,
) -> Result<i32> {
    let today = session.clock.today();
    if let (Some(json), Some(mut data)) = (args.json, json_import) {
        if !store.is_empty()? {
            bail!(
                "the store {} already holds schools: import into an empty store (--store NEWPATH)",
                store.path().display()
            );
        }
        let schools = import_json(store, &mut data, &session.stamp())?;
        cache_board(store, today);
        print::line(&format!(
            "Imported {} schools from {}",
            schools,
            json.display()
        ))?;
        return Ok(0);
    }
    let Some(ImportSource::Gias {
        file,
        la,
        dry_run,
        include_closed,
    }) = args.source
    else {
        bail!("say what to import: `sqa import --json FILE` or `sqa import gias FILE --la CODE`");
    };
    let request = gias_request(&file, la, dry_run, include_closed)?;
    for line in apply_gias(store, &config.scheme, &session.stamp(), &request)? {
        print::line(&line)?;
    }
    if !dry_run {
        cache_board(store, today);
    }
    Ok(0)
}

/// `import gias` while `sqa serve` holds the store: the extract is read and checked here (the
/// caller's file, its errors by line), and the server applies it with the caller's identity
/// and role, telling every session; its report is printed here.
pub(super) fn import_served(conn: std::os::unix::net::UnixStream, args: ImportArgs) -> Result<i32> {
    let Some(ImportSource::Gias {
        file,
        la,
        dry_run,
        include_closed,
    }) = args.source
    else {
        bail!(
            "a JSON export is loaded into an empty store, which a running server's is not: stop the server first"
        );
    };
    let request = gias_request(&file, la, dry_run, include_closed)?;
    served(conn, &ServedWrite::Gias(request))
}

/// `check --repair` while `sqa serve` holds the store: the server makes the repairs, by this
/// caller (a facilitator), and says what it did.
pub(super) fn repair_served(conn: std::os::unix::net::UnixStream) -> Result<i32> {
    served(conn, &ServedWrite::Repair)
}

fn served(conn: std::os::unix::net::UnixStream, write: &ServedWrite) -> Result<i32> {
    let report = crate::serve::attach::import(conn, &serde_json::to_vec(write)?)?;
    for line in report.lines() {
        print::line(&crate::domain::text::clean_line(line))?;
    }
    Ok(0)
}

/// The extract at `file` read and checked (errors name its line and field): the request an
/// import applies, here or on the server.
fn gias_request(
    file: &Path,
    la: String,
    dry_run: bool,
    include_closed: bool,
) -> Result<GiasImport> {
    let bytes = read_extract(file)?;
    let opts = GiasOptions {
        la_code: la.clone(),
        include_closed,
    };
    let parsed = parse_gias(&bytes, &file.display().to_string(), &opts)?;
    Ok(GiasImport {
        source: file.display().to_string(),
        la,
        dry_run,
        parsed,
    })
}

fn read_extract(file: &Path) -> Result<Vec<u8>> {
    match crate::files::read_limited(file, crate::import::gias::MAX_GIAS_BYTES) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => bail!(
            "{} is larger than {} MiB, the most sqa imports (README, \"Limits\"); nothing was written",
            file.display(),
            crate::import::gias::MAX_GIAS_BYTES >> 20
        ),
        Err(e) => Err(anyhow::Error::new(e).context(format!("could not read {}", file.display()))),
    }
}

/// Applies a checked GIAS extract to the store: the plan against the schools held, then every
/// added and updated school in one transaction (all or nothing), by `by`. Returns the report's
/// lines. The board cache is the caller's to refresh.
pub(crate) fn apply_gias(
    store: &Store,
    scheme: &crate::domain::Scheme,
    by: &crate::store::Stamp,
    req: &GiasImport,
) -> Result<Vec<String>> {
    let parsed = &req.parsed;
    let mut out = Vec::new();
    let existing = store.load_overview()?.schools;
    let plan = plan_import_keeping(&existing, parsed, &edited_since_import(store)?);
    out.push(plan.summary(&parsed.skipped));
    if parsed.schools.is_empty() {
        out.push(format!(
            "No open schools with LA code {} in {} ({} rows for other authorities).",
            req.la, req.source, parsed.other_la
        ));
    }
    if req.dry_run {
        out.push("Dry run: nothing was changed.".into());
        return Ok(out);
    }
    let mut changed: Vec<_> = plan.added.clone();
    changed.extend(plan.updated.iter().map(|(_, new)| new.clone()));
    if store.scheme()?.is_none() {
        store.set_scheme(scheme, by)?;
    }
    if !changed.is_empty() {
        // Each school's entry names the local edits it kept, so the next import keeps them too.
        let mut staged = Vec::with_capacity(changed.len());
        for s in &changed {
            let kept: Vec<&str> = plan
                .kept_local
                .iter()
                .filter(|k| k.urn == s.urn)
                .map(|k| k.field.name())
                .collect();
            let mut summary = format!("imported from {}", req.source);
            if !kept.is_empty() {
                summary.push_str(&format!(" {KEPT_LOCAL}{})", kept.join(", ")));
            }
            staged.push(crate::store::Staged::new(s, &summary)?.0);
        }
        // All or nothing: one transaction, so a failure or a kill leaves the store as it was.
        store.commit(by, &staged)?;
    }
    out.push(format!(
        "Saved {} school(s) to {}",
        changed.len(),
        store.path().display()
    ));
    Ok(out)
}

/// The details officers have edited on each school since its last import, from the audit
/// trail (oldest first): an import's entry starts afresh with the edits it kept.
fn edited_since_import(store: &Store) -> Result<HashMap<Urn, Vec<DetailField>>> {
    let mut edited: HashMap<Urn, Vec<DetailField>> = HashMap::new();
    for e in store.audit()? {
        if e.kind != "school" {
            continue;
        }
        let Ok(urn) = e.key.parse::<Urn>() else {
            continue;
        };
        let fields = fields_in_summary(&e.summary);
        if e.summary.starts_with("imported from") {
            edited.insert(urn, fields);
        } else if !fields.is_empty() {
            let list = edited.entry(urn).or_default();
            for f in fields {
                if !list.contains(&f) {
                    list.push(f);
                }
            }
        }
    }
    Ok(edited)
}

/// A JSON export read and checked for `import --json`, before the store is opened (a refused
/// file writes nothing, not even an empty store): the file, kept open, is read again into the
/// store by `import_json`.
pub(super) struct JsonImport {
    file: std::fs::File,
    shown: String,
    /// The file's `fingerprint` before its first reading.
    before: Option<(u64, std::time::SystemTime)>,
}

/// Reads and checks a JSON export for `import --json` (see `import::json`), streamed: a file
/// over the size limit is refused before it is read, and the whole file before anything is
/// written.
pub(super) fn read_json_import(path: &Path) -> Result<JsonImport> {
    use crate::import::json::{MAX_JSON_BYTES, fingerprint, open_limited, read_file};
    use crate::import::json_stream::{Discard, Stopped};
    let shown = path.display().to_string();
    let mut file = match open_limited(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => bail!(
            "{shown} is larger than {} MiB, the most sqa imports (README, \"Limits\"); nothing was written",
            MAX_JSON_BYTES >> 20
        ),
        Err(e) => return Err(anyhow::Error::new(e).context(format!("could not read {shown}"))),
    };
    let before = fingerprint(&file);
    let r = read_file(&shown, &mut file, &mut Discard);
    match r {
        Ok(_) => Ok(JsonImport {
            file,
            shown,
            before,
        }),
        Err(Stopped::Refused(r)) => Err(r.into()),
        Err(Stopped::Sink(never)) => match never {},
    }
}

/// Writes a checked export into the empty `store`, streamed from its file as it is read a
/// second time (a file changed since is refused, the store left as it was).
/// Returns how many schools it held.
fn import_json(store: &Store, json: &mut JsonImport, by: &crate::store::Stamp) -> Result<usize> {
    use crate::import::json::read_file_again;
    use crate::import::json_stream::Stopped;
    let mut writer = store.begin_import()?;
    match read_file_again(&json.shown, &mut json.file, &mut writer, json.before) {
        Ok(summary) => {
            writer.finish(by)?;
            Ok(summary.schools)
        }
        Err(stopped) => {
            // The undo's own failure leaves the marker, undone at the next open.
            let _ = writer.abandon();
            match stopped {
                Stopped::Refused(r) => Err(r.into()),
                Stopped::Sink(e) => Err(e.into()),
            }
        }
    }
}
