//! Who is using the tool and what day it is: passed into each session, never read from a global
//! inside the app, so one process can later host several users.

use chrono::NaiveDate;

/// The user for audit entries: `SQA_USER`, else the login name.
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
    "unknown".to_string()
}

/// Today in local time.
pub fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Whether colour is off: the `NO_COLOR` convention (any non-empty value), or a dumb terminal.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
}
