//! Layout: the composed blocks become pages of positioned glyphs and rules, after GB/T 9704.
//! Nothing here knows about PDF; the writer (`crate::pdf`) only draws what this module decided,
//! and a screen preview can draw the same pages. Every run of text keeps the place in the
//! report it came from.
//!
//! Coordinates are in pt from the top-left corner of the page, y growing downwards.

pub mod table;
pub mod text;
pub mod title;

use crate::compose::{Block, Paragraph, Placed, Span, TableSpec};
use crate::fonts::{FaceId, GlyphSource, Role};
use nianbao_core::model::{MetaField, Place};
use text::{LineGlyph, TextStyle};

/// Millimetres to points.
pub const MM: f32 = 72.0 / 25.4;
/// A4.
pub const PAGE_WIDTH: f32 = 210.0 * MM;
pub const PAGE_HEIGHT: f32 = 297.0 * MM;
/// Margins per GB/T 9704 §5.2.1: 天头 37 mm, 订口 28 mm; the text block is 156 × 225 mm.
pub const MARGIN_TOP: f32 = 37.0 * MM;
pub const MARGIN_LEFT: f32 = 28.0 * MM;
pub const TEXT_WIDTH: f32 = 156.0 * MM;
pub const TEXT_HEIGHT: f32 = 225.0 * MM;
/// The grid: 22 lines of 28 characters filling the text block.
pub const LINES_PER_PAGE: usize = 22;
pub const CHARS_PER_LINE: usize = 28;
/// Line pitch ≈ 28.99 pt: 22 lines fill 225 mm.
pub const LINE_PITCH: f32 = TEXT_HEIGHT / LINES_PER_PAGE as f32;
/// Character pitch ≈ 15.79 pt: 28 characters of 3号 fill 156 mm.
pub const CHAR_PITCH: f32 = TEXT_WIDTH / CHARS_PER_LINE as f32;
/// 3号, 2号, 4号, 五号, 小五 in pt.
pub const SIZE_BODY: f32 = 16.0;
pub const SIZE_TITLE: f32 = 22.0;
pub const SIZE_PAGE_NUMBER: f32 = 14.0;
/// Title lines are set a grid line and a quarter apart: 2号 type on the 3号 grid.
pub const TITLE_PITCH: f32 = LINE_PITCH * 1.25;
/// Space between the foot of a table and the grid line the text after it starts on.
pub const TABLE_GAP: f32 = LINE_PITCH * 0.5;
/// The page number's dashes sit 7 mm below the text block (GB/T 9704 §7.5).
pub const PAGE_NUMBER_DROP: f32 = 7.0 * MM;
/// Where the centre of the ideographic em box sits above the baseline, in em: CJK fonts draw
/// hanzi in an em box from −0.12 to 0.88 em.
const EM_CENTRE: f32 = 0.38;

/// A run of glyphs of one face on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// The field of the report that produced it (`None` for page numbers), so a preview can
    /// jump from a line to its field.
    pub place: Option<Place>,
    pub face: FaceId,
    pub size: f32,
    /// Baseline, pt from the top of the page.
    pub baseline: f32,
    pub glyphs: Vec<PositionedGlyph>,
}

/// A glyph at an absolute x.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PositionedGlyph {
    pub x: f32,
    pub gid: u16,
    /// The character it draws, for text extraction.
    pub ch: char,
}

/// A straight rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub width: f32,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rule(Rule),
}

/// A rectangle on a page, pt from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rect {
    /// Whether `(x, y)` lies inside (edges included).
    pub fn contains(&self, x: f32, y: f32) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }

    fn area(&self) -> f32 {
        (self.x1 - self.x0) * (self.y1 - self.y0)
    }
}

/// Where a field of the report shows on a page: a line of its text, or its table cell (empty
/// or not). Writers draw nothing of it; a preview takes a click there to the field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub rect: Rect,
    pub place: Place,
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Items in reading order.
    pub items: Vec<Item>,
    /// The areas that show fields of the report, for a preview's clicks.
    pub targets: Vec<Target>,
}

