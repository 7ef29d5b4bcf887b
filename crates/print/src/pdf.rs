//! The print-ready PDF: draws the laid-out pages with printpdf, embedding font subsets, and
//! writes them with lopdf as PDF 1.5 with object streams (smaller than printpdf's own PDF 1.3).
//!
//! The writer decides nothing about placement, page size included; it only draws
//! `crate::layout`'s pages. The bytes depend only on the pages and the fonts: printpdf's random
//! ids (font resource names, which also make the subset tags, and the trailer /ID) are replaced
//! by values hashed from the pages, and the dates come from the report's date.

use crate::Format;
use crate::fonts::{FaceId, FontError, FontSet, MissingChar};
use crate::layout::{self, Document, Item, MM, PAGE_HEIGHT, PAGE_WIDTH};
use nianbao_core::model::Date;
use printpdf::{
    Codepoint, FontId, Line, LinePoint, Mm, OffsetDateTime, Op, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, TextItem, TextMatrix,
};
use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

/// What the PDF's document information says about the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    /// The report title.
    pub title: String,
    /// The agency.
    pub author: String,
    /// The date line, if any.
    pub date: Option<Date>,
    /// The year reported on (0 if not set).
    pub year: u16,
}

/// Why an export failed. `Display` gives the Chinese message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The fonts could not be loaded.
    Fonts(FontError),
    /// Characters that no available font has; nothing was written.
    MissingChars(Vec<MissingChar>),
    /// A font could not be prepared for embedding.
    FontEmbedding { path: PathBuf },
    /// The chosen file name is a draft (`.ron`, `.bak`, or a file that is one): nothing was
    /// written, so the draft is not replaced by an export.
    WouldOverwriteDraft { path: PathBuf, format: Format },
    /// The file could not be written.
    Io {
        path: PathBuf,
        format: Format,
        /// The system's words.
        detail: String,
    },
    /// The Word or Excel writer failed to build the file; nothing was written.
    Encode { format: Format, detail: String },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Fonts(e) => write!(f, "{e}"),
            ExportError::MissingChars(chars) => {
                let list: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
                write!(
                    f,
                    "以下字符在所有可用字体中都没有字形，打印出来会缺字，已停止导出：{}。请改用常用字或同音规范字，或安装含有这些字的字体后再导出。",
                    list.join("；")
                )
            }
            ExportError::FontEmbedding { path } => write!(
                f,
                "字体 {} 无法嵌入PDF，请改用程序自带字体（--bundled-fonts）后重试。",
                path.display()
            ),
            ExportError::WouldOverwriteDraft { path, format } => write!(
                f,
                "{} 是年报草稿文件，导出的{}不能保存为它（会覆盖草稿），未导出。请换一个以 .{} 结尾的文件名。",
                path.display(),
                format.name(),
                format.extension()
            ),
            ExportError::Io {
                path,
                format,
                detail,
            } => write!(
                f,
                "无法写入{}文件 {}（{}）。原有文件未被改动。请检查文件夹是否可写、文件是否正在其他程序中打开。",
                format.name(),
                path.display(),
                detail
            ),
            ExportError::Encode { format, detail } => write!(
                f,
                "生成{}文件时出错（{}），未导出。请把草稿文件发给维护人员。",
                format.name(),
                detail
            ),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<FontError> for ExportError {
    fn from(e: FontError) -> Self {
        ExportError::Fonts(e)
    }
}

/// Draws laid-out pages as PDF bytes, embedding subsets of the faces they use. The ids printpdf
/// would make at random are hashed from the pages, so the same pages give the same bytes.
pub fn write(doc: &Document, info: &DocumentInfo, fonts: &FontSet) -> Result<Vec<u8>, ExportError> {
    render(doc, fonts, hash_pages(doc), info)
}

/// A hash of everything drawn: glyphs, positions, sizes and rules.
fn hash_pages(doc: &Document) -> u64 {
    let mut bytes = Vec::new();
    for page in &doc.pages {
        bytes.extend_from_slice(b"page");
        for item in &page.items {
            match item {
                Item::Text(t) => {
                    bytes.extend_from_slice(&(t.face.0 as u64).to_le_bytes());
                    bytes.extend_from_slice(&t.size.to_bits().to_le_bytes());
                    bytes.extend_from_slice(&t.baseline.to_bits().to_le_bytes());
                    for g in &t.glyphs {
                        bytes.extend_from_slice(&g.x.to_bits().to_le_bytes());
                        bytes.extend_from_slice(&g.gid.to_le_bytes());
                        bytes.extend_from_slice(&u32::from(g.ch).to_le_bytes());
                    }
                }
                Item::Rule(r) => {
                    for v in [r.x0, r.y0, r.x1, r.y1, r.width] {
                        bytes.extend_from_slice(&v.to_bits().to_le_bytes());
                    }
                }
            }
        }
    }
    fnv1a(&bytes)
}

