//! Shared helpers of the PDF tests: the example report, exports, and the outside tools.

#![allow(dead_code)]

use nianbao_core::model::Report;
use nianbao_print::{ExportOptions, export_pdf};
use std::path::PathBuf;
use std::process::Command;

/// The sample report shipped as a draft.
pub fn example() -> Report {
    match nianbao_core::example::report() {
        Ok(report) => report,
        Err(e) => panic!("cannot load the example: {e}"),
    }
}

/// Options that give the same output on every machine.
pub fn bundled() -> ExportOptions {
    let mut o = ExportOptions::default();
    o.fonts.bundled_only = true;
    o
}

/// Exports with bundled fonts, panicking with the Chinese message on failure.
pub fn export(report: &Report) -> Vec<u8> {
    match export_pdf(report, &bundled()) {
        Ok(b) => b,
        Err(e) => panic!("export failed: {e}"),
    }
}

/// Writes bytes to a fresh temporary file and returns its path (kept in `dir`).
pub fn write_temp(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    if let Err(e) = std::fs::write(&path, bytes) {
        panic!("cannot write {}: {e}", path.display());
    }
    path
}

/// Runs an outside tool and returns its stdout; fails loudly when the tool is missing, because
/// a skipped check would look like a passed one.
pub fn run_tool(tool: &str, args: &[&str]) -> String {
    let out = match Command::new(tool).args(args).output() {
        Ok(o) => o,
        Err(e) => panic!(
            "`{tool}` is needed for this test and could not be run ({e}); install poppler-utils and qpdf"
        ),
    };
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "`{tool} {}` failed: {stdout}\n{stderr}",
        args.join(" ")
    );
    stdout
}

/// pdftotext output without the page numbers ("— 3 —" lines), which interrupt paragraphs
/// that run across a page.
pub fn without_page_numbers(text: &str) -> String {
    text.lines()
        .filter(|l| {
            let t = l.trim().trim_start_matches('\u{c}');
            !(t.starts_with('—')
                && t.ends_with('—')
                && t.trim_matches(['—', ' '])
                    .chars()
                    .all(|c| c.is_ascii_digit()))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text with all white space removed, for comparing extracted text with the source.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
