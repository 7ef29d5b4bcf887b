//! Temporary files: those a killed save left behind are cleaned up, others' files are not, and
//! writers running at the same time never share one.

use crate::support::*;
use nianbao_core::store::atomic::{STALE_TEMP_AGE, write_atomic};
use nianbao_core::store::draft;
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

fn names(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// A file as a killed writer would have left it, `age` ago.
fn left_behind(dir: &Path, name: &str, age: Duration) {
    let path = dir.join(name);
    fs::write(&path, "half a draft").expect("write");
    let f = fs::File::options().write(true).open(&path).expect("open");
    f.set_modified(SystemTime::now() - age).expect("set time");
}

#[test]
fn temporary_files_of_a_killed_save_are_removed_on_open_and_on_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.ron");
    draft::save(&example(), &path).expect("saved");
    let before = names(dir.path());
    let old = STALE_TEMP_AGE + Duration::from_secs(60);
    let ours_old = [
        ".d.ron.4242-0.tmp",
        ".d.ron.bak4242-1.tmp",
        ".d.ron.4242-3-123456789.tmp",
        ".d.ron.bak4242-4-5.tmp",
    ];
    for n in ours_old {
        left_behind(dir.path(), n, old);
    }
    // A writer still running, another program's file, another draft's temporary file.
    let kept = [
        ".d.ron.4243-0-1.tmp",
        ".d.ron.swp.tmp",
        ".e.ron.4242-0-1.tmp",
    ];
    left_behind(dir.path(), kept[0], Duration::from_secs(1));
    left_behind(dir.path(), kept[1], old);
    left_behind(dir.path(), kept[2], old);

    draft::load(&path).expect("opens");
    let mut expected = before.clone();
    expected.extend(kept.iter().map(|k| k.to_string()));
    expected.sort();
    assert_eq!(names(dir.path()), expected, "opening cleans up");

    for n in ours_old {
        left_behind(dir.path(), n, old);
    }
    draft::save(&example(), &path).expect("saved");
    let after = names(dir.path());
    assert!(
        ours_old.iter().all(|n| !after.contains(&n.to_string())),
        "saving cleans up: {after:?}"
    );
    assert!(
        kept.iter().all(|n| after.contains(&n.to_string())),
        "{after:?}"
    );

    // An export (written without backups) cleans up after a killed export of its own file.
    let pdf = dir.path().join("d.pdf");
    left_behind(dir.path(), ".d.pdf.4242-0-7.tmp", old);
    write_atomic(&pdf, b"%PDF", false).expect("written");
    assert!(!dir.path().join(".d.pdf.4242-0-7.tmp").exists());
    assert_eq!(fs::read(&pdf).expect("read"), b"%PDF");
}

#[test]
fn writers_at_the_same_time_never_share_a_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.ron");
    let versions: Vec<Vec<u8>> = (0..6u8)
        .map(|i| vec![b'0' + i; 1000 + usize::from(i) * 4096])
        .collect();
    std::thread::scope(|s| {
        for v in &versions {
            let path = &path;
            s.spawn(move || {
                for _ in 0..30 {
                    write_atomic(path, v, true).expect("every write succeeds");
                }
            });
        }
    });
    let now = fs::read(&path).expect("read");
    assert!(versions.contains(&now), "the file is one whole version");
    let left: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Windows: a program holding the draft open without letting others delete it (a PDF viewer,
/// a virus scan) makes the rename fail for a moment; the save waits for it and succeeds.
#[cfg(windows)]
#[test]
fn a_save_waits_for_a_program_that_holds_the_draft() {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_SHARE_READ: u32 = 1;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.ron");
    draft::save(&example(), &path).expect("saved");
    let hold = |path: &Path| {
        fs::OpenOptions::new()
            .read(true)
            .share_mode(FILE_SHARE_READ)
            .open(path)
            .expect("held")
    };
    let mut changed = example();
    changed.problems = "一是新写的。".into();

    // Let go after a moment: the save goes through.
    let held = hold(&path);
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        drop(held);
    });
    draft::save(&changed, &path).expect("saved once the other program let go");
    release.join().expect("joined");
    assert_eq!(draft::load(&path).expect("opens").report, changed);

    // Held for good: the save gives up with a Chinese message and the draft is as it was.
    let held = hold(&path);
    let e = draft::save(&example(), &path).expect_err("held for good");
    drop(held);
    assert!(
        e.to_string()
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{e}"
    );
    // A backup's temporary name (a hard link to the held draft) could not be removed then;
    // opening the draft again removes it.
    assert_eq!(draft::load(&path).expect("opens").report, changed);
    let left: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
