//! The command line: `sqa` opens the board; subcommands load the demo, import, export and check.

use crate::background::{self, DailyBackup};
use crate::backup;
use crate::config::Config;
use crate::domain::Dataset;
use crate::domain::calendar::parse_date;
use crate::domain::text::clean_line;
use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::{app::App, clock, demo, print, session, tui};
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};

mod export_cmd;
mod import_cmd;
mod read_cmds;
mod serve_cmd;
use export_cmd::export_cmd;
use import_cmd::{import_cmd, read_json_import};
use read_cmds::{run_read, served_copy};
use serve_cmd::{attached, serve_store};

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
    /// The configuration file [default: ~/.config/sqa-board/config.toml, created on first run]
    #[arg(long, env = "SQA_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Who you are, for the audit trail [default: your login name]
    #[arg(long, env = "SQA_USER", global = true)]
    pub user: Option<String>,
    /// Treat this day as today (dd/mm/yyyy), e.g. to replay a meeting
    #[arg(long, env = "SQA_TODAY", global = true, value_parser = parse_today)]
    pub today: Option<NaiveDate>,
    /// Treat this instant as now (dd/mm/yyyy HH:MM local, or RFC 3339): times recorded and the
    /// day follow from it, the clock running on from there
    #[arg(long, env = "SQA_NOW", global = true, value_parser = clock::parse_now)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// The socket of a running `sqa serve` [default: the store's path with .sock added]
    #[arg(long, env = "SQA_SOCKET", global = true)]
    pub socket: Option<PathBuf>,
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
    /// Write data out: everything as JSON (a backup without sled), the board as CSV, a school
    /// profile or a note of visit as Markdown
    Export(ExportArgs),
    /// Load data: a JSON export into an empty store, or schools from the DfE register (GIAS)
    Import(ImportArgs),
    /// Decode every record and check every reference; report what is wrong where
    Check {
        /// Mend what can be mended safely (a school with two live decisions at one meeting, a
        /// decision's previous category, an agenda naming a superseded decision), audited
        #[arg(long)]
        repair: bool,
    },
    /// Who changed what, when (the audit trail), newest first: one school's records with the
    /// changes to every school, or everything
    Changes {
        /// Only this school (and changes to every school, such as imports)
        #[arg(long, value_name = "URN")]
        school: Option<u32>,
    },
    /// Hold the store and host every officer's session: each connects with `sqa attach` (or
    /// plain `sqa`), over SSH or locally, on the server's Unix socket
    Serve,
    /// Open the board in the running server's session (what `sqa` does when a server answers)
    Attach,
    /// Write the minutes of an SQA meeting (by id or dd/mm/yyyy date) as Markdown
    Minutes {
        /// The meeting's id, or its date (dd/mm/yyyy)
        meeting: String,
        #[arg(long, value_name = "FILE.md")]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct ExportWhat {
    /// Everything, as JSON (the documented backup format)
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// The board as CSV, for a spreadsheet
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// One school's profile as Markdown
    #[arg(long, value_name = "URN")]
    pub school: Option<u32>,
    /// One note of visit as Markdown, to send to the school
    #[arg(long, value_name = "NOTE-ID")]
    pub note: Option<u64>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub what: ExportWhat,
    /// Where to write a Markdown export [default: standard output]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ImportArgs {
    /// A JSON export to load into an empty store
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    #[command(subcommand)]
    pub source: Option<ImportSource>,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// Schools from the DfE "Get Information About Schools" extract (edubasealldata*.csv)
    Gias {
        /// The extract, as downloaded (Windows-1252 CSV)
        file: PathBuf,
        /// Your local authority's code, as in the `LA (code)` column, e.g. 857
        #[arg(long)]
        la: String,
        /// Say what would change, change nothing
        #[arg(long)]
        dry_run: bool,
        /// Also import schools that are closed
        #[arg(long)]
        include_closed: bool,
    },
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    parse_date(s, clock::Clock::system().today()).map_err(|e| e.to_string())
}

/// Exit codes: 0 done, 1 failed, 2 the store is held by another process.
pub const EXIT_LOCKED: i32 = 2;

fn project_dirs() -> Result<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "sqa-board")
        .context("no home directory: pass --store PATH and --config PATH")
}

