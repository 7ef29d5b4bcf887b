//! The printed report of nianbao, in three stages:
//!
//! 1. **compose** ([`compose::blocks`]): the report → blocks in print order, each with the place
//!    in the report it comes from, and no page geometry (what a Word or web export needs);
//! 2. **layout** ([`layout::layout_blocks`]): blocks → pages of positioned glyphs and rules, after
//!    GB/T 9704 (what a preview and the PDF need);
//! 3. **pdf** ([`pdf::write`]): pages → bytes, nothing else; or **raster**
//!    ([`raster::pages`]): the same pages → pixels, for the app's preview.
//!
//! [`Prepared`] runs the first stage once per export, with the fonts and the characters they
//! lack, so the app can warn before exporting and then export from the same blocks.
//!
//! The other deliverables start from the same composed blocks and tables: the portal page
//! ([`html`]), the editable Word file ([`docx`]) and the statistics tables as Excel ([`xlsx`]).
//! They need no fonts: Word, the browser and Excel set the text in the office's own fonts.

pub mod compose;
pub mod docx;
pub mod fonts;
pub mod html;
pub mod layout;
pub mod pdf;
pub mod raster;
pub mod xlsx;

use compose::Placed;
use fonts::{FallbackChar, FontError, FontOptions, FontSet, MissingChar};
use layout::Document;
use nianbao_core::model::Report;
use nianbao_core::store::atomic::write_atomic;
use pdf::{DocumentInfo, ExportError};
use std::path::Path;

/// A report composed for printing, with its fonts: what every export starts from.
#[derive(Debug)]
pub struct Prepared {
    pub fonts: FontSet,
    pub blocks: Vec<Placed>,
    /// Characters no available font has, with where they occur.
    pub missing: Vec<MissingChar>,
    /// Characters that print in another typeface than their role's (a rare name character in
    /// a 仿宋 line), with where they occur: the PDF prints them, but the user should know.
    pub fallback: Vec<FallbackChar>,
    pub info: DocumentInfo,
}

impl Prepared {
    /// Loads the fonts and composes the report.
    pub fn new(report: &Report, fonts: &FontOptions) -> Result<Prepared, FontError> {
        let fonts = FontSet::load(fonts)?;
        let blocks = compose::blocks(report);
        let texts: Vec<_> = blocks.iter().flat_map(Placed::texts).collect();
        let missing = fonts.missing_chars(texts.iter().map(|&(place, _, text)| (place, text)));
        let fallback = fonts.fallback_chars(texts);
        Ok(Prepared {
            fonts,
            blocks,
            missing,
            fallback,
            info: DocumentInfo {
                title: report.title(),
                author: report.meta.agency.clone(),
                date: report.meta.date,
                year: report.meta.year.value().unwrap_or(0),
            },
        })
    }

    /// Lays the blocks out on pages.
    pub fn layout(&self) -> Document {
        layout::layout_blocks(&self.blocks, &self.fonts)
    }

    /// The PDF: stops with [`ExportError::MissingChars`] when some character has no font, unless
    /// `allow_missing_chars` (they then print as 〓).
    pub fn pdf(&self, allow_missing_chars: bool) -> Result<Exported, ExportError> {
        if !allow_missing_chars && !self.missing.is_empty() {
            return Err(ExportError::MissingChars(self.missing.clone()));
        }
        let doc = self.layout();
        let bytes = pdf::write(&doc, &self.info, &self.fonts)?;
        Ok(Exported {
            summary: ExportSummary {
                pages: Some(doc.pages.len()),
                bytes: bytes.len(),
                warnings: fonts::fallback_warnings(&self.fallback)
                    .into_iter()
                    .chain(
                        doc.warnings
                            .iter()
                            .map(|w| format!("{}：{}", w.place.describe(), w.message)),
                    )
                    .collect(),
            },
            bytes,
        })
    }
}

/// How to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Which fonts to use.
    pub fonts: FontOptions,
    /// Export even if some characters have no font; they print as 〓 instead of stopping.
    pub allow_missing_chars: bool,
}

/// What an export produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    /// Pages of a PDF; other formats are paginated by the program that opens them.
    pub pages: Option<usize>,
    pub bytes: usize,
    /// What the PDF prints otherwise than it should, in Chinese: characters set in another
    /// typeface than the text around them ([`fonts::fallback_warnings`]), then what layout
    /// could not set as it should (a number too wide for its cell) with where it is:
    /// "表三 ……：……".
    pub warnings: Vec<String>,
}

