//! Who is using the tool and what day it is: passed into each session, never read from a global
//! inside the app, so one process can later host several users.

use crate::clock::Clock;

/// What a session is handed when it starts: who is at the keyboard, their clock, whether they
/// want colour. One process may later host several, each with its own.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: String,
    pub clock: Clock,
    pub no_color: bool,
    /// What the officer may save (a served session's, from the team list; locally, everything).
    pub role: crate::domain::role::Role,
}

impl Session {
    pub fn new(user: &str, clock: Clock) -> Session {
        Session {
            user: user.to_string(),
            clock,
            no_color: false,
            role: crate::domain::role::Role::default(),
        }
    }

    /// Who and when, for a commit made now.
    pub fn stamp(&self) -> crate::store::Stamp {
        crate::store::Stamp::new(&self.user, self.clock.now())
    }
}

/// The user for audit entries: `SQA_USER`, else the login name (`USER`/`LOGNAME`, else the
/// password file's name for this process's uid).
pub fn current_user(explicit: Option<&str>) -> String {
    if let Some(u) = explicit.filter(|u| !u.trim().is_empty()) {
        return crate::domain::text::clean_line(u.trim());
    }
    for var in ["SQA_USER", "USER", "LOGNAME", "USERNAME"] {
        if let Ok(v) = std::env::var(var)
            && !v.trim().is_empty()
        {
            return crate::domain::text::clean_line(v.trim());
        }
    }
    login_name().unwrap_or_else(|| "unknown".to_string())
}

/// The name of the process's user from the password file, for when no variable names it
/// (daemons, `sudo -i`, some SSH setups): the audit trail must name a real account.
fn login_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    name_of_uid(uid)
}

/// The login name of `uid` from the password file (a served session's officer is the uid at
/// the other end of its socket).
pub fn name_of_uid(uid: u32) -> Option<String> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut f = line.split(':');
        let name = f.next()?;
        let id: u32 = f.nth(1)?.parse().ok()?;
        (id == uid && !name.is_empty()).then(|| crate::domain::text::clean_line(name))
    })
}

/// Whether colour is off: the `NO_COLOR` convention (any non-empty value), or a dumb terminal.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_login_name_is_found_without_environment_variables() {
        // Every process on Linux has a uid in /etc/passwd (root at least).
        let name = super::login_name();
        assert!(name.is_some_and(|n| !n.is_empty()));
    }
}
