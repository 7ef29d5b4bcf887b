//! Characters, rules and pictures on pages → paragraphs, tables and pictures in reading order.
//!
//! Tables come from drawn rules (every producer we met draws the grid: our export, Typst,
//! LibreOffice, WPS and Word); a merged cell is a grid cell whose inner rules are missing.
//! Text outside tables is grouped into lines by baseline and lines into paragraphs by first-line
//! indent, short last lines, headings and gaps; page numbers and running heads are dropped.

use std::collections::HashMap;

use super::interp::{Glyph, PageContent, Rect, Rule};
use crate::doc::{Block, Cell, Document, Located, Table};

/// Builds the document from its pages, in page order.
pub fn document(pages: &[(u32, PageContent)]) -> Document {
    let furniture = Furniture::find(pages);
    let mut items: Vec<(u32, Item)> = Vec::new();
    for (number, page) in pages {
        for item in page_items(page, &furniture) {
            items.push((*number, item));
        }
    }
    // The body's margins, the same on every page of a report: where most lines start, and
    // where most full lines end (a page that is mostly table has too few lines to tell).
    let lines = || {
        items.iter().filter_map(|(_, i)| match i {
            Item::Line(l) => Some(l),
            _ => None,
        })
    };
    // Not simply where most lines start: in a report of many one- and two-line paragraphs
    // most lines start indented, and the margin is then the leftmost place many lines share.
    let starts: Vec<f32> = lines().map(|l| l.x0).collect();
    let often = (starts.len() / 20).max(2);
    let left = frequent_min(&starts, often)
        .or_else(|| mode(starts.iter().copied()))
        .unwrap_or(0.0);
    let right = mode(lines().map(|l| l.x1)).unwrap_or(0.0);
    let right = lines()
        .map(|l| l.x1)
        .filter(|x| *x <= right + 3.0)
        .fold(right, f32::max);
    for (_, item) in &mut items {
        if let Item::Line(l) = item {
            l.left = left;
            l.right = right;
            // A line that reaches the right margin may have been justified.
            if l.x1 >= right - 1.0 {
                l.text = line_text(&l.glyphs, true);
            }
        }
    }
    Document {
        blocks: assemble(&items),
    }
}

/// One thing on a page in reading order, before lines become paragraphs.
enum Item {
    Line(Line),
    Table(Table),
    Image,
}

#[derive(Debug, Clone)]
struct Line {
    text: String,
    /// The line's glyphs, for its text again once the margins are known.
    glyphs: Vec<Glyph>,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    /// Width of the unbreakable run the line starts with: Latin letters, digits and their
    /// punctuation with the character after them (a number's unit), or marks that may not
    /// start or end a line with their neighbours (避头尾); 0 when the line may break after its
    /// first character.
    lead_w: f32,
    /// The line cut where the gap between two glyphs is wider than 1.5 em (a table row without
    /// rules falls into its cells so).
    cells: Vec<String>,
    /// The body's left and right margins on this line's page.
    left: f32,
    right: f32,
}

/// Chinese characters and the wide punctuation around them: no space is ever wanted next to one.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2000..=0x206F // general punctuation: “” ‘’ — …
        | 0x2E80..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// A CJK ideograph (not a punctuation mark).
