//! The export screen as a component: its state, its messages and its `update`. One page for
//! every format (PDF, 网页, Word, Excel) with the same checks first: the fonts are loaded and the
//! report composed once, off the UI thread, for the pre-export warnings (errors, characters no
//! font has, all-zero tables) and then the file itself. "复制网页版" puts the portal page on the
//! clipboard as HTML, with plain text beside it for programs that take no HTML.

use super::files::{self, in_thread};
use iced::Task;
use nianbao_core::check::{Finding, Severity};
use nianbao_core::model::Report;
use nianbao_core::store::prefs::ExportChoice;
use nianbao_print::fonts::{FontError, FontOptions, MissingChar, fallback_warnings};
use nianbao_print::pdf::ExportError;
use nianbao_print::{ExportOptions, ExportSummary, Format, Prepared, write_export};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub path: PathBuf,
    pub format: Format,
    pub summary: ExportSummary,
}

/// What "复制网页版" put on the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    /// The page as HTML (tables included) with plain text beside it.
    Html,
    /// Plain text only: this system's clipboard took no HTML.
    PlainText,
}

impl Copied {
    /// What to tell the user.
    pub fn text(self) -> &'static str {
        match self {
            Copied::Html => {
                "已复制网页版（含表格）。在门户网站的编辑器（如 UEditor、KindEditor）中粘贴即可，标题、段落和表格合并单元格都会保留。"
            }
            Copied::PlainText => {
                "本机剪贴板不支持网页格式，已复制为纯文本（表格各列以制表符分隔）。需要带表格的网页版时，请用“导出”保存为网页文件后上传。"
            }
        }
    }
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
    /// For a PDF: characters that print in another typeface than the text around them (a rare
    /// name or place character in a 仿宋 line), one sentence per typeface, naming them and
    /// where they are.
    pub fallback: Vec<String>,
}

impl Warnings {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
            && self.missing.is_empty()
            && !self.all_zero
            && self.fallback.is_empty()
    }
}

/// What runs in the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    /// Loading the fonts and finding characters they lack.
    Checking,
    /// Writing the file.
    Writing(Format),
}

impl Busy {
    pub fn label(self) -> String {
        match self {
            Busy::Checking => "正在检查报告能否完整显示和打印……".into(),
            Busy::Writing(format) => format!("正在生成{}文件……", format.name()),
        }
    }
}

/// The path for `format`: its extension replaces another format's, or is added when there is
/// none ("年报" → "年报.docx"); any other extension is kept, as typed.
pub fn path_for(path: PathBuf, format: Format) -> PathBuf {
    match Format::from_path(&path) {
        Some(f) if f == format => path,
        Some(_) => path.with_extension(format.extension()),
        None => files::with_extension(path, format.extension()),
    }
}

/// The export screen's state.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// What to export as.
    pub format: Format,
    /// Where the file goes, as typed or chosen.
    pub path: String,
    /// The folder of the last export (remembered across sessions by the app, see
    /// [`State::remembering`]); offered before the draft's folder.
    pub folder: Option<PathBuf>,
    /// The outcome of the last "复制网页版".
    pub copied: Option<Copied>,
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
    /// A format was chosen: PDF, 网页, Word or Excel.
    FormatChosen(Format),
    /// Put the portal page on the clipboard (HTML, plain text beside it).
    CopyHtml,
    /// The clipboard was written: as HTML, or as plain text where it takes no HTML.
    Copied(Copied),
    /// Choose where to write the file.
    ChooseFile,
    /// The path was typed.
    PathChanged(String),
    /// The "only the bundled fonts" setting was switched.
    BundledFontsToggled(bool),
    /// Start the export (shows warnings first when there are any).
    Requested,
    /// The fonts are loaded and the report composed, or the fonts could not be loaded.
    Checked(Result<Arc<Prepared>, FontError>),
    /// The user has read the warnings and wants the file anyway.
    Confirmed,
    /// The user stepped back from the warnings.
    Cancelled,
    /// The export running in the background finished.
    Finished(Result<Done, ExportError>),
    /// Open the written file with the system's program for it.
    OpenPdf,
    /// Print the written PDF (paper copies are what gets signed and stamped).
    Print,
    /// Open the folder that holds the written PDF.
    OpenFolder,
}

/// What the app must do for the export screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Show the dialog for where the file goes.
    AskPath,
    /// Tell the user something went wrong.
    Failed(String),
    /// Tell the user what happened.
    Said(String),
}

/// What of the open report the export needs.
pub struct Context<'a> {
    pub report: &'a Report,
    pub findings: &'a [Finding],
    /// The draft file, beside which the file is offered.
    pub draft: Option<&'a Path>,
}

impl State {
    /// A state that starts from the last export's choice (what the app remembered in the user
    /// data folder), so the page offers the same format and folder again.
    pub fn remembering(choice: &ExportChoice) -> State {
        State {
            format: Format::from_path(Path::new(&format!("x.{}", choice.format)))
                .unwrap_or_default(),
            folder: choice.folder.clone(),
            ..State::default()
        }
    }

    /// What the app should remember after an export, for [`State::remembering`] next time.
    pub fn choice(&self) -> ExportChoice {
        ExportChoice {
            format: self.format.extension().to_string(),
            folder: self.folder.clone(),
        }
    }