fn load_config(explicit: Option<&Path>) -> Result<Config> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => project_dirs()?.config_dir().join("config.toml"),
    };
    Config::load_or_create(&path).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let user = session::current_user(cli.user.as_deref());
    let clock = clock::Clock::fixed_by(cli.today, cli.now);
    let today = clock.today();
    let mut session = Session::new(&user, clock);
    session.no_color = session::no_color();
    let command = cli.command.unwrap_or(Command::Board);
    let is_demo = matches!(command, Command::Demo { .. });
    // The config is read before the store is touched: a bad config stops here, with its line.
    let config = load_config(cli.config.as_deref())?;
    let path = match (&cli.store, is_demo) {
        (Some(p), _) => p.clone(),
        (None, true) => project_dirs()?.data_dir().join("demo-store"),
        (None, false) => project_dirs()?.data_dir().join("store"),
    };
    let socket = cli
        .socket
        .clone()
        .unwrap_or_else(|| crate::serve::default_socket(&path));
    // With a server running, the board is its session: the store is the server's.
    let board_like = matches!(
        command,
        Command::Board
            | Command::Attach
            | Command::Demo {
                fresh: false,
                load_only: false
            }
    );
    if board_like && let Some(conn) = crate::serve::attach::connect(&socket) {
        if !is_tty() {
            bail!("the board needs a terminal: run sqa in an interactive terminal");
        }
        return attached(crate::serve::attach::attach(conn, session.no_color)?);
    }
    if matches!(command, Command::Attach) {
        bail!(
            "no server answers on {} (start one with `sqa serve`, or run `sqa` to open the store directly)",
            socket.display()
        );
    }
    // A JSON import is read and checked before the store is opened (and so created): a refused
    // file writes nothing, not even an empty store.
    let json_import = match &command {
        Command::Import(ImportArgs { json: Some(p), .. }) => Some(read_json_import(p)?),
        _ => None,
    };
    let fresh = matches!(command, Command::Demo { fresh: true, .. });
    // `check` and `export` only read: they open a copy (see `Store::open_to_read`), so they
    // never create a store at a mistyped path and still work on a full or read-only disk.
    let opened = match command {
        Command::Check { repair: false } | Command::Export(_) => {
            Store::open_to_read(&path, &session.stamp())
        }
        // Repairs write: never to a store that is not there (a mistyped path).
        Command::Check { repair: true } if !path.join("db").exists() => {
            bail!("no store at {}: nothing to repair", path.display());
        }
        _ => open_store(&path, &session, fresh),
    };
    // A command that only reads works while a server holds the store: on a copy of the data
    // the server sends (files are written here, by the caller).
    let reads = matches!(
        command,
        Command::Export(_)
            | Command::Minutes { .. }
            | Command::Changes { .. }
            | Command::Check { repair: false }
    );
    // An import while a server holds the store: read and checked here, applied by the server.
    if let Err(StoreError::Locked { .. }) = &opened
        && let Command::Import(_) = &command
        && let Some(conn) = crate::serve::attach::connect(&socket)
    {
        let Command::Import(args) = command else {
            return Ok(EXIT_LOCKED);
        };
        return import_cmd::import_served(conn, args);
    }
    // Repairs while a server holds the store: the server makes them, by this caller.
    if let Err(StoreError::Locked { .. }) = &opened
        && let Command::Check { repair: true } = &command
        && let Some(conn) = crate::serve::attach::connect(&socket)
    {
        return import_cmd::repair_served(conn);
    }
    let opened = match opened {
        Err(StoreError::Locked { .. })
            if reads && let Some(conn) = crate::serve::attach::connect(&socket) =>
        {
            return run_read(
                served_copy(conn, &path, &session)?,
                command,
                &session,
                &config,
            );
        }
        other => other,
    };
    let store = match opened {
        Ok(s) => s,
        Err(e @ StoreError::Locked { .. }) => {
            print::err_line(&format!("sqa: {e}"));
            return Ok(EXIT_LOCKED);
        }
        Err(e) => return Err(e.into()),
    };
    match command {
        Command::Board => {
            apply_scheme(&store, &config, &session)?;
            open_board(&store, &config, &session)
        }
        Command::Demo { load_only, .. } => {
            if store.is_empty()? {
                // Anchored to the week of `today` when first loaded; `--fresh` re-anchors.
                let data =
                    demo::demo_dataset_for(today, &config.terms).map_err(anyhow::Error::msg)?;
                store.import_dataset(&data, &session.stamp())?;
                cache_board(&store, today);
            }
            if load_only {
                print::line(&format!(
                    "Demo county loaded into {}",
                    store.path().display()
                ))?;
                return Ok(0);
            }
            // The demo keeps its own scheme: its history is written in it.
            open_board(&store, &config, &session)
        }
        Command::Serve => {
            apply_scheme(&store, &config, &session)?;
            serve_store(&store, &config, &session, &socket)
        }
        // Answered above, or refused.
        Command::Attach => Ok(EXIT_LOCKED),
        Command::Export(args) => run_read(store, Command::Export(args), &session, &config),
        Command::Import(args) => import_cmd(&store, &config, &session, args, json_import),
        Command::Check { repair } => {
            if repair {
                repair_store(&store, &session)?;
            }
            run_read(store, Command::Check { repair: false }, &session, &config)
        }
        c @ (Command::Minutes { .. } | Command::Changes { .. }) => {
            run_read(store, c, &session, &config)
        }
    }
}

