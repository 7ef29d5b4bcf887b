//! X-YEAR, X-CARRY, X-VALID and X-COPY: this year's report against last year's.

use super::{Finding, Findings, Rule, Severity};
use crate::model::{Cell, MetaField, Place, Prose, Report};
use crate::template::{self, SectionKey, T2Cell, T3Col, T3Row};
use crate::text::is_nothing;
use crate::text::similarity::{Overlap, Profile, without_data_sentences, wording};
use serde::Serialize;
use std::collections::HashMap;

pub(super) fn check(r: &Report, last: &Report, f: &mut Findings) {
    f.0.extend(copy_findings(r, last));
    if let (Some(then), Some(now)) = (last.meta.year.value(), r.meta.year.value())
        && then + 1 != now
    {
        f.warn(
            Rule::XYear,
            Place::Meta(MetaField::Year),
            format!(
                "用作上年对照的报告是 {then} 年度的，而本报告是 {now} 年度，跨年核对可能不适用。"
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
/// The line evaluators draw: a report repeating more than this share of last year's loses
/// points (at least one province's scoring; see the issue on checks).
pub const EVALUATOR_LINE_PERCENT: usize = 50;

/// The sections whose prose is compared across years.
const COMPARED: [SectionKey; 3] = [
    SectionKey::Overview,
    SectionKey::Problems,
    SectionKey::Other,
];

/// A section's prose as compared across years: numbers masked, data sentences set aside.
fn section_wording(report: &Report, section: SectionKey) -> Vec<char> {
    let text: Vec<String> = prose_fields(report)
        .into_iter()
        .filter(|(p, _)| p.section() == Some(section))
        .map(|(_, t)| without_data_sentences(t))
        .collect();
    wording(&text.join("\n"))
}

/// How much of one section repeats last year's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionSimilarity {
    #[serde(skip)]
    pub section: SectionKey,
    /// "一、总体情况".
    pub heading: String,
    pub overlap: Overlap,
}

/// The repetition meter: each section's and the whole report's share of wording found again
/// in last year's report (numbers masked, data sentences set aside), against the evaluators'
/// line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Similarity {
    pub sections: Vec<SectionSimilarity>,
    pub whole: Overlap,
    /// [`EVALUATOR_LINE_PERCENT`].
    pub line_percent: usize,
}

impl Similarity {
    /// Whether the whole report is over the evaluators' line.
    pub fn over_line(&self) -> bool {
        self.whole.percent() > self.line_percent
    }
}

/// The repetition meter of a report against last year's.
pub fn similarity(report: &Report, last: &Report) -> Similarity {
    let mut whole_now = Vec::new();
    let mut whole_last = Vec::new();
    let sections = COMPARED
        .into_iter()
        .map(|section| {
            let now = section_wording(report, section);
            let before = section_wording(last, section);
            let overlap = Profile::of_wording(&now).overlap(&Profile::of_wording(&before));
            whole_now.extend(now);
            whole_last.extend(before);
            SectionSimilarity {
                section,
                heading: template::section(section).heading(),
                overlap,
            }
        })
        .collect();
    Similarity {
        sections,
        whole: Profile::of_wording(&whole_now).overlap(&Profile::of_wording(&whole_last)),
        line_percent: EVALUATOR_LINE_PERCENT,
    }
}

/// The X-COPY warnings: every prose field of at least [`COPY_MIN_CHARS`] characters of wording
/// (data sentences set aside) that is [`COPY_THRESHOLD_PERCENT`] % or more the same as last
/// year's text of the same section. Each field is compared with the whole section of last
/// year, so text moved between sub-heads is still found.
fn copy_findings(report: &Report, last: &Report) -> Vec<Finding> {
    let inherited = inherited_fields(report, last);
    let mut pools: HashMap<Option<SectionKey>, Profile> = HashMap::new();
    let mut out = Vec::new();
    for (field, text) in prose_fields(report) {
        let words = wording(&without_data_sentences(text));
        if words.len() < COPY_MIN_CHARS {
            continue;
        }
        let section = field.section();
        let pool = pools.entry(section).or_insert_with(|| {
            section.map_or_else(Profile::default, |s| {
                Profile::of_wording(&section_wording(last, s))
            })
        });
        let o = Profile::of_wording(&words).overlap(pool);
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
                "约 {}% 的文字与上年报告“{heading}”相同（数字、年份和数据句不计）",
                o.percent()
            )
        };
        out.push(Finding {
            rule: Rule::XCopy,
            severity: Severity::Warning,
            place: Place::Prose(field),
            span: None,
            message: format!(
                "{what}。年报内容与往年雷同是评估和通报中点名的问题，请结合本年度工作重新撰写。"
            ),
        });
    }
    out
}
