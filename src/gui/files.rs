//! Side effects the app hands to the system: file dialogs, timers, background threads, opening
//! a file with the system's viewer, and where bundled files are.

use super::dialog::{DialogOutcome, FileAction};
use iced::Task;
use iced::futures::channel::oneshot;
use nianbao_core::model::Report;
use nianbao_core::store::draft::{self, Loaded};
use nianbao_import::any;
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
pub fn dialog(action: FileAction, start: Option<PathBuf>, name: String) -> Task<DialogOutcome> {
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
                    "选择上年的年报（据此新建本年报告）"
                } else {
                    "选择上年的年报（用于跨年度检查和对比）"
                };
                let mut either = vec!["ron"];
                either.extend(any::PUBLISHED);
                dialog
                    .set_title(title)
                    .add_filter("年报草稿或已发布的报告", &either)
                    .add_filter("年报草稿 (*.ron)", &["ron"])
                    .add_filter(PUBLISHED_FILTER, &any::PUBLISHED)
                    .pick_file()
                    .await
            }
            FileAction::Import => {
                dialog
                    .set_title("选择已发布的年度报告（PDF、Word 或保存的网页）")
                    .add_filter(PUBLISHED_FILTER, &any::PUBLISHED)
                    .pick_file()
                    .await
            }
            FileAction::AuditFolder => {
                dialog
                    .set_title("选择存放收到的年度报告的文件夹")
                    .pick_folder()
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
                let format = nianbao_print::Format::from_path(Path::new(&name)).unwrap_or_default();
                let ext = format.extension();
                dialog
                    .set_title(format!("导出{}", format.name()))
                    .add_filter(format!("{}文件 (*.{ext})", format.name()), &[ext])
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
    Task::future(future)
}

/// The file dialogs' name for published reports.
const PUBLISHED_FILTER: &str = "已发布的报告 (*.pdf *.docx *.html *.htm)";

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

/// A file offered first: in the draft's folder, else in the documents folder.
pub fn beside(draft: Option<&Path>, name: &str) -> PathBuf {
    let dir = draft
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .or_else(documents_dir)
        .unwrap_or_default();
    dir.join(name)
}

/// Why a draft is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// To edit it (last year's draft it names is read with it); a published report is
    /// imported into a new draft instead.
    Open,
    /// A published report (PDF, Word, web page) read into a new, unsaved draft.
    Import,
    /// As last year's report, to start this year's from.
    NewFromLast,
    /// As last year's report of the open one: chosen by the user now (`true`), or named by the
    /// draft already (`false`).
    LastYear { chosen: bool },
}

/// A draft read off the UI thread.
#[derive(Debug, Clone)]
pub struct Opened {
    pub purpose: Purpose,
    pub path: PathBuf,
    pub loaded: Loaded,
    /// For [`Purpose::Open`]: last year's report as the draft links it.
    pub last_year: LastYear,
    /// Set when the file was a published report: what could not be placed, and what only the
    /// printed file showed.
    pub imported: Option<Imported>,
}

/// What reading a published report left for the person to see.
#[derive(Debug, Clone)]
pub struct Imported {
    pub unplaced: Vec<nianbao_import::Unplaced>,
    pub findings: Vec<nianbao_core::check::Finding>,
}

/// Last year's report of an open one, for the cross-year checks.
#[derive(Debug, Clone, Default)]
pub enum LastYear {
    /// None named.
    #[default]
    None,
    /// Named and read.
    Loaded(Box<Report>),
    /// Named, but it could not be read: why, in Chinese.
    Failed(String),
}

impl LastYear {
    /// Reads last year's draft or published report (call off the UI thread).
    pub fn read(path: &Path) -> LastYear {
        match any::read(path) {
            Ok(read) => LastYear::Loaded(Box::new(read.report)),
            Err(e) => LastYear::Failed(e),
        }
    }

    pub fn report(&self) -> Option<&Report> {
        match self {
            LastYear::Loaded(r) => Some(r),
            _ => None,
        }
    }
}

