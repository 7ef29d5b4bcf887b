//! The Word reader: our own export and another producer's file read back.

use super::support::*;
use nianbao_print::Format;

/// The example and every real report exported as word read back the same:
/// cells, meta, prose paragraphs; nothing unplaced, no finding.
#[test]
fn the_example_and_the_real_reports_exported_as_word_read_back_the_same() {
    let mut all = vec![("example".to_string(), example())];
    all.extend(fixtures());
    let failed = round_trip_failures(&all, Format::Docx);
    assert!(failed.is_empty(), "{failed}");
}

#[test]
fn the_sample_word_file_of_another_producer_reads_as_the_example() {
    let path = samples().join("jinxiang-2021.docx");
    let got = match nianbao_import::import_path(&path) {
        Ok(i) => i,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let report = example();
    let cells: Vec<String> = entered_cells()
        .into_iter()
        .filter(|c| printed_cell(&report, *c) != got.report.cell_text(*c))
        .map(|c| c.describe())
        .collect();
    assert!(cells.is_empty(), "cells differ: {cells:#?}");
    let share = prose_in_order(&report, &got.report);
    assert!(share >= 0.98, "{share:.4} of the prose in order");
    let (a, b) = (&report.meta, &got.report.meta);
    assert_eq!((&a.agency, a.year.clone()), (&b.agency, b.year.clone()));
    assert_eq!(
        (
            &a.portal_name,
            &a.portal_url,
            &a.column_name,
            &a.address,
            &a.phone
        ),
        (
            &b.portal_name,
            &b.portal_url,
            &b.column_name,
            &b.address,
            &b.phone
        )
    );
    let titles: Vec<&str> = got
        .report
        .overview
        .parts
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(titles[4], "监督保障方面", "the report's own words");
    assert!(got.unplaced.is_empty(), "{:?}", got.unplaced);
    assert!(got.findings.is_empty(), "{:?}", got.findings);
}