/// `sqa check --repair`: mends the links `integrity::repairs` finds, in one commit with an
/// audit entry per record saying what changed and why; says what it did.
fn repair_store(store: &Store, session: &Session) -> Result<()> {
    for line in repairs_applied(store, &session.stamp())? {
        print::line(&line)?;
    }
    Ok(())
}

/// `check --repair`'s work, by `by`: every repair `domain::integrity` finds, in one commit;
/// returns what it says (shared by the local and the served path).
pub(crate) fn repairs_applied(store: &Store, by: &crate::store::Stamp) -> Result<Vec<String>> {
    let data = store.export_dataset()?;
    let found = crate::domain::integrity::repairs(&data);
    if found.is_empty() {
        return Ok(vec!["Nothing to repair.".into()]);
    }
    let mut staged = Vec::new();
    let mut said = Vec::new();
    for (d, why) in &found.decisions {
        staged.push(crate::store::Staged::new(d, why)?.0);
        said.push(format!("decision {}: {why}", d.id));
    }
    for (m, why) in &found.meetings {
        staged.push(crate::store::Staged::new(m, why)?.0);
        said.push(format!("meeting {}: {why}", m.id));
    }
    store.commit(by, &staged)?;
    said.push(format!(
        "Repaired {} record(s) in {} (see sqa changes)",
        staged.len(),
        store.path().display()
    ));
    Ok(said)
}

/// Makes the store use the configured scheme. Past decisions keep the category keys they were
/// made with: changing the scheme never rewrites history.
fn apply_scheme(store: &Store, config: &Config, session: &Session) -> Result<()> {
    if store.scheme()?.as_ref() == Some(&config.scheme) {
        return Ok(());
    }
    // A category of a school's current decision that the new scheme neither has nor maps
    // would leave the board showing an unknown category and "raised/lowered" meaningless.
    let data = store.load_overview()?;
    let unknown = crate::domain::priority::unmapped_categories(&config.scheme, &data.decisions);
    if !unknown.is_empty() {
        let list: Vec<String> = unknown
            .iter()
            .map(|(k, n)| format!("'{}' ({n} school(s))", clean_line(k)))
            .collect();
        bail!(
            "the configured scheme \"{}\" has no category for {} used by current decisions: say what each now counts as in the configuration, e.g. [scheme] map = {{ {} = \"{}\" }}; nothing was changed",
            clean_line(&config.scheme.name),
            list.join(", "),
            clean_line(&unknown[0].0),
            config
                .scheme
                .categories
                .first()
                .map_or(String::new(), |c| c.key.clone())
        );
    }
    store.set_scheme(&config.scheme, &session.stamp())?;
    Ok(())
}

/// The app for the board's first frame, and the work that must follow it before the first key.
///
/// The first frame comes from the schools and the cached board facts when they are current (one
/// value instead of every record: see `store::board_cache`), and everything else loads once it
/// is on screen. Otherwise everything loads first, and the facts are cached for next time.
pub fn board_app<'a>(
    store: &'a Store,
    session: &Session,
) -> Result<(App, tui::AfterFirstFrame<'a>)> {
    let today = session.clock.today();
    let revision = store.revision()?;
    Ok(match store.board_preview(today)? {
        Some(preview) => {
            let mut data = Dataset::empty(preview.scheme);
            data.schools = preview.schools.into();
            let app = App::with_board_facts(data, &preview.facts, session.clone());
            let from = store.clone();
            let load = tui::AfterFirstFrame::Load(crate::runner::Loading {
                // Shared: every session of a server holds the same copy of the data.
                load: Box::new(move || Ok(from.load_overview_shared()?)),
                then: Box::new(move |app: &mut App, data| {
                    // Its index too, before the first key that needs it, so the first meeting
                    // or school opened does not wait (shared like the data).
                    let index = store.overview_index(&data);
                    app.set_data_indexed(data, index);
                    Ok(())
                }),
            });
            (app, load)
        }
        None => {
            let app = App::new(store.load_overview_shared()?, session.clone());
            let keep = tui::AfterFirstFrame::work(move |app: &mut App| -> Result<()> {
                // A cache is only a speed-up: failing to write one is not worth a word.
                if let Ok(true) = store.put_board_cache(&app.data, revision, today) {
                    let _ = store.flush();
                }
                Ok(())
            });
            (app, keep)
        }
    })
}

