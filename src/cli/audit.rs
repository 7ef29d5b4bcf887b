//! `nianbao audit`: the receiving office's check of the reports it was sent — every file read
//! (PDF, Word, saved web page or draft), every check run, one summary.

use super::args::{Args, EXIT_FINDINGS, EXIT_USAGE, USAGE};
use nianbao_core::check::Severity;
use nianbao_core::store::atomic::write_atomic;
use nianbao_import::{any, audit};
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const SYNTAX: &str = "用法：nianbao audit 文件或文件夹… [--last-year 上年文件或文件夹]… [--csv | --html] [-o 汇总文件]";

/// `nianbao audit PATH... [--last-year PATH]... [--csv|--html] [-o OUT]`.
pub fn run(args: &[std::ffi::OsString]) -> i32 {
    let known = ["--last-year", "--csv", "--html", "-o", "--output"];
    let args = match Args::parse(args, &["--last-year", "-o", "--output"]) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\n\n{USAGE}");
            return EXIT_USAGE;
        }
    };
    let unknown = args.unknown(&known);
    if !unknown.is_empty() || args.positional.is_empty() {
        if !unknown.is_empty() {
            eprintln!("不认识的选项：{}", unknown.join(" "));
        }
        eprintln!("{SYNTAX}\n\n{USAGE}");
        return EXIT_USAGE;
    }
    let out = args.value(&["-o", "--output"]).map(PathBuf::from);
    let by_name = |ext: &str| {
        out.as_ref()
            .and_then(|o| o.extension())
            .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    };
    let format = if args.flag("--csv") || by_name("csv") {
        Format::Csv
    } else if args.flag("--html") || by_name("html") || by_name("htm") {
        Format::Html
    } else {
        Format::Text
    };

    let inputs: Vec<PathBuf> = args.positional.iter().map(PathBuf::from).collect();
    let earlier: Vec<PathBuf> = args.values("--last-year").map(PathBuf::from).collect();
    let (files, mut problems) = audit::files_in(&inputs);
    let (earlier, more) = audit::files_in(&earlier);
    problems.extend(more);
    for (path, why) in &problems {
        eprintln!(
            "注意：{}{why}",
            super::safe_text(&path.display().to_string())
                .chars()
                .chain((!path.as_os_str().is_empty()).then_some('：'))
                .collect::<String>()
        );
    }
    if files.is_empty() {
        eprintln!(
            "没有找到可审核的报告文件（{}）。",
            audit::EXTENSIONS.map(|e| format!(".{e}")).join("、")
        );
        return EXIT_USAGE;
    }
    let show_progress = std::io::stderr().is_terminal();
    let progress = move |done: usize, total: usize, file: &Path| {
        if show_progress {
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            eprint!("\r\x1b[K已读取 {done}/{total}：{}", super::safe_text(&name));
            if done == total {
                eprintln!();
            }
        }
    };
    let rows = audit::audit(
        &files,
        &earlier,
        Arc::new(any::read_for_audit),
        audit::Limits::default(),
        &progress,
    );
    let bytes = match format {
        Format::Text => super::safe_text(&audit::text(&rows)).into_bytes(),
        Format::Html => audit::html(&rows).into_bytes(),
        Format::Csv => match audit::csv(&rows) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("无法生成CSV：{e}");
                return EXIT_USAGE;
            }
        },
    };
    match &out {
        Some(path) => {
            if let Err(e) = write_atomic(path, &bytes, false) {
                eprintln!(
                    "无法写入 {}：{}",
                    super::safe_text(&path.display().to_string()),
                    nianbao_core::store::draft::io_error_text(&e)
                );
                return EXIT_USAGE;
            }
            println!(
                "已写入 {}：{} 份报告。",
                super::safe_text(&path.display().to_string()),
                rows.len()
            );
        }
        None => super::args::emit(&String::from_utf8_lossy(&bytes)),
    }
    let failed = rows.iter().any(|r| {
        r.outcome
            .as_ref()
            .map_or(true, |c| c.count(Severity::Error) > 0)
    });
    if failed { EXIT_FINDINGS } else { 0 }
}

enum Format {
    Text,
    Csv,
    Html,
}
