//! The PDF reader: our own export and two other producers read back to the report's prose and
//! numbers; hostile and broken files give their error, never a panic or a hang.

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use nianbao_core::model::Report;
use nianbao_core::template::{T3Col, T3Row, T4Col, T4Group};
use nianbao_import::ImportError;
use nianbao_import::doc::{Block, Cell, Document, Table};
use nianbao_import::pdf::read;
use proptest::prelude::*;

// ----- helpers -------------------------------------------------------------------------

fn export(report: &Report) -> Vec<u8> {
    let mut options = nianbao_print::ExportOptions::default();
    options.fonts.bundled_only = true;
    match nianbao_print::export_pdf(report, &options) {
        Ok(bytes) => bytes,
        Err(e) => panic!("export failed: {e}"),
    }
}

fn example() -> Report {
    match nianbao_core::example::report() {
        Ok(r) => r,
        Err(e) => panic!("example draft: {e}"),
    }
}

/// Our export of the example, made once for all tests that read it.
fn example_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| export(&example()))
}

fn fixture(name: &str) -> Report {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/reports")
        .join(format!("{name}.ron"));
    match nianbao_core::store::draft::load(&path) {
        Ok(l) => l.report,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn sample(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/samples")
        .join(name);
    match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

fn read_ok(bytes: &[u8]) -> Document {
    match read(bytes) {
        Ok(d) => d,
        Err(e) => panic!("read failed: {e}"),
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// All table rows of the document, in order, as cell texts.
fn table_rows(doc: &Document) -> Vec<Vec<String>> {
    doc.blocks
        .iter()
        .filter_map(|b| match &b.block {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| {
            t.rows
                .iter()
                .map(|r| r.iter().map(|c| squash(&c.text)).collect())
        })
        .collect()
}

fn paragraphs(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match &b.block {
            Block::Paragraph(p) => Some(squash(p)),
            _ => None,
        })
        .collect()
}

/// How a printed cell shows a total: its number, or nothing while a part is blank.
fn printed(t: nianbao_core::model::Total) -> String {
    if t.complete {
        t.value.to_string()
    } else {
        String::new()
    }
}

/// Table 三 row by row: the row whose label cell reads the template's label (searched in order
/// after the previous one, across the parts of a split table) ends in the seven printed numbers.
fn assert_table3(doc: &Document, report: &Report) {
    let rows = table_rows(doc);
    let mut from = 0;
    for t3 in T3Row::ALL {
        let label = squash(t3.def().label);
        let Some(at) = rows[from..]
            .iter()
            .position(|r| r.iter().any(|c| *c == label || c.ends_with(&label)))
        else {
            panic!("table 三: no row labelled {label} after row {from}; rows: {rows:#?}");
        };
        let row = &rows[from + at];
        assert!(row.len() >= 7, "row {label}: {row:?}");
        let numbers = &row[row.len() - 7..];
        let expected: Vec<String> = T3Col::ALL
            .iter()
            .map(|c| printed(report.table3.cell(t3, *c)))
            .collect();
        assert_eq!(numbers, expected.as_slice(), "table 三 row {label}");
        from += at + 1;
    }
}

/// Table 四's one row of 15 numbers.
fn assert_table4(doc: &Document, report: &Report) {
    let expected: Vec<String> = T4Group::ALL
        .iter()
        .flat_map(|g| T4Col::ALL.iter().map(move |c| (*g, *c)))
        .map(|(g, c)| printed(report.table4.cell(g, c)))
        .collect();
    let rows = table_rows(doc);
    let found = rows.iter().any(|r| {
        r.len() == 15 && r.iter().all(|c| c.chars().all(|ch| ch.is_ascii_digit())) && *r == expected
    });
    assert!(found, "table 四: no row {expected:?} among {rows:#?}");
}

/// The report's prose paragraphs, each expected as one paragraph of the document.
fn prose(report: &Report) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    texts.push(report.preface.clone());
    texts.push(report.overview_text());
    texts.push(report.problems.clone());
    texts.extend(report.other_items.iter().cloned());
    let mut out = Vec::new();
    for t in &texts {
        for p in nianbao_core::model::paragraphs(t) {
            let p = squash(p);
            if !p.is_empty() {
                out.push(p);
            }
        }
    }
    out
}

fn assert_prose(doc: &Document, report: &Report) {
    let found = paragraphs(doc);
    for p in prose(report) {
        assert!(
            found.iter().any(|f| *f == p || f.ends_with(&p)),
            "paragraph not read back as one: {p}\nread: {found:#?}"
        );
    }
}

// ----- producers -----------------------------------------------------------------------

#[test]
fn our_export_of_the_example_reads_back() {
    let report = example();
    let doc = read_ok(example_pdf());
    assert_table3(&doc, &report);
    assert_table4(&doc, &report);
    assert_prose(&doc, &report);
    // Page numbers ("—1—") are gone, and every block knows its page.
    assert!(paragraphs(&doc).iter().all(|p| !p.starts_with('—')));
    assert!(doc.blocks.iter().all(|b| b.page.is_some_and(|p| p >= 1)));
    assert_eq!(doc.blocks.first().map(|b| b.page), Some(Some(1)));
}

#[test]
fn our_export_of_fixture_drafts_reads_back() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/reports");
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_string))
            .collect(),
        Err(e) => panic!("{}: {e}", dir.display()),
    };
    names.sort();
    assert!(names.len() >= 20, "{names:?}");
    for name in &names {
        let report = fixture(name);
        let doc = read_ok(&export(&report));
        assert_table3(&doc, &report);
        assert_table4(&doc, &report);
        assert_prose(&doc, &report);
    }
}

