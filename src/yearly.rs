//! Year to year: a new draft from last year's, prose still unchanged from last year, the
//! X-COPY warning against 雷同 reports, and the comparison of key figures.
//!
//! Nothing here needs extra storage in the draft: what is "still last year's" is found by
//! comparing with the last-year draft the report remembers (`Report::last_year_draft`).

use crate::model::{Entry, Report, Total};
use crate::rules::{Finding, Place, Severity};
use crate::sentences::{percent, short_label};
use crate::template::{
    self, FEE_LABEL, FEE_UNIT, SectionKey, T2Cell, T2Values, T3_ENTERED_COLS, T3_GROUPS,
    T3_ROW_DEFS, T3_TOTAL_COL, T4_ENTERED_COLS, T4_GROUPS, TABLE2_BLOCKS, t3row,
};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
/// - `last_year_draft` set to `last_path` made absolute, so the cross-year checks run without
///   asking again. Once the new draft's own path is known, [`link_last_year`] makes it relative
///   when the two files sit side by side.
pub fn new_from_last(last: &Report, last_path: Option<&Path>) -> Report {
    let year = if last.meta.year == 0 {
        0
    } else {
        last.meta.year.saturating_add(1)
    };
    let mut report = Report {
        meta: crate::model::Meta {
            year,
            date: None,
            ..last.meta.clone()
        },
        overview: last.overview.clone(),
        problems: last.problems.clone(),
        other_items: last.other_items.clone(),
        ..Report::default()
    };
    let generated_last_year = last.preface.trim() == last.default_preface().trim();
    report.preface = if last.preface.trim().is_empty() || generated_last_year || year == 0 {
        report.default_preface()
    } else {
        last.preface
            .replace(&format!("{}年", last.meta.year), &format!("{year}年"))
    };
    for col in 0..T3_ENTERED_COLS {
        // Invalid text from last year is not a number to carry: leave the cell for the person.
        let carried = match last.table3.get(t3row::CARRIED_OUT, col) {
            Entry::Value(v) => Entry::Value(*v),
            _ => Entry::Blank,
        };
        report.table3.set(t3row::CARRIED_IN, col, carried);
    }
    report.last_year_draft = last_path.map(|p| path_text(&absolute(p)));
    report
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn path_text(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Points `report.last_year_draft` at `last_path` as seen from the draft saved at `draft_path`:
/// relative (just the file name) when last year's file is in the draft's folder or below it, so
/// the pair can be moved or copied together; absolute otherwise. `cli::resolve_beside` reads it
/// back.
pub fn link_last_year(report: &mut Report, last_path: &Path, draft_path: &Path) {
    let last = absolute(last_path);
    let dir = absolute(draft_path).parent().map(Path::to_path_buf);
    let link = match dir.as_deref().and_then(|d| last.strip_prefix(d).ok()) {
        Some(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ => last,
    };
    report.last_year_draft = Some(path_text(&link));
}

/// Keeps the last-year link valid when a draft is saved under a new path ("另存为"): the link
/// is resolved from where the draft was (`from_draft`, `None` for a draft never saved) and
/// re-linked from `to_draft`.
pub fn rebase_last_year(report: &mut Report, from_draft: Option<&Path>, to_draft: &Path) {
    let Some(link) = report.last_year_draft.clone() else {
        return;
    };
    let last = match from_draft {
        Some(from) => crate::cli::resolve_beside(from, &link),
        None => PathBuf::from(link),
    };
    link_last_year(report, &last, to_draft);
}

// ---------------------------------------------------------------------------------------------
// Prose carried over
// ---------------------------------------------------------------------------------------------

/// The prose fields compared across years, with their text. The preface is left out: it is
/// boilerplate that rightly stays the same apart from the year.
pub fn prose_fields(report: &Report) -> Vec<(Place, &str)> {
    let mut out = vec![(Place::OverviewIntro, report.overview.intro.as_str())];
    out.extend(
        report
            .overview
            .parts
            .iter()
            .enumerate()
            .map(|(index, p)| (Place::OverviewPart { index }, p.body.as_str())),
    );
    out.push((
        Place::Section {
            section: SectionKey::Problems,
        },
        report.problems.as_str(),
    ));
    out.extend(
        report
            .other_items
            .iter()
            .enumerate()
            .map(|(index, t)| (Place::OtherItem { index }, t.as_str())),
    );
    out
}

/// The text of a prose field of [`prose_fields`], or `None` for other places.
pub fn prose_text(report: &Report, place: Place) -> Option<&str> {
    prose_fields(report)
        .into_iter()
        .find(|(p, _)| *p == place)
        .map(|(_, t)| t)
}

/// Whether a text says nothing of substance: empty, or just "无".
fn is_nothing(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"。.，,".contains(*c))
        .collect();
    t.is_empty() || t == template::NOTHING
}

/// The prose fields whose text is still exactly last year's (ignoring surrounding white space),
/// in report order: what the interface marks "沿用上年" until the person edits it. Empty fields
/// and a bare "无" are not counted: they carry no prose to rewrite.
pub fn inherited_fields(report: &Report, last: &Report) -> Vec<Place> {
    let before: HashMap<Place, &str> = prose_fields(last).into_iter().collect();
    prose_fields(report)
        .into_iter()
        .filter(|(place, text)| {
            !is_nothing(text) && before.get(place).is_some_and(|b| b.trim() == text.trim())
        })
        .map(|(place, _)| place)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// X-COPY
// ---------------------------------------------------------------------------------------------

/// How much of a text is found again in another: matched character pairs out of all pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Overlap {
    /// Character bigrams of the text also present in the other (counted with multiplicity).
    pub matched: usize,
    /// Character bigrams of the text.
    pub total: usize,
}

impl Overlap {
    /// The share in whole percent, rounded down so that 79.9% does not print as 80%.
    pub fn percent(&self) -> usize {
        (self.matched * 100).checked_div(self.total).unwrap_or(0)
    }
}

/// The characters that carry the wording: white space and punctuation go, and every digit reads
/// as 0, so that changing the year and the numbers does not make a copied text new.
fn wording(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| {
            if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                '0'
            } else {
                c
            }
        })
        .collect()
}

