//! The printed report of nianbao, in three stages:
//!
//! 1. **compose** ([`compose::blocks`]): the report → blocks in print order, each with the place
//!    in the report it comes from, and no page geometry (what a Word or web export needs);
//! 2. **layout** ([`layout::layout_blocks`]): blocks → pages of positioned glyphs and rules, after
//!    GB/T 9704 (what a preview and the PDF need);
//! 3. **pdf** ([`pdf::write`]): pages → bytes, nothing else.
//!
//! [`Prepared`] runs the first stage once per export, with the fonts and the characters they
//! lack, so the app can warn before exporting and then export from the same blocks.

pub mod compose;
pub mod fonts;
pub mod layout;
pub mod pdf;

use compose::Placed;
use fonts::{FontError, FontOptions, FontSet, MissingChar};
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
    pub info: DocumentInfo,
}

impl Prepared {
    /// Loads the fonts and composes the report.
    pub fn new(report: &Report, fonts: &FontOptions) -> Result<Prepared, FontError> {
        let fonts = FontSet::load(fonts)?;
        let blocks = compose::blocks(report);
        let missing = fonts.missing_chars(blocks.iter().flat_map(Placed::texts));
        Ok(Prepared {
            fonts,
            blocks,
            missing,
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
                pages: doc.pages.len(),
                bytes: bytes.len(),
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportSummary {
    pub pages: usize,
    pub bytes: usize,
}

/// A PDF made in memory.
pub struct Exported {
    pub bytes: Vec<u8>,
    pub summary: ExportSummary,
}

/// Exports a report as PDF bytes in one go.
pub fn export_pdf(report: &Report, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let prepared = Prepared::new(report, &options.fonts)?;
    Ok(prepared.pdf(options.allow_missing_chars)?.bytes)
}

/// Writes an exported PDF to `path`: to a temporary file renamed over it, so a failure never
/// leaves a half-written PDF in place of a good one.
/// A draft is never replaced by a PDF ([`ExportError::WouldOverwriteDraft`]).
pub fn write_pdf(exported: &Exported, path: &Path) -> Result<ExportSummary, ExportError> {
    if nianbao_core::store::draft::is_draft_file(path) {
        return Err(ExportError::WouldOverwriteDraft {
            path: path.to_path_buf(),
        });
    }
    write_atomic(path, &exported.bytes, false).map_err(|e| ExportError::Io {
        path: path.to_path_buf(),
        detail: nianbao_core::store::draft::io_error_text(&e),
    })?;
    Ok(exported.summary)
}

/// Exports a report to a file (see [`write_pdf`]).
pub fn export_to_file(
    report: &Report,
    options: &ExportOptions,
    path: &Path,
) -> Result<ExportSummary, ExportError> {
    let prepared = Prepared::new(report, &options.fonts)?;
    write_pdf(&prepared.pdf(options.allow_missing_chars)?, path)
}