#[test]
fn typst_sample_reads_to_the_example_numbers() {
    let report = example();
    let doc = read_ok(&sample("jinxiang-2021-typst.pdf"));
    assert_table3(&doc, &report);
    assert_table4(&doc, &report);
}

#[test]
fn libreoffice_sample_reads_to_the_example_numbers() {
    let report = example();
    let doc = read_ok(&sample("jinxiang-2021-libreoffice.pdf"));
    assert_table3(&doc, &report);
    assert_table4(&doc, &report);
    // Table 三 runs over pages 6 and 7 there: two consecutive tables, the head repeated.
    let tables: Vec<(Option<u32>, &Table)> = doc
        .blocks
        .iter()
        .filter_map(|b| match &b.block {
            Block::Table(t) => Some((b.page, t)),
            _ => None,
        })
        .collect();
    let holding = |label: &str| {
        tables.iter().position(|(_, t)| {
            t.rows
                .iter()
                .flatten()
                .any(|c| squash(&c.text) == squash(label))
        })
    };
    let (Some(first), Some(last)) = (
        holding(T3Row::NEW.def().label),
        holding(T3Row::TOTAL.def().label),
    ) else {
        panic!("table 三 not found: {tables:#?}");
    };
    assert_eq!(last, first + 1);
    assert_eq!((tables[first].0, tables[last].0), (Some(6), Some(7)));
    // The merged head: 申请人情况 over the seven number columns, 总计 over two head rows.
    let head = &tables[last].1.rows;
    assert!(
        head[0]
            .iter()
            .any(|c| c.text == "申请人情况" && c.col_span == 7 && c.row_span == 1),
        "{head:?}"
    );
    assert!(
        head[1]
            .iter()
            .any(|c| c.text == "总计" && c.col_span == 1 && c.row_span == 2),
        "{head:?}"
    );
}

// ----- handmade files ------------------------------------------------------------------

/// A PDF from numbered object bodies (object 1 is the catalog), with a correct xref table.
fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

/// One A4 page showing `content` with Helvetica as /F1 and `extra` objects from number 5 on;
/// `page_extra` goes into the page's resources.
fn one_page(content: &[u8], page_extra: &str, extra: Vec<Vec<u8>>) -> Vec<u8> {
    page_with("", content, page_extra, extra)
}

/// `one_page` with more keys (`page_keys`) in the page dictionary.
fn page_with(page_keys: &str, content: &[u8], page_extra: &str, extra: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R {page_keys} /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> {page_extra} >> >>"
        )
        .into_bytes(),
        stream("", content),
    ];
    objects.extend(extra);
    pdf_of(&objects)
}

