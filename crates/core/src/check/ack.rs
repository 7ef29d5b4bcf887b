//! Warnings a person has looked at: "已核实" with a short reason, stored in the draft. An
//! acknowledgement names the rule, the place and the numbers of the message, so that it
//! survives reloads but lapses as soon as the finding's numbers change.

use super::{Finding, Severity};
pub use crate::model::Acknowledgement;
use crate::model::Report;
use serde::Serialize;

/// A finding with the reason it was acknowledged, if it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reviewed {
    #[serde(flatten)]
    pub finding: Finding,
    /// The reason given when it was marked "已核实"; absent when not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<String>,
}

fn numbers(message: &str) -> String {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in message.chars() {
        if c.is_ascii_digit() || (c == '.' && !current.is_empty()) {
            current.push(c);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.iter()
        .map(|n| n.trim_end_matches('.'))
        .collect::<Vec<_>>()
        .join(",")
}

fn place_key(f: &Finding) -> String {
    ron::to_string(&f.place).unwrap_or_else(|_| f.place.describe())
}

fn matches(a: &Acknowledgement, f: &Finding) -> bool {
    a.rule == f.rule.id() && a.place == place_key(f) && a.numbers == numbers(&f.message)
}

/// Marks a warning "已核实" with a reason (replacing an earlier reason). Errors cannot be
/// acknowledged: they are returned as `false`.
pub fn acknowledge(report: &mut Report, finding: &Finding, reason: &str) -> bool {
    if finding.severity == Severity::Error {
        return false;
    }
    unacknowledge(report, finding);
    report.acknowledged.push(Acknowledgement {
        rule: finding.rule.id().to_string(),
        place: place_key(finding),
        numbers: numbers(&finding.message),
        reason: reason.trim().to_string(),
    });
    true
}

/// Undoes [`acknowledge`]; whether there was one.
pub fn unacknowledge(report: &mut Report, finding: &Finding) -> bool {
    let before = report.acknowledged.len();
    report.acknowledged.retain(|a| !matches(a, finding));
    report.acknowledged.len() != before
}

/// The reason a finding was acknowledged with, if it was and its numbers are unchanged.
pub fn acknowledgement<'a>(report: &'a Report, finding: &Finding) -> Option<&'a str> {
    (finding.severity == Severity::Warning)
        .then(|| report.acknowledged.iter().find(|a| matches(a, finding)))
        .flatten()
        .map(|a| a.reason.as_str())
}

/// The findings with their acknowledgements.
pub fn review(report: &Report, findings: Vec<Finding>) -> Vec<Reviewed> {
    findings
        .into_iter()
        .map(|finding| Reviewed {
            acknowledged: acknowledgement(report, &finding).map(str::to_string),
            finding,
        })
        .collect()
}
