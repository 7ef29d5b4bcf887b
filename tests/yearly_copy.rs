//! The X-COPY warning, and the comparison with last year in the API and on the command line.

use nianbao::draft;
use nianbao::model::{Entry, Report};
use nianbao::rules::{self, Finding, Place};
use nianbao::template::{SectionKey, t3row};
use nianbao::yearly::{self, Unit};
use std::path::{Path, PathBuf};
use std::process::Command;

fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/jinxiang-2021.ron")
}

fn example() -> Report {
    draft::load(&example_path()).unwrap().report
}

fn copies(now: &Report, last: &Report) -> Vec<Finding> {
    rules::check(now, Some(last))
        .into_iter()
        .filter(|f| f.rule == "X-COPY")
        .collect()
}

/// A new-year draft whose prose has all been rewritten except what a test puts back.
fn rewritten_next_year(last: &Report) -> Report {
    let mut now = yearly::new_from_last(last, None);
    now.overview.intro = "2022年，县政府办公室以提升政务公开质效为目标，围绕稳经济、保民生等中心工作，加大政策发布解读力度，推进基层政务公开标准化规范化建设，政府信息公开工作取得新进展。".into();
    for (i, p) in now.overview.parts.iter_mut().enumerate() {
        p.body = format!(
            "第{i}部分。2022年，我办对照新修订的政府信息公开指南，逐条梳理县政府及办公室制发的公文，建立公开属性源头认定台账。同时完成全县政策文件库建设，集中发布现行有效的规范性文件并标注有效性，方便群众按主题、按部门检索。针对网站专栏设置不统一的问题，组织各部门开展专项自查，清理空白栏目和过期内容。"
        );
    }
    now.problems = "2022年，我县政务公开工作仍存在薄弱环节：部分乡镇街道更新不及时，政策解读形式较为单一，依申请公开答复文书的规范性有待提高。2023年，我们将加强对乡镇街道的业务指导，每季度通报一次更新情况；推广图解、视频等解读形式；制定答复文书范本，组织专题培训。".into();
    for (i, t) in now.other_items.iter_mut().enumerate().skip(1).take(3) {
        *t = format!(
            "第{i}项。2022年，我办结合省市工作要点制定任务分解表，明确责任单位和完成时限，按季度调度落实情况，各项任务均已按期完成，相关情况已在政府网站专栏公开，接受社会监督。"
        );
    }
    now
}

#[test]
fn a_rewritten_report_draws_no_copy_warning() {
    let last = example();
    let now = rewritten_next_year(&last);
    let f = copies(&now, &last);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn a_copied_section_is_named_with_how_much() {
    let last = example();
    let mut now = rewritten_next_year(&last);
    // Last year's 政府信息管理情况 with the year, a number and a few words changed.
    now.overview.parts[2].body = last.overview.parts[2]
        .body
        .replace("2021", "2022")
        .replace("一是严把信息发布质量关", "一是严格把好信息发布关")
        .replace("及时修订政府信息公开指南", "再次修订政府信息公开指南");
    let f = copies(&now, &last);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].place, Place::OverviewPart { index: 2 });
    assert!(f[0].message.contains("一、总体情况"), "{}", f[0].message);
    let o = yearly::overlap(&now.overview.parts[2].body, &last.overview.parts[2].body);
    assert!((80..100).contains(&o.percent()), "{o:?}");
    assert!(
        f[0].message.contains(&format!("约 {}%", o.percent())),
        "{}",
        f[0].message
    );

    // Text moved to another sub-head is still found.
    now.overview.parts[2].body = "第2部分。".into();
    now.overview.parts[4].body = last.overview.parts[3].body.clone();
    let f = copies(&now, &last);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].place, Place::OverviewPart { index: 4 });

    // Section 五 copied outright: the "unchanged since carried over" wording.
    now.overview.parts[4].body = "第4部分。".into();
    now.problems = last.problems.clone();
    let f = copies(&now, &last);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        f[0].place,
        Place::Section {
            section: SectionKey::Problems
        }
    );
    assert!(f[0].message.contains("完全相同"), "{}", f[0].message);
}

#[test]
fn short_formulaic_statements_may_repeat() {
    let last = example();
    let mut now = rewritten_next_year(&last);
    // "未向申请人收取任何费用" and the like rightly read the same every year.
    now.other_items[0] = last.other_items[0].replace("2021", "2022");
    assert!(copies(&now, &last).is_empty());
}

#[test]
fn a_fresh_draft_flags_every_long_field_it_carried_over() {
    let last = example();
    let now = yearly::new_from_last(&last, None);
    let f = copies(&now, &last);
    let places: Vec<Place> = f.iter().map(|x| x.place).collect();
    // The long ones among the inherited fields; the short fee and 提案 lines are not flagged.
    let long: Vec<Place> = yearly::inherited_fields(&now, &last)
        .into_iter()
        .filter(|p| yearly::prose_text(&now, *p).unwrap().chars().count() >= 60)
        .collect();
    assert_eq!(places, long);
    assert_eq!(places.len(), 9, "{places:?}");
    assert!(f.iter().all(|x| x.message.contains("完全相同")));
}

