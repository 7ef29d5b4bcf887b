//! Chinese line breaking: units, 避头尾, 标点挤压, justification and balanced lines.
//!
//! A paragraph is cut into units that may not be split: one hanzi or full-width mark, or a run
//! of Latin letters, digits and ASCII marks (a number, a word). A web or e-mail address is cut
//! into pieces after `/ . ? & = - _ @` (never before `: / .`, and `http://` stays with the
//! host). Lines break between units, except before a closing mark (no line may start with
//! ，。、；：？！）》」’”…), after an opening one (no line may end with （《「‘“), and between a
//! number and its unit (2021年, 759条). A unit longer than a whole line is split by characters
//! as a last resort.
//!
//! The breaks of a paragraph are chosen together (as TeX does) so that its lines need the least
//! adjustment: full-width marks may give up half an em of blank (adjacent marks such as 》、《
//! always do), and only then are the gaps letter-spaced, by at most [`MAX_LETTER_SPACE`]
//! between hanzi. A last line of one lone character is avoided the same way.

use crate::compose::Span;
use crate::fonts::{Glyph, GlyphSource, Role};

/// Marks that must not start a line.
pub const NO_LINE_START: &str = "，。、；：？！）》」』’”…〕】〉〗｝］,.;:?!)]}%‰·－—";
/// Marks that must not end a line.
pub const NO_LINE_END: &str = "（《「『‘“〔【〈〖｛［([{";

/// Full-width marks whose blank half is on the right: they may give it up.
const SQUEEZE_RIGHT: &str = "，。、；：”）》〉’」』】〕〗";
/// Full-width marks whose blank half is on the left.
const SQUEEZE_LEFT: &str = "“（《〈‘「『【〔〖";
/// Units of measure and counters kept on the line of the number before them.
const NUMBER_UNITS: &str =
    "年月日时分秒号件条个次项人家份篇期批台名元角岁天周户所位页章节类种座处场届位万亿千百余多％‰";
/// Words that may follow a number's 万/余/多 and still belong to it (80余条, 3万元).
const NUMBER_UNIT_PREFIXES: &str = "万亿千百余多";

/// Most letter-spacing added to a gap between two characters of a justified line (pt). A line
/// that would need more is left short rather than spaced out.
pub const MAX_LETTER_SPACE: f32 = 1.0;
/// Most space a gap between a hanzi and a Latin word or number may take (pt), after the gaps
/// between hanzi have reached [`MAX_LETTER_SPACE`] (a quarter em of 3号).
pub const MAX_MIXED_SPACE: f32 = 4.0;
/// One glyph of a unit, measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeasuredGlyph {
    pub ch: char,
    pub glyph: Option<Glyph>,
    pub role: Role,
    /// Advance in pt, tracking and any compulsory compression included.
    pub width: f32,
    /// Where the glyph is drawn relative to its slot (pt): negative when an opening mark has
    /// given up its leading blank.
    pub offset: f32,
    /// How much more blank it may give up when a line needs it (pt).
    pub shrink: f32,
    /// Whether that blank is on the left (opening marks), so giving it up moves the glyph.
    pub shrink_left: bool,
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
    /// How much the unit's marks may be compressed (pt).
    pub shrink: f32,
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
    let mut shrink = 0.0;
    let shrink_left = SQUEEZE_LEFT.contains(ch);
    if em >= 0.9 {
        width += style.tracking;
        if shrink_left || SQUEEZE_RIGHT.contains(ch) {
            shrink = 0.5 * em * style.size;
        }
    }
    MeasuredGlyph {
        ch,
        glyph,
        role,
        width,
        offset: 0.0,
        shrink,
        shrink_left,
    }
}

/// Whether a word is a web or e-mail address, which may break inside.
fn is_address(text: &[char]) -> bool {
    let s: String = text.iter().collect();
    s.contains("://")
        || s.starts_with("www.")
        || (s.contains('@') && s.contains('.'))
        || (s.len() >= 12 && s.contains('.') && s.contains('/'))
}

