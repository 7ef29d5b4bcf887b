//! Shared helpers: the example and the real reports as drafts, exports, and a comparison of two
//! drafts that names every difference.

#![allow(dead_code)]

use nianbao_core::model::{Cell, Entry, Prose, Report, paragraphs};
use nianbao_core::template::{T2Cell, T3Col, T3Row, T4Col, T4Group};
use nianbao_import::{ImportError, Imported, import_bytes};
use nianbao_print::{ExportOptions, Format, export};
use std::path::{Path, PathBuf};

/// The sample report shipped as a draft.
pub fn example() -> Report {
    match nianbao_core::example::report() {
        Ok(report) => report,
        Err(e) => panic!("cannot load the example: {e}"),
    }
}

/// The 23 real published reports kept as drafts by the core's tests, with their file names.
pub fn fixtures() -> Vec<(String, Report)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/reports");
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => panic!("cannot list {}: {e}", dir.display()),
    };
    paths.retain(|p| p.extension().is_some_and(|x| x == "ron"));
    paths.sort();
    paths
        .into_iter()
        .map(|p| match nianbao_core::store::draft::load(&p) {
            Ok(l) => (
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                l.report,
            ),
            Err(e) => panic!("cannot load {}: {e}", p.display()),
        })
        .collect()
}

/// The shared samples folder (../shared/samples beside the repository).
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples")
}

/// A report exported in `format`; a PDF with the bundled fonts only (never the machine's).
pub fn exported(report: &Report, format: Format) -> Vec<u8> {
    let mut options = ExportOptions::default();
    options.fonts.bundled_only = true;
    match export(report, format, &options) {
        Ok(e) => e.bytes,
        Err(e) => panic!("export as {format:?} failed: {e}"),
    }
}

/// What `report` exported as `format` reads back as, with every difference, unplaced text and
/// audit finding named: empty when the round trip is exact.
pub fn round_trip(report: &Report, format: Format) -> Vec<String> {
    let name = format!("r.{}", format.extension());
    let got = import(&name, &exported(report, format));
    let mut out = differences(report, &got.report);
    out.extend(got.unplaced.iter().map(|u| format!("unplaced {u:?}")));
    out.extend(
        got.findings
            .iter()
            .filter(|f| f.rule.is_audit())
            .map(|f| format!("finding {f:?}")),
    );
    out
}

/// The round trip of each named report, failures only, for one assertion message.
pub fn round_trip_failures(reports: &[(String, Report)], format: Format) -> String {
    reports
        .iter()
        .filter_map(|(name, report)| {
            let diff = round_trip(report, format);
            (!diff.is_empty()).then(|| format!("== {name}\n{}", diff.join("\n")))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Imports bytes, panicking with the Chinese message on failure.
pub fn import(name: &str, bytes: &[u8]) -> Imported {
    match import_bytes(name, bytes) {
        Ok(i) => i,
        Err(e) => panic!("import of {name} failed: {e}"),
    }
}

/// Imports, expecting an error.
pub fn import_err(name: &str, bytes: &[u8]) -> ImportError {
    match import_bytes(name, bytes) {
        Ok(_) => panic!("{name} was imported, expected an error"),
        Err(e) => e,
    }
}

/// Every entered cell of the three tables.
pub fn entered_cells() -> Vec<Cell> {
    let mut cells: Vec<Cell> = T2Cell::ALL.iter().map(|c| Cell::T2(*c)).collect();
    cells.push(Cell::T2Fee);
    for row in T3Row::entered() {
        cells.extend(T3Col::ENTERED.iter().map(|c| Cell::T3(row, *c)));
    }
    for g in T4Group::ALL {
        cells.extend(T4Col::ENTERED.iter().map(|c| Cell::T4(g, *c)));
    }
    cells
}

/// What a printed cell shows of an entry: its value, or nothing (blank and invalid text print
/// blank).
pub fn printed_cell(report: &Report, cell: Cell) -> String {
    let text = report.cell_text(cell);
    match cell {
        Cell::T2Fee => match &report.table2.fee {
            Entry::Value(v) => v.to_string(),
            _ => String::new(),
        },
        _ => match report.count(cell) {
            Some(Entry::Value(_)) => text,
            _ => String::new(),
        },
    }
}

/// Differences between the report that was printed and the one read back, in what a printed
/// report shows: the title's agency and year, the date line, every prose field's paragraphs,
/// the titles of the printed sub-heads of section 一, and every cell.
pub fn differences(printed: &Report, read: &Report) -> Vec<String> {
    let mut out = Vec::new();
    let (a, b) = (&printed.meta, &read.meta);
    if a.agency.trim() != b.agency {
        out.push(format!("agency {:?} ≠ {:?}", a.agency, b.agency));
    }
    if a.year != b.year {
        out.push(format!("year {:?} ≠ {:?}", a.year, b.year));
    }
    if a.date != b.date {
        out.push(format!("date {:?} ≠ {:?}", a.date, b.date));
    }
    for field in Prose::all() {
        let x: Vec<&str> = paragraphs(printed.prose(field)).collect();
        let y: Vec<&str> = paragraphs(read.prose(field)).collect();
        if x != y {
            out.push(format!("{field:?}: {x:?}\n   ≠ {y:?}"));
        }
    }
    for (i, (x, y)) in printed
        .overview
        .parts
        .iter()
        .zip(&read.overview.parts)
        .enumerate()
    {
        let shown = !x.title.trim().is_empty() || !x.body.trim().is_empty();
        if shown && x.title.trim() != y.title {
            out.push(format!("overview title {i}: {:?} ≠ {:?}", x.title, y.title));
        }
    }
    for cell in entered_cells() {
        let (x, y) = (printed_cell(printed, cell), read.cell_text(cell));
        if x != y {
            out.push(format!("{}: {x:?} ≠ {y:?}", cell.describe()));
        }
    }
    out
}

/// The longest common subsequence of two texts, in characters.
pub fn common_in_order(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for ca in &a {
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The share of the prose characters of `expected` (field by field, white space aside) that
/// `got` has in the same order.
pub fn prose_in_order(expected: &Report, got: &Report) -> f64 {
    let squash = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    let (mut common, mut total) = (0usize, 0usize);
    for field in Prose::all() {
        let (x, y) = (squash(expected.prose(field)), squash(got.prose(field)));
        total += x.chars().count();
        common += common_in_order(&x, &y);
    }
    if total == 0 {
        1.0
    } else {
        common as f64 / total as f64
    }
}
