//! Typing latency in the big table: `cargo bench --bench typing`.
//!
//! One keystroke in a cell of table 三 with the example report open, in a 1366×768 window: the
//! app's `update` (the checks run again), `view` and layout of the whole window, and drawing the
//! whole frame with the CPU renderer (tiny-skia, as the shipped build uses) at the window's own
//! scale — with one renderer and the interface cache kept from frame to frame, as the running
//! app keeps them. The whole frame is an upper bound: the window redraws only what changed. It
//! must stay under one frame (16 ms).

use iced::advanced::renderer::{Headless, Style};
use iced::{Event, Size, Theme, mouse, window};
use iced_runtime::user_interface::{Cache, UserInterface};
use iced_test::Simulator;
use nianbao::gui::message::{Message, Page};
use nianbao::gui::{App, TEXT_SIZE, UI_FONT, settings};
use nianbao_core::model::Cell;
use nianbao_core::template::{SectionKey, T3Col, T3Row};
use std::time::{Duration, Instant};

const WINDOW: Size = Size::new(1366.0, 768.0);

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
    // The bundled fonts, registered once as at the app's start (the simulator does it).
    drop(Simulator::with_size(settings(), WINDOW, app.view()));
    let Some(mut renderer) = iced::futures::executor::block_on(<iced::Renderer as Headless>::new(
        UI_FONT,
        iced::Pixels(TEXT_SIZE),
        None,
    )) else {
        eprintln!("no headless renderer");
        std::process::exit(2);
    };
    let theme = Theme::Light;
    let style = Style {
        text_color: theme.palette().text,
    };
    let pixels = Size::new(WINDOW.width as u32, WINDOW.height as u32);
    let mut cache = Cache::default();
    let mut keystroke = |n: usize| {
        let started = Instant::now();
        let _ = app.update(Message::CellInput(cell, (n % 10).to_string()));
        let update = started.elapsed();
        let mut ui = UserInterface::build(
            app.view(),
            WINDOW,
            std::mem::take(&mut cache),
            &mut renderer,
        );
        let laid_out = started.elapsed();
        let mut messages = Vec::new();
        let _ = ui.update(
            &[Event::Window(
                window::Event::RedrawRequested(Instant::now()),
            )],
            mouse::Cursor::Unavailable,
            &mut renderer,
            &mut iced::advanced::clipboard::Null,
            &mut messages,
        );
        ui.draw(&mut renderer, &theme, &style, mouse::Cursor::Unavailable);
        cache = ui.into_cache();
        let frame = renderer.screenshot(pixels, 1.0, theme.palette().background);
        assert_eq!(frame.len(), (pixels.width * pixels.height * 4) as usize);
        (update, laid_out, started.elapsed())
    };
    for n in 0..5 {
        keystroke(n);
    }
    let runs = 40;
    let mut totals: Vec<Duration> = Vec::new();
    let (mut update, mut layout) = (Duration::ZERO, Duration::ZERO);
    for n in 0..runs {
        let (u, l, t) = keystroke(n);
        update += u;
        layout += l - u;
        totals.push(t);
    }
    totals.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "keystroke in table 三 (example open, 1366×768, tiny-skia, whole frame), {runs} keystrokes"
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