/// Where an address may break: the glyph indices that may start a new line.
fn address_breaks(text: &[char]) -> Vec<usize> {
    // `http://` stays with the first part of the host.
    let s: String = text.iter().collect();
    let keep = s
        .find("://")
        .map(|i| s[..i].chars().count() + 3)
        .unwrap_or(0);
    (1..text.len())
        .filter(|&i| {
            i > keep
                && "/.?&=-_@".contains(text[i - 1])
                && !":/.".contains(text[i])
                // No piece of one character at either end.
                && i >= 2
                && i + 1 < text.len()
        })
        .collect()
}

/// Cuts address units into pieces that may break apart.
fn split_addresses(units: Vec<Unit>) -> Vec<Unit> {
    let mut out = Vec::with_capacity(units.len());
    for u in units {
        let chars: Vec<char> = u.glyphs.iter().map(|g| g.ch).collect();
        if chars.len() < 4 || !is_address(&chars) {
            out.push(u);
            continue;
        }
        let mut cuts = address_breaks(&chars);
        cuts.push(chars.len());
        let mut from = 0;
        for to in cuts {
            let glyphs = u.glyphs[from..to].to_vec();
            out.push(Unit {
                width: glyphs.iter().map(|g| g.width).sum(),
                shrink: 0.0,
                space_before: if from == 0 { u.space_before } else { 0.0 },
                break_before: true,
                glyphs,
            });
            from = to;
        }
    }
    out
}

/// Adjacent full-width marks always give up the blank between them (》、《 takes two em, not
/// three).
fn squeeze_adjacent(units: &mut [Unit]) {
    for i in 1..units.len() {
        if units[i].space_before > 0.0 {
            continue;
        }
        let (before, after) = units.split_at_mut(i);
        let (Some(a), Some(b)) = (before[i - 1].glyphs.last_mut(), after[0].glyphs.first_mut())
        else {
            continue;
        };
        if a.shrink <= 0.0 || b.shrink <= 0.0 {
            continue;
        }
        if !a.shrink_left {
            // A closing mark gives up its trailing blank.
            a.width -= a.shrink;
            a.shrink = 0.0;
        } else if b.shrink_left {
            // Two opening marks: the second gives up its leading blank.
            b.width -= b.shrink;
            b.offset -= b.shrink;
            b.shrink = 0.0;
        }
    }
    for u in units {
        u.width = u.glyphs.iter().map(|g| g.width).sum();
        u.shrink = u.glyphs.iter().map(|g| g.shrink).sum();
    }
}

fn ends_with_digit(u: &Unit) -> bool {
    u.last().is_some_and(|c| c.is_ascii_digit())
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
                shrink: g.shrink,
            });
            pending_space = 0.0;
            in_word = word;
        }
    }
    let mut out = split_addresses(out);
    squeeze_adjacent(&mut out);
    // 避头尾 and other places where a line must not break.
    for i in 0..out.len() {
        let prev_last = if i == 0 { None } else { out[i - 1].last() };
        let first = out[i].first();
        let space = out[i].space_before > 0.0;
        // A number keeps its unit (2021年, 759条, 80余条, 3万元).
        let unit_of_number = !space
            && i > 0
            && first.is_some_and(|f| NUMBER_UNITS.contains(f))
            && (ends_with_digit(&out[i - 1])
                || (i > 1
                    && !out[i - 1].break_before
                    && out[i - 1].glyphs.len() == 1
                    && prev_last.is_some_and(|p| NUMBER_UNIT_PREFIXES.contains(p))));
        let forbidden = match (prev_last, first) {
            (None, _) => false,
            _ if unit_of_number => true,
            (_, Some(f)) if NO_LINE_START.contains(f) && !space => true,
            (Some(p), _) if NO_LINE_END.contains(p) && !space => true,
            // ——, …… and similar doubled marks stay together.
            (Some(p), Some(f)) => p == f && "—…·－".contains(f),
            _ => false,
        };
        if forbidden {
            out[i].break_before = false;
        }
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

fn line_shrink(units: &[Unit], r: LineRange) -> f32 {
    units[r.start..r.end].iter().map(|u| u.shrink).sum()
}

/// How a gap between two units of a line may be spaced out when the line is justified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Inside a word cut into pieces (an address): never spaced.
    None,
    /// Between two hanzi or marks: letter-spacing up to [`MAX_LETTER_SPACE`].
    Letter,
    /// Between a hanzi and a Latin word or number, or a word space: up to [`MAX_MIXED_SPACE`].
    Mixed,
}