/// The example's next year, filled: more applications, one carried forward, a review case.
fn next_year() -> Report {
    let mut now = rewritten_next_year(&example());
    now.fill_blanks_with_zero();
    now.table3.set(t3row::NEW, 0, Entry::Value(14));
    now.table3.set(t3row::OPEN, 0, Entry::Value(7));
    now.table3.set(t3row::PARTIAL, 0, Entry::Value(1));
    now.table3.set(12, 0, Entry::Value(5)); // （四）1 本机关不掌握
    now.table3.set(t3row::CARRIED_OUT, 0, Entry::Value(1));
    now.table4.set(0, 0, Entry::Value(1));
    now.table2
        .set(nianbao::template::T2Cell::NormativeMade, Entry::Value(2));
    now.table2
        .set(nianbao::template::T2Cell::NormativeValid, Entry::Value(10));
    now
}

#[test]
fn the_comparison_puts_key_figures_side_by_side() {
    let last = example();
    let now = next_year();
    let c = yearly::compare(&now, &last);
    assert_eq!((c.this_year, c.last_year), (2022, 2021));
    let fig = |key: &str| c.figures.iter().find(|f| f.key == key).unwrap();
    assert_eq!((fig("new").last, fig("new").this), (Some(11), Some(14)));
    assert_eq!(fig("new").label, "本年新收");
    assert_eq!(fig("carried_in").label, "上年结转");
    assert_eq!(fig("new").change(), Some(3));
    assert_eq!(fig("new").format_change(), "+3 (+27.3%)");
    assert_eq!(fig("open").format_change(), "+3 (+75.0%)");
    assert_eq!(fig("deny").format_change(), "-1 (-100.0%)");
    assert_eq!(fig("other").format_change(), "0");
    assert_eq!(fig("total").this, Some(13));
    assert_eq!(fig("carried_out").format_change(), "+1");
    assert_eq!(fig("review").this, Some(1));
    assert_eq!(fig("litigation").this, Some(0));
    assert_eq!(fig("normative_valid").format_change(), "+2 (+25.0%)");
    assert_eq!(fig("fees_wanyuan").unit, Unit::Wanyuan);
    assert_eq!(fig("fees_wanyuan").format_value(Some(2_500)), "0.25");
    // 规章, 0 in both years, is left out.
    assert!(c.figures.iter().all(|f| !f.key.starts_with("rules_")));
    let chart: Vec<&str> = c.chart_figures().map(|f| f.key).collect();
    assert_eq!(
        chart,
        [
            "open",
            "partial",
            "deny",
            "unable",
            "noproc",
            "other",
            "carried_out"
        ]
    );

    let text = c.to_text();
    assert!(text.contains("2021年 → 2022年"), "{text}");
    assert!(text.contains("申请办理结果"), "{text}");
    // The largest value, 予以公开 7 this year, gets the full bar.
    assert!(
        text.contains(&format!("{} 7", "█".repeat(yearly::CHART_WIDTH))),
        "{text}"
    );
    let open_last = text
        .lines()
        .find(|l| l.starts_with("予以公开") && l.contains("2021年"))
        .unwrap();
    assert!(
        open_last.contains('█') && open_last.ends_with(" 4"),
        "{text}"
    );

    // Blank cells this year: shown as not known, never as 0.
    let fresh = yearly::new_from_last(&last, None);
    let c = yearly::compare(&fresh, &last);
    let new = c.figures.iter().find(|f| f.key == "new").unwrap();
    assert_eq!((new.this, new.format_change().as_str()), (None, "-"));
    assert!(c.to_text().contains("未填全"));
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn compare_and_check_print_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let now_path = dir.path().join("2022.ron");
    let mut now = next_year();
    now.last_year_draft = Some(example_path().to_string_lossy().into_owned());
    draft::save(&now, &now_path).unwrap();
    let (n, l) = (
        now_path.to_str().unwrap(),
        example_path().to_str().unwrap().to_string(),
    );

    let o = run(&["compare", n, &l]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("本年新收") && out.contains("+3 (+27.3%)"),
        "{out}"
    );
    assert!(out.contains('█'), "{out}");

    let o = run(&["compare", n, &l, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["this_year"], 2022);
    assert_eq!(json["figures"][0]["key"], "new");
    assert_eq!(json["figures"][0]["this"], 14);

    // check finds last year's file by itself and appends the comparison.
    let o = run(&["check", n]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("与上年对比"), "{out}");
    // --json stays a plain list of findings.
    let o = run(&["check", n, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(json.is_array());

    let o = run(&["compare", n]);
    assert_eq!(o.status.code(), Some(2));

    let o = run(&["sentences", n]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("共新收政府信息公开申请14件"), "{out}");
    let o = run(&["sentences", n, "--decimals", "9"]);
    assert_eq!(o.status.code(), Some(2));
}