fn is_hanzi(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

// ----- lines ---------------------------------------------------------------------------

/// Groups glyphs into lines by baseline, each line's glyphs left to right.
fn lines_of(glyphs: &[&Glyph]) -> Vec<Vec<Glyph>> {
    // With their place in the content stream, which orders two glyphs drawn at one spot.
    let mut sorted: Vec<(usize, &Glyph)> = glyphs.iter().copied().enumerate().collect();
    sorted.sort_by(|(_, a), (_, b)| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<(usize, &Glyph)>> = Vec::new();
    let mut base = f32::MIN;
    for (i, g) in sorted {
        let tolerance = (g.size * 0.35).max(1.0);
        match lines.last_mut() {
            Some(line) if (g.y - base).abs() <= tolerance => line.push((i, g)),
            _ => {
                base = g.y;
                lines.push(vec![(i, g)]);
            }
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            // By the glyph's middle: an opening mark that gave up its blank left half is drawn
            // from left of where the character before it ends. Two drawn at one spot (a closing
            // mark squeezed before an opening one: "；“") keep the order they were drawn in.
            let middle = |g: &Glyph| g.x + g.w * 0.5;
            line.sort_by(|(_, a), (_, b)| middle(a).total_cmp(&middle(b)));
            for k in 1..line.len() {
                let ((i, a), (j, b)) = (line[k - 1], line[k]);
                if j < i && (middle(b) - middle(a)).abs() < a.size.max(b.size) * 0.05 {
                    line.swap(k - 1, k);
                }
            }
            let mut line: Vec<Glyph> = line.into_iter().map(|(_, g)| g.clone()).collect();
            // Fake bold (the same character printed twice, shifted a hair) reads once; two
            // narrow marks printed side by side ('' or ..) are two.
            line.dedup_by(|b, a| a.ch == b.ch && (b.x - a.x).abs() < (a.w * 0.5).min(a.size * 0.2));
            line
        })
        .collect()
}

/// A line's text: spaces where a space glyph says so or where the gap is a space's width more
/// than the line's usual gap between hanzi (letter-spacing widens every gap alike). In a
/// stretched line (its hanzi letter-spaced; without two hanzi side by side: `justified`, as it
/// reaches the right margin) a gap next to a number or Latin word may also be widened, up to a
/// quarter em (ours are, and Word's 中英文间距 is about that): there only a wider gap is a
/// space. A space next to a hanzi is kept when the gap says so: "2023 年" printed with a
/// space's advance was written so.
fn line_text(glyphs: &[Glyph], justified: bool) -> String {
    // The letter-spacing of the line: the median gap between two hanzi.
    let mut between: Vec<f32> = glyphs
        .windows(2)
        .filter(|w| is_hanzi(w[0].ch) && is_hanzi(w[1].ch))
        .map(|w| w[1].x - (w[0].x + w[0].w))
        .collect();
    between.sort_by(f32::total_cmp);
    let usual = between
        .get(between.len() / 2)
        .copied()
        .unwrap_or(0.0)
        .max(0.0);
    // Without two hanzi side by side: a gap that is neither none nor a space's tells.
    let stretched = if between.is_empty() {
        justified
            || glyphs.windows(2).any(|w| {
                let gap = w[1].x - (w[0].x + w[0].w);
                gap > 0.05 && gap < w[0].size.max(w[1].size) * 0.2
            })
    } else {
        usual > 0.05
    };
    let mut out = String::new();
    // Spaces that stay next to a wide character: where `out` had one, by char index.
    let mut kept: Vec<usize> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if g.ch.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        if let Some(p) = prev {
            let gap = g.x - (p.x + p.w);
            let em = p.size.max(g.size);
            let mixed = if stretched { em * 0.26 } else { 0.0 };
            if !out.ends_with(' ') && gap > (usual + em * 0.18).max(mixed) {
                if is_wide(p.ch) || is_wide(g.ch) {
                    kept.push(out.chars().count());
                }
                out.push(' ');
            }
        }
        out.push(g.ch);
        prev = Some(g);
    }
    tidy_spaces(&out, &kept)
}

/// Drops spaces next to wide characters (except those at the char indices in `kept`) and at
/// the ends.
fn tidy_spaces(s: &str, kept: &[usize]) -> String {
    let lead = s.chars().take_while(|c| *c == ' ').count();
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = out.chars().last();
            let after = chars.get(i + 1).copied();
            let keep = kept.contains(&(i + lead));
            if before.is_none_or(|b| b == ' ' || (is_wide(b) && !keep))
                || after.is_none_or(|a| is_wide(a) && !keep)
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A line's pieces between gaps wider than 1.5 em.
fn cells_of(glyphs: &[Glyph]) -> Vec<String> {
    let mut cells = Vec::new();
    let mut start = 0;
    let mut end_x = f32::MIN;
    for (i, g) in glyphs.iter().enumerate() {
        if g.ch.is_whitespace() {
            continue;
        }
        if i > start && g.x - end_x > g.size * 1.5 {
            cells.push(line_text(&glyphs[start..i], false));
            start = i;
        }
        end_x = g.x + g.w;
    }
    cells.push(line_text(&glyphs[start..], false));
    cells.retain(|c| !c.is_empty());
    cells
}

/// A printed count: digits (half or full width), or "-" "/" "—" for none.
fn is_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && (t
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '.')
            || matches!(t, "-" | "/" | "—" | "－" | "／"))
}

