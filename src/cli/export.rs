//! `nianbao export`: the print-ready PDF of a draft.

use super::args::{Args, EXIT_USAGE, USAGE, load_or_report};
use nianbao_print::fonts::FontOptions;
use nianbao_print::{ExportOptions, export_to_file};
use std::path::Path;

/// `nianbao export DRAFT.ron -o OUT.pdf [--bundled-fonts] [--allow-missing-chars]`.
pub fn run(args: &[String]) -> i32 {
    let known = ["-o", "--output", "--bundled-fonts", "--allow-missing-chars"];
    let args = match Args::parse(args, &["-o", "--output"]) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\n\n{USAGE}");
            return EXIT_USAGE;
        }
    };
    let unknown = args.unknown(&known);
    let (Some(draft_path), Some(out), true) = (
        args.positional.first(),
        args.value(&["-o", "--output"]),
        unknown.is_empty() && args.positional.len() == 1,
    ) else {
        if !unknown.is_empty() {
            eprintln!("不认识的选项：{}", unknown.join(" "));
        }
        eprintln!("用法：nianbao export 草稿.ron -o 报告.pdf [--bundled-fonts]\n\n{USAGE}");
        return EXIT_USAGE;
    };
    let Some(report) = load_or_report(Path::new(draft_path)) else {
        return EXIT_USAGE;
    };
    let options = ExportOptions {
        fonts: FontOptions {
            bundled_only: args.flag("--bundled-fonts"),
            font_dir: None,
        },
        allow_missing_chars: args.flag("--allow-missing-chars"),
    };
    match export_to_file(&report, &options, Path::new(out)) {
        Ok(summary) => {
            println!(
                "已导出 {}：{} 页，{} KB。",
                out,
                summary.pages,
                summary.bytes.div_ceil(1024)
            );
            0
        }
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}