impl Page {
    /// The field shown at `(x, y)` (pt from the page's top-left corner): the smallest area
    /// there, so a cell wins over a table around it.
    pub fn place_at(&self, x: f32, y: f32) -> Option<Place> {
        self.targets
            .iter()
            .filter(|t| t.rect.contains(x, y))
            .min_by(|a, b| a.rect.area().total_cmp(&b.rect.area()))
            .map(|t| t.place)
    }

    /// The first area on this page that shows `place`.
    pub fn area_of(&self, place: Place) -> Option<Rect> {
        self.targets
            .iter()
            .find(|t| t.place == place)
            .map(|t| t.rect)
    }

    /// The page's text in drawing order, the runs joined (for tests and previews).
    pub fn text(&self) -> String {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t.glyphs.iter().map(|g| g.ch).collect::<String>()),
                Item::Rule(_) => None,
            })
            .collect::<Vec<_>>()
            .join("")
    }
}

/// Something layout could not set as it should, with where it comes from (a number too wide
/// for its cell even in the smallest type).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutWarning {
    pub place: Place,
    /// In Chinese, for the user.
    pub message: String,
}

/// The laid-out report.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub pages: Vec<Page>,
    /// What could not be set as it should; the pages are still complete.
    pub warnings: Vec<LayoutWarning>,
}

/// Collects glyphs of one line into runs, one per face.
pub(crate) struct TextRunBuilder {
    size: f32,
    baseline: f32,
    place: Option<Place>,
    runs: Vec<TextRun>,
}

impl TextRunBuilder {
    pub(crate) fn new(size: f32, baseline: f32, place: Option<Place>) -> Self {
        TextRunBuilder {
            size,
            baseline,
            place,
            runs: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, x: f32, g: &LineGlyph) {
        let Some(glyph) = g.glyph else { return };
        let pg = PositionedGlyph {
            x,
            gid: glyph.gid,
            ch: g.ch,
        };
        match self.runs.last_mut() {
            Some(run) if run.face == glyph.face => run.glyphs.push(pg),
            _ => self.runs.push(TextRun {
                place: self.place,
                face: glyph.face,
                size: self.size,
                baseline: self.baseline,
                glyphs: vec![pg],
            }),
        }
    }

    pub(crate) fn finish(self) -> impl Iterator<Item = Item> {
        self.runs.into_iter().map(Item::Text)
    }
}

/// The flowing state: pages done, the page being filled, and the cursor on it.
struct Flow {
    pages: Vec<Page>,
    page: Page,
    /// Cursor, pt below the top of the text block.
    y: f32,
    warnings: Vec<LayoutWarning>,
}

impl Flow {
    fn new() -> Flow {
        Flow {
            pages: Vec::new(),
            page: Page::default(),
            y: 0.0,
            warnings: Vec::new(),
        }
    }

    fn new_page(&mut self) {
        let page = std::mem::take(&mut self.page);
        self.pages.push(page);
        self.y = 0.0;
    }

    /// The grid line the next text line goes on (the cursor rounded up to a line).
    fn next_line(&self) -> usize {
        ((self.y - 0.01) / LINE_PITCH).ceil().max(0.0) as usize
    }

    fn lines_left(&self) -> usize {
        LINES_PER_PAGE.saturating_sub(self.next_line())
    }

    fn space_left(&self) -> f32 {
        TEXT_HEIGHT - self.y
    }

    fn finish(mut self) -> Vec<Page> {
        if !self.page.items.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        self.pages
    }
}

/// The area of grid line `line` across the text block, showing `place`.
fn line_target(line: usize, place: Place) -> Target {
    let y0 = MARGIN_TOP + line as f32 * LINE_PITCH;
    Target {
        rect: Rect {
            x0: MARGIN_LEFT,
            y0,
            x1: MARGIN_LEFT + TEXT_WIDTH,
            y1: y0 + LINE_PITCH,
        },
        place,
    }
}

/// Baseline of grid line `line` for text of `size`: the em box centred in the line.
fn grid_baseline(line: usize, size: f32) -> f32 {
    MARGIN_TOP + (line as f32 + 0.5) * LINE_PITCH + EM_CENTRE * size
}

fn body_style(size: f32) -> TextStyle {
    TextStyle {
        size,
        // Tighten full-width glyphs to the grid's character pitch (−0.21 pt at 3号).
        tracking: CHAR_PITCH - SIZE_BODY,
    }
}

/// Lines of a paragraph, positioned relative to the left edge of the text block.
fn paragraph_lines(p: &Paragraph, src: &dyn GlyphSource) -> Vec<Vec<LineGlyph>> {
    let style = body_style(SIZE_BODY);
    let mut units = text::units(&p.spans, style, src);
    let indent = p.indent * CHAR_PITCH;
    let ranges = text::break_lines(&mut units, TEXT_WIDTH - indent, TEXT_WIDTH);
    let n = ranges.len();
    ranges
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let offset = if i == 0 { indent } else { 0.0 };
            let mut glyphs = text::place_line(&units, *r, TEXT_WIDTH - offset, i + 1 < n);
            for g in &mut glyphs {
                g.x += offset;
            }
            glyphs
        })
        .collect()
}

