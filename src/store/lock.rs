//! Who holds the store. sled takes an exclusive `flock` on `<dir>/db`; a second opener (another
//! process, or a second open in this one) fails at once. sled cannot say who holds it, so each
//! opener writes a small `holder` file, and a refused opener reads it to name the holder.

use crate::domain::text::clean_line;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

const HOLDER: &str = "holder";

/// Whether sled refused to open because another opener holds the lock. sled reports it as an
/// `io::ErrorKind::Other` whose message carries the inner `WouldBlock`, so the text is all there
/// is to go on.
pub fn is_lock_error(e: &sled::Error) -> bool {
    match e {
        sled::Error::Io(io) => {
            let msg = io.to_string();
            io.kind() == std::io::ErrorKind::WouldBlock
                || msg.contains("could not acquire lock")
                || msg.contains("WouldBlock")
        }
        _ => false,
    }
}

/// Records this process as the holder: user, pid and start time, one per line. The time is in
/// UTC and says so: the refused opener may be a session in another zone.
pub fn write_holder(dir: &Path, by: &super::Stamp) -> std::io::Result<()> {
    let since = by.at.format("%d/%m/%Y %H:%M UTC");
    let text = format!(
        "{}\n{}\n{since}\n",
        clean_line(&by.user),
        std::process::id()
    );
    // Written to a temporary name and renamed, so a reader never sees half a file.
    let tmp = dir.join("holder.tmp");
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    fs::rename(&tmp, dir.join(HOLDER))
}

/// "alice (pid 4242) since 23/11/2026 12:04", or "another process" when the file is missing
/// or unreadable. The file is data from disk: cleaned before it reaches a terminal.
pub fn holder_text(dir: &Path) -> String {
    let parsed = fs::read_to_string(dir.join(HOLDER)).ok().and_then(|s| {
        let mut lines = s.lines();
        let user = clean_line(lines.next()?.trim());
        let pid: u32 = lines.next()?.trim().parse().ok()?;
        let since = clean_line(lines.next()?.trim());
        (!user.is_empty()).then(|| format!("{user} (pid {pid}) since {since}"))
    });
    parsed.unwrap_or_else(|| "another process".to_string())
}
