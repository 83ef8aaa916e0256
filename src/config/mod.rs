//! The configuration file: the priority scheme, visit types, term boundaries and officers.
//!
//! A file is either wholly valid or refused with the file, line and key of the first problem;
//! the program never runs half-configured.

use crate::domain::text::clean_line;
use crate::domain::{Category, Entitlement, Scheme, TermBoundaries};
use chrono::NaiveDate;
use serde::Deserialize;

mod scheme;
use scheme::scheme;
use std::collections::HashSet;
use std::path::Path;
use toml::Spanned;

/// The commented default file written on first run.
pub const DEFAULT_TOML: &str = include_str!("../../data/config.default.toml");

/// Colour names a category may use.
pub const COLOURS: [&str; 8] = [
    "red", "yellow", "green", "blue", "magenta", "cyan", "gray", "white",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub scheme: Scheme,
    pub visit_types: Vec<String>,
    pub terms: TermBoundaries,
    /// Officers' display names (entries written "login = Name" give only the name here).
    pub officers: Vec<String>,
    /// Login → display name, from the `officers` entries written "login = Name".
    pub officer_names: crate::domain::OfficerNames,
    /// When a meeting's decision must give its reasons.
    pub rationale: crate::domain::RationaleRule,
    /// Where closing a meeting files its minutes; `None`: beside the store
    /// (`minutes_dir_for`).
    pub minutes_dir: Option<std::path::PathBuf>,
    /// Days either side of a note of visit within which a planned visit is the one it records.
    pub visit_match_days: u32,
    /// Who may attach to `sqa serve`, by login name, and as what (`[serve]`). Empty: everyone
    /// who can reach the socket, as a facilitator.
    pub team: Vec<(String, crate::domain::role::Role)>,
}

impl Config {
    /// The role of `login` on a server: `None` if a team is configured and they are not in it.
    pub fn role_of(&self, login: &str) -> Option<crate::domain::role::Role> {
        if self.team.is_empty() {
            return Some(crate::domain::role::Role::Facilitator);
        }
        self.team.iter().find(|(l, _)| l == login).map(|(_, r)| *r)
    }
}

/// The default folder for a store's minutes: a sibling of the store, `<store>-minutes` (under
/// the data directory for the default store; the demo's minutes never overwrite the real ones).
pub fn minutes_dir_for(store_path: &std::path::Path) -> std::path::PathBuf {
    let mut name = store_path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "store".into());
    name.push("-minutes");
    store_path.with_file_name(name)
}

impl Default for Config {
    fn default() -> Self {
        Config {
            scheme: Scheme::la_default(),
            visit_types: default_visit_types(),
            terms: TermBoundaries::default(),
            officers: vec![],
            officer_names: crate::domain::OfficerNames::default(),
            rationale: crate::domain::RationaleRule::default(),
            minutes_dir: None,
            visit_match_days: crate::domain::schedule::VISIT_MATCH_DAYS,
            team: vec![],
        }
    }
}

pub fn default_visit_types() -> Vec<String> {
    [
        "Support visit",
        "Monitoring visit",
        "Safeguarding visit",
        "Governance visit",
        "Deep dive",
        "Checkpoint visit",
    ]
    .map(String::from)
    .to_vec()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// Not valid TOML, an unknown key, a missing key or a value of the wrong kind.
    #[error(
        "{file}, line {line}, column {column}{}: {message}; correct it, or delete the file to get a fresh commented default",
        key.as_ref().map(|k| format!(", key {k}")).unwrap_or_default()
    )]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        key: Option<String>,
        message: String,
    },
    /// Valid TOML whose value does not make sense.
    #[error("{file}, line {line}, key {key}: {message}")]
    Invalid {
        file: String,
        line: usize,
        key: String,
        message: String,
    },
    #[error("{path}: cannot read the configuration ({detail}); check the path and its permissions")]
    Read { path: String, detail: String },
    #[error(
        "{path}: cannot write the default configuration ({detail}); check that the directory is writable, or choose another path"
    )]
    Write { path: String, detail: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    visit_types: Option<Spanned<Vec<Spanned<String>>>>,
    officers: Option<Vec<Spanned<String>>>,
    rationale: Option<Spanned<String>>,
    minutes_dir: Option<Spanned<String>>,
    visit_match_days: Option<Spanned<u32>>,
    serve: Option<RawServe>,
    terms: Option<RawTerms>,
    scheme: Option<Spanned<RawScheme>>,
}

