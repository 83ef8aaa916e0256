//! `sqa serve` and the end of a session attached to a server.

use super::{EXIT_LOCKED, cache_board, configured_app};
use crate::config::Config;
use crate::domain::text::clean_line;
use crate::session::Session;
use crate::store::Store;
use crate::{backup, print};
use anyhow::Result;
use std::path::Path;

/// `sqa serve`: hosts every officer's session over `store` until SIGTERM; then, as a local
/// session does on quit, refreshes the board cache and takes the daily backup.
pub(super) fn serve_store(
    store: &Store,
    config: &Config,
    session: &Session,
    socket: &Path,
) -> Result<i32> {
    let clock = session.clock;
    let session_for = move |user: &str| Session::new(user, clock);
    let app_for = |s: &Session| configured_app(store, config, s);
    let log = |line: &str| print::err_line(line);
    let role_of = |login: &str| config.role_of(login);
    // The daily backup is the server's: taken when it starts and on each new day while it
    // runs, never by a session's quit (which must be quick, and may be one of twenty).
    let chores = move || match backup::daily(store, clock.today(), backup::KEEP) {
        Ok(Some(path)) => log(&format!(
            "sqa serve: the daily backup is written to {}",
            path.display()
        )),
        Ok(None) => {}
        Err(e) => log(&format!("sqa serve: the daily backup failed: {e:#}")),
    };
    // An import sent by a facilitator's `sqa import` (checked on their side), applied here by
    // them: their login in the audit trail, every session told as of any save.
    let import = |login: &str, request: &[u8]| -> Result<String> {
        use crate::import::request::ServedWrite;
        let req: ServedWrite = serde_json::from_slice(request)
            .map_err(|e| anyhow::anyhow!("the request could not be read: {e}"))?;
        let by = crate::store::Stamp::new(login, clock.now());
        let lines = match req {
            ServedWrite::Gias(req) => {
                super::import_cmd::apply_gias(store, &config.scheme, &by, &req)?
            }
            ServedWrite::Repair => super::repairs_applied(store, &by)?,
        };
        Ok(lines.join("\n"))
    };
    let setup = crate::serve::server::Setup {
        store,
        session_for: &session_for,
        app_for: &app_for,
        role_of: &role_of,
        log: &log,
        chores: &chores,
        import: &import,
    };
    crate::serve::server::serve(&setup, socket)?;
    let today = clock.today();
    cache_board(store, today);
    if let Err(e) = backup::daily(store, today, backup::KEEP) {
        print::err_line(&format!("sqa: the daily backup failed: {e:#}"));
    }
    Ok(0)
}

/// The exit of a session run on a server.
pub(super) fn attached(end: crate::serve::attach::Detached) -> Result<i32> {
    use crate::serve::attach::Detached;
    match end {
        Detached::Ended(why) => {
            if !why.is_empty() {
                print::err_line(&format!("sqa: {}", clean_line(&why)));
            }
            Ok(0)
        }
        Detached::Hangup => Ok(0),
        Detached::Lost => {
            print::err_line("sqa: the server closed the connection");
            Ok(1)
        }
        Detached::Refused(why) => {
            print::err_line(&format!("sqa: the server refused: {}", clean_line(&why)));
            Ok(EXIT_LOCKED)
        }
    }
}