fn hello() -> Vec<u8> {
    one_page(
        b"BT /F1 12 Tf 72 700 Td (Hello world) Tj ET",
        "",
        Vec::new(),
    )
}

#[test]
fn a_minimal_pdf_reads_its_line() {
    let doc = read_ok(&hello());
    assert_eq!(paragraphs(&doc), vec!["Helloworld".to_string()]);
    match &doc.blocks[0].block {
        Block::Paragraph(p) => assert_eq!(p, "Hello world"),
        other => panic!("{other:?}"),
    }
}

/// Pages of Helvetica lines, each line `(x, y, text)` from the bottom-left corner.
fn pages_of_lines(pages: &[Vec<(u32, u32, &str)>]) -> Vec<u8> {
    let n = pages.len();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n)
                .map(|i| format!("{} 0 R", 3 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        )
        .into_bytes(),
    ];
    for (i, lines) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
                4 + 2 * i
            )
            .into_bytes(),
        );
        let content: String = lines
            .iter()
            .map(|(x, y, t)| format!("BT /F1 12 Tf {x} {y} Td ({t}) Tj ET\n"))
            .collect();
        objects.push(stream("", content.as_bytes()));
    }
    pdf_of(&objects)
}

#[test]
fn paragraphs_are_rebuilt_across_lines_and_pages_without_page_furniture() {
    // Helvetica without widths counts 6 pt a character at 12 pt: full lines end at 318 (37
    // characters from the indent at 96, 41 from the margin at 72). "indent-" + "and" keeps its
    // hyphen (the next line starts a new word), "infor-" + "mation" loses it.
    let head = (72, 800, "Jinxiang annual report 2021");
    let doc = read_ok(&pages_of_lines(&[
        vec![
            head,
            (96, 700, "One. A first paragraph opens here; it"),
            (72, 686, "and runs on over a full second line of it"),
            (72, 672, "to end short."),
            (96, 650, "A second paragraph: a word cut infor-"),
            (72, 636, "mation by the line and goes on to the end"),
            (72, 622, "of the page and further onto the next one"),
            (280, 60, "- 1 -"),
        ],
        vec![
            head,
            (72, 700, "where it ends."),
            (96, 680, "Third on page two."),
            (280, 60, "- 2 -"),
        ],
        vec![
            head,
            (96, 700, "Fourth on the last page."),
            (285, 60, "3/3"),
        ],
    ]));
    let texts: Vec<(Option<u32>, String)> = doc
        .blocks
        .iter()
        .map(|b| match &b.block {
            Block::Paragraph(p) => (b.page, p.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        texts,
        [
            (Some(1), "One. A first paragraph opens here; it and runs on over a full second line of it to end short.".to_string()),
            (
                Some(1),
                "A second paragraph: a word cut information by the line and goes on to the end of the page and further onto the next one where it ends."
                    .to_string()
            ),
            (Some(2), "Third on page two.".to_string()),
            (Some(3), "Fourth on the last page.".to_string()),
        ]
    );
}

/// A page in one Chinese font that is not embedded, as older Word and WPS write it: a Type0
/// font on the CMap `cmap` (codes in `text_hex`), with no ToUnicode map.
fn unembedded_chinese(cmap: &str, text_hex: &str) -> Vec<u8> {
    let font = format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /{cmap} /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>] >>"
    );
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 {font} >> >> >>").into_bytes(),
        stream("", format!("BT /F1 16 Tf 72 700 Td <{text_hex}> Tj ET").as_bytes()),
    ];
    pdf_of(&objects)
}

#[test]
fn gbk_text_without_a_tounicode_map_reads() {
    // "政府信息公开 2021年" in GBK: two bytes a Chinese character, one a digit or space.
    let doc = read_ok(&unembedded_chinese(
        "GBK-EUC-H",
        "D5FEB8AED0C5CFA2B9ABBFAA2032303231C4EA",
    ));
    assert_eq!(paragraphs(&doc), vec!["政府信息公开2021年".to_string()]);
}

#[test]
fn identity_codes_without_a_tounicode_map_are_not_guessed() {
    // Glyph ids say nothing about characters: better no text than wrong text, and not "a scan".
    let bytes = unembedded_chinese("Identity-H", "0012003400560078");
    assert!(matches!(read(&bytes), Err(ImportError::Damaged(d)) if d.contains("ToUnicode")));
}

