//! `sqa`: parse the command line, run it, turn errors into a message and an exit code.

use clap::Parser;

fn main() {
    let cli = sqa_board::cli::Cli::parse();
    let code = match sqa_board::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sqa: {e:#}");
            1
        }
    };
    std::process::exit(code);
}
