//! Typing latency in the big table: `cargo bench --bench typing`.
//!
//! One keystroke in a cell of table 三 with the example report open, at 1366×768: the app's
//! `update` (the checks run again), `view`, layout of the whole window (iced_test's simulator;
//! the bundled fonts are registered once, before the timed keystrokes, as the app does at
//! start), and drawing the whole frame with the CPU renderer (tiny-skia, as the shipped build
//! uses). An upper bound of what the window does per keystroke: the running app keeps its caches
//! and redraws only what changed; and iced_test draws at a fixed scale of 2 — four times the
//! pixels of the 1366×768 window, as on a HiDPI screen of 2732×1536. It must stay under one
//! frame (16 ms).

use iced_test::Simulator;
use nianbao::gui::message::{Message, Page};
use nianbao::gui::{App, settings};
use nianbao_core::model::Cell;
use nianbao_core::template::{SectionKey, T3Col, T3Row};
use std::time::{Duration, Instant};

fn main() {
    let mut app = App::new(None);
    for m in [
        Message::OpenExample,
        Message::Show(Page::Section(SectionKey::Applications)),
        Message::DismissNotice,
    ] {
        let _ = app.update(m);
    }
    let cell = Cell::T3(T3Row::OPEN, T3Col::NATURAL);
    // The fonts once, as at the app's start; each frame after that finds them registered.
    let once = Simulator::with_size(settings(), (1366.0, 768.0), app.view());
    drop(once);
    let registered = iced::Settings {
        fonts: Vec::new(),
        ..settings()
    };
    let mut keystroke = |n: usize| {
        let started = Instant::now();
        let _ = app.update(Message::CellInput(cell, (n % 10).to_string()));
        let update = started.elapsed();
        let mut ui = Simulator::with_size(registered.clone(), (1366.0, 768.0), app.view());
        let laid_out = started.elapsed();
        let frame = ui.snapshot(&iced::Theme::Light);
        assert!(frame.is_ok(), "a frame is drawn");
        (update, laid_out, started.elapsed())
    };
    for n in 0..5 {
        keystroke(n);
    }
    let runs = 40;
    let mut totals: Vec<Duration> = Vec::new();
    let (mut update, mut layout, mut draw) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for n in 0..runs {
        let (u, l, t) = keystroke(n);
        update += u;
        layout += l - u;
        draw += t - l;
        totals.push(t);
    }
    totals.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "keystroke in table 三 (example open, 1366×768 window drawn at scale 2 by iced_test, tiny-skia), {runs} keystrokes"
    );
    println!(
        "  update (checks run again), mean:  {:>7.2} ms",
        ms(update / runs as u32)
    );
    println!(
        "  view and layout, mean:            {:>7.2} ms",
        ms(layout / runs as u32)
    );
    println!(
        "  keystroke to frame, median:       {:>7.2} ms",
        ms(totals[totals.len() / 2])
    );
    println!(
        "  keystroke to frame, slowest:      {:>7.2} ms",
        ms(totals[totals.len() - 1])
    );
}