    /// Offers a path (in the last export's folder, else beside the draft, named after the
    /// report) so that exporting is one click; a path the user typed is kept, with the chosen
    /// format's extension.
    pub fn suggest_path(&mut self, report: &Report, draft: Option<&Path>) {
        if self.path.trim().is_empty() {
            let name = format!("{}.{}", report.title(), self.format.extension());
            let path = match self.folder.as_deref().filter(|f| f.is_dir()) {
                Some(folder) => folder.join(name),
                None => files::beside(draft, &name),
            };
            self.path = path.display().to_string();
        }
    }

    /// A path chosen in the file dialog, with the chosen format's extension.
    pub fn path_chosen(&mut self, path: PathBuf) {
        self.path = path_for(path, self.format).display().to_string();
    }

    pub fn update(&mut self, message: Message, cx: Context<'_>) -> (Task<Message>, Option<Event>) {
        match message {
            Message::FormatChosen(format) => {
                self.format = format;
                self.result = None;
                if !self.path.trim().is_empty() {
                    self.path_chosen(PathBuf::from(self.path.trim()));
                }
            }
            Message::CopyHtml => return (copy_html(cx.report), None),
            Message::Copied(copied) => self.copied = Some(copied),
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
                return (self.start(allow_missing, cx.report), None);
            }
            Message::Cancelled => {
                self.warnings = None;
                self.prepared = None;
            }
            Message::Finished(result) => {
                self.busy = None;
                if let Ok(done) = &result {
                    self.folder = done.path.parent().map(Path::to_path_buf);
                }
                self.result = Some(result);
            }
            Message::Print => {
                let Some(Ok(done)) = &self.result else {
                    return (Task::none(), None);
                };
                return match files::print_with_system(&done.path) {
                    Ok(files::Printed::Sent) => (
                        Task::none(),
                        Some(Event::Said(
                            "已交给PDF阅读器打印；如弹出打印窗口，请在其中选择打印机后确认。"
                                .into(),
                        )),
                    ),
                    Ok(files::Printed::Opened) => (
                        Task::none(),
                        Some(Event::Said(
                            "已用PDF阅读器打开，请在其中按 Ctrl+P 打印。".into(),
                        )),
                    ),
                    Err(e) => (Task::none(), Some(Event::Failed(e))),
                };
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
        self.copied = None;
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
            // Only the PDF sets the text in our fonts.
            fallback: if self.format == Format::Pdf {
                fallback_warnings(&prepared.fallback)
            } else {
                Vec::new()
            },
        };
        self.prepared = Some(prepared);
        if warnings.is_empty() {
            return self.start(false, cx.report);
        }
        self.warnings = Some(warnings);
        Task::none()
    }

    /// Writes the file off the UI thread: the PDF from the composed report, the other formats
    /// from the report (they need no fonts).
    fn start(&mut self, allow_missing: bool, report: &Report) -> Task<Message> {
        let Some(prepared) = self.prepared.take() else {
            return Task::none();
        };
        self.warnings = None;
        let format = self.format;
        let path = path_for(PathBuf::from(self.path.trim()), format);
        self.path = path.display().to_string();
        self.busy = Some(Busy::Writing(format));
        self.result = None;
        let failed = path.clone();
        let report = report.clone();
        Task::perform(
            in_thread(move || {
                let exported = match format {
                    Format::Pdf => prepared.pdf(allow_missing)?,
                    _ => nianbao_print::export(&report, format, &ExportOptions::default())?,
                };
                let summary = write_export(&exported, format, &path)?;
                Ok(Done {
                    path,
                    format,
                    summary,
                })
            }),
            move |r| {
                Message::Finished(r.unwrap_or_else(|| {
                    Err(ExportError::Io {
                        path: failed.clone(),
                        format,
                        detail: "导出时程序出错，未生成文件。请重试".into(),
                    })
                }))
            },
        )
    }
}

/// The system clipboard, kept for the life of the program: on Linux the copied page is served
/// by the program that copied it, so it must outlive the copy.
static CLIPBOARD: Mutex<Option<arboard::Clipboard>> = Mutex::new(None);

/// Puts the portal page's fragment on the clipboard as HTML with its plain text beside it, off
/// the UI thread; where the system takes no HTML, iced writes the plain text.
fn copy_html(report: &Report) -> Task<Message> {
    let html = nianbao_print::html::fragment(report);
    let text = nianbao_print::html::plain_text(report);
    let fallback = text.clone();
    Task::perform(
        in_thread(move || {
            let Ok(mut slot) = CLIPBOARD.lock() else {
                return Err("剪贴板正被占用".to_string());
            };
            if slot.is_none() {
                *slot = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
            }
            match slot.as_mut() {
                Some(clipboard) => clipboard
                    .set_html(html.as_str(), Some(text.as_str()))
                    .map_err(|e| e.to_string()),
                None => Err("无法打开剪贴板".to_string()),
            }
        }),
        |r| r.unwrap_or_else(|| Err("复制时程序出错".to_string())),
    )
    .then(move |r| match r {
        Ok(()) => Task::done(Message::Copied(Copied::Html)),
        Err(_) => iced::clipboard::write::<Message>(fallback.clone())
            .chain(Task::done(Message::Copied(Copied::PlainText))),
    })
}