/// What a report can be exported as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// The print-ready PDF.
    #[default]
    Pdf,
    /// A standalone web page for the portal (`html::page`); `html::fragment` is what the app
    /// copies for pasting into a CMS editor.
    Html,
    /// An editable Word document.
    Docx,
    /// Tables 二, 三 and 四 as an Excel workbook.
    Xlsx,
}

impl Format {
    /// All formats, in the order the app offers them.
    pub const ALL: [Format; 4] = [Format::Pdf, Format::Html, Format::Docx, Format::Xlsx];

    /// The file extension written, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
        }
    }

    /// The name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Html => "网页",
            Format::Docx => "Word",
            Format::Xlsx => "Excel",
        }
    }

    /// The format a file name asks for, by its extension (any case; `.htm` too).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Format::Pdf),
            "html" | "htm" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// An export made in memory.
pub struct Exported {
    pub bytes: Vec<u8>,
    pub summary: ExportSummary,
}

/// Exports a report as PDF bytes in one go.
pub fn export_pdf(report: &Report, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let prepared = Prepared::new(report, &options.fonts)?;
    Ok(prepared.pdf(options.allow_missing_chars)?.bytes)
}

/// Exports a report in `format`, in memory. Only the PDF loads fonts; the missing-character
/// stop applies to it alone (a browser, Word or Excel set the text in the reader's fonts).
pub fn export(
    report: &Report,
    format: Format,
    options: &ExportOptions,
) -> Result<Exported, ExportError> {
    let bytes = match format {
        Format::Pdf => {
            let prepared = Prepared::new(report, &options.fonts)?;
            return prepared.pdf(options.allow_missing_chars);
        }
        Format::Html => html::page(report).into_bytes(),
        Format::Docx => docx::write(report).map_err(|e| ExportError::Encode {
            format,
            detail: e.to_string(),
        })?,
        Format::Xlsx => xlsx::write(report).map_err(|e| ExportError::Encode {
            format,
            detail: e.to_string(),
        })?,
    };
    Ok(Exported {
        summary: ExportSummary {
            pages: None,
            bytes: bytes.len(),
            warnings: Vec::new(),
        },
        bytes,
    })
}

/// An export never goes where a draft is ([`ExportError::WouldOverwriteDraft`]).
fn refuse_draft(path: &Path, format: Format) -> Result<(), ExportError> {
    if nianbao_core::store::draft::is_draft_file(path) {
        return Err(ExportError::WouldOverwriteDraft {
            path: path.to_path_buf(),
            format,
        });
    }
    Ok(())
}

/// Writes an export to `path`: to a temporary file renamed over it, so a failure never leaves a
/// half-written file in place of a good one. A draft is never replaced by an export
/// ([`ExportError::WouldOverwriteDraft`]).
pub fn write_export(
    exported: &Exported,
    format: Format,
    path: &Path,
) -> Result<ExportSummary, ExportError> {
    refuse_draft(path, format)?;
    write_atomic(path, &exported.bytes, false).map_err(|e| ExportError::Io {
        path: path.to_path_buf(),
        format,
        detail: nianbao_core::store::draft::io_error_text(&e),
    })?;
    Ok(exported.summary.clone())
}

/// Writes an exported PDF to `path` (see [`write_export`]).
pub fn write_pdf(exported: &Exported, path: &Path) -> Result<ExportSummary, ExportError> {
    write_export(exported, Format::Pdf, path)
}

/// Exports a report to a PDF file (see [`write_export`]).
pub fn export_to_file(
    report: &Report,
    options: &ExportOptions,
    path: &Path,
) -> Result<ExportSummary, ExportError> {
    export_file(report, Format::Pdf, options, path)
}

/// Exports a report to a file in `format` (see [`write_export`]). The draft check comes first,
/// so a refused name costs no export.
pub fn export_file(
    report: &Report,
    format: Format,
    options: &ExportOptions,
    path: &Path,
) -> Result<ExportSummary, ExportError> {
    refuse_draft(path, format)?;
    write_export(&export(report, format, options)?, format, path)
}
