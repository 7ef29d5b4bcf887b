//! PROSE, SEC5, TXT-APPS and TXT-LIT: the text of sections 一 and 五, and the numbers it states
//! against the tables.

use super::{Findings, Rule};
use crate::model::{Place, Prose, Report, Total};
use crate::template::{SectionKey, T3Col, T3Group, T3Row, T3RowKind, T4Col, T4Group};
use crate::template::{T4_LITIGATION, T4_REVIEW};
use crate::text::claims::claims;
use crate::text::is_nothing;

pub(super) fn check_overview(r: &Report, f: &mut Findings) {
    let all_empty = r.overview.intro.trim().is_empty()
        && r.overview.parts.iter().all(|p| p.body.trim().is_empty());
    if all_empty {
        f.error(
            Rule::Prose,
            Place::Section(SectionKey::Overview),
            "总体情况尚未填写。".into(),
        );
        return;
    }
    for (i, part) in r.overview.parts.iter().enumerate() {
        if is_nothing(&part.body) {
            f.warn(
                Rule::Prose,
                Place::Prose(Prose::OverviewPart(i)),
                format!("“{}”没有内容。格式要求总体情况涵盖这一方面。", part.title),
            );
        }
    }
}

pub(super) fn check_problems(r: &Report, f: &mut Findings) {
    if is_nothing(&r.problems) {
        f.error(
            Rule::Sec5,
            Place::Section(SectionKey::Problems),
            "存在的主要问题及改进情况不能为空或只写“无”，请如实写明存在的问题和改进措施。".into(),
        );
    }
}

/// What a clause of prose is talking about, and the table's number for it.
struct Reading {
    /// TXT-LIT for review and litigation, TXT-APPS for applications.
    rule: Rule,
    what: String,
    /// Numbers from the table that the claim may equal (the spec accepts two readings of
    /// "收到"). Compared only when every one is complete.
    expected: Vec<Total>,
    /// Whether it is an outcome, whose percentage is a share of the （七）总计.
    is_outcome: bool,
}

impl Reading {
    fn of(what: impl Into<String>, expected: Vec<Total>, is_outcome: bool) -> Option<Reading> {
        Some(Reading {
            rule: Rule::TxtApps,
            what: what.into(),
            expected,
            is_outcome,
        })
    }

    fn litigation(what: &str, expected: Total) -> Option<Reading> {
        Some(Reading {
            rule: Rule::TxtLit,
            what: what.to_string(),
            expected: vec![expected],
            is_outcome: false,
        })
    }
}

fn read_clause(r: &Report, context: &str) -> Option<Reading> {
    let t3 = &r.table3;
    let t4 = &r.table4;
    let all = T3Col::TOTAL;
    // Review and litigation first, so that they are not read as applications; the two kinds
    // of litigation before 复议, which their names contain.
    for group in [T4Group::LitigationDirect, T4Group::LitigationAfterReview] {
        if context.contains(group.label()) {
            return Reading::litigation(group.label(), t4.cell(group, T4Col::Total));
        }
    }
    if context.contains("复议") && !context.contains("诉讼") {
        return Reading::litigation(T4_REVIEW, t4.cell(T4Group::Review, T4Col::Total));
    }
    if context.contains("诉讼") && !context.contains("复议") {
        return Reading::litigation(T4_LITIGATION, t4.litigation_total());
    }
    // Outcome items: the most specific labels first. "3.其他" is too common a word to name
    // its row; it is read through its group.
    for row in T3Row::ALL {
        let name = row.short();
        if row.def().kind == T3RowKind::Item && name.chars().count() > 2 && context.contains(name) {
            return Reading::of(format!("“{name}”"), vec![t3.cell(row, all)], true);
        }
    }
    for group in T3Group::ALL {
        let name = group.def().name;
        if context.contains(name) {
            return Reading::of(format!("“{name}”"), vec![t3.group_total(group, all)], true);
        }
    }
    for row in [T3Row::OPEN, T3Row::PARTIAL] {
        let name = row.short();
        if context.contains(name) {
            return Reading::of(format!("“{name}”"), vec![t3.cell(row, all)], true);
        }
    }
    if context.contains("上年结转") {
        return Reading::of("上年结转", vec![t3.cell(T3Row::CARRIED_IN, all)], false);
    }
    if context.contains("结转") {
        return Reading::of("结转下年度", vec![t3.cell(T3Row::CARRIED_OUT, all)], false);
    }
    if context.contains("办结") || context.contains("办理完毕") {
        return Reading::of("办结", vec![t3.outcome_total(all)], false);
    }
    if context.contains("申请") {
        // An applicant type named: that column of 一. "其他" is too common a word to name
        // its column.
        for col in T3Col::ENTERED {
            let label = col.label();
            if label.chars().count() > 2 && context.contains(label) {
                return Reading::of(
                    format!("{label}申请"),
                    vec![t3.cell(T3Row::NEW, col)],
                    false,
                );
            }
        }
        if context.contains("收到") || context.contains("新收") || context.contains("受理") {
            let new = t3.cell(T3Row::NEW, all);
            let handled = t3.outcome_total(all).plus(t3.cell(T3Row::CARRIED_OUT, all));
            return Reading::of("收到申请", vec![new, handled], false);
        }
    }
    None
}

