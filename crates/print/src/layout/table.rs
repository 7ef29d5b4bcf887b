//! Ruled tables: cells with row and column spans, labels wrapped inside their cells in lines of
//! even length, rows grown to fit, and pagination between rows with the header rows repeated.
//! A number never breaks inside its cell: the cell's type is made smaller until it fits. A
//! merged label cut by a page break is printed again, with （续）, on the next page.

use super::text::{self, TextStyle};
use super::{Item, LayoutWarning, Rect, Rule, Target, TextRunBuilder};
use crate::compose::{Align, Span, TableCell, TableSpec};
use crate::fonts::GlyphSource;
use std::collections::BTreeMap;

/// Inner padding of cells (pt).
pub const PAD_X: f32 = 2.0;
pub const PAD_Y: f32 = 2.5;
/// Least row height (pt): one line of 五号 with its padding.
pub const MIN_ROW: f32 = 18.5;
/// Width of the grid rules (pt).
pub const RULE_WIDTH: f32 = 0.5;

/// How many body blocks must fit under the head for a table to start on a page.
const MIN_FIRST_BLOCKS: usize = 3;
/// The smallest type a cell is shrunk to so that a number fits on one line (pt).
pub const MIN_CELL_SIZE: f32 = 6.0;
/// Appended to a merged label printed again after a page break.
pub const CONTINUED: &str = "（续）";

fn leading(size: f32) -> f32 {
    size * 1.3
}

/// A cell's text broken into lines, each a list of positioned glyphs (x from the line start).
struct CellLines {
    /// The type size it is set in: the cell's, or smaller so no word breaks.
    size: f32,
    lines: Vec<(f32, Vec<text::LineGlyph>)>,
}

impl CellLines {
    fn height(&self) -> f32 {
        self.lines.len() as f32 * leading(self.size)
    }
}

/// Breaks a cell's text into lines `width` pt wide, in lines of even length, at the cell's size
/// or, when some word (a number) is wider than the cell, at the largest size down to
/// [`MIN_CELL_SIZE`] where it fits. Gives `false` when even that is too wide.
fn break_cell(c: &TableCell, text: &str, width: f32, src: &dyn GlyphSource) -> (CellLines, bool) {
    let spans = [Span::new(c.role, text)];
    let mut size = c.size;
    let mut fits = true;
    let mut units = loop {
        let style = TextStyle {
            size,
            tracking: 0.0,
        };
        let units = text::units(&spans, style, src);
        let widest = units.iter().map(|u| u.width).fold(0.0f32, f32::max);
        if widest <= width + 0.01 {
            break units;
        }
        if size <= MIN_CELL_SIZE {
            fits = false;
            break units;
        }
        // Straight to the size that fits, in quarter points, never below the least.
        size = ((size * width / widest * 4.0).floor() / 4.0)
            .min(size - 0.25)
            .max(MIN_CELL_SIZE);
    };
    let ranges = text::balance_lines(&mut units, width, &[]);
    let lines = ranges
        .iter()
        .map(|r| {
            (
                text::set_width(&units, *r, width),
                text::place_line(&units, *r, width, false),
            )
        })
        .collect();
    (CellLines { size, lines }, fits)
}

/// A measured table: row heights fixed, cell text broken.
pub struct MeasuredTable<'a> {
    spec: &'a TableSpec,
    row_heights: Vec<f32>,
    col_x: Vec<f32>,
    lines: Vec<CellLines>,
    /// For cells over several rows: their label with （续）, for a page after the first.
    continued: Vec<Option<CellLines>>,
    /// Numbers that do not fit their cells even in the smallest type.
    pub warnings: Vec<LayoutWarning>,
}

