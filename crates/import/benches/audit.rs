//! Audit benchmark (std only): `cargo bench -p nianbao-import --bench audit`.
//!
//! What the receiving office does in January: 100 received PDFs in a folder (our exports of the
//! example and of the real reports among the fixtures, each agency a year apart from another so
//! that the cross-year checks run too), read and checked by `audit` with the machine's threads.
//! Target: ≤ 30 s on a 2-core machine. Also the time to import the example's PDF alone.

use nianbao_core::model::{Entry, Report};
use nianbao_core::store::draft;
use nianbao_import::{any, audit};
use nianbao_print::{ExportOptions, export_pdf};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

const REPORTS: usize = 100;

fn fail(what: &str, e: impl std::fmt::Display) -> ! {
    eprintln!("{what}: {e}");
    std::process::exit(1)
}

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/reports");
    let mut sources: Vec<Report> =
        vec![nianbao_core::example::report().unwrap_or_else(|e| fail("example", e))];
    let mut names: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap_or_else(|e| fail("fixtures", e))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names {
        let mut report = draft::load(&path)
            .unwrap_or_else(|e| fail("fixture", e))
            .report;
        report.table3.fill_blanks_with_zero();
        report.table4.fill_blanks_with_zero();
        sources.push(report);
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail("temp dir", e));
    let mut options = ExportOptions::default();
    options.fonts.bundled_only = true;
    let made = Instant::now();
    for i in 0..REPORTS {
        let mut report = sources[i % sources.len()].clone();
        // The same agency in two years now and then: the cross-year checks run.
        let round = (i / sources.len()) as u16;
        if let Some(year) = report.meta.year.value() {
            report.meta.year = Entry::Value(year + round);
        }
        let bytes = export_pdf(&report, &options).unwrap_or_else(|e| fail("export", e));
        std::fs::write(dir.path().join(format!("{i:03}.pdf")), bytes)
            .unwrap_or_else(|e| fail("write", e));
    }
    println!(
        "made {REPORTS} PDFs in {:.1} s",
        made.elapsed().as_secs_f64()
    );

    let one = dir.path().join("000.pdf");
    let start = Instant::now();
    let runs = 10;
    for _ in 0..runs {
        std::hint::black_box(any::read(&one).unwrap_or_else(|e| fail("import", e)));
    }
    println!(
        "import of the example's PDF ({} pages): {:.1} ms",
        nianbao_print::export(&sources[0], nianbao_print::Format::Pdf, &options)
            .map(|e| e.summary.pages.unwrap_or(0))
            .unwrap_or(0),
        start.elapsed().as_secs_f64() * 1e3 / runs as f64
    );

    let (files, _) = audit::files_in(&[dir.path().to_path_buf()]);
    let limits = audit::Limits::default();
    let start = Instant::now();
    let rows = audit::audit(
        &files,
        &[],
        Arc::new(any::read_for_audit),
        limits,
        &|_, _, _| {},
    );
    let took = start.elapsed();
    let read = rows.iter().filter(|r| r.outcome.is_ok()).count();
    let linked = rows
        .iter()
        .filter(|r| r.outcome.as_ref().is_ok_and(|c| c.last_year.is_some()))
        .count();
    println!(
        "audit of {} PDFs on {} threads: {:.1} s ({read} read, {linked} checked against last year's)",
        files.len(),
        limits.threads,
        took.as_secs_f64()
    );
}
