//! Year to year: a new draft from last year's, and the comparison of key figures.
//!
//! What is "still last year's" text and the X-COPY warning live with the checks
//! (`check::inherited_fields`); the link to last year's file is `model::LastYearLink`.

use crate::model::LastYearLink;
use crate::model::{Entry, Meta, Report, Total, Wanyuan, year_from_text};
use crate::template::{
    self, FEE_LABEL, FEE_UNIT, T2Cell, T2Values, T3Col, T3Group, T3Row, T4Col, T4Group,
    TABLE2_BLOCKS,
};
use crate::text::percent::percent;
use serde::Serialize;
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// A new draft from last year's
// ---------------------------------------------------------------------------------------------

/// A new draft for the year after `last`, as a starting point:
///
/// - metadata carried over (agency, website, contacts), 年度 + 1, the date line cleared;
/// - the preface carried over with "<last year>年" replaced by the new year, so an office's own
///   wording survives; an empty or template-generated preface is generated afresh instead;
/// - section 一 (titles and text), 五 and 六 carried over verbatim as a starting point: they
///   count as last year's until edited (see [`inherited_fields`] and the X-COPY warning);
/// - table 三 二、上年结转 per column = last year's 四、结转下年度继续办理; every other cell of
///   tables 二, 三 and 四 blank, since this year's numbers are new (last year's 现行有效件数
///   stay the X-VALID baseline through the last-year draft, not as this year's values);
/// - the link to last year's draft set to `last_path` made absolute, so the cross-year checks
///   run without asking again. Once the new draft's own path is known,
///   [`LastYearLink::beside`] makes it relative when the two files sit side by side.
pub fn new_from_last(last: &Report, last_path: Option<&Path>) -> Report {
    // Last year's 年度 plus one; none when last year's is not set or not a year.
    let year = last.meta.year.value().map(|y| y.saturating_add(1));
    let mut report = Report {
        meta: Meta {
            // Past 2100 this is not a year the checks accept; they say so at the 年度.
            year: year.map_or(Entry::Blank, |y| year_from_text(&y.to_string())),
            date: None,
            ..last.meta.clone()
        },
        overview: last.overview.clone(),
        problems: last.problems.clone(),
        other_items: last.other_items.clone(),
        ..Report::default()
    };
    let generated_last_year = last.preface.trim() == last.default_preface().trim();
    report.preface = match (last.meta.year.value(), year) {
        (Some(then), Some(now)) if !last.preface.trim().is_empty() && !generated_last_year => last
            .preface
            .replace(&format!("{then}年"), &format!("{now}年")),
        _ => report.default_preface(),
    };
    for col in T3Col::ENTERED {
        // Invalid text from last year is not a number to carry: leave the cell for the person.
        let carried = match last.table3.get(T3Row::CARRIED_OUT, col) {
            Entry::Value(v) => Entry::Value(*v),
            _ => Entry::Blank,
        };
        report.table3.set(T3Row::CARRIED_IN, col, carried);
    }
    report.last_year = last_path.map(LastYearLink::absolute);
    report
}

// ---------------------------------------------------------------------------------------------
// Comparison with last year
// ---------------------------------------------------------------------------------------------

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 件.
    Count,
    /// 万元, values in units of 0.0001 万元 (= 1 元) as in `model::Wanyuan`.
    Wanyuan,
}

/// One key figure of both years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// Stable key: "new", "carried_in", "open", …, "fee".
    pub key: &'static str,
    /// Chinese name from the template, e.g. "予以公开".
    pub label: String,
    /// 件 or 万元.
    pub unit: Unit,
    /// This year's value; `None` while the cells behind it are not all filled.
    pub this: Option<u64>,
    /// Last year's value, likewise.
    pub last: Option<u64>,
    /// Whether it is one of the application outcomes drawn in the chart.
    pub in_chart: bool,
}

impl Figure {
    /// This year minus last year, when both are known.
    pub fn change(&self) -> Option<i128> {
        Some(i128::from(self.this?) - i128::from(self.last?))
    }

    /// A value as printed: "11" or, for 万元, "0.25".
    pub fn format_value(&self, v: Option<u64>) -> String {
        match (v, self.unit) {
            (None, _) => "-".to_string(),
            (Some(v), Unit::Count) => v.to_string(),
            (Some(v), Unit::Wanyuan) => Wanyuan { ten_thousandths: v }.to_string(),
        }
    }

    /// The change as printed: "+4 (+36.4%)", "-1 (-50.0%)", "0", "+2" (from 0), or "-".
    pub fn format_change(&self) -> String {
        let (Some(change), Some(last)) = (self.change(), self.last) else {
            return "-".to_string();
        };
        if change == 0 {
            return "0".to_string();
        }
        let sign = if change > 0 { '+' } else { '-' };
        let magnitude = u64::try_from(change.unsigned_abs()).unwrap_or(u64::MAX);
        let mut s = format!("{sign}{}", self.format_value(Some(magnitude)));
        if let Some(p) = percent(magnitude, last, 1) {
            s.push_str(&format!(" ({sign}{p}%)"));
        }
        s
    }
}

/// This year's key figures beside last year's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// 年度 of this report (0 if not set or not a year).
    pub this_year: u16,
    /// 年度 of last year's report (0 if not set or not a year).
    pub last_year: u16,
    /// In reading order: applications, outcomes, 复议/诉讼, table 二.
    pub figures: Vec<Figure>,
}

