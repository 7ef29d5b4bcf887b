//! Writing files so that a crash, a power cut or a full disk never leaves a half-written one.
//!
//! A file is replaced by writing a temporary file beside it, flushing it to disk and renaming it
//! over the target. Backups are made the same way: a hard link to (or, where the file system has
//! none, a flushed copy of) the file about to be replaced, renamed into place, so a backup is
//! always either the previous whole one or the new whole one, never a truncated file.
//!
//! On Windows the rename is retried for a moment while an antivirus scan, the search indexer or a
//! PDF viewer holds the file (see [`rename_retrying`]). `ReplaceFileW`, which would also keep the
//! old file's ACLs and attributes, is not used: it is not atomic. It moves the old file away
//! before it moves the new one in (its documented ERROR_UNABLE_TO_MOVE_REPLACEMENT leaves "the
//! replaced file no longer exists"), and under Wine a save killed at that moment left no draft at
//! all, where the rename never does (tests/kill_save.rs). So the new file takes the folder's
//! permissions, as any new file there would, and not the old one's attributes. There is no
//! folder flush on Windows (see [`sync_folder`]).
//!
//! Temporary files are named `.<name>.<pid>-<counter>-<time>.tmp` (`.<name>.bak…` for backups)
//! so that concurrent writers, in one process or several, never share one; those a killed
//! process left behind are removed by the next write of the same file (and when a draft is
//! opened) once they are [`STALE_TEMP_AGE`] old.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// How many daily backups (`<name>.YYYY-MM-DD.bak`) are kept beside a draft.
pub const DAILY_BACKUPS: usize = 7;
/// Temporary files older than this, left by a process that was killed while writing, are
/// removed the next time the same file is written. A live writer holds its temporary file for
/// well under a second (a draft is a few tens of KB, an export is written from memory).
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(10 * 60);

/// Distinguishes the temporary files of concurrent writers within one process; the process id
/// distinguishes processes, and the time a process that reuses the id of a killed one.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Temporary files this process could not remove: on Windows a backup's temporary name is a
/// hard link to the draft, and cannot be removed while another program holds the draft. Tried
/// again at the next write or open.
static LEFT_BEHIND: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The backup kept beside a draft: `report.ron` → `report.ron.bak`, the version before the
/// last save.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// The daily backup of `date` (`YYYY-MM-DD`): `report.ron` → `report.ron.2024-03-05.bak`, the
/// version the file had before the first save of that day (UTC).
pub fn daily_backup_path(path: &Path, date: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{date}.bak"));
    PathBuf::from(name)
}

/// Every backup of `path` that exists: the last-save backup first, then the daily ones, newest
/// first.
pub fn backups(path: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let last = backup_path(path);
    if last.is_file() {
        out.push(last);
    }
    let mut daily = daily_backups(path);
    daily.reverse();
    out.extend(daily);
    out
}

/// The daily backups of `path`, oldest first (the date in the name sorts).
fn daily_backups(path: &Path) -> Vec<PathBuf> {
    let (dir, Some(name)) = (folder_of(path), path.file_name()) else {
        return Vec::new();
    };
    let prefix = format!("{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let n = e.file_name().into_string().ok()?;
            let date = n.strip_prefix(&prefix)?.strip_suffix(".bak")?;
            is_date(date).then(|| e.path())
        })
        .collect();
    found.sort();
    found
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Today's date in UTC as `YYYY-MM-DD` (civil-from-days, so no date crate is needed).
pub fn utc_date(now: SystemTime) -> String {
    let days = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temporary file name beside `path`, unique to this process and call:
/// `.<name>.<what><pid>-<counter>-<nanoseconds>.tmp`.
fn temp_path(path: &Path, what: &str) -> PathBuf {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "draft".into());
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    folder_of(path).join(format!(
        ".{file_name}.{what}{}-{n}-{nanos}.tmp",
        std::process::id()
    ))
}

