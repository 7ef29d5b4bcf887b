//! The checks of spec §3: every rule the data allows, each finding pointing at its exact place
//! with a plain Chinese message that names the numbers.
//!
//! The sum rules T3-SUM, T3-ROW and T4-SUM hold by construction (totals are derived, never
//! stored), so they need no check here; the core's `derived_totals` test proves it. What only a
//! published file can get wrong (a printed 总计 that does not add up, a misprinted label, a
//! missing section, a table as a picture) has rules of its own, AUDIT-*, which the importer
//! (`nianbao-import`) reports: [`check`] never finds them in a draft.

mod ack;
mod cross_year;
mod lint;
mod meta;
mod other_items;
mod prose;
mod tables;

pub use crate::model::AgencyLevel;
pub use ack::{Acknowledgement, Reviewed, acknowledge, acknowledgement, review, unacknowledge};
pub use cross_year::{
    COPY_THRESHOLD_PERCENT, EVALUATOR_LINE_PERCENT, SectionSimilarity, Similarity,
    inherited_fields, prose_fields, similarity,
};
pub use lint::overview_chars;
pub use prose::{
    ALL_ZERO_QUESTION, NumberStatus, ProseAudit, ProseNumber, all_zero, prose_numbers,
};

use crate::model::{Place, Report};
use serde::Serialize;
use std::fmt;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The report is wrong and should not be published like this.
    Error,
    /// Worth a look; may be right.
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提示",
        }
    }
}

/// The rules of spec §3, by their stable ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// META: 机关名称 and 年度 are filled.
    Meta,
    /// PREFACE: the opening paragraphs are not empty.
    Preface,
    /// PROSE: section 一 and its sub-heads have text.
    Prose,
    /// SEC5: section 五 is not empty or just "无".
    Sec5,
    /// SEC6: the items of section 六 are answered.
    Sec6,
    /// FEE-6: 六（一） states the 信息处理费 plainly, and agrees with table 三（六）2.
    Fee6,
    /// NONBLANK: no table cell is left blank.
    NonBlank,
    /// INT: every count is a non-negative whole number.
    Int,
    /// UNIT: the fee is in 万元 and plausible.
    Unit,
    /// RULES-0: 规章 only where the agency can make them.
    Rules0,
    /// T3-BAL: 一 + 二 = 三（七） + 四 in every column of table 三.
    T3Bal,
    /// TXT-APPS: numbers about applications in the prose agree with table 三.
    TxtApps,
    /// TXT-LIT: numbers about 复议 and 诉讼 in the prose agree with table 四.
    TxtLit,
    /// TXT-PUB: numbers about 规章, 规范性文件 and 处理决定 in the prose agree with table 二.
    TxtPub,
    /// TXT-LINT: half-width punctuation in Chinese sentences, doubled characters, mixed
    /// brackets, an over-long section 一.
    TxtLint,
    /// X-YEAR: last year's report is of the year before.
    XYear,
    /// X-CARRY: 上年结转 = last year's 结转下年度.
    XCarry,
    /// X-VALID: 现行有效 = last year's + 制发 − 废止.
    XValid,
    /// X-COPY: prose not copied from last year's report.
    XCopy,
    /// INVISIBLE: no invisible characters (zero-width space, BOM…) pasted into the text.
    Invisible,
    /// AUDIT-TOTAL: a 总计 printed in a published report (table 三's 总计 column and （七）
    /// row, table 四's four 总计) equals the sum of its printed cells. Found by import only: a
    /// draft derives its totals.
    AuditTotal,
    /// AUDIT-LABEL: a label printed in a published report's table is the template's (not a
    /// misprint, not the 2019 试行 format's).
    AuditLabel,
    /// AUDIT-MISSING: a published report has every section and table of the template.
    AuditMissing,
    /// AUDIT-IMAGE: a published report's table is text, not a picture (which no reader, screen
    /// reader or check can read).
    AuditImage,
}

