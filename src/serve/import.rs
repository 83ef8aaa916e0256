//! An import through the server (`sqa import gias …` while `sqa serve` holds the store): the
//! client has read and checked the extract and sends it as `Upload` frames; the server checks
//! the caller's role, applies it in one transaction with the caller's identity (every session
//! is told as of any save), and sends the report back.

use super::proto::{Frames, ToClient, ToServer};
use super::server::{Setup, send};
use crate::domain::role::Role;
use crate::domain::text::clean_line;
use anyhow::Result;
use std::io::Read;
use std::os::unix::net::UnixStream;
use std::time::Duration;

/// The most an import request may be (the checked rows of one authority's schools, as JSON).
pub const MAX_REQUEST: usize = 128 << 20;

/// How long the client may pause while sending its request.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(30);

pub(super) fn serve_import(
    setup: &Setup<'_>,
    mut conn: UnixStream,
    mut frames: Frames,
    user: &str,
    role: Role,
) -> Result<()> {
    let request = match upload(&mut conn, &mut frames) {
        Ok(r) => r,
        Err(e) => {
            let _ = send(&mut conn, &ToClient::Refused(format!("{e:#}")));
            return Err(e);
        }
    };
    // Checked before anything is read into the store: imports are the facilitator's.
    if role != Role::Facilitator {
        let why = format!(
            "as {role} {} cannot import schools or repair the store (a facilitator's job: the [serve] lists of the configuration); nothing was written",
            clean_line(user)
        );
        let _ = send(&mut conn, &ToClient::Refused(why.clone()));
        anyhow::bail!(why);
    }
    match (setup.import)(user, &request) {
        Ok(report) => {
            send(&mut conn, &ToClient::Chunk(report.into_bytes()))?;
            send(&mut conn, &ToClient::Bye(String::new()))?;
            (setup.log)(&format!("sqa serve: {user} imported schools"));
            Ok(())
        }
        Err(e) => {
            let why = format!("{e:#}");
            let _ = send(&mut conn, &ToClient::Refused(why.clone()));
            anyhow::bail!(why)
        }
    }
}

/// The request's bytes: `Upload` frames up to an empty one, at most `MAX_REQUEST`.
fn upload(conn: &mut UnixStream, frames: &mut Frames) -> Result<Vec<u8>> {
    conn.set_read_timeout(Some(UPLOAD_TIMEOUT))?;
    let mut out = Vec::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        while let Some(msg) = frames.next_to_server().map_err(anyhow::Error::msg)? {
            match msg {
                ToServer::Upload(bytes) if bytes.is_empty() => {
                    conn.set_read_timeout(None)?;
                    return Ok(out);
                }
                ToServer::Upload(bytes) => {
                    if out.len() + bytes.len() > MAX_REQUEST {
                        anyhow::bail!(
                            "the import is larger than {} MiB; nothing was written",
                            MAX_REQUEST >> 20
                        );
                    }
                    out.extend_from_slice(&bytes);
                }
                _ => anyhow::bail!("the client sent something other than its import"),
            }
        }
        let n = conn.read(&mut buf)?;
        if n == 0 {
            anyhow::bail!("the client left before sending all of its import");
        }
        frames.push(&buf[..n]);
    }
}
