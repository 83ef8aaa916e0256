//! The command line: `sqa` opens the board; subcommands load the demo, export, import and check.

use crate::domain::calendar::parse_date;
use crate::store::{Store, StoreError};
use crate::{app::App, demo, session, tui};
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "sqa",
    version,
    about = "School Quality Assurance board for a local authority"
)]
pub struct Cli {
    /// The store directory [default: ~/.local/share/sqa-board/store]
    #[arg(long, env = "SQA_STORE", global = true)]
    pub store: Option<PathBuf>,
    /// Who you are, for the audit trail [default: your login name]
    #[arg(long, env = "SQA_USER", global = true)]
    pub user: Option<String>,
    /// Treat this day as today (dd/mm/yyyy), e.g. to replay a meeting
    #[arg(long, env = "SQA_TODAY", global = true, value_parser = parse_today)]
    pub today: Option<NaiveDate>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the board (the default)
    Board,
    /// Open the board on the fictional demo county, loading it into a demo store if empty
    Demo {
        /// Throw away the demo store's contents and load the demo data afresh
        #[arg(long)]
        fresh: bool,
        /// Load the demo data and exit without opening the board
        #[arg(long)]
        load_only: bool,
    },
    /// Write everything in the store to a JSON file (a backup that does not need sled)
    Export {
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
    /// Load a JSON export into an empty store
    Import {
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
    /// Decode every record in the store and report what is wrong where
    Check,
    /// Write the minutes of an SQA meeting (by id or dd/mm/yyyy date) as Markdown
    Minutes {
        /// The meeting's id, or its date (dd/mm/yyyy)
        meeting: String,
        #[arg(long, value_name = "FILE.md")]
        out: PathBuf,
    },
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    parse_date(s, session::local_today()).map_err(|e| e.to_string())
}

/// Exit codes: 0 done, 1 failed, 2 the store is held by another process.
pub const EXIT_LOCKED: i32 = 2;

fn data_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "sqa-board")
        .map(|d| d.data_dir().to_path_buf())
        .context("no home directory to put the store in: pass --store PATH or set SQA_STORE")
}

fn default_store() -> Result<PathBuf> {
    Ok(data_dir()?.join("store"))
}

fn demo_store() -> Result<PathBuf> {
    Ok(data_dir()?.join("demo-store"))
}

fn open(path: &Path, user: &str) -> Result<Store, StoreError> {
    Store::open(path, user)
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let user = session::current_user(cli.user.as_deref());
    let today = cli.today.unwrap_or_else(session::local_today);
    let command = cli.command.unwrap_or(Command::Board);
    let path = match (&cli.store, &command) {
        (Some(p), _) => p.clone(),
        (None, Command::Demo { .. }) => demo_store()?,
        (None, _) => default_store()?,
    };
    if let (Command::Demo { fresh: true, .. }, true) = (&command, path.exists()) {
        remove_demo_store(&path)?;
    }
    let store = match open(&path, &user) {
        Ok(s) => s,
        Err(e @ StoreError::Locked { .. }) => {
            eprintln!("sqa: {e}");
            return Ok(EXIT_LOCKED);
        }
        Err(e) => return Err(e.into()),
    };
    match command {
        Command::Board => open_board(&store, today, &user),
        Command::Demo { load_only, .. } => {
            if store.is_empty()? {
                let data = demo::demo_dataset().map_err(anyhow::Error::msg)?;
                store.import_dataset(&data, &user)?;
            }
            if load_only {
                println!("Demo county loaded into {}", store.path().display());
                return Ok(0);
            }
            open_board(&store, today, &user)
        }
        Command::Export { json } => {
            let data = store.export_dataset()?;
            let text = serde_json::to_string_pretty(&data)?;
            write_atomically(&json, text.as_bytes())?;
            println!(
                "Exported {} schools, {} decisions, {} notes to {}",
                data.schools.len(),
                data.decisions.len(),
                data.notes.len(),
                json.display()
            );
            Ok(0)
        }
        Command::Import { json } => {
            let text = std::fs::read_to_string(&json)
                .with_context(|| format!("could not read {}", json.display()))?;
            let data = demo::parse_dataset(&json.display().to_string(), &text)
                .map_err(anyhow::Error::msg)?;
            if !store.is_empty()? {
                bail!(
                    "the store {} already holds schools: import into an empty store (--store NEWPATH)",
                    store.path().display()
                );
            }
            store.import_dataset(&data, &user)?;
            println!(
                "Imported {} schools from {}",
                data.schools.len(),
                json.display()
            );
            Ok(0)
        }
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
            write_atomically(&out, text.as_bytes())?;
            println!(
                "Minutes of the meeting of {} written to {}",
                crate::domain::calendar::fmt_date(m.date),
                out.display()
            );
            Ok(0)
        }
        Command::Check => {
            let problems = store.check();
            if problems.is_empty() {
                println!("{}: every record decodes", store.path().display());
                Ok(0)
            } else {
                for p in &problems {
                    println!("{p}");
                }
                println!(
                    "{} problem(s) in {}",
                    problems.len(),
                    store.path().display()
                );
                Ok(1)
            }
        }
    }
}

fn open_board(store: &Store, today: NaiveDate, user: &str) -> Result<i32> {
    if !is_tty() {
        bail!("the board needs a terminal: run sqa in an interactive terminal");
    }
    let data = store.load_overview()?;
    if data.schools.is_empty() {
        eprintln!(
            "The store {} has no schools yet. Try `sqa demo` for the demo county, or `sqa import --json FILE`.",
            store.path().display()
        );
    }
    let mut app = App::new(data, today, user.to_string());
    app.set_no_color(session::no_color());
    let ids = store.clone();
    app.set_id_source(Box::new(move || ids.next_id().ok()));
    tui::run(store, user, app)?;
    Ok(0)
}

fn is_tty() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Writes a file so that a crash mid-way never leaves a half-written backup under the real name.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp-partial");
    std::fs::write(&tmp, bytes).with_context(|| format!("could not write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("could not write {}", path.display()))?;
    Ok(())
}

/// Removes a demo store, refusing anything that does not look like one (so a mistyped `--store`
/// with `--fresh` cannot delete the real store).
fn remove_demo_store(path: &Path) -> Result<()> {
    let looks_like_sled = path.join("conf").exists() || path.join("db").exists();
    let name_ok = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().contains("demo"));
    if !looks_like_sled || !name_ok {
        bail!(
            "--fresh only clears a demo store (a directory whose name contains 'demo'); {} is not one",
            path.display()
        );
    }
    std::fs::remove_dir_all(path).with_context(|| format!("could not clear {}", path.display()))
}
