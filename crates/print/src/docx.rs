//! The report as an editable Word document (.docx, WordprocessingML), from the composed blocks:
//! Word or WPS lays out the pages, so the document carries what GB/T 9704 asks of them as
//! styles: A4 with the PDF's margins, 3号 仿宋 body with a 2-character first-line indent on the
//! 22-line grid, the 2号 小标宋 title, 黑体 and 楷体 headings (outline levels, kept with the next
//! paragraph), the tables with the template's merges (`gridSpan`, `vMerge`), head rows repeated
//! on every page and rows that never split, and "— N —" page numbers as PAGE fields in the
//! footers, odd pages right and even pages left. Every paragraph is one `w:p`: no manual breaks.
//!
//! Written by hand rather than with docx-rs (0.4): docx-rs cannot mark table rows as repeated
//! heads (`w:tblHeader`), which the 28-row table 三 needs when it breaks across pages, and the
//! few parts a report needs are plain XML. The zip container comes from the `zip` crate that
//! rust_xlsxwriter already uses.

use crate::compose::{self, Align, Block, Paragraph, Placed, TableCell, TableSpec};
use crate::fonts::Role;
use crate::html::escape;
use crate::layout::{
    LINE_PITCH, MARGIN_LEFT, MARGIN_TOP, PAGE_HEIGHT, PAGE_NUMBER_DROP, PAGE_WIDTH, SIZE_BODY,
    SIZE_PAGE_NUMBER, SIZE_TITLE, TEXT_HEIGHT, TEXT_WIDTH, TITLE_PITCH,
};
use nianbao_core::model::Report;
use std::fmt::Write as _;
use std::io::Write as _;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

pub use zip::result::ZipError;

/// Points to twentieths of a point (twips), Word's unit for lengths.
fn twips(pt: f32) -> i64 {
    (pt * 20.0).round() as i64
}

/// Half-points, Word's unit for type sizes.
fn half_points(pt: f32) -> i64 {
    (pt * 2.0).round() as i64
}

/// Latin letters and digits in body text: Times New Roman, as offices set them (spec §4.2).
const LATIN_FONT: &str = "Times New Roman";
/// −0.2 pt between characters (in twips): 28 characters of 3号 fill the 156 mm line, as in the
/// PDF (15.79 pt per character).
const BODY_TRACKING: i64 = -4;

/// The report as .docx bytes.
pub fn write(report: &Report) -> Result<Vec<u8>, ZipError> {
    let blocks = compose::blocks(report);
    let mut body = String::with_capacity(256 * 1024);
    for placed in &blocks {
        block(&mut body, placed);
    }
    let parts: [(&str, String); 10] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core_properties(report)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document(&body)),
        ("word/styles.xml", styles()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/fontTable.xml", font_table()),
        ("word/footer1.xml", footer(Side::Odd)),
        ("word/footer2.xml", footer(Side::Even)),
    ];
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed time stamp: the same report gives the same bytes.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, xml) in &parts {
        zip.start_file(*name, options)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/></Relationships>"#;

/// Different footers on odd and even pages (GB/T 9704 §7.5).
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:evenAndOddHeaders/><w:defaultTabStop w:val="640"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

fn core_properties(report: &Report) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>zh-CN</dc:language></cp:coreProperties>"#,
        escape(&report.title()),
        escape(&report.meta.agency)
    )
}

/// The font a role asks for first, as offices name it.
fn font_name(role: Role) -> &'static str {
    role.office_font_names()[0]
}

/// The `w:rFonts` of a role: the Chinese font for Chinese text; Latin text and digits in Times
/// New Roman in the body, in the role's own font elsewhere.
fn run_fonts(role: Role) -> String {
    let east = font_name(role);
    let latin = if role == Role::Body { LATIN_FONT } else { east };
    format!(
        "<w:rFonts w:ascii=\"{latin}\" w:hAnsi=\"{latin}\" w:eastAsia=\"{east}\" w:cs=\"{latin}\"/>"
    )
}

/// The font table declares each office font with the alternative Word and WPS fall back to
/// where it is not installed (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 方正小标宋_GBK),
/// and as a GB2312 font, so a substitute is at least a Chinese face.
fn font_table() -> String {
    let mut out =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts {W_NS}>");
    for role in Role::ALL {
        let names = role.office_font_names();
        let primary = names[0];
        let alt = names
            .iter()
            .find(|n| **n != primary && !n.is_ascii() && !n.contains("GB2312"));
        let _ = write!(out, "<w:font w:name=\"{primary}\">");
        if let Some(alt) = alt {
            let _ = write!(out, "<w:altName w:val=\"{alt}\"/>");
        }
        out.push_str(
            "<w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>",
        );
    }
    let _ = write!(
        out,
        "<w:font w:name=\"{LATIN_FONT}\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>"
    );
    out
}

