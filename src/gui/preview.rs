//! 预览: the report's pages as they will print, beside the form, redrawn a moment after each
//! edit. The pages are laid out by `nianbao_print` exactly as for the PDF and drawn as pixels
//! there (`nianbao_print::raster`), in a background task; this module only schedules that, keeps
//! the newest result and shows it. A click on a line or a table cell names the field that
//! printed it, and the app goes there.
//!
//! Typing never waits for it: each change bumps a generation and starts a short timer; when the
//! timer of the newest generation runs out, one background render starts (never two at once),
//! and a result that is not of the newest generation is dropped for a fresh one.

use super::files::{in_thread, sleep};
use iced::advanced::widget::Tree;
use iced::advanced::{Clipboard, Layout, Shell, Widget, layout, mouse, renderer};
use iced::widget::image;
use iced::{Element, Length, Point, Rectangle, Size, Task};
use nianbao_core::model::{Place, Report};
use nianbao_print::fonts::FontOptions;
use nianbao_print::layout::{self as print_layout, PAGE_HEIGHT, PAGE_WIDTH};
use nianbao_print::raster::Outlines;
use nianbao_print::{Prepared, raster};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long after the last edit the preview is redrawn.
pub const DEBOUNCE: Duration = Duration::from_millis(300);
/// Id of the scrollable of pages.
pub const SCROLL: &str = "preview-scroll";
/// Room around the pages in the pane, and between them (logical px).
pub const PAD: f32 = 12.0;
/// Room left for the scrollbar beside the pages.
const SCROLLBAR: f32 = 14.0;
/// The pane's size until it has been seen (a 1366×768 screen, the pane at its usual width).
const DEFAULT_PANE: Size = Size::new(500.0, 600.0);

/// Id of the picture of page `n` (from 0).
pub fn page_id(n: usize) -> String {
    format!("preview-page-{n}")
}

/// How big a page is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fit {
    /// 适合宽度: as wide as the pane, to read.
    #[default]
    Width,
    /// 整页: a whole page in the pane's height, to see the layout.
    Page,
}

/// One page as drawn, with what was printed where.
#[derive(Debug)]
pub struct Shown {
    pub image: image::Handle,
    /// Pixels, as drawn.
    pub width: u32,
    pub height: u32,
    /// The laid-out page: where each field prints.
    pub page: print_layout::Page,
}

/// The pages drawn for one generation.
#[derive(Debug)]
pub struct Rendered {
    pub pages: Vec<Shown>,
    /// Pixels per pt they were drawn at.
    pub scale: f32,
    /// Screen pixels per logical pixel they were drawn for (the app's zoom on the desktop's
    /// scale): shown at their pixels divided by it.
    pub zoom: f32,
    /// Characters no font has (they print as nothing in the preview, and stop the export).
    pub missing: usize,
}