fn gap_before(units: &[Unit], i: usize) -> Gap {
    let (Some(p), Some(f)) = (units[i - 1].last(), units[i].first()) else {
        return Gap::Letter;
    };
    let (pw, fw) = (is_word_char(p), is_word_char(f));
    let mark =
        |c: char| NO_LINE_START.contains(c) || NO_LINE_END.contains(c) || SQUEEZE_RIGHT.contains(c);
    if units[i].space_before > 0.0 {
        Gap::Mixed
    } else if pw && fw {
        Gap::None
    } else if pw != fw && !mark(p) && !mark(f) {
        // A hanzi next to a Latin word or number (not a bracket next to a number).
        Gap::Mixed
    } else {
        Gap::Letter
    }
}

/// The extra space of each gap of a justified line (index i: before unit `r.start + i`), and
/// the slack left over when the caps do not let the line fill `width`.
fn stretch(units: &[Unit], r: LineRange, slack: f32) -> (Vec<f32>, f32) {
    let kinds: Vec<Gap> = (r.start..r.end)
        .map(|i| {
            if i == r.start {
                Gap::None
            } else {
                gap_before(units, i)
            }
        })
        .collect();
    let letter = kinds.iter().filter(|k| **k != Gap::None).count();
    let mixed = kinds.iter().filter(|k| **k == Gap::Mixed).count();
    let mut out = vec![0.0; kinds.len()];
    if slack <= 0.0 || letter == 0 {
        return (out, slack.max(0.0));
    }
    // First every gap alike, up to the letter-spacing cap; then the mixed gaps further.
    let even = (slack / letter as f32).min(MAX_LETTER_SPACE);
    let mut left = slack - even * letter as f32;
    let more = if mixed > 0 {
        (left / mixed as f32).min(MAX_MIXED_SPACE - even).max(0.0)
    } else {
        0.0
    };
    left -= more * mixed as f32;
    for (o, k) in out.iter_mut().zip(&kinds) {
        *o = match k {
            Gap::None => 0.0,
            Gap::Letter => even,
            Gap::Mixed => even + more,
        };
    }
    (out, left.max(0.0))
}

/// What a line of the paragraph costs, for choosing where the lines break: spacing out or
/// compressing a line costs in proportion to how visible it is; a line that cannot fill its
/// width within the caps costs much more, and one that overflows most of all.
fn line_cost(line: &LineShape, avail: f32, last: bool) -> f32 {
    let LineShape {
        natural,
        shrink,
        end_shrink,
        letter,
        mixed,
    } = *line;
    if natural > avail + 0.01 {
        if natural - shrink > avail + 0.01 {
            return OVERFULL;
        }
        // A mark at the end of the line gives up its blank almost for free; marks inside the
        // line cost about as much as letter-spacing, so that neither is overdone.
        let over = natural - avail;
        if over <= end_shrink + 0.01 {
            return 0.1;
        }
        let ratio = (over - end_shrink) / (shrink - end_shrink);
        return 0.5 + 2.0 * ratio * ratio;
    }
    if last {
        return 0.0;
    }
    let slack = avail - natural;
    if letter == 0 {
        let short = slack / 10.0;
        return if slack > 0.01 {
            LOOSE + short * short
        } else {
            0.0
        };
    }
    let even = slack / letter as f32;
    if even <= MAX_LETTER_SPACE {
        return even * even;
    }
    let extra = slack - MAX_LETTER_SPACE * letter as f32;
    let room = mixed as f32 * (MAX_MIXED_SPACE - MAX_LETTER_SPACE);
    if extra <= room + 0.01 {
        let more = extra / (mixed as f32 * (MAX_MIXED_SPACE - MAX_LETTER_SPACE));
        return 1.0 + 4.0 * more * more;
    }
    // The line will end short of the margin.
    let short = (extra - room) / 10.0;
    LOOSE + short * short
}

