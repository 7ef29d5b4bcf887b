//! One page's content stream run far enough to know where each character, rule and picture
//! stands: text state, graphics state stack and paths, but no rendering.

use std::collections::{HashMap, HashSet};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

use super::Budget;
use crate::ImportError;

/// A character where the page prints it, in points from the page's top-left corner.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Left edge of the glyph.
    pub x: f32,
    /// Baseline, measured downwards from the top of the page.
    pub y: f32,
    /// Advance width on the page.
    pub w: f32,
    /// Font size on the page (the text matrix's scale applied).
    pub size: f32,
    pub ch: char,
}

/// An axis-parallel rule (a stroked line, a rectangle's side or a hairline-thin filled
/// rectangle), top-down coordinates.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// At height `y` from `x0` to `x1` (`x0 <= x1`).
    H { y: f32, x0: f32, x1: f32 },
    /// At `x` from `y0` to `y1` (`y0 <= y1`).
    V { x: f32, y0: f32, y1: f32 },
}

/// The rectangle a picture covers on the page, top-down: `(x0, y0, x1, y1)`.
pub type Rect = (f32, f32, f32, f32);

/// What one page shows.
#[derive(Debug, Default)]
pub struct PageContent {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub images: Vec<Rect>,
}

type Matrix = [f32; 6];
type FontKey = usize;
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// Form XObjects inside form XObjects: deeper than this is not a real report.
const MAX_FORM_DEPTH: usize = 8;
/// Distinct fonts in one file; a report uses a handful, a book a few dozen.
const MAX_FONTS: usize = 500;
/// `q` without `Q`, thousands deep, would only grow the stack.
const MAX_STATE_STACK: usize = 256;

/// A font as far as reading needs it: how its codes split, what they mean, how wide they are.
struct Font<'a> {
    two_byte: bool,
    /// A CID font in one of the predefined GB EUC CMaps and no ToUnicode map (Chinese PDFs
    /// with a non-embedded 宋体 from older Word and WPS): codes are GBK, one or two bytes.
    gbk: bool,
    encoding: Option<Encoding<'a>>,
    first_char: u32,
    widths: Vec<f32>,
    cid_widths: HashMap<u32, f32>,
    cid_ranges: Vec<(u32, u32, f32)>,
    default_width: f32,
}

impl Font<'_> {
    fn width(&self, code: u32) -> f32 {
        if self.two_byte {
            if let Some(w) = self.cid_widths.get(&code) {
                return *w;
            }
            for &(lo, hi, w) in &self.cid_ranges {
                if (lo..=hi).contains(&code) {
                    return w;
                }
            }
            return self.default_width;
        }
        code.checked_sub(self.first_char)
            .and_then(|i| self.widths.get(i as usize))
            .copied()
            .filter(|w| *w > 0.0)
            .unwrap_or(self.default_width)
    }

    fn decode(&self, bytes: &[u8]) -> String {
        if self.gbk {
            return encoding_rs::GBK
                .decode_without_bom_handling(bytes)
                .0
                .into_owned();
        }
        match &self.encoding {
            Some(enc) => enc.bytes_to_string(bytes).unwrap_or_default(),
            None => String::new(),
        }
    }
}