/// 64-bit FNV-1a: a small, stable hash for ids derived from the report.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Six capital letters from a hash: the font subset tag (ISO 32000-1 §9.6.4).
fn subset_tag(seed: u64, face: usize) -> String {
    let mut h = fnv1a(&[seed.to_le_bytes(), (face as u64).to_le_bytes()].concat());
    (0..6)
        .map(|_| {
            let c = (b'A' + (h % 26) as u8) as char;
            h /= 26;
            c
        })
        .collect()
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The document date: the report's date line, else 1 January after the report year (reports
/// are published in January), else the epoch. Never the clock, so bytes stay reproducible.
fn document_date(info: &DocumentInfo) -> Option<OffsetDateTime> {
    let days = match (info.date, info.year) {
        (Some(d), _) => days_from_civil(i64::from(d.year), i64::from(d.month), i64::from(d.day)),
        (None, y) if y > 0 => days_from_civil(i64::from(y) + 1, 1, 1),
        _ => 0,
    };
    OffsetDateTime::from_unix_timestamp(days * 86_400).ok()
}

fn render(
    doc: &Document,
    fonts: &FontSet,
    seed: u64,
    about: &DocumentInfo,
) -> Result<Vec<u8>, ExportError> {
    let mut pdf = PdfDocument::new(&about.title);
    let info = &mut pdf.metadata.info;
    info.author = about.author.clone();
    info.creator = "nianbao".into();
    info.producer = format!("nianbao {}", env!("CARGO_PKG_VERSION"));
    info.subject = nianbao_core::template::TITLE_SUFFIX.into();
    // Without a usable date printpdf's default (the epoch) stays: still reproducible.
    if let Some(date) = document_date(about) {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }

    // One font resource per face actually used, named by its subset tag.
    let used: BTreeSet<FaceId> = doc
        .pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|i| match i {
            Item::Text(t) => Some(t.face),
            Item::Rule(_) => None,
        })
        .collect();
    let mut ids = std::collections::BTreeMap::new();
    for face_id in used {
        let Some(face) = fonts.face(face_id) else {
            continue;
        };
        let parsed = face.pdf_font().ok_or_else(|| ExportError::FontEmbedding {
            path: face.path.clone(),
        })?;
        let id = FontId(format!("{}F{}", subset_tag(seed, face_id.0), face_id.0));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed.clone()));
        ids.insert(face_id, id);
    }

    let pages = doc
        .pages
        .iter()
        .map(|page| {
            let ops = page_ops(page, &ids, fonts);
            PdfPage::new(Mm(PAGE_WIDTH / MM), Mm(PAGE_HEIGHT / MM), ops)
        })
        .collect();
    pdf.with_pages(pages);
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    // printpdf builds the objects (and subsets the fonts); lopdf writes them. printpdf's own
    // `save` writes PDF 1.3 with a classic xref table, one uncompressed dictionary per object;
    // in PDF 1.5 object streams the many small font and page dictionaries are deflated together
    // (a tenth of the example's size).
    let mut out = pdf.to_lopdf_document(&options, &mut warnings);
    out.compress();
    set_trailer_id(&mut out, seed);
    drop_pdfx_claim(&mut out);
    let mut bytes = Vec::new();
    out.save_with_options(
        &mut bytes,
        lopdf::SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .max_objects_per_stream(OBJECTS_PER_STREAM)
            .compression_level(9)
            .build(),
    )
    .map_err(|e| ExportError::Encode {
        format: Format::Pdf,
        detail: e.to_string(),
    })?;
    Ok(bytes)
}

/// Objects per object stream: the example's font and page dictionaries fit in one, and a reader
/// still finds any object after inflating at most one stream of modest size.
const OBJECTS_PER_STREAM: usize = 500;