/// Character styles of the report, paragraph styles for each kind of block.
fn styles() -> String {
    let line = twips(LINE_PITCH);
    let indent = twips(SIZE_BODY * 2.0);
    let mut out =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {W_NS}>");
    let _ = write!(
        out,
        "<w:docDefaults><w:rPrDefault><w:rPr>{}<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/>\
         <w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:widowControl/><w:overflowPunct w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{line}\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        run_fonts(Role::Body),
        sz = half_points(SIZE_BODY),
    );
    // Normal: 3号 仿宋, indented two characters.
    let _ = write!(
        out,
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"{indent}\"/></w:pPr><w:rPr><w:spacing w:val=\"{BODY_TRACKING}\"/></w:rPr></w:style>"
    );
    let _ = write!(
        out,
        "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:keepNext/><w:spacing w:after=\"{line}\" w:line=\"{}\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr>\
         <w:rPr>{}<w:spacing w:val=\"0\"/><w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/></w:rPr></w:style>",
        twips(TITLE_PITCH),
        run_fonts(Role::Title),
        sz = half_points(SIZE_TITLE),
    );
    for (id, name, role, level) in [
        ("Heading1", "heading 1", Role::Heading, 0),
        ("Heading2", "heading 2", Role::Subheading, 1),
    ] {
        let _ = write!(
            out,
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
             <w:pPr><w:keepNext/><w:outlineLvl w:val=\"{level}\"/></w:pPr><w:rPr>{}</w:rPr></w:style>",
            run_fonts(role)
        );
    }
    let _ = write!(
        out,
        "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr>\
         <w:rPr><w:spacing w:val=\"0\"/><w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/></w:rPr></w:style>",
        sz = half_points(compose::SIZE_TABLE),
    );
    // 落款: right-aligned; each line sets its own distance from the right edge (GB/T 9704 §7.3.5).
    let _ = write!(
        out,
        "<w:style w:type=\"paragraph\" w:styleId=\"DateLine\"><w:name w:val=\"Date Line\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\" w:rightChars=\"400\" w:right=\"{}\"/><w:jc w:val=\"right\"/></w:pPr></w:style>",
        twips(SIZE_BODY * 4.0)
    );
    let _ = write!(
        out,
        "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/></w:pPr>\
         <w:rPr>{}<w:spacing w:val=\"0\"/><w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/></w:rPr></w:style>",
        run_fonts(Role::PageNumber),
        sz = half_points(SIZE_PAGE_NUMBER),
    );
    let _ = write!(
        out,
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"{pad}\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"{pad}\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>",
        pad = twips(crate::layout::table::PAD_X),
    );
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Odd,
    Even,
}

/// "— N —" in 4号 宋体, one 4号 character in from the right edge on odd pages and from the left
/// on even pages; N is a PAGE field, so Word numbers the pages it lays out.
fn footer(side: Side) -> String {
    let inset = twips(SIZE_PAGE_NUMBER);
    let (jc, ind) = match side {
        Side::Odd => ("right", format!("w:right=\"{inset}\"")),
        Side::Even => ("left", format!("w:left=\"{inset}\"")),
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {W_NS}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:ind {ind}/><w:jc w:val=\"{jc}\"/></w:pPr>\
         <w:r><w:t xml:space=\"preserve\">\u{2014} </w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
         <w:r><w:t xml:space=\"preserve\"> \u{2014}</w:t></w:r></w:p></w:ftr>"
    )
}

/// The document with its one section: A4, the PDF's margins, the footers. No document grid:
/// the body keeps the 22-line pitch by its exact line spacing, and tables (single-spaced
/// 五号) would otherwise snap every line to the 29 pt grid.
fn document(body: &str) -> String {
    let right = PAGE_WIDTH - MARGIN_LEFT - TEXT_WIDTH;
    let bottom = PAGE_HEIGHT - MARGIN_TOP - TEXT_HEIGHT;
    // The footer's text sits its own height below the dash line, 7 mm under the text block.
    let footer = bottom - PAGE_NUMBER_DROP - SIZE_PAGE_NUMBER;
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {W_NS}><w:body>{body}\
         <w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/><w:footerReference w:type=\"even\" r:id=\"rId5\"/>\
         <w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"851\" w:footer=\"{}\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>",
        twips(PAGE_WIDTH),
        twips(PAGE_HEIGHT),
        twips(MARGIN_TOP),
        twips(right),
        twips(bottom),
        twips(MARGIN_LEFT),
        twips(footer),
    )
}

