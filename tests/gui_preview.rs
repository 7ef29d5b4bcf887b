//! 预览: the pages as they will print beside the form, following the typing after a pause, and
//! a click on a printed line or cell going to the field that printed it.

use crate::gui_support::{apply, doc, emulate_booted, finish, settle, snapshot};
use iced::Task;
use iced_test::{Error, Simulator, selector};
use nianbao::gui::message::Page;
use nianbao::gui::preview::{self, Rendered};
use nianbao::gui::{App, Message, export};
use nianbao_core::model::{Cell, Entry, Place, Prose};
use nianbao_core::template::{SectionKey, T3Col, T3Row};
use nianbao_print::layout::{Item, PAGE_HEIGHT, PAGE_WIDTH, Rect};
use std::sync::Arc;

/// The screen the clerk has: a 1366×768 laptop.
const SIZE: (f32, f32) = (1366.0, 768.0);

/// The example open on 基本信息, set in the bundled fonts (so nothing depends on the fonts of
/// this machine), with the preview shown and drawn.
fn with_preview() -> App {
    let mut app = App::new(None);
    apply(
        &mut app,
        [
            Message::OpenExample,
            Message::DismissNotice,
            Message::Show(Page::Meta),
            Message::Export(export::Message::BundledFontsToggled(true)),
        ],
    );
    settle(&mut app, Message::TogglePreview);
    app
}

fn rendered(app: &App) -> Arc<Rendered> {
    let state = &doc(app).preview;
    assert!(state.error.is_none(), "{:?}", state.error);
    state.rendered.as_ref().expect("pages drawn").1.clone()
}

/// The text a field printed on the preview's pages, run after run.
fn printed(r: &Rendered, place: Place) -> String {
    r.pages
        .iter()
        .flat_map(|p| p.page.items.iter())
        .filter_map(|i| match i {
            Item::Text(t) if t.place == Some(place) => {
                Some(t.glyphs.iter().map(|g| g.ch).collect::<String>())
            }
            _ => None,
        })
        .collect()
}

/// The preview shows every page the PDF has, drawn from the same layout; its picture beside
/// 基本信息 is kept as a snapshot.
#[test]
fn the_preview_shows_the_pages_as_printed() -> Result<(), Error> {
    let app = with_preview();
    let r = rendered(&app);
    let prepared = nianbao_print::Prepared::new(
        &doc(&app).report,
        &nianbao_print::fonts::FontOptions {
            bundled_only: true,
            ..Default::default()
        },
    )
    .expect("fonts");
    let pages = prepared.layout().pages;
    assert_eq!(r.pages.len(), pages.len());
    for (shown, page) in r.pages.iter().zip(&pages) {
        assert_eq!(&shown.page, page, "the preview's page is the PDF's page");
    }
    assert!(r.pages.iter().all(|p| p.width > 300 && p.height > p.width));
    let mut ui = Simulator::with_size(nianbao::gui::settings(), SIZE, app.view());
    assert!(ui.find("第 1 页 / 共 10 页").is_ok());
    drop(ui);
    // The snapshot is taken at two screen pixels per unit: drawn for that, as on a screen at
    // 200 %, the type is sharp.
    let mut app = app;
    settle(&mut app, Message::DisplayScale(2.0));
    snapshot(&app, "preview")
}

/// On a screen that scales the desktop (Windows at 150 %), the pages are drawn for the
/// screen's pixels, at the same size on the desktop, so the type stays sharp.
#[test]
fn pages_are_drawn_for_the_screens_pixels() {
    let mut app = with_preview();
    let at_one = rendered(&app);
    settle(&mut app, Message::DisplayScale(1.5));
    let at_one_and_half = rendered(&app);
    let (a, b) = (&at_one.pages[0], &at_one_and_half.pages[0]);
    assert!(
        (b.width as f32 / a.width as f32 - 1.5).abs() < 0.01,
        "{} against {}",
        b.width,
        a.width
    );
    // Shown at the same size in the desktop's units.
    let shown = |r: &Rendered, w: u32| w as f32 / r.zoom;
    assert!((shown(&at_one, a.width) - shown(&at_one_and_half, b.width)).abs() < 1.0);
}

/// After an edit the preview waits for the typing to pause, then draws the pages again with
/// the new text; a drawing of an older edit that comes due is dropped.
#[test]
fn typing_updates_the_preview_after_a_pause() {
    let mut app = with_preview();
    let cell = Place::Cell(Cell::T3(T3Row::NEW, T3Col::NATURAL));
    assert_eq!(printed(&rendered(&app), cell), "10");
    let first = app.update(Message::CellInput(
        Cell::T3(T3Row::NEW, T3Col::NATURAL),
        "3".into(),
    ));
    // Not drawn yet: the pages shown are the old ones, marked as being updated.
    assert!(doc(&app).preview.updating());
    assert_eq!(printed(&rendered(&app), cell), "10");
    let second = app.update(Message::CellInput(
        Cell::T3(T3Row::NEW, T3Col::NATURAL),
        "37".into(),
    ));
    // The first edit's wait ends: it is no longer the newest, nothing is drawn for it.
    finish(&mut app, first);
    assert!(doc(&app).preview.updating());
    assert_eq!(printed(&rendered(&app), cell), "10");
    finish(&mut app, second);
    assert!(!doc(&app).preview.updating());
    let r = rendered(&app);
    assert_eq!(printed(&r, cell), "37");
    // The total of the row follows too, as the PDF would print it.
    let total = Place::Cell(Cell::T3(T3Row::NEW, T3Col::TOTAL));
    assert_eq!(printed(&r, total), "38");
}