/// Joins a paragraph's (or a cell's) next printed line to what came before.
fn join(acc: &mut String, next: &str) {
    let (Some(last), Some(first)) = (acc.chars().last(), next.chars().next()) else {
        acc.push_str(next);
        return;
    };
    // "infor-" + "mation": a hyphen the line break made.
    if last == '-'
        && first.is_ascii_lowercase()
        && acc
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|b| b.is_ascii_lowercase())
    {
        acc.pop();
        acc.push_str(next);
        return;
    }
    let tail = acc
        .rsplit(|c: char| c.is_whitespace() || is_wide(c))
        .next()
        .unwrap_or("");
    let urlish = tail.contains("://") || tail.starts_with("www.") || tail.contains('@');
    if last.is_ascii_alphabetic() && first.is_ascii_alphabetic() && !urlish
        || matches!(last, ',' | ';' | ':' | '.' | '!' | '?')
            && first.is_ascii_alphanumeric()
            && !urlish
    {
        acc.push(' ');
    }
    acc.push_str(next);
}

// ----- page furniture ------------------------------------------------------------------

/// Whether a line is a page number: "- 1 -", "— 2 —", "第1页", "第1页 共5页", "1/5", "3".
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '─' | '―' | '·'));
    if t.is_empty() {
        return false;
    }
    let digits = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    if digits(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    let mut rest = t;
    if let Some(r) = rest.strip_prefix('第')
        && let Some((n, r)) = r.split_once('页')
        && digits(n)
    {
        rest = r.trim_start_matches(['，', ',']);
        if rest.is_empty() {
            return true;
        }
    }
    if let Some(r) = rest.strip_prefix('共')
        && let Some(n) = r.strip_suffix('页')
    {
        return digits(n);
    }
    false
}

/// Top and bottom strips where running heads and page numbers sit.
fn in_margin(y: f32, height: f32) -> bool {
    y < height * 0.09 || y > height * 0.90
}

/// Page numbers are digits; running heads repeat the same text on several pages.
fn furniture_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Texts of the top and bottom strips that repeat on several pages.
struct Furniture {
    repeated: Vec<String>,
}

impl Furniture {
    fn find(pages: &[(u32, PageContent)]) -> Self {
        let mut count: HashMap<String, usize> = HashMap::new();
        for (_, page) in pages {
            let glyphs: Vec<&Glyph> = page
                .glyphs
                .iter()
                .filter(|g| in_margin(g.y, page.height))
                .collect();
            let mut seen = Vec::new();
            for line in lines_of(&glyphs) {
                let key = furniture_key(&line_text(&line, false));
                if !key.is_empty() && !seen.contains(&key) {
                    seen.push(key);
                }
            }
            for key in seen {
                *count.entry(key).or_default() += 1;
            }
        }
        let need = if pages.len() >= 3 { 3 } else { 2 };
        Furniture {
            repeated: count
                .into_iter()
                .filter(|(_, n)| *n >= need)
                .map(|(k, _)| k)
                .collect(),
        }
    }

