//! Every rule of spec §3 with a passing and a failing case, starting from the example report,
//! which passes all of them except honest warnings about its real slips (a percentage, 发布 vs
//! 制发 规范性文件, half-width punctuation and a doubled 的).

use crate::support::*;
use nianbao_core::check::{self, Finding, Rule, Severity};
use nianbao_core::model::{AgencyLevel, Cell, Place, Prose};
use nianbao_core::model::{Entry, Report, count_from_text, wanyuan_from_text};
use nianbao_core::template::{T2Cell, T3Col, T3Row};

fn findings(r: &Report) -> Vec<Finding> {
    check::check(r, None)
}

#[test]
fn the_example_has_no_errors_and_one_percentage_warning() {
    let f = findings(&example());
    assert!(!check::has_errors(&f), "{f:#?}");
    // The sample printed 37% for 4 of 11 (36.4%); the checks must notice.
    let w = only(&f, Rule::TxtApps);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.place, Place::Prose(Prose::OverviewPart(1)));
    assert!(
        w.message.contains("36%") && w.message.contains("37%"),
        "{}",
        w.message
    );
    // "发布规范性文件5件" while table 二 says 本年制发 0 and 现行有效 8: which is meant?
    let p = only(&f, Rule::TxtPub);
    assert!(
        p.message.contains("本年制发件数为 0 件") && p.message.contains("现行有效件数为 8 件"),
        "{}",
        p.message
    );
    // The published text has a half-width ":" (preface), a half-width "," (section 一) and
    // "的的" (section 五): real slips the lint finds.
    let lint: Vec<Place> = with_rule(&f, Rule::TxtLint)
        .iter()
        .map(|f| f.place)
        .collect();
    assert_eq!(
        lint,
        [Prose::Preface, Prose::OverviewIntro, Prose::Problems].map(Place::Prose),
        "{f:#?}"
    );
    assert_eq!(f.len(), 5, "{f:#?}");
}

/// A finding in a text names the words it concerns, for the app to mark after a jump.
#[test]
fn findings_in_a_text_point_at_their_words() {
    let r = example();
    let words = |f: &Finding| -> String {
        let (Place::Prose(field), Some(span)) = (f.place, f.span) else {
            return String::new();
        };
        r.prose(field)
            .chars()
            .skip(span.start)
            .take(span.end - span.start)
            .collect()
    };
    let f = findings(&r);
    let publ = only(&f, Rule::TxtPub);
    assert!(
        words(publ).ends_with("发布规范性文件5件"),
        "{:?}",
        words(publ)
    );
    let apps = only(&f, Rule::TxtApps);
    assert!(words(apps).ends_with("的4件"), "{:?}", words(apps));
    let lint: Vec<String> = with_rule(&f, Rule::TxtLint)
        .into_iter()
        .map(words)
        .collect();
    assert_eq!(lint, [":", ",", "的的"]);
    // The numbers not checked point at their words too.
    let mut r = example();
    r.table3.set(T3Row::NEW, T3Col::ALL[0], Entry::Blank);
    for n in check::prose_numbers(&r, None).unchecked() {
        let Place::Prose(field) = n.place else {
            continue;
        };
        let said: String = r
            .prose(field)
            .chars()
            .skip(n.span.start)
            .take(n.span.end - n.span.start)
            .collect();
        assert_eq!(said, n.text);
    }
}

#[test]
fn t3_bal_names_exactly_the_column_that_is_off() {
    let mut r = example();
    // 商业企业: one more application received than handled.
    r.table3.set(T3Row::NEW, col(1), Entry::Value(2));
    let f = findings(&r);
    let bal = only(&f, Rule::T3Bal);
    assert_eq!(bal.severity, Severity::Error);
    assert_eq!(bal.place, Place::Table3Column(col(1)));
    assert!(bal.message.contains("商业企业"), "{}", bal.message);
    assert!(bal.message.contains("多 1"), "{}", bal.message);
    // Fixing it on the other side of the balance makes it pass again.
    r.table3.set(T3Row::CARRIED_OUT, col(1), Entry::Value(1));
    assert!(with_rule(&findings(&r), Rule::T3Bal).is_empty());
}

