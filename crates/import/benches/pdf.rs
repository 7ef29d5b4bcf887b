//! PDF reading benchmark (std only, no criterion): `cargo bench -p nianbao-import --bench pdf`.
//!
//! Reads our 10-page export of examples/jinxiang-2021.ron (made first, with the bundled fonts)
//! and the Typst and LibreOffice renditions in ../shared/samples when present: the mean and best
//! of several reads each. Target (issue 14): a 10-page PDF in at most 200 ms.

use std::path::PathBuf;
use std::time::{Duration, Instant};

fn measure(name: &str, bytes: &[u8]) {
    let runs = 10;
    let mut best = Duration::MAX;
    let mut blocks = 0;
    let start = Instant::now();
    for _ in 0..runs {
        let t = Instant::now();
        match nianbao_import::pdf::read(std::hint::black_box(bytes)) {
            Ok(doc) => blocks = doc.blocks.len(),
            Err(e) => {
                eprintln!("{name}: {e}");
                std::process::exit(1);
            }
        }
        best = best.min(t.elapsed());
    }
    let mean = start.elapsed() / runs;
    println!(
        "{name:<40} {:>5} KB {blocks:>4} blocks  mean {:>7.1} ms  best {:>7.1} ms",
        bytes.len() / 1024,
        mean.as_secs_f64() * 1e3,
        best.as_secs_f64() * 1e3
    );
}

fn main() {
    let report = match nianbao_core::example::report() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut options = nianbao_print::ExportOptions::default();
    options.fonts.bundled_only = true;
    let ours = match nianbao_print::export_pdf(&report, &options) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!("read a PDF into a Document (10 runs each)");
    measure("our export of jinxiang-2021 (10 pages)", &ours);
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    for name in ["jinxiang-2021-typst.pdf", "jinxiang-2021-libreoffice.pdf"] {
        if let Ok(bytes) = std::fs::read(samples.join(name)) {
            measure(name, &bytes);
        }
    }
}