    fn is_furniture(&self, text: &str, y: f32, height: f32) -> bool {
        in_margin(y, height)
            && (is_page_number(text) || self.repeated.contains(&furniture_key(text)))
    }
}

// ----- tables --------------------------------------------------------------------------

/// A table found from its rules: row and column lines and which inner rules exist.
struct Grid {
    ys: Vec<f32>,
    xs: Vec<f32>,
    h: Vec<Rule>,
    v: Vec<Rule>,
}

impl Grid {
    fn rect(&self) -> Rect {
        (
            self.xs[0],
            self.ys[0],
            self.xs[self.xs.len() - 1],
            self.ys[self.ys.len() - 1],
        )
    }

    /// Is the boundary left of column `c` drawn across row `r`?
    fn has_v(&self, c: usize, r: usize) -> bool {
        let (x, top, bottom) = (self.xs[c], self.ys[r], self.ys[r + 1]);
        let need = (bottom - top) * 0.5;
        let covered: f32 = self
            .v
            .iter()
            .filter_map(|rule| match *rule {
                Rule::V { x: rx, y0, y1 } if (rx - x).abs() <= TOL => {
                    Some((y1.min(bottom) - y0.max(top)).max(0.0))
                }
                _ => None,
            })
            .sum();
        covered >= need
    }

    /// Is the boundary above row `r` drawn across column `c`?
    fn has_h(&self, r: usize, c: usize) -> bool {
        let (y, left, right) = (self.ys[r], self.xs[c], self.xs[c + 1]);
        let need = (right - left) * 0.5;
        let covered: f32 = self
            .h
            .iter()
            .filter_map(|rule| match *rule {
                Rule::H { y: ry, x0, x1 } if (ry - y).abs() <= TOL => {
                    Some((x1.min(right) - x0.max(left)).max(0.0))
                }
                _ => None,
            })
            .sum();
        covered >= need
    }
}

/// A page with more rules than this is a drawing, not a table (a report's page has a few
/// hundred); the grouping below compares every pair.
const MAX_RULES: usize = 4_000;
/// Separate ruled grids on one page.
const MAX_GRIDS: usize = 50;
/// Table 三 has about 300 cells; more than this on one page is not a report's table.
const MAX_CELLS: usize = 5_000;

/// How far apart two rules may be and still be the same line (double rules, rounding).
const TOL: f32 = 2.5;

/// Positions closer than `TOL` become one (their mean).
fn cluster(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((sum_mean, n)) if (v - *sum_mean / *n as f32).abs() <= TOL => {
                *sum_mean += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f32).collect()
}

