//! Taking in what offices already have: 审核收到的报告 over a folder, and a published report
//! imported into a new draft.

use crate::gui_support::{doc, settle, simulator, snapshot, temp_dir};
use iced_test::Error;
use nianbao::gui::dialog::{DialogOutcome, FileAction};
use nianbao::gui::message::Page;
use nianbao::gui::received::Msg;
use nianbao::gui::{App, Message};
use nianbao_core::store::draft;

/// A folder with a good report and a damaged file: both listed, the damaged one with why; a
/// row shows its findings; the report opens as a new, unsaved draft on 检查结果.
#[test]
fn a_folder_of_received_reports_is_audited_in_the_window() -> Result<(), Error> {
    // A fixed folder: its path is on the screen, and the screen is compared by its hash.
    let dir = std::env::temp_dir().join("nianbao-gui-received");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let report = nianbao_core::example::report().expect("the example loads");
    draft::save(&report, &dir.join("金乡县2021.ron")).expect("write");
    std::fs::write(dir.join("损坏.pdf"), b"%PDF-1.4\n%%EOF").expect("write");
    let mut app = App::new(None);
    settle(
        &mut app,
        Message::DialogClosed(FileAction::AuditFolder, DialogOutcome::Chosen(dir.clone())),
    );
    let rows = app
        .received
        .as_ref()
        .and_then(|r| r.rows.clone())
        .expect("the audit ended");
    assert_eq!(rows.0.len(), 2);
    let good = rows
        .0
        .iter()
        .position(|r| r.outcome.is_ok())
        .expect("the draft was read");
    {
        let mut ui = simulator(&app);
        ui.find("金乡县人民政府办公室")?;
        ui.find("无法读取")?;
    }
    snapshot(&app, "received")?;

    // A row shows that report's findings; its button opens it.
    let _ = app.update(Message::Received(Msg::Select(good)));
    simulator(&app).find(format!("金乡县2021.ron：{}", report.title()).as_str())?;
    settle(&mut app, Message::Received(Msg::Open(good)));
    let opened = doc(&app);
    assert_eq!(opened.report, report);
    assert!(opened.path.is_none() && opened.dirty);
    assert_eq!(opened.page, Page::Checks);
    assert!(app.received.as_ref().is_some_and(|r| !r.shown));
    simulator(&app).find("全部文字都已对应到模板中的位置。")?;

    // The damaged file's row says why.
    let _ = app.update(Message::Received(Msg::Show));
    let _ = app.update(Message::Received(Msg::Select(1 - good)));
    let says_why = |c: iced_test::selector::Candidate<'_>| match c {
        iced_test::selector::Candidate::Text { content, .. } => {
            content.starts_with("无法读取：无法导入").then_some(())
        }
        _ => None,
    };
    simulator(&app).find(says_why)?;
    Ok(())
}

/// A published file that cannot be read: a clear message, and nothing is opened.
#[test]
fn a_damaged_published_report_is_refused_with_why() {
    let dir = temp_dir("import-damaged");
    let bad = dir.join("2024年报.docx");
    std::fs::write(&bad, b"not a zip").expect("write");
    let mut app = App::new(None);
    settle(
        &mut app,
        Message::DialogClosed(FileAction::Import, DialogOutcome::Chosen(bad)),
    );
    assert!(app.session.is_none());
    let notice = app.notice.as_ref().expect("a message");
    assert!(
        notice.is_error && notice.text.contains("无法导入"),
        "{notice:?}"
    );
}

/// The example as its office would have published it (a Word file).
fn published_example(dir: &std::path::Path) -> (nianbao_core::model::Report, std::path::PathBuf) {
    let report = nianbao_core::example::report().expect("the example loads");
    let path = dir.join("金乡县2021年报.docx");
    let exported = nianbao_print::export(
        &report,
        nianbao_print::Format::Docx,
        &nianbao_print::ExportOptions::default(),
    )
    .expect("export");
    std::fs::write(&path, exported.bytes).expect("write");
    (report, path)
}

/// 从已发布的报告导入: the Word file becomes a new, unsaved draft equal to the report it was
/// made from, shown on 检查结果 with what the import found.
#[test]
fn a_published_report_is_imported_into_a_new_draft() -> Result<(), Error> {
    let dir = temp_dir("import-word");
    let (report, path) = published_example(&dir);
    let mut app = App::new(None);
    settle(
        &mut app,
        Message::DialogClosed(FileAction::Import, DialogOutcome::Chosen(path.clone())),
    );
    let opened = doc(&app);
    assert_eq!(opened.report, report);
    assert!(opened.path.is_none() && opened.dirty);
    assert_eq!(opened.page, Page::Checks);
    assert_eq!(opened.imported.as_ref().map(|(p, _)| p), Some(&path));
    simulator(&app).find("全部文字都已对应到模板中的位置。")?;
    Ok(())
}

/// 基本信息 → 上年报告 takes last year's published file as well as a draft: read in memory, the
/// cross-year checks on, and a notice saying where it came from.
#[test]
fn last_years_report_may_be_the_published_file() {
    let dir = temp_dir("last-year-word");
    let (last, path) = published_example(&dir);
    let mut app = App::new(None);
    settle(
        &mut app,
        Message::OpenPath(
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/jinxiang-2021.ron"),
        ),
    );
    settle(
        &mut app,
        Message::DialogClosed(FileAction::LastYear, DialogOutcome::Chosen(path)),
    );
    assert_eq!(doc(&app).last_year.report(), Some(&last));
    let notice = app.notice.as_ref().expect("a notice");
    assert!(notice.text.contains("从已发布的文件读取"), "{notice:?}");
}
