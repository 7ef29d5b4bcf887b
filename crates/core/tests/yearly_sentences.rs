//! Generated data sentences: the example's wording, honest percentages over many random tables,
//! agreement with the text-against-table checks, incomplete tables, and insertion.

use crate::support::*;
use nianbao_core::check::{self, Finding, Rule};
use nianbao_core::model::{Entry, Prose, Report};
use nianbao_core::sentences::{self, Action, Options, ROUNDING_NOTE, Topic};
use nianbao_core::template::{T2Cell, T3_ENTERED_COLS, T3Col, T3Group, T3Row};
use proptest::prelude::*;
use std::collections::HashMap;

const EXAMPLE_APPLICATIONS: &str = "2021年，金乡县人民政府办公室共新收政府信息公开申请11件，其中自然人申请10件，商业企业申请1件；无上年结转申请。本年度共办结申请11件，其中予以公开4件，占36.4%；部分公开1件，占9.1%；不予公开1件，占9.1%（为“属于四类过程性信息”）；无法提供4件，占36.4%（均为“本机关不掌握相关政府信息”）；不予处理1件，占9.1%（为“信访举报投诉类申请”）。因四舍五入，以上各项比例之和不等于100%。无结转下年度继续办理的申请。";
const EXAMPLE_PROACTIVE: &str =
    "本年度未制发行政规范性文件，废止1件；截至2021年底，现行有效的行政规范性文件共8件。";
const EXAMPLE_REVIEW: &str = "本年度未发生因政府信息公开工作引起的行政复议和行政诉讼案件。";

#[test]
fn the_example_reads_naturally() {
    let g = sentences::generate(&example(), &Options::default());
    assert!(g.missing.is_empty(), "{:?}", g.missing);
    assert_eq!(g.get(Topic::Applications), Some(EXAMPLE_APPLICATIONS));
    assert_eq!(g.get(Topic::Proactive), Some(EXAMPLE_PROACTIVE));
    assert_eq!(g.get(Topic::Review), Some(EXAMPLE_REVIEW));
    // Two groups of 4 out of 11 read the same, unlike the printed sample (37% and 36%).
    assert_eq!(EXAMPLE_APPLICATIONS.matches("4件，占36.4%").count(), 2);
    let whole = sentences::generate(&example(), &Options { decimals: 0 });
    let text = whole.get(Topic::Applications).unwrap();
    assert!(text.contains("予以公开4件，占36%"), "{text}");
    assert!(text.contains("无法提供4件，占36%"), "{text}");
    assert!(text.contains(ROUNDING_NOTE), "{text}");
}

/// Section 一 holding only the generated paragraphs, each in its suggested sub-head.
fn with_only_generated(r: &Report, options: &Options) -> Report {
    let mut r = r.clone();
    r.overview.intro.clear();
    for p in &mut r.overview.parts {
        p.body.clear();
    }
    for p in sentences::generate(&r.clone(), options).paragraphs {
        let Prose::OverviewPart(index) = p.topic.suggested_place() else {
            panic!("sentences go into a sub-head of section 一");
        };
        let body = &mut r.overview.parts[index].body;
        *body = sentences::insert(body, &p.text).text;
    }
    r
}

fn text_findings(r: &Report) -> Vec<Finding> {
    check::check(r, None)
        .into_iter()
        .filter(|f| matches!(f.rule, Rule::TxtApps | Rule::TxtLit))
        .collect()
}

#[test]
fn the_checker_agrees_with_the_example_sentences() {
    for decimals in 0..=3 {
        let r = with_only_generated(&example(), &Options { decimals });
        let f = text_findings(&r);
        assert!(
            f.is_empty(),
            "decimals {decimals}: {f:#?}\n{}",
            r.overview_text()
        );
    }
}