/// `[serve]`: the team a server admits, by login name.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawServe {
    facilitators: Option<Vec<Spanned<String>>>,
    officers: Option<Vec<Spanned<String>>>,
    read_only: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerms {
    spring_starts: Option<Spanned<String>>,
    summer_starts: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScheme {
    preset: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    categories: Option<Spanned<Vec<Spanned<RawCategory>>>>,
    /// An earlier scheme's category keys and the category of this one each now counts as.
    map: Option<Spanned<std::collections::BTreeMap<String, Spanned<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    key: Spanned<String>,
    name: Spanned<String>,
    label: Spanned<String>,
    symbol: Spanned<String>,
    colour: Spanned<String>,
    #[serde(default)]
    description: String,
    checkpoint_weeks: Option<Spanned<u32>>,
    visits_per_year: u32,
    #[serde(default)]
    strategy_meetings: bool,
}

/// Converts byte offsets to lines and columns and builds errors for one file.
struct Source<'a> {
    text: &'a str,
    file: &'a str,
}

impl Source<'_> {
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
    fn invalid<T>(&self, span: &Spanned<T>, key: String, message: String) -> ConfigError {
        ConfigError::Invalid {
            file: self.file.to_string(),
            line: self.line_col(span.span().start).0,
            key,
            message,
        }
    }
    /// The dotted key at an offset, read from the text: the last table header above it and the
    /// key on its line, e.g. `scheme.categories[2].colour`.
    fn key_at(&self, offset: usize) -> Option<String> {
        let offset = offset.min(self.text.len());
        let line_start = self.text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[line_start..]
            .find('\n')
            .map_or(self.text.len(), |i| line_start + i);
        let this = &self.text[line_start..line_end];
        let mut table: Option<String> = None;
        let mut seen_arrays: Vec<(String, usize)> = vec![];
        for l in self.text[..line_start].lines().map(str::trim) {
            if let Some(name) = l.strip_prefix("[[").and_then(|r| r.split("]]").next()) {
                let name = name.trim().to_string();
                let n = match seen_arrays.iter_mut().find(|(k, _)| *k == name) {
                    Some((_, n)) => {
                        *n += 1;
                        *n
                    }
                    None => {
                        seen_arrays.push((name.clone(), 0));
                        0
                    }
                };
                table = Some(format!("{name}[{n}]"));
            } else if let Some(name) = l.strip_prefix('[').and_then(|r| r.split(']').next()) {
                table = Some(name.trim().to_string());
            }
        }
        let key = this
            .split_once('=')
            .map(|(k, _)| k.trim().to_string())
            .filter(|k| !k.is_empty() && !k.starts_with('#') && !k.starts_with('['));
        match (table, key) {
            (Some(t), Some(k)) => Some(format!("{t}.{k}")),
            (None, Some(k)) => Some(k),
            (Some(t), None) => Some(t),
            (None, None) => None,
        }
    }
}

fn clean(s: &str) -> String {
    clean_line(s).trim().to_string()
}