#[test]
fn nonblank_points_at_the_blank_cell() {
    let mut r = example();
    r.table3.set(row(5), col(3), Entry::Blank);
    let f = findings(&r);
    let blank = only(&f, Rule::NonBlank);
    assert_eq!(blank.place, Place::Cell(Cell::T3(row(5), col(3))));
    assert!(
        blank
            .place
            .describe()
            .contains("2.其他法律行政法规禁止公开")
    );
    assert!(blank.place.describe().contains("社会公益组织"));
    // A column with a blank is not also reported as unbalanced.
    assert!(with_rule(&f, Rule::T3Bal).is_empty());

    let mut r = example();
    r.table2.set(T2Cell::Penalty, Entry::Blank);
    r.table4.set(group(2), t4col(0), Entry::Blank);
    let f = findings(&r);
    let places: Vec<Place> = with_rule(&f, Rule::NonBlank)
        .iter()
        .map(|x| x.place)
        .collect();
    assert_eq!(
        places,
        vec![
            Place::Cell(Cell::T2(T2Cell::Penalty)),
            Place::Cell(Cell::T4(group(2), t4col(0)))
        ]
    );
}

#[test]
fn an_empty_table_is_one_finding_not_a_hundred() {
    let r = Report::new("某县人民政府办公室", 2023);
    let f = findings(&r);
    assert_eq!(with_rule(&f, Rule::NonBlank).len(), 3, "{f:#?}");
}

#[test]
fn int_reports_what_was_typed() {
    let mut r = example();
    r.table3.set(T3Row::OPEN, col(0), count_from_text("3.5"));
    r.table4.set(group(0), t4col(1), count_from_text("-1"));
    r.table2.set(T2Cell::Licensing, count_from_text("/"));
    let f = findings(&r);
    let ints = with_rule(&f, Rule::Int);
    assert_eq!(ints.len(), 3, "{f:#?}");
    assert!(
        ints.iter()
            .any(|x| x.message.contains("“3.5”") && x.message.contains("整数"))
    );
    assert!(ints.iter().any(|x| x.message.contains("负数")));
    assert!(ints.iter().any(|x| x.message.contains("“/”")));
    assert!(
        f.iter()
            .all(|x| x.rule != Rule::Int || x.severity == Severity::Error),
        "{f:#?}"
    );
}

#[test]
fn unit_catches_yuan_written_as_wanyuan() {
    let mut r = example();
    r.table2.fee = wanyuan_from_text("251000元");
    let f = findings(&r);
    assert_eq!(only(&f, Rule::Unit).place, Place::Cell(Cell::T2Fee));

    r.table2.fee = wanyuan_from_text("251000");
    let f = findings(&r);
    let u = only(&f, Rule::Unit);
    assert_eq!(u.severity, Severity::Warning);

    r.table2.fee = wanyuan_from_text("2.51");
    assert!(with_rule(&findings(&r), Rule::Unit).is_empty());
}

#[test]
fn rules_0_warns_when_a_county_reports_rules() {
    let mut r = example();
    r.table2.set(T2Cell::RulesMade, Entry::Value(2));
    r.table2.set(T2Cell::RulesValid, Entry::Value(2));
    let f = findings(&r);
    // A county (inferred from 金乡县人民政府办公室) can neither make nor hold 规章 of its own:
    // both filled cells are questioned.
    let w = with_rule(&f, Rule::Rules0);
    assert_eq!(w.len(), 2, "{w:#?}");
    assert!(
        w.iter()
            .all(|w| w.severity == Severity::Warning && w.message.contains('2'))
    );
    assert!(with_rule(&findings(&example()), Rule::Rules0).is_empty());
    // A 设区的市 may make 规章: no warning, whatever the name suggests.
    r.meta.level = Some(AgencyLevel::City);
    assert!(with_rule(&findings(&r), Rule::Rules0).is_empty());
    // With the level unknown, only 本年制发 is questioned, as the template's note says.
    r.meta.level = None;
    r.meta.agency = "某某".into();
    assert_eq!(
        only(&findings(&r), Rule::Rules0).place,
        Place::Cell(Cell::T2(T2Cell::RulesMade))
    );
}

#[test]
fn txt_apps_compares_prose_with_table_three() {
    let mut r = example();
    // The example text says 收到……11件 and 自然人申请10件, which match.
    assert_eq!(with_rule(&findings(&r), Rule::TxtApps).len(), 1);
    r.overview.parts[1].body = r.overview.parts[1]
        .body
        .replace(
            "共收到政府信息依申请公开11件",
            "共收到政府信息依申请公开12件",
        )
        .replace("占37%", "占36%");
    let f = findings(&r);
    let w = only(&f, Rule::TxtApps);
    assert!(
        w.message.contains("12") && w.message.contains("11"),
        "{}",
        w.message
    );

    let mut r = example();
    r.overview.parts[1].body = r.overview.parts[1]
        .body
        .replace("自然人申请10件", "自然人申请9件")
        .replace("占37%", "占36.4%");
    let f = findings(&r);
    let w = only(&f, Rule::TxtApps);
    assert!(w.message.contains("自然人"), "{}", w.message);
}

