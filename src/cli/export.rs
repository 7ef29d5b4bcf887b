//! `nianbao export`: the print-ready PDF of a draft.

use super::args::{Args, EXIT_USAGE, USAGE, load_or_report};
use nianbao_print::fonts::FontOptions;
use nianbao_print::{ExportOptions, export_to_file};
use std::path::Path;

/// `nianbao export DRAFT.ron -o OUT.pdf [--bundled-fonts] [--allow-missing-chars]`.
pub fn run(args: &[std::ffi::OsString]) -> i32 {
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
    let out = Path::new(out);
    // Never replace a draft by a PDF: `export d.ron -o d.ron` would leave no draft and no backup.
    if nianbao_core::store::draft::is_draft_file(out) {
        eprintln!(
            "{} 是年报草稿文件，导出的 PDF 不能保存为它（会覆盖草稿），未导出。请换一个以 .pdf 结尾的文件名。",
            crate::cli::safe_text(&out.display().to_string())
        );
        return EXIT_USAGE;
    }
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
    match export_to_file(&report, &options, out) {
        Ok(summary) => {
            println!(
                "已导出 {}：{} 页，{} KB。",
                crate::cli::safe_text(&out.display().to_string()),
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
