//! X-YEAR, X-CARRY, X-VALID and X-COPY: this year's report against last year's.

use super::{Finding, Findings, Rule, Severity};
use crate::model::{Cell, MetaField, Place, Prose, Report};
use crate::template::{self, SectionKey, T2Cell, T3Col, T3Row};
use crate::text::is_nothing;
use crate::text::similarity::{overlap, wording};
use std::collections::HashMap;

pub(super) fn check(r: &Report, last: &Report, f: &mut Findings) {
    f.0.extend(copy_findings(r, last));
    if last.meta.year != 0 && r.meta.year != 0 && last.meta.year + 1 != r.meta.year {
        f.warn(
            Rule::XYear,
            Place::Meta(MetaField::Year),
            format!(
                "用作上年对照的报告是 {} 年度的，而本报告是 {} 年度，跨年核对可能不适用。",
                last.meta.year, r.meta.year
            ),
        );
    }
    for col in T3Col::ENTERED {
        let now = r.table3.get(T3Row::CARRIED_IN, col).value();
        let before = last.table3.get(T3Row::CARRIED_OUT, col).value();
        if let (Some(now), Some(before)) = (now, before)
            && now != before
        {
            f.warn(
                Rule::XCarry,
                Place::Cell(Cell::T3(T3Row::CARRIED_IN, col)),
                format!(
                    "「{}」上年结转 {now} 件，但上年报告的结转下年度继续办理为 {before} 件。如因机构调整等原因确实不同，请在六（五）中说明。",
                    col.label()
                ),
            );
        }
    }
    let kinds = [
        (T2Cell::RulesMade, T2Cell::RulesRepealed, T2Cell::RulesValid),
        (
            T2Cell::NormativeMade,
            T2Cell::NormativeRepealed,
            T2Cell::NormativeValid,
        ),
    ];
    for (made, repealed, valid) in kinds {
        let get = |rep: &Report, c: T2Cell| rep.table2.get(c).value().map(i64::from);
        let (Some(m), Some(x), Some(v), Some(v0)) = (
            get(r, made),
            get(r, repealed),
            get(r, valid),
            get(last, valid),
        ) else {
            continue;
        };
        let expected = v0 + m - x;
        if v != expected {
            let (label, _) = valid.labels();
            f.warn(
                Rule::XValid,
                Place::Cell(Cell::T2(valid)),
                format!(
                    "{label}现行有效件数为 {v}，按上年 {v0} + 本年制发 {m} − 本年废止 {x} 应为 {expected}。文件到期失效或被替代而未正式废止时可能不同，请核实。"
                ),
            );
        }
    }
}

/// The prose fields compared across years, with their text. The preface is left out: it is
/// boilerplate that rightly stays the same apart from the year.
pub fn prose_fields(report: &Report) -> Vec<(Prose, &str)> {
    Prose::all()
        .filter(|p| *p != Prose::Preface)
        .map(|p| (p, report.prose(p)))
        .collect()
}

/// The prose fields whose text is still exactly last year's (ignoring surrounding white space),
/// in report order: what the interface marks "沿用上年" until the person edits it. Empty fields
/// and a bare "无" are not counted: they carry no prose to rewrite.
pub fn inherited_fields(report: &Report, last: &Report) -> Vec<Prose> {
    prose_fields(report)
        .into_iter()
        .filter(|(field, text)| !is_nothing(text) && last.prose(*field).trim() == text.trim())
        .map(|(field, _)| field)
        .collect()
}

/// X-COPY warns from this share of text found again in last year's section.
pub const COPY_THRESHOLD_PERCENT: usize = 80;
/// Texts shorter than this (in characters of wording) are not compared: a one-line statement
/// such as "未收取任何费用" rightly reads the same every year.
pub const COPY_MIN_CHARS: usize = 60;

/// The X-COPY warnings: every prose field of at least [`COPY_MIN_CHARS`] characters whose
/// wording is [`COPY_THRESHOLD_PERCENT`] % or more the same as last year's text of the same
/// section. Each field is compared with the whole section of last year, so text moved between
/// sub-heads is still found.
fn copy_findings(report: &Report, last: &Report) -> Vec<Finding> {
    let last_fields = prose_fields(last);
    let section_text = |section: Option<SectionKey>| -> String {
        last_fields
            .iter()
            .filter(|(p, _)| p.section() == section)
            .map(|(_, t)| *t)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let inherited = inherited_fields(report, last);
    let mut pools: HashMap<Option<SectionKey>, String> = HashMap::new();
    let mut out = Vec::new();
    for (field, text) in prose_fields(report) {
        if wording(text).len() < COPY_MIN_CHARS {
            continue;
        }
        let section = field.section();
        let pool = pools
            .entry(section)
            .or_insert_with(|| section_text(section));
        let o = overlap(text, pool);
        if o.percent() < COPY_THRESHOLD_PERCENT {
            continue;
        }
        let heading = section
            .map(|s| template::section(s).heading())
            .unwrap_or_default();
        let what = if inherited.contains(&field) {
            "与上年报告完全相同，是从上年报告带入后尚未修改的文字".to_string()
        } else {
            format!(
                "约 {}% 的文字与上年报告“{heading}”相同（数字和年份不计）",
                o.percent()
            )
        };
        out.push(Finding {
            rule: Rule::XCopy,
            severity: Severity::Warning,
            place: Place::Prose(field),
            message: format!(
                "{what}。年报内容与往年雷同是评估和通报中点名的问题，请结合本年度工作重新撰写。"
            ),
        });
    }
    out
}
