//! The export screen as a component: its state, its messages and its `update`. The fonts are
//! loaded and the report composed once, off the UI thread, for both the pre-export warnings and
//! the PDF itself (`nianbao_print::Prepared`).

use super::files::{self, in_thread};
use iced::Task;
use nianbao_core::check::{Finding, Severity};
use nianbao_core::model::Report;
use nianbao_print::fonts::{FontError, FontOptions, MissingChar};
use nianbao_print::pdf::ExportError;
use nianbao_print::{ExportSummary, Prepared, write_pdf};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub path: PathBuf,
    pub summary: ExportSummary,
}

/// What to tell the user before exporting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Warnings {
    /// Error-level findings.
    pub errors: Vec<Finding>,
    /// Characters no font can print.
    pub missing: Vec<MissingChar>,
    /// Tables 三 and 四 are all 0: asked once whether that is really so.
    pub all_zero: bool,
}

impl Warnings {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.missing.is_empty() && !self.all_zero
    }
}

/// What runs in the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    /// Loading the fonts and finding characters they lack.
    Checking,
    /// Writing the PDF.
    Writing,
}

impl Busy {
    pub fn label(self) -> &'static str {
        match self {
            Busy::Checking => "正在检查报告能否完整打印……",
            Busy::Writing => "正在生成PDF……",
        }
    }
}

/// The export screen's state.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Where the PDF goes, as typed or chosen.
    pub path: String,
    pub busy: Option<Busy>,
    /// Shown before exporting, until the user goes on or steps back.
    pub warnings: Option<Warnings>,
    /// Use only the bundled open fonts, not the office fonts installed on this PC.
    pub bundled_only: bool,
    pub result: Option<Result<Done, ExportError>>,
    /// The report composed with its fonts, between the check and the export.
    prepared: Option<Arc<Prepared>>,
}

/// The messages of the export screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// Choose where to write the PDF.
    ChooseFile,
    /// The PDF path was typed.
    PathChanged(String),
    /// The "only the bundled fonts" setting was switched.
    BundledFontsToggled(bool),
    /// Start the export (shows warnings first when there are any).
    Requested,
    /// The fonts are loaded and the report composed, or the fonts could not be loaded.
    Checked(Result<Arc<Prepared>, FontError>),
    /// The user has read the warnings and wants the PDF anyway.
    Confirmed,
    /// The user stepped back from the warnings.
    Cancelled,
    /// The export running in the background finished.
    Finished(Result<Done, ExportError>),
    /// Open the written PDF with the system's viewer.
    OpenPdf,
    /// Open the folder that holds the written PDF.
    OpenFolder,
}

/// What the app must do for the export screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Show the dialog for where the PDF goes.
    AskPath,
    /// Tell the user something went wrong.
    Failed(String),
}

/// What of the open report the export needs.
pub struct Context<'a> {
    pub report: &'a Report,
    pub findings: &'a [Finding],
    /// The draft file, beside which the PDF is offered.
    pub draft: Option<&'a Path>,
}

impl State {
    /// Offers a PDF path (beside the draft, named after the report) so that exporting is one
    /// click; a path the user typed is kept.
    pub fn suggest_path(&mut self, report: &Report, draft: Option<&Path>) {
        if self.path.trim().is_empty() {
            let name = format!("{}.pdf", report.title());
            self.path = files::beside(draft, &name).display().to_string();
        }
    }

    pub fn update(&mut self, message: Message, cx: Context<'_>) -> (Task<Message>, Option<Event>) {
        match message {
            Message::ChooseFile => return (Task::none(), Some(Event::AskPath)),
            Message::PathChanged(text) => self.path = text,
            Message::BundledFontsToggled(on) => self.bundled_only = on,
            Message::Requested => return (self.request(cx), None),
            Message::Checked(result) => return (self.checked(result, cx), None),
            Message::Confirmed => {
                let allow_missing = self
                    .warnings
                    .as_ref()
                    .is_some_and(|w| !w.missing.is_empty());
                return (self.start(allow_missing), None);
            }
            Message::Cancelled => {
                self.warnings = None;
                self.prepared = None;
            }
            Message::Finished(result) => {
                self.busy = None;
                self.result = Some(result);
            }
            Message::OpenPdf | Message::OpenFolder => {
                let Some(Ok(done)) = &self.result else {
                    return (Task::none(), None);
                };
                let target = match message {
                    Message::OpenFolder => done.path.parent().unwrap_or(&done.path),
                    _ => done.path.as_path(),
                };
                if let Err(e) = files::open_with_system(target) {
                    return (Task::none(), Some(Event::Failed(e)));
                }
            }
        }
        (Task::none(), None)
    }

    /// Loads the fonts and composes the report off the UI thread.
    fn request(&mut self, cx: Context<'_>) -> Task<Message> {
        if self.busy.is_some() {
            return Task::none();
        }
        self.suggest_path(cx.report, cx.draft);
        self.result = None;
        self.warnings = None;
        self.busy = Some(Busy::Checking);
        let report = cx.report.clone();
        let fonts = FontOptions {
            bundled_only: self.bundled_only,
            ..FontOptions::default()
        };
        Task::perform(
            in_thread(move || Prepared::new(&report, &fonts).map(Arc::new)),
            |r| {
                Message::Checked(r.unwrap_or_else(|| {
                    Err(FontError::Unreadable {
                        path: PathBuf::new(),
                        detail: "检查字体时程序出错，请重试".into(),
                    })
                }))
            },
        )
    }

    fn checked(
        &mut self,
        result: Result<Arc<Prepared>, FontError>,
        cx: Context<'_>,
    ) -> Task<Message> {
        self.busy = None;
        let prepared = match result {
            Ok(p) => p,
            Err(e) => {
                self.result = Some(Err(ExportError::Fonts(e)));
                return Task::none();
            }
        };
        let warnings = Warnings {
            all_zero: nianbao_core::check::all_zero(cx.report),
            errors: cx
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .cloned()
                .collect(),
            missing: prepared.missing.clone(),
        };
        self.prepared = Some(prepared);
        if warnings.is_empty() {
            return self.start(false);
        }
        self.warnings = Some(warnings);
        Task::none()
    }

    /// Writes the PDF from the composed report, off the UI thread.
    fn start(&mut self, allow_missing: bool) -> Task<Message> {
        let Some(prepared) = self.prepared.take() else {
            return Task::none();
        };
        self.warnings = None;
        let path = files::with_extension(PathBuf::from(self.path.trim()), "pdf");
        self.path = path.display().to_string();
        self.busy = Some(Busy::Writing);
        self.result = None;
        let failed = path.clone();
        Task::perform(
            in_thread(move || {
                let exported = prepared.pdf(allow_missing)?;
                let summary = write_pdf(&exported, &path)?;
                Ok(Done { path, summary })
            }),
            move |r| {
                Message::Finished(r.unwrap_or_else(|| {
                    Err(ExportError::Io {
                        path: failed.clone(),
                        format: nianbao_print::Format::Pdf,
                        detail: "导出时程序出错，未生成PDF。请重试".into(),
                    })
                }))
            },
        )
    }
}
