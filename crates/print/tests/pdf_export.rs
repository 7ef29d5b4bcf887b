//! The example report exported to PDF and read back by outside tools (poppler's pdftotext,
//! pdffonts, pdfinfo and qpdf): the report is right when an independent reader says so.

use crate::support::*;
use nianbao_core::model::{Report, paragraphs};
use nianbao_core::template::{
    self, OTHER_ITEMS, SECTIONS, T3_COLUMNS, T3_GROUPS, T3_ROW_DEFS, T4_GROUPS, T4Col,
    TABLE2_BLOCKS,
};
use nianbao_print::pdf::ExportError;
use nianbao_print::{Prepared, export_to_file};

/// Every paragraph the report prints.
fn report_paragraphs(r: &Report) -> Vec<String> {
    let mut out = vec![r.title()];
    let mut prose = vec![
        r.preface.as_str(),
        r.overview.intro.as_str(),
        r.problems.as_str(),
    ];
    prose.extend(r.overview.parts.iter().map(|p| p.body.as_str()));
    prose.extend(r.other_items.iter().map(String::as_str));
    for text in prose {
        out.extend(paragraphs(text).map(str::to_string));
    }
    out.extend((0..r.overview.parts.len()).map(|i| r.overview_heading(i)));
    out
}

/// Every label of the template that the PDF prints.
fn template_labels() -> Vec<String> {
    let mut out: Vec<String> = SECTIONS.iter().map(|s| s.heading()).collect();
    for b in &TABLE2_BLOCKS {
        out.push(b.caption.into());
        out.push(b.label_header.into());
        out.extend(b.value_headers.iter().map(|h| h.to_string()));
        out.extend(b.rows.iter().map(|r| r.label.to_string()));
    }
    out.push(template::T3_BALANCE_NOTE.into());
    out.push(template::T3_APPLICANTS_HEADER.into());
    out.push(template::T3_LEGAL_PERSONS_HEADER.into());
    out.push(template::T3_RESULTS_LABEL.into());
    out.extend(T3_COLUMNS.iter().map(|c| c.label.to_string()));
    out.extend(T3_GROUPS.iter().map(|g| g.label.to_string()));
    out.extend(T3_ROW_DEFS.iter().map(|r| r.label.to_string()));
    out.extend(T4_GROUPS.iter().map(|g| g.label.to_string()));
    out.extend(T4_GROUPS.iter().map(|g| g.parent.to_string()));
    out.extend(T4Col::ALL.iter().map(|c| c.label().to_string()));
    out.extend(
        OTHER_ITEMS
            .iter()
            .enumerate()
            .map(|(i, it)| format!("{}{}", template::paren_numeral(i), it.label)),
    );
    out
}

#[test]
fn pdftotext_reads_every_paragraph_and_label() {
    let report = example();
    let bytes = export(&report);
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "report.pdf", &bytes);
    if let Ok(keep) = std::env::var("NIANBAO_KEEP_PDF") {
        std::fs::copy(&path, keep).unwrap();
    }
    let p = path.to_string_lossy();
    // Default mode reads the prose in order; -raw keeps content-stream order, which is cell by
    // cell for tables, so a label wrapped inside its cell reads back whole.
    let text = squeeze(&without_page_numbers(&run_tool("pdftotext", &[&p, "-"])));
    let raw = squeeze(&without_page_numbers(&run_tool(
        "pdftotext",
        &["-raw", &p, "-"],
    )));
    for para in report_paragraphs(&report) {
        let want = squeeze(&para);
        assert!(text.contains(&want), "pdftotext lacks paragraph: {para}");
    }
    for label in template_labels() {
        let want = squeeze(&label);
        assert!(raw.contains(&want), "pdftotext -raw lacks label: {label}");
    }
}