#[test]
fn incomplete_tables_say_what_is_missing_instead() {
    let mut r = example();
    r.table3.set(T3Row::OPEN, col(2), Entry::Blank);
    r.table2
        .set(T2Cell::NormativeValid, Entry::Invalid("八".into()));
    r.table4.set(group(1), t4col(0), Entry::Blank);
    let g = sentences::generate(&r, &Options::default());
    let apps = g.get(Topic::Applications).unwrap();
    // Received is complete and stated; the outcomes are not guessed from a partial total.
    assert!(apps.contains("共新收政府信息公开申请11件"), "{apps}");
    assert!(!apps.contains('%'), "{apps}");
    assert!(g.get(Topic::Review).is_none());
    assert!(g.get(Topic::Proactive).is_none());
    assert_eq!(g.missing.len(), 3, "{:?}", g.missing);
    assert!(
        g.missing.iter().any(|m| m.contains("表四")),
        "{:?}",
        g.missing
    );
    assert!(
        g.missing.iter().any(|m| m.contains("行政规范性文件")),
        "{:?}",
        g.missing
    );
    assert!(
        g.missing.iter().any(|m| m.contains("办理结果")),
        "{:?}",
        g.missing
    );

    // An unbalanced table gives no shares either, and says which column.
    let mut r = example();
    r.table3.set(T3Row::OPEN, col(0), Entry::Value(5));
    let g = sentences::generate(&r, &Options::default());
    assert!(!g.get(Topic::Applications).unwrap().contains('%'));
    assert!(
        g.missing.iter().any(|m| m.contains("自然人")),
        "{:?}",
        g.missing
    );

    // A brand-new report generates nothing with numbers in it.
    let g = sentences::generate(
        &Report::new("某县人民政府办公室", 2024),
        &Options::default(),
    );
    assert!(g.paragraphs.is_empty(), "{:?}", g.paragraphs);
    assert_eq!(
        g.missing,
        [
            "表二“行政规范性文件”的制发、废止、现行有效件数尚未填全，未生成行政规范性文件的句子。",
            "表三尚未填写，未生成依申请公开的句子。",
            "表四有未填写或无效的单元格，未生成行政复议、行政诉讼的句子。",
        ]
    );
}

#[test]
fn cases_and_other_applicants_are_stated() {
    let mut r = example();
    // One application from an "其他" organisation, handled as 其他处理 (逾期不补正).
    r.table3.set(T3Row::NEW, col(5), Entry::Value(1));
    r.table3.set(row(20), col(5), Entry::Value(1));
    r.table4.set(group(0), t4col(0), Entry::Value(1));
    r.table4.set(group(0), t4col(2), Entry::Value(1));
    r.table4.set(group(2), t4col(3), Entry::Value(2));
    let g = sentences::generate(&r, &Options::default());
    let apps = g.get(Topic::Applications).unwrap();
    assert!(apps.contains("其余1件由其他法人或其他组织提出"), "{apps}");
    assert!(apps.contains("另有1件作其他处理，占8.3%"), "{apps}");
    let review = g.get(Topic::Review).unwrap();
    assert_eq!(
        review,
        "本年度因政府信息公开工作被申请行政复议2件，其中结果维持1件，另有1件为其他结果。本年度因政府信息公开工作被提起行政诉讼2件：复议后起诉2件，均尚未审结。"
    );
    let r = with_only_generated(&r, &Options::default());
    let f = text_findings(&r);
    assert!(f.is_empty(), "{f:#?}\n{}", r.overview_text());
}

#[test]
fn single_cases_are_not_called_all() {
    // One application, one outcome, one review case, one case of each kind of litigation.
    let mut r = Report::new("某街道办事处", 2024);
    r.fill_blanks_with_zero();
    r.table3.set(T3Row::NEW, col(0), Entry::Value(1));
    r.table3.set(T3Row::OPEN, col(0), Entry::Value(1));
    r.table4.set(group(0), t4col(3), Entry::Value(1));
    r.table4.set(group(1), t4col(0), Entry::Value(1));
    r.table4.set(group(2), t4col(1), Entry::Value(1));
    r.table4.set(group(2), t4col(3), Entry::Value(1));
    let g = sentences::generate(&r, &Options::default());
    let apps = g.get(Topic::Applications).unwrap();
    assert!(
        apps.contains("共新收政府信息公开申请1件，为自然人申请；"),
        "{apps}"
    );
    assert!(!apps.contains('均'), "{apps}");
    assert!(apps.contains("办理结果为“"), "{apps}");
    let review = g.get(Topic::Review).unwrap();
    assert_eq!(
        review,
        "本年度因政府信息公开工作被申请行政复议1件，尚未审结。本年度因政府信息公开工作被提起行政诉讼3件：未经复议直接起诉1件，结果为维持；复议后起诉2件，其中结果纠正1件，尚未审结1件。"
    );
    // Two of a kind are "均".
    r.table4.set(group(0), t4col(3), Entry::Value(2));
    let g = sentences::generate(&r, &Options::default());
    assert!(
        g.get(Topic::Review)
            .unwrap()
            .contains("行政复议2件，均尚未审结。"),
        "{:?}",
        g.get(Topic::Review)
    );
    let r = with_only_generated(&r, &Options::default());
    let f = text_findings(&r);
    assert!(f.is_empty(), "{f:#?}\n{}", r.overview_text());
}