/// What must fit on the page together with a heading: the first line of text (two when the
/// paragraph has more, as a lone first line would move on by itself) or the head and first
/// rows of a table.
fn first_chunk(block: Option<&Block>, src: &dyn GlyphSource) -> f32 {
    match block {
        Some(Block::Table(spec)) => {
            table::MeasuredTable::measure(spec, TEXT_WIDTH, src).first_chunk_height()
        }
        Some(Block::Paragraph(p)) => paragraph_lines(p, src).len().clamp(1, 2) as f32 * LINE_PITCH,
        Some(_) => LINE_PITCH,
        None => 0.0,
    }
}

/// Lays the blocks out on pages and numbers the pages.
pub fn layout_blocks(blocks: &[Placed], src: &dyn GlyphSource) -> Document {
    let mut flow = Flow::new();
    for (i, placed) in blocks.iter().enumerate() {
        match &placed.block {
            Block::Title {
                text,
                preferred_breaks,
                chosen_breaks,
            } => lay_title(
                &mut flow,
                text,
                preferred_breaks,
                chosen_breaks.as_deref(),
                placed.place,
                src,
            ),
            Block::Paragraph(p) => {
                let lines = paragraph_lines(p, src);
                if p.keep_with_next {
                    let next = first_chunk(blocks.get(i + 1).map(|b| &b.block), src);
                    let need = (flow.next_line() + lines.len()) as f32 * LINE_PITCH + next;
                    if need > TEXT_HEIGHT + 0.01 && flow.next_line() > 0 {
                        flow.new_page();
                    }
                }
                let n = lines.len();
                for (li, line) in lines.into_iter().enumerate() {
                    let left = flow.lines_left();
                    // No lone first line at the foot of a page (orphan), and no lone last line
                    // at the head of the next (widow): move the line down with its neighbour.
                    let orphan = li == 0 && n >= 2 && left == 1;
                    let widow = li >= 2 && n - li == 2 && left == 1;
                    if left == 0 || orphan || widow {
                        flow.new_page();
                    }
                    let line_no = flow.next_line();
                    let baseline = grid_baseline(line_no, SIZE_BODY);
                    let mut b = TextRunBuilder::new(SIZE_BODY, baseline, Some(placed.place));
                    for g in &line {
                        b.push(MARGIN_LEFT + g.x, g);
                    }
                    flow.page.items.extend(b.finish());
                    flow.page.targets.push(line_target(line_no, placed.place));
                    flow.y = (line_no + 1) as f32 * LINE_PITCH;
                }
            }
            Block::Table(spec) => lay_table(&mut flow, spec, src),
            Block::Signoff { name, date } => {
                lay_signoff(&mut flow, name.as_deref(), date, placed.place, src)
            }
        }
    }
    let warnings = std::mem::take(&mut flow.warnings);
    let mut pages = flow.finish();
    for (i, page) in pages.iter_mut().enumerate() {
        page.items.extend(page_number(i + 1, src));
    }
    Document { pages, warnings }
}

