//! Files sqa writes (exports, backups, minutes, the default config): private unless the user
//! chose otherwise, and never half-written under their real name.
//!
//! A backup is the whole dataset and an export or minutes most of it: with the store outside the
//! private default folder (`--store /srv/sqa`) the umask would leave them 0644 in 0755 folders,
//! readable by every account on the machine. So every file sqa creates is 0600 and every folder
//! it creates 0700. A file or folder that already exists keeps its mode: that is the user's
//! choice (an export made readable for a colleague stays readable when written again).

use std::fs::{DirBuilder, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The mode of files sqa creates.
pub const FILE_MODE: u32 = 0o600;
/// The mode of folders sqa creates.
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` and any missing parents, each new one 0700.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    DirBuilder::new().recursive(true).mode(DIR_MODE).create(dir)
}

/// Reads at most `max` bytes of `path`; a longer file is `FileTooLarge`, found before it is
/// read into memory (and a file growing meanwhile is cut at `max + 1` and refused all the same).
pub fn read_limited(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path)?;
    if f.metadata()?.len() > max {
        return Err(std::io::ErrorKind::FileTooLarge.into());
    }
    let mut bytes = Vec::new();
    f.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(std::io::ErrorKind::FileTooLarge.into());
    }
    Ok(bytes)
}

/// Writes `bytes` to `path` so that a crash or power cut never leaves a half-written file under
/// the real name: a new file beside it, synced, then renamed over it. The file is 0600, or keeps
/// the mode of the file it replaces.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(path, |w| w.write_all(bytes))
}

/// `write_atomically`, the contents written by `write` as they are made (streamed through a
/// buffer into the private temporary file, never held whole in memory).
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    let mode = match std::fs::metadata(path) {
        Ok(m) if m.is_file() => m.permissions().mode() & 0o777,
        _ => FILE_MODE,
    };
    // A leftover from a crashed write may have any mode; `create_new` then makes a fresh file
    // with ours (and, in a shared folder, refuses to follow a planted symlink).
    match std::fs::remove_file(&tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(&tmp)?;
    let streamed = {
        let mut buf = io::BufWriter::with_capacity(1 << 16, &mut f);
        write(&mut buf).and_then(|()| buf.flush())
    };
    let written = streamed
        // `mode` is filtered by the umask; set it exactly (a umask of 0 must not widen it,
        // and the replaced file's mode must come through whole).
        .and_then(|()| f.set_permissions(std::fs::Permissions::from_mode(mode)))
        .and_then(|()| f.sync_all());
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    drop(f);
    std::fs::rename(&tmp, path)?;
    // The rename itself must reach the disk for "written" to hold after a power cut.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}
