//! The command line: the usage text, argument parsing and the subcommands, one module each.
//! Each subcommand is a function that returns the process exit code; it prints to stdout and
//! stderr itself.

mod args;
mod check;
mod compare;
mod export;
mod new;
mod sentences;

pub use args::{EXIT_FINDINGS, EXIT_USAGE, USAGE};

/// Runs a subcommand (`args` without the program name); `None` when the first argument names no
/// subcommand.
pub fn run(args: &[String]) -> Option<i32> {
    let rest = args.get(1..).unwrap_or_default();
    Some(match args.first()?.as_str() {
        "check" => check::run(rest),
        "new" => new::run(rest),
        "compare" => compare::run(rest),
        "sentences" => sentences::run(rest),
        "export" => export::run(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            0
        }
        _ => return None,
    })
}
