//! The user's data folder: autosave of the working draft, crash recovery and the recent drafts.
//!
//! While the app runs it holds a lock on a session file in the data folder and writes the
//! working report to that session's autosave file every few seconds; a clean exit removes the
//! autosave. The operating system releases the lock when the process ends, however it ends, so
//! an autosave whose session file nobody holds was left by a session that did not end cleanly
//! (crash, power cut, killed process), and the app offers it back. Two windows open at once
//! hold two sessions with two autosave files, so neither overwrites the other's work.
//!
//! An autosave a session finds left behind is first moved aside to a file of its own
//! (`recovered-….ron`), so nothing this session does (its own autosaves, a clean exit, opening
//! another report) can overwrite or delete it. Every such file is offered ([`UserData::orphans`])
//! until the user restores or discards it ([`UserData::discard_orphan`]); a damaged one is kept
//! too. Where the file system cannot lock (some network and roaming folders), each process
//! autosaves to a file named after itself, and only autosaves untouched for a while are taken
//! for left behind.
//!
//! Nothing here knows about the GUI; the app only calls these functions.

use crate::model::Report;
use crate::store::atomic::{remove_stale_temps, write_atomic};
use crate::store::draft;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

/// Name of the program's folder inside the platform's data folder.
const APP_DIR: &str = "nianbao";
/// Session `n` uses `autosave.ron` and `session.lock` for n = 0, `autosave-n.ron` and
/// `session-n.lock` after that.
const AUTOSAVE_STEM: &str = "autosave";
const SESSION_STEM: &str = "session";
/// How many sessions may run at once; a further one shares the last.
const SESSIONS: usize = 8;
const RECENT_FILE: &str = "recent.txt";
const PREFS_FILE: &str = "prefs.ron";
const EXPORT_CHOICE_FILE: &str = "export.ron";
/// Autosaves moved aside for the user to decide on: `recovered-<secs>-<pid>-<n>.ron`.
const RECOVERED_PREFIX: &str = "recovered-";
/// Where locking is impossible: an autosave not written for this long is taken for left
/// behind. A live window that is idle longer writes its own again; nothing is deleted.
const UNLOCKED_ORPHAN_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);
/// The recent list is a few lines; more is not ours.
const MAX_RECENT_BYTES: usize = 64 * 1024;
/// First line of an autosave that names the draft file it belongs to.
const SOURCE_PREFIX: &str = "// nianbao-autosave-source: ";
/// How many recent drafts are remembered.
pub const RECENT_LIMIT: usize = 8;

/// The platform's per-user data folder for the program, from the environment:
/// `%APPDATA%\nianbao` on Windows, `$XDG_DATA_HOME/nianbao` or `~/.local/share/nianbao`
/// elsewhere. `None` when the environment names no home at all.
pub fn data_dir() -> Option<PathBuf> {
    data_dir_from(|name| std::env::var_os(name).filter(|v| !v.is_empty()))
}

fn data_dir_from(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    if cfg!(windows) {
        if let Some(appdata) = var("APPDATA") {
            return Some(PathBuf::from(appdata).join(APP_DIR));
        }
        return var("USERPROFILE").map(|home| {
            PathBuf::from(home)
                .join("AppData")
                .join("Roaming")
                .join(APP_DIR)
        });
    }
    if let Some(xdg) = var("XDG_DATA_HOME") {
        let xdg = PathBuf::from(xdg);
        // The XDG spec says relative values are invalid and must be ignored.
        if xdg.is_absolute() {
            return Some(xdg.join(APP_DIR));
        }
    }
    var("HOME").map(|home| {
        PathBuf::from(home)
            .join(".local")
            .join("share")
            .join(APP_DIR)
    })
}

/// An autosave left behind by a session that did not end cleanly.
#[derive(Debug, Clone)]
pub struct Recoverable {
    /// The file it is kept in until the user decides: pass it to [`UserData::discard_orphan`]
    /// once the user restored or discarded it.
    pub path: PathBuf,
    pub report: Report,
    /// The draft file the autosaved report belonged to, if it had been saved before.
    pub source: Option<PathBuf>,
    /// When the autosave was written, if the file system says.
    pub saved_at: Option<SystemTime>,
}

/// The data folder and what lives in it.
#[derive(Debug, Clone)]
pub struct UserData {
    dir: PathBuf,
    /// The session this process holds, once [`UserData::begin_session`] ran.
    session: Arc<OnceLock<Session>>,
}

