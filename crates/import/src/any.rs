//! A report from whatever file a person has: a draft (`.ron`) or a published report (PDF,
//! Word, a saved web page).

use crate::audit::Read;
use crate::{Imported, Unplaced};
use nianbao_core::model::Report;
use nianbao_core::store::draft;
use std::path::Path;

/// The extensions of published reports we read, lower case.
pub const PUBLISHED: [&str; 4] = ["pdf", "docx", "html", "htm"];

/// Whether `path` names a published report (by its extension) rather than a draft.
pub fn is_published(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PUBLISHED.contains(&e.to_ascii_lowercase().as_str()))
}

/// A report read from any file, with what the person should know about the reading.
pub struct AnyReport {
    pub report: Report,
    /// Text of a published report that had no place in the template.
    pub unplaced: Vec<Unplaced>,
    /// What only the published file shows (AUDIT-*); none for a draft.
    pub findings: Vec<nianbao_core::check::Finding>,
    /// Notes of the draft reader (a mended line, a converted encoding).
    pub notes: Vec<String>,
}

/// Reads a draft or a published report; the error is a Chinese sentence naming the file.
pub fn read(path: &Path) -> Result<AnyReport, String> {
    if is_published(path) {
        let Imported {
            report,
            unplaced,
            findings,
        } = crate::import_path(path).map_err(|e| format!("无法导入 {}：{e}", path.display()))?;
        Ok(AnyReport {
            report,
            unplaced,
            findings,
            notes: Vec::new(),
        })
    } else {
        let loaded = draft::load(path).map_err(|e| e.to_string())?;
        Ok(AnyReport {
            report: loaded.report,
            unplaced: Vec::new(),
            findings: Vec::new(),
            notes: loaded.notes,
        })
    }
}

/// What `audit` reads: a draft or a published report.
pub fn read_for_audit(path: &Path) -> Result<Read, String> {
    read(path).map(|any| Read {
        report: any.report,
        findings: any.findings,
        unplaced: any.unplaced,
    })
}
