//! The `nianbao` binary as a user runs it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/jinxiang-2021.ron")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn check_passes_the_example() {
    let o = run(&["check", example().to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("金乡县人民政府办公室2021年政府信息公开工作年度报告"));
    assert!(out.contains("0 个错误，1 个提示"), "{out}");
}

#[test]
fn check_reports_a_changed_number_and_a_blank_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = fs::read_to_string(example()).expect("read example");
    // 自然人 receives one more application; 法律服务机构 of 二、上年结转 is emptied.
    let changed = text
        .replace("\"new\": (10, 1,", "\"new\": (11, 1,")
        .replace(
            "\"carried_in\": (0, 0, 0, 0, 0, 0)",
            "\"carried_in\": (0, 0, 0, 0, None, 0)",
        );
    assert_ne!(changed, text);
    let path = dir.path().join("changed.ron");
    fs::write(&path, changed).expect("write");
    let p = path.to_str().expect("utf-8 path");

    let o = run(&["check", p]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let bal: Vec<&str> = out.lines().filter(|l| l.contains("T3-BAL")).collect();
    assert_eq!(bal.len(), 1, "{out}");
    assert!(
        bal[0].contains("「自然人」列") && bal[0].contains("多 1"),
        "{out}"
    );
    let blank: Vec<&str> = out.lines().filter(|l| l.contains("NONBLANK")).collect();
    assert_eq!(blank.len(), 1, "{out}");
    assert!(
        blank[0].contains("二、上年结转政府信息公开申请数量 · 法律服务机构"),
        "{out}"
    );

    let o = run(&["check", p, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let rules: Vec<&str> = json
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(
        rules.contains(&"T3-BAL") && rules.contains(&"NONBLANK"),
        "{rules:?}"
    );
    let bal = json
        .as_array()
        .expect("an array")
        .iter()
        .find(|f| f["rule"] == "T3-BAL")
        .expect("T3-BAL");
    assert_eq!(bal["place"]["kind"], "table3_column");
    assert_eq!(bal["place"]["col"], 0);
    assert_eq!(bal["severity"], "error");
}

#[test]
fn check_with_last_year() {
    let e = example();
    let e = e.to_str().expect("utf-8 path");
    // The example against itself: the years do not follow each other.
    let o = run(&["check", e, "--last-year", e]);
    assert!(stdout(&o).contains("X-YEAR"), "{}", stdout(&o));
}

#[test]
fn bad_files_and_arguments_give_chinese_errors_not_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.ron");
    fs::write(&broken, "(format_version: 1,\n  meta: (agency: \"x\",\n").expect("write");
    let o = run(&["check", broken.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("已损坏") && err.contains("行"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let o = run(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["check", "x.ron", "--nonsense"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--nonsense"));
    let o = run(&["check", "/no/such/file.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("文件不存在"));
}

/// Without a display the app says so in Chinese instead of crashing inside the toolkit.
#[cfg(all(feature = "gui", target_os = "linux"))]
#[test]
fn the_app_without_a_display_explains_itself() {
    let o = bin()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the binary runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("没有可用的图形界面"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
