//! Autosave and crash recovery in the user's data folder, without the GUI.

use crate::support::*;
use nianbao_core::model::{Entry, Report};
use nianbao_core::store::userdata::{RECENT_LIMIT, UserData};
use nianbao_core::template::T3Row;
use std::path::Path;

fn report() -> Report {
    let mut r = Report::new("测试县人民政府办公室", 2024);
    r.table3.set(T3Row::NEW, col(0), Entry::Value(3));
    r.table3
        .set(T3Row::NEW, col(1), Entry::Invalid("三".into()));
    r.problems = "一是……".into();
    r
}

#[test]
fn a_clean_start_offers_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = UserData::new(dir.path().join("nianbao"));
    assert!(data.begin_session().expect("no error").is_none());
    data.end_session();
    assert!(data.begin_session().expect("no error").is_none());
}

#[test]
fn an_unclean_exit_offers_the_autosave_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = UserData::new(dir.path().join("nianbao"));
    assert!(data.begin_session().expect("no error").is_none());
    let source = dir.path().join("草稿 2024.ron");
    data.autosave(&report(), Some(&source)).expect("autosave");
    // The process dies here: no end_session, and its lock goes with it. The next start finds
    // the autosave.
    drop(data);
    let next = UserData::new(dir.path().join("nianbao"));
    let rec = next
        .begin_session()
        .expect("readable")
        .expect("an autosave is offered");
    assert_eq!(rec.report, report());
    assert_eq!(rec.source.as_deref(), Some(source.as_path()));
    assert!(rec.saved_at.is_some());
    // Still offered if that session dies too before the user chose.
    drop(next);
    let again = UserData::new(dir.path().join("nianbao"));
    assert!(again.begin_session().expect("readable").is_some());
    // A clean exit without a choice keeps it: the user has not decided.
    again.end_session();
    assert!(!again.autosave_path().exists());
    drop(again);
    let last = UserData::new(dir.path().join("nianbao"));
    let rec = last
        .begin_session()
        .expect("readable")
        .expect("still offered");
    // Restored or discarded: gone.
    last.discard_orphan(&rec.path).expect("discard");
    drop(last);
    let after = UserData::new(dir.path().join("nianbao"));
    assert!(after.begin_session().expect("no error").is_none());
}

#[test]
fn two_windows_at_once_keep_separate_autosaves() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = UserData::new(dir.path().join("nianbao"));
    let second = UserData::new(dir.path().join("nianbao"));
    assert!(first.begin_session().expect("no error").is_none());
    assert!(second.begin_session().expect("no error").is_none());
    assert_ne!(first.autosave_path(), second.autosave_path());
    let mut other = report();
    other.problems = "第二个窗口里写的".into();
    first.autosave(&report(), None).expect("autosave");
    second.autosave(&other, None).expect("autosave");
    // The second window crashes; the first goes on and exits cleanly.
    drop(second);
    first.end_session();
    // The next start while the first still runs gets the second's work back.
    let next = UserData::new(dir.path().join("nianbao"));
    let rec = next
        .begin_session()
        .expect("readable")
        .expect("the crashed window's work is offered");
    assert_eq!(rec.report, other);
}

#[test]
fn an_autosave_of_a_never_saved_report_has_no_source() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = UserData::new(dir.path());
    let _ = data.begin_session();
    data.autosave(&report(), None).expect("autosave");
    let rec = data.begin_session().expect("readable").expect("offered");
    assert_eq!(rec.source, None);
    assert_eq!(rec.report, report());
}

#[test]
fn a_saved_draft_clears_the_autosave() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = UserData::new(dir.path());
    let _ = data.begin_session();
    data.autosave(&report(), None).expect("autosave");
    data.clear_autosave();
    assert!(data.begin_session().expect("no error").is_none());
}

