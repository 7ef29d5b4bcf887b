//! Draft files on disk: the example, round trips, old and damaged files, atomic saves.

use crate::support::*;
use nianbao_core::model::Entry;
use nianbao_core::store::atomic::backup_path;
use nianbao_core::store::draft::{self, DraftError};
use nianbao_core::template::T3Row;
use std::fs;

#[test]
fn example_is_stored_in_canonical_form() {
    let text = fs::read_to_string(example_path()).expect("example readable");
    let canonical = draft::to_ron(&example());
    if std::env::var_os("NIANBAO_BLESS").is_some() {
        fs::write(example_path(), &canonical).expect("write example");
        return;
    }
    assert_eq!(
        text, canonical,
        "examples/jinxiang-2021.ron is not in the form the program writes; rerun with NIANBAO_BLESS=1"
    );
}

#[test]
fn example_round_trips_through_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.ron");
    let report = example();
    draft::save(&report, &path).expect("save");
    let back = draft::load(&path).expect("load").report;
    assert_eq!(back, report);
    // Saving again keeps the previous version as a backup.
    let mut changed = report.clone();
    changed.problems.push_str("\n补充一段。");
    draft::save(&changed, &path).expect("save again");
    assert_eq!(draft::load(&path).expect("load").report, changed);
    let backup = draft::load(&backup_path(&path)).expect("backup loads");
    assert_eq!(backup.report, report);
    // No temporary files are left behind: the draft, its last-save and its daily backup.
    let names: Vec<String> = fs::read_dir(dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn example_holds_the_sample_numbers() {
    let r = example();
    assert_eq!(r.meta.agency, "金乡县人民政府办公室");
    assert_eq!(r.table3.cell(T3Row::NEW, col(6)).value, 11);
    assert_eq!(r.table3.cell(T3Row::TOTAL, col(6)).value, 11);
    assert_eq!(r.table3.get(T3Row::OPEN, col(0)), &Entry::Value(3));
    assert_eq!(r.table3.get(T3Row::OPEN, col(1)), &Entry::Value(1));
    assert_eq!(r.overview.parts.len(), 5);
    assert_eq!(r.overview.parts[4].title, "监督保障方面");
}

/// Every sentence of the published sample is in the example draft.
#[test]
fn example_contains_every_sentence_of_the_sample() {
    let sample_path = repo_root().join("../shared/samples/jinxiang-2021-report.txt");
    let Ok(sample) = fs::read_to_string(&sample_path) else {
        // The sample sits beside the repo in development and CI; say so if it does not.
        panic!("sample not found at {}", sample_path.display());
    };
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let r = example();
    let mut all = String::new();
    all.push_str(&r.preface);
    all.push_str(&r.overview_text());
    all.push_str(&r.problems);
    for t in &r.other_items {
        all.push_str(t);
    }
    let ours = squash(&all);
    let sample = squash(&sample).replace("http://www.jinxiang.gov.cn/本报告", "本报告");
    let mut checked = 0;
    // Headings, table rows and page breaks run into the extracted sentences, but every
    // sentence ends in prose: its last eight characters must be in the draft. The text after
    // the last "。" is the template's own item labels.
    let sentences: Vec<&str> = sample.split('。').collect();
    for sentence in &sentences[..sentences.len() - 1] {
        let chars: Vec<char> = sentence.chars().collect();
        if chars.len() < 8 {
            continue;
        }
        let tail: String = chars[chars.len() - 8..].iter().collect();
        assert!(
            ours.contains(&tail),
            "sentence ending “{tail}” is missing from the example"
        );
        checked += 1;
    }
    assert!(checked > 50, "only {checked} sentences compared");
}

#[test]
fn an_old_partial_draft_opens_with_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.ron");
    fs::write(
        &path,
        "// written by an early version\n(format_version: 1, meta: (agency: \"某街道办事处\", year: 2022), problems: \"一是……\")",
    )
    .expect("write");
    let loaded = draft::load(&path).expect("opens");
    assert_eq!(loaded.report.meta.agency, "某街道办事处");
    assert_eq!(loaded.report.overview.parts.len(), 5);
    assert!(loaded.report.table3.get(T3Row::NEW, col(0)).is_blank());
    assert!(loaded.report.other_items.iter().all(String::is_empty));
}

#[test]
fn damaged_foreign_and_oversized_files_give_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = draft::to_ron(&example());

    let truncated = dir.path().join("truncated.ron");
    fs::write(&truncated, &good[..good.len() * 2 / 3]).expect("write");
    match draft::load(&truncated) {
        Err(e @ DraftError::Syntax { line, col, .. }) => {
            assert!(line > 1 && col >= 1);
            let msg = e.to_string();
            assert!(msg.contains(&format!("第 {line} 行")), "{msg}");
        }
        other => panic!("truncated: {other:?}"),
    }

    let binary = dir.path().join("report.pdf.ron");
    fs::write(&binary, b"%PDF-1.7\n\x00\x01\x02\xff\xfe").expect("write");
    assert!(matches!(
        draft::load(&binary),
        Err(DraftError::NotText { .. })
    ));

    let json = dir.path().join("data.ron");
    fs::write(&json, "{\"agency\": \"x\"}").expect("write");
    assert!(draft::load(&json).is_err());

    let foreign = dir.path().join("other.ron");
    fs::write(&foreign, "(window: (width: 800, height: 600))").expect("write");
    assert!(matches!(
        draft::load(&foreign),
        Err(DraftError::NotADraft { .. })
    ));

    let huge = dir.path().join("huge.ron");
    let f = fs::File::create(&huge).expect("create");
    f.set_len(draft::MAX_DRAFT_BYTES + 1).expect("grow");
    assert!(matches!(
        draft::load(&huge),
        Err(DraftError::TooLarge { .. })
    ));

    let missing = dir.path().join("missing.ron");
    let e = draft::load(&missing).expect_err("missing");
    assert!(e.to_string().contains("文件不存在"), "{e}");
}