#[test]
fn fonts_are_embedded_subsets_with_unicode_maps() {
    let bytes = export(&example());
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "report.pdf", &bytes);
    let p = path.to_string_lossy();
    let fonts = run_tool("pdffonts", &[&p]);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(rows.len() >= 4, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object ID: emb/sub/uni are the 5th–3rd from the end.
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
        assert!(cols[0].as_bytes()[6] == b'+', "subset tag: {row}");
    }
    let check = run_tool("qpdf", &["--check", &p]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let info = run_tool("pdfinfo", &[&p]);
    assert!(
        info.contains("金乡县人民政府办公室2021年政府信息公开工作年度报告"),
        "{info}"
    );
    assert!(
        info.contains("Author:          金乡县人民政府办公室"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
}

#[test]
fn same_draft_gives_same_bytes() {
    let report = example();
    let a = export(&report);
    let b = export(&report);
    assert!(a == b, "two exports differ");
    let mut changed = report.clone();
    changed.problems.push_str("\n补充一句。");
    assert!(export(&changed) != a);
}

#[test]
fn export_to_file_replaces_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报告.pdf");
    std::fs::write(&path, b"old").unwrap();
    let summary = export_to_file(&example(), &bundled(), &path).unwrap();
    let written = std::fs::read(&path).unwrap();
    assert!(written.starts_with(b"%PDF-"));
    assert_eq!(summary.bytes, written.len());
    assert!(summary.pages >= Some(8), "{summary:?}");
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
    // A failed export leaves the old file alone.
    let bad = dir.path().join("no-such-dir").join("x.pdf");
    assert!(matches!(
        export_to_file(&example(), &bundled(), &bad),
        Err(ExportError::Io { .. })
    ));
}

#[test]
fn characters_without_any_font_stop_the_export_with_their_place() {
    let mut report = example();
    // U+2A6D6 (CJK Extension B) is in none of the bundled fonts.
    report.overview.parts[1].body.push_str("\n姓名𪛖的申请。");
    let missing = Prepared::new(&report, &bundled().fonts).unwrap().missing;
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0].ch, '𪛖');
    assert!(
        missing[0].places[0].describe().contains("依申请公开"),
        "{missing:?}"
    );
    match nianbao_print::export_pdf(&report, &bundled()) {
        Err(e @ ExportError::MissingChars(_)) => {
            let msg = e.to_string();
            assert!(msg.contains("𪛖") && msg.contains("依申请公开"), "{msg}");
        }
        other => panic!("expected MissingChars, got {:?}", other.map(|b| b.len())),
    }
    let mut allow = bundled();
    allow.allow_missing_chars = true;
    let bytes = nianbao_print::export_pdf(&report, &allow).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "r.pdf", &bytes);
    let text = run_tool("pdftotext", &[&path.to_string_lossy(), "-"]);
    assert!(
        text.contains('〓'),
        "a visible placeholder, never an empty box"
    );
}

/// Pages (1-based) whose text contains `needle`, by pdftotext.
fn pages_with(path: &str, pages: usize, needle: &str) -> Vec<usize> {
    (1..=pages)
        .filter(|n| {
            let n = n.to_string();
            squeeze(&run_tool(
                "pdftotext",
                &["-raw", "-f", &n, "-l", &n, path, "-"],
            ))
            .contains(needle)
        })
        .collect()
}

#[test]
fn table3_across_a_page_break_repeats_its_head() {
    let first_row = T3_ROW_DEFS[0].label;
    let last_row = T3_ROW_DEFS[T3_ROW_DEFS.len() - 1].label;
    // Push table 三 down line by line until its rows start on one page and end on the next.
    let mut found = None;
    for extra in 0..40 {
        let mut report = example();
        report.overview.intro = "填充".repeat(extra * 7);
        let doc = Prepared::new(&report, &bundled().fonts).unwrap().layout();
        let on = |s: &str| -> Vec<usize> {
            (0..doc.pages.len())
                .filter(|&i| doc.pages[i].text().contains(s))
                .collect()
        };
        let (first, last) = (on(first_row), on(last_row));
        if first.len() == 1 && last.len() == 1 && first[0] + 1 == last[0] {
            // A split in the middle of the rows, not the whole table moved on.
            let middle = T3_ROW_DEFS[8].label;
            if on(middle) == first {
                found = Some((report, doc.pages.len(), first[0] + 1));
                break;
            }
        }
    }
    let (report, pages, page) = found.expect("no filler length splits table 三");
    let bytes = export(&report);
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "split.pdf", &bytes);
    let p = path.to_string_lossy();
    let head = squeeze(template::T3_APPLICANTS_HEADER);
    let with_head = pages_with(&p, pages, &head);
    assert!(
        with_head.contains(&page) && with_head.contains(&(page + 1)),
        "head on pages {with_head:?}, table starts on {page}"
    );
    // Each data row label is printed exactly once.
    let all = squeeze(&run_tool("pdftotext", &["-raw", &p, "-"]));
    for def in &T3_ROW_DEFS {
        assert_eq!(all.matches(&squeeze(def.label)).count(), 1, "{}", def.label);
    }
}

#[test]
fn invisible_pasted_characters_are_not_missing_glyphs() {
    let mut report = example();
    report.meta.agency.insert(3, '\u{200B}');
    report.overview.parts[1]
        .body
        .push_str("\n\u{FEFF}网页粘贴\u{2060}的文字👍\u{FE0F}。");
    let prepared = Prepared::new(&report, &bundled().fonts).unwrap();
    assert!(
        prepared
            .missing
            .iter()
            .all(|m| !nianbao_core::model::is_default_ignorable(m.ch)),
        "{:?}",
        prepared.missing
    );
}

#[test]
fn a_pdf_is_never_written_over_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    std::fs::write(&draft, "x").unwrap();
    match export_to_file(&example(), &bundled(), &draft) {
        Err(e @ ExportError::WouldOverwriteDraft { .. }) => {
            assert!(e.to_string().contains("不能保存为它"), "{e}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(std::fs::read(&draft).unwrap(), b"x");
}

/// The example must stay small enough to e-mail and upload (issue 13: at most 300 KB).
#[test]
fn the_example_pdf_is_at_most_300_kb() {
    let bytes = export(&example());
    assert!(
        bytes.len() <= 300 * 1024,
        "the example PDF is {} bytes, over 300 KB",
        bytes.len()
    );
    // Object streams and a cross-reference stream: PDF 1.5.
    assert!(bytes.starts_with(b"%PDF-1.5"));
}