/// Lays the report out and draws its pages at `scale` px per pt, for the app's `zoom`. Runs
/// off the UI thread.
pub fn render(
    report: &Report,
    fonts: &FontOptions,
    scale: f32,
    zoom: f32,
    glyphs: &Mutex<Outlines>,
) -> Result<Rendered, String> {
    let prepared = Prepared::new(report, fonts).map_err(|e| e.to_string())?;
    let doc = prepared.layout();
    // Only one drawing runs at a time; a panic in an earlier one left nothing half-made that
    // matters (a glyph is either cached whole or not at all).
    let mut glyphs = glyphs.lock().unwrap_or_else(|e| e.into_inner());
    let rasters = raster::pages_with(&doc, &prepared.fonts, scale, &mut glyphs);
    let pages = doc
        .pages
        .into_iter()
        .zip(rasters)
        .map(|(page, raster)| {
            let r = raster.ok_or("预览页面过大，无法绘制。请缩小显示比例后重试。")?;
            Ok(Shown {
                image: image::Handle::from_rgba(r.width, r.height, r.rgba),
                width: r.width,
                height: r.height,
                page,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Rendered {
        pages,
        scale,
        zoom,
        missing: prepared.missing.len(),
    })
}

/// The preview of one open report.
#[derive(Debug, Default)]
pub struct State {
    pub fit: Fit,
    /// Bumped by every change the pages must follow; older timers and results are dropped.
    pub generation: u64,
    /// The report revision, fonts setting and scale the newest timer was started for.
    followed: Option<(u64, bool, f32)>,
    /// The generation being drawn in the background, if any.
    in_flight: Option<u64>,
    /// A newer generation came due while one was being drawn.
    queued: bool,
    /// The newest pages, and the generation they are of.
    pub rendered: Option<(u64, Arc<Rendered>)>,
    /// Why the pages could not be drawn (fonts missing), in Chinese.
    pub error: Option<String>,
    /// The pane's size, once seen (logical px).
    pane: Option<Size>,
    /// The page at the top of the view (from 0).
    pub current: usize,
    /// Glyphs drawn before, kept for the next drawing (typing redraws the same characters).
    glyphs: Arc<Mutex<Outlines>>,
}

/// The preview's messages.
#[derive(Debug, Clone)]
pub enum Message {
    /// The pane appeared or changed size.
    Resized(Size),
    /// The wait after a change of this session and generation is over.
    Due { session: u64, generation: u64 },
    /// Pages drawn in the background for a session and generation.
    Ready {
        session: u64,
        generation: u64,
        result: Result<Arc<Rendered>, String>,
    },
    /// 适合宽度 or 整页 was chosen.
    Fit(Fit),
    /// The pages were scrolled (to this offset from the top, in a view this high).
    Scrolled { offset: f32, height: f32 },
    /// 上一页 (-1) / 下一页 (1).
    Step(i32),
    /// A click on page `n` at a point in pt from its top-left corner.
    Clicked(usize, Point),
}

/// What the app must do after a preview message.
pub enum Event {
    /// Go to the field that printed where the user clicked.
    JumpTo(Place),
}

impl State {
    /// The pane's size, once it has been seen.
    pub fn pane(&self) -> Option<Size> {
        self.pane
    }

    /// Whether the pages shown are not yet those of the newest change.
    pub fn updating(&self) -> bool {
        self.rendered.as_ref().map(|(g, _)| *g) != Some(self.generation)
    }

    /// Pixels per pt for the pane's size, the fit and `zoom` screen pixels per logical pixel.
    fn scale(&self, zoom: f32) -> f32 {
        let pane = self.pane.unwrap_or(DEFAULT_PANE);
        let across = (pane.width - 2.0 * PAD - SCROLLBAR).max(120.0) / PAGE_WIDTH;
        let scale = match self.fit {
            Fit::Width => across,
            Fit::Page => across.min((pane.height - 2.0 * PAD).max(160.0) / PAGE_HEIGHT),
        };
        (scale * zoom).clamp(0.2, raster::MAX_SCALE)
    }

    /// A new generation, drawn once the wait is over.
    fn bump(&mut self, session: u64) -> Task<Message> {
        self.generation += 1;
        let generation = self.generation;
        Task::perform(sleep(DEBOUNCE), move |_| Message::Due {
            session,
            generation,
        })
    }

    /// Called after every message the app handled: when the report changed since the pages
    /// were last asked for, or the fonts setting or the zoom did, a new generation waits for
    /// the typing to pause.
    pub fn follow(
        &mut self,
        session: u64,
        revision: u64,
        fonts: &FontOptions,
        zoom: f32,
    ) -> Task<Message> {
        // Only something new starts a timer: a timer's own end, or any other message, finds
        // the same key and leaves the wait alone.
        let want = self.scale(zoom);
        let same = self.followed.is_some_and(|(r, bundled, scale)| {
            r == revision && bundled == fonts.bundled_only && (scale - want).abs() <= 0.01 * want
        });
        if same {
            return Task::none();
        }
        self.followed = Some((revision, fonts.bundled_only, want));
        self.bump(session)
    }

    /// The page height shown in the pane (logical px), spacing included.
    fn page_pitch(&self) -> Option<f32> {
        let (_, r) = self.rendered.as_ref()?;
        let first = r.pages.first()?;
        // The sheet's hairline adds a pixel above and below.
        Some(first.height as f32 / r.zoom + 2.0 + PAD)
    }

    /// Handles a preview message for the session `session` showing `report`, drawn with
    /// `fonts`, for `zoom` screen pixels per logical pixel (the app's zoom on the desktop's
    /// scale).
    pub fn update(
        &mut self,
        message: Message,
        session: u64,
        report: &Report,
        fonts: &FontOptions,
        zoom: f32,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            // A new size or fit is followed like an edit (see `follow`).
            Message::Resized(size) => self.pane = Some(size),
            Message::Due {
                session: s,
                generation,
            } => {
                if s == session && generation == self.generation {
                    if self.in_flight.is_some() {
                        self.queued = true;
                    } else {
                        return (self.start(session, report, fonts, zoom), None);
                    }
                }
            }
            Message::Ready {
                session: s,
                generation,
                result,
            } => {
                if s != session {
                    return (Task::none(), None);
                }
                self.in_flight = None;
                if generation == self.generation {
                    match result {
                        Ok(r) => {
                            self.current = self.current.min(r.pages.len().saturating_sub(1));
                            self.rendered = Some((generation, r));
                            self.error = None;
                        }
                        Err(e) => self.error = Some(e),
                    }
                } else if std::mem::take(&mut self.queued) {
                    // Dropped: a newer change came due meanwhile; draw that one now.
                    return (self.start(session, report, fonts, zoom), None);
                }
            }
            Message::Fit(fit) => self.fit = fit,
            Message::Scrolled { offset, height } => {
                if let Some(pitch) = self.page_pitch() {
                    // The page that fills most of the top third of the view.
                    self.current = ((offset + height / 3.0) / pitch).max(0.0) as usize;
                }
            }
            Message::Step(step) => {
                let count = self.rendered.as_ref().map_or(0, |(_, r)| r.pages.len());
                let to = (self.current as i64 + i64::from(step))
                    .clamp(0, count.saturating_sub(1) as i64) as usize;
                return (self.scroll_to(to), None);
            }
            Message::Clicked(n, at) => {
                let place = self
                    .rendered
                    .as_ref()
                    .and_then(|(_, r)| r.pages.get(n))
                    .and_then(|p| p.page.place_at(at.x, at.y));
                return (Task::none(), place.map(Event::JumpTo));
            }
        }
        (Task::none(), None)
    }

    /// Scrolls the pages so that page `n` (from 0) is at the top.
    fn scroll_to(&mut self, n: usize) -> Task<Message> {
        let Some(pitch) = self.page_pitch() else {
            return Task::none();
        };
        self.current = n;
        let offset = iced::widget::operation::AbsoluteOffset {
            x: 0.0,
            y: n as f32 * pitch,
        };
        iced::widget::operation::scroll_to(SCROLL, offset)
    }

    /// Brings up the first page that prints a field `shown` (a part of the report just
    /// opened in the form), unless the page at the top prints one already.
    pub fn reveal(&mut self, shown: impl Fn(&Place) -> bool) -> Task<Message> {
        let Some((_, r)) = &self.rendered else {
            return Task::none();
        };
        let prints = |p: &Shown| p.page.targets.iter().any(|t| shown(&t.place));
        if r.pages.get(self.current).is_some_and(prints) {
            return Task::none();
        }
        match r.pages.iter().position(prints) {
            Some(n) => self.scroll_to(n),
            None => Task::none(),
        }
    }

    /// Starts drawing the newest generation in the background.
    fn start(
        &mut self,
        session: u64,
        report: &Report,
        fonts: &FontOptions,
        zoom: f32,
    ) -> Task<Message> {
        if self.in_flight.is_some() {
            self.queued = true;
            return Task::none();
        }
        let generation = self.generation;
        self.in_flight = Some(generation);
        let (report, fonts, scale) = (report.clone(), fonts.clone(), self.scale(zoom));
        let glyphs = self.glyphs.clone();
        Task::perform(
            in_thread(move || render(&report, &fonts, scale, zoom, &glyphs).map(Arc::new)),
            move |result| Message::Ready {
                session,
                generation,
                result: result.unwrap_or_else(|| Err("预览绘制中断，请再试一次。".into())),
            },
        )
    }
}

/// A page's picture that takes clicks: the point clicked, in pt from the page's top-left
/// corner, goes to `on_click`; the pointer shows a hand where a field printed.
pub struct PageView<'a, Message> {
    image: image::Handle,
    /// Logical size shown.
    size: Size,
    page: &'a print_layout::Page,
    on_click: Box<dyn Fn(Point) -> Message + 'a>,
}

impl<'a, Message> PageView<'a, Message> {
    /// Page `shown`, drawn for `zoom` (its pixels one to one with the screen's).
    pub fn new(shown: &'a Shown, zoom: f32, on_click: impl Fn(Point) -> Message + 'a) -> Self {
        PageView {
            image: shown.image.clone(),
            size: Size::new(shown.width as f32 / zoom, shown.height as f32 / zoom),
            page: &shown.page,
            on_click: Box::new(on_click),
        }
    }

    /// The point in pt under `cursor`, if it is over the page.
    fn point(&self, bounds: Rectangle, cursor: mouse::Cursor) -> Option<Point> {
        let p = cursor.position_in(bounds)?;
        Some(Point::new(
            p.x / bounds.width * PAGE_WIDTH,
            p.y / bounds.height * PAGE_HEIGHT,
        ))
    }
}

impl<Message, Theme, Renderer> Widget<Message, Theme, Renderer> for PageView<'_, Message>
where
    Renderer: iced::advanced::image::Renderer<Handle = image::Handle>,
{
    fn size(&self) -> Size<Length> {
        Size::new(
            Length::Fixed(self.size.width),
            Length::Fixed(self.size.height),
        )
    }

    fn layout(
        &mut self,
        _tree: &mut Tree,
        _renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        layout::Node::new(limits.resolve(
            Length::Fixed(self.size.width),
            Length::Fixed(self.size.height),
            self.size,
        ))
    }

    fn draw(
        &self,
        _tree: &Tree,
        renderer: &mut Renderer,
        _theme: &Theme,
        _style: &renderer::Style,
        layout: Layout<'_>,
        _cursor: mouse::Cursor,
        _viewport: &Rectangle,
    ) {
        let bounds = layout.bounds();
        renderer.draw_image(
            iced::advanced::image::Image {
                handle: self.image.clone(),
                border_radius: Default::default(),
                // Drawn for the screen's pixels, so this only matters for the moment between a
                // change of zoom and the pages drawn again: smooth rather than blocky then.
                filter_method: iced::advanced::image::FilterMethod::Linear,
                rotation: iced::Radians(0.0),
                opacity: 1.0,
                snap: true,
            },
            bounds,
            bounds,
        );
    }

    fn update(
        &mut self,
        _tree: &mut Tree,
        event: &iced::Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        _renderer: &Renderer,
        _clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        _viewport: &Rectangle,
    ) {
        if let iced::Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) = event
            && let Some(at) = self.point(layout.bounds(), cursor)
            && self.page.place_at(at.x, at.y).is_some()
        {
            shell.publish((self.on_click)(at));
            shell.capture_event();
        }
    }

    fn mouse_interaction(
        &self,
        _tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        _viewport: &Rectangle,
        _renderer: &Renderer,
    ) -> mouse::Interaction {
        match self.point(layout.bounds(), cursor) {
            Some(at) if self.page.place_at(at.x, at.y).is_some() => mouse::Interaction::Pointer,
            _ => mouse::Interaction::default(),
        }
    }
}

impl<'a, Message: 'a, Theme, Renderer> From<PageView<'a, Message>>
    for Element<'a, Message, Theme, Renderer>
where
    Renderer: iced::advanced::image::Renderer<Handle = image::Handle> + 'a,
{
    fn from(view: PageView<'a, Message>) -> Self {
        Element::new(view)
    }
}
