//! `nianbao import`: a published report (PDF, Word, a saved portal page) read back into a draft.
//!
//! Exit codes: 0 the draft was written and the report has no errors; 1 the draft was written
//! and the report has errors (AUDIT findings of the printed file, or the normal checks); 2 a
//! usage error, a file that cannot be read as a report, or a draft that cannot be written.

use super::args::{Args, EXIT_FINDINGS, EXIT_USAGE, emit, usage_error};
use crate::cli::safe_text;
use nianbao_core::check::{self, Finding, Severity};
use nianbao_core::model::{Entry, Report};
use nianbao_core::store::draft;
use nianbao_core::template::{self, OTHER_ITEMS, SectionKey};
use nianbao_import::{Imported, Unplaced, import_path};
use std::fmt::Write as _;
use std::path::PathBuf;

/// How much of an unplaced text the summary shows.
const SHOWN_CHARS: usize = 60;

/// `nianbao import FILE -o DRAFT.ron [--force]`.
pub fn run(args: &[std::ffi::OsString]) -> i32 {
    let args = match Args::parse(args, &["-o", "--output"]) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let unknown = args.unknown(&["-o", "--output", "--force"]);
    if !unknown.is_empty() {
        return usage_error(&format!("不认识的选项：{}", unknown.join(" ")));
    }
    let (Some(out), [file]) = (args.value(&["-o", "--output"]), args.positional.as_slice()) else {
        return usage_error("请给出一个要导入的报告文件，并用 -o 指定草稿的文件名。");
    };
    let (file, out) = (PathBuf::from(file), PathBuf::from(out));
    let same_file = match (file.canonicalize(), out.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same_file {
        eprintln!("草稿不能保存到报告文件本身，请换一个文件名。");
        return EXIT_USAGE;
    }
    if out.exists() && !args.flag("--force") {
        eprintln!(
            "文件 {} 已存在，未覆盖。如确需覆盖，请加 --force。",
            safe_text(&out.display().to_string())
        );
        return EXIT_USAGE;
    }
    let imported = match import_path(&file) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("无法导入 {}：{}", safe_text(&file.display().to_string()), e);
            return EXIT_USAGE;
        }
    };
    if let Err(e) = draft::save(&imported.report, &out) {
        eprintln!("{}", safe_text(&e.to_string()));
        return EXIT_USAGE;
    }
    let checks = check::check(&imported.report, None);
    emit(&summary(
        &file.display().to_string(),
        &out.display().to_string(),
        &imported,
        &checks,
    ));
    let errors = imported
        .findings
        .iter()
        .chain(&checks)
        .any(|f| f.severity == Severity::Error);
    if errors { EXIT_FINDINGS } else { 0 }
}

/// What was read, what has no place, and what only the printed file shows, in Chinese.
fn summary(file: &str, out: &str, imported: &Imported, checks: &[Finding]) -> String {
    let r = &imported.report;
    let mut text = String::new();
    let _ = writeln!(text, "已导入 {} → {}", safe_text(file), safe_text(out));
    let year = match &r.meta.year {
        Entry::Value(y) => format!("{y}"),
        _ => "（未读出）".to_string(),
    };
    let agency = if r.meta.agency.is_empty() {
        "（未读出）".to_string()
    } else {
        safe_text(&r.meta.agency)
    };
    let _ = writeln!(text, "  机关名称：{agency}；年度：{year}");
    let _ = writeln!(text, "  正文：{}", prose_summary(r));
    let _ = writeln!(text, "  表格：{}", cells_summary(r));
    if imported.unplaced.is_empty() {
        text.push_str("全部内容都已放入草稿。\n");
    } else {
        let _ = writeln!(
            text,
            "未能放入草稿的内容（{} 处），请对照原文手工处理：",
            imported.unplaced.len()
        );
        for u in &imported.unplaced {
            let _ = writeln!(text, "  [{}] {}", u.section, shown(u));
        }
    }
    if imported.findings.is_empty() {
        text.push_str("发布稿本身的问题：无（总计、表格标签、各部分齐全）。\n");
    } else {
        let _ = writeln!(text, "发布稿本身的问题（{} 个）：", imported.findings.len());
        for f in &imported.findings {
            let _ = writeln!(text, "  {}", safe_text(&f.to_string()));
        }
    }
    let errors = checks
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let _ = writeln!(
        text,
        "草稿检查：{} 个错误，{} 个提示（用 nianbao check {} 查看）。",
        errors,
        checks.len() - errors,
        safe_text(out)
    );
    text
}

fn shown(u: &Unplaced) -> String {
    let one_line = u.text.replace('\n', " / ");
    let mut s: String = one_line.chars().take(SHOWN_CHARS).collect();
    if one_line.chars().count() > SHOWN_CHARS {
        s.push('…');
    }
    safe_text(&s)
}

fn paragraphs(text: &str) -> usize {
    nianbao_core::model::paragraphs(text).count()
}

fn prose_summary(r: &Report) -> String {
    let heads = r
        .overview
        .parts
        .iter()
        .filter(|p| !p.title.trim().is_empty() || !p.body.trim().is_empty())
        .count();
    let overview = paragraphs(&r.overview.intro)
        + r.overview
            .parts
            .iter()
            .map(|p| paragraphs(&p.body))
            .sum::<usize>();
    let items = r
        .other_items
        .iter()
        .filter(|t| !t.trim().is_empty())
        .count();
    let numeral = |k: SectionKey| template::section(k).numeral;
    format!(
        "开头说明 {} 段；{} {} 段（小标题 {} 个）；{} {} 段；{} {}/{} 项有内容",
        paragraphs(&r.preface),
        numeral(SectionKey::Overview),
        overview,
        heads,
        numeral(SectionKey::Problems),
        paragraphs(&r.problems),
        numeral(SectionKey::Other),
        items,
        OTHER_ITEMS.len()
    )
}

fn cells_summary(r: &Report) -> String {
    use nianbao_core::model::Cell;
    use nianbao_core::template::{T2Cell, T3Col, T3Row, T4Col, T4Group};
    let filled = |cells: Vec<Cell>| {
        let n = cells.len();
        let f = cells
            .iter()
            .filter(|c| !r.cell_text(**c).is_empty())
            .count();
        format!("{f}/{n}")
    };
    let mut t2: Vec<Cell> = T2Cell::ALL.iter().map(|c| Cell::T2(*c)).collect();
    t2.push(Cell::T2Fee);
    let t3: Vec<Cell> = T3Row::entered()
        .flat_map(|row| T3Col::ENTERED.iter().map(move |c| Cell::T3(row, *c)))
        .collect();
    let t4: Vec<Cell> = T4Group::ALL
        .iter()
        .flat_map(|g| T4Col::ENTERED.iter().map(move |c| Cell::T4(*g, *c)))
        .collect();
    format!(
        "表二 {} 格、表三 {} 格、表四 {} 格读出数字",
        filled(t2),
        filled(t3),
        filled(t4)
    )
}
