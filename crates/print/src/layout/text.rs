//! Chinese line breaking: units, 避头尾, justification and balanced lines.
//!
//! A paragraph is cut into units that may not be split: one hanzi or full-width mark, or a run
//! of Latin letters, digits and ASCII marks (a number, a word, a URL). Lines break between
//! units, except before a closing mark (no line may start with ，。、；：？！）》」’”…) and
//! after an opening one (no line may end with （《「‘“). A unit longer than a whole line is
//! split by characters as a last resort.

use crate::compose::Span;
use crate::fonts::{Glyph, GlyphSource, Role};

/// Marks that must not start a line.
pub const NO_LINE_START: &str = "，。、；：？！）》」』’”…〕】〉〗｝］,.;:?!)]}%‰·－—";
/// Marks that must not end a line.
pub const NO_LINE_END: &str = "（《「『‘“〔【〈〖｛［([{";

/// One glyph of a unit, measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeasuredGlyph {
    pub ch: char,
    pub glyph: Option<Glyph>,
    pub role: Role,
    /// Advance in pt, tracking included.
    pub width: f32,
}

/// An unbreakable piece of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub glyphs: Vec<MeasuredGlyph>,
    /// White space before it (pt); dropped at the start of a line.
    pub space_before: f32,
    /// Width of the glyphs (pt).
    pub width: f32,
    /// Whether a line may break right before this unit.
    pub break_before: bool,
}

impl Unit {
    fn first(&self) -> Option<char> {
        self.glyphs.first().map(|g| g.ch)
    }
    fn last(&self) -> Option<char> {
        self.glyphs.last().map(|g| g.ch)
    }
}

/// How text is set: size, and tracking for full-width glyphs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub size: f32,
    /// Added to the advance of every full-width glyph (pt); negative tightens to the grid.
    pub tracking: f32,
}

fn is_word_char(ch: char) -> bool {
    // Latin, digits, ASCII marks and other narrow scripts stay together in one unit.
    (ch.is_ascii_graphic() || (ch.is_alphanumeric() && (ch as u32) < 0x2E80))
        && !"([{".contains(ch)
        && !")]},;".contains(ch)
}

/// Placeholder drawn for a character no font has, when the caller allowed that: the geta mark,
/// the traditional typesetter's sign for a missing character.
pub const MISSING_PLACEHOLDER: char = '〓';

fn measure(src: &dyn GlyphSource, role: Role, ch: char, style: TextStyle) -> MeasuredGlyph {
    // What is drawn is also what text extraction gives back: the placeholder, not the
    // character it stands for.
    let (ch, glyph) = match src.glyph(role, ch) {
        Some(g) => (ch, Some(g)),
        None => (MISSING_PLACEHOLDER, src.glyph(role, MISSING_PLACEHOLDER)),
    };
    let em = glyph.map(|g| g.advance).unwrap_or(1.0);
    let mut width = em * style.size;
    if em >= 0.9 {
        width += style.tracking;
    }
    MeasuredGlyph {
        ch,
        glyph,
        role,
        width,
    }
}

/// Cuts styled text into units, measured with `src`.
pub fn units(spans: &[Span], style: TextStyle, src: &dyn GlyphSource) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut pending_space = 0.0f32;
    let mut in_word = false;
    for span in spans {
        for ch in span.text.chars() {
            if ch.is_whitespace() && ch != '\u{3000}' {
                let w = src.glyph(span.role, ' ').map(|g| g.advance).unwrap_or(0.25);
                pending_space += w * style.size;
                in_word = false;
                continue;
            }
            // Zero-width spaces, BOMs, variation selectors: nothing to draw, not a missing glyph.
            if ch.is_control() || nianbao_core::model::is_default_ignorable(ch) {
                continue;
            }
            let g = measure(src, span.role, ch, style);
            let word = is_word_char(ch);
            if word
                && in_word
                && pending_space == 0.0
                && let Some(u) = out.last_mut()
            {
                u.width += g.width;
                u.glyphs.push(g);
                continue;
            }
            out.push(Unit {
                glyphs: vec![g],
                space_before: pending_space,
                width: g.width,
                break_before: true,
            });
            pending_space = 0.0;
            in_word = word;
        }
    }
    // 避头尾 and other places where a line must not break.
    for i in 0..out.len() {
        let prev_last = if i == 0 { None } else { out[i - 1].last() };
        let first = out[i].first();
        let space = out[i].space_before > 0.0;
        let forbidden = match (prev_last, first) {
            (None, _) => false,
            (_, Some(f)) if NO_LINE_START.contains(f) && !space => true,
            (Some(p), _) if NO_LINE_END.contains(p) && !space => true,
            // ——, …… and similar doubled marks stay together.
            (Some(p), Some(f)) => p == f && "—…·－".contains(f),
            _ => false,
        };
        out[i].break_before = !forbidden;
    }
    out
}

/// A broken line: a range of units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRange {
    pub start: usize,
    pub end: usize,
}

fn line_width(units: &[Unit], r: LineRange) -> f32 {
    units[r.start..r.end]
        .iter()
        .enumerate()
        .map(|(i, u)| {
            if i == 0 {
                u.width
            } else {
                u.width + u.space_before
            }
        })
        .sum()
}

