//! Running the PDF export off the UI thread, and what the export screen shows meanwhile.

use super::files::in_thread;
use super::message::Message;
use crate::fonts::{FontOptions, FontSet};
use crate::model::Report;
use crate::pdf::{self, ExportOptions};
use iced::Task;
use std::path::PathBuf;

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDone {
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: usize,
}

/// What to tell the user before exporting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Warnings {
    /// Error-level findings, as text.
    pub errors: Vec<String>,
    /// Characters no font can print, as text.
    pub missing: Vec<String>,
}

impl Warnings {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.missing.is_empty()
    }
}

/// The export screen's state.
#[derive(Debug, Clone, Default)]
pub struct ExportState {
    /// Where the PDF goes, as typed or chosen.
    pub path: String,
    /// What is running in the background, if anything.
    pub busy: Option<&'static str>,
    /// Shown before exporting, until the user goes on or steps back.
    pub warnings: Option<Warnings>,
    /// Whether the user accepted printing characters no font has (as 〓).
    pub allow_missing: bool,
    /// Use only the bundled open fonts, not the office fonts installed on this PC.
    pub bundled_only: bool,
    pub result: Option<Result<ExportDone, String>>,
}

fn font_options(bundled_only: bool) -> FontOptions {
    FontOptions {
        bundled_only,
        ..FontOptions::default()
    }
}

/// Finds the characters no font can print, on a background thread.
pub fn check_fonts(report: Report, bundled_only: bool) -> Task<Message> {
    Task::perform(
        in_thread(move || {
            let fonts = FontSet::load(&font_options(bundled_only)).map_err(|e| e.to_string())?;
            Ok(pdf::missing_chars(&report, &fonts)
                .iter()
                .map(ToString::to_string)
                .collect())
        }),
        |r| {
            Message::ExportChecked(
                r.unwrap_or_else(|| Err("检查字体时程序出错，请重试。".to_string())),
            )
        },
    )
}

/// Writes the PDF on a background thread.
pub fn run(
    report: Report,
    path: PathBuf,
    allow_missing_chars: bool,
    bundled_only: bool,
) -> Task<Message> {
    Task::perform(
        in_thread(move || {
            let options = ExportOptions {
                allow_missing_chars,
                fonts: font_options(bundled_only),
            };
            pdf::export_to_file(&report, &options, &path)
                .map(|s| ExportDone {
                    path: path.clone(),
                    pages: s.pages,
                    bytes: s.bytes,
                })
                .map_err(|e| e.to_string())
        }),
        |r| {
            Message::ExportFinished(
                r.unwrap_or_else(|| Err("导出时程序出错，未生成PDF。请重试。".to_string())),
            )
        },
    )
}
