//! `nianbao new`: next year's draft from last year's.

use super::args::{Args, EXIT_USAGE, load_or_report, usage_error};
use nianbao_core::check;
use nianbao_core::model::Place;
use nianbao_core::model::{Entry, LastYearLink};
use nianbao_core::store::draft;
use nianbao_core::yearly;
use std::path::PathBuf;

/// `nianbao new --from LAST.ron -o NEW.ron [--force]`: a new draft for the next year, started
/// from last year's (see [`yearly::new_from_last`]).
pub fn run(args: &[std::ffi::OsString]) -> i32 {
    let args = match Args::parse(args, &["--from", "-o", "--output"]) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let unknown = args.unknown(&["--from", "-o", "--output", "--force"]);
    if !unknown.is_empty() {
        return usage_error(&format!("不认识的选项：{}", unknown.join(" ")));
    }
    let (Some(from), Some(out)) = (args.value(&["--from"]), args.value(&["-o", "--output"])) else {
        return usage_error("请用 --from 指定上年报告草稿，用 -o 指定新草稿的文件名。");
    };
    if !args.positional.is_empty() {
        return usage_error(&format!("多余的参数：{}", args.positional_text()));
    }
    let (from, out) = (PathBuf::from(from), PathBuf::from(out));
    // Overwriting last year's own file would lose the very report the new one is checked against.
    let same_file = match (from.canonicalize(), out.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same_file {
        eprintln!(
            "新草稿不能保存为上年报告本身（{}），请换一个文件名。",
            out.display()
        );
        return EXIT_USAGE;
    }
    if out.exists() && !args.flag("--force") {
        eprintln!(
            "文件 {} 已存在，未覆盖。如确需覆盖，请加 --force。",
            out.display()
        );
        return EXIT_USAGE;
    }
    let Some(last) = load_or_report(&from) else {
        return EXIT_USAGE;
    };
    let mut report = yearly::new_from_last(&last, Some(&from));
    report.last_year = Some(LastYearLink::beside(&from, &out));
    if let Err(e) = draft::save(&report, &out) {
        eprintln!("{e}");
        return EXIT_USAGE;
    }
    let year = |y: &Entry<u16>| match y {
        Entry::Blank => "（未填年度）".to_string(),
        Entry::Value(y) => format!(" {y} 年度"),
        Entry::Invalid(_) => "（年度有误）".to_string(),
    };
    println!(
        "已根据{}报告新建{}草稿：{}",
        year(&last.meta.year),
        year(&report.meta.year),
        out.display()
    );
    println!("· 表三“上年结转”已按上年报告的“结转下年度继续办理”逐列填入；");
    println!("· 其余表格数字留空，请填写本年度数据（上年的现行有效件数仍用于跨年核对）；");
    println!(
        "· 已记住上年报告 {}，检查时自动作跨年核对。",
        report
            .last_year
            .as_ref()
            .map(LastYearLink::stored)
            .unwrap_or_default()
    );
    let inherited = check::inherited_fields(&report, &last);
    if !inherited.is_empty() {
        println!("以下正文沿用了上年的内容，仅作起点，请结合本年度工作改写：");
        for field in inherited {
            println!("  - {}", Place::Prose(field).describe());
        }
    }
    0
}
