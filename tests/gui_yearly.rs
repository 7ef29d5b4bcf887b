//! Year to year in the desktop app, driven through its messages and iced_test's simulator: a new
//! report from last year's, last year's draft loaded for the live cross-year checks, the
//! comparison screen, and generated data sentences inserted into section 一.
//!
//! Snapshots as described in `tests/gui_support.rs`.

use crate::gui_support::{apply, doc, png_dir, settle, simulator, snapshot, temp_dir};
use iced_test::{Error, Simulator};
use nianbao::gui::dialog::FileAction;
use nianbao::gui::message::Page;
use nianbao::gui::{App, Message, sentence};
use nianbao_core::check::Rule;
use nianbao_core::model::LastYearLink;
use nianbao_core::model::{Cell, Entry, Prose, Report};
use nianbao_core::sentences::{self, Action, Topic};
use nianbao_core::store::draft;
use nianbao_core::template::{SectionKey, T3Col, T3Row};
use nianbao_core::yearly;
use std::path::{Path, PathBuf};

/// The example report (2021) copied into `dir` as last year's draft.
fn last_year_in(dir: &Path) -> (PathBuf, Report) {
    let report = nianbao_core::example::report().expect("the example loads");
    let path = dir.join("2021年报.ron");
    draft::save(&report, &path).expect("write last year's draft");
    (path, report)
}

/// Types a path into the typed-path fallback for an action and confirms it.
/// A file read in the background is read before this returns.
fn type_path(app: &mut App, action: FileAction, path: &Path) {
    apply(
        app,
        [
            Message::PathInputOpened(action),
            Message::PathInputChanged(path.display().to_string()),
        ],
    );
    settle(app, Message::PathInputSubmitted);
}