fn count(t: Total) -> Option<u64> {
    t.complete.then_some(t.value)
}

/// One key figure of one report, before it is paired with the other year's.
struct Value {
    key: &'static str,
    label: String,
    unit: Unit,
    value: Option<u64>,
    in_chart: bool,
    /// Shown only when not 0 in one of the years (规章, which few governments make).
    only_if_any: bool,
}

impl Value {
    fn count(key: &'static str, label: impl Into<String>, t: Total, in_chart: bool) -> Value {
        Value {
            key,
            label: label.into(),
            unit: Unit::Count,
            value: count(t),
            in_chart,
            only_if_any: false,
        }
    }
}

/// The key figures of one report, in reading order.
fn figures_of(r: &Report) -> Vec<Value> {
    let t3 = &r.table3;
    let all = T3Col::TOTAL;
    let mut out = Vec::new();
    // "本年新收" and "上年结转": the two top rows without their shared tail.
    let new_label = T3Row::NEW.short();
    let in_label = T3Row::CARRIED_IN.short();
    let tail = common_suffix(new_label, in_label);
    for (row, label) in [(T3Row::NEW, new_label), (T3Row::CARRIED_IN, in_label)] {
        let label = label.strip_suffix(tail).unwrap_or(label);
        out.push(Value::count(row.def().key, label, t3.cell(row, all), false));
    }
    for row in [T3Row::OPEN, T3Row::PARTIAL] {
        out.push(Value::count(
            row.def().key,
            row.short(),
            t3.cell(row, all),
            true,
        ));
    }
    for group in T3Group::ALL {
        let def = group.def();
        out.push(Value::count(
            def.key,
            def.name,
            t3.group_total(group, all),
            true,
        ));
    }
    let total = T3Row::TOTAL.def();
    out.push(Value::count(
        total.key,
        total.label,
        t3.outcome_total(all),
        false,
    ));
    out.push(Value::count(
        T3Row::CARRIED_OUT.def().key,
        T3Row::CARRIED_OUT.short(),
        t3.cell(T3Row::CARRIED_OUT, all),
        true,
    ));
    let review = T4Group::Review.def();
    out.push(Value::count(
        review.key,
        review.parent,
        r.table4.cell(T4Group::Review, T4Col::Total),
        false,
    ));
    out.push(Value::count(
        "litigation",
        T4Group::LitigationDirect.def().parent,
        r.table4.litigation_total(),
        false,
    ));
    for block in &TABLE2_BLOCKS {
        for row in block.rows {
            match row.values {
                T2Values::Counts(cells) => {
                    for (i, cell) in cells.iter().enumerate() {
                        let label = if cells.len() == 1 {
                            row.label.to_string()
                        } else {
                            format!("{} {}", row.label, block.value_headers[i])
                        };
                        let rules = matches!(
                            cell,
                            T2Cell::RulesMade | T2Cell::RulesRepealed | T2Cell::RulesValid
                        );
                        out.push(Value {
                            only_if_any: rules,
                            ..Value::count(
                                cell.key(),
                                label,
                                Total::of([r.table2.get(*cell)]),
                                false,
                            )
                        });
                    }
                }
                T2Values::FeeAmount => out.push(Value {
                    key: template::FEE_KEY,
                    label: format!("{FEE_LABEL}（{FEE_UNIT}）"),
                    unit: Unit::Wanyuan,
                    value: r.table2.fee.value().map(|w| w.ten_thousandths),
                    in_chart: false,
                    only_if_any: false,
                }),
            }
        }
    }
    out
}

fn common_suffix<'a>(a: &'a str, b: &str) -> &'a str {
    let n = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum::<usize>();
    &a[a.len() - n..]
}

/// The key figures of both years side by side. 规章 rows, which concern few governments, are
/// left out when they are 0 (or blank) in both years.
pub fn compare(this: &Report, last: &Report) -> Comparison {
    let before = figures_of(last);
    let figures = figures_of(this)
        .into_iter()
        .zip(before)
        .filter(|(now, then)| {
            !now.only_if_any || now.value.unwrap_or(0) > 0 || then.value.unwrap_or(0) > 0
        })
        .map(|(now, then)| Figure {
            key: now.key,
            label: now.label,
            unit: now.unit,
            this: now.value,
            last: then.value,
            in_chart: now.in_chart,
        })
        .collect();
    Comparison {
        this_year: this.meta.year.value().unwrap_or(0),
        last_year: last.meta.year.value().unwrap_or(0),
        figures,
    }
}

impl Comparison {
    /// The figures drawn in the outcome chart.
    pub fn chart_figures(&self) -> impl Iterator<Item = &Figure> {
        self.figures.iter().filter(|f| f.in_chart)
    }

    /// The largest value in the chart, of either year: the full length of a bar.
    pub fn chart_max(&self) -> u64 {
        self.chart_figures()
            .flat_map(|f| [f.last, f.this])
            .flatten()
            .max()
            .unwrap_or(0)
    }

    /// "2021年", or "上年" when last year's report has no year.
    pub fn last_name(&self) -> String {
        year_name(self.last_year, "上年")
    }

    /// "2022年", or "本年" when this report has no year.
    pub fn this_name(&self) -> String {
        year_name(self.this_year, "本年")
    }
}

fn year_name(year: u16, fallback: &str) -> String {
    if year == 0 {
        fallback.to_string()
    } else {
        format!("{year}年")
    }
}
