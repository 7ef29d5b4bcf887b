//! The preview's pictures of the pages against poppler's rendering of the exported PDF (an
//! outside oracle): the same glyphs and rules at the same places, page after page; and the
//! areas a click in the preview goes to.

use crate::support::{bundled, example, run_tool, write_temp};
use nianbao_core::model::{Cell, Place, Prose};
use nianbao_core::template::{T3Col, T3Row};
use nianbao_print::Prepared;
use nianbao_print::raster::{self, Raster};

/// A grey PGM (P5) as poppler writes it: width, height, one byte a pixel.
fn read_pgm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    // Header: "P5\n<w> <h>\n255\n", white space between fields.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5", "pdftoppm -gray writes P5");
    let w: usize = fields[1].parse().expect("width");
    let h: usize = fields[2].parse().expect("height");
    (w, h, bytes[i + 1..].to_vec())
}

fn grey(r: &Raster) -> Vec<u8> {
    r.rgba
        .chunks_exact(4)
        .map(|p| {
            ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8
        })
        .collect()
}

/// Mean darkness (0–255) of each `block`×`block` square.
fn blocks(w: usize, h: usize, px: &[u8], block: usize) -> Vec<f32> {
    let mut out = Vec::new();
    for by in (0..h - block).step_by(block) {
        for bx in (0..w - block).step_by(block) {
            let mut sum = 0u32;
            for y in by..by + block {
                for x in bx..bx + block {
                    sum += 255 - u32::from(px[y * w + x]);
                }
            }
            out.push(sum as f32 / (block * block) as f32);
        }
    }
    out
}

/// Every page drawn for the preview looks like poppler's rendering of the PDF page: in every
/// 12-pixel square (about 4 pt at 144 dpi) the ink is the same within a small margin, so each
/// glyph and rule is where the PDF has it, in the same face and size.
#[test]
fn preview_pages_match_the_pdf_as_poppler_draws_it() {
    let prepared = Prepared::new(&example(), &bundled().fonts).expect("fonts");
    let doc = prepared.layout();
    let pdf = prepared.pdf(false).expect("pdf").bytes;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_temp(&dir, "example.pdf", &pdf);
    let scale = 2.0;
    let rasters = raster::pages(&doc, &prepared.fonts, scale);
    assert_eq!(rasters.len(), doc.pages.len());
    let keep = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    for (n, raster) in rasters.iter().enumerate() {
        let raster = raster.as_ref().expect("page drawn");
        let page = (n + 1).to_string();
        let out = dir.path().join(format!("p{page}"));
        let out = out.to_string_lossy();
        run_tool(
            "pdftoppm",
            &[
                "-gray",
                "-r",
                "144",
                "-f",
                &page,
                "-l",
                &page,
                "-singlefile",
                &path.to_string_lossy(),
                &out,
            ],
        );
        let poppler = std::fs::read(format!("{out}.pgm")).expect("pdftoppm wrote the page");
        let (w, h, theirs) = read_pgm(&poppler);
        assert_eq!(
            (w as u32, h as u32),
            (raster.width, raster.height),
            "page {page} size"
        );
        let ours = grey(raster);
        // Kept for a look (convert it to PNG): the preview's page beside poppler's.
        let _ = std::fs::write(
            keep.join(format!("preview-p{page}.pgm")),
            [format!("P5\n{w} {h}\n255\n").into_bytes(), ours.clone()].concat(),
        );
        let (a, b) = (blocks(w, h, &ours, 12), blocks(w, h, &theirs, 12));
        let worst = a
            .iter()
            .zip(&b)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0f32, f32::max);
        let ink = |v: &[f32]| v.iter().sum::<f32>();
        let (ia, ib) = (ink(&a), ink(&b));
        assert!(ib > 0.0, "page {page}: poppler drew nothing");
        assert!(
            (ia - ib).abs() / ib < 0.05,
            "page {page}: ink {ia} against poppler's {ib}"
        );
        assert!(
            worst < 40.0,
            "page {page}: a square differs by {worst} of 255"
        );
    }
}

/// Drawing again with the glyphs kept from a first drawing gives the same pixels.
#[test]
fn glyphs_kept_between_drawings_draw_the_same_pages() {
    let prepared = Prepared::new(&example(), &bundled().fonts).expect("fonts");
    let doc = prepared.layout();
    let mut kept = raster::Outlines::default();
    let first = raster::pages_with(&doc, &prepared.fonts, 0.9, &mut kept);
    let again = raster::pages_with(&doc, &prepared.fonts, 0.9, &mut kept);
    assert_eq!(first, again);
    assert_eq!(first, raster::pages(&doc, &prepared.fonts, 0.9));
}

/// The areas of the first page lead to the fields that print there: the title, a line of the
/// preface; and on the page of table 三, each cell to its cell, an empty one too.
#[test]
fn a_point_on_a_page_names_the_field_printed_there() {
    let prepared = Prepared::new(&example(), &bundled().fonts).expect("fonts");
    let doc = prepared.layout();
    let first = &doc.pages[0];
    let title = first.area_of(Place::Title).expect("the title is on page 1");
    let centre = |r: nianbao_print::layout::Rect| ((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0);
    let (x, y) = centre(title);
    assert_eq!(first.place_at(x, y), Some(Place::Title));
    let preface = first
        .area_of(Place::Prose(Prose::Preface))
        .expect("the preface starts on page 1");
    let (x, y) = centre(preface);
    assert_eq!(first.place_at(x, y), Some(Place::Prose(Prose::Preface)));
    // Outside the text block: nothing.
    assert_eq!(first.place_at(5.0, 5.0), None);
    let cell = Place::Cell(Cell::T3(T3Row::NEW, T3Col::NATURAL));
    let page = doc
        .pages
        .iter()
        .find(|p| p.area_of(cell).is_some())
        .expect("table 三 is laid out");
    let area = page.area_of(cell).expect("its cell");
    let (x, y) = centre(area);
    assert_eq!(page.place_at(x, y), Some(cell));
    // The cell's text is inside its area.
    let drawn = page.items.iter().any(|i| match i {
        nianbao_print::layout::Item::Text(t) => {
            t.place == Some(cell) && t.glyphs.iter().all(|g| area.contains(g.x, t.baseline))
        }
        nianbao_print::layout::Item::Rule(_) => false,
    });
    assert!(drawn, "the cell's number is drawn inside its area");
}