fn page_ops(
    page: &layout::Page,
    ids: &std::collections::BTreeMap<FaceId, FontId>,
    fonts: &FontSet,
) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut in_text = false;
    let mut font: Option<(FaceId, f32)> = None;
    let mut rule_width: Option<f32> = None;
    // Tc, in pt; part of the graphics state, so it holds across text objects on a page.
    let mut char_spacing = 0.0f64;
    for item in &page.items {
        match item {
            Item::Text(run) => {
                let Some(id) = ids.get(&run.face) else {
                    continue;
                };
                if !in_text {
                    ops.push(Op::StartTextSection);
                    in_text = true;
                    font = None;
                }
                if font != Some((run.face, run.size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(run.size),
                    });
                    font = Some((run.face, run.size));
                }
                // One positioned run per show: the kerns of the TJ array move each glyph from
                // where the viewer's pen (the /W width plus the character spacing Tc) leaves it
                // to where layout put it. Tc is the run's most common gap (text on the 28-per-line
                // grid runs 0.21 pt tighter than its advances), so most glyphs need no kern and
                // the content stays short. Kerns are rounded to 0.1/1000 em (under 0.002 pt),
                // against the rounded pen, so no error adds up along a line.
                let Some(first) = run.glyphs.first() else {
                    continue;
                };
                let face = fonts.face(run.face);
                let width = |gid: u16| face.map(|f| f64::from(f.pdf_width(gid))).unwrap_or(0.0);
                let size = f64::from(run.size);
                let spacing = run_spacing(&run.glyphs, size, width);
                if spacing != char_spacing {
                    ops.push(Op::SetCharacterSpacing {
                        multiplier: spacing as f32,
                    });
                    char_spacing = spacing;
                }
                let mut items = Vec::with_capacity(run.glyphs.len() * 2);
                let mut pen = 0.0f64;
                for g in &run.glyphs {
                    let target = f64::from(g.x - first.x) * 1000.0 / size;
                    let kern = ((pen - target) * 10.0).round() / 10.0;
                    if kern != 0.0 {
                        items.push(TextItem::Offset(kern as f32));
                        pen -= kern;
                    }
                    items.push(TextItem::GlyphIds(vec![Codepoint {
                        gid: g.gid,
                        offset: 0.0,
                        cid: Some(g.ch.to_string()),
                    }]));
                    pen += width(g.gid) + f64::from(spacing as f32) * 1000.0 / size;
                }
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(first.x), Pt(PAGE_HEIGHT - run.baseline)),
                });
                ops.push(Op::ShowText { items });
            }
            Item::Rule(r) => {
                if in_text {
                    ops.push(Op::EndTextSection);
                    in_text = false;
                }
                if rule_width != Some(r.width) {
                    ops.push(Op::SetOutlineThickness { pt: Pt(r.width) });
                    rule_width = Some(r.width);
                }
                let point = |x: f32, y: f32| LinePoint {
                    p: Point {
                        x: Pt(x),
                        y: Pt(PAGE_HEIGHT - y),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(r.x0, r.y0), point(r.x1, r.y1)],
                        is_closed: false,
                    },
                });
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// The character spacing (Tc, pt) that places most glyphs of a run without a kern: the most
/// common gap between a glyph's advance and the next glyph, to 0.001 pt (0 for a single glyph).
fn run_spacing(glyphs: &[layout::PositionedGlyph], size: f64, width: impl Fn(u16) -> f64) -> f64 {
    let mut gaps: Vec<i64> = glyphs
        .windows(2)
        .map(|w| {
            let gap = f64::from(w[1].x - w[0].x) - width(w[0].gid) * size / 1000.0;
            (gap * 1000.0).round() as i64
        })
        .collect();
    gaps.sort_unstable();
    let mut best = (0usize, 0i64);
    let mut i = 0;
    while i < gaps.len() {
        let run = gaps[i..].iter().take_while(|&&g| g == gaps[i]).count();
        if run > best.0 {
            best = (run, gaps[i]);
        }
        i += run;
    }
    best.1 as f64 / 1000.0
}

/// Replaces the two random strings of the trailer's /ID with ones hashed from the pages.
fn set_trailer_id(doc: &mut lopdf::Document, seed: u64) {
    let id = |n: u64| {
        let mut h = fnv1a(&[seed.to_le_bytes(), n.to_le_bytes()].concat());
        let text: Vec<u8> = (0..32)
            .map(|_| {
                let c = b"0123456789ABCDEF"[(h & 0xF) as usize];
                h = h.rotate_right(4) ^ fnv1a(&h.to_le_bytes());
                c
            })
            .collect();
        lopdf::Object::String(text, lopdf::StringFormat::Literal)
    };
    doc.trailer
        .set("ID", lopdf::Object::Array(vec![id(0), id(1)]));
}

/// printpdf always writes `/GTS_PDFXVersion()` into the document info, which readers take as a
/// claim of PDF/X conformance that this file does not make: the key is removed.
fn drop_pdfx_claim(doc: &mut lopdf::Document) {
    let Ok(info) = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
    else {
        return;
    };
    if let Ok(lopdf::Object::Dictionary(dict)) = doc.get_object_mut(info) {
        dict.remove(b"GTS_PDFXVersion");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2022, 1, 20), 19_012);
    }

    #[test]
    fn subset_tags_are_six_capitals() {
        let t = subset_tag(42, 3);
        assert_eq!(t.len(), 6);
        assert!(t.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(t, subset_tag(42, 3));
        assert_ne!(t, subset_tag(42, 4));
    }
}
