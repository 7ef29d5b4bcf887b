//! The Word export opened by another program: LibreOffice (headless) converts it to PDF, and
//! poppler's pdftotext reads that back. Its text must be our PDF's text, in the same order:
//! every paragraph, heading and table of the report, nothing else, with page numbers from the
//! footers' PAGE fields on the right of odd pages and the left of even ones. The document's own
//! XML is checked for what a converter could paper over: repeated head rows, merges, page size,
//! the office font names, no manual line breaks.

use crate::support::{example, export, run_tool, squeeze, without_page_numbers, write_temp};
use nianbao_core::model::Report;
use nianbao_print::compose::{self, Block};
use nianbao_print::docx;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Converts a .docx to PDF with LibreOffice in a fresh profile (so parallel runs never share
/// one) and returns the PDF's path.
fn libreoffice_pdf(dir: &Path, docx: &Path) -> PathBuf {
    let profile = dir.join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(docx)
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            panic!("LibreOffice (soffice) is needed for this test ({e}); .ci/run installs it")
        }
    };
    let pdf = docx.with_extension("pdf");
    assert!(
        pdf.is_file(),
        "LibreOffice made no PDF: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// Punctuation LibreOffice 7.4 leaves out when it ends a justified CJK line (the same document
/// shows it with left alignment, and Word and WPS draw it): tolerated in its text, counted.
const DROPPED_AT_LINE_END: &str = "、，。；：";

/// Walks the report's blocks through extracted text: every paragraph in order, each table
/// between the paragraphs around it holding exactly its cells' characters, plus its head rows
/// once more for every page it continues on. Returns how many characters of
/// [`DROPPED_AT_LINE_END`] were missing.
fn check_order_and_content(report: &Report, text: &str, who: &str) -> usize {
    let text: Vec<char> = squeeze(&without_page_numbers(text)).chars().collect();
    let blocks = compose::blocks(report);
    let mut pos = 0;
    let mut dropped = 0;
    let mut pending_table: Option<&compose::TableSpec> = None;
    for placed in &blocks {
        let expected: String = match &placed.block {
            Block::Title { text, .. } => squeeze(text),
            Block::Signoff { name, date } => {
                squeeze(&format!("{}{date}", name.as_deref().unwrap_or("")))
            }
            Block::Paragraph(p) => {
                squeeze(&p.spans.iter().map(|s| s.text.as_str()).collect::<String>())
            }
            Block::Table(t) => {
                pending_table = Some(t);
                continue;
            }
        };
        let expected: Vec<char> = expected.chars().collect();
        // Where the paragraph starts: right here, or after the table before it.
        let start = if pending_table.is_some() {
            (pos..text.len())
                .find(|&s| matches_at(&text, s, &expected).is_some())
                .unwrap_or_else(|| {
                    panic!(
                        "{who}: «{}» not found after a table",
                        expected.iter().collect::<String>()
                    )
                })
        } else {
            pos
        };
        if let Some(t) = pending_table.take() {
            check_table(t, &text[pos..start], who);
        }
        let Some((end, skipped)) = matches_at(&text, start, &expected) else {
            let got: String = text[start..(start + expected.len() + 10).min(text.len())]
                .iter()
                .collect();
            panic!(
                "{who}: expected «{}» here, found «{got}»",
                expected.iter().collect::<String>()
            );
        };
        dropped += skipped;
        pos = end;
    }
    assert_eq!(
        pos,
        text.len(),
        "{who}: text after the report: «{}»",
        text[pos..].iter().collect::<String>()
    );
    dropped
}

/// Matches `expected` at `at`, skipping punctuation the text lacks; the end and the skips.
fn matches_at(text: &[char], at: usize, expected: &[char]) -> Option<(usize, usize)> {
    let (mut i, mut skipped) = (at, 0);
    for &c in expected {
        if text.get(i) == Some(&c) {
            i += 1;
        } else if DROPPED_AT_LINE_END.contains(c) {
            skipped += 1;
        } else {
            return None;
        }
    }
    Some((i, skipped))
}

fn counts(chars: impl Iterator<Item = char>) -> std::collections::BTreeMap<char, i64> {
    let mut m = std::collections::BTreeMap::new();
    for c in chars {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// A table's text, in whatever order a converter draws the cells: all cells once, and the head
/// rows' cells once more per repetition on a following page.
fn check_table(t: &compose::TableSpec, region: &[char], who: &str) {
    let mut rest = counts(region.iter().copied());
    for c in &t.cells {
        for ch in squeeze(&c.text).chars() {
            *rest.entry(ch).or_insert(0) -= 1;
        }
    }
    let head = counts(
        t.cells
            .iter()
            .filter(|c| c.row < t.header_rows)
            .flat_map(|c| squeeze(&c.text).chars().collect::<Vec<_>>()),
    );
    let repeats = head
        .iter()
        .next()
        .map(|(ch, n)| rest.get(ch).copied().unwrap_or(0) / n)
        .unwrap_or(0);
    for (ch, n) in &head {
        *rest.entry(*ch).or_insert(0) -= n * repeats;
    }
    // A merged label cut by a page break is printed again on the next page with （续）.
    for c in &t.cells {
        let again = counts(format!("{}（续）", squeeze(&c.text)).chars());
        while again
            .iter()
            .all(|(ch, n)| rest.get(ch).is_some_and(|r| r >= n))
        {
            for (ch, n) in &again {
                *rest.entry(*ch).or_insert(0) -= n;
            }
        }
    }
    rest.retain(|_, n| *n != 0);
    assert!(
        rest.is_empty(),
        "{who}: the table's text differs from its cells (+ {repeats} repeated heads): {rest:?}"
    );
}

#[test]
fn libreoffice_reads_the_word_file_as_our_pdf_in_order_and_content() {
    let report = example();
    let dir = tempfile::tempdir().unwrap();
    let docx_path = write_temp(&dir, "报告.docx", &docx::write(&report).unwrap());
    let pdf_path = write_temp(&dir, "ours.pdf", &export(&report));
    let converted = libreoffice_pdf(dir.path(), &docx_path);
    let converted = converted.to_string_lossy();
    let ours = run_tool("pdftotext", &["-raw", &pdf_path.to_string_lossy(), "-"]);
    let theirs = run_tool("pdftotext", &["-raw", &converted, "-"]);
    // The same walk over both: our PDF proves the walk, the converted Word file is then held to it.
    assert_eq!(check_order_and_content(&report, &ours, "our PDF"), 0);
    let dropped = check_order_and_content(&report, &theirs, "Word via LibreOffice");
    assert!(dropped <= 3, "{dropped} punctuation marks missing");

    // Page numbers "— N —" from the PAGE fields: every page, odd ones right, even ones left.
    let info = run_tool("pdfinfo", &[&converted]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert!(pages >= 8, "{pages} pages");
    for page in 1..=pages.min(4) {
        let n = page.to_string();
        let bbox = run_tool("pdftotext", &["-bbox", "-f", &n, "-l", &n, &converted, "-"]);
        let words: Vec<(f32, f32, &str)> = bbox
            .lines()
            .filter_map(|l| {
                let x = attr(l, "xMin")?;
                let y = attr(l, "yMin")?;
                let w = l.split('>').nth(1)?.split('<').next()?;
                Some((x, y, w))
            })
            .collect();
        let bottom = words.iter().map(|w| w.1).fold(0.0, f32::max);
        let footer: Vec<&(f32, f32, &str)> = words.iter().filter(|w| w.1 >= bottom - 1.0).collect();
        let line: String = footer.iter().map(|w| w.2).collect();
        assert_eq!(line, format!("—{n}—"), "page {page} footer");
        let x = footer.iter().map(|w| w.0).fold(f32::MAX, f32::min);
        if page % 2 == 1 {
            assert!(x > 400.0, "odd page {page} number at x = {x}");
        } else {
            assert!(x < 150.0, "even page {page} number at x = {x}");
        }
    }
}

fn attr(line: &str, name: &str) -> Option<f32> {
    let from = line.find(&format!("{name}=\""))? + name.len() + 2;
    line[from..].split('"').next()?.parse().ok()
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut file = zip.by_name(name).unwrap();
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_document_xml_has_the_print_rules() {
    let report = example();
    let bytes = docx::write(&report).unwrap();
    let doc = part(&bytes, "word/document.xml");
    // A4 and the PDF's margins (37/26/35/28 mm in twips).
    assert!(
        doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"),
        "page size"
    );
    assert!(doc.contains("w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""));
    // Three tables; the head rows of 三 and 四 (three each) repeat; merges both ways.
    assert_eq!(doc.matches("<w:tbl>").count(), 3);
    assert_eq!(doc.matches("<w:tblHeader/>").count(), 6);
    assert!(doc.contains("<w:vMerge w:val=\"restart\"/>") && doc.contains("<w:vMerge/>"));
    assert!(doc.contains("<w:gridSpan w:val=\"7\"/>"));
    // Real paragraphs: no manual line or page breaks.
    assert!(!doc.contains("<w:br"));
    // Each grid row has the table's full width of cells.
    for tbl in doc.split("<w:tbl>").skip(1) {
        let grid = tbl
            .split("</w:tblGrid>")
            .next()
            .unwrap()
            .matches("<w:gridCol")
            .count();
        for row in tbl.split("<w:tr>").skip(1) {
            let row = row.split("</w:tr>").next().unwrap();
            let spans: usize = row
                .split("<w:tc>")
                .skip(1)
                .map(|tc| {
                    tc.split("<w:gridSpan w:val=\"")
                        .nth(1)
                        .and_then(|s| s.split('"').next())
                        .map_or(1, |n| n.parse().unwrap())
                })
                .sum();
            assert_eq!(spans, grid, "a row does not fill the grid");
        }
    }
    let styles = part(&bytes, "word/styles.xml");
    for name in [
        "仿宋_GB2312",
        "黑体",
        "楷体_GB2312",
        "方正小标宋简体",
        "Times New Roman",
    ] {
        assert!(
            styles.contains(&format!("\"{name}\"")),
            "{name} not in the styles"
        );
    }
    let fonts = part(&bytes, "word/fontTable.xml");
    assert!(fonts.contains("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>"));
    assert!(fonts.contains("<w:font w:name=\"楷体_GB2312\"><w:altName w:val=\"楷体\"/>"));
    assert!(part(&bytes, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    assert!(part(&bytes, "word/footer1.xml").contains(" PAGE "));
    // The same report gives the same bytes.
    assert_eq!(docx::write(&report).unwrap(), bytes);
}

#[test]
fn text_from_the_draft_is_escaped_in_the_xml() {
    let mut report = example();
    report.problems = "问题<w:br/>&一".into();
    let doc = part(&docx::write(&report).unwrap(), "word/document.xml");
    assert!(doc.contains("问题&lt;w:br/&gt;&amp;一"));
    assert!(!doc.contains("<w:br"));
}