#[test]
fn a_turned_page_reads_as_displayed() {
    // A portrait page shown landscape (/Rotate 90), its text drawn turned so that it reads
    // upright on screen: one line, not a column of single letters.
    let content = b"BT /F1 12 Tf 0 1 -1 0 300 72 Tm (Table on a turned page) Tj ET";
    let doc = read_ok(&page_with("/Rotate 90", content, "", Vec::new()));
    let texts: Vec<&Block> = doc.blocks.iter().map(|b| &b.block).collect();
    assert_eq!(
        texts,
        [&Block::Paragraph("Table on a turned page".to_string())]
    );
}

#[test]
fn a_table_without_rules_is_read_from_positions() {
    let cells = |y: u32, texts: [&str; 4]| -> Vec<(u32, u32, String)> {
        [72, 250, 350, 450]
            .into_iter()
            .zip(texts)
            .map(|(x, t)| (x, y, t.to_string()))
            .collect()
    };
    let mut lines: Vec<(u32, u32, String)> =
        vec![(96, 760, "Section two, a table without rules:".to_string())];
    lines.extend(cells(700, ["Rules", "0", "1", "8"]));
    lines.extend(cells(680, ["Normative files", "12", "-", "30"]));
    lines.push((96, 640, "A paragraph after it.".to_string()));
    let page: Vec<(u32, u32, &str)> = lines.iter().map(|(x, y, t)| (*x, *y, t.as_str())).collect();
    let doc = read_ok(&pages_of_lines(&[page]));
    let blocks: Vec<&Block> = doc.blocks.iter().map(|b| &b.block).collect();
    let cell = |t: &str| Cell {
        text: t.to_string(),
        col_span: 1,
        row_span: 1,
    };
    let table = Block::Table(Table {
        rows: vec![
            vec![cell("Rules"), cell("0"), cell("1"), cell("8")],
            vec![cell("Normative files"), cell("12"), cell("-"), cell("30")],
        ],
    });
    assert_eq!(
        blocks,
        [
            &Block::Paragraph("Section two, a table without rules:".to_string()),
            &table,
            &Block::Paragraph("A paragraph after it.".to_string()),
        ]
    );
}

#[test]
fn not_a_pdf_is_damaged() {
    for bytes in [&b""[..], b"hello", b"%PDF-1.4\n", b"PK\x03\x04 a zip"] {
        assert!(
            matches!(read(bytes), Err(ImportError::Damaged(_))),
            "{bytes:?}"
        );
    }
}

#[test]
fn a_truncated_pdf_never_panics() {
    let whole = hello();
    for cut in (0..whole.len()).step_by(7) {
        let _ = read(&whole[..cut]);
    }
    let ours = example_pdf();
    for cut in [100, 1000, ours.len() / 3, ours.len() / 2, ours.len() - 200] {
        let _ = read(&ours[..cut]);
    }
}

#[test]
fn a_pdf_with_a_broken_xref_still_reads() {
    let mut bytes = hello();
    // Point startxref and every xref entry at the wrong place: lenient loading rebuilds the table.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let Some(at) = text.rfind("startxref\n") else {
        panic!("no startxref")
    };
    let broken = format!("{}startxref\n77\n%%EOF\n", &text[..at]).replace(" 00000 n ", "0 00000 n");
    bytes = broken.into_bytes();
    let doc = read_ok(&bytes);
    assert_eq!(paragraphs(&doc), vec!["Helloworld".to_string()]);
}

#[test]
fn deeply_nested_arrays_are_refused_without_overflowing_the_stack() {
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    // In an object …
    let bytes = one_page(
        b"BT /F1 12 Tf 72 700 Td (x) Tj ET",
        "",
        vec![deep.clone().into_bytes()],
    );
    let _ = read(&bytes);
    // … and in the page's content.
    let content = format!("BT /F1 12 Tf 72 700 Td {deep} TJ ET");
    let _ = read(&one_page(content.as_bytes(), "", Vec::new()));
}

