//! Writing files so that a crash, a power cut or a full disk never leaves a half-written one.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The backup kept beside a draft: `report.ron` → `report.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Writes bytes atomically: a temporary file in the same folder, flushed to disk, then renamed
/// over the target. When `keep_backup` is set, the file it replaces becomes `<name>.bak`.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "draft".into());
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if keep_backup && path.exists() {
            // Copy rather than rename, so the target never disappears even for a moment.
            fs::copy(path, backup_path(path))?;
        }
        fs::rename(&tmp, path)?;
        // Make the rename itself durable where the platform allows opening a folder.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