impl<'a> MeasuredTable<'a> {
    /// Breaks every cell's text and sizes the rows so each cell fits, the table being `width`
    /// pt wide.
    pub fn measure(spec: &'a TableSpec, width: f32, src: &dyn GlyphSource) -> MeasuredTable<'a> {
        let mut col_x = vec![0.0f32];
        for fraction in &spec.cols {
            let last = col_x.last().copied().unwrap_or(0.0);
            col_x.push(last + fraction * width);
        }
        let mut warnings = Vec::new();
        let mut lines = Vec::with_capacity(spec.cells.len());
        let mut continued = Vec::with_capacity(spec.cells.len());
        for c in &spec.cells {
            let end = (c.col + c.colspan).min(spec.cols.len());
            let width = col_x[end] - col_x[c.col.min(end)] - 2.0 * PAD_X;
            let (cell, fits) = break_cell(c, &c.text, width, src);
            if !fits {
                warnings.push(LayoutWarning {
                    place: c.place,
                    message: format!(
                        "表格中的“{}”即使缩小到{}磅字号也放不进单元格，打印时会断开。",
                        c.text, MIN_CELL_SIZE
                    ),
                });
            }
            lines.push(cell);
            continued.push(
                (c.rowspan > 1 && c.row >= spec.header_rows && !c.text.is_empty())
                    .then(|| break_cell(c, &format!("{}{CONTINUED}", c.text), width, src).0),
            );
        }
        let mut row_heights = vec![MIN_ROW; spec.rows];
        let need = |i: usize| -> f32 { lines[i].height() + 2.0 * PAD_Y };
        for (i, c) in spec.cells.iter().enumerate() {
            if c.rowspan == 1 && c.row < spec.rows {
                row_heights[c.row] = row_heights[c.row].max(need(i));
            }
        }
        // Spanning cells, shortest span first: spread any shortfall over the spanned rows.
        let mut spanning: Vec<usize> = (0..spec.cells.len())
            .filter(|&i| spec.cells[i].rowspan > 1)
            .collect();
        spanning.sort_by_key(|&i| spec.cells[i].rowspan);
        for i in spanning {
            let c = &spec.cells[i];
            let end = (c.row + c.rowspan).min(spec.rows);
            let have: f32 = row_heights[c.row..end].iter().sum();
            let short = need(i) - have;
            if short > 0.0 && end > c.row {
                let each = short / (end - c.row) as f32;
                for h in &mut row_heights[c.row..end] {
                    *h += each;
                }
            }
        }
        MeasuredTable {
            spec,
            row_heights,
            col_x,
            lines,
            continued,
            warnings,
        }
    }

    /// Height of the head rows.
    pub fn header_height(&self) -> f32 {
        self.row_heights[..self.spec.header_rows.min(self.spec.rows)]
            .iter()
            .sum()
    }

    /// The body split into the blocks that pagination may not break, as row ranges.
    fn blocks(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut r = self.spec.header_rows;
        while r < self.spec.rows {
            let end = self
                .spec
                .keep_together
                .iter()
                .find(|(s, e)| *s == r && *e > r)
                .map(|(_, e)| (*e).min(self.spec.rows))
                .unwrap_or(r + 1);
            out.push((r, end));
            r = end;
        }
        out
    }

    fn rows_height(&self, start: usize, end: usize) -> f32 {
        self.row_heights[start..end].iter().sum()
    }

    /// Height the table needs before it can start on a page: the head and the first few
    /// blocks, so that a page never ends with a table head over a row or two.
    pub fn first_chunk_height(&self) -> f32 {
        let first: f32 = self
            .blocks()
            .iter()
            .take(MIN_FIRST_BLOCKS)
            .map(|(s, e)| self.rows_height(*s, *e))
            .sum();
        self.header_height() + first
    }

    /// Splits the body into pieces, one per page: the first gets `first_avail` pt, each
    /// further one `page_avail` pt (the head is repeated in every piece).
    pub fn paginate(&self, first_avail: f32, page_avail: f32) -> Vec<(usize, usize)> {
        let head = self.header_height();
        let mut pieces = Vec::new();
        let mut avail = first_avail - head;
        let mut start = self.spec.header_rows;
        let mut used = 0.0;
        let mut blocks = self.blocks();
        let mut i = 0;
        while i < blocks.len() {
            let (s, e) = blocks[i];
            let h = self.rows_height(s, e);
            if used + h <= avail + 0.01 || (used == 0.0 && h > page_avail - head) {
                if used == 0.0 && h > avail + 0.01 && e - s > 1 {
                    // A block taller than a whole page is broken into its rows after all.
                    let rows: Vec<(usize, usize)> = (s..e).map(|r| (r, r + 1)).collect();
                    blocks.splice(i..=i, rows);
                    continue;
                }
                used += h;
                i += 1;
                continue;
            }
            // Does not fit: close this piece (possibly empty on the first page).
            pieces.push((start, s));
            start = s;
            used = 0.0;
            avail = page_avail - head;
        }
        pieces.push((start, self.spec.rows));
        pieces
    }

    /// Makes the rows of a piece, head included, `extra` pt taller in all, evenly.
    pub fn grow_rows(&mut self, piece: (usize, usize), extra: f32) {
        let head = self.spec.header_rows.min(self.spec.rows);
        let rows: Vec<usize> = (0..head)
            .chain(piece.0..piece.1.min(self.spec.rows))
            .collect();
        if rows.is_empty() || extra <= 0.0 {
            return;
        }
        let each = extra / rows.len() as f32;
        for r in rows {
            self.row_heights[r] += each;
        }
    }

    /// Height of a piece including its head.
    pub fn piece_height(&self, piece: (usize, usize)) -> f32 {
        self.header_height() + self.rows_height(piece.0, piece.1)
    }

    /// Draws one piece with its head at `(x, y)` (top-left, pt from the page's top-left).
    /// `pieces` are all pieces of the table: a merged cell split over several pages prints its
    /// text in each piece where it fits, with （续） after the first.
    ///
    /// Text comes first, row by row and left to right, so that copying a row gives its cells
    /// in order; then the grid, each rule drawn once.
    pub fn draw(&self, pieces: &[(usize, usize)], index: usize, x: f32, y: f32) -> Vec<Item> {
        self.draw_piece(pieces, index, x, y).0
    }

    /// [`MeasuredTable::draw`], with the area of every cell of the piece and the field it
    /// shows (for a preview's clicks; writers draw nothing of them).
    pub fn draw_piece(
        &self,
        pieces: &[(usize, usize)],
        index: usize,
        x: f32,
        y: f32,
    ) -> (Vec<Item>, Vec<Target>) {
        let head = self.spec.header_rows;
        let (start, end) = pieces[index];
        // Row tops within this piece.
        let mut top = vec![f32::NAN; self.spec.rows + 1];
        let mut cursor = y;
        for (r, t) in top.iter_mut().enumerate().take(head) {
            *t = cursor;
            cursor += self.row_heights[r];
        }
        for (r, t) in top.iter_mut().enumerate().take(end).skip(start) {
            *t = cursor;
            cursor += self.row_heights[r];
        }
        let row_bottom = |r: usize| top[r] + self.row_heights[r];
        let mut rules = Rules::default();
        let mut order: Vec<usize> = (0..self.spec.cells.len()).collect();
        order.sort_by_key(|&i| (self.spec.cells[i].row, self.spec.cells[i].col));
        let mut texts = Vec::new();
        let mut targets = Vec::new();
        for i in order {
            let c = &self.spec.cells[i];
            let Some((r0, r1)) = self.rows_in_piece(c, pieces[index]) else {
                continue;
            };
            let x0 = x + self.col_x[c.col];
            let x1 = x + self.col_x[(c.col + c.colspan).min(self.spec.cols.len())];
            let y0 = top[r0];
            let y1 = row_bottom(r1 - 1);
            rules.rect(x0, y0, x1, y1);
            targets.push(Target {
                rect: Rect { x0, y0, x1, y1 },
                place: c.place,
            });
            let cell = if c.row >= head {
                match self.text_in_piece(i, pieces, index) {
                    Some(cell) => cell,
                    None => continue,
                }
            } else {
                &self.lines[i]
            };
            let lead = leading(cell.size);
            let mut line_top = y0 + ((y1 - y0) - cell.height()) / 2.0;
            for (width, glyphs) in &cell.lines {
                let lx = match c.align {
                    Align::Left => x0 + PAD_X,
                    Align::Center => x0 + ((x1 - x0) - width) / 2.0,
                };
                let baseline = line_top + lead / 2.0 + 0.38 * cell.size;
                let mut b = TextRunBuilder::new(cell.size, baseline, Some(c.place));
                for g in glyphs {
                    b.push(lx + g.x, g);
                }
                texts.extend(b.finish());
                line_top += lead;
            }
        }
        texts.extend(rules.finish().into_iter().map(Item::Rule));
        (texts, targets)
    }

    /// The rows `[r0, r1)` of a cell that lie in a piece (its head rows in every piece).
    fn rows_in_piece(&self, c: &TableCell, piece: (usize, usize)) -> Option<(usize, usize)> {
        let head = self.spec.header_rows;
        let c_end = (c.row + c.rowspan).min(self.spec.rows);
        let (r0, r1) = if c.row < head {
            (c.row, c_end.min(head))
        } else {
            (c.row.max(piece.0), c_end.min(piece.1))
        };
        (r0 < r1).then_some((r0, r1))
    }

    /// The text a body cell prints in piece `index`: in every piece where its lines fit, with
    /// （续） after the first; when they fit in none, whole in the piece holding most of it.
    fn text_in_piece(
        &self,
        i: usize,
        pieces: &[(usize, usize)],
        index: usize,
    ) -> Option<&CellLines> {
        let c = &self.spec.cells[i];
        let room = |p: usize| -> Option<f32> {
            self.rows_in_piece(c, pieces[p])
                .map(|(r0, r1)| self.rows_height(r0, r1) - 2.0 * PAD_Y)
        };
        let shown: Vec<usize> = (0..pieces.len()).filter(|&p| room(p).is_some()).collect();
        if shown.len() <= 1 {
            return shown.contains(&index).then_some(&self.lines[i]);
        }
        let cont = self.continued[i].as_ref();
        let fits = |p: usize, first: bool| -> bool {
            let cell = if first { Some(&self.lines[i]) } else { cont };
            match (room(p), cell) {
                (Some(h), Some(cell)) => cell.height() <= h + 0.01,
                _ => false,
            }
        };
        let first = shown.iter().copied().find(|&p| fits(p, true));
        match first {
            Some(f) if f == index => Some(&self.lines[i]),
            Some(f) if index > f && fits(index, false) => cont,
            Some(_) => None,
            None => {
                // Fits nowhere: the piece with the most room, as before.
                let best = shown.iter().copied().max_by(|a, b| {
                    let (ha, hb) = (room(*a).unwrap_or(0.0), room(*b).unwrap_or(0.0));
                    ha.total_cmp(&hb).then(b.cmp(a))
                });
                (best == Some(index)).then_some(&self.lines[i])
            }
        }
    }
}

/// The grid of a table piece: every cell edge, collected so that a rule two cells share is
/// drawn once, and collinear pieces join into one line.
#[derive(Default)]
struct Rules {
    /// Horizontal segments by y, vertical by x (in 1/100 pt, so equal edges meet exactly).
    horizontal: BTreeMap<i64, Vec<(f32, f32)>>,
    vertical: BTreeMap<i64, Vec<(f32, f32)>>,
}

fn key(v: f32) -> i64 {
    (v * 100.0).round() as i64
}

impl Rules {
    fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) {
        for y in [y0, y1] {
            self.horizontal.entry(key(y)).or_default().push((x0, x1));
        }
        for x in [x0, x1] {
            self.vertical.entry(key(x)).or_default().push((y0, y1));
        }
    }

    fn finish(self) -> Vec<Rule> {
        let mut out = Vec::new();
        for (at, segments) in self.horizontal {
            let y = at as f32 / 100.0;
            for (a, b) in merge(segments) {
                out.push(Rule {
                    x0: a,
                    y0: y,
                    x1: b,
                    y1: y,
                    width: RULE_WIDTH,
                });
            }
        }
        for (at, segments) in self.vertical {
            let x = at as f32 / 100.0;
            for (a, b) in merge(segments) {
                out.push(Rule {
                    x0: x,
                    y0: a,
                    x1: x,
                    y1: b,
                    width: RULE_WIDTH,
                });
            }
        }
        out
    }
}

/// Joins overlapping or touching intervals.
fn merge(mut segments: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    segments.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f32, f32)> = Vec::new();
    for (a, b) in segments {
        match out.last_mut() {
            Some(last) if a <= last.1 + 0.01 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}