#[test]
fn numbers_in_chinese_numerals_are_checked_too() {
    let mut r = example();
    r.overview.parts[1].body = r.overview.parts[1]
        .body
        .replace(
            "共收到政府信息依申请公开11件",
            "共收到政府信息依申请公开十一件",
        )
        .replace("自然人申请10件", "自然人申请十件");
    // Read and agreeing: still only the sample's 37%.
    assert_eq!(with_rule(&findings(&r), Rule::TxtApps).len(), 1);
    let audit = check::prose_numbers(&r, None);
    assert!(
        audit
            .numbers
            .iter()
            .any(|n| n.text.ends_with("十一件") && n.count == 11),
        "{audit:#?}"
    );
    r.overview.parts[1].body = r.overview.parts[1].body.replace("十一件", "十二件");
    let f = findings(&r);
    let w: Vec<_> = with_rule(&f, Rule::TxtApps)
        .into_iter()
        .filter(|f| f.message.contains("十二件"))
        .collect();
    assert_eq!(w.len(), 1, "{f:#?}");
    assert!(w[0].message.contains("为 11 件"), "{}", w[0].message);
}

#[test]
fn fee_amounts_in_prose_are_checked_against_table_two() {
    let mut r = example();
    r.overview
        .intro
        .push_str("本年度行政事业性收费0.5万元，收取信息处理费120元。");
    // Table 二 says 0: the 行政事业性收费 sentence disagrees; 信息处理费 is no table's business.
    let f = findings(&r);
    let w: Vec<_> = with_rule(&f, Rule::TxtPub)
        .into_iter()
        .filter(|f| f.message.contains("收费"))
        .collect();
    assert_eq!(w.len(), 1, "{f:#?}");
    assert!(
        w[0].message.contains("0.5万元") && w[0].message.contains("为 0。"),
        "{}",
        w[0].message
    );
    r.table2.fee = wanyuan_from_text("0.5");
    let f = findings(&r);
    assert!(
        with_rule(&f, Rule::TxtPub)
            .iter()
            .all(|f| !f.message.contains("收费")),
        "{f:#?}"
    );
    let audit = check::prose_numbers(&r, None);
    assert!(
        audit
            .numbers
            .iter()
            .any(|n| n.text.ends_with("0.5万元") && n.status == check::NumberStatus::Agrees),
        "{audit:#?}"
    );
    // 5000 元 is the same amount as 0.5 万元.
    r.overview.intro = r.overview.intro.replace("0.5万元", "5000元");
    assert!(
        with_rule(&findings(&r), Rule::TxtPub)
            .iter()
            .all(|f| !f.message.contains("收费"))
    );
}

#[test]
fn txt_lit_compares_review_and_litigation() {
    let mut r = example();
    // The example says no review or litigation happened; the table agrees.
    assert!(with_rule(&findings(&r), Rule::TxtLit).is_empty());
    r.table4.set(group(0), t4col(0), Entry::Value(1));
    let f = findings(&r);
    let w = only(&f, Rule::TxtLit);
    assert!(w.message.contains("行政复议"), "{}", w.message);

    let mut r = example();
    r.overview
        .intro
        .push_str("全年被申请行政复议2件，行政诉讼1件。");
    r.table4.set(group(0), t4col(0), Entry::Value(2));
    r.table4.set(group(1), t4col(3), Entry::Value(1));
    // Remove the sentence denying cases, which is now false.
    r.overview.parts[1].body = r.overview.parts[1]
        .body
        .replace("未发生因政府信息公开申请提起的行政复议和诉讼案件", "");
    assert!(
        with_rule(&findings(&r), Rule::TxtLit).is_empty(),
        "{:#?}",
        findings(&r)
    );
    r.table4.set(group(2), t4col(0), Entry::Value(1));
    let f = findings(&r);
    let w = only(&f, Rule::TxtLit);
    assert!(
        w.message.contains("行政诉讼") && w.message.contains('2'),
        "{}",
        w.message
    );
}

