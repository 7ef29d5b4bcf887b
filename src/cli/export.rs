//! `nianbao export`: the print-ready PDF of a draft, or the portal page, Word file or Excel tables,
//! chosen by the output's extension.

use super::args::{Args, EXIT_USAGE, USAGE, load_or_report};
use nianbao_print::fonts::FontOptions;
use nianbao_print::{ExportOptions, Format, export_file};
use std::path::Path;

/// `nianbao export DRAFT.ron -o OUT.{pdf,html,docx,xlsx} [--bundled-fonts] [--allow-missing-chars]`.
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
        eprintln!(
            "用法：nianbao export 草稿.ron -o 报告.pdf|报告.html|报告.docx|报告.xlsx [--bundled-fonts]\n\n{USAGE}"
        );
        return EXIT_USAGE;
    };
    let out = Path::new(out);
    let shown = crate::cli::safe_text(&out.display().to_string());
    // Never replace a draft by an export: `export d.ron -o d.ron` would leave no draft and no
    // backup.
    if nianbao_core::store::draft::is_draft_file(out) {
        eprintln!(
            "{shown} 是年报草稿文件，导出的文件不能保存为它（会覆盖草稿），未导出。请换一个以 .pdf、.html、.docx 或 .xlsx 结尾的文件名。"
        );
        return EXIT_USAGE;
    }
    let Some(format) = Format::from_path(out) else {
        eprintln!(
            "不知道要导出成什么格式：{shown}。文件名请以 .pdf（打印版）、.html（网页版）、.docx（Word）或 .xlsx（Excel 表格）结尾。"
        );
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
    match export_file(&report, format, &options, out) {
        Ok(summary) => {
            let size = summary.bytes.div_ceil(1024);
            match summary.pages {
                Some(pages) => println!("已导出 {shown}：{pages} 页，{size} KB。"),
                None => println!("已导出{} {shown}：{size} KB。", format.name()),
            }
            for w in &summary.warnings {
                println!("注意：{}", crate::cli::safe_text(w));
            }
            0
        }
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}
