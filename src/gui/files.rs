//! Side effects the app hands to the system: file dialogs, timers, background threads, opening
//! a file with the system's viewer, and where bundled files are.

use super::document::Document;
use super::message::{DialogOutcome, FileAction, Message};
use iced::Task;
use iced::futures::channel::oneshot;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A dialog that returns nothing faster than this was never shown (rfd returns `None` at once
/// when there is no portal and no zenity), which a person could not have cancelled so fast.
const DIALOG_MIN_HUMAN: Duration = Duration::from_millis(350);

/// Runs `f` on its own thread; the future ends with its result (`None` if it panicked).
pub fn in_thread<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> impl Future<Output = Option<T>> + Send + 'static {
    let (tx, rx) = oneshot::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    async move { rx.await.ok() }
}

/// A timer that needs no async runtime (the app runs on a plain thread pool).
pub fn sleep(duration: Duration) -> impl Future<Output = ()> + Send + 'static {
    let done = in_thread(move || std::thread::sleep(duration));
    async move {
        let _ = done.await;
    }
}

/// Shows the native file dialog for an action, as a task.
pub fn dialog(action: FileAction, start: Option<PathBuf>, name: String) -> Task<Message> {
    let future = async move {
        let started = Instant::now();
        let mut dialog = rfd::AsyncFileDialog::new();
        if let Some(dir) = start.or_else(documents_dir) {
            dialog = dialog.set_directory(dir);
        }
        let picked = match action {
            FileAction::Open => {
                dialog
                    .set_title("打开年报草稿")
                    .add_filter("年报草稿 (*.ron)", &["ron"])
                    .pick_file()
                    .await
            }
            FileAction::NewFromLast | FileAction::LastYear => {
                let title = if action == FileAction::NewFromLast {
                    "选择上年的年报草稿（据此新建本年报告）"
                } else {
                    "选择上年的年报草稿（用于跨年度检查和对比）"
                };
                dialog
                    .set_title(title)
                    .add_filter("年报草稿 (*.ron)", &["ron"])
                    .pick_file()
                    .await
            }
            FileAction::SaveAs => {
                dialog
                    .set_title("保存年报草稿")
                    .add_filter("年报草稿 (*.ron)", &["ron"])
                    .set_file_name(name)
                    .save_file()
                    .await
            }
            FileAction::ExportTo => {
                dialog
                    .set_title("导出PDF")
                    .add_filter("PDF 文件 (*.pdf)", &["pdf"])
                    .set_file_name(name)
                    .save_file()
                    .await
            }
        };
        match picked {
            Some(file) => DialogOutcome::Chosen(file.path().to_path_buf()),
            None if started.elapsed() < DIALOG_MIN_HUMAN => DialogOutcome::Unavailable,
            None => DialogOutcome::Cancelled,
        }
    };
    Task::perform(future, move |outcome| {
        Message::DialogClosed(action, outcome)
    })
}

/// Adds the extension when the name has none (people type "年报" and mean "年报.ron").
pub fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(ext)
    }
}

/// The user's documents folder (文档: the known folder on Windows, also when it was moved to
/// another drive; XDG_DOCUMENTS_DIR on Linux), or home, for dialogs and suggested paths.
pub fn documents_dir() -> Option<PathBuf> {
    if let Some(d) = dirs::document_dir().filter(|d| d.is_dir()) {
        return Some(d);
    }
    let home = std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" })
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)?;
    for sub in ["Documents", "文档"] {
        let d = home.join(sub);
        if d.is_dir() {
            return Some(d);
        }
    }
    Some(home)
}

/// The PDF path offered first: beside the draft, else in the documents folder.
pub fn default_export_path(doc: &Document, name: &str) -> PathBuf {
    let dir = doc
        .path
        .as_ref()
        .and_then(|p| p.parent())
        .map(Path::to_path_buf)
        .or_else(documents_dir)
        .unwrap_or_default();
    dir.join(name)
}

/// The sample report: next to the executable or its parents (an installed copy, or
/// `target/release` in a checkout), then the source tree.
pub fn example_path() -> Option<PathBuf> {
    const REL: &str = "examples/jinxiang-2021.ron";
    let mut candidates = Vec::new();
    if let Ok(exe) = std::env::current_exe() {
        let mut dir = exe.parent().map(Path::to_path_buf);
        for _ in 0..4 {
            let Some(d) = dir else { break };
            candidates.push(d.join(REL));
            dir = d.parent().map(Path::to_path_buf);
        }
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join(REL));
    candidates.into_iter().find(|p| p.is_file())
}

/// Opens a file or folder with the system's default program.
pub fn open_with_system(path: &Path) -> Result<(), String> {
    let mut command = if cfg!(windows) {
        let mut c = std::process::Command::new("explorer");
        c.arg(path);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    command
        .spawn()
        .map(|_| ())
        .map_err(|e| format!("无法用系统程序打开 {}：{e}", path.display()))
}
