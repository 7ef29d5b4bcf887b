//! Everything that can happen in the app, as one flat list.

use crate::rules::Place;
use crate::sentences::Topic;
use crate::template::{SectionKey, T2Cell};
use iced::widget::text_editor;
use std::path::PathBuf;

/// A screen of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// New report, open a draft, recent drafts, the example.
    Start,
    /// 基本信息: metadata and the preface.
    Meta,
    /// One of the six sections.
    Section(SectionKey),
    /// The list of findings.
    Checks,
    /// This year's key figures beside last year's, with a chart of the outcomes.
    Compare,
    /// PDF export.
    Export,
}

/// A number cell of one of the three tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellRef {
    /// A count of table 二.
    T2(T2Cell),
    /// The 万元 amount of table 二.
    T2Fee,
    /// A fillable cell of table 三: template row, column < 6.
    T3 { row: usize, col: usize },
    /// A fillable cell of table 四: group, column < 4.
    T4 { group: usize, col: usize },
}

/// A multi-line text of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProseField {
    /// The opening paragraphs.
    Preface,
    /// The opening paragraph of section 一.
    OverviewIntro,
    /// A sub-head body of section 一.
    OverviewPart(usize),
    /// Section 五.
    Problems,
    /// A sub-item of section 六.
    OtherItem(usize),
}

/// A one-line field of 基本信息.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetaField {
    Agency,
    Year,
    PortalName,
    PortalUrl,
    ColumnName,
    Address,
    Phone,
    /// 成文日期 typed as 2022-01-20 or 2022年1月20日.
    Date,
}

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
    /// Take the autosave back.
    Restore,
}

/// The messages of the app. `update` hands each to a small method of the same theme.
#[derive(Debug, Clone)]
pub enum Message {
    /// Show a screen.
    Show(Page),
    /// The 机关名称 of a new report was edited on the start screen.
    NewAgencyChanged(String),
    /// The 年度 of a new report was edited on the start screen.
    NewYearChanged(String),
    /// Create the new report from the start screen's name and year.
    CreateNew,
    /// Open the bundled example report.
    OpenExample,
    /// Ask for last year's draft and start a new report for the year after it.
    NewFromLastRequested,
    /// Ask for last year's draft to compare the open report with.
    LastYearRequested,
    /// Forget last year's draft of the open report (no more cross-year checks).
    LastYearCleared,
    /// Show the generated data paragraph of a topic before inserting it into its sub-head.
    SentencePreview(Topic),
    /// Insert the previewed paragraph of a topic into its sub-head of section 一.
    SentenceInsert(Topic),
    /// Take back the last insertion of a generated paragraph.
    SentenceUndo,
    /// Close the preview or the result of an insertion.
    SentenceDismissed,
    /// Open a draft from the recent list (or the command line).
    OpenPath(PathBuf),
    /// Ask for a draft to open (toolbar button or Ctrl+O).
    OpenRequested,
    /// Save to the current file, or ask where when there is none (Ctrl+S).
    SaveRequested,
    /// Ask for a new file name and save there.
    SaveAsRequested,
    /// A file dialog for the given purpose has closed.
    DialogClosed(FileAction, DialogOutcome),
    /// The typed-path fallback's text was edited.
    PathInputChanged(String),
    /// The typed path was confirmed.
    PathInputSubmitted,
    /// The typed-path fallback was dismissed.
    PathInputCancelled,
    /// Open the typed-path fallback for an action, without trying a dialog.
    PathInputOpened(FileAction),
    /// Take back the autosave of a session that ended uncleanly.
    RestoreAutosave,
    /// Throw away the autosave of a session that ended uncleanly.
    DiscardAutosave,
    /// A 基本信息 line was edited.
    MetaChanged(MetaField, String),
    /// Rebuild the preface from the metadata (replacing its text).
    RegeneratePreface,
    /// A sub-head title of section 一 was edited.
    OverviewTitleChanged(usize, String),
    /// A multi-line text was edited (typing, IME, selection, paste).
    ProseEdited(ProseField, text_editor::Action),
    /// A number cell was edited; the text is kept as typed.
    CellInput(CellRef, String),
    /// Something was pasted into a cell: read the clipboard to spread tab-separated cells,
    /// which the text field itself would have merged.
    CellPasted(CellRef, String),
    /// Spread pasted text (several cells) over the cells from this one on.
    PasteBlock(CellRef, String),
    /// Fill every empty cell of the shown table with 0.
    FillZeros(SectionKey),
    /// Move the keyboard focus to the next field (Tab, Enter in a cell).
    FocusNext,
    /// Move the keyboard focus to the previous field (Shift+Tab).
    FocusPrevious,
    /// Go to the field a finding is about.
    JumpTo(Place),
    /// Choose where to write the PDF.
    ExportChooseFile,
    /// The PDF path was typed on the export screen.
    ExportPathChanged(String),
    /// The "only the bundled fonts" setting of the export was switched.
    ExportBundledFontsToggled(bool),
    /// Start the export (shows warnings first when there are any).
    ExportRequested,
    /// The user has read the warnings and wants the PDF anyway.
    ExportConfirmed,
    /// The user stepped back from the warnings.
    ExportCancelled,
    /// The background check for characters no font has finished: their descriptions, or
    /// why the fonts could not be loaded.
    ExportChecked(Result<Vec<String>, String>),
    /// The export running in the background finished.
    ExportFinished(Result<super::export::ExportDone, String>),
    /// Open the written PDF with the system's viewer.
    OpenPdf,
    /// Open the folder that holds the written PDF.
    OpenPdfFolder,
    /// The window's close button was pressed.
    CloseRequested,
    /// The answer to "save the changes first?".
    Confirmed(ConfirmChoice),
    /// Time to autosave, if anything changed.
    AutosaveDue,
    /// The background autosave finished (with an error text when it failed).
    AutosaveWritten(Option<String>),
    /// Hide the message bar.
    DismissNotice,
}
