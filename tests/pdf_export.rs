//! The example report exported to PDF and read back by outside tools.

mod pdf_support;

use pdf_support::*;

#[test]
fn example_exports() {
    let bytes = export(&example());
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "report.pdf", &bytes);
    if let Ok(keep) = std::env::var("NIANBAO_KEEP_PDF") {
        std::fs::copy(&path, keep).unwrap();
    }
    assert!(bytes.len() < 300_000, "{} bytes", bytes.len());
}