/// Sets of rules that touch one another, each with at least two rows and one column of cells.
fn grids(rules: &[Rule]) -> Vec<Grid> {
    // Too many rules is a drawing, not a table: bound the quadratic grouping below.
    if rules.len() > MAX_RULES {
        return Vec::new();
    }
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let touches = |a: &Rule, b: &Rule| match (*a, *b) {
        (Rule::H { y, x0, x1 }, Rule::V { x, y0, y1 })
        | (Rule::V { x, y0, y1 }, Rule::H { y, x0, x1 }) => {
            x >= x0 - TOL && x <= x1 + TOL && y >= y0 - TOL && y <= y1 + TOL
        }
        (
            Rule::H {
                y: ya,
                x0: a0,
                x1: a1,
            },
            Rule::H {
                y: yb,
                x0: b0,
                x1: b1,
            },
        ) => (ya - yb).abs() <= TOL && a0 <= b1 + TOL && b0 <= a1 + TOL,
        (
            Rule::V {
                x: xa,
                y0: a0,
                y1: a1,
            },
            Rule::V {
                x: xb,
                y0: b0,
                y1: b1,
            },
        ) => (xa - xb).abs() <= TOL && a0 <= b1 + TOL && b0 <= a1 + TOL,
    };
    for i in 0..n {
        for j in i + 1..n {
            if touches(&rules[i], &rules[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<Rule>> = HashMap::new();
    for (i, rule) in rules.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(*rule);
    }
    let mut out = Vec::new();
    for (_, group) in groups {
        let (h, v): (Vec<Rule>, Vec<Rule>) =
            group.into_iter().partition(|r| matches!(r, Rule::H { .. }));
        let ys = cluster(
            h.iter()
                .filter_map(|r| {
                    if let Rule::H { y, .. } = r {
                        Some(*y)
                    } else {
                        None
                    }
                })
                .collect(),
        );
        let xs = cluster(
            v.iter()
                .filter_map(|r| {
                    if let Rule::V { x, .. } = r {
                        Some(*x)
                    } else {
                        None
                    }
                })
                .collect(),
        );
        let cells = (ys.len().saturating_sub(1)) * (xs.len().saturating_sub(1));
        if ys.len() >= 2 && xs.len() >= 2 && (ys.len() >= 3 || xs.len() >= 3) && cells <= MAX_CELLS
        {
            out.push(Grid { ys, xs, h, v });
        }
    }
    out.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    // A report's page holds a few tables; hundreds of little grids are a drawing.
    if out.len() > MAX_GRIDS {
        return Vec::new();
    }
    out
}

/// Where a glyph counts as standing: the middle of its advance, a third of the size above
/// the baseline.
fn centre(g: &Glyph) -> (f32, f32) {
    (g.x + g.w / 2.0, g.y - g.size * 0.3)
}

fn inside(g: &Glyph, (x0, y0, x1, y1): Rect) -> bool {
    let (cx, cy) = centre(g);
    cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1
}

/// The grid's cells, merged where inner rules are missing, each with the text inside it.
fn table_of(grid: &Grid, glyphs: &[&Glyph]) -> Table {
    let rows = grid.ys.len() - 1;
    let cols = grid.xs.len() - 1;
    // Which merged cell (row, index in row) covers each grid position.
    let mut owner: Vec<Vec<Option<(usize, usize)>>> = vec![vec![None; cols]; rows];
    let mut spans: Vec<Vec<(usize, usize)>> = vec![Vec::new(); rows];
    for r in 0..rows {
        for c in 0..cols {
            if owner[r][c].is_some() {
                continue;
            }
            let mut cs = 1;
            while c + cs < cols && !grid.has_v(c + cs, r) && owner[r][c + cs].is_none() {
                cs += 1;
            }
            let mut rs = 1;
            while r + rs < rows
                && (c..c + cs).all(|k| !grid.has_h(r + rs, k) && owner[r + rs][k].is_none())
            {
                rs += 1;
            }
            let id = (r, spans[r].len());
            for row in owner.iter_mut().skip(r).take(rs) {
                for o in row.iter_mut().skip(c).take(cs) {
                    *o = Some(id);
                }
            }
            spans[r].push((cs, rs));
        }
    }
    // Each glyph to the cell its centre falls in (binary search on the grid lines, so a
    // hostile grid of thousands of cells costs no more than a real one).
    let mut inner: Vec<Vec<Vec<&Glyph>>> =
        spans.iter().map(|r| vec![Vec::new(); r.len()]).collect();
    for g in glyphs {
        let (cx, cy) = centre(g);
        let c = grid.xs.partition_point(|x| *x < cx);
        let r = grid.ys.partition_point(|y| *y < cy);
        if c == 0 || r == 0 || c > cols || r > rows {
            continue;
        }
        if let Some((row, i)) = owner[r - 1][c - 1] {
            inner[row][i].push(g);
        }
    }
    let rows = spans
        .iter()
        .zip(inner)
        .map(|(row, texts)| {
            row.iter()
                .zip(texts)
                .map(|(&(cs, rs), glyphs)| {
                    let mut text = String::new();
                    for line in lines_of(&glyphs) {
                        join(&mut text, &line_text(&line, false));
                    }
                    Cell {
                        text,
                        col_span: u16::try_from(cs).unwrap_or(u16::MAX),
                        row_span: u16::try_from(rs).unwrap_or(u16::MAX),
                    }
                })
                .collect()
        })
        .collect();
    Table { rows }
}

// ----- a page --------------------------------------------------------------------------

/// Most common value, rounded to whole points.
/// The smallest value (to the point) that occurs at least `often` times.
fn frequent_min(values: &[f32], often: usize) -> Option<f32> {
    let mut count: HashMap<i32, usize> = HashMap::new();
    for v in values {
        *count.entry(v.round() as i32).or_default() += 1;
    }
    count
        .into_iter()
        .filter(|(_, n)| *n >= often)
        .map(|(v, _)| v)
        .min()
        .map(|v| v as f32)
}

fn mode(values: impl Iterator<Item = f32>) -> Option<f32> {
    let mut count: HashMap<i32, usize> = HashMap::new();
    for v in values {
        *count.entry(v.round() as i32).or_default() += 1;
    }
    count
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(v, _)| v as f32)
}

fn page_items(page: &PageContent, furniture: &Furniture) -> Vec<Item> {
    let grids = grids(&page.rules);
    let rects: Vec<Rect> = grids.iter().map(Grid::rect).collect();
    let all: Vec<&Glyph> = page.glyphs.iter().collect();
    let mut placed: Vec<(f32, Item)> = Vec::new();
    for grid in &grids {
        let inner: Vec<&Glyph> = all
            .iter()
            .copied()
            .filter(|g| inside(g, grid.rect()))
            .collect();
        placed.push((grid.ys[0], Item::Table(table_of(grid, &inner))));
    }
    // A picture as large as a table, with (almost) no text over it, stands where text could
    // be; seals, logos and page backgrounds with text on them do not count.
    let big = page
        .images
        .iter()
        .filter(|(x0, y0, x1, y1)| x1 - x0 >= page.width * 0.4 && y1 - y0 >= page.height * 0.08)
        .take(MAX_GRIDS);
    for &(x0, y0, x1, y1) in big {
        let text_on_it = all
            .iter()
            .filter(|g| inside(g, (x0, y0, x1, y1)))
            .take(5)
            .count();
        if text_on_it < 5 && !rects.iter().any(|r| r.1 <= y0 && r.3 >= y1) {
            placed.push((y0, Item::Image));
        }
    }
    let free: Vec<&Glyph> = all
        .iter()
        .copied()
        .filter(|g| !rects.iter().any(|r| inside(g, *r)))
        .collect();
    let mut lines: Vec<Line> = Vec::new();
    for glyphs in lines_of(&free) {
        let text = line_text(&glyphs, false);
        let y = glyphs.iter().map(|g| g.y).sum::<f32>() / glyphs.len() as f32;
        if text.is_empty() || furniture.is_furniture(&text, y, page.height) {
            continue;
        }
        let visible: Vec<&Glyph> = glyphs.iter().filter(|g| !g.ch.is_whitespace()).collect();
        let (Some(first), Some(last)) = (visible.first(), visible.last()) else {
            continue;
        };
        let mut sizes: Vec<f32> = visible.iter().map(|g| g.size).collect();
        sizes.sort_by(f32::total_cmp);
        // A number keeps its unit ("2021年", "30%"): the run and the glyph after it. Marks
        // that may not start a line stay with what is before them, and those that may not end
        // one with what follows (避头尾: "“”某" breaks as one).
        const NO_START: &str = "，。、；：？！）》」』’”…〕】〉〗｝］,.;:?!)]}%‰·";
        const NO_END: &str = "（《「『‘“〔【〈〖｛［([{";
        let mut run = 1;
        while let (Some(p), Some(n)) = (visible.get(run - 1), visible.get(run)) {
            let latin = p.ch.is_ascii_graphic() && n.ch.is_ascii_graphic();
            if latin || NO_END.contains(p.ch) || NO_START.contains(n.ch) {
                run += 1;
            } else {
                break;
            }
        }
        let ends_ascii = visible
            .get(run - 1)
            .is_some_and(|g| g.ch.is_ascii_graphic());
        let lead = if ends_ascii {
            visible.get(run).or(visible.get(run - 1))
        } else if run > 1 {
            visible.get(run - 1)
        } else {
            None
        };
        lines.push(Line {
            text,
            x0: first.x,
            x1: last.x + last.w,
            y,
            size: sizes[sizes.len() / 2],
            lead_w: lead.map_or(0.0, |g| g.x + g.w - first.x),
            left: 0.0,
            right: 0.0,
            cells: cells_of(&glyphs),
            glyphs,
        });
    }
    // A table printed without rules: consecutive lines that each fall into three or more
    // pieces, two of them numbers (a row of counts), become the rows of a table.
    let is_row =
        |l: &Line| l.cells.len() >= 3 && l.cells.iter().filter(|c| is_number(c)).count() >= 2;
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| is_row(l)).count();
        if run >= 2 {
            let rows: Vec<Vec<Cell>> = lines[i..i + run]
                .iter()
                .map(|l| {
                    l.cells
                        .iter()
                        .map(|t| Cell {
                            text: t.clone(),
                            col_span: 1,
                            row_span: 1,
                        })
                        .collect()
                })
                .collect();
            placed.push((lines[i].y - lines[i].size, Item::Table(Table { rows })));
            i += run;
        } else {
            let line = lines[i].clone();
            placed.push((line.y - line.size, Item::Line(line)));
            i += 1;
        }
    }
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    placed.into_iter().map(|(_, item)| item).collect()
}