#[test]
fn blank_organisation_columns_still_give_what_is_filled() {
    let mut r = example();
    r.table3.set(T3Row::NEW, col(3), Entry::Blank);
    r.table3.set(T3Row::NEW, col(4), Entry::Blank);
    let g = sentences::generate(&r, &Options::default());
    let apps = g.get(Topic::Applications).unwrap();
    assert!(
        apps.starts_with("2021年，金乡县人民政府办公室新收自然人申请10件、商业企业申请1件。"),
        "{apps}"
    );
    let blank = format!("「{}」「{}」", col(3).label(), col(4).label());
    assert!(
        g.missing
            .iter()
            .any(|m| m.contains(&blank) && m.contains("没有写申请总数")),
        "{:?}",
        g.missing
    );
    let r = with_only_generated(&r, &Options::default());
    let f = text_findings(&r);
    assert!(f.is_empty(), "{f:#?}\n{}", r.overview_text());
    // An invalid cell is not guessed around.
    let mut r = example();
    r.table3.set(T3Row::NEW, col(3), Entry::Invalid("x".into()));
    let g = sentences::generate(&r, &Options::default());
    assert!(!g.get(Topic::Applications).unwrap_or("").contains("新收"));
}

#[test]
fn inserting_keeps_the_persons_words() {
    let r = example();
    let generated = sentences::generate(&r, &Options::default());
    let text = generated.get(Topic::Applications).unwrap();
    let body = &r.overview.parts[1].body;
    let once = sentences::insert(body, text);
    assert_eq!(once.action, Action::Appended);
    assert!(once.text.starts_with(body.trim_end()));
    assert!(once.text.ends_with(text));
    assert_eq!(
        sentences::insert(&once.text, text).action,
        Action::Unchanged
    );

    // The tables change: the earlier generation is replaced in place, and reported.
    let mut changed = r.clone();
    changed.table3.set(T3Row::NEW, col(0), Entry::Value(11));
    changed.table3.set(T3Row::OPEN, col(0), Entry::Value(4));
    let newer = sentences::generate(&changed, &Options::default());
    let newer = newer.get(Topic::Applications).unwrap();
    let again = sentences::insert(&once.text, newer);
    assert_eq!(
        again.action,
        Action::Replaced {
            old: text.to_string()
        }
    );
    assert!(again.text.starts_with(body.trim_end()));
    assert!(again.text.ends_with(newer));
    assert!(!again.text.contains(text));
}

// ---------------------------------------------------------------------------------------------
// Many random tables
// ---------------------------------------------------------------------------------------------

/// A balanced table 三 from random outcome cells and carry-overs, plus random tables 二 and 四.
fn report_from(outcomes: &[u32], carried: &[(u32, u32)], t2: &[u32], t4: &[u32]) -> Report {
    let mut r = Report::new("某县人民政府办公室", 2023);
    r.fill_blanks_with_zero();
    for (i, row) in T3Row::outcomes().enumerate() {
        for col in T3Col::ENTERED {
            let v = outcomes[i * T3_ENTERED_COLS + col.index()];
            r.table3.set(row, col, Entry::Value(v));
        }
    }
    for (col, &(cin, cout)) in T3Col::ENTERED.into_iter().zip(carried) {
        let handled = r.table3.outcome_total(col).value as u32 + cout;
        let cin = cin.min(handled);
        r.table3.set(T3Row::CARRIED_IN, col, Entry::Value(cin));
        r.table3.set(T3Row::CARRIED_OUT, col, Entry::Value(cout));
        r.table3.set(T3Row::NEW, col, Entry::Value(handled - cin));
    }
    for (cell, v) in T2Cell::ALL.iter().zip(t2) {
        r.table2.set(*cell, Entry::Value(*v));
    }
    for (i, v) in t4.iter().enumerate() {
        r.table4.set(group(i / 4), t4col(i % 4), Entry::Value(*v));
    }
    r
}