#[test]
fn a_decompression_bomb_is_refused() {
    let zeros = vec![b' '; 48 * 1024 * 1024];
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    if let Err(e) = enc.write_all(&zeros) {
        panic!("{e}");
    }
    let packed = match enc.finish() {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    assert!(packed.len() < 200_000);
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
    ];
    objects.push(stream("/Filter /FlateDecode", &packed));
    let started = Instant::now();
    let result = read(&pdf_of(&objects));
    assert!(
        matches!(result, Err(ImportError::TooLarge(_))),
        "{result:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn too_many_pages_are_refused() {
    let n = 600;
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n)
                .map(|i| format!("{} 0 R", i + 3))
                .collect::<Vec<_>>()
                .join(" ")
        )
        .into_bytes(),
    ];
    for _ in 0..n {
        objects.push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec());
    }
    let result = read(&pdf_of(&objects));
    assert!(
        matches!(result, Err(ImportError::TooLarge(_))),
        "{result:?}"
    );
}

/// `encrypted-user.pdf`: the minimal page encrypted by `qpdf --encrypt secret secret 256`;
/// `encrypted-owner.pdf`: the same with an empty user password (only editing is restricted:
/// `qpdf --encrypt "" owner 256 --modify=none`); `encrypted-owner-rc4.pdf` likewise with
/// `128 --use-aes=n`.
fn encrypted(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

#[test]
fn a_password_protected_pdf_says_so() {
    assert_eq!(
        read(&encrypted("encrypted-user.pdf")),
        Err(ImportError::Encrypted)
    );
}

#[test]
fn a_pdf_only_restricted_from_editing_reads() {
    // AES-256 and the RC4-128 that older WPS and Word versions write.
    for name in ["encrypted-owner.pdf", "encrypted-owner-rc4.pdf"] {
        let doc = read_ok(&encrypted(name));
        assert_eq!(paragraphs(&doc), vec!["Helloworld".to_string()], "{name}");
    }
}

#[test]
fn a_scan_has_no_text() {
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
        b"\x80",
    );
    let bytes = one_page(
        b"q 595 0 0 842 0 0 cm /Im1 Do Q",
        "/XObject << /Im1 5 0 R >>",
        vec![image],
    );
    assert_eq!(read(&bytes), Err(ImportError::NoText));
}

#[test]
fn a_table_printed_as_a_picture_is_an_image_block() {
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
        b"\x80",
    );
    let content = b"BT /F1 12 Tf 72 760 Td (Table 3) Tj ET q 450 0 0 300 72 400 cm /Im1 Do Q BT /F1 12 Tf 72 380 Td (After) Tj ET";
    let doc = read_ok(&one_page(content, "/XObject << /Im1 5 0 R >>", vec![image]));
    let kinds: Vec<&str> = doc
        .blocks
        .iter()
        .map(|b| match &b.block {
            Block::Paragraph(_) => "p",
            Block::Table(_) => "t",
            Block::Image => "i",
        })
        .collect();
    assert_eq!(kinds, ["p", "i", "p"]);
}

#[test]
fn a_form_that_draws_itself_ends() {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Fm1 5 0 R >> >>",
        b"/Fm1 Do",
    );
    let content = b"BT /F1 12 Tf 72 700 Td (Hello world) Tj ET /Fm1 Do";
    let doc = read_ok(&one_page(content, "/XObject << /Fm1 5 0 R >>", vec![form]));
    assert_eq!(paragraphs(&doc), vec!["Helloworld".to_string()]);
}

// ----- fuzz ----------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let mut with_header = b"%PDF-1.7\n".to_vec();
        with_header.extend_from_slice(&bytes);
        let started = Instant::now();
        let _ = read(&bytes);
        let _ = read(&with_header);
        prop_assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_mutated_minimal_pdf_never_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = hello();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let keep = bytes.len() / 2 + cut.index(bytes.len() / 2 + 1);
        bytes.truncate(keep);
        let started = Instant::now();
        let _ = read(&bytes);
        prop_assert!(started.elapsed() < Duration::from_secs(5));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_export_never_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..64),
    ) {
        let mut bytes = example_pdf().to_vec();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let started = Instant::now();
        let _ = read(&bytes);
        prop_assert!(started.elapsed() < Duration::from_secs(20));
    }
}