#[test]
fn fee_6_wants_a_fee_statement() {
    let mut r = example();
    assert!(with_rule(&findings(&r), Rule::Fee6).is_empty());
    // Fee notices went unpaid, yet item （一） says nothing.
    r.table3.set(T3Row::FEE_UNPAID, col(0), Entry::Value(1));
    r.table3.set(T3Row::OPEN, col(0), Entry::Value(2));
    r.other_items[0] = "无".into();
    let f = findings(&r);
    let w = only(&f, Rule::Fee6);
    assert_eq!(w.place, Place::Prose(Prose::OtherItem(0)));
    assert!(w.message.contains("1 件"), "{}", w.message);
    // A bare 无 is not a fee statement even without fee notices.
    let mut r = example();
    r.other_items[0] = "无".into();
    assert_eq!(with_rule(&findings(&r), Rule::Fee6).len(), 1);
    r.other_items[0] = "本年度未收取信息处理费。".into();
    assert!(with_rule(&findings(&r), Rule::Fee6).is_empty());
}

#[test]
fn numbering_that_skips_or_takes_a_heading_level_is_named() {
    let numbering = |r: &Report| -> Vec<(Place, String)> {
        with_rule(&findings(r), Rule::TxtLint)
            .into_iter()
            .filter(|f| f.message.contains("序号") || f.message.contains("同级"))
            .map(|f| (f.place, f.message.clone()))
            .collect()
    };
    let mut r = example();
    assert_eq!(numbering(&r), []);
    // A list under a sub-head of 一 that skips, and 五 with 二是 but no 一是 (seen in a
    // published 2024 report: "我局采取以下措施积极改进：我局将加强……；二是……；三是……").
    r.overview.parts[0].body =
        "1.信息发布情况。发布信息50条。\n3.回应关切情况。办理留言10条。".into();
    r.problems = "针对以上问题，我局将加强培训；二是加强审核把关；三是提升解读质量。".into();
    let found = numbering(&r);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, Place::Prose(Prose::OverviewPart(0)));
    assert!(found[0].1.contains("“1.”之后是“3.”"), "{}", found[0].1);
    assert_eq!(found[1].0, Place::Prose(Prose::Problems));
    assert!(
        found[1].1.contains("“二是”前面没有“一是”"),
        "{}",
        found[1].1
    );
    // The right sequence, restarted lists and "2.5万元" draw nothing.
    r.overview.parts[0].body =
        "1.信息发布。\n2.解读。\n（1）文字解读。\n（2）图解。\n3.回应。2.5万元用于平台。".into();
    r.problems = "一是加强培训；二是加强审核。另一方面，一是……二是……".into();
    assert_eq!(numbering(&r), []);
    // "（一）" under a sub-head that is itself "（一）", and "1、" for "1.".
    r.overview.parts[2].body = "（一）制度建设。\n（二）队伍建设。".into();
    r.other_items[1] = "1、按期完成。\n2、公开情况。".into();
    let found = numbering(&r);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].1.contains("“（一）”开头") && found[0].1.contains("“1.”"),
        "{}",
        found[0].1
    );
    assert!(
        found[1].1.contains("“1、”应写作“1.”等 2 处"),
        "{}",
        found[1].1
    );
}

#[test]
fn sec5_must_not_be_empty_or_nothing() {
    let mut r = example();
    for text in ["", "无", " 无。 "] {
        r.problems = text.into();
        let f = findings(&r);
        assert_eq!(only(&f, Rule::Sec5).severity, Severity::Error);
    }
}

#[test]
fn sec6_items_need_text() {
    let mut r = example();
    r.other_items[4] = String::new();
    r.other_items[1] = "无".into();
    let f = findings(&r);
    let places: Vec<Place> = with_rule(&f, Rule::Sec6).iter().map(|x| x.place).collect();
    assert_eq!(
        places,
        vec![
            Place::Prose(Prose::OtherItem(1)),
            Place::Prose(Prose::OtherItem(4))
        ]
    );
}

#[test]
fn meta_preface_and_prose_are_required() {
    let mut r = example();
    r.meta.agency.clear();
    r.meta.year = Entry::Blank;
    r.preface.clear();
    r.overview.parts[3].body.clear();
    let f = findings(&r);
    assert_eq!(with_rule(&f, Rule::Meta).len(), 2);
    assert_eq!(only(&f, Rule::Preface).severity, Severity::Warning);
    assert_eq!(
        only(&f, Rule::Prose).place,
        Place::Prose(Prose::OverviewPart(3))
    );

    let mut r = example();
    r.overview.intro.clear();
    for p in &mut r.overview.parts {
        p.body.clear();
    }
    let f = findings(&r);
    assert_eq!(only(&f, Rule::Prose).severity, Severity::Error);
}