/// Every "N件…占P%" of a text: the nearest count before each 占 and the percentage after it.
fn shares(text: &str) -> Vec<(u64, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if *c != '占' {
            continue;
        }
        let pct: String = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == '.')
            .collect();
        if chars.get(i + 1 + pct.chars().count()) != Some(&'%') {
            continue;
        }
        let jian = chars[..i].iter().rposition(|c| *c == '件').unwrap();
        let start = chars[..jian]
            .iter()
            .rposition(|c| !c.is_ascii_digit())
            .map_or(0, |p| p + 1);
        let n: String = chars[start..jian].iter().collect();
        out.push((n.parse().unwrap(), pct));
    }
    out
}

fn cell_values() -> impl Strategy<Value = u32> {
    // Mostly zeros and small counts, so ties and equal counts are frequent; now and then large.
    prop_oneof![6 => Just(0u32), 6 => 1u32..4, 1 => 4u32..400]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn percentages_are_honest_and_the_checker_agrees(
        outcomes in prop::collection::vec(cell_values(), 21 * T3_ENTERED_COLS),
        carried in prop::collection::vec((0u32..3, 0u32..3), T3_ENTERED_COLS),
        t2 in prop::collection::vec(0u32..6, 9),
        t4 in prop::collection::vec(prop_oneof![3 => Just(0u32), 1 => 1u32..3], 12),
        decimals in 0u8..=3,
    ) {
        let r = report_from(&outcomes, &carried, &t2, &t4);
        let options = Options { decimals };
        let g = sentences::generate(&r, &options);
        prop_assert!(g.missing.is_empty(), "{:?}", g.missing);
        let text = g.get(Topic::Applications).unwrap();
        let handled = r.table3.outcome_total(T3Col::TOTAL).value;
        let found = shares(text);
        let mut by_count: HashMap<u64, String> = HashMap::new();
        let mut sum: u64 = 0;
        for (count, pct) in &found {
            // Exactly `decimals` decimals.
            let d = pct.split_once('.').map_or(0, |(_, f)| f.len());
            prop_assert_eq!(d, usize::from(decimals), "{}", text);
            // Within half a unit of the last decimal of the exact share, in integers:
            // |P·10^d · total − count·100·10^d| ≤ total / 2.
            let scaled: u64 = pct.replace('.', "").parse().unwrap();
            sum += scaled;
            let unit = 10u128.pow(u32::from(decimals));
            let stated = u128::from(scaled) * u128::from(handled);
            let exact = u128::from(*count) * 100 * unit;
            prop_assert!(2 * stated.abs_diff(exact) <= u128::from(handled),
                "{count}/{handled} read {pct}%: {text}");
            // Equal counts read equal.
            let earlier = by_count.entry(*count).or_insert_with(|| pct.clone());
            prop_assert_eq!(&*earlier, pct, "{}", text);
        }
        // Shares are given exactly when there are two or more kinds of outcome.
        let kinds = [T3Row::OPEN, T3Row::PARTIAL].iter()
            .map(|&row| r.table3.cell(row, T3Col::TOTAL).value)
            .chain(T3Group::ALL.map(|g| r.table3.group_total(g, T3Col::TOTAL).value))
            .filter(|n| *n > 0)
            .count();
        prop_assert_eq!(found.len(), if kinds >= 2 { kinds } else { 0 }, "{}", text);
        // The note appears exactly when the rounded parts do not add up to 100%.
        let adds_up = sum == 100 * 10u64.pow(u32::from(decimals));
        prop_assert_eq!(text.contains(ROUNDING_NOTE), kinds >= 2 && !adds_up, "{}", text);

        // And the text-against-table checks find nothing to object to.
        let r = with_only_generated(&r, &options);
        let f = text_findings(&r);
        prop_assert!(f.is_empty(), "{:#?}\n{}", f, r.overview_text());
    }
}