/// Reads a draft (and, to open it, last year's draft it names), or imports a published report,
/// on a background thread. The error says why in Chinese.
pub fn read_draft(purpose: Purpose, path: PathBuf) -> Task<Result<Box<Opened>, String>> {
    let failed = path.clone();
    Task::perform(
        in_thread(move || {
            if any::is_published(&path) {
                let read = any::read(&path)?;
                let purpose = match purpose {
                    Purpose::Open => Purpose::Import,
                    other => other,
                };
                return Ok(Box::new(Opened {
                    purpose,
                    loaded: Loaded {
                        report: read.report,
                        format_version: draft::FORMAT_VERSION,
                        newer_format: false,
                        notes: read.notes,
                        fingerprint: None,
                    },
                    last_year: LastYear::None,
                    imported: Some(Imported {
                        unplaced: read.unplaced,
                        findings: read.findings,
                    }),
                    path,
                }));
            }
            let loaded = draft::load(&path).map_err(|e| e.to_string())?;
            let last_year = match (purpose, &loaded.report.last_year) {
                (Purpose::Open, Some(link)) => LastYear::read(&link.resolve(Some(&path))),
                _ => LastYear::None,
            };
            Ok(Box::new(Opened {
                purpose,
                path,
                loaded,
                last_year,
                imported: None,
            }))
        }),
        move |r| r.unwrap_or_else(|| Err(format!("读取 {} 时程序出错。", failed.display()))),
    )
}

/// Opens a file or folder with the system's default program (the caller runs this off the UI
/// thread only if the program may take long to start; spawning returns at once).
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
        .map(|mut child| {
            // Reaped when it ends, so that no finished helper lingers as a zombie.
            std::thread::spawn(move || child.wait());
        })
        .map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => {
                "这台电脑上没有找到用来打开文件的程序。请安装PDF阅读器（如WPS或系统自带的文档查看器），或到文件夹中直接打开该文件".to_string()
            }
            std::io::ErrorKind::PermissionDenied => "没有权限启动打开文件的程序".to_string(),
            _ => e.to_string(),
        };
        format!("无法用系统程序打开 {}：{why}。", path.display())
    })
}

/// What 打印 did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printed {
    /// Handed to the default PDF program's print command (Windows): it prints, or shows its
    /// print dialog.
    Sent,
    /// Opened in the desktop's PDF viewer, where the person prints it (Linux desktops have no
    /// common print command for a file).
    Opened,
}

/// Prints a PDF the way the system does: on Windows the default PDF program's "print" verb (as
/// Explorer's 打印); elsewhere the file opens in the desktop's viewer to be printed from there.
pub fn print_with_system(path: &Path) -> Result<Printed, String> {
    #[cfg(windows)]
    {
        use std::os::windows::ffi::OsStrExt;
        use windows_sys::Win32::UI::Shell::ShellExecuteW;
        use windows_sys::Win32::UI::WindowsAndMessaging::SW_SHOWNORMAL;
        let wide = |s: &std::ffi::OsStr| -> Vec<u16> { s.encode_wide().chain([0]).collect() };
        let verb = wide(std::ffi::OsStr::new("print"));
        let file = wide(path.as_os_str());
        // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call; the other
        // pointers may be null.
        let code = unsafe {
            ShellExecuteW(
                std::ptr::null_mut(),
                verb.as_ptr(),
                file.as_ptr(),
                std::ptr::null(),
                std::ptr::null(),
                SW_SHOWNORMAL,
            )
        } as isize;
        // Above 32 is success; 31 (SE_ERR_NOASSOC) is "no program prints this type".
        match code {
            c if c > 32 => Ok(Printed::Sent),
            31 => Err("这台电脑上没有能打印PDF的程序。请安装PDF阅读器（如WPS、Adobe Reader），或在浏览器中打开该PDF后打印。".to_string()),
            c => Err(format!("无法打印 {}（系统返回代码 {c}）。请打开PDF后在阅读器中打印。", path.display())),
        }
    }
    #[cfg(not(windows))]
    {
        open_with_system(path).map(|()| Printed::Opened)
    }
}