fn next_year_of(last: &Report) -> Report {
    let mut r = last.clone();
    r.meta.year = r
        .meta
        .year
        .value()
        .map_or(Entry::Blank, |y| Entry::Value(y + 1));
    for col in T3Col::ENTERED {
        let carried = last.table3.get(T3Row::CARRIED_OUT, col).clone();
        r.table3.set(T3Row::CARRIED_IN, col, carried);
    }
    r
}

#[test]
fn changes_against_last_year_are_checked_when_it_is_linked() {
    let last = example();
    let mut now = next_year_of(&last);
    now.table3.set(T3Row::NEW, col(0), Entry::Value(14)); // 11 → 15 received
    let said =
        "本年度共收到政府信息公开申请15件，较上年增加4件，同比增长36.4%；网站访问量同比增长20%。";
    now.overview.intro = said.into();
    let growth = |f: &[Finding]| -> Vec<String> {
        f.iter()
            .filter(|f| f.message.contains("与上年报告不一致"))
            .map(|f| f.message.clone())
            .collect()
    };
    assert_eq!(
        growth(&check::check(&now, Some(&last))),
        Vec::<String>::new()
    );
    let audit = check::prose_numbers(&now, Some(&last));
    let read: Vec<(&str, check::NumberStatus)> = audit
        .numbers
        .iter()
        .filter(|n| n.place == Place::Prose(Prose::OverviewIntro))
        .map(|n| (n.text.as_str(), n.status))
        .collect();
    use check::NumberStatus::{Agrees, NoLastYear};
    // The 4 of "增加4件" is no count of this year's; the website's growth is no table's.
    assert_eq!(
        read,
        [
            ("本年度共收到政府信息公开申请15件", Agrees),
            ("较上年增加4件", Agrees),
            ("同比增长36.4%", Agrees),
        ]
    );
    // Without last year's report the two are listed as not checked, and why.
    let alone = check::prose_numbers(&now, None);
    assert_eq!(
        alone.unchecked().map(|n| n.status).collect::<Vec<_>>(),
        [NoLastYear, NoLastYear]
    );
    // Wrong changes are named with both years' figures.
    now.overview.intro = said.replace("增加4件", "增加5件").replace("36.4%", "40%");
    let w = growth(&check::check(&now, Some(&last)));
    assert_eq!(w.len(), 2, "{w:#?}");
    assert!(
        w[0].contains("本年为 15 件，上年为 11 件，增加 4 件"),
        "{}",
        w[0]
    );
    assert!(w[1].contains("变化 36%"), "{}", w[1]);
    now.overview.intro = "共收到申请15件，与上年持平。".into();
    let w = growth(&check::check(&now, Some(&last)));
    assert_eq!(w.len(), 1, "{w:#?}");
    // A fall, said of a figure named in the same sentence: "办结数量较上年减少".
    now.overview.intro = "共办结申请15件，比上年度减少了2件。".into();
    let w = growth(&check::check(&now, Some(&last)));
    assert_eq!(w.len(), 1, "{w:#?}");
}

#[test]
fn x_carry_compares_with_last_years_carry_over() {
    let last = example();
    let mut now = next_year_of(&last);
    now.table3.set(T3Row::NEW, col(0), Entry::Value(9));
    now.table3.set(T3Row::CARRIED_IN, col(0), Entry::Value(1));
    assert!(with_rule(&check::check(&now, Some(&last)), Rule::XCarry).len() == 1);
    now.table3.set(T3Row::NEW, col(0), Entry::Value(10));
    now.table3.set(T3Row::CARRIED_IN, col(0), Entry::Value(0));
    let f = check::check(&now, Some(&last));
    assert!(with_rule(&f, Rule::XCarry).is_empty(), "{f:#?}");
    assert!(with_rule(&f, Rule::XYear).is_empty());
    // Without last year's report the rule cannot run.
    now.table3.set(T3Row::CARRIED_IN, col(0), Entry::Value(1));
    assert!(with_rule(&check::check(&now, None), Rule::XCarry).is_empty());
}