// ----- paragraphs ----------------------------------------------------------------------

/// A heading or numbered item always starts a paragraph: "一、" "（一）" "1." "（1）".
fn starts_heading(text: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let t = text.trim_start();
    let numeral_run = |s: &str| s.chars().take_while(|c| NUMERALS.contains(*c)).count();
    let n = numeral_run(t);
    if n > 0 && t.chars().nth(n) == Some('、') {
        return true;
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = t.strip_prefix(open) {
            let n = numeral_run(rest);
            let d = rest.chars().take_while(char::is_ascii_digit).count();
            if (n > 0 && rest.chars().nth(n) == Some(close))
                || (d > 0 && rest.chars().nth(d) == Some(close))
            {
                return true;
            }
        }
    }
    let d = t.chars().take_while(char::is_ascii_digit).count();
    d > 0
        && matches!(t.chars().nth(d), Some('.' | '．' | '、'))
        && !t.chars().nth(d + 1).is_some_and(|c| c.is_ascii_digit())
}

/// Whether `line` continues the paragraph whose last line is `prev`.
/// `indented`: the document starts its paragraphs with an indent (Chinese official documents
/// do, 2 em), so a line at the margin after a short one is the rest of a paragraph (a justified
/// line that could not be stretched enough is left short).
fn continues(prev: &Line, line: &Line, same_page: bool, indented: bool) -> bool {
    let em = line.size.max(1.0);
    if starts_heading(&line.text) {
        return false;
    }
    if (line.size - prev.size).abs() > prev.size * 0.15 {
        return false;
    }
    // First-line indent (2 em in the format; anything from 1.2 em counts).
    if line.x0 - line.left >= em * 1.2 {
        return false;
    }
    // A line that stops well short of the right margin ended its paragraph, unless what
    // starts the next line (a number, a Latin word or address) would not have fitted there.
    let room = prev.right - prev.x1;
    let at_margin = (line.x0 - line.left).abs() < em * 0.3;
    if room > prev.size * 1.5 && line.lead_w < room && !(indented && at_margin) {
        return false;
    }
    if starts_heading(&prev.text) && prev.right - prev.x1 > prev.size * 0.5 {
        return false;
    }
    if same_page && line.y - prev.y > prev.size.max(em) * 2.3 {
        return false;
    }
    true
}