fn lay_title(
    flow: &mut Flow,
    title: &str,
    preferred: &[usize],
    chosen: Option<&[usize]>,
    place: Place,
    src: &dyn GlyphSource,
) {
    let style = TextStyle {
        size: SIZE_TITLE,
        tracking: 0.0,
    };
    let mut units = text::units(&[Span::new(Role::Title, title)], style, src);
    let to_units = |glyphs: &[usize]| -> Vec<usize> {
        glyphs
            .iter()
            .filter_map(|g| text::unit_starting_at(&units, *g))
            .collect()
    };
    let breaks = to_units(preferred);
    // Break where the words allow (after 县, 人民政府, 局, the year…); a title with no such
    // place that fits falls back to even lines broken anywhere.
    let mut allowed = to_units(&title::allowed_breaks(title));
    allowed.extend(&breaks);
    allowed.sort_unstable();
    allowed.dedup();
    let by_hand = chosen.and_then(|c| {
        let ranges = title::chosen_lines(&units, TEXT_WIDTH, &to_units(c));
        if ranges.is_none() {
            flow.warnings.push(LayoutWarning {
                place: Place::Meta(MetaField::TitleBreak),
                message: "标题分行后有一行超出版心宽度，打印时按自动分行。请在更靠前的位置分行。"
                    .into(),
            });
        }
        ranges
    });
    let ranges = match by_hand.or_else(|| title::shaped_lines(&units, TEXT_WIDTH, &allowed)) {
        Some(r) => r,
        None => text::balance_lines(&mut units, TEXT_WIDTH, &breaks),
    };
    let top = flow.y;
    for (i, r) in ranges.iter().enumerate() {
        let w = text::set_width(&units, *r, TEXT_WIDTH);
        let x = MARGIN_LEFT + (TEXT_WIDTH - w) / 2.0;
        let centre = MARGIN_TOP + top + (i as f32 + 0.5) * TITLE_PITCH;
        let mut b = TextRunBuilder::new(SIZE_TITLE, centre + EM_CENTRE * SIZE_TITLE, Some(place));
        for g in text::place_line(&units, *r, TEXT_WIDTH, false) {
            b.push(x + g.x, &g);
        }
        flow.page.items.extend(b.finish());
        flow.page.targets.push(Target {
            rect: Rect {
                x0: MARGIN_LEFT,
                y0: centre - TITLE_PITCH / 2.0,
                x1: MARGIN_LEFT + TEXT_WIDTH,
                y1: centre + TITLE_PITCH / 2.0,
            },
            place,
        });
    }
    // One blank grid line between title and text.
    flow.y = top + ranges.len() as f32 * TITLE_PITCH;
    flow.y = (flow.next_line() + 1) as f32 * LINE_PITCH;
}

/// 落款 after one blank line: the date alone 右空四字; or the agency's name 右空二字 with the
/// date on the next line centred under it, both moved left together when the date is the longer
/// so that it too stands two characters in (GB/T 9704 §7.3.5). A name longer than a line breaks
/// like a paragraph, each line 右空二字. The block stays on one page.
fn lay_signoff(
    flow: &mut Flow,
    name: Option<&str>,
    date: &str,
    place: Place,
    src: &dyn GlyphSource,
) {
    let style = body_style(SIZE_BODY);
    let right = MARGIN_LEFT + TEXT_WIDTH;
    let inset = match name {
        None => 4.0 * CHAR_PITCH,
        Some(_) => 2.0 * CHAR_PITCH,
    };
    // Each line as (units, range, set width, place).
    let set = |text: &str, place: Place| {
        let mut units = text::units(&[Span::new(Role::Body, text)], style, src);
        let ranges = text::break_lines(&mut units, TEXT_WIDTH - inset, TEXT_WIDTH - inset);
        ranges
            .into_iter()
            .map(|r| {
                let w = text::set_width(&units, r, TEXT_WIDTH);
                (units.clone(), r, w, place)
            })
            .collect::<Vec<_>>()
    };
    let mut lines = name.map_or_else(Vec::new, |n| set(n, Place::Meta(MetaField::Agency)));
    let dates = set(date, place);
    let mut xs: Vec<f32> = lines.iter().map(|l| right - inset - l.2).collect();
    let date_w = dates.first().map_or(0.0, |d| d.2);
    let date_x = match (xs.last(), lines.last()) {
        (Some(&name_x), Some(last)) => {
            let centred = name_x + (last.2 - date_w) / 2.0;
            let over = (centred + date_w - (right - inset)).max(0.0);
            for x in &mut xs {
                *x -= over;
            }
            centred - over
        }
        _ => right - inset - date_w,
    };
    xs.extend(std::iter::repeat_n(date_x, dates.len()));
    lines.extend(dates);
    // One blank line before, as in 公文; the lines of the block never part.
    flow.y = (flow.next_line() + 1) as f32 * LINE_PITCH;
    if flow.lines_left() < lines.len() {
        flow.new_page();
    }
    for ((units, range, _, place), x) in lines.into_iter().zip(xs) {
        let line_no = flow.next_line();
        let baseline = grid_baseline(line_no, SIZE_BODY);
        let mut b = TextRunBuilder::new(SIZE_BODY, baseline, Some(place));
        for g in text::place_line(&units, range, TEXT_WIDTH, false) {
            b.push(x.max(MARGIN_LEFT) + g.x, &g);
        }
        flow.page.items.extend(b.finish());
        flow.page.targets.push(line_target(line_no, place));
        flow.y = (line_no + 1) as f32 * LINE_PITCH;
    }
}