/// Whether `rest`, what follows `.<name>.` in a file name, is one of [`temp_path`]'s (or an
/// earlier version's `<pid>-<counter>`): other programs' files beside the draft are left alone.
fn is_our_temp(rest: &str) -> bool {
    let Some(stem) = rest.strip_suffix(".tmp") else {
        return false;
    };
    let stem = stem.strip_prefix("bak").unwrap_or(stem);
    let parts: Vec<&str> = stem.split('-').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Creates a new temporary file beside `path`: a name already taken (left by a killed process
/// whose id this one has now) is skipped, never written into.
fn create_temp(path: &Path, what: &str) -> io::Result<(PathBuf, fs::File)> {
    create_first_free(|| temp_path(path, what))
}

/// Creates the first of `names` that does not exist yet (giving up after a few).
fn create_first_free(mut names: impl FnMut() -> PathBuf) -> io::Result<(PathBuf, fs::File)> {
    let mut tries = 0;
    loop {
        let tmp = names();
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 16 => tries += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Removes temporary files of `path` (`.<name>.<pid>-<counter>-<time>.tmp`) that a killed
/// process left behind. Only old ones: a younger one may belong to a writer that is still
/// running. Failures are ignored (a read-only folder, a file another program holds).
pub fn remove_stale_temps(path: &Path) {
    if let Ok(mut left) = LEFT_BEHIND.lock() {
        left.retain(|t| fs::remove_file(t).is_err_and(|e| e.kind() != io::ErrorKind::NotFound));
    }
    let (dir, Some(name)) = (folder_of(path), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(&dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.filter_map(Result::ok) {
        let Ok(n) = e.file_name().into_string() else {
            continue;
        };
        if !n.strip_prefix(&prefix).is_some_and(is_our_temp) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        if old {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Removes a temporary file of this process, or notes it for [`remove_stale_temps`].
fn remove_temp(tmp: &Path) {
    match fs::remove_file(tmp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            if let Ok(mut left) = LEFT_BEHIND.lock() {
                left.push(tmp.to_path_buf());
            }
        }
        _ => {}
    }
}

/// A backup that could not be made; the file itself was still written.
#[derive(Debug)]
pub struct BackupFailure {
    /// The backup file that could not be written.
    pub path: PathBuf,
    pub error: io::Error,
}

/// Writes bytes atomically: a temporary file in the same folder, flushed to disk, then renamed
/// over the target. When `keep_backup` is set, backups of the file it replaces are made first
/// (see [`write_with_backups`]); a backup that cannot be made does not stop the write.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    if keep_backup {
        write_with_backups(path, bytes).map(|_| ())
    } else {
        write_replacing(path, bytes)
    }
}

/// Writes bytes atomically after backing up the file it replaces: `<name>.bak` (the version
/// before this save) and, on the first save of a day, `<name>.YYYY-MM-DD.bak`; the newest
/// [`DAILY_BACKUPS`] daily ones are kept. A backup that cannot be made (read-only backup file,
/// a folder in its place, full disk) does not stop the save: it is returned so the caller can
/// warn.
pub fn write_with_backups(path: &Path, bytes: &[u8]) -> io::Result<Option<BackupFailure>> {
    remove_stale_temps(path);
    let mut failure = None;
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        let last = backup_path(path);
        if let Err(error) = backup_into(path, &last) {
            failure = Some(BackupFailure { path: last, error });
        }
        // Named by the day in Beijing time (UTC+8, no daylight saving), as the office knows it:
        // a save at 07:00 belongs to today, not to yesterday's UTC date.
        let beijing = SystemTime::now() + std::time::Duration::from_secs(8 * 3600);
        let daily = daily_backup_path(path, &utc_date(beijing));
        if !daily.exists() {
            match backup_into(path, &daily) {
                Ok(()) => prune_daily(path),
                Err(error) => {
                    failure.get_or_insert(BackupFailure { path: daily, error });
                }
            }
        }
    }
    write_replacing(path, bytes)?;
    Ok(failure)
}

/// Makes `backup` a whole copy of `path`, atomically: a hard link (or a flushed copy) under a
/// temporary name, renamed over the old backup.
fn backup_into(path: &Path, backup: &Path) -> io::Result<()> {
    let tmp = temp_path(path, "bak");
    let made = fs::hard_link(path, &tmp).or_else(|_| {
        // No hard links here (FAT, some network shares): a flushed copy instead.
        let _ = fs::remove_file(&tmp);
        let mut from = fs::File::open(path)?;
        let mut to = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        io::copy(&mut from, &mut to)?;
        to.sync_all()
    });
    let result = made.and_then(|()| rename_retrying(&tmp, backup));
    // Also after success: renaming a hard link onto another link of the same file succeeds
    // without removing the source (POSIX), which happens when two saves back up one version.
    remove_temp(&tmp);
    result
}

fn prune_daily(path: &Path) {
    let daily = daily_backups(path);
    let excess = daily.len().saturating_sub(DAILY_BACKUPS);
    for old in &daily[..excess] {
        let _ = fs::remove_file(old);
    }
}

/// The temporary-file-and-rename write itself. Stale temporary files of a killed writer of the
/// same file go first.
fn write_replacing(path: &Path, bytes: &[u8]) -> io::Result<()> {
    remove_stale_temps(path);
    let dir = folder_of(path);
    let (tmp, mut f) = create_temp(path, "")?;
    let result = (|| {
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        rename_retrying(&tmp, path)?;
        sync_folder(&dir);
        Ok(())
    })();
    if result.is_err() {
        remove_temp(&tmp);
    }
    result
}

/// Makes a rename durable where the platform allows opening a folder (Unix): without it a power
/// cut soon after a save can bring back the old name, or no name, for the new file.
///
/// Skipped on Windows, on purpose: `File::open` cannot open a folder there, and Windows documents
/// no way to flush a folder's entries. NTFS journals the rename as metadata, so after a crash
/// the draft is either the previous whole version or the new one (whose bytes were flushed
/// before the rename); the journal is written lazily, so a power cut within seconds of a save
/// may bring back the previous version.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Renames, retrying for a moment when another program holds the target open: on Windows an
/// antivirus scan, the search indexer or a PDF viewer makes the rename fail with a sharing
/// violation or "access denied" for a short while.
fn rename_retrying(from: &Path, to: &Path) -> io::Result<()> {
    let mut wait = Duration::from_millis(20);
    let mut tries = 0;
    loop {
        match fs::rename(from, to) {
            Ok(()) => return Ok(()),
            Err(e) if tries < 8 && is_transient_lock(&e) => {
                std::thread::sleep(wait);
                wait = (wait * 2).min(Duration::from_millis(500));
                tries += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// ERROR_ACCESS_DENIED (5), ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33): on Windows
/// these pass when the other program lets go. Elsewhere a failed rename is final.
fn is_transient_lock(e: &io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        let at = |secs: u64| utc_date(SystemTime::UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01");
        assert_eq!(at(951_782_400), "2000-02-29");
        assert_eq!(at(1_709_596_800), "2024-03-05");
        assert!(is_date("2024-03-05"));
        assert!(!is_date("2024-3-5"));
    }

    #[test]
    fn temporary_names_are_distinct_and_recognised() {
        let path = Path::new("dir/报告.ron");
        let (a, b) = (temp_path(path, ""), temp_path(path, "bak"));
        assert_ne!(a, temp_path(path, ""));
        for t in [&a, &b] {
            let name = t.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let rest = name.strip_prefix(".报告.ron.").unwrap_or_default();
            assert!(is_our_temp(rest), "{name}");
            assert!(rest.contains(&format!("{}-", std::process::id())), "{name}");
        }
        // An earlier version's names too; nothing else.
        assert!(is_our_temp("1234-0.tmp") && is_our_temp("bak1234-5.tmp"));
        for other in [
            "swp.tmp",
            "1234.tmp",
            "1234-0.tmp.x",
            "a-1-2.tmp",
            "1-2-3-4.tmp",
            "--.tmp",
        ] {
            assert!(!is_our_temp(other), "{other}");
        }
    }

    #[test]
    fn a_temporary_name_left_by_a_killed_process_is_skipped() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path();
        let taken = dir.join(".d.ron.1-0-0.tmp");
        fs::write(&taken, "left behind").expect("write");
        let free = dir.join(".d.ron.1-1-0.tmp");
        let mut names = [taken.clone(), free.clone()].into_iter();
        let (got, _file) =
            create_first_free(|| names.next().unwrap_or_else(|| free.clone())).expect("created");
        assert_eq!(got, free);
        assert_eq!(
            fs::read_to_string(&taken).ok().as_deref(),
            Some("left behind")
        );
    }
}