fn assemble(items: &[(u32, Item)]) -> Vec<Located> {
    let mut blocks: Vec<Located> = Vec::new();
    let mut open: Option<(u32, String, Line)> = None;
    let close = |open: &mut Option<(u32, String, Line)>, blocks: &mut Vec<Located>| {
        if let Some((page, text, _)) = open.take() {
            blocks.push(Located {
                page: Some(page),
                block: Block::Paragraph(text),
            });
        }
    };
    // Whether paragraphs start indented: most lines that follow a short line are.
    let lines: Vec<&Line> = items
        .iter()
        .filter_map(|(_, i)| match i {
            Item::Line(l) => Some(l),
            _ => None,
        })
        .collect();
    let (mut after_short, mut indented_after) = (0usize, 0usize);
    for w in lines.windows(2) {
        let em = w[1].size.max(1.0);
        if w[0].right - w[0].x1 > w[0].size * 1.5 {
            after_short += 1;
            if w[1].x0 - w[1].left >= em * 1.2 {
                indented_after += 1;
            }
        }
    }
    let indented = after_short >= 4 && indented_after * 10 >= after_short * 7;
    let mut last_page = 0;
    for (page, item) in items {
        match item {
            Item::Line(line) => {
                let keep = match &open {
                    Some((_, _, prev)) => continues(prev, line, *page == last_page, indented),
                    None => false,
                };
                if keep {
                    if let Some((_, text, prev)) = open.as_mut() {
                        join(text, &line.text);
                        *prev = line.clone();
                    }
                } else {
                    close(&mut open, &mut blocks);
                    open = Some((*page, line.text.clone(), line.clone()));
                }
            }
            Item::Table(table) => {
                close(&mut open, &mut blocks);
                blocks.push(Located {
                    page: Some(*page),
                    block: Block::Table(table.clone()),
                });
            }
            Item::Image => {
                close(&mut open, &mut blocks);
                blocks.push(Located {
                    page: Some(*page),
                    block: Block::Image,
                });
            }
        }
        last_page = *page;
    }
    close(&mut open, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_the_forms_producers_print() {
        for t in [
            "- 1 -",
            "— 2 —",
            "—12—",
            "第1页",
            "第 3 页 共 9 页",
            "1/5",
            "7",
            "共5页",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["一、总体情况", "2021年", "第一项", "1.属于国家秘密", "-"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn headings_start_paragraphs() {
        for t in [
            "一、总体情况",
            "（一）主动公开情况",
            "(二)依申请公开",
            "1.属于国家秘密",
            "（3）其他",
        ] {
            assert!(starts_heading(t), "{t}");
        }
        for t in [
            "一是加大文件解读力度",
            "2021年以来",
            "1.5万条信息",
            "（本列数据）",
        ] {
            assert!(!starts_heading(t), "{t}");
        }
    }

    #[test]
    fn lines_join_without_artefacts() {
        let mut s = String::from("金乡县人民政府办公室认真落实《中华人民");
        join(&mut s, "共和国政府信息公开条例》");
        assert_eq!(
            s,
            "金乡县人民政府办公室认真落实《中华人民共和国政府信息公开条例》"
        );
        let mut s = String::from("an annual infor-");
        join(&mut s, "mation report");
        assert_eq!(s, "an annual information report");
        let mut s = String::from("see http://www.jinxiang.");
        join(&mut s, "gov.cn/");
        assert_eq!(s, "see http://www.jinxiang.gov.cn/");
        let mut s = String::from("open government");
        join(&mut s, "information");
        assert_eq!(s, "open government information");
        assert_eq!(tidy_spaces("自 2021 年 1 月", &[]), "自2021年1月");
        assert_eq!(tidy_spaces("自 2021 年", &[6]), "自2021 年");
        assert_eq!(tidy_spaces(" ab  c ", &[]), "ab c");
    }
}