fn lay_table(flow: &mut Flow, spec: &TableSpec, src: &dyn GlyphSource) {
    let mut measured = table::MeasuredTable::measure(spec, TEXT_WIDTH, src);
    flow.warnings.append(&mut measured.warnings);
    // Tables start on a grid line, like text.
    flow.y = flow.next_line() as f32 * LINE_PITCH;
    // A table starts where its head and first few blocks fit, never as a head over a row or
    // two at the foot of a page.
    let at_top = flow.y <= 0.01;
    if flow.y >= TEXT_HEIGHT - 0.01
        || (!at_top && measured.first_chunk_height() > flow.space_left())
    {
        flow.new_page();
    }
    let pieces = measured.paginate(flow.space_left(), TEXT_HEIGHT);
    for (i, piece) in pieces.iter().enumerate() {
        let empty = piece.0 == piece.1 && spec.rows > spec.header_rows;
        if i > 0 {
            flow.new_page();
        }
        if empty {
            // Nothing of the body fits here: the whole table starts on the next page.
            continue;
        }
        let mut end = flow.y + measured.piece_height(*piece);
        if i + 1 == pieces.len() {
            // The last rows grow a little so that the table ends the same distance above a grid
            // line after every table: the text after it keeps the grid and an even gap.
            let next_line = ((end + TABLE_GAP - 0.01) / LINE_PITCH).ceil() * LINE_PITCH;
            if next_line <= TEXT_HEIGHT + 0.01 {
                measured.grow_rows(*piece, next_line - TABLE_GAP - end);
                end = next_line - TABLE_GAP;
            }
        }
        let (items, targets) = measured.draw_piece(&pieces, i, MARGIN_LEFT, MARGIN_TOP + flow.y);
        flow.page.items.extend(items);
        flow.page.targets.extend(targets);
        flow.y = end;
    }
    flow.y += TABLE_GAP;
}

/// "— N —" in 4号 宋体, 7 mm below the text block; odd pages right, even pages left, one
/// character in from the edge of the text block (GB/T 9704 §7.5).
fn page_number(n: usize, src: &dyn GlyphSource) -> Vec<Item> {
    let style = TextStyle {
        size: SIZE_PAGE_NUMBER,
        tracking: 0.0,
    };
    let label = format!("— {n} —");
    let mut units = text::units(&[Span::new(Role::PageNumber, label)], style, src);
    let ranges = text::break_lines(&mut units, TEXT_WIDTH, TEXT_WIDTH);
    let Some(r) = ranges.first() else {
        return Vec::new();
    };
    let w = text::natural_width(&units, *r);
    let x = if n % 2 == 1 {
        MARGIN_LEFT + TEXT_WIDTH - SIZE_PAGE_NUMBER - w
    } else {
        MARGIN_LEFT + SIZE_PAGE_NUMBER
    };
    let centre = MARGIN_TOP + TEXT_HEIGHT + PAGE_NUMBER_DROP;
    let mut b = TextRunBuilder::new(
        SIZE_PAGE_NUMBER,
        centre + EM_CENTRE * SIZE_PAGE_NUMBER,
        None,
    );
    for g in text::place_line(&units, *r, TEXT_WIDTH, false) {
        b.push(x + g.x, &g);
    }
    b.finish().collect()
}