/// A session slot and the open file whose lock says it is taken.
#[derive(Debug)]
struct Session {
    index: usize,
    /// Held for the life of the process; `None` where the file system cannot lock.
    _lock: Option<fs::File>,
    /// Why autosave does not work as it should, when it does not.
    problem: Option<String>,
}

/// An autosave left behind: readable, or why not.
#[derive(Debug)]
pub struct Orphan {
    /// The file, kept until [`UserData::discard_orphan`].
    pub path: PathBuf,
    /// The report in it, or the Chinese reason it cannot be read (the file is kept for rescue
    /// by hand).
    pub content: Result<Recoverable, String>,
}

/// Why there is no autosave at all: no data folder named by the environment.
pub const NO_DATA_DIR: &str = "找不到用户数据文件夹（系统未设置 APPDATA 或 HOME），本次不会自动保存，程序意外关闭时无法恢复未保存的内容。请及时手动保存。";

fn slot_name(stem: &str, index: usize, ext: &str) -> String {
    if index == 0 {
        format!("{stem}.{ext}")
    } else {
        format!("{stem}-{index}.{ext}")
    }
}

impl UserData {
    /// The data folder at `dir` (created on first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        UserData {
            dir: dir.into(),
            session: Arc::new(OnceLock::new()),
        }
    }

    /// The data folder named by the environment; see [`data_dir`].
    pub fn from_env() -> Option<Self> {
        data_dir().map(UserData::new)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn session_index(&self) -> usize {
        self.session.get().map_or(0, |s| s.index)
    }

    /// Where this session's working report is autosaved.
    pub fn autosave_path(&self) -> PathBuf {
        match self.session.get() {
            // Without locks, a file of this process's own.
            Some(s) if s._lock.is_none() => self
                .dir
                .join(format!("{AUTOSAVE_STEM}-p{}.ron", std::process::id())),
            _ => self
                .dir
                .join(slot_name(AUTOSAVE_STEM, self.session_index(), "ron")),
        }
    }

    /// Why autosave is unavailable or unreliable in this data folder, in Chinese; `None` when it
    /// works. Show it once, beside the form. (No data folder at all: [`NO_DATA_DIR`].)
    pub fn autosave_problem(&self) -> Option<String> {
        self.claim_session().problem.clone()
    }

    /// Where the window's place and the zoom are remembered ([`super::prefs::Prefs`]).
    pub fn prefs_path(&self) -> PathBuf {
        self.dir.join(PREFS_FILE)
    }

    /// Where the last export's format and folder are remembered
    /// ([`super::prefs::ExportChoice`]).
    pub fn export_choice_path(&self) -> PathBuf {
        self.dir.join(EXPORT_CHOICE_FILE)
    }

    fn recent_path(&self) -> PathBuf {
        self.dir.join(RECENT_FILE)
    }

    /// Takes the first session slot no running process holds. Where locking is not possible
    /// (some network drives), the session runs unlocked with an autosave file of its own.
    fn claim_session(&self) -> &Session {
        self.session.get_or_init(|| {
            let unavailable = |e: &io::Error| Session {
                index: 0,
                _lock: None,
                problem: Some(format!(
                    "用户数据文件夹 {} 无法写入（{}），本次不会自动保存，程序意外关闭时无法恢复未保存的内容。请及时手动保存。",
                    self.dir.display(),
                    draft::io_error_text(e)
                )),
            };
            if let Err(e) = fs::create_dir_all(&self.dir) {
                return unavailable(&e);
            }
            let mut lockable = true;
            for index in 0..SESSIONS {
                let path = self.dir.join(slot_name(SESSION_STEM, index, "lock"));
                let file = match fs::OpenOptions::new()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(&path)
                {
                    Ok(f) => f,
                    Err(e) => return unavailable(&e),
                };
                match file.try_lock() {
                    Ok(()) => {
                        return Session {
                            index,
                            _lock: Some(file),
                            problem: None,
                        };
                    }
                    Err(fs::TryLockError::WouldBlock) => continue,
                    Err(fs::TryLockError::Error(_)) => {
                        lockable = false;
                        break;
                    }
                }
            }
            // All slots taken, or no locking here: a per-process autosave file (see
            // `autosave_path`), so no two windows share one.
            let problem = (!lockable).then(|| {
                "用户数据文件夹所在的磁盘（可能是网络或漫游文件夹）不支持文件锁定：自动保存仍然进行，但程序意外关闭后，约十分钟后再启动才会提供恢复。".to_string()
            });
            Session {
                index: 0,
                _lock: None,
                problem,
            }
        })
    }

    /// Starts a session: takes a free session slot, moves every autosave left behind aside
    /// (see [`UserData::orphans`]) and returns the first to offer ([`UserData::next_orphan`]).
    /// Nothing this session does removes what it returns: call [`UserData::discard_orphan`]
    /// with [`Recoverable::path`] once the user decided.
    pub fn begin_session(&self) -> Result<Option<Recoverable>, String> {
        self.claim_session();
        // Temporary files of writes a killed process never finished.
        remove_stale_temps(&self.autosave_path());
        remove_stale_temps(&self.recent_path());
        self.adopt_orphans();
        self.next_orphan()
    }

    /// The oldest autosave left behind that can be read, to offer next. When none can, why the
    /// oldest cannot, as an error message: the files are kept so the user can still rescue them
    /// by hand, and one that cannot be read never hides the readable ones after it.
    pub fn next_orphan(&self) -> Result<Option<Recoverable>, String> {
        let mut unreadable = None;
        for orphan in self.orphans() {
            match orphan.content {
                Ok(rec) => return Ok(Some(rec)),
                Err(e) => {
                    unreadable.get_or_insert(e);
                }
            }
        }
        unreadable.map_or(Ok(None), Err)
    }

    /// Moves every autosave no running session holds into a `recovered-…` file of its own, so
    /// that it survives until the user decides.
    fn adopt_orphans(&self) {
        let own = self.autosave_path();
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let now = SystemTime::now();
        let secs = now
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        for (n, e) in entries.filter_map(Result::ok).enumerate() {
            let Ok(name) = e.file_name().into_string() else {
                continue;
            };
            if !(name.starts_with(AUTOSAVE_STEM) && name.ends_with(".ron")) {
                continue;
            }
            let path = e.path();
            let orphan = if path == own {
                // This session's own file already: left by whoever had this slot before.
                true
            } else if let Some(index) = slot_of(&name) {
                // Another slot: left behind if nobody holds its lock.
                !self.slot_is_held(index)
            } else {
                // A per-process autosave (no locking): left behind once untouched for a while.
                e.metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| now.duration_since(t).ok())
                    .is_some_and(|age| age > UNLOCKED_ORPHAN_AGE)
            };
            if orphan {
                // Never over an earlier one (same second, same process).
                let mut free = (0..100).map(|k| {
                    self.dir.join(format!(
                        "{RECOVERED_PREFIX}{secs}-{}-{n}-{k}.ron",
                        std::process::id()
                    ))
                });
                if let Some(target) = free.find(|t| !t.exists()) {
                    let _ = fs::rename(&path, target);
                }
            }
        }
    }

    /// Whether a running process holds session slot `index`.
    fn slot_is_held(&self, index: usize) -> bool {
        if self
            .session
            .get()
            .is_some_and(|s| s.index == index && s._lock.is_some())
        {
            return true;
        }
        let path = self.dir.join(slot_name(SESSION_STEM, index, "lock"));
        let Ok(file) = fs::OpenOptions::new().write(true).open(&path) else {
            return false;
        };
        match file.try_lock() {
            // We got it, so nobody held it; the lock goes when `file` is dropped.
            Ok(()) => false,
            Err(fs::TryLockError::WouldBlock) => true,
            // Cannot tell: assume it is alive, never take a live window's work.
            Err(fs::TryLockError::Error(_)) => true,
        }
    }

    /// Every autosave left behind, oldest first: readable ones with their report, damaged ones
    /// with the reason. They stay until [`UserData::discard_orphan`].
    pub fn orphans(&self) -> Vec<Orphan> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut paths: Vec<(Option<SystemTime>, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with(RECOVERED_PREFIX) && n.ends_with(".ron"))
            })
            .map(|e| (e.metadata().and_then(|m| m.modified()).ok(), e.path()))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|(_, path)| Orphan {
                content: read_recoverable(&path),
                path,
            })
            .collect()
    }

    /// Removes an autosave left behind, once the user restored it (it is in the working report
    /// now) or chose to discard it. Only `recovered-…` files of this data folder are removed.
    pub fn discard_orphan(&self, path: &Path) -> io::Result<()> {
        let ours = path.parent() == Some(self.dir.as_path())
            && path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(RECOVERED_PREFIX));
        if !ours {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "不是自动保存留下的文件",
            ));
        }
        fs::remove_file(path)
    }

    /// Writes the working report to the autosave file, atomically, remembering which draft
    /// file it belongs to.
    pub fn autosave(&self, report: &Report, source: Option<&Path>) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let mut text = String::new();
        if let Some(source) = source {
            // A path with a line break cannot be stored on one line; leave it out then.
            let shown = source.to_string_lossy();
            if !shown.contains(['\n', '\r']) {
                text.push_str(SOURCE_PREFIX);
                text.push_str(&shown);
                text.push('\n');
            }
        }
        text.push_str(&draft::to_ron(report));
        // An autosave recovery would refuse is no autosave: keep the last good one instead.
        if text.len() as u64 > draft::MAX_DRAFT_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                "报告内容超过草稿文件的上限，无法自动保存",
            ));
        }
        write_atomic(&self.autosave_path(), text.as_bytes(), false)
    }

    /// Removes this session's own autosave (after the user saved). Autosaves left behind by
    /// other sessions are never touched by it.
    pub fn clear_autosave(&self) {
        let _ = fs::remove_file(self.autosave_path());
    }

    /// Ends the session cleanly: no autosave is left behind. The session slot is free again
    /// when the process ends.
    pub fn end_session(&self) {
        self.clear_autosave();
    }

    /// The recent drafts, most recent first; files that no longer exist are left out.
    pub fn recent(&self) -> Vec<PathBuf> {
        let text = draft::read_text(&self.recent_path()).unwrap_or_default();
        if text.len() > MAX_RECENT_BYTES {
            return Vec::new();
        }
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            // Lists written by earlier versions on Windows hold `\\?\C:\…`.
            .map(|l| dunce::simplified(Path::new(l)).to_path_buf())
            .filter(|p| p.is_file())
            .take(RECENT_LIMIT)
            .collect()
    }

    /// Puts a draft at the top of the recent list.
    pub fn add_recent(&self, path: &Path) -> io::Result<()> {
        // As the person knows it: `C:\草稿\年报.ron`, not Windows' `\\?\C:\…` form.
        let path = dunce::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut list = vec![path.clone()];
        list.extend(self.recent().into_iter().filter(|p| *p != path));
        list.truncate(RECENT_LIMIT);
        let text: String = list
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .filter(|s| !s.contains(['\n', '\r']))
            .map(|s| s + "\n")
            .collect();
        fs::create_dir_all(&self.dir)?;
        write_atomic(&self.recent_path(), text.as_bytes(), false)
    }
}

