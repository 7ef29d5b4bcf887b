//! Ruled tables: cells with row and column spans, labels wrapped inside their cells, rows
//! grown to fit, and pagination between rows with the header rows repeated.

use super::text::{self, TextStyle};
use super::{Item, Rule, TextRunBuilder};
use crate::compose::{Align, Span, TableCell, TableSpec};
use crate::fonts::GlyphSource;

/// Inner padding of cells (pt).
pub const PAD_X: f32 = 2.0;
pub const PAD_Y: f32 = 2.5;
/// Least row height (pt): one line of 五号 with its padding.
pub const MIN_ROW: f32 = 18.5;
/// Width of the grid rules (pt).
pub const RULE_WIDTH: f32 = 0.5;

/// How many body blocks must fit under the head for a table to start on a page.
const MIN_FIRST_BLOCKS: usize = 3;

fn leading(size: f32) -> f32 {
    size * 1.3
}

/// A cell's text broken into lines, each a list of positioned glyphs (x from the line start).
struct CellLines {
    lines: Vec<(f32, Vec<text::LineGlyph>)>,
}

/// A measured table: row heights fixed, cell text broken.
pub struct MeasuredTable<'a> {
    spec: &'a TableSpec,
    row_heights: Vec<f32>,
    col_x: Vec<f32>,
    lines: Vec<CellLines>,
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
        let lines: Vec<CellLines> = spec
            .cells
            .iter()
            .map(|c| {
                let end = (c.col + c.colspan).min(spec.cols.len());
                let width = col_x[end] - col_x[c.col.min(end)] - 2.0 * PAD_X;
                let spans = [Span::new(c.role, c.text.clone())];
                let style = TextStyle {
                    size: c.size,
                    tracking: 0.0,
                };
                let mut units = text::units(&spans, style, src);
                let ranges = if c.balanced {
                    text::balance_lines(&mut units, width, &[])
                } else {
                    text::break_lines(&mut units, width, width)
                };
                let lines = ranges
                    .iter()
                    .map(|r| {
                        (
                            text::set_width(&units, *r, width),
                            text::place_line(&units, *r, width, false),
                        )
                    })
                    .collect();
                CellLines { lines }
            })
            .collect();
        let mut row_heights = vec![MIN_ROW; spec.rows];
        let need = |i: usize| -> f32 {
            let c = &spec.cells[i];
            lines[i].lines.len() as f32 * leading(c.size) + 2.0 * PAD_Y
        };
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

    /// Height of a piece including its head.
    pub fn piece_height(&self, piece: (usize, usize)) -> f32 {
        self.header_height() + self.rows_height(piece.0, piece.1)
    }

    /// Draws one piece with its head at `(x, y)` (top-left, pt from the page's top-left).
    /// `pieces` are all pieces of the table: a cell split over several pages prints its text
    /// in the piece where most of it lies.
    pub fn draw(&self, pieces: &[(usize, usize)], index: usize, x: f32, y: f32) -> Vec<Item> {
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
        let mut rules = Vec::new();
        let mut texts = Vec::new();
        for (i, c) in self.spec.cells.iter().enumerate() {
            let c_end = (c.row + c.rowspan).min(self.spec.rows);
            let (r0, r1) = if c.row < head {
                (c.row, c_end.min(head))
            } else {
                (c.row.max(start), c_end.min(end))
            };
            if r0 >= r1 {
                continue;
            }
            let x0 = x + self.col_x[c.col];
            let x1 = x + self.col_x[(c.col + c.colspan).min(self.spec.cols.len())];
            let y0 = top[r0];
            let y1 = row_bottom(r1 - 1);
            rules.extend(rect(x0, y0, x1, y1));
            if c.row >= head && self.text_piece(c, pieces) != index {
                continue;
            }
            let lines = &self.lines[i].lines;
            let lead = leading(c.size);
            let block_h = lines.len() as f32 * lead;
            let mut line_top = y0 + ((y1 - y0) - block_h) / 2.0;
            for (width, glyphs) in lines {
                let lx = match c.align {
                    Align::Left => x0 + PAD_X,
                    Align::Center => x0 + ((x1 - x0) - width) / 2.0,
                };
                let baseline = line_top + lead / 2.0 + 0.38 * c.size;
                let mut b = TextRunBuilder::new(c.size, baseline, Some(c.place));
                for g in glyphs {
                    b.push(lx + g.x, g);
                }
                texts.extend(b.finish());
                line_top += lead;
            }
        }
        // Text first, in cell order, so extraction reads cell by cell; then the grid.
        texts.extend(rules.into_iter().map(Item::Rule));
        texts
    }

    /// The piece in which a body cell's text is printed: the one holding most of its height.
    fn text_piece(&self, c: &TableCell, pieces: &[(usize, usize)]) -> usize {
        let c_end = (c.row + c.rowspan).min(self.spec.rows);
        let mut best = (0usize, -1.0f32);
        for (i, (s, e)) in pieces.iter().enumerate() {
            let r0 = c.row.max(*s);
            let r1 = c_end.min(*e);
            if r0 < r1 {
                let h = self.rows_height(r0, r1);
                if h > best.1 + 0.01 {
                    best = (i, h);
                }
            }
        }
        best.0
    }
}

fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> [Rule; 4] {
    let r = |a: (f32, f32), b: (f32, f32)| Rule {
        x0: a.0,
        y0: a.1,
        x1: b.0,
        y1: b.1,
        width: RULE_WIDTH,
    };
    [
        r((x0, y0), (x1, y0)),
        r((x0, y1), (x1, y1)),
        r((x0, y0), (x0, y1)),
        r((x1, y0), (x1, y1)),
    ]
}