/// Where a point of a page's area shows in the window: the page's picture is found in the
/// window, and the page scrolled to the top of the pane by 上一页/下一页.
struct Aim {
    /// Top-left of the first page's picture, and of the n-th one, unscrolled.
    first: (f32, f32),
    nth: (f32, f32),
    size: (f32, f32),
}

impl Aim {
    fn new(app: &App, n: usize) -> Aim {
        let mut ui = Simulator::with_size(nianbao::gui::settings(), SIZE, app.view());
        let mut bounds = |i: usize| {
            ui.find(selector::id(preview::page_id(i)))
                .unwrap_or_else(|e| panic!("page {i}: {e}"))
                .bounds()
        };
        let (a, b) = (bounds(0), bounds(n));
        // The sheet's hairline is a pixel round the picture.
        Aim {
            first: (a.x + 1.0, a.y + 1.0),
            nth: (b.x + 1.0, b.y + 1.0),
            size: (b.width - 2.0, b.height - 2.0),
        }
    }

    /// The window point of the centre of `rect` on the n-th page, once scrolled to it.
    fn click(&self, rect: Rect) -> String {
        let (cx, cy) = ((rect.x0 + rect.x1) / 2.0, (rect.y0 + rect.y1) / 2.0);
        let x = self.nth.0 + cx / PAGE_WIDTH * self.size.0;
        let y = self.first.1 + cy / PAGE_HEIGHT * self.size.1;
        format!("click ({x}, {y})")
    }
}

/// The example with the preview drawn for the pane the emulator's window has (known from a
/// first run), scrolled to page `n` by 下一页.
fn booted(pane: Option<iced::Size>, n: usize) -> impl Fn() -> (App, Task<Message>) + 'static {
    move || {
        let mut app = with_preview();
        if let Some(size) = pane {
            settle(&mut app, Message::Preview(preview::Message::Resized(size)));
        }
        let mut scroll = Task::none();
        for _ in 0..n {
            scroll = app.update(Message::Preview(preview::Message::Step(1)));
        }
        (app, scroll)
    }
}

/// A click on a cell of table 三 in the preview goes to that cell's input on 表三, with the
/// keyboard focus: what is typed next lands in it.
#[test]
fn a_click_on_a_table_cell_in_the_preview_focuses_its_input() {
    let cell = Cell::T3(T3Row::NEW, T3Col::NATURAL);
    let pane = doc(&emulate_booted(booted(None, 0), SIZE, &[]))
        .preview
        .pane();
    let app = booted(pane, 0)().0;
    let r = rendered(&app);
    let n = r
        .pages
        .iter()
        .position(|p| p.page.area_of(Place::Cell(cell)).is_some())
        .expect("table 三 is in the preview");
    assert!(n > 0, "table 三 starts after page 1");
    let area = r.pages[n]
        .page
        .area_of(Place::Cell(cell))
        .expect("its cell");
    let click = Aim::new(&app, n).click(area);
    let app = emulate_booted(booted(pane, n), SIZE, &[&click, "type \"9\""]);
    assert_eq!(app.page(), Page::Section(SectionKey::Applications));
    let t = &doc(&app).report.table3;
    assert_eq!(*t.get(T3Row::NEW, T3Col::NATURAL), Entry::Value(9));
    // Nothing else took the keystroke.
    assert_eq!(*t.get(T3Row::CARRIED_IN, T3Col::NATURAL), Entry::Value(0));
}

/// A click on a line of the preface in the preview goes to the preface's text box, with the
/// keyboard focus.
#[test]
fn a_click_on_a_prose_line_in_the_preview_focuses_its_text_box() {
    let pane = doc(&emulate_booted(booted(None, 0), SIZE, &[]))
        .preview
        .pane();
    let app = booted(pane, 0)().0;
    let before = doc(&app).prose(Prose::Preface).to_string();
    // Start from another part, so the jump has somewhere to go.
    let boot = move || {
        let (mut app, task) = booted(pane, 0)();
        let _ = app.update(Message::Show(Page::Section(SectionKey::Review)));
        (app, task)
    };
    let area = rendered(&app).pages[0]
        .page
        .area_of(Place::Prose(Prose::Preface))
        .expect("the preface is on page 1");
    let click = Aim::new(&app, 0).click(area);
    let app = emulate_booted(boot, SIZE, &[&click, "type \"某\""]);
    assert_eq!(app.page(), Page::Meta);
    let after = doc(&app).prose(Prose::Preface);
    assert_ne!(after, before);
    assert_eq!(
        after.chars().filter(|c| *c == '某').count(),
        before.chars().filter(|c| *c == '某').count() + 1
    );
}