pub(super) fn check_against_tables(r: &Report, f: &mut Findings) {
    let handled = r.table3.outcome_total(T3Col::TOTAL);
    let fields = std::iter::once(Prose::OverviewIntro)
        .chain((0..r.overview.parts.len()).map(Prose::OverviewPart));
    for field in fields {
        let text = r.prose(field);
        let place = Place::Prose(field);
        for claim in claims(text) {
            let Some(reading) = read_clause(r, &claim.context) else {
                continue;
            };
            // Tables still being filled in say nothing yet about the prose.
            if reading.expected.iter().any(|t| !t.complete) {
                continue;
            }
            if !reading.expected.iter().any(|t| t.value == claim.count) {
                let table = reading
                    .expected
                    .iter()
                    .map(|t| t.value.to_string())
                    .collect::<Vec<_>>()
                    .join(" 或 ");
                f.warn(
                    reading.rule,
                    place,
                    format!(
                        "正文“{}{}件”与表格不一致：表格中{}为 {} 件。",
                        claim.context, claim.count, reading.what, table
                    ),
                );
            }
            if let (Some((stated, decimals)), true) = (claim.percent, reading.is_outcome)
                && handled.complete
                && handled.value > 0
            {
                let exact = claim.count as f64 * 100.0 / handled.value as f64;
                let unit = 10f64.powi(-(decimals as i32));
                if (stated - exact).abs() > unit / 2.0 + 1e-9 {
                    f.warn(
                        Rule::TxtApps,
                        place,
                        format!(
                            "{}{} 件占办理总数 {} 件的 {:.*}%，正文写的是 {}%。",
                            reading.what, claim.count, handled.value, decimals, exact, stated
                        ),
                    );
                }
            }
        }
        check_denials_of_litigation(r, text, place, f);
    }
}

/// "未发生……行政复议和诉讼" while table 四 has cases.
fn check_denials_of_litigation(r: &Report, text: &str, place: Place, f: &mut Findings) {
    for sentence in text.split(['。', '；', '\n']) {
        let denies = ["未发生", "没有发生", "未出现", "无因"]
            .iter()
            .any(|w| sentence.contains(w));
        if !denies {
            continue;
        }
        let review = r.table4.cell(T4Group::Review, T4Col::Total).value;
        let lit = r.table4.litigation_total().value;
        if sentence.contains("复议") && review > 0 {
            f.warn(
                Rule::TxtLit,
                place,
                format!("正文说未发生{T4_REVIEW}，但表四{T4_REVIEW}总计为 {review} 件。"),
            );
        }
        if sentence.contains("诉讼") && lit > 0 {
            f.warn(
                Rule::TxtLit,
                place,
                format!("正文说未发生{T4_LITIGATION}，但表四{T4_LITIGATION}合计为 {lit} 件。"),
            );
        }
    }
}
