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
            failures.push(format!("{name}:\n  {}\n  unplaced {:?}", diff.join("\n  "), got.unplaced));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
