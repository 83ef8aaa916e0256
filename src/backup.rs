//! Automatic backups that do not depend on sled: once a day, the whole store as a JSON export
//! beside the store, keeping the newest few.

use crate::store::{ExportCounts, Store};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// How many daily backups to keep.
pub const KEEP: usize = 14;

/// Where a store's backups go: a sibling directory, `<store>-backups`.
pub fn backup_dir(store_path: &Path) -> PathBuf {
    let mut name = store_path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "store".into());
    name.push("-backups");
    store_path.with_file_name(name)
}

/// Writes today's backup unless it exists, then removes all but the newest `keep`.
/// Returns the path written, if any.
pub fn daily(store: &Store, today: NaiveDate, keep: usize) -> Result<Option<PathBuf>> {
    daily_unless(store, today, keep, None)
}

/// `daily`, stopped between two records once `cancel` is set (the session is over): nothing is
/// left half-written, and the next session takes the backup.
pub fn daily_unless(
    store: &Store,
    today: NaiveDate,
    keep: usize,
    cancel: Option<&AtomicBool>,
) -> Result<Option<PathBuf>> {
    let dir = backup_dir(store.path());
    // Each backup is the whole dataset: the folder is sqa's own, kept owner-only even if an
    // older sqa made it 0755.
    crate::files::create_private_dir(&dir)
        .and_then(|()| {
            std::fs::set_permissions(
                &dir,
                std::fs::Permissions::from_mode(crate::files::DIR_MODE),
            )
        })
        .with_context(|| format!("could not create the backup directory {}", dir.display()))?;
    let path = dir.join(format!("sqa-backup-{}.json", today.format("%Y-%m-%d")));
    let written = if path.exists() {
        None
    } else {
        write_export(store, &path, cancel)?;
        Some(path)
    };
    prune(&dir, keep)?;
    Ok(written)
}

fn prune(dir: &Path, keep: usize) -> Result<()> {
    let mut backups: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("sqa-backup-") && n.ends_with(".json"))
        })
        .collect();
    // Names carry ISO dates, so name order is date order.
    backups.sort();
    let excess = backups.len().saturating_sub(keep);
    for old in &backups[..excess] {
        std::fs::remove_file(old).with_context(|| format!("could not remove {}", old.display()))?;
    }
    Ok(())
}

/// Writes the JSON export of everything to `path`, record by record from the store into the
/// private temporary file, then renamed (see `files::write_atomically_with`): constant memory
/// whatever the store's size. With `cancel` set meanwhile, stops and leaves nothing.
pub fn write_export(
    store: &Store,
    path: &Path,
    cancel: Option<&AtomicBool>,
) -> Result<ExportCounts> {
    let mut counts = ExportCounts::default();
    crate::files::write_atomically_with(path, |w| {
        counts = store
            .write_export(w, cancel)
            .map_err(std::io::Error::other)?;
        Ok(())
    })
    .with_context(|| format!("could not write {}", path.display()))?;
    Ok(counts)
}

/// Writes a file so that a crash mid-way never leaves a half-written file under the real name,
/// 0600 unless it replaces a file with another mode (see `files::write_atomically`).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::files::write_atomically(path, bytes)
        .with_context(|| format!("could not write {}", path.display()))
}
