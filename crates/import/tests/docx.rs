//! The Word reader: our own export and another producer's file read back.

use super::support::*;
use nianbao_print::Format;

#[test]
fn the_example_exported_as_word_reads_back_the_same() {
    let report = example();
    let got = import("r.docx", &exported(&report, Format::Docx));
    let diff = differences(&report, &got.report);
    assert!(diff.is_empty(), "{}", diff.join("\n"));
    assert!(got.unplaced.is_empty(), "{:?}", got.unplaced);
    assert!(got.findings.is_empty(), "{:?}", got.findings);
}

#[test]
fn every_real_report_exported_as_word_reads_back_the_same() {
    let mut failures = Vec::new();
    for (name, report) in fixtures() {
        let got = import("r.docx", &exported(&report, Format::Docx));
        let diff = differences(&report, &got.report);
        if !diff.is_empty() || !got.unplaced.is_empty() {
            failures.push(format!(
                "{name}:\n  {}\n  unplaced {:?}",
                diff.join("\n  "),
                got.unplaced
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
