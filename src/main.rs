use nianbao::cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("check") => cli::check(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{}", cli::USAGE);
            0
        }
        Some(other) if other.starts_with('-') => {
            eprintln!("不认识的选项：{other}\n\n{}", cli::USAGE);
            cli::EXIT_USAGE
        }
        // No subcommand: the desktop app, with the draft named, if any.
        _ => open_app(args.first().map(std::path::PathBuf::from)),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// Opens the desktop app. Until the GUI lands, explains the commands instead.
fn open_app(draft: Option<std::path::PathBuf>) -> i32 {
    let _ = draft;
    println!("{}", cli::USAGE);
    0
}