fn num(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|v| v.is_finite())
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn load_font<'a>(doc: &'a Document, dict: &'a Dictionary, budget: &Budget) -> Font<'a> {
    let subtype = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let two_byte = subtype == b"Type0";
    // A ToUnicode map says what each code means whatever the /Encoding says; lopdf looks at
    // /Encoding first, so ask it about a copy without one.
    let has_to_unicode = dict.get(b"ToUnicode").is_ok();
    let encoding = if has_to_unicode {
        let mut copy = dict.clone();
        copy.remove(b"Encoding");
        match copy.get_font_encoding_with_limit(doc, budget.per_stream) {
            // Only the map variant owns its data; keep it past the copy.
            Ok(Encoding::UnicodeMapEncoding(map)) => Some(Encoding::UnicodeMapEncoding(map)),
            _ => dict
                .get_font_encoding_with_limit(doc, budget.per_stream)
                .ok(),
        }
    } else {
        dict.get_font_encoding_with_limit(doc, budget.per_stream)
            .ok()
    };
    let cmap = dict
        .get(b"Encoding")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let gbk = two_byte
        && !has_to_unicode
        && cmap.starts_with(b"GB")
        && cmap.windows(3).any(|w| w == b"EUC");
    // Identity-H with no ToUnicode map says nothing about what the codes mean.
    let encoding = if two_byte && !has_to_unicode && !cmap.starts_with(b"Uni") {
        None
    } else {
        encoding
    };
    let mut font = Font {
        two_byte,
        gbk,
        encoding,
        first_char: 0,
        widths: Vec::new(),
        cid_widths: HashMap::new(),
        cid_ranges: Vec::new(),
        default_width: if two_byte { 1000.0 } else { 500.0 },
    };
    if two_byte {
        let descendant = dict
            .get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        if let Some(d) = descendant {
            if let Some(dw) = d.get_deref(b"DW", doc).ok().and_then(num) {
                font.default_width = dw;
            }
            if let Ok(w) = d.get_deref(b"W", doc).and_then(Object::as_array) {
                read_cid_widths(doc, w, &mut font);
            }
        }
    } else {
        font.first_char = dict
            .get_deref(b"FirstChar", doc)
            .ok()
            .and_then(|o| o.as_i64().ok())
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(0);
        if let Ok(w) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
            font.widths = w
                .iter()
                .take(256)
                .map(|o| deref(doc, o).and_then(num).unwrap_or(0.0))
                .collect();
        }
    }
    font
}

/// `/W [c [w1 w2 …] c1 c2 w …]`, with a cap so a hostile array cannot take long.
fn read_cid_widths(doc: &Document, w: &[Object], font: &mut Font<'_>) {
    let mut i = 0;
    let mut entries = 0usize;
    while i < w.len() && entries < 65_536 {
        let Some(first) = deref(doc, &w[i]).and_then(|o| o.as_i64().ok()) else {
            break;
        };
        let Ok(first) = u32::try_from(first) else {
            break;
        };
        match w.get(i + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().enumerate().take(65_536) {
                    if let Some(v) = num(o) {
                        font.cid_widths.insert(first.saturating_add(k as u32), v);
                    }
                    entries += 1;
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(v)) = (
                    last.as_i64().ok().and_then(|v| u32::try_from(v).ok()),
                    w.get(i + 2).and_then(|o| deref(doc, o)).and_then(num),
                ) else {
                    break;
                };
                font.cid_ranges.push((first, last, v));
                entries += 1;
                i += 3;
            }
            None => break,
        }
    }
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<FontKey>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
    rise: f32,
}

/// Runs content streams, collecting what they show.
pub struct Interpreter<'a, 'b> {
    doc: &'a Document,
    budget: &'b mut Budget,
    fonts: HashMap<FontKey, Font<'a>>,
    page_height: f32,
    page_x0: f32,
    out: PageContent,
    forms_open: HashSet<ObjectId>,
}

impl<'a, 'b> Interpreter<'a, 'b> {
    pub fn new(doc: &'a Document, budget: &'b mut Budget) -> Self {
        Interpreter {
            doc,
            budget,
            fonts: HashMap::new(),
            page_height: 0.0,
            page_x0: 0.0,
            out: PageContent::default(),
            forms_open: HashSet::new(),
        }
    }