/// The board's app for `session` with the configuration applied, and the work that follows
/// its first frame.
fn configured_app<'a>(
    store: &'a Store,
    config: &Config,
    session: &Session,
) -> Result<(App, tui::AfterFirstFrame<'a>)> {
    let (mut app, after_first_frame) = board_app(store, session)?;
    let empty = app.data.schools.is_empty();
    app.terms = config.terms;
    app.visit_types = config.visit_types.clone();
    app.officers = config.officers.clone();
    app.officer_names = config.officer_names.clone();
    app.rationale_rule = config.rationale;
    app.minutes_dir = Some(
        config
            .minutes_dir
            .clone()
            .unwrap_or_else(|| crate::config::minutes_dir_for(store.path())),
    );
    app.visit_match_days = config.visit_match_days;
    if empty {
        app.set_status(
            "No schools yet: quit and run `sqa import gias FILE --la CODE`, or try `sqa demo`"
                .into(),
        );
    }
    let ids = store.clone();
    app.set_id_source(Box::new(move || ids.next_id().ok()));
    Ok((app, after_first_frame))
}

fn open_board(store: &Store, config: &Config, session: &Session) -> Result<i32> {
    let today = session.clock.today();
    if !is_tty() {
        bail!("the board needs a terminal: run sqa in an interactive terminal");
    }
    let (app, load) = configured_app(store, config, session)?;
    // Today's backup is taken while the board is in use, once it has loaded: quitting never
    // waits for it (see `background`).
    let (backup, starter) = DailyBackup::spawn(store.clone(), today, backup::KEEP);
    let after_first_frame = load.and_then(move |_| starter.start());
    let ended = tui::run(store, app, Some(after_first_frame))?;
    if ended.exit == tui::Exit::Quit {
        // If this session saved anything, the cached board facts are stale: kept again from
        // the session's own copy of the data (no load), so the next start is quick. Not after
        // a hang-up, which must end at once.
        if let Some((data, revision)) = &ended.loaded
            && let Err(e) = store.keep_board_facts(data, *revision, today)
        {
            print::err_line(&format!(
                "sqa: could not update the board cache (the next start will be slower): {e}"
            ));
        }
    }
    if let background::Outcome::Failed(e) = backup.finish() {
        print::err_line(&format!("sqa: the daily backup failed: {e}"));
    }
    Ok(0)
}

/// Takes the board's facts again after a change, so the next board opens quickly (see
/// `store::board_cache`). Only a speed-up: a failure is reported and changes nothing else.
fn cache_board(store: &Store, today: NaiveDate) {
    if let Err(e) = store.refresh_board_cache(today) {
        print::err_line(&format!(
            "sqa: could not update the board cache (the next start will be slower): {e}"
        ));
    }
}

fn is_tty() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Opens the store; with `fresh_demo` (`sqa demo --fresh`), empties it first.
///
/// The store is opened before anything is removed, so another session holding it is refused
/// with `Locked` (exit 2) and its data stays. Only a store that does not open at all (damaged)
/// is deleted and started again, which is what `--fresh` is for.
fn open_store(path: &Path, session: &Session, fresh_demo: bool) -> Result<Store, StoreError> {
    if !fresh_demo || !path.exists() {
        return Store::open(path, &session.stamp());
    }
    is_demo_store(path).map_err(|e| StoreError::Invalid(e.to_string()))?;
    match Store::open(path, &session.stamp()) {
        Ok(store) => {
            store.clear_all()?;
            Ok(store)
        }
        Err(StoreError::Io(why)) => {
            std::fs::remove_dir_all(path).map_err(|e| {
                StoreError::Io(format!("could not clear {} ({why}): {e}", path.display()))
            })?;
            Store::open(path, &session.stamp())
        }
        Err(e) => Err(e),
    }
}

/// Refuses anything that does not look like a demo store (so a mistyped `--store` with
/// `--fresh` cannot clear the real store).
fn is_demo_store(path: &Path) -> Result<()> {
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
    Ok(())
}