fn bigrams(chars: &[char]) -> HashMap<(char, char), usize> {
    let mut m = HashMap::new();
    for w in chars.windows(2) {
        *m.entry((w[0], w[1])).or_insert(0) += 1;
    }
    m
}

/// The share of `text`'s character bigrams that also occur in `earlier`. Bigrams rather than
/// whole sentences, so that a copied paragraph with a few words changed still counts as copied.
pub fn overlap(text: &str, earlier: &str) -> Overlap {
    let mine = bigrams(&wording(text));
    let theirs = bigrams(&wording(earlier));
    let total = mine.values().sum();
    let matched = mine
        .iter()
        .map(|(b, n)| (*n).min(theirs.get(b).copied().unwrap_or(0)))
        .sum();
    Overlap { matched, total }
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
pub fn copy_findings(report: &Report, last: &Report) -> Vec<Finding> {
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
    for (place, text) in prose_fields(report) {
        if wording(text).len() < COPY_MIN_CHARS {
            continue;
        }
        let section = place.section();
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
        let what = if inherited.contains(&place) {
            "与上年报告完全相同，是从上年报告带入后尚未修改的文字".to_string()
        } else {
            format!(
                "约 {}% 的文字与上年报告“{heading}”相同（数字和年份不计）",
                o.percent()
            )
        };
        out.push(Finding {
            rule: "X-COPY",
            severity: Severity::Warning,
            place,
            message: format!(
                "{what}。年报内容与往年雷同是评估和通报中点名的问题，请结合本年度工作重新撰写。"
            ),
        });
    }
    out
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
            (Some(v), Unit::Wanyuan) => crate::model::Wanyuan { ten_thousandths: v }.to_string(),
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
    /// 年度 of this report (0 if not set).
    pub this_year: u16,
    /// 年度 of last year's report (0 if not set).
    pub last_year: u16,
    /// In reading order: applications, outcomes, 复议/诉讼, table 二.
    pub figures: Vec<Figure>,
}

fn count(t: Total) -> Option<u64> {
    t.complete.then_some(t.value)
}

/// The key figures of one report, as (key, label, unit, value, in_chart).
fn figures_of(r: &Report) -> Vec<(&'static str, String, Unit, Option<u64>, bool)> {
    let t3 = &r.table3;
    let all = T3_TOTAL_COL;
    let mut out = Vec::new();
    // "本年新收" and "上年结转": the two top rows without their shared tail.
    let new_label = short_label(T3_ROW_DEFS[t3row::NEW].label);
    let in_label = short_label(T3_ROW_DEFS[t3row::CARRIED_IN].label);
    let tail = common_suffix(new_label, in_label);
    for (row, label) in [(t3row::NEW, new_label), (t3row::CARRIED_IN, in_label)] {
        let label = label.strip_suffix(tail).unwrap_or(label);
        out.push((
            T3_ROW_DEFS[row].key,
            label.to_string(),
            Unit::Count,
            count(t3.cell(row, all)),
            false,
        ));
    }
    for row in [t3row::OPEN, t3row::PARTIAL] {
        out.push((
            T3_ROW_DEFS[row].key,
            short_label(T3_ROW_DEFS[row].label).to_string(),
            Unit::Count,
            count(t3.cell(row, all)),
            true,
        ));
    }
    for (g, group) in T3_GROUPS.iter().enumerate() {
        out.push((
            group.key,
            group.name.to_string(),
            Unit::Count,
            count(t3.group_total(g, all)),
            true,
        ));
    }
    out.push((
        T3_ROW_DEFS[t3row::TOTAL].key,
        T3_ROW_DEFS[t3row::TOTAL].label.to_string(),
        Unit::Count,
        count(t3.outcome_total(all)),
        false,
    ));
    out.push((
        T3_ROW_DEFS[t3row::CARRIED_OUT].key,
        short_label(T3_ROW_DEFS[t3row::CARRIED_OUT].label).to_string(),
        Unit::Count,
        count(t3.cell(t3row::CARRIED_OUT, all)),
        true,
    ));
    out.push((
        T4_GROUPS[0].key,
        T4_GROUPS[0].parent.to_string(),
        Unit::Count,
        count(r.table4.cell(0, T4_ENTERED_COLS)),
        false,
    ));
    out.push((
        "litigation",
        T4_GROUPS[1].parent.to_string(),
        Unit::Count,
        count(r.table4.litigation_total()),
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
                        let value = r.table2.get(*cell).value().map(u64::from);
                        out.push((cell.key(), label, Unit::Count, value, false));
                    }
                }
                T2Values::FeeAmount => out.push((
                    template::FEE_KEY,
                    format!("{FEE_LABEL}（{FEE_UNIT}）"),
                    Unit::Wanyuan,
                    r.table2.fee.value().map(|w| w.ten_thousandths),
                    false,
                )),
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
        .map(
            |((key, label, unit, now, in_chart), (_, _, _, then, _))| Figure {
                key,
                label,
                unit,
                this: now,
                last: then,
                in_chart,
            },
        )
        .filter(|f| {
            let rules = [T2Cell::RulesMade, T2Cell::RulesRepealed, T2Cell::RulesValid];
            let is_rules = rules.iter().any(|c| c.key() == f.key);
            !is_rules || f.this.unwrap_or(0) > 0 || f.last.unwrap_or(0) > 0
        })
        .collect();
    Comparison {
        this_year: this.meta.year,
        last_year: last.meta.year,
        figures,
    }
}

/// Columns a string takes in a terminal: CJK and full-width characters take two, ASCII and the
/// block elements of the chart one.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c.is_ascii() || ('\u{2580}'..='\u{259F}').contains(&c) {
                1
            } else {
                2
            }
        })
        .sum()
}

fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(display_width(s))))
}

fn pad_left(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(display_width(s))))
}

/// Width of the longest bar of the chart, in terminal columns.
pub const CHART_WIDTH: usize = 30;

/// A bar of `value` against `max`, in eighths of a block so that small differences show.
fn bar(value: u64, max: u64) -> String {
    const PARTIAL: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    if value == 0 || max == 0 {
        return String::new();
    }
    let eighths = u128::from(value) * (CHART_WIDTH as u128) * 8 / u128::from(max);
    // A non-zero value never vanishes from the chart.
    let eighths = usize::try_from(eighths).unwrap_or(CHART_WIDTH * 8).max(1);
    let mut s = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        s.push(PARTIAL[eighths % 8]);
    }
    s
}

impl Comparison {
    fn year_label(year: u16, fallback: &str) -> String {
        if year == 0 {
            fallback.to_string()
        } else {
            format!("{year}年")
        }
    }

    /// The figures drawn in the outcome chart.
    pub fn chart_figures(&self) -> impl Iterator<Item = &Figure> {
        self.figures.iter().filter(|f| f.in_chart)
    }

    /// The comparison as plain text for a terminal: a table of both years with the change, and
    /// a bar chart of the application outcomes.
    pub fn to_text(&self) -> String {
        let last = Self::year_label(self.last_year, "上年");
        let this = Self::year_label(self.this_year, "本年");
        let label_w = self
            .figures
            .iter()
            .map(|f| display_width(&f.label))
            .max()
            .unwrap_or(0)
            .max(4);
        let value_w = 10;
        let mut out = format!("与上年对比（{last} → {this}）\n");
        out.push_str(&format!(
            "{}{}{}  {}\n",
            pad("项目", label_w),
            pad_left(&last, value_w),
            pad_left(&this, value_w),
            "增减"
        ));
        for f in &self.figures {
            out.push_str(&format!(
                "{}{}{}  {}\n",
                pad(&f.label, label_w),
                pad_left(&f.format_value(f.last), value_w),
                pad_left(&f.format_value(f.this), value_w),
                f.format_change()
            ));
        }
        out.push_str("\n申请办理结果（件）\n");
        let max = self
            .chart_figures()
            .flat_map(|f| [f.last, f.this])
            .flatten()
            .max()
            .unwrap_or(0);
        let chart_label_w = self
            .chart_figures()
            .map(|f| display_width(&f.label))
            .max()
            .unwrap_or(0);
        let year_w = display_width(&last).max(display_width(&this));
        for f in self.chart_figures() {
            for (i, (year, v)) in [(&last, f.last), (&this, f.this)].into_iter().enumerate() {
                let name = if i == 0 { f.label.as_str() } else { "" };
                let shown = match v {
                    Some(v) => format!("{} {v}", bar(v, max)),
                    None => "未填全".to_string(),
                };
                out.push_str(&format!(
                    "{} {} {}\n",
                    pad(name, chart_label_w),
                    pad(year, year_w),
                    shown.trim_start()
                ));
            }
        }
        out
    }
}