    /// What page `page_id` shows.
    pub fn page(&mut self, page_id: ObjectId) -> Result<PageContent, ImportError> {
        let doc = self.doc;
        let page = doc
            .get_dictionary(page_id)
            .map_err(|_| ImportError::Damaged("页面对象缺失".into()))?;
        let media = inherited(doc, page, b"MediaBox")
            .and_then(|o| o.as_array().ok())
            .map(|a| {
                a.iter()
                    .filter_map(|o| deref(doc, o).and_then(num))
                    .collect::<Vec<_>>()
            })
            .filter(|v| v.len() == 4)
            .unwrap_or_else(|| vec![0.0, 0.0, 595.0, 842.0]);
        let (x0, y0, x1, y1) = (
            media[0].min(media[2]),
            media[1].min(media[3]),
            media[0].max(media[2]),
            media[1].max(media[3]),
        );
        // Everything is measured on the page as displayed: origin at the box's corner, turned
        // by /Rotate (a landscape table page is often a portrait page turned a quarter).
        let (w, h) = (x1 - x0, y1 - y0);
        let rotate = inherited(doc, page, b"Rotate")
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0)
            .rem_euclid(360);
        let (turn, width, height) = match rotate {
            90 => ([0.0, -1.0, 1.0, 0.0, 0.0, w], h, w),
            180 => ([-1.0, 0.0, 0.0, -1.0, w, h], w, h),
            270 => ([0.0, 1.0, -1.0, 0.0, h, 0.0], h, w),
            _ => (IDENTITY, w, h),
        };
        let base = mul(&[1.0, 0.0, 0.0, 1.0, -x0, -y0], &turn);
        self.page_height = height;
        self.page_x0 = 0.0;
        self.out = PageContent {
            width,
            height,
            ..PageContent::default()
        };
        let resources = inherited(doc, page, b"Resources").and_then(|o| o.as_dict().ok());
        let mut content = Vec::new();
        for id in doc.get_page_contents(page_id) {
            let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            let data = self.budget.decompress(stream)?;
            content.extend_from_slice(&data);
            content.push(b'\n');
        }
        let state = State {
            ctm: base,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(&content, resources, state, 0)?;
        Ok(std::mem::take(&mut self.out))
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        mut gs: State,
        depth: usize,
    ) -> Result<(), ImportError> {
        // Operations one at a time: a huge stream is never held as a list of objects. Where
        // the stream stops parsing, what came before still counts.
        let ops = Content::decode_iter(content);
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        // Current path: points in page space (already through the CTM).
        let mut path: Vec<(f32, f32, f32, f32)> = Vec::new();
        let mut current: Option<(f32, f32)> = None;
        let mut subpath_start: Option<(f32, f32)> = None;
        for (n, op) in ops.enumerate() {
            let Ok(op) = op else {
                self.budget.broken_streams += 1;
                break;
            };
            self.budget.items(1)?;
            if n % 4096 == 0 {
                self.budget.check_time()?;
            }
            let o = &op.operands;
            let f = |i: usize| o.get(i).and_then(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if stack.len() < MAX_STATE_STACK => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" if o.len() == 6 => {
                    gs.ctm = mul(&[f(0), f(1), f(2), f(3), f(4), f(5)], &gs.ctm);
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    gs.font_size = f(1);
                    gs.font = o
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|name| self.font_id(resources, name));
                }
                "Tc" => gs.char_spacing = f(0),
                "Tw" => gs.word_spacing = f(0),
                "Tz" => gs.h_scale = f(0) / 100.0,
                "TL" => gs.leading = f(0),
                "Ts" => gs.rise = f(0),
                "Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, f(0), f(1)], &tlm);
                    tm = tlm;
                }
                "TD" => {
                    gs.leading = -f(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, f(0), f(1)], &tlm);
                    tm = tlm;
                }
                "Tm" if o.len() == 6 => {
                    tlm = [f(0), f(1), f(2), f(3), f(4), f(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(s, &gs, &mut tm)?;
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        gs.word_spacing = f(0);
                        gs.char_spacing = f(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(s, &gs, &mut tm)?;
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, &gs, &mut tm)?,
                                other => {
                                    if let Some(n) = num(other) {
                                        let tx = -n / 1000.0 * gs.font_size * gs.h_scale;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "m" => {
                    let p = apply(&gs.ctm, f(0), f(1));
                    current = Some(p);
                    subpath_start = Some(p);
                }
                "l" => {
                    let p = apply(&gs.ctm, f(0), f(1));
                    if let Some(c) = current {
                        path.push((c.0, c.1, p.0, p.1));
                    }
                    current = Some(p);
                }
                "c" | "v" | "y" => {
                    // Curves are never table rules: move on to their end point.
                    let n = o.len();
                    if n >= 2 {
                        current = Some(apply(&gs.ctm, f(n - 2), f(n - 1)));
                    }
                }
                "h" => {
                    if let (Some(c), Some(s)) = (current, subpath_start) {
                        path.push((c.0, c.1, s.0, s.1));
                        current = Some(s);
                    }
                }
                "re" => {
                    let (x, y, w, h) = (f(0), f(1), f(2), f(3));
                    let corners = [
                        apply(&gs.ctm, x, y),
                        apply(&gs.ctm, x + w, y),
                        apply(&gs.ctm, x + w, y + h),
                        apply(&gs.ctm, x, y + h),
                    ];
                    for i in 0..4 {
                        let (a, b) = (corners[i], corners[(i + 1) % 4]);
                        path.push((a.0, a.1, b.0, b.1));
                    }
                    current = Some(corners[0]);
                    subpath_start = Some(corners[0]);
                }
                "S" | "s" => {
                    for &(x0, y0, x1, y1) in &path {
                        self.stroke(x0, y0, x1, y1);
                    }
                    self.budget.items(path.len())?;
                    path.clear();
                    current = None;
                }
                "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    let stroked = op.operator.starts_with('B') || op.operator.starts_with('b');
                    self.fill(&path, stroked);
                    self.budget.items(path.len())?;
                    path.clear();
                    current = None;
                }
                "n" => {
                    path.clear();
                    current = None;
                }
                "Do" => {
                    if let Some(name) = o.first().and_then(|n| n.as_name().ok()) {
                        self.xobject(resources, name, &gs, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The font a `Tf` names, read once; fonts are keyed by where their dictionary lives in the
    /// loaded document (which does not move while we read), so inline ones work too.
    fn font_id(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<FontKey> {
        let doc = self.doc;
        let fonts = resources?.get_deref(b"Font", doc).ok()?.as_dict().ok()?;
        let dict = fonts.get_deref(name, doc).ok()?.as_dict().ok()?;
        let key = std::ptr::from_ref(dict) as usize;
        if !self.fonts.contains_key(&key) {
            // Each font may decode a ToUnicode stream: a file with thousands is hostile.
            if self.fonts.len() >= MAX_FONTS || self.budget.check_time().is_err() {
                return None;
            }
            let font = load_font(doc, dict, self.budget);
            self.fonts.insert(key, font);
        }
        Some(key)
    }

    fn show(&mut self, bytes: &[u8], gs: &State, tm: &mut Matrix) -> Result<(), ImportError> {
        let Some(font) = gs.font.and_then(|id| self.fonts.get(&id)) else {
            return Ok(());
        };
        self.budget.items(bytes.len())?;
        let mut rest = bytes;
        while !rest.is_empty() {
            let step = match (font.gbk, font.two_byte) {
                (true, _) if rest[0] >= 0x81 => 2,
                (true, _) | (false, false) => 1,
                (false, true) => 2,
            };
            let (code_bytes, tail) = rest.split_at(step.min(rest.len()));
            rest = tail;
            let code = code_bytes
                .iter()
                .fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
            // GBK codes are not CIDs, so the font's widths do not apply: full and half width.
            let w0 = if font.gbk {
                if code_bytes.len() == 2 { 1.0 } else { 0.5 }
            } else {
                font.width(code) / 1000.0
            };
            let trm = mul(
                &mul(
                    &[
                        gs.font_size * gs.h_scale,
                        0.0,
                        0.0,
                        gs.font_size,
                        0.0,
                        gs.rise,
                    ],
                    tm,
                ),
                &gs.ctm,
            );
            let (x, y) = apply(&trm, 0.0, 0.0);
            let text = font.decode(code_bytes);
            let is_space = code_bytes.len() == 1 && code == 32;
            let tx = (w0 * gs.font_size
                + gs.char_spacing
                + if is_space { gs.word_spacing } else { 0.0 })
                * gs.h_scale;
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let w = w0 * (trm[0] * trm[0] + trm[1] * trm[1]).sqrt();
            let mut chars = text.chars().filter(|c| *c != '\u{FFFD}' && *c != '\0');
            let first = chars.next();
            if first.is_none() {
                self.budget.unmapped_glyphs += 1;
            }
            if let Some(first) = first {
                let rest: Vec<char> = chars.collect();
                let n = 1 + rest.len();
                // A ligature ("ﬁ" as one glyph) shares its width among its letters.
                let part = w / n as f32;
                let y_top = self.page_height - y;
                let x_left = x - self.page_x0;
                self.out.glyphs.push(Glyph {
                    x: x_left,
                    y: y_top,
                    w: part,
                    size,
                    ch: first,
                });
                for (k, ch) in rest.into_iter().enumerate() {
                    self.out.glyphs.push(Glyph {
                        x: x_left + part * (k + 1) as f32,
                        y: y_top,
                        w: part,
                        size,
                        ch,
                    });
                }
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
        Ok(())
    }

    fn to_top(&self, x: f32, y: f32) -> (f32, f32) {
        (x - self.page_x0, self.page_height - y)
    }

    fn stroke(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) {
        let (ax, ay) = self.to_top(x0, y0);
        let (bx, by) = self.to_top(x1, y1);
        if (ay - by).abs() < 0.8 && (ax - bx).abs() > 2.0 {
            self.out.rules.push(Rule::H {
                y: (ay + by) / 2.0,
                x0: ax.min(bx),
                x1: ax.max(bx),
            });
        } else if (ax - bx).abs() < 0.8 && (ay - by).abs() > 2.0 {
            self.out.rules.push(Rule::V {
                x: (ax + bx) / 2.0,
                y0: ay.min(by),
                y1: ay.max(by),
            });
        }
    }

    /// A filled thin rectangle is a rule (Word and WPS draw borders so); a filled wide one is
    /// shading, and only its outline counts if it is stroked too.
    fn fill(&mut self, path: &[(f32, f32, f32, f32)], stroked: bool) {
        if path.is_empty() {
            return;
        }
        if stroked {
            for &(x0, y0, x1, y1) in path {
                self.stroke(x0, y0, x1, y1);
            }
            return;
        }
        // Treat each run of four edges as a possible rectangle.
        for quad in path.chunks(4) {
            let xs = quad.iter().flat_map(|s| [s.0, s.2]);
            let ys = quad.iter().flat_map(|s| [s.1, s.3]);
            let (mut minx, mut maxx) = (f32::MAX, f32::MIN);
            for x in xs {
                minx = minx.min(x);
                maxx = maxx.max(x);
            }
            let (mut miny, mut maxy) = (f32::MAX, f32::MIN);
            for y in ys {
                miny = miny.min(y);
                maxy = maxy.max(y);
            }
            let (w, h) = (maxx - minx, maxy - miny);
            if h < 2.5 && w > 2.0 {
                let mid = (miny + maxy) / 2.0;
                self.stroke(minx, mid, maxx, mid);
            } else if w < 2.5 && h > 2.0 {
                let mid = (minx + maxx) / 2.0;
                self.stroke(mid, miny, mid, maxy);
            }
        }
    }

    fn xobject(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        gs: &State,
        depth: usize,
    ) -> Result<(), ImportError> {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| r.get_deref(b"XObject", doc).ok())
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(name).ok())
        else {
            return Ok(());
        };
        let id = entry.as_reference().ok();
        let Some(stream) = deref(doc, entry).and_then(|o| o.as_stream().ok()) else {
            return Ok(());
        };
        let subtype = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        if subtype == b"Image" {
            let corners = [
                apply(&gs.ctm, 0.0, 0.0),
                apply(&gs.ctm, 1.0, 0.0),
                apply(&gs.ctm, 0.0, 1.0),
                apply(&gs.ctm, 1.0, 1.0),
            ];
            let tops: Vec<(f32, f32)> = corners.iter().map(|c| self.to_top(c.0, c.1)).collect();
            let minx = tops.iter().map(|p| p.0).fold(f32::MAX, f32::min);
            let maxx = tops.iter().map(|p| p.0).fold(f32::MIN, f32::max);
            let miny = tops.iter().map(|p| p.1).fold(f32::MAX, f32::min);
            let maxy = tops.iter().map(|p| p.1).fold(f32::MIN, f32::max);
            self.out.images.push((minx, miny, maxx, maxy));
            return Ok(());
        }
        if subtype != b"Form" || depth >= MAX_FORM_DEPTH {
            return Ok(());
        }
        // A form that draws itself (directly or through another) would never end.
        let key = id.unwrap_or((0, 0));
        if !self.forms_open.insert(key) {
            return Ok(());
        }
        let data = self.budget.decompress(stream)?;
        let mut inner = gs.clone();
        if let Ok(m) = stream.dict.get(b"Matrix").and_then(Object::as_array) {
            let v: Vec<f32> = m.iter().filter_map(num).collect();
            if v.len() == 6 {
                inner.ctm = mul(&[v[0], v[1], v[2], v[3], v[4], v[5]], &inner.ctm);
            }
        }
        let form_resources = stream
            .dict
            .get_deref(b"Resources", doc)
            .ok()
            .and_then(|o| o.as_dict().ok())
            .or(resources);
        let result = self.run(&data, form_resources, inner, depth + 1);
        self.forms_open.remove(&key);
        result
    }
}

/// A page attribute that may sit on the page or on any `/Pages` node above it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut dict = page;
    for _ in 0..32 {
        if let Ok(v) = dict.get_deref(key, doc) {
            return Some(v);
        }
        dict = dict.get_deref(b"Parent", doc).ok()?.as_dict().ok()?;
    }
    None
}
