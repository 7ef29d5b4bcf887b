//! Saves killed at random moments (SIGKILL on Unix, TerminateProcess on Windows): the draft and
//! every backup beside it always open, and always hold one of the versions that were saved.

use crate::support::*;
use nianbao_core::model::Report;
use nianbao_core::store::atomic::backups;
use nianbao_core::store::draft;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const CHILD_ENV: &str = "NIANBAO_KILL_SAVE_DIR";
const KILLS: u64 = 40;

/// The two versions the child saves in turn, of different lengths so that a cut shows.
fn versions() -> [Report; 2] {
    let a = example();
    let mut b = example();
    b.problems = "一是……\n".repeat(400);
    [a, b]
}

/// The child: saves the two versions in turn until it is killed. Runs only when the parent test
/// starts it (ignored otherwise).
#[test]
#[ignore = "started by a_save_killed_at_any_moment_leaves_whole_files"]
fn kill_save_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let path = Path::new(&dir).join("d.ron");
    let v = versions();
    for i in 0usize.. {
        if let Err(e) = draft::save(&v[i % 2], &path) {
            panic!("save failed: {e}");
        }
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_whole_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.ron");
    let v = versions();
    draft::save(&v[0], &path).expect("first save");
    let exe = std::env::current_exe().expect("test binary");
    // A fixed pseudo-random sequence of kill moments, so every run kills at the same offsets.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut seen_second = 0;
    for kill in 0..KILLS {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "kill_save::kill_save_child",
                "--ignored",
                "--nocapture",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        std::thread::sleep(Duration::from_millis(5 + x % 60));
        child.kill().expect("kill");
        child.wait().expect("reaped");
        let now = draft::load(&path)
            .unwrap_or_else(|e| panic!("kill {kill}: the draft does not open: {e}"))
            .report;
        assert!(
            v.contains(&now),
            "kill {kill}: the draft is neither version"
        );
        seen_second += usize::from(now == v[1]);
        for b in backups(&path) {
            let back = draft::load(&b)
                .unwrap_or_else(|e| panic!("kill {kill}: backup {} broken: {e}", b.display()))
                .report;
            assert!(
                v.contains(&back),
                "kill {kill}: backup {} is neither",
                b.display()
            );
        }
    }
    // The child did save between the kills (else this test proves nothing).
    assert!(seen_second > 0, "no save happened before any kill");
    eprintln!("{seen_second} of {KILLS} kills left the second version");
}