#[test]
fn a_damaged_autosave_is_reported_and_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = UserData::new(dir.path());
    let _ = data.begin_session();
    std::fs::write(data.autosave_path(), "(format_version: 1, meta: (").expect("write");
    let err = data.begin_session().expect_err("cannot be read");
    assert!(err.contains("损坏"), "{err}");
    // Kept for rescue by hand, also after this session's next autosave.
    data.autosave(&report(), None).expect("autosave");
    let orphans = data.orphans();
    assert_eq!(orphans.len(), 1);
    assert!(orphans[0].content.is_err());
    assert!(orphans[0].path.exists());
    // A readable one left behind later is offered all the same; the damaged one stays.
    drop(data);
    let later = UserData::new(dir.path());
    let rec = later
        .begin_session()
        .expect("the readable one")
        .expect("offered");
    assert_eq!(rec.report, report());
    later.discard_orphan(&rec.path).expect("discard");
    assert!(
        later
            .next_orphan()
            .expect_err("the damaged one")
            .contains("损坏")
    );
}

#[test]
fn recent_drafts_are_deduplicated_limited_and_existing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = UserData::new(dir.path().join("data"));
    let file = |n: usize| {
        let p = dir.path().join(format!("{n}.ron"));
        std::fs::write(&p, "x").expect("write");
        p
    };
    let files: Vec<_> = (0..RECENT_LIMIT + 2).map(file).collect();
    for f in &files {
        data.add_recent(f).expect("add");
    }
    data.add_recent(&files[RECENT_LIMIT]).expect("add again");
    let recent = data.recent();
    assert_eq!(recent.len(), RECENT_LIMIT);
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    assert_eq!(name(&recent[0]), Some(format!("{RECENT_LIMIT}.ron")));
    assert_eq!(name(&recent[1]), Some(format!("{}.ron", RECENT_LIMIT + 1)));
    std::fs::remove_file(&files[RECENT_LIMIT]).expect("remove");
    assert_eq!(data.recent().len(), RECENT_LIMIT - 1);
}

#[test]
fn an_autosave_left_behind_survives_everything_until_the_user_decides() {
    let dir = tempfile::tempdir().expect("temp dir");
    let crashed = UserData::new(dir.path());
    let _ = crashed.begin_session();
    crashed.autosave(&report(), None).expect("autosave");
    drop(crashed);
    let next = UserData::new(dir.path());
    assert!(next.begin_session().expect("readable").is_some());
    // The user opens another report and edits it: the autosave of that goes elsewhere.
    let mut other = report();
    other.problems = "另一份报告".into();
    next.autosave(&other, None).expect("autosave");
    next.clear_autosave();
    next.end_session();
    let orphans = next.orphans();
    assert_eq!(orphans.len(), 1);
    assert_eq!(
        orphans[0].content.as_ref().expect("readable").report,
        report()
    );
}

#[test]
fn every_slot_left_behind_is_offered_to_a_single_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = UserData::new(dir.path());
    let b = UserData::new(dir.path());
    let _ = a.begin_session();
    let _ = b.begin_session();
    let mut second = report();
    second.problems = "第二个窗口".into();
    a.autosave(&report(), None).expect("autosave");
    b.autosave(&second, None).expect("autosave");
    // Both crash.
    drop(a);
    drop(b);
    let one = UserData::new(dir.path());
    assert!(one.begin_session().expect("readable").is_some());
    let found: Vec<_> = one
        .orphans()
        .into_iter()
        .map(|o| o.content.expect("readable").report)
        .collect();
    assert_eq!(found.len(), 2);
    assert!(found.contains(&report()) && found.contains(&second));
    assert_eq!(one.autosave_problem(), None);
}

#[test]
fn an_unwritable_data_folder_is_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    let data = UserData::new(file.join("nianbao"));
    assert!(data.begin_session().expect("nothing to offer").is_none());
    let problem = data.autosave_problem().expect("a reason");
    assert!(problem.contains("不会自动保存"), "{problem}");
    assert!(nianbao_core::store::userdata::NO_DATA_DIR.contains("自动保存"));
}
