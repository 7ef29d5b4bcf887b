//! The drafts the placer makes from PDFs of other producers, and from a PDF whose printed
//! total was altered after printing.

use super::support::*;
use nianbao_core::check::Rule;
use nianbao_core::model::{Cell, Place};
use nianbao_core::template::{T3Col, T3Row};
use nianbao_print::Format;
use std::collections::HashMap;

fn sample(name: &str) -> Vec<u8> {
    let path = samples().join(name);
    match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

/// The example's cells exactly, and its prose with at least 0.98 of the characters in order.
fn reads_as_the_example(name: &str) {
    let expected = example();
    let got = import(name, &sample(name));
    let wrong: Vec<String> = entered_cells()
        .into_iter()
        .filter_map(|cell| {
            let (x, y) = (printed_cell(&expected, cell), got.report.cell_text(cell));
            (x != y).then(|| format!("{}: {x:?} ≠ {y:?}", cell.describe()))
        })
        .collect();
    assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
    assert_eq!(got.report.meta.agency, expected.meta.agency, "{name}");
    assert_eq!(got.report.meta.year, expected.meta.year, "{name}");
    let share = prose_in_order(&expected, &got.report);
    assert!(
        share >= 0.98,
        "{name}: {share:.4} of the prose's characters read in order"
    );
    eprintln!("{name}: {share:.4} of the prose's characters read in order");
}

#[test]
fn the_typst_sample_reads_as_the_example() {
    reads_as_the_example("jinxiang-2021-typst.pdf");
}

#[test]
fn the_libreoffice_sample_reads_as_the_example() {
    reads_as_the_example("jinxiang-2021-libreoffice.pdf");
}

/// The codes a font's ToUnicode map gives to the characters it names (single characters only).
fn codes_of(doc: &lopdf::Document, font: &lopdf::Dictionary) -> HashMap<char, Vec<u8>> {
    let mut out = HashMap::new();
    let Ok(lopdf::Object::Reference(id)) = font.get(b"ToUnicode") else {
        return out;
    };
    let Ok(stream) = doc.get_object(*id).and_then(|o| o.as_stream()) else {
        return out;
    };
    let Ok(data) = stream.decompressed_content() else {
        return out;
    };
    let hex = |s: &str| -> Option<Vec<u8>> {
        let s = s.trim().strip_prefix('<')?.strip_suffix('>')?;
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
            .collect()
    };
    for line in String::from_utf8_lossy(&data).lines() {
        let mut parts = line.split_whitespace();
        if let (Some(code), Some(uni), None) = (parts.next(), parts.next(), parts.next())
            && let (Some(code), Some(uni)) = (hex(code), hex(uni))
            && let [hi, lo] = uni[..]
            && let Some(c) = char::from_u32(u32::from(hi) << 8 | u32::from(lo))
        {
            out.insert(c, code);
        }
    }
    out
}

/// Our PDF of the example with the printed 总计 of table 三's first row (本年新收, "11") changed
/// to "12" in the page's content stream: the glyph code of its last digit swapped for the code
/// of "2" in the same font (digits are equally wide, so nothing else moves).
fn example_with_a_wrong_total() -> Vec<u8> {
    let report = example();
    let row: Vec<String> = T3Col::ALL
        .iter()
        .map(|c| report.cell_text(Cell::T3(T3Row::NEW, *c)))
        .collect();
    assert_eq!(row.last().map(String::as_str), Some("11"), "{row:?}");
    let pdf = exported(&report, Format::Pdf);
    let mut doc = match lopdf::Document::load_mem(&pdf) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    for page in pages {
        let fonts: HashMap<Vec<u8>, HashMap<char, Vec<u8>>> = match doc.get_page_fonts(page) {
            Ok(f) => f
                .into_iter()
                .map(|(name, dict)| (name, codes_of(&doc, dict)))
                .collect(),
            Err(e) => panic!("{e}"),
        };
        let mut content = match lopdf::content::Content::decode(&doc.get_page_content(page)) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        let mut font: Option<&HashMap<char, Vec<u8>>> = None;
        let mut changed = false;
        for op in &mut content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| fonts.get(n));
                }
                "TJ" if !changed => {
                    let Some(codes) = font else { continue };
                    let decode = |bytes: &[u8]| -> String {
                        bytes
                            .chunks(2)
                            .filter_map(|c| {
                                codes.iter().find(|(_, v)| v[..] == *c).map(|(k, _)| *k)
                            })
                            .collect()
                    };
                    let Some(lopdf::Object::Array(items)) = op.operands.first_mut() else {
                        continue;
                    };
                    // The row's cells: glyph strings, cut where the text moves on by more
                    // than half an em.
                    let mut pieces: Vec<String> = vec![String::new()];
                    for item in items.iter() {
                        match item {
                            lopdf::Object::String(bytes, _) => {
                                if let Some(last) = pieces.last_mut() {
                                    last.push_str(&decode(bytes));
                                }
                            }
                            other => {
                                if other.as_float().is_ok_and(|n| n.abs() > 500.0) {
                                    pieces.push(String::new());
                                }
                            }
                        }
                    }
                    if pieces != row {
                        continue;
                    }
                    let (Some(one), Some(two)) = (codes.get(&'1'), codes.get(&'2')) else {
                        panic!("the digits' font has no 1 or 2");
                    };
                    if let Some(lopdf::Object::String(bytes, _)) =
                        items.iter_mut().rev().find(|o| o.as_str().is_ok())
                        && bytes.ends_with(one)
                    {
                        let at = bytes.len() - one.len();
                        bytes.splice(at.., two.iter().copied());
                        changed = true;
                    }
                }
                _ => {}
            }
        }
        if changed {
            let bytes = match content.encode() {
                Ok(b) => b,
                Err(e) => panic!("{e}"),
            };
            if let Err(e) = doc.change_page_content(page, bytes) {
                panic!("{e}");
            }
            let mut out = Vec::new();
            if let Err(e) = doc.save_to(&mut out) {
                panic!("{e}");
            }
            return out;
        }
    }
    panic!("table 三's first row {row:?} was not found as one text run");
}

#[test]
fn a_printed_total_that_does_not_add_up_is_found_at_its_place() {
    let untouched = import("example.pdf", &exported(&example(), Format::Pdf));
    assert!(
        !untouched
            .findings
            .iter()
            .any(|f| f.rule == Rule::AuditTotal),
        "{:?}",
        untouched.findings
    );
    let got = import("wrong-total.pdf", &example_with_a_wrong_total());
    let at = Place::Cell(Cell::T3(T3Row::NEW, T3Col::TOTAL));
    let totals: Vec<_> = got
        .findings
        .iter()
        .filter(|f| f.rule == Rule::AuditTotal)
        .collect();
    assert_eq!(totals.len(), 1, "{totals:?}");
    assert_eq!(totals[0].place, at, "{totals:?}");
    assert!(
        totals[0].message.contains("12") && totals[0].message.contains("11"),
        "{totals:?}"
    );
}
