//! How long checking the whole report takes: it runs on every keystroke in the app, so it must
//! stay far below one frame (16 ms). Run with `cargo bench --bench check`.
//!
//! Measures `check::check` on the example report with and without last year's report, and on
//! a report with every table cell blank (the most findings), and prints the median per call.

use nianbao_core::check;
use nianbao_core::model::{Entry, Report};
use nianbao_core::template::{T3Col, T3Row};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn median_of<F: FnMut()>(mut f: F) -> Duration {
    // Warm up, then time batches so that timer resolution does not matter.
    for _ in 0..100 {
        f();
    }
    let mut samples: Vec<Duration> = (0..31)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..100 {
                f();
            }
            start.elapsed() / 100
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let example = match nianbao_core::example::report() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut last = example.clone();
    last.meta.year = Entry::Value(2020);
    let empty = Report::new("某县人民政府办公室", 2024);
    let mut blank_cells = example.clone();
    blank_cells.table3 = Default::default();
    blank_cells
        .table3
        .set(T3Row::NEW, T3Col::NATURAL, Entry::Value(1));

    let cases: [(&str, &Report, Option<&Report>); 4] = [
        ("example", &example, None),
        ("example + last year", &example, Some(&last)),
        ("new empty report", &empty, None),
        ("143 blank cells", &blank_cells, None),
    ];
    println!("check::check, median of 31 batches of 100 calls");
    for (name, report, last) in cases {
        let mut n = 0;
        let t = median_of(|| {
            n = black_box(check::check(black_box(report), last)).len();
        });
        println!(
            "  {name:<22} {:>9.1} µs  ({n} findings)",
            t.as_secs_f64() * 1e6
        );
    }
}