#[test]
fn x_valid_follows_the_documents_in_force() {
    let last = example();
    let mut now = next_year_of(&last);
    // 8 in force last year, 2 made, 1 repealed: 9 now.
    now.table2.set(T2Cell::NormativeMade, Entry::Value(2));
    now.table2.set(T2Cell::NormativeRepealed, Entry::Value(1));
    now.table2.set(T2Cell::NormativeValid, Entry::Value(9));
    assert!(with_rule(&check::check(&now, Some(&last)), Rule::XValid).is_empty());
    now.table2.set(T2Cell::NormativeValid, Entry::Value(10));
    let f = check::check(&now, Some(&last));
    let w = only(&f, Rule::XValid);
    assert_eq!(w.place, Place::Cell(Cell::T2(T2Cell::NormativeValid)));
    assert!(w.message.contains("应为 9"), "{}", w.message);
}

#[test]
fn x_year_warns_about_a_wrong_last_year() {
    let last = example();
    let mut now = next_year_of(&last);
    now.meta.year = Entry::Value(2024);
    assert_eq!(
        with_rule(&check::check(&now, Some(&last)), Rule::XYear).len(),
        1
    );
}

#[test]
fn text_checks_read_lists_and_common_words_right() {
    let mut r = example();
    r.overview.intro =
        "其中自然人申请10件、商业企业申请1件；其余0件由其他法人或其他组织提出，另有0件作其他处理。"
            .into();
    let f = findings(&r);
    assert_eq!(with_rule(&f, Rule::TxtApps).len(), 1, "{f:#?}"); // only the sample's 37%
    r.overview.intro = "其中自然人申请10件、商业企业申请2件。".into();
    let f = findings(&r);
    let w: Vec<_> = with_rule(&f, Rule::TxtApps)
        .into_iter()
        .filter(|x| x.place == Place::Prose(Prose::OverviewIntro))
        .collect();
    assert_eq!(w.len(), 1, "{f:#?}");
    assert!(w[0].message.contains("商业企业申请"), "{}", w[0].message);

    // The two kinds of litigation are read as themselves, not as 行政复议.
    let mut r = example();
    r.table4.set(group(1), t4col(0), Entry::Value(1));
    r.overview.parts[1].body = r.overview.parts[1].body.replace(
        "未发生因政府信息公开申请提起的行政复议和诉讼案件",
        "未经复议直接起诉1件，复议后起诉0件",
    );
    assert!(
        with_rule(&findings(&r), Rule::TxtLit).is_empty(),
        "{:#?}",
        findings(&r)
    );
    r.table4.set(group(2), t4col(0), Entry::Value(1));
    let f = findings(&r);
    assert!(only(&f, Rule::TxtLit).message.contains("复议后起诉"));
}

#[test]
fn text_checks_wait_for_the_table_to_be_filled() {
    let mut r = example();
    r.table3 = Default::default();
    // 自然人 of 一 is filled (and says 10); everything else is still blank.
    r.table3.set(T3Row::NEW, col(0), Entry::Value(10));
    assert!(with_rule(&findings(&r), Rule::TxtApps).is_empty());
    r.table3.set(T3Row::NEW, col(0), Entry::Value(9));
    // "自然人申请10件" may count 一 or 一 + 二 of the column: with 二 blank, 10 could still be
    // 9 + 1, so nothing is said yet; once 二 is filled, the claim is decided.
    assert!(with_rule(&findings(&r), Rule::TxtApps).is_empty());
    r.table3.set(T3Row::CARRIED_IN, col(0), Entry::Value(0));
    assert_eq!(with_rule(&findings(&r), Rule::TxtApps).len(), 1);
}

#[test]
fn a_half_filled_table_gets_one_finding_at_its_first_blank() {
    let mut r = example();
    // As in a draft made from last year's: only 二、上年结转 is filled.
    let carried = T3Col::ENTERED.map(|c| r.table3.get(T3Row::CARRIED_IN, c).clone());
    r.table3 = Default::default();
    for (c, e) in T3Col::ENTERED.into_iter().zip(carried) {
        r.table3.set(T3Row::CARRIED_IN, c, e);
    }
    r.table3.set(
        T3Row::OPEN,
        col(2),
        nianbao_core::model::count_from_text("x"),
    );
    let f = findings(&r);
    let blank = only(&f, Rule::NonBlank);
    assert_eq!(blank.place, Place::Cell(Cell::T3(T3Row::NEW, col(0))));
    assert!(blank.message.contains("137 个格子"), "{}", blank.message);
    // Invalid text is still reported cell by cell.
    assert_eq!(
        only(&f, Rule::Int).place,
        Place::Cell(Cell::T3(T3Row::OPEN, col(2)))
    );
}
