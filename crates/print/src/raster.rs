//! Laid-out pages as pixels, for a preview on screen: the same pages the PDF writer draws,
//! drawn with the same glyphs of the same fonts at the same places, and the same rules. Like
//! the writer it decides nothing; it only draws what `crate::layout` decided.
//!
//! Glyph outlines come from ttf-parser (which reads the fonts for layout already) and are
//! filled with tiny-skia (the renderer the app's window uses anyway), anti-aliased, black on
//! white. Paths are built once per glyph and reused for every occurrence.

use crate::fonts::{FaceId, FontSet};
use crate::layout::{Document, Item, PAGE_HEIGHT, PAGE_WIDTH, Page};
use std::collections::HashMap;
use tiny_skia::{Color, FillRule, LineCap, Paint, Path, PathBuilder, Pixmap, Stroke, Transform};

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

/// Glyph outlines turned into paths, in font units (y up), kept while pages are drawn.
#[derive(Default)]
pub struct Outlines {
    paths: HashMap<(FaceId, u16), Option<Path>>,
}

impl Outlines {
    fn get(&mut self, fonts: &FontSet, face: FaceId, gid: u16) -> Option<&Path> {
        self.paths
            .entry((face, gid))
            .or_insert_with(|| {
                let loaded = fonts.face(face)?;
                let mut builder = Builder(PathBuilder::new());
                if !loaded.outline(gid, &mut builder) {
                    return None;
                }
                builder.0.finish()
            })
            .as_ref()
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
    let mut ink = Paint::default();
    ink.set_color(Color::BLACK);
    ink.anti_alias = true;
    for item in &page.items {
        match item {
            Item::Text(run) => {
                let Some(face) = fonts.face(run.face) else {
                    continue;
                };
                let em = run.size / face.units_per_em() * scale;
                for g in &run.glyphs {
                    let Some(path) = outlines.get(fonts, run.face, g.gid) else {
                        continue;
                    };
                    // Font units (y up) to pixels (y down), the origin on the baseline.
                    let at =
                        Transform::from_row(em, 0.0, 0.0, -em, g.x * scale, run.baseline * scale);
                    pixmap.fill_path(path, &ink, FillRule::Winding, at, None);
                }
            }
            Item::Rule(r) => {
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
                pixmap.stroke_path(&line, &ink, &stroke, Transform::identity(), None);
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
    let mut outlines = Outlines::default();
    doc.pages
        .iter()
        .map(|p| page(p, fonts, scale, &mut outlines))
        .collect()
}