impl Rule {
    /// The id the spec, `check` output and the JSON use, e.g. "T3-BAL".
    pub fn id(self) -> &'static str {
        match self {
            Rule::Meta => "META",
            Rule::Preface => "PREFACE",
            Rule::Prose => "PROSE",
            Rule::Sec5 => "SEC5",
            Rule::Sec6 => "SEC6",
            Rule::Fee6 => "FEE-6",
            Rule::NonBlank => "NONBLANK",
            Rule::Int => "INT",
            Rule::Unit => "UNIT",
            Rule::Rules0 => "RULES-0",
            Rule::T3Bal => "T3-BAL",
            Rule::TxtApps => "TXT-APPS",
            Rule::TxtLit => "TXT-LIT",
            Rule::TxtPub => "TXT-PUB",
            Rule::TxtLint => "TXT-LINT",
            Rule::XYear => "X-YEAR",
            Rule::XCarry => "X-CARRY",
            Rule::XValid => "X-VALID",
            Rule::XCopy => "X-COPY",
            Rule::Invisible => "INVISIBLE",
            Rule::AuditTotal => "AUDIT-TOTAL",
            Rule::AuditLabel => "AUDIT-LABEL",
            Rule::AuditMissing => "AUDIT-MISSING",
            Rule::AuditImage => "AUDIT-IMAGE",
        }
    }

    /// Whether it compares with last year's report.
    pub fn is_cross_year(self) -> bool {
        matches!(
            self,
            Rule::XYear | Rule::XCarry | Rule::XValid | Rule::XCopy
        )
    }

    /// Whether only a published file can show it (found when importing, never by [`check`]).
    pub fn is_audit(self) -> bool {
        matches!(
            self,
            Rule::AuditTotal | Rule::AuditLabel | Rule::AuditMissing | Rule::AuditImage
        )
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// Where in a text the words a finding concerns stand: character offsets from the start of
/// the field's text, `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The span of `len` characters from `start`.
    pub fn of(start: usize, len: usize) -> Span {
        Span {
            start,
            end: start + len,
        }
    }
}

/// One thing the checks found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub place: Place,
    /// Plain Chinese, naming the numbers.
    pub message: String,
    /// For a finding in a text: the words it concerns, which the app marks after a jump.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{}] {} {}：{}",
            self.severity.label(),
            self.rule,
            self.place.describe(),
            self.message
        )
    }
}

/// Collects findings.
#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, rule: Rule, severity: Severity, place: Place, message: String) {
        self.0.push(Finding {
            rule,
            severity,
            place,
            message,
            span: None,
        });
    }
    fn error(&mut self, rule: Rule, place: Place, message: String) {
        self.push(rule, Severity::Error, place, message);
    }
    fn warn(&mut self, rule: Rule, place: Place, message: String) {
        self.push(rule, Severity::Warning, place, message);
    }
    /// A warning about some words of a text.
    fn warn_at(&mut self, rule: Rule, place: Place, span: Span, message: String) {
        self.warn(rule, place, message);
        if let Some(last) = self.0.last_mut() {
            last.span = Some(span);
        }
    }
}

/// Checks a report; with last year's report also the cross-year rules. Findings come in report
/// order (metadata, then sections 一 to 六), errors and warnings mixed.
pub fn check(report: &Report, last_year: Option<&Report>) -> Vec<Finding> {
    let mut f = Findings::default();
    meta::check(report, &mut f);
    prose::check_overview(report, &mut f);
    tables::check(report, &mut f);
    prose::check_against_tables(report, last_year, &mut f);
    prose::check_problems(report, &mut f);
    lint::check(report, &mut f);
    other_items::check(report, &mut f);
    for (place, chars) in report.invisible_chars() {
        let names: Vec<String> = chars
            .into_iter()
            .map(crate::model::describe_invisible)
            .collect();
        f.warn(
            Rule::Invisible,
            place,
            format!(
                "含有看不见的字符：{}，多为从网页或微信粘贴带入，打印时不显示，可能影响查找和字数。可一键清除。",
                names.join("、")
            ),
        );
    }
    if let Some(last) = last_year {
        cross_year::check(report, last, &mut f);
    }
    // Keep report order but make it stable by section for the UI.
    f.0.sort_by_key(|x| x.place.section().map_or(0, |s| s as usize + 1));
    f.0
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}
