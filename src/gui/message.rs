//! Everything that can happen in the app, as one flat list; the export screen and the generated
//! sentences have messages of their own, wrapped here.

use super::dialog::{ConfirmChoice, DialogOutcome, FileAction};
use super::files::Opened;
use super::{export, preview, sentence};
use iced::widget::text_editor;
use nianbao_core::check::{Finding, Span};
use nianbao_core::model::{AgencyLevel, Cell, LastYearLink, MetaField, Place, Prose, Signoff};
use nianbao_core::store::draft::{self, DraftError};
use nianbao_core::store::userdata::Recoverable;
use nianbao_core::template::SectionKey;
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

impl Page {
    /// The page that shows a place of the report.
    pub fn of(place: &Place) -> Page {
        match place.section() {
            Some(s) => Page::Section(s),
            None => Page::Meta,
        }
    }
}

/// A save that ran in the background.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The [`Session::id`](super::session::Session) it was started from.
    pub session: u64,
    /// The session's revision when it started: a later one means edits made meanwhile.
    pub revision: u64,
    /// Last year's link as written into the file (relative to the new path).
    pub link: Option<LastYearLink>,
    pub path: PathBuf,
    pub result: Result<draft::Saved, DraftError>,
}

/// A move from one cell to another with the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
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
    /// A draft read in the background is ready (or could not be read).
    Opened(Result<Box<Opened>, String>),
    /// "从已发布的报告导入": choose a PDF, Word file or saved web page.
    ImportRequested,
    /// 审核收到的报告.
    Received(super::received::Msg),
    /// Put this text on the clipboard (an unplaced paragraph of an imported report).
    CopyText(String),
    /// The generated data sentences of section 一.
    Sentence(sentence::Message),
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
    /// Another autosave left behind, offered once the last one was decided about.
    OrphanOffered(Option<Box<Recoverable>>),
    /// A 基本信息 line was edited.
    MetaChanged(MetaField, String),
    /// Rebuild the preface from the metadata (replacing its text: asked first when it was
    /// written by hand, confirmed by a second `RegeneratePreface`).
    RegeneratePreface,
    /// The person kept their own preface.
    RegenerateCancelled,
    /// A sub-head title of section 一 was edited.
    OverviewTitleChanged(usize, String),
    /// A multi-line text was edited (typing, IME, selection, paste).
    ProseEdited(Prose, text_editor::Action),
    /// A number cell was edited; the text is kept as typed.
    CellInput(Cell, String),
    /// Something was pasted into a cell: read the clipboard to spread tab-separated cells,
    /// which the text field itself would have merged.
    CellPasted(Cell, String),
    /// Spread pasted text (several cells) over the cells from this one on.
    PasteBlock(Cell, String),
    /// Fill every empty cell of the shown table with 0.
    FillZeros(SectionKey),
    /// Move the keyboard focus to the next field (Tab).
    FocusNext,
    /// Enter in a cell: on to the next one down (table 三) or along (tables 二 and 四).
    CellMove(Cell, Direction),
    /// An arrow key no field used: from the focused cell to its neighbour.
    Arrow(Direction),
    /// The mouse button went up: which field has the focus now?
    PointerReleased,
    /// The field that has the keyboard focus (after a click or Tab).
    Focused(iced::widget::Id),
    /// F2: edit the focused cell's text in place instead of replacing it.
    EditInPlace,
    /// Ctrl+PgDn / Ctrl+PgUp: the next or previous part of the report.
    PartStep(i8),
    /// Move the keyboard focus to the previous field (Shift+Tab).
    FocusPrevious,
    /// Go to the field a finding is about.
    JumpTo(Place),
    /// Go to a text and select the words a finding concerns.
    JumpToWords(Place, Span),
    /// The export screen.
    Export(export::Message),
    /// 预览: show or hide the pages as they will print, beside the form.
    TogglePreview,
    /// The print preview.
    Preview(preview::Message),
    /// The window's close button was pressed.
    CloseRequested,
    /// The answer to "save the changes first?".
    Confirmed(ConfirmChoice),
    /// Time to autosave, if anything changed.
    AutosaveDue,
    /// The background autosave finished (with the reason when it failed).
    AutosaveWritten(Result<(), DraftError>),
    /// A save running in the background finished.
    Saved(Box<Saved>),
    /// A save could not even be attempted.
    SaveFailed(String),
    /// The recent drafts, as stored after a change.
    Recent(Vec<PathBuf>),
    /// Hide the message bar.
    DismissNotice,
    /// Begin marking a warning "已核实" (a reason is asked for).
    AckStart(Finding),
    /// The reason for "已核实" was edited.
    AckReasonChanged(String),
    /// Mark the warning "已核实" with the reason typed.
    AckConfirmed,
    /// Stop marking the warning.
    AckCancelled,
    /// Take back a "已核实".
    Unacknowledge(Finding),
    /// Remove the invisible characters pasted from web pages or WeChat, everywhere.
    StripInvisible,
    /// The draft changed on disk since it was opened: write over it anyway.
    OverwriteConfirmed,
    /// The draft changed on disk: keep the other version, do not save over it.
    OverwriteCancelled,
    /// The agency's level was chosen in 基本信息 (`None`: judged from the name).
    LevelChosen(Option<AgencyLevel>),
    /// The 落款 was chosen in 基本信息 (shown once a date is set).
    SignoffChosen(Signoff),
    /// Esc: cancel the open question or prompt.
    Escape,
    /// Enter: a dialog's first answer (保存, 另存为…).
    Enter,
    /// The window opened, moved or was resized.
    WindowEvent(iced::window::Id, iced::window::Event),
    /// The screen's pixels per desktop unit, asked when the window opened.
    DisplayScale(f32),
    /// Whether the window is maximized, asked after it was resized.
    WindowMaximized(bool),
    /// The program is closing; the window was here.
    Leaving(Option<iced::Point>),
    /// Ctrl+= (1), Ctrl+- (-1), Ctrl+0 (0): the zoom.
    Zoom(i32),
    /// Table 三's grid was scrolled (to this offset); its frozen panes follow.
    FrozenScrolled(iced::widget::operation::AbsoluteOffset),
    /// Its frozen header row was scrolled across (a wheel over it); the grid follows.
    FrozenHeadScrolled(f32),
    /// Its frozen label column was scrolled down; the grid follows.
    FrozenLabelsScrolled(f32),
    /// The modifier keys held changed.
    Modifiers(iced::keyboard::Modifiers),
    /// 撤销: take back the last change of the report (Ctrl+Z).
    Undo,
    /// 重做: do again what was taken back (Ctrl+Y, Ctrl+Shift+Z).
    Redo,
    /// Nothing to do (a task that found nothing to report).
    None,
}