impl Config {
    /// Parses and validates a configuration. `source` names the file in error messages.
    pub fn parse(text: &str, source: &str) -> Result<Config, ConfigError> {
        let src = Source { text, file: source };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let (line, column) = src.line_col(offset);
            ConfigError::Syntax {
                file: source.to_string(),
                line,
                column,
                key: e.span().and_then(|s| src.key_at(s.start)),
                message: e.message().trim().replace('\n', " "),
            }
        })?;
        let mut config = Config::default();
        if let Some(v) = raw.visit_types {
            config.visit_types = names(&src, "visit_types", v.get_ref())?;
            if config.visit_types.is_empty() {
                return Err(src.invalid(
                    &v,
                    "visit_types".into(),
                    "the list is empty; give at least one visit type, e.g. [\"Support visit\"]"
                        .into(),
                ));
            }
        }
        if let Some(v) = raw.officers {
            // "jsmith = Jane Smith" names an officer by login; a plain "Jane Smith" (every
            // older file) is a name only.
            let mut logins = vec![];
            for entry in names(&src, "officers", &v)? {
                let (login, name) = crate::domain::officers::split_entry(&entry);
                if let Some(l) = login {
                    logins.push((l.to_string(), name.to_string()));
                }
                config.officers.push(name.to_string());
            }
            config.officer_names = crate::domain::OfficerNames::new(logins);
        }
        if let Some(v) = raw.rationale {
            config.rationale =
                crate::domain::RationaleRule::parse(v.get_ref()).ok_or_else(|| {
                    src.invalid(
                        &v,
                        "rationale".into(),
                        "must be \"on-change\", \"always\" or \"never\"".into(),
                    )
                })?;
        }
        if let Some(v) = raw.minutes_dir {
            let dir = v.get_ref().trim();
            if dir.is_empty() {
                return Err(src.invalid(
                    &v,
                    "minutes_dir".into(),
                    "give a folder, e.g. \"~/Documents/SQA minutes\", or leave it out".into(),
                ));
            }
            // "~/..." as a shell would read it: the folder a facilitator would type.
            config.minutes_dir = Some(match (dir.strip_prefix("~/"), std::env::var_os("HOME")) {
                (Some(rest), Some(home)) => std::path::PathBuf::from(home).join(rest),
                _ => std::path::PathBuf::from(dir),
            });
        }
        if let Some(serve) = raw.serve {
            use crate::domain::role::Role;
            let lists = [
                (serve.facilitators, Role::Facilitator, "serve.facilitators"),
                (serve.officers, Role::Officer, "serve.officers"),
                (serve.read_only, Role::ReadOnly, "serve.read_only"),
            ];
            for (list, role, key) in lists {
                for login in list.unwrap_or_default() {
                    let name = login.get_ref().trim();
                    if name.is_empty() || name.chars().any(|c| c.is_control() || c == ' ') {
                        return Err(src.invalid(
                            &login,
                            key.into(),
                            "give login names, e.g. [\"jsmith\"]".into(),
                        ));
                    }
                    if config.team.iter().any(|(l, _)| l == name) {
                        return Err(src.invalid(
                            &login,
                            key.into(),
                            format!(
                                "{} is listed twice: give each login one role",
                                clean_line(name)
                            ),
                        ));
                    }
                    config.team.push((name.to_string(), role));
                }
            }
        }
        if let Some(v) = raw.visit_match_days {
            if *v.get_ref() > 366 {
                return Err(src.invalid(
                    &v,
                    "visit_match_days".into(),
                    "must be a number of days from 0 to 366, e.g. 14".into(),
                ));
            }
            config.visit_match_days = *v.get_ref();
        }
        if let Some(t) = raw.terms {
            let spring = match &t.spring_starts {
                Some(s) => day_month(&src, s, "terms.spring_starts")?,
                None => config.terms.spring_starts,
            };
            let summer = match &t.summer_starts {
                Some(s) => day_month(&src, s, "terms.summer_starts")?,
                None => config.terms.summer_starts,
            };
            if spring >= summer {
                let (span, key) = match (&t.summer_starts, &t.spring_starts) {
                    (Some(s), _) => (s.span(), "terms.summer_starts"),
                    (None, Some(s)) => (s.span(), "terms.spring_starts"),
                    (None, None) => (0..0, "terms"),
                };
                return Err(ConfigError::Invalid {
                    file: source.to_string(),
                    line: src.line_col(span.start).0,
                    key: key.into(),
                    message: format!(
                        "the summer term ({:02}/{:02}) must start after the spring term ({:02}/{:02})",
                        summer.1, summer.0, spring.1, spring.0
                    ),
                });
            }
            config.terms = TermBoundaries {
                spring_starts: spring,
                summer_starts: summer,
            };
        }
        if let Some(s) = raw.scheme {
            config.scheme = scheme(&src, &s)?;
        }
        Ok(config)
    }

    /// Reads the configuration at `path`; if there is no file, writes the commented default there
    /// and returns the defaults. A bad file is an error, never a partial configuration.
    pub fn load_or_create(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        match crate::files::read_limited(path, MAX_CONFIG_BYTES) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| ConfigError::Read {
                    path: shown.clone(),
                    detail: format!(
                        "not UTF-8 text at byte {}; save it as UTF-8",
                        e.utf8_error().valid_up_to()
                    ),
                })?;
                Config::parse(&text, &shown)
            }
            Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => Err(ConfigError::Read {
                path: shown,
                detail: format!(
                    "larger than {} KiB, which no configuration needs; is it the right file?",
                    MAX_CONFIG_BYTES >> 10
                ),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let write_err = |e: std::io::Error| ConfigError::Write {
                    path: shown.clone(),
                    detail: e.to_string(),
                };
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    crate::files::create_private_dir(dir).map_err(write_err)?;
                }
                // Beside it, then renamed: a crash never leaves a half-written file; 0600.
                crate::files::write_atomically(path, DEFAULT_TOML.as_bytes()).map_err(write_err)?;
                Config::parse(DEFAULT_TOML, &shown)
            }
            Err(e) => Err(ConfigError::Read {
                path: shown,
                detail: e.to_string(),
            }),
        }
    }
}