/// Greedy line breaking: as much as fits on each line, breaking only where allowed.
/// `first` is the width of the first line (after its indent), `rest` of the others.
/// A unit wider than a line is split by characters first.
pub fn break_lines(units: &mut Vec<Unit>, first: f32, rest: f32) -> Vec<LineRange> {
    split_oversized(units, rest.min(first));
    let mut lines = Vec::new();
    let mut start = 0;
    while start < units.len() {
        let avail = if lines.is_empty() { first } else { rest };
        let mut width = 0.0;
        let mut end = start;
        // Last position where a break is allowed, and the first unit that overflowed.
        let mut last_ok = None;
        while end < units.len() {
            let u = &units[end];
            let w = if end == start {
                u.width
            } else {
                u.space_before + u.width
            };
            if end > start && u.break_before {
                last_ok = Some(end);
            }
            // A hair of tolerance: 28 grid characters must fit exactly.
            if width + w > avail + 0.01 && end > start {
                break;
            }
            width += w;
            end += 1;
        }
        if end < units.len() {
            // Overflowed at `end`: break there if allowed, else at the last allowed place.
            if units[end].break_before {
                // fine
            } else if let Some(b) = last_ok.filter(|b| *b > start) {
                end = b;
            }
            // else: no allowed break on the whole line; break anyway (cannot happen with
            // real text, but must not loop forever).
        }
        lines.push(LineRange { start, end });
        start = end;
    }
    lines
}

/// Splits units wider than `limit` into one unit per character (a URL longer than a line).
fn split_oversized(units: &mut Vec<Unit>, limit: f32) {
    if !units.iter().any(|u| u.width > limit && u.glyphs.len() > 1) {
        return;
    }
    let old = std::mem::take(units);
    for u in old {
        if u.width > limit && u.glyphs.len() > 1 {
            for (i, g) in u.glyphs.iter().enumerate() {
                units.push(Unit {
                    glyphs: vec![*g],
                    space_before: if i == 0 { u.space_before } else { 0.0 },
                    width: g.width,
                    break_before: if i == 0 { u.break_before } else { true },
                });
            }
        } else {
            units.push(u);
        }
    }
}

/// A glyph placed on a line, x relative to the line start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineGlyph {
    pub x: f32,
    pub ch: char,
    pub glyph: Option<Glyph>,
    pub role: Role,
}

/// Places the units of a line. With `justify_to`, the slack is spread evenly over the gaps
/// between units so the line fills exactly that width.
pub fn place_line(units: &[Unit], r: LineRange, justify_to: Option<f32>) -> Vec<LineGlyph> {
    let slice = &units[r.start..r.end];
    let natural = line_width(units, r);
    let gaps = slice.len().saturating_sub(1);
    let extra = match justify_to {
        Some(w) if gaps > 0 && w > natural => (w - natural) / gaps as f32,
        _ => 0.0,
    };
    let mut x = 0.0;
    let mut out = Vec::new();
    for (i, u) in slice.iter().enumerate() {
        if i > 0 {
            x += u.space_before + extra;
        }
        for g in &u.glyphs {
            out.push(LineGlyph {
                x,
                ch: g.ch,
                glyph: g.glyph,
                role: g.role,
            });
            x += g.width;
        }
    }
    out
}

/// Natural width of a line.
pub fn natural_width(units: &[Unit], r: LineRange) -> f32 {
    line_width(units, r)
}

/// Breaks text into the fewest lines that fit `width`, as even in length as possible — for the
/// title (GB/T 9704 §7.3.1) and for table heads. A break at a position in `preferred` (unit
/// index) costs nothing extra; other breaks cost a little, breaks between two hanzi a little
/// more than breaks after a closing mark, so ties go to the natural place.
pub fn balance_lines(units: &mut Vec<Unit>, width: f32, preferred: &[usize]) -> Vec<LineRange> {
    let greedy = break_lines(units, width, width);
    let n = greedy.len();
    if n <= 1 || units.len() > 400 {
        return greedy;
    }
    let total = line_width(
        units,
        LineRange {
            start: 0,
            end: units.len(),
        },
    );
    let target = total / n as f32;
    let len = units.len();
    let penalty = |b: usize| -> f32 {
        if preferred.contains(&b) {
            0.0
        } else if units[b - 1]
            .last()
            .is_some_and(|c| NO_LINE_START.contains(c))
        {
            0.1
        } else {
            0.25
        }
    };
    // best[k][i]: least cost to set units[..i] in k lines.
    let inf = f32::INFINITY;
    let mut best = vec![vec![inf; len + 1]; n + 1];
    let mut from = vec![vec![0usize; len + 1]; n + 1];
    best[0][0] = 0.0;
    let unit_em = units.iter().map(|u| u.width).fold(1.0f32, f32::max);
    for k in 1..=n {
        for i in 1..=len {
            for j in 0..i {
                if best[k - 1][j] == inf {
                    continue;
                }
                if j > 0 && !units[j].break_before {
                    continue;
                }
                if i < len && !units[i].break_before {
                    continue;
                }
                let w = line_width(units, LineRange { start: j, end: i });
                if w > width + 0.01 {
                    continue;
                }
                let dev = (w - target) / unit_em;
                let cost = best[k - 1][j] + dev * dev + if j > 0 { penalty(j) } else { 0.0 };
                if cost < best[k][i] {
                    best[k][i] = cost;
                    from[k][i] = j;
                }
            }
        }
    }
    if best[n][len] == inf {
        return greedy;
    }
    let mut lines = Vec::with_capacity(n);
    let mut i = len;
    for k in (1..=n).rev() {
        let j = from[k][i];
        lines.push(LineRange { start: j, end: i });
        i = j;
    }
    lines.reverse();
    lines
}

/// Index of the unit that starts with the `glyph_index`-th glyph of the text, if one does.
pub fn unit_starting_at(units: &[Unit], glyph_index: usize) -> Option<usize> {
    let mut acc = 0usize;
    for (i, u) in units.iter().enumerate() {
        if acc == glyph_index {
            return Some(i);
        }
        if acc > glyph_index {
            return None;
        }
        acc += u.glyphs.len();
    }
    None
}
