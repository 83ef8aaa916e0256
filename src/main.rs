//! `sqa`: parse the command line, run it, turn errors into a message and an exit code.
//!
//! Everything printed goes through `sqa_board::print` (sanitised; a closed standard output is a
//! quiet exit 0), clap's help and usage errors included.

use clap::Parser;
use sqa_board::print;

/// jemalloc rather than glibc's malloc: a bulk import (600,000 records through sled's threads)
/// spent a quarter of its time in malloc and its arena locks (perf, 6,000 schools). jemalloc
/// rather than mimalloc, which was faster still but held 2.4 times the memory at start.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let cli = match sqa_board::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap's own text echoes the arguments given, which may hold anything.
            let text = e.render().to_string();
            let text = text.trim_end();
            if e.use_stderr() {
                print::err_line(text);
            } else if let Err(err) = print::line(text)
                && !print::is_stdout_closed(&err)
            {
                print::err_line(&format!("sqa: {err:#}"));
            }
            std::process::exit(e.exit_code());
        }
    };
    let code = match sqa_board::cli::run(cli) {
        Ok(code) => code,
        Err(e) if print::is_stdout_closed(&e) => 0,
        Err(e) => {
            print::err_line(&format!("sqa: {e:#}"));
            1
        }
    };
    std::process::exit(code);
}