/// The largest configuration file read (documented in README): the commented default is a few
/// KiB; anything near this is the wrong file (a log, a dump), and reading it whole would be slow.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// A list of names: cleaned, none empty, no duplicates.
fn names(
    src: &Source<'_>,
    key: &str,
    list: &[Spanned<String>],
) -> Result<Vec<String>, ConfigError> {
    let mut out: Vec<String> = vec![];
    for (i, v) in list.iter().enumerate() {
        let name = clean(v.get_ref());
        if name.is_empty() {
            return Err(src.invalid(
                v,
                format!("{key}[{i}]"),
                "is empty; remove it or give a name".into(),
            ));
        }
        if out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
            return Err(src.invalid(
                v,
                format!("{key}[{i}]"),
                format!("'{name}' is listed twice; remove one"),
            ));
        }
        out.push(name);
    }
    Ok(out)
}

/// "dd/mm" → (month, day), in January–August, a day that exists every year.
fn day_month(src: &Source<'_>, v: &Spanned<String>, key: &str) -> Result<(u32, u32), ConfigError> {
    let s = v.get_ref().trim();
    let parsed = s
        .split_once('/')
        .and_then(|(d, m)| Some((d.trim().parse::<u32>().ok()?, m.trim().parse::<u32>().ok()?)))
        .filter(|&(d, m)| NaiveDate::from_ymd_opt(2027, m, d).is_some());
    match parsed {
        Some((d, m)) if (1..=8).contains(&m) => Ok((m, d)),
        Some(_) => Err(src.invalid(
            v,
            key.into(),
            format!(
                "'{}' is outside January to August; the autumn term always starts on 1 September, so give a spring or summer date between 01/01 and 31/08",
                clean(s)
            ),
        )),
        None => Err(src.invalid(
            v,
            key.into(),
            format!(
                "'{}' is not a day and month (dd/mm, e.g. \"06/01\")",
                clean(s)
            ),
        )),
    }
}