fn run(out: &mut String, role: Role, text: &str, extra: &str) {
    out.push_str("<w:r>");
    if role != Role::Body || !extra.is_empty() {
        out.push_str("<w:rPr>");
        if role != Role::Body {
            out.push_str(&run_fonts(role));
        }
        out.push_str(extra);
        out.push_str("</w:rPr>");
    }
    let _ = write!(
        out,
        "<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    );
}

fn block(out: &mut String, placed: &Placed) {
    match &placed.block {
        Block::Title {
            text,
            chosen_breaks,
            ..
        } => {
            out.push_str("<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>");
            let lines = compose::chosen_title_lines(text, chosen_breaks.as_deref());
            for (i, line) in lines.into_iter().enumerate() {
                if i > 0 {
                    out.push_str("<w:r><w:br/></w:r>");
                }
                run(out, Role::Title, line, "");
            }
            out.push_str("</w:p>");
        }
        Block::Paragraph(p) => paragraph(out, p),
        Block::Table(t) => table(out, t),
        Block::Signoff { name, date } => {
            let (name_in, date_in) = compose::signoff_indents(name.as_deref(), date);
            // One blank line before the block, as printed.
            out.push_str("<w:p><w:pPr><w:pStyle w:val=\"DateLine\"/></w:pPr></w:p>");
            for (line, right) in name.iter().zip(name_in).chain([(date, date_in)]) {
                let _ = write!(
                    out,
                    "<w:p><w:pPr><w:pStyle w:val=\"DateLine\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\" w:rightChars=\"{}\" w:right=\"{}\"/></w:pPr>",
                    (right * 100.0).round() as i64,
                    twips(SIZE_BODY * right)
                );
                run(out, Role::Body, line, "");
                out.push_str("</w:p>");
            }
        }
    }
}

fn paragraph(out: &mut String, p: &Paragraph) {
    let style = match p.spans.first().map(|s| s.role) {
        Some(Role::Heading) => Some("Heading1"),
        Some(Role::Subheading) => Some("Heading2"),
        _ => None,
    };
    out.push_str("<w:p>");
    let chars = (p.indent * 100.0).round() as i64;
    let indent = format!(
        "<w:ind w:firstLineChars=\"{chars}\" w:firstLine=\"{}\"/>",
        twips(SIZE_BODY * p.indent)
    );
    let keep = if p.keep_with_next {
        "<w:keepNext/>"
    } else {
        ""
    };
    match style {
        Some(s) => {
            let _ = write!(
                out,
                "<w:pPr><w:pStyle w:val=\"{s}\"/>{keep}{indent}</w:pPr>"
            );
        }
        None => {
            let _ = write!(out, "<w:pPr>{keep}{indent}</w:pPr>");
        }
    }
    for s in &p.spans {
        run(out, s.role, &s.text, "");
    }
    out.push_str("</w:p>");
}

fn table(out: &mut String, t: &TableSpec) {
    let width = twips(TEXT_WIDTH);
    let cols: Vec<i64> = t
        .cols
        .iter()
        .map(|f| (f64::from(*f) * width as f64).round() as i64)
        .collect();
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{width}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>"
    );
    // 0.5 pt rules, as the PDF draws them (w:sz in eighths of a point).
    let rule = (crate::layout::table::RULE_WIDTH * 8.0).round() as i64;
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            out,
            "<w:{side} w:val=\"single\" w:sz=\"{rule}\" w:space=\"0\" w:color=\"000000\"/>"
        );
    }
    out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>");
    for w in &cols {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    // Rows that stay on one page with the next (a merged group label with its rows).
    let keep_with_next = |r: usize| t.keep_together.iter().any(|&(s, e)| s <= r && r + 1 < e);
    let ncols = cols.len();
    for r in 0..t.rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if r < t.header_rows {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        let mut col = 0;
        while col < ncols {
            let starts = t.cells.iter().find(|c| c.row == r && c.col == col);
            let covers = t
                .cells
                .iter()
                .find(|c| c.col == col && c.row < r && r < c.row + c.rowspan);
            match (starts, covers) {
                (Some(c), _) => {
                    let merge = if c.rowspan > 1 {
                        "<w:vMerge w:val=\"restart\"/>"
                    } else {
                        ""
                    };
                    cell_start(out, &cols[col..col + c.colspan], merge);
                    cell_paragraph(out, c, keep_with_next(r) || r < t.header_rows);
                    out.push_str("</w:tc>");
                    col += c.colspan;
                }
                (None, Some(c)) => {
                    cell_start(out, &cols[col..col + c.colspan], "<w:vMerge/>");
                    out.push_str(
                        "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p></w:tc>",
                    );
                    col += c.colspan;
                }
                (None, None) => {
                    cell_start(out, &cols[col..col + 1], "");
                    out.push_str(
                        "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p></w:tc>",
                    );
                    col += 1;
                }
            }
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

fn cell_start(out: &mut String, widths: &[i64], merge: &str) {
    let w: i64 = widths.iter().sum();
    let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>");
    if widths.len() > 1 {
        let _ = write!(out, "<w:gridSpan w:val=\"{}\"/>", widths.len());
    }
    let _ = write!(out, "{merge}<w:vAlign w:val=\"center\"/></w:tcPr>");
}

fn cell_paragraph(out: &mut String, c: &TableCell, keep_with_next: bool) {
    let jc = match c.align {
        Align::Left => "left",
        Align::Center => "center",
    };
    let keep = if keep_with_next { "<w:keepNext/>" } else { "" };
    let _ = write!(
        out,
        "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>{keep}<w:jc w:val=\"{jc}\"/></w:pPr>"
    );
    let size = if (c.size - compose::SIZE_TABLE).abs() > f32::EPSILON {
        let hp = half_points(c.size);
        format!("<w:sz w:val=\"{hp}\"/><w:szCs w:val=\"{hp}\"/>")
    } else {
        String::new()
    };
    if !c.text.is_empty() {
        run(out, c.role, &c.text, &size);
    }
    out.push_str("</w:p>");
}
