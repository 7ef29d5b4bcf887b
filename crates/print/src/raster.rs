//! Laid-out pages as pixels, for a preview on screen: the same pages the PDF writer draws,
//! drawn with the same glyphs of the same fonts at the same places, and the same rules. Like
//! the writer it decides nothing; it only draws what `crate::layout` decided.
//!
//! Glyph outlines come from ttf-parser (which reads the fonts for layout already) and are
//! filled with tiny-skia (the renderer the app's window uses anyway), anti-aliased, black on
//! white. Each glyph is filled once per size and quarter-pixel position and then copied to
//! every place it occurs ([`Outlines`]), which makes a page of repeated hanzi cheap.

use crate::fonts::{FontSet, LoadedFace};
use crate::layout::{Document, Item, PAGE_HEIGHT, PAGE_WIDTH, Page};
use std::collections::HashMap;
use tiny_skia::{
    Color, FillRule, LineCap, Mask, Paint, Path, PathBuilder, Pixmap, Stroke, Transform,
};

/// The largest scale a page is drawn at (px per pt): 4 px per pt is ~290 dpi, far more than
/// any screen needs, and keeps a page under 40 MB.
pub const MAX_SCALE: f32 = 4.0;

/// A page drawn as pixels.
#[derive(Clone, PartialEq, Eq)]
pub struct Raster {
    pub width: u32,
    pub height: u32,
    /// Row after row of RGBA, 4 bytes a pixel; opaque, so premultiplied or not is the same.
    pub rgba: Vec<u8>,
}

impl std::fmt::Debug for Raster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Raster({}×{})", self.width, self.height)
    }
}

/// Glyphs already drawn, kept between pages and between drawings: each glyph's outline as a
/// path, and its coverage at each size and quarter-pixel position where it was drawn, so a
/// character used a thousand times is filled once and then only copied. Keyed by the face
/// itself (not its place in a [`FontSet`]), so one cache serves any font set.
#[derive(Default)]
pub struct Outlines {
    paths: HashMap<(usize, u16), Option<Path>>,
    masks: HashMap<MaskKey, Option<GlyphMask>>,
}

impl std::fmt::Debug for Outlines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Outlines({} paths, {} masks)",
            self.paths.len(),
            self.masks.len()
        )
    }
}

/// A face (by address: faces live for the process), a glyph, the size in 1/64 px and the
/// position within the pixel in quarters across and down.
type MaskKey = (usize, u16, u32, u8, u8);

/// A glyph's coverage, and where its top-left pixel is from the pixel the pen is in.
struct GlyphMask {
    left: i32,
    top: i32,
    width: u32,
    alpha: Vec<u8>,
}

/// More masks than this (a long session of zooming) and the cache starts again.
const MAX_MASKS: usize = 50_000;

impl Outlines {
    fn path(&mut self, face: &'static LoadedFace, gid: u16) -> Option<&Path> {
        self.paths
            .entry((std::ptr::from_ref(face) as usize, gid))
            .or_insert_with(|| {
                let mut builder = Builder(PathBuilder::new());
                if !face.outline(gid, &mut builder) {
                    return None;
                }
                builder.0.finish()
            })
            .as_ref()
    }

    /// The coverage of `gid` at `px` pixels per em, its origin `(fx, fy)` quarters of a pixel
    /// into the pixel.
    fn mask(
        &mut self,
        face: &'static LoadedFace,
        gid: u16,
        px: f32,
        fx: u8,
        fy: u8,
    ) -> Option<&GlyphMask> {
        let key = (
            std::ptr::from_ref(face) as usize,
            gid,
            (px * 64.0).round() as u32,
            fx,
            fy,
        );
        if !self.masks.contains_key(&key) {
            if self.masks.len() >= MAX_MASKS {
                self.masks.clear();
            }
            let em = px / face.units_per_em();
            let (ox, oy) = (f32::from(fx) / 4.0, f32::from(fy) / 4.0);
            let mask = self.path(face, gid).and_then(|path| {
                // Font units (y up) to pixels (y down), the origin at (ox, oy).
                let b = path.bounds();
                let left = (b.left() * em + ox).floor() as i32 - 1;
                let top = (-b.bottom() * em + oy).floor() as i32 - 1;
                let right = (b.right() * em + ox).ceil() as i32 + 1;
                let bottom = (-b.top() * em + oy).ceil() as i32 + 1;
                let (w, h) = ((right - left).max(1) as u32, (bottom - top).max(1) as u32);
                let mut mask = Mask::new(w, h)?;
                let at = Transform::from_row(em, 0.0, 0.0, -em, ox - left as f32, oy - top as f32);
                mask.fill_path(path, FillRule::Winding, true, at);
                Some(GlyphMask {
                    left,
                    top,
                    width: w,
                    alpha: mask.data().to_vec(),
                })
            });
            self.masks.insert(key, mask);
        }
        self.masks.get(&key).and_then(Option::as_ref)
    }
}

