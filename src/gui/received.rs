//! 审核收到的报告: the receiving office's screen — a folder of received reports read and checked
//! in the background (`nianbao_import::audit`), one row each, any report's findings one click
//! away, and the summary saved as a page or a spreadsheet.

use super::files::in_thread;
use iced::Task;
use nianbao_import::{any, audit};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often the progress line is refreshed while reading.
pub const POLL: Duration = Duration::from_millis(200);

/// The audited reports, shared with the messages that carry them.
#[derive(Clone)]
pub struct Rows(pub Arc<Vec<audit::Row>>);

impl fmt::Debug for Rows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rows({})", self.0.len())
    }
}

/// What the screen's buttons and the background work send.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Choose a folder (dialog).
    Choose,
    /// Refresh the progress line.
    Tick(u64),
    /// The batch `run` ended.
    Done(u64, Rows),
    /// Show a report's findings.
    Select(usize),
    /// Open a report as a new, unsaved draft.
    Open(usize),
    /// Save the summary in the audited folder and open it.
    Save(Summary),
    /// A summary was written (its path), or why not.
    Saved(Result<PathBuf, String>),
    /// Back to the report or the start screen.
    Close,
    /// Back to the results of the last audit.
    Show,
}

/// The file a summary is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Summary {
    Page,
    Spreadsheet,
}

impl Summary {
    pub fn file_name(self) -> String {
        let ext = match self {
            Summary::Page => "html",
            Summary::Spreadsheet => "csv",
        };
        format!("{}.{ext}", audit::SUMMARY_STEM)
    }
}

/// Where a batch has got to: files done, files in all, the last one read.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub last: String,
}

/// The screen.
#[derive(Debug)]
pub struct State {
    /// Shown instead of the report (the report stays open behind it).
    pub shown: bool,
    pub folder: PathBuf,
    /// Folders or files that could not be searched, with why.
    pub problems: Vec<String>,
    /// Counts the batches, so that a late result of an earlier one is dropped.
    run: u64,
    pub progress: Arc<Mutex<Progress>>,
    /// `None` while reading.
    pub rows: Option<Rows>,
    pub selected: Option<usize>,
}

impl State {
    /// Starts reading `folder` in the background; the task ticks until the batch ends.
    pub fn start(previous: Option<&State>, folder: PathBuf) -> (State, Task<Msg>) {
        let run = previous.map_or(1, |p| p.run + 1);
        let progress = Arc::new(Mutex::new(Progress::default()));
        let (files, problems) = audit::files_in(std::slice::from_ref(&folder));
        let mut problems: Vec<String> = problems
            .into_iter()
            .map(|(p, why)| format!("{}：{why}", p.display()))
            .collect();
        if files.is_empty() {
            problems.push(format!(
                "文件夹中没有找到可审核的报告文件（{}）。",
                audit::EXTENSIONS.map(|e| format!(".{e}")).join("、")
            ));
        }
        if let Ok(mut p) = progress.lock() {
            p.total = files.len();
        }
        let shared = Arc::clone(&progress);
        let work = Task::perform(
            in_thread(move || {
                let note = |done: usize, total: usize, file: &Path| {
                    if let Ok(mut p) = shared.lock() {
                        *p = Progress {
                            done,
                            total,
                            last: file
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default(),
                        };
                    }
                };
                audit::audit(
                    &files,
                    &[],
                    Arc::new(any::read_for_audit),
                    audit::Limits::default(),
                    &note,
                )
            }),
            move |rows| Msg::Done(run, Rows(Arc::new(rows.unwrap_or_default()))),
        );
        let state = State {
            shown: true,
            folder,
            problems,
            run,
            progress,
            rows: None,
            selected: None,
        };
        (state, Task::batch([work, tick(run)]))
    }

    /// The next refresh while the batch `run` is reading.
    pub fn ticked(&self, run: u64) -> Task<Msg> {
        if run == self.run && self.rows.is_none() {
            tick(run)
        } else {
            Task::none()
        }
    }

    /// Takes the rows of batch `run`; a late result of an earlier batch is dropped.
    pub fn done(&mut self, run: u64, rows: Rows) {
        if run == self.run {
            self.rows = Some(rows);
            self.selected = None;
        }
    }

    /// Writes the summary into the audited folder, off the UI thread.
    pub fn save(&self, kind: Summary) -> Task<Msg> {
        let Some(rows) = self.rows.clone() else {
            return Task::none();
        };
        let path = self.folder.join(kind.file_name());
        Task::perform(
            in_thread(move || {
                let bytes = match kind {
                    Summary::Page => audit::html(&rows.0).into_bytes(),
                    Summary::Spreadsheet => audit::csv(&rows.0)?,
                };
                nianbao_core::store::atomic::write_atomic(&path, &bytes, false).map_err(|e| {
                    format!(
                        "无法保存 {}：{}",
                        path.display(),
                        nianbao_core::store::draft::io_error_text(&e)
                    )
                })?;
                Ok(path)
            }),
            |r| Msg::Saved(r.unwrap_or_else(|| Err("保存汇总时程序出错。".into()))),
        )
    }
}

fn tick(run: u64) -> Task<Msg> {
    Task::perform(super::files::sleep(POLL), move |()| Msg::Tick(run))
}