/// What the cost of a line depends on.
#[derive(Debug, Clone, Copy)]
struct LineShape {
    natural: f32,
    /// All its marks may give up.
    shrink: f32,
    /// What the mark ending it may give up.
    end_shrink: f32,
    /// Gaps that may be spaced out, and of them those next to a Latin word or number.
    letter: usize,
    mixed: usize,
}

/// What the last glyph of a line may give up at the line's end: a closing mark's blank.
fn end_shrink(u: &Unit) -> f32 {
    u.glyphs
        .last()
        .filter(|g| !g.shrink_left)
        .map(|g| g.shrink)
        .unwrap_or(0.0)
}

/// Cost of a line that cannot be filled within the spacing caps.
const LOOSE: f32 = 100.0;
/// Cost of a line wider than the measure even compressed (only when nothing else is possible).
const OVERFULL: f32 = 1.0e6;
/// Cost of every line, so that a paragraph does not take an extra line to save a little
/// spacing.
const PER_LINE: f32 = 5.0;
/// Cost of a last line of one lone character (孤字).
const LONE_LAST: f32 = 50.0;

/// Line breaking over the whole paragraph: the breaks allowed (避头尾, numbers with their
/// units, address pieces) chosen so that the lines together need the least compression and
/// letter-spacing, marks compressed before gaps are spaced out, no line spaced beyond the caps
/// where another choice avoids it, and no lone character on the last line. `first` is the
/// width of the first line (after its indent), `rest` of the others. A unit wider than a line
/// is split by characters first.
pub fn break_lines(units: &mut Vec<Unit>, first: f32, rest: f32) -> Vec<LineRange> {
    split_oversized(units, rest.min(first));
    let len = units.len();
    if len == 0 {
        return Vec::new();
    }
    let kinds: Vec<Gap> = (0..len)
        .map(|i| {
            if i == 0 {
                Gap::None
            } else {
                gap_before(units, i)
            }
        })
        .collect();
    // best[i]: least cost of setting units[..i] with a break before unit i; from[i]: where
    // the line ending there starts.
    let mut best = vec![f32::INFINITY; len + 1];
    let mut from = vec![0usize; len + 1];
    best[0] = 0.0;
    for i in 0..len {
        if !best[i].is_finite() || (i > 0 && !units[i].break_before) {
            continue;
        }
        let avail = if i == 0 { first } else { rest };
        let mut natural = 0.0;
        let mut shrink = 0.0;
        let (mut letter, mut mixed) = (0, 0);
        let mut found = false;
        for j in i + 1..=len {
            let u = &units[j - 1];
            natural += if j - 1 == i {
                u.width
            } else {
                u.space_before + u.width
            };
            shrink += u.shrink;
            if j - 1 > i {
                match kinds[j - 1] {
                    Gap::None => {}
                    Gap::Letter => letter += 1,
                    Gap::Mixed => {
                        letter += 1;
                        mixed += 1;
                    }
                }
            }
            if j < len && !units[j].break_before {
                continue;
            }
            let last = j == len;
            let shape = LineShape {
                natural,
                shrink,
                end_shrink: end_shrink(u),
                letter,
                mixed,
            };
            let mut cost = line_cost(&shape, avail, last);
            if cost >= OVERFULL && found {
                break;
            }
            if last && i > 0 && is_lone(units, LineRange { start: i, end: j }) {
                cost += LONE_LAST;
            }
            let total = best[i] + cost + PER_LINE;
            if total < best[j] {
                best[j] = total;
                from[j] = i;
            }
            found = true;
            if cost >= OVERFULL {
                break;
            }
        }
    }
    let mut lines = Vec::new();
    let mut j = len;
    while j > 0 {
        let i = from[j];
        lines.push(LineRange { start: i, end: j });
        j = i;
    }
    lines.reverse();
    lines
}

