//! The command line: the usage text, argument parsing and the subcommands, one module each.
//! Each subcommand is a function that returns the process exit code; it prints to stdout and
//! stderr itself.

mod args;
mod audit;
mod check;
mod compare;
mod export;
mod import;
mod new;
mod sentences;

pub use args::{EXIT_FINDINGS, EXIT_USAGE, USAGE};

use std::ffi::OsString;

/// Text from a file or the command line made safe to print to a terminal: control characters
/// (escape sequences that could recolour, retitle or rewrite the terminal) are shown as
/// `\u{1b}` instead of being sent.
pub fn safe_text(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() && c != '\n' && c != '\t' {
                c.escape_unicode().collect()
            } else if matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                // Bidirectional overrides reorder what follows on screen.
                c.escape_unicode().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// Runs a subcommand (`args` without the program name); `None` when the first argument names no
/// subcommand.
pub fn run(args: &[OsString]) -> Option<i32> {
    let rest = args.get(1..).unwrap_or_default();
    Some(match args.first()?.to_str()? {
        "check" => check::run(rest),
        "new" => new::run(rest),
        "compare" => compare::run(rest),
        "sentences" => sentences::run(rest),
        "export" => export::run(rest),
        "audit" => audit::run(rest),
        "import" => import::run(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            0
        }
        _ => return None,
    })
}