/// The slot index of `autosave.ron` (0) or `autosave-<n>.ron`; `None` for other names.
fn slot_of(name: &str) -> Option<usize> {
    let stem = name.strip_suffix(".ron")?;
    if stem == AUTOSAVE_STEM {
        return Some(0);
    }
    stem.strip_prefix(AUTOSAVE_STEM)?
        .strip_prefix('-')?
        .parse()
        .ok()
}

/// Reads an autosave: the report, and the draft it belonged to from its first line.
fn read_recoverable(path: &Path) -> Result<Recoverable, String> {
    let loaded = draft::load(path).map_err(|e| e.to_string())?;
    let text = draft::read_text(path).unwrap_or_default();
    let source = text
        .lines()
        .next()
        .and_then(|line| line.strip_prefix(SOURCE_PREFIX))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(PathBuf::from);
    let saved_at = fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(Recoverable {
        path: path.to_path_buf(),
        report: loaded.report,
        source,
        saved_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    #[cfg(not(windows))]
    fn data_dir_follows_xdg_then_home() {
        assert_eq!(
            data_dir_from(env(&[("XDG_DATA_HOME", "/x/data"), ("HOME", "/home/a")])),
            Some(PathBuf::from("/x/data/nianbao"))
        );
        assert_eq!(
            data_dir_from(env(&[("XDG_DATA_HOME", "rel"), ("HOME", "/home/a")])),
            Some(PathBuf::from("/home/a/.local/share/nianbao"))
        );
        assert_eq!(data_dir_from(env(&[])), None);
    }
}