#[test]
fn new_from_last_year_carries_over_and_marks_last_years_text() -> Result<(), Error> {
    let dir = temp_dir("new");
    let (last_path, last) = last_year_in(&dir);
    let mut app = App::new(None);
    {
        let mut ui = simulator(&app);
        ui.find("从上年报告新建")?;
    }
    type_path(&mut app, FileAction::NewFromLast, &last_path);
    let d = doc(&app);
    assert_eq!(d.report.meta.year, Entry::Value(2022));
    assert_eq!(d.report.meta.agency, last.meta.agency);
    for col in T3Col::ENTERED {
        assert_eq!(
            d.report.table3.get(T3Row::CARRIED_IN, col),
            last.table3.get(T3Row::CARRIED_OUT, col),
            "上年结转 of column {col:?}"
        );
    }
    assert!(d.path.is_none(), "the new report is not saved yet");
    assert!(d.dirty, "closing must ask about the carried-over work");
    assert!(
        d.last_year.report().is_some(),
        "last year's report is loaded"
    );
    assert!(!d.inherited.is_empty(), "carried-over prose is marked");
    // The cross-year checks run: the copied prose draws X-COPY at once.
    assert!(d.findings.iter().any(|f| f.rule == Rule::XCopy));
    assert!(!d.findings.iter().any(|f| f.rule == Rule::XCarry));

    {
        let mut ui = simulator(&app);
        ui.find("不再使用上年报告")?;
    }
    snapshot_png(&app, "meta-from-last-year")?;
    // The badge shows on the carried-over texts of section 一 …
    apply(
        &mut app,
        [Message::Show(Page::Section(SectionKey::Overview))],
    );
    {
        let mut ui = simulator(&app);
        ui.find("沿用上年内容，请更新")?;
    }
    snapshot_png(&app, "overview-from-last-year")?;
    // … and goes once the text is edited.
    let intro = doc(&app).report.overview.intro.clone();
    if let Some(doc) = app.session.as_mut() {
        doc.set_prose(Prose::OverviewIntro, format!("{intro}本年新增内容。"));
    }
    assert!(!doc(&app).inherited.contains(&Prose::OverviewIntro));

    // A different 上年结转 is found live.
    apply(
        &mut app,
        [Message::CellInput(
            Cell::T3(T3Row::CARRIED_IN, T3Col::ALL[0]),
            "99".into(),
        )],
    );
    assert!(doc(&app).findings.iter().any(|f| f.rule == Rule::XCarry));

    // The first save links last year's draft relative to the new file beside it, and the
    // reopened draft finds it again.
    let new_path = dir.join("2022年报.ron");
    type_path(&mut app, FileAction::SaveAs, &new_path);
    assert!(new_path.is_file());
    assert_eq!(
        doc(&app)
            .report
            .last_year
            .as_ref()
            .map(LastYearLink::stored)
            .as_deref(),
        Some("2021年报.ron")
    );
    let mut again = App::new(None);
    settle(&mut again, Message::OpenPath(new_path.clone()));
    assert!(doc(&again).last_year.report().is_some());
    assert!(doc(&again).findings.iter().any(|f| f.rule == Rule::XCarry));

    // 另存为 into another folder keeps last year's draft found (now by its full path).
    let elsewhere = dir.join("副本");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    type_path(
        &mut again,
        FileAction::SaveAs,
        &elsewhere.join("2022年报.ron"),
    );
    let link = doc(&again)
        .report
        .last_year
        .as_ref()
        .map(LastYearLink::stored)
        .unwrap_or_default();
    assert!(Path::new(&link).is_absolute(), "{link}");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

#[test]
fn last_years_draft_is_chosen_and_cleared_on_the_meta_page() -> Result<(), Error> {
    let dir = temp_dir("choose");
    let (last_path, _) = last_year_in(&dir);
    let mut app = App::new(None);
    apply(
        &mut app,
        [
            Message::NewAgencyChanged("金乡县人民政府办公室".into()),
            Message::NewYearChanged("2022".into()),
            Message::CreateNew,
        ],
    );
    {
        let mut ui = simulator(&app);
        ui.find("选择上年报告…")?;
    }
    assert!(doc(&app).last_year.report().is_none());
    // Without last year's report the comparison explains how to get one.
    apply(&mut app, [Message::Show(Page::Compare)]);
    {
        let mut ui = simulator(&app);
        ui.find("还没有指定上年报告。指定后，这里并列显示两年的主要数字和增减，并画出两年申请办理结果的对比图；检查结果中也会加上跨年度检查（上年结转、现行有效件数、年度、与上年雷同）。")?;
    }
    apply(&mut app, [Message::Show(Page::Meta)]);
    type_path(&mut app, FileAction::LastYear, &last_path);
    assert!(doc(&app).last_year.report().is_some());
    assert!(doc(&app).report.last_year.is_some());
    {
        let mut ui = simulator(&app);
        ui.find("不再使用上年报告")?;
    }
    // A file that is not a draft leaves things as they were and says why.
    let bad = dir.join("坏.ron");
    std::fs::write(&bad, "不是草稿").expect("write");
    type_path(&mut app, FileAction::LastYear, &bad);
    assert!(doc(&app).last_year.report().is_some());
    assert!(app.notice.as_ref().is_some_and(|n| n.is_error));

    apply(&mut app, [Message::LastYearCleared]);
    assert!(doc(&app).last_year.report().is_none());
    assert!(doc(&app).report.last_year.is_none());
    assert!(!doc(&app).findings.iter().any(|f| f.rule.is_cross_year()));
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// A 2022 draft beside the example as last year's, with some numbers changed, opened in the app.
fn this_and_last_year(dir: &Path) -> App {
    let (last_path, last) = last_year_in(dir);
    let mut this = yearly::new_from_last(&last, Some(&last_path));
    this.table2 = last.table2.clone();
    this.table3 = last.table3.clone();
    this.table4 = last.table4.clone();
    // Two more applications from 自然人, both answered 予以公开: the table stays balanced.
    for row in [T3Row::NEW, T3Row::OPEN] {
        if let Entry::Value(v) = *last.table3.get(row, T3Col::ALL[0]) {
            this.table3.set(row, T3Col::ALL[0], Entry::Value(v + 2));
        }
    }
    this.table3.set(
        T3Row::CARRIED_IN,
        T3Col::ALL[0],
        last.table3.get(T3Row::CARRIED_OUT, T3Col::ALL[0]).clone(),
    );
    let path = dir.join("2022年报.ron");
    this.last_year = Some(LastYearLink::beside(&last_path, &path));
    draft::save(&this, &path).expect("write this year's draft");
    let mut app = App::new(None);
    settle(&mut app, Message::OpenPath(path));
    app
}

#[test]
fn the_comparison_shows_both_years() -> Result<(), Error> {
    let dir = temp_dir("compare");
    let mut app = this_and_last_year(&dir);
    let d = doc(&app);
    let last = d.last_year.report().expect("last year's report is loaded");
    let comparison = yearly::compare(&d.report, last);
    apply(
        &mut app,
        [Message::DismissNotice, Message::Show(Page::Compare)],
    );
    assert_eq!(app.page(), Page::Compare);
    let mut ui = simulator(&app);
    ui.find("与上年对比（2021年 → 2022年）")?;
    ui.find("申请办理结果（件）")?;
    let new = comparison
        .figures
        .iter()
        .find(|f| f.key == T3Row::NEW.def().key)
        .expect("本年新收 is a figure");
    assert_eq!(new.change(), Some(2));
    // Both years' values and the change of the figures that moved.
    for f in &comparison.figures {
        ui.find(f.label.as_str())?;
        if f.change().is_some_and(|c| c != 0) {
            ui.find(f.format_value(f.last).as_str())?;
            ui.find(f.format_value(f.this).as_str())?;
            ui.find(f.format_change().as_str())?;
        }
    }
    drop(ui);
    snapshot(&app, "compare")?;
    // In the narrowest window the chart goes below the table instead of off the edge.
    let mut narrow = Simulator::with_size(nianbao::gui::settings(), (900.0, 1500.0), app.view());
    let _ = std::fs::remove_file(png_dir().join("compare-narrow-tiny-skia.png"));
    narrow
        .snapshot(&iced::Theme::Light)?
        .matches_image(png_dir().join("compare-narrow"))?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn example_app() -> App {
    let mut app = App::new(None);
    apply(
        &mut app,
        [
            Message::OpenExample,
            Message::DismissNotice,
            Message::Show(Page::Section(SectionKey::Overview)),
        ],
    );
    app
}

fn part_text(app: &App, topic: Topic) -> String {
    doc(app).prose(topic.suggested_place()).to_string()
}

fn set_part(app: &mut App, topic: Topic, text: &str) {
    if let Some(doc) = app.session.as_mut() {
        doc.set_prose(topic.suggested_place(), text.to_string());
    }
}

#[test]
fn a_generated_sentence_is_previewed_then_inserted_into_an_empty_sub_head() -> Result<(), Error> {
    let mut app = example_app();
    let topic = Topic::Applications;
    set_part(&mut app, topic, "");
    let paragraph = sentences::generate(&doc(&app).report, &sentence::OPTIONS)
        .get(topic)
        .map(str::to_string)
        .expect("the example's table 三 gives a paragraph");
    {
        // The control sits on the sub-head.
        let mut ui = simulator(&app);
        ui.find(topic.label())?;
    }
    apply(
        &mut app,
        [Message::Sentence(sentence::Message::Preview(topic))],
    );
    // Nothing changes before the person confirms.
    assert_eq!(part_text(&app, topic), "");
    {
        let mut ui = simulator(&app);
        ui.find("数据表述预览：依申请公开数据（表三）")?;
        ui.find(paragraph.as_str())?;
        ui.find("本段目前为空，插入后即为上面这段文字。")?;
    }
    snapshot_png(&app, "overview-sentence-preview")?;
    apply(
        &mut app,
        [Message::Sentence(sentence::Message::Insert(topic))],
    );
    assert_eq!(part_text(&app, topic), paragraph);
    assert!(matches!(
        doc(&app).sentence,
        Some(sentence::State::Done {
            action: Action::Appended,
            ..
        })
    ));
    {
        let mut ui = simulator(&app);
        ui.find("撤销")?;
    }
    // Inserting the same again changes nothing and says so.
    apply(
        &mut app,
        [Message::Sentence(sentence::Message::Insert(topic))],
    );
    assert_eq!(part_text(&app, topic), paragraph);
    {
        let mut ui = simulator(&app);
        ui.find("本段已包含完全相同的表述，未作改动。")?;
    }
    Ok(())
}

#[test]
fn inserting_keeps_the_users_text_and_replacing_can_be_undone() -> Result<(), Error> {
    let mut app = example_app();
    let topic = Topic::Applications;
    let own = "我们坚持依法依规办理每一件申请。";
    set_part(&mut app, topic, own);
    apply(
        &mut app,
        [
            Message::Sentence(sentence::Message::Preview(topic)),
            Message::Sentence(sentence::Message::Insert(topic)),
        ],
    );
    let first = part_text(&app, topic);
    let paragraph = sentences::generate(&doc(&app).report, &sentence::OPTIONS)
        .get(topic)
        .map(str::to_string)
        .expect("a paragraph");
    assert_eq!(first, format!("{own}\n{paragraph}"));

    // The tables change; inserting again replaces only the earlier generated paragraph.
    for row in [T3Row::NEW, T3Row::OPEN] {
        let cell = Cell::T3(row, T3Col::ALL[0]);
        let now = match doc(&app).report.table3.get(row, T3Col::ALL[0]) {
            Entry::Value(v) => *v,
            _ => 0,
        };
        apply(&mut app, [Message::CellInput(cell, (now + 1).to_string())]);
    }
    apply(
        &mut app,
        [Message::Sentence(sentence::Message::Preview(topic))],
    );
    {
        let mut ui = simulator(&app);
        ui.find(format!(
            "本段中有一段此前生成的表述，与新表述只有数字不同，将用新数字替换它（替换后可撤销）。原来是：{paragraph}"
        ).as_str())?;
    }
    apply(
        &mut app,
        [Message::Sentence(sentence::Message::Insert(topic))],
    );
    let second = part_text(&app, topic);
    assert!(second.starts_with(&format!("{own}\n")), "{second}");
    assert_ne!(second, first);
    assert_eq!(second.lines().count(), 2, "{second}");
    assert!(matches!(
        &doc(&app).sentence,
        Some(sentence::State::Done { action: Action::Replaced { old }, .. }) if *old == paragraph
    ));
    snapshot_png(&app, "overview-sentence-replaced")?;
    apply(&mut app, [Message::Sentence(sentence::Message::Undo)]);
    assert_eq!(part_text(&app, topic), first);
    Ok(())
}

#[test]
fn incomplete_tables_say_what_is_missing() -> Result<(), Error> {
    let mut app = App::new(None);
    apply(
        &mut app,
        [
            Message::NewAgencyChanged("测试县人民政府办公室".into()),
            Message::NewYearChanged("2024".into()),
            Message::CreateNew,
            Message::Show(Page::Section(SectionKey::Overview)),
            Message::Sentence(sentence::Message::Preview(Topic::Applications)),
        ],
    );
    let mut ui = simulator(&app);
    ui.find("表格数据不全，暂不能生成这段表述。请先补全相应表格：")?;
    ui.find("· 表三尚未填写，未生成依申请公开的句子。")?;
    drop(ui);
    // Asking to insert anyway changes nothing.
    apply(
        &mut app,
        [Message::Sentence(sentence::Message::Insert(
            Topic::Applications,
        ))],
    );
    assert_eq!(part_text(&app, Topic::Applications), "");
    Ok(())
}

/// Writes a PNG of the screen to look at, without a stored hash: a tall window, so that what
/// the real app scrolls to is in the picture too.
fn snapshot_png(app: &App, name: &str) -> Result<(), Error> {
    let mut ui = Simulator::with_size(nianbao::gui::settings(), (1280.0, 1700.0), app.view());
    let shot = ui.snapshot(&iced::Theme::Light)?;
    let _ = std::fs::remove_file(png_dir().join(format!("{name}-tiny-skia.png")));
    shot.matches_image(png_dir().join(name))?;
    Ok(())
}