/// The pages keep their room while they are being drawn again: nothing above them comes and
/// goes (at 整页 their size follows that room, so a line that came and went redrew them
/// forever).
#[test]
fn the_pages_keep_their_room_while_redrawn() {
    // The smallest window the app is made for (1280 × 800), where the pane is narrowest.
    let room = |app: &App| {
        let mut ui = crate::gui_support::simulator(app);
        ui.find(selector::id(preview::SCROLL))
            .expect("the pages")
            .bounds()
    };
    let mut app = with_preview();
    settle(
        &mut app,
        Message::Preview(preview::Message::Fit(preview::Fit::Page)),
    );
    let drawn = room(&app);
    apply(
        &mut app,
        [Message::CellInput(
            Cell::T3(T3Row::NEW, T3Col::NATURAL),
            "3".into(),
        )],
    );
    assert!(doc(&app).preview.updating());
    assert_eq!(room(&app), drawn);
}

/// Scrolling the pages tells which page is at the top: 第 N 页 / 共 M 页.
#[test]
fn the_page_count_follows_the_scrolling() -> Result<(), Error> {
    let mut app = with_preview();
    let r = rendered(&app);
    // The height of a page and the room between pages, as shown.
    let pitch = r.pages[0].height as f32 / r.zoom + 2.0 + preview::PAD;
    apply(
        &mut app,
        [Message::Preview(preview::Message::Scrolled {
            offset: 3.0 * pitch + 10.0,
            height: 600.0,
        })],
    );
    let mut ui = Simulator::with_size(nianbao::gui::settings(), SIZE, app.view());
    ui.find("第 4 页 / 共 10 页")?;
    Ok(())
}

/// Choosing a part of the report in the side list brings up the page where it prints; a page
/// that prints it already stays.
#[test]
fn the_preview_follows_the_part_chosen() {
    let mut app = with_preview();
    let r = rendered(&app);
    let table3 = r
        .pages
        .iter()
        .position(|p| {
            p.page
                .area_of(Place::Cell(Cell::T3(T3Row::NEW, T3Col::NATURAL)))
                .is_some()
        })
        .expect("table 三 is printed");
    assert_eq!(doc(&app).preview.current, 0);
    let _ = app.update(Message::Show(Page::Section(SectionKey::Applications)));
    assert_eq!(doc(&app).preview.current, table3);
    let _ = app.update(Message::Show(Page::Meta));
    assert_eq!(doc(&app).preview.current, 0);
    // 一、总体情况 begins on page 1, under the preface: page 1 stays.
    let _ = app.update(Message::Show(Page::Section(SectionKey::Overview)));
    assert_eq!(doc(&app).preview.current, 0);
}

/// Runs the tasks of `messages` as the runtime would, the messages they give fed back in turn,
/// and fails when they never end (a timer that starts itself again).
fn drive(app: &mut App, messages: impl IntoIterator<Item = Message>) {
    use iced::futures::StreamExt;
    let mut tasks: std::collections::VecDeque<Task<Message>> =
        messages.into_iter().map(|m| app.update(m)).collect();
    let mut fed = 0;
    while let Some(task) = tasks.pop_front() {
        let Some(stream) = iced_runtime::task::into_stream(task) else {
            continue;
        };
        for action in iced::futures::executor::block_on(stream.collect::<Vec<_>>()) {
            if let iced_runtime::Action::Output(m) = action {
                fed += 1;
                assert!(fed < 50, "the preview's tasks never end");
                tasks.push_back(app.update(m));
            }
        }
    }
}

/// A change of the app's zoom (Ctrl+-), and the pane changing size with it, draw the pages
/// again for the new zoom, and then the preview rests.
#[test]
fn a_zoom_draws_the_pages_again_and_rests() {
    let mut app = with_preview();
    let before = rendered(&app);
    drive(
        &mut app,
        [
            Message::Zoom(-1),
            Message::Preview(preview::Message::Resized(iced::Size::new(524.6, 605.3))),
        ],
    );
    assert!(!doc(&app).preview.updating());
    let after = rendered(&app);
    assert!(
        after.zoom < before.zoom,
        "{} then {}",
        before.zoom,
        after.zoom
    );
    // Drawn for the pane's new width, in the screen's pixels.
    let (pane, zoom) = (524.6, after.zoom);
    let expected = (pane - 2.0 * preview::PAD - 14.0) * zoom;
    assert!(
        (after.pages[0].width as f32 - expected).abs() <= 1.0,
        "{} against {expected}",
        after.pages[0].width
    );
}