/// Whether a line holds one character at most, marks aside.
fn is_lone(units: &[Unit], r: LineRange) -> bool {
    units[r.start..r.end]
        .iter()
        .flat_map(|u| &u.glyphs)
        .filter(|g| !NO_LINE_START.contains(g.ch))
        .count()
        <= 1
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
                    shrink: g.shrink,
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

/// Places the units of a line `width` pt wide. Marks are compressed as far as the line needs
/// to fit; with `justify`, a line shorter than `width` is spaced out to fill it, by at most
/// [`MAX_LETTER_SPACE`] between hanzi (and [`MAX_MIXED_SPACE`] next to Latin words), so a line
/// that would need more stays short.
pub fn place_line(units: &[Unit], r: LineRange, width: f32, justify: bool) -> Vec<LineGlyph> {
    let slice = &units[r.start..r.end];
    let natural = line_width(units, r);
    let over = natural - width;
    // The mark ending the line gives up its blank first, then the others alike.
    let at_end = slice
        .last()
        .map(end_shrink)
        .unwrap_or(0.0)
        .min(over.max(0.0));
    let inside = line_shrink(units, r) - at_end;
    let ratio = if over - at_end > 0.0 && inside > 0.0 {
        ((over - at_end) / inside).min(1.0)
    } else {
        0.0
    };
    let glyph_count: usize = slice.iter().map(|u| u.glyphs.len()).sum();
    let mut index = 0;
    let extra = if justify && over < 0.0 {
        stretch(units, r, -over).0
    } else {
        vec![0.0; slice.len()]
    };
    let mut x = 0.0;
    let mut out = Vec::new();
    for (i, u) in slice.iter().enumerate() {
        if i > 0 {
            x += u.space_before + extra[i];
        }
        for g in &u.glyphs {
            index += 1;
            let give = if index == glyph_count && !g.shrink_left && at_end > 0.0 {
                // at_end ≤ this glyph's shrink; the rest of it is shared like the others'.
                at_end + (g.shrink - at_end) * ratio
            } else {
                g.shrink * ratio
            };
            let shift = if g.shrink_left { give } else { 0.0 };
            out.push(LineGlyph {
                x: x + g.offset - shift,
                ch: g.ch,
                glyph: g.glyph,
                role: g.role,
            });
            x += g.width - give;
        }
    }
    out
}

/// Natural width of a line.
pub fn natural_width(units: &[Unit], r: LineRange) -> f32 {
    line_width(units, r)
}

/// Width a line takes when set in `width`: its natural width, or less by compressing its marks.
pub fn set_width(units: &[Unit], r: LineRange, width: f32) -> f32 {
    let natural = line_width(units, r);
    natural.min(width).max(natural - line_shrink(units, r))
}

/// Letter-spacing per gap a justified line of `width` would get, after the caps (for tests and
/// checks): `None` for a line with no gap.
pub fn letter_space(units: &[Unit], r: LineRange, width: f32) -> Option<f32> {
    if r.end <= r.start + 1 {
        return None;
    }
    let slack = width - line_width(units, r);
    let (gaps, _) = stretch(units, r, slack);
    gaps.into_iter().skip(1).reduce(f32::max)
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
