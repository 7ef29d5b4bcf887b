// A release build on Windows opens no console window; the subcommands attach to the console
// of the terminal they were started from (see `attach_console`).
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use nianbao::cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    // OS strings: a file name need not be UTF-8 (GBK bytes from a zip unpacked on Linux).
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if args
        .first()
        .is_some_and(|a| !a.to_string_lossy().ends_with(".ron"))
    {
        attach_console();
    }
    let code = match cli::run(&args) {
        Some(code) => code,
        None => match args.first() {
            Some(other) if other.to_string_lossy().starts_with('-') => {
                eprintln!(
                    "不认识的选项：{}\n\n{}",
                    cli::safe_text(&other.to_string_lossy()),
                    cli::USAGE
                );
                cli::EXIT_USAGE
            }
            // No subcommand: the desktop app, with the draft named, if any.
            _ => open_app(args.first().map(std::path::PathBuf::from)),
        },
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// Opens the desktop app, with the draft named on the command line if any.
#[cfg(feature = "gui")]
fn open_app(draft: Option<std::path::PathBuf>) -> i32 {
    if let Some(reason) = nianbao::gui::no_display_reason() {
        eprintln!("{reason}");
        return cli::EXIT_USAGE;
    }
    match nianbao::gui::run(draft) {
        Ok(()) => 0,
        Err(e) => {
            attach_console();
            eprintln!("无法打开程序窗口：{e}");
            1
        }
    }
}

/// Without the desktop app (built with `--no-default-features`), explains the commands.
#[cfg(not(feature = "gui"))]
fn open_app(draft: Option<std::path::PathBuf>) -> i32 {
    let _ = draft;
    println!("{}", cli::USAGE);
    0
}

/// A GUI-subsystem program on Windows has no console: attach to the parent's (the terminal that
/// started it) so the subcommands' output shows there. Elsewhere, and in debug builds, nothing.
fn attach_console() {
    #[cfg(all(windows, not(debug_assertions)))]
    {
        const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
        #[link(name = "kernel32")]
        unsafe extern "system" {
            fn AttachConsole(process_id: u32) -> i32;
        }
        // SAFETY: AttachConsole takes a plain integer and has no memory-safety preconditions;
        // failure (no parent console) is reported by the return value, which we may ignore.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
