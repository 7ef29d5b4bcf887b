//! The user's data folder: autosave of the working draft, crash recovery and the recent drafts.
//!
//! While the app runs it holds a lock on a session file in the data folder and writes the
//! working report to that session's autosave file every few seconds; a clean exit removes the
//! autosave. The operating system releases the lock when the process ends, however it ends, so
//! an autosave whose session file nobody holds was left by a session that did not end cleanly
//! (crash, power cut, killed process), and the app offers it back. Two windows open at once
//! hold two sessions with two autosave files, so neither overwrites the other's work.
//!
//! Nothing here knows about the GUI; the app only calls these functions.

use crate::model::Report;
use crate::store::atomic::write_atomic;
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
#[derive(Debug)]
pub struct Recoverable {
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
}

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
        self.dir
            .join(slot_name(AUTOSAVE_STEM, self.session_index(), "ron"))
    }

    fn recent_path(&self) -> PathBuf {
        self.dir.join(RECENT_FILE)
    }

    /// Takes the first session slot no running process holds. Where locking is not possible
    /// (some network drives), the first slot is used unlocked, as a single session would.
    fn claim_session(&self) -> &Session {
        self.session.get_or_init(|| {
            let _ = fs::create_dir_all(&self.dir);
            for index in 0..SESSIONS {
                let path = self.dir.join(slot_name(SESSION_STEM, index, "lock"));
                let Ok(file) = fs::OpenOptions::new()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(&path)
                else {
                    break;
                };
                match file.try_lock() {
                    Ok(()) => {
                        return Session {
                            index,
                            _lock: Some(file),
                        };
                    }
                    Err(fs::TryLockError::WouldBlock) => continue,
                    Err(fs::TryLockError::Error(_)) => break,
                }
            }
            Session {
                index: 0,
                _lock: None,
            }
        })
    }

    /// Starts a session: takes a free session slot and returns the autosave that slot's last
    /// session left behind without a clean exit, if any. An autosave that cannot be read is
    /// reported as an error message and left in place, so the user can still rescue it by hand.
    pub fn begin_session(&self) -> Result<Option<Recoverable>, String> {
        self.claim_session();
        if self.autosave_path().exists() {
            self.read_autosave().map(Some)
        } else {
            Ok(None)
        }
    }

    fn read_autosave(&self) -> Result<Recoverable, String> {
        let path = self.autosave_path();
        let loaded = draft::load(&path).map_err(|e| e.to_string())?;
        let text = fs::read_to_string(&path).unwrap_or_default();
        let source = text
            .lines()
            .next()
            .and_then(|line| line.strip_prefix(SOURCE_PREFIX))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(PathBuf::from);
        let saved_at = fs::metadata(&path).and_then(|m| m.modified()).ok();
        Ok(Recoverable {
            report: loaded.report,
            source,
            saved_at,
        })
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
        write_atomic(&self.autosave_path(), text.as_bytes(), false)
    }

    /// Removes the autosave (after the user saved, restored or discarded it).
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
        fs::read_to_string(self.recent_path())
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_file())
            .take(RECENT_LIMIT)
            .collect()
    }

    /// Puts a draft at the top of the recent list.
    pub fn add_recent(&self, path: &Path) -> io::Result<()> {
        let path = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
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