/// Darkens the page under a glyph's coverage: black ink over what is there.
fn ink(pixels: &mut [u8], page_width: u32, page_height: u32, x: i32, y: i32, m: &GlyphMask) {
    let (pw, ph) = (page_width as i32, page_height as i32);
    let mw = m.width as i32;
    for (row, line) in m.alpha.chunks_exact(m.width as usize).enumerate() {
        let py = y + row as i32;
        if py < 0 || py >= ph {
            continue;
        }
        let from = (-x).clamp(0, mw);
        let to = (pw - x).clamp(0, mw);
        for col in from..to {
            let a = u32::from(line[col as usize]);
            if a == 0 {
                continue;
            }
            let at = ((py * pw + x + col) * 4) as usize;
            for c in &mut pixels[at..at + 3] {
                *c = (u32::from(*c) * (255 - a) / 255) as u8;
            }
        }
    }
}

/// ttf-parser's outline calls, fed into a tiny-skia path.
struct Builder(PathBuilder);

impl ttf_parser::OutlineBuilder for Builder {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// The size in pixels of a page drawn at `scale` px per pt.
pub fn page_size(scale: f32) -> (u32, u32) {
    let scale = scale.clamp(0.01, MAX_SCALE);
    (
        (PAGE_WIDTH * scale).round().max(1.0) as u32,
        (PAGE_HEIGHT * scale).round().max(1.0) as u32,
    )
}

/// Draws one page at `scale` px per pt (1.0: one pixel per point, 72 dpi). `None` only when
/// the pixels cannot be had (a scale beyond [`MAX_SCALE`] is drawn at it).
pub fn page(page: &Page, fonts: &FontSet, scale: f32, outlines: &mut Outlines) -> Option<Raster> {
    let scale = scale.clamp(0.01, MAX_SCALE);
    let (width, height) = page_size(scale);
    let mut pixmap = Pixmap::new(width, height)?;
    pixmap.fill(Color::WHITE);
    let mut ink_paint = Paint::default();
    ink_paint.set_color(Color::BLACK);
    ink_paint.anti_alias = true;
    // The rules first, then the glyphs over them.
    for item in &page.items {
        if let Item::Rule(r) = item {
            let mut pb = PathBuilder::new();
            pb.move_to(r.x0 * scale, r.y0 * scale);
            pb.line_to(r.x1 * scale, r.y1 * scale);
            let Some(line) = pb.finish() else { continue };
            // PDF's default cap is butt; at least a pixel wide, or a rule fades to grey.
            let stroke = Stroke {
                width: (r.width * scale).max(1.0),
                line_cap: LineCap::Butt,
                ..Stroke::default()
            };
            pixmap.stroke_path(&line, &ink_paint, &stroke, Transform::identity(), None);
        }
    }
    let pixels = pixmap.data_mut();
    for item in &page.items {
        let Item::Text(run) = item else { continue };
        let Some(face) = fonts.face(run.face) else {
            continue;
        };
        let y = run.baseline * scale;
        let (iy, fy) = (y.floor(), ((y - y.floor()) * 4.0).round() as i32);
        for g in &run.glyphs {
            let x = g.x * scale;
            let (ix, fx) = (x.floor(), ((x - x.floor()) * 4.0).round() as i32);
            // A quarter rounded up to the next pixel.
            let (ix, fx) = (ix as i32 + fx / 4, (fx % 4) as u8);
            let (iy, fy) = (iy as i32 + fy / 4, (fy % 4) as u8);
            if let Some(m) = outlines.mask(face, g.gid, run.size * scale, fx, fy) {
                ink(pixels, width, height, ix + m.left, iy + m.top, m);
            }
        }
    }
    Some(Raster {
        width,
        height,
        rgba: pixmap.take(),
    })
}

/// Draws every page of a document at `scale` px per pt, glyph paths shared between pages.
pub fn pages(doc: &Document, fonts: &FontSet, scale: f32) -> Vec<Option<Raster>> {
    pages_with(doc, fonts, scale, &mut Outlines::default())
}

/// [`pages`] with glyph paths kept from earlier drawings (of the same [`FontSet`]).
pub fn pages_with(
    doc: &Document,
    fonts: &FontSet,
    scale: f32,
    outlines: &mut Outlines,
) -> Vec<Option<Raster>> {
    doc.pages
        .iter()
        .map(|p| page(p, fonts, scale, outlines))
        .collect()
}
