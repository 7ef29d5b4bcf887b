//! Export benchmark (std only, no criterion): `cargo bench --bench export`.
//!
//! Measures exporting examples/jinxiang-2021.ron to PDF with the bundled fonts: the first
//! export (reading and parsing the fonts included), then the mean and best of further exports
//! (fonts cached, as in the app), the stages on their own (compose, layout: what a live preview
//! would redo), what the preview redoes after an edit (prepare + layout, then each page drawn as
//! pixels at three scales, first with no glyph drawn yet, then with the glyphs kept as the app
//! keeps them between drawings), the PDF size and the process's peak memory (VmHWM, Linux); then the portal page,
//! the Word file and the Excel tables, each and the three together.

use nianbao_print::{ExportOptions, Format, Prepared, export_pdf};
use std::time::{Duration, Instant};

fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let report = match nianbao_core::example::report() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut options = ExportOptions::default();
    options.fonts.bundled_only = true;
    let export = || match export_pdf(&report, &options) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let start = Instant::now();
    let bytes = export();
    let first = start.elapsed();
    let runs = 20;
    let mut best = Duration::MAX;
    let start = Instant::now();
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(export());
        best = best.min(t.elapsed());
    }
    let mean = start.elapsed() / runs;
    println!("export jinxiang-2021 (bundled fonts)");
    println!(
        "  first export (fonts loaded): {:>8.1} ms",
        first.as_secs_f64() * 1e3
    );
    println!(
        "  later exports, mean of {runs}:  {:>8.1} ms",
        mean.as_secs_f64() * 1e3
    );
    println!(
        "  later exports, best:         {:>8.1} ms",
        best.as_secs_f64() * 1e3
    );
    let prepared = match Prepared::new(&report, &options.fonts) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let best_of = |f: &dyn Fn()| {
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let compose = best_of(&|| {
        std::hint::black_box(nianbao_print::compose::blocks(&report));
    });
    let layout = best_of(&|| {
        std::hint::black_box(prepared.layout());
    });
    println!(
        "  compose only, best:          {:>8.2} ms",
        compose.as_secs_f64() * 1e3
    );
    println!(
        "  layout only, best:           {:>8.2} ms",
        layout.as_secs_f64() * 1e3
    );
    // What the app's live preview redoes after an edit: fonts (cached by then), compose and
    // layout together, then the pages drawn as pixels.
    let prepare_and_layout = best_of(&|| match Prepared::new(&report, &options.fonts) {
        Ok(p) => {
            std::hint::black_box(p.layout());
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    });
    println!(
        "  preview: prepare + layout:   {:>8.2} ms",
        prepare_and_layout.as_secs_f64() * 1e3
    );
    let doc = prepared.layout();
    let pages = doc.pages.len().max(1) as u32;
    for scale in [1.0f32, 1.5, 2.0] {
        let best = best_of(&|| {
            std::hint::black_box(nianbao_print::raster::pages(&doc, &prepared.fonts, scale));
        });
        let mut outlines = nianbao_print::raster::Outlines::default();
        let _ = nianbao_print::raster::pages_with(&doc, &prepared.fonts, scale, &mut outlines);
        let outlines = std::cell::RefCell::new(outlines);
        let warm = best_of(&|| {
            std::hint::black_box(nianbao_print::raster::pages_with(
                &doc,
                &prepared.fonts,
                scale,
                &mut outlines.borrow_mut(),
            ));
        });
        let (w, h) = nianbao_print::raster::page_size(scale);
        println!(
            "  preview: raster {scale:.1} px/pt ({w}×{h}), {} pages: first {:>6.2} ms per page, \
             redrawn with the glyphs kept (after an edit) {:>6.2} ms per page",
            pages,
            (best / pages).as_secs_f64() * 1e3,
            (warm / pages).as_secs_f64() * 1e3
        );
    }
    // Issue 13: the example at most 300 KB (also a test: the_example_pdf_is_at_most_300_kb).
    println!(
        "  PDF size:                    {:>8} bytes ({:.1} KB of at most 300 KB)",
        bytes.len(),
        bytes.len() as f64 / 1024.0
    );
    let other = [Format::Html, Format::Docx, Format::Xlsx];
    let mut together = Duration::ZERO;
    for format in other {
        let once = || match nianbao_print::export(&report, format, &options) {
            Ok(e) => e.bytes.len(),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let t = Instant::now();
        let size = once();
        let first = t.elapsed();
        together += first;
        let best = best_of(&|| {
            std::hint::black_box(once());
        });
        println!(
            "  {:<5} first {:>7.2} ms, best {:>7.2} ms, {:>6} bytes",
            format.extension(),
            first.as_secs_f64() * 1e3,
            best.as_secs_f64() * 1e3,
            size
        );
    }
    println!(
        "  html + docx + xlsx, first run of each, together: {:>7.2} ms",
        together.as_secs_f64() * 1e3
    );
    match peak_memory_kb() {
        Some(kb) => println!("  peak memory (VmHWM):         {:>8} KB", kb),
        None => println!("  peak memory:                 not available on this system"),
    }
}
