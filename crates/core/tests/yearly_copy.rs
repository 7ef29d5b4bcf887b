//! The X-COPY warning, and the comparison with last year in the API and on the command line.

use crate::support::*;
use nianbao_core::check::{self, Finding, Rule};
use nianbao_core::model::{Entry, Place, Prose, Report};
use nianbao_core::template::{T2Cell, T3Row};
use nianbao_core::text::similarity::overlap;
use nianbao_core::yearly::{self, Unit};

fn copies(now: &Report, last: &Report) -> Vec<Finding> {
    check::check(now, Some(last))
        .into_iter()
        .filter(|f| f.rule == Rule::XCopy)
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
    assert_eq!(f[0].place, Place::Prose(Prose::OverviewPart(2)));
    assert!(f[0].message.contains("一、总体情况"), "{}", f[0].message);
    let o = overlap(&now.overview.parts[2].body, &last.overview.parts[2].body);
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
    assert_eq!(f[0].place, Place::Prose(Prose::OverviewPart(4)));

    // Section 五 copied outright: the "unchanged since carried over" wording.
    now.overview.parts[4].body = "第4部分。".into();
    now.problems = last.problems.clone();
    let f = copies(&now, &last);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].place, Place::Prose(Prose::Problems));
    assert!(f[0].message.contains("完全相同"), "{}", f[0].message);
}

#[test]
fn generated_sentences_of_two_years_are_not_copied_text() {
    use nianbao_core::sentences::{self, Options};
    use nianbao_core::text::similarity::without_data_sentences;
    // Each year's section 一 holds nothing but that year's generated sentences.
    let only_generated = |mut r: Report| {
        r.overview.intro.clear();
        for p in &mut r.overview.parts {
            p.body.clear();
        }
        for p in sentences::generate(&r, &Options::default()).paragraphs {
            if let Prose::OverviewPart(i) = p.topic.suggested_place() {
                r.overview.parts[i].body =
                    sentences::insert(&r.overview.parts[i].body, &p.text).text;
            }
        }
        r
    };
    let last = only_generated(example());
    let mut now = rewritten_next_year(&last);
    for (row, n) in [(T3Row::NEW, 20), (T3Row::OPEN, 9), (T3Row::PARTIAL, 2)] {
        now.table3.set(row, col(0), Entry::Value(n));
    }
    now.table3.set(T3Row::CARRIED_OUT, col(0), Entry::Value(0));
    now.table2.set(T2Cell::NormativeMade, Entry::Value(3));
    now.table2.set(T2Cell::NormativeValid, Entry::Value(11));
    let now = only_generated(now);
    let generated = now.overview.parts[1].body.clone();
    assert!(generated.contains("件"), "{generated}");
    // Every generated sentence is a data sentence, set aside before comparing.
    assert_eq!(without_data_sentences(&generated).trim(), "", "{generated}");
    let f = copies(&now, &last);
    assert!(f.is_empty(), "{f:#?}");
    let meter = nianbao_core::check::similarity(&now, &last);
    assert_eq!(meter.sections[0].overlap.percent(), 0, "{meter:?}");
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
    let long: Vec<Place> = check::inherited_fields(&now, &last)
        .into_iter()
        .filter(|p| now.prose(*p).chars().count() >= 60)
        .map(Place::Prose)
        .collect();
    assert_eq!(places, long);
    assert_eq!(places.len(), 9, "{places:?}");
    assert!(f.iter().all(|x| x.message.contains("完全相同")));
}

/// The example's next year, filled: more applications, one carried forward, a review case.
fn next_year() -> Report {
    let mut now = rewritten_next_year(&example());
    now.fill_blanks_with_zero();
    now.table3.set(T3Row::NEW, col(0), Entry::Value(14));
    now.table3.set(T3Row::OPEN, col(0), Entry::Value(7));
    now.table3.set(T3Row::PARTIAL, col(0), Entry::Value(1));
    now.table3.set(row(12), col(0), Entry::Value(5)); // （四）1 本机关不掌握
    now.table3.set(T3Row::CARRIED_OUT, col(0), Entry::Value(1));
    now.table4.set(group(0), t4col(0), Entry::Value(1));
    now.table2.set(T2Cell::NormativeMade, Entry::Value(2));
    now.table2.set(T2Cell::NormativeValid, Entry::Value(10));
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

    // Blank cells this year: shown as not known, never as 0.
    let fresh = yearly::new_from_last(&last, None);
    let c = yearly::compare(&fresh, &last);
    let new = c.figures.iter().find(|f| f.key == "new").unwrap();
    assert_eq!((new.this, new.format_change().as_str()), (None, "-"));
}
