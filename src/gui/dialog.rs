//! What the app asks the user: a file (by dialog or typed path) and "save the changes first?".

use std::path::PathBuf;

/// What a file dialog (or the typed-path fallback) was opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAction {
    /// Open a draft.
    Open,
    /// Save the draft under a new name.
    SaveAs,
    /// Choose where the PDF goes.
    ExportTo,
    /// Choose last year's draft to start a new report from.
    NewFromLast,
    /// Choose last year's draft for the cross-year checks of the open report.
    LastYear,
    /// Choose a published report to import into a new draft.
    Import,
    /// Choose the folder of received reports to audit.
    AuditFolder,
}

/// How a file dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The user chose this file.
    Chosen(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown on this system (no portal, no zenity): ask for a typed path.
    Unavailable,
}

/// What to do with unsaved changes before leaving the current report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmChoice {
    /// Save first, then go on.
    Save,
    /// Throw the changes away and go on.
    Discard,
    /// Stay.
    Cancel,
}

/// An action that replaces or closes the current report, held while the user confirms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Close the window.
    Exit,
    /// Open this draft.
    OpenPath(PathBuf),
    /// Show the open dialog.
    OpenDialog,
    /// Ask for a typed path to open.
    OpenTypedPath,
    /// Open the example report.
    OpenExample,
    /// Create the new report asked for on the start screen.
    CreateNew,
    /// Show the dialog for last year's draft to start a new report from.
    NewFromLastDialog,
    /// Ask for a typed path of last year's draft to start a new report from.
    NewFromLastTyped,
    /// Show the dialog for a published report to import.
    ImportDialog,
    /// Ask for a typed path of a published report to import.
    ImportTyped,
    /// Open a report read by the audit, by its row.
    OpenAudited(usize),
    /// Take the autosave back.
    Restore,
}

/// The typed-path fallback, shown when no file dialog can be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPrompt {
    pub action: FileAction,
    pub text: String,
    /// Why the user is asked to type: no dialog could be shown, or they asked for it.
    pub reason: Option<String>,
}
