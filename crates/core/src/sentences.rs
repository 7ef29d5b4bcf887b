//! Generated data sentences: the standard statements reports make about their own tables.
//!
//! Section 一 customarily restates the key numbers of tables 二, 三 and 四 in prose, and
//! evaluators criticise prose that contradicts the tables. Generating those sentences from the
//! tables removes the contradiction at the source. Three rules shape the text:
//!
//! - **Honest percentages.** Each share of the （七）总计 is the exact share rounded half-up to
//!   the chosen number of decimals, computed in integers so that no binary-float tie can tip a
//!   value. A percentage is a function of the count alone, so equal counts always read equal.
//!   When the rounded parts do not add up to 100%, the sentence says so in the customary way
//!   instead of nudging one part (the sample report printed 37% and 36% for two groups of 4/11).
//! - **Nothing misleading from incomplete tables.** A sentence whose cells are blank, invalid or
//!   out of balance is not generated; [`Generated::missing`] says what is missing instead.
//! - **Readable by the checker.** Every "<数字>件" stands in a clause that `rules::check` reads
//!   as the same table figure (see `tests/yearly_sentences.rs`), so generated text never draws a
//!   TXT-APPS/TXT-LIT warning. Clauses about the 其他 applicant column and the （六）其他处理
//!   group put the number first ("其余2件由…提出", "另有1件作其他处理") because the checker
//!   reads any clause containing "其他" as the item 三（六）3.其他.
//!
//! Inserting into a paragraph never overwrites the person's words silently: see [`insert`].

use crate::model::{Prose, Report, Total, paragraphs};
use crate::template::{
    self, T2Cell, T3_LEGAL_PERSONS_HEADER, T3Col, T3Group, T3Row, T4Col, T4Group,
};
use crate::text::percent::{MAX_DECIMALS, percent};
use serde::Serialize;

/// How sentences are generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Decimals of percentages (0–3). One decimal ("36.4%") is the default.
    pub decimals: u8,
}

impl Default for Options {
    fn default() -> Self {
        Options { decimals: 1 }
    }
}

/// What a generated paragraph is about, and where it customarily goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// 规范性文件 (and 规章, 处理决定) from table 二: for 一（一）主动公开情况.
    Proactive,
    /// Applications received, carried over, outcomes with percentages, carried forward, from
    /// table 三: for 一（二）依申请公开情况.
    Applications,
    /// 行政复议 and 行政诉讼 from table 四: also for 一（二）.
    Review,
}

impl Topic {
    /// Every topic, in the order paragraphs are generated.
    pub const ALL: [Topic; 3] = [Topic::Proactive, Topic::Applications, Topic::Review];

    /// A short Chinese name for menus: "主动公开数据".
    pub fn label(self) -> &'static str {
        match self {
            Topic::Proactive => "主动公开数据（表二）",
            Topic::Applications => "依申请公开数据（表三）",
            Topic::Review => "行政复议、行政诉讼数据（表四）",
        }
    }

    /// The sub-head of section 一 where this paragraph customarily goes.
    pub fn suggested_place(self) -> Prose {
        Prose::OverviewPart(match self {
            Topic::Proactive => template::OVERVIEW_PROACTIVE,
            Topic::Applications | Topic::Review => template::OVERVIEW_ON_REQUEST,
        })
    }
}

/// One generated paragraph: a single line of text, ready to insert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// What it is about; [`Topic::suggested_place`] says where it customarily goes.
    pub topic: Topic,
    /// One line (no line breaks), so that it is one paragraph of the report.
    pub text: String,
}

/// Everything generated from a report's tables.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Generated {
    /// At most one paragraph per topic, in [`Topic::ALL`] order.
    pub paragraphs: Vec<Paragraph>,
    /// Why some sentence was not generated, in Chinese, e.g. "表三……有空格，未生成……".
    pub missing: Vec<String>,
}

impl Generated {
    /// The paragraph of a topic, if one could be generated.
    pub fn get(&self, topic: Topic) -> Option<&str> {
        self.paragraphs
            .iter()
            .find(|p| p.topic == topic)
            .map(|p| p.text.as_str())
    }
}

/// The customary note when rounded shares do not add up to 100%.
pub const ROUNDING_NOTE: &str = "因四舍五入，以上各项比例之和不等于100%。";

// ---------------------------------------------------------------------------------------------
// Names derived from the template
// ---------------------------------------------------------------------------------------------

/// Puts a label in “quotes”, turning quotes inside it into ‘single’ ones as nesting requires.
fn quoted(label: &str) -> String {
    format!("“{}”", label.replace('“', "‘").replace('”', "’"))
}

/// The name of the 其他 applicant column in prose: "其他" + "法人或其他组织".
fn other_applicants() -> String {
    format!("{}{}", T3Col::OTHER.label(), T3_LEGAL_PERSONS_HEADER)
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

/// Generates the data paragraphs from the report's tables.
pub fn generate(report: &Report, options: &Options) -> Generated {
    let mut out = Generated::default();
    let mut push = |topic, text: Option<String>| {
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            out.paragraphs.push(Paragraph { topic, text });
        }
    };
    let mut missing = Vec::new();
    push(Topic::Proactive, proactive(report, &mut missing));
    push(
        Topic::Applications,
        applications(report, options, &mut missing),
    );
    push(Topic::Review, review(report, &mut missing));
    out.missing = missing;
    out
}

/// "2021年" or, without a year, "本年度".
fn year_phrase(report: &Report) -> String {
    match report.meta.year.value() {
        None => "本年度".to_string(),
        Some(y) => format!("{y}年"),
    }
}

fn agency_phrase(report: &Report) -> &str {
    let a = report.meta.agency.trim();
    if a.is_empty() { "本机关" } else { a }
}

/// The value of a count cell when the cell, or every part of a derived one, is filled.
fn complete(t: Total) -> Option<u64> {
    t.complete.then_some(t.value)
}

fn proactive(r: &Report, missing: &mut Vec<String>) -> Option<String> {
    let t2 = &r.table2;
    let get = |c: T2Cell| t2.get(c).value().map(u64::from);
    let mut sentences = Vec::new();
    let kinds = [
        (
            T2Cell::RulesMade,
            T2Cell::RulesRepealed,
            T2Cell::RulesValid,
            false,
        ),
        (
            T2Cell::NormativeMade,
            T2Cell::NormativeRepealed,
            T2Cell::NormativeValid,
            true,
        ),
    ];
    for (made, repealed, valid, always) in kinds {
        let (label, _) = made.labels();
        let (Some(m), Some(x), Some(v)) = (get(made), get(repealed), get(valid)) else {
            // 规章 are mentioned only when there are some, so an unfilled row is no gap here.
            if !always {
                continue;
            }
            missing.push(format!(
                "表二“{label}”的制发、废止、现行有效件数尚未填全，未生成{label}的句子。"
            ));
            continue;
        };
        // 规章 concern only governments that may make them; all-zero rows stay unmentioned.
        if !always && m == 0 && x == 0 && v == 0 {
            continue;
        }
        let change = match (m, x) {
            (0, 0) => format!("本年度未制发、废止{label}"),
            (0, x) => format!("本年度未制发{label}，废止{x}件"),
            (m, 0) => format!("本年度制发{label}{m}件，没有废止的{label}"),
            (m, x) => format!("本年度制发{label}{m}件，废止{x}件"),
        };
        let by = match r.meta.year.value() {
            None => "截至年底".to_string(),
            Some(y) => format!("截至{y}年底"),
        };
        let valid = if v == 0 {
            format!("{by}没有现行有效的{label}")
        } else {
            format!("{by}，现行有效的{label}共{v}件")
        };
        sentences.push(format!("{change}；{valid}。"));
    }
    let decisions: Vec<String> = [T2Cell::Licensing, T2Cell::Penalty, T2Cell::Coercion]
        .into_iter()
        .filter_map(|c| get(c).filter(|n| *n > 0).map(|n| (c.labels().0, n)))
        .map(|(label, n)| format!("{label}决定{n}件"))
        .collect();
    if !decisions.is_empty() {
        sentences.push(format!("本年度作出{}。", decisions.join("，")));
    }
    (!sentences.is_empty()).then(|| sentences.concat())
}

fn applications(r: &Report, options: &Options, missing: &mut Vec<String>) -> Option<String> {
    let t3 = &r.table3;
    let mut text = String::new();
    if t3
        .entered_rows()
        .all(|(_, cells)| cells.iter().all(|c| c.is_blank()))
    {
        missing.push("表三尚未填写，未生成依申请公开的句子。".to_string());
        return None;
    }

    // Received and carried over.
    let new = complete(t3.cell(T3Row::NEW, T3Col::TOTAL));
    let carried_in = complete(t3.cell(T3Row::CARRIED_IN, T3Col::TOTAL));
    match (new, carried_in) {
        (Some(new), Some(carried_in)) => {
            text.push_str(&received(r, new, carried_in));
        }
        _ => match received_in_part(r) {
            // Some organisation columns blank: what is filled is stated, without a total.
            Some((sentence, blank)) => {
                text.push_str(&sentence);
                missing.push(format!(
                    "表三“{}”行「{}」列尚未填写，句中只写了已填写的申请人类型，没有写申请总数；填写后请重新生成。",
                    T3Row::NEW.short(),
                    blank.join("」「")
                ));
            }
            None => missing.push(format!(
                "表三“{}”或“{}”有未填写或无效的单元格，未生成收到申请的句子。",
                T3Row::NEW.short(),
                T3Row::CARRIED_IN.short()
            )),
        },
    }

    // Outcomes: only from a complete and balanced table, or the shares would mislead.
    let handled = complete(t3.outcome_total(T3Col::TOTAL));
    let carried_out = complete(t3.cell(T3Row::CARRIED_OUT, T3Col::TOTAL));
    let unbalanced: Vec<&str> = T3Col::ENTERED
        .into_iter()
        .filter(|&c| {
            let (left, right) = t3.balance(c);
            left.complete && right.complete && left.value != right.value
        })
        .map(T3Col::label)
        .collect();
    match (handled, carried_out) {
        (Some(_), Some(_)) if !unbalanced.is_empty() => missing.push(format!(
            "表三「{}」列不平衡（第一项加第二项不等于第三项加第四项），改正前不生成办理结果的句子。",
            unbalanced.join("」「")
        )),
        (Some(handled), Some(carried_out)) => {
            text.push_str(&outcomes(r, handled, options));
            text.push_str(&if carried_out == 0 {
                "无结转下年度继续办理的申请。".to_string()
            } else {
                format!(
                    "{}的申请{carried_out}件。",
                    T3Row::CARRIED_OUT.short()
                )
            });
        }
        _ => missing.push(format!(
            "表三“{}”或“{}”有未填写或无效的单元格，未生成办理结果的句子。",
            template::T3_RESULTS_NAME,
            T3Row::CARRIED_OUT.short()
        )),
    }
    Some(text)
}

/// "2021年，某机关共新收政府信息公开申请11件，其中自然人申请10件，商业企业申请1件；无上年结转申请。"
fn received(r: &Report, new: u64, carried_in: u64) -> String {
    let t3 = &r.table3;
    let mut s = format!("{}，{}", year_phrase(r), agency_phrase(r));
    let by_col: Vec<(T3Col, u64)> = T3Col::ENTERED
        .into_iter()
        .map(|c| (c, t3.cell(T3Row::NEW, c).value))
        .filter(|(_, n)| *n > 0)
        .collect();
    let other_col = T3Col::OTHER;
    if new == 0 {
        s.push_str("未收到新的政府信息公开申请");
    } else {
        s.push_str(&format!("共新收政府信息公开申请{new}件"));
        // "均" only of two or more: a single application "为自然人申请".
        let all = if new > 1 { "均" } else { "" };
        match by_col.as_slice() {
            [(c, _)] if *c == other_col => {
                s.push_str(&format!("，{all}由{}提出", other_applicants()));
            }
            [(c, _)] => s.push_str(&format!("，{all}为{}申请", c.label())),
            _ => {
                for (i, (c, n)) in by_col.iter().enumerate() {
                    let lead = if i == 0 { "，其中" } else { "，" };
                    if *c == other_col {
                        // Number first: see the module notes on "其他".
                        s.push_str(&format!("，其余{n}件由{}提出", other_applicants()));
                    } else {
                        s.push_str(&format!("{lead}{}申请{n}件", c.label()));
                    }
                }
            }
        }
    }
    if carried_in == 0 {
        s.push_str("；无上年结转申请。");
    } else {
        s.push_str(&format!("；上年结转申请{carried_in}件。"));
    }
    s
}

/// When some columns of 本年新收 are blank but none is invalid and some are filled: the sentence
/// for the filled ones ("2021年，某机关新收自然人申请10件、商业企业申请1件。") and the labels
/// of the blank columns. No total is stated, since it is not known.
fn received_in_part(r: &Report) -> Option<(String, Vec<&'static str>)> {
    let t3 = &r.table3;
    let entries: Vec<(T3Col, &crate::model::Count)> = T3Col::ENTERED
        .into_iter()
        .map(|c| (c, t3.get(T3Row::NEW, c)))
        .collect();
    if entries
        .iter()
        .any(|(_, e)| !e.is_blank() && e.value().is_none())
    {
        return None;
    }
    let blank: Vec<&str> = entries
        .iter()
        .filter(|(_, e)| e.is_blank())
        .map(|(c, _)| c.label())
        .collect();
    // The 其他 column number-first (see the module notes on "其他").
    let (other, named): (Vec<_>, Vec<_>) = entries
        .iter()
        .filter_map(|(c, e)| e.value().filter(|n| *n > 0).map(|n| (*c, n)))
        .partition(|(c, _)| *c == T3Col::OTHER);
    if blank.is_empty() || (other.is_empty() && named.is_empty()) {
        return None;
    }
    let mut clauses: Vec<String> = named
        .iter()
        .map(|(c, n)| format!("{}申请{n}件", c.label()))
        .collect();
    if let Some((_, n)) = other.first() {
        clauses.push(format!("{n}件由{}提出", other_applicants()));
    }
    let sentence = format!(
        "{}，{}新收{}。",
        year_phrase(r),
        agency_phrase(r),
        clauses.join("、")
    );
    Some((sentence, blank))
}

/// One outcome part of （七）总计: 予以公开, 部分公开 or a group （三）–（六）.
struct Part {
    name: &'static str,
    count: u64,
    /// Non-zero items of a group with their counts.
    items: Vec<(&'static str, u64)>,
    /// The （六）其他处理 group, phrased number-first.
    is_other: bool,
}

fn outcome_parts(r: &Report) -> Vec<Part> {
    let t3 = &r.table3;
    let all = T3Col::TOTAL;
    let mut parts: Vec<Part> = [T3Row::OPEN, T3Row::PARTIAL]
        .into_iter()
        .map(|row| Part {
            name: row.short(),
            count: t3.cell(row, all).value,
            items: Vec::new(),
            is_other: false,
        })
        .collect();
    for group in T3Group::ALL {
        parts.push(Part {
            name: group.def().name,
            count: t3.group_total(group, all).value,
            items: group
                .rows()
                .map(|row| (row.short(), t3.cell(row, all).value))
                .filter(|(_, n)| *n > 0)
                .collect(),
            is_other: group == T3Group::OtherProcessing,
        });
    }
    parts.retain(|p| p.count > 0);
    parts
}

/// "（其中“a”3件，“b”1件）", "（均为“a”）" or, for a single case, "（为“a”）".
fn items_phrase(part: &Part) -> String {
    match part.items.as_slice() {
        [] => String::new(),
        [(label, n)] if *n == part.count => {
            format!("（{}为{}）", if *n > 1 { "均" } else { "" }, quoted(label))
        }
        items => {
            let list: Vec<String> = items
                .iter()
                .map(|(label, n)| format!("{}{n}件", quoted(label)))
                .collect();
            format!("（其中{}）", list.join("，"))
        }
    }
}

/// "本年度共办结申请11件，其中予以公开4件，占36.4%；……。", with the rounding note when
/// the shown shares do not add up to 100%.
fn outcomes(r: &Report, handled: u64, options: &Options) -> String {
    if handled == 0 {
        return "本年度没有办结的政府信息公开申请；".to_string();
    }
    let parts = outcome_parts(r);
    let mut s = format!("本年度共办结申请{handled}件");
    if let [only] = parts.as_slice() {
        s.push_str(&format!(
            "，办理结果{}为{}{}。",
            if handled > 1 { "均" } else { "" },
            quoted(only.name),
            items_phrase(only)
        ));
        return s;
    }
    let decimals = options.decimals.min(MAX_DECIMALS);
    let mut sum = 0u64;
    let clauses: Vec<String> = parts
        .iter()
        .map(|p| {
            // `handled` > 0, so every part has a share.
            let shown = percent(p.count, handled, decimals)
                .map(|pct| {
                    sum += pct.scaled;
                    format!("，占{pct}%")
                })
                .unwrap_or_default();
            if p.is_other {
                format!("另有{}件作{}{shown}{}", p.count, p.name, items_phrase(p))
            } else {
                format!("{}{}件{shown}{}", p.name, p.count, items_phrase(p))
            }
        })
        .collect();
    s.push_str("，其中");
    s.push_str(&clauses.join("；"));
    s.push('。');
    if sum != 100 * 10u64.pow(u32::from(decimals)) {
        s.push_str(ROUNDING_NOTE);
    }
    s
}

fn review(r: &Report, missing: &mut Vec<String>) -> Option<String> {
    let t4 = &r.table4;
    let filled = T4Group::ALL.iter().all(|g| {
        T4Col::ENTERED
            .iter()
            .all(|c| t4.get(*g, *c).value().is_some())
    });
    if !filled {
        missing.push("表四有未填写或无效的单元格，未生成行政复议、行政诉讼的句子。".to_string());
        return None;
    }
    let by_col = |groups: &[T4Group], col: T4Col| -> u64 {
        groups.iter().map(|&g| t4.cell(g, col).value).sum()
    };
    let results = |groups: &[T4Group], total: u64| results(t4, groups, total);
    let review = [T4Group::Review];
    let litigation = [T4Group::LitigationDirect, T4Group::LitigationAfterReview];
    let review_total = by_col(&review, T4Col::Total);
    let lit_total = by_col(&litigation, T4Col::Total);
    let review_name = T4Group::Review.def().parent;
    let lit_name = T4Group::LitigationDirect.def().parent;
    if review_total == 0 && lit_total == 0 {
        return Some(format!(
            "本年度未发生因政府信息公开工作引起的{review_name}和{lit_name}案件。"
        ));
    }
    // Each statement is its own sentence: a "未发生" sentence that also named the other kind of
    // case would contradict the table.
    let mut s = String::new();
    if review_total > 0 {
        s.push_str(&format!(
            "本年度因政府信息公开工作被申请{review_name}{review_total}件{}。",
            results(&review, review_total)
        ));
    } else {
        s.push_str(&format!(
            "本年度未发生因政府信息公开工作引起的{review_name}案件。"
        ));
    }
    if lit_total > 0 {
        // The two kinds of litigation named apart, each with its own results.
        let kinds: Vec<String> = litigation
            .iter()
            .map(|&g| (g, by_col(&[g], T4Col::Total)))
            .filter(|(_, n)| *n > 0)
            .map(|(g, n)| format!("{}{n}件{}", g.label(), results(&[g], n)))
            .collect();
        s.push_str(&format!(
            "本年度因政府信息公开工作被提起{lit_name}{lit_total}件：{}。",
            kinds.join("；")
        ));
    } else {
        s.push_str(&format!(
            "本年度未发生因政府信息公开工作引起的{lit_name}案件。"
        ));
    }
    Some(s)
}

/// The results of review or litigation cases by column: "，其中结果维持1件，另有1件为其他结果"
/// (the 其他结果 column number-first, see the module notes on "其他"); when one column holds
/// every case, without "其中" and a count that would repeat the total: "，尚未审结",
/// "，结果均为维持".
fn results(t4: &crate::model::Table4, groups: &[T4Group], total: u64) -> String {
    let by_col = |col: T4Col| -> u64 { groups.iter().map(|&g| t4.cell(g, col).value).sum() };
    let all = if total > 1 { "均" } else { "" };
    let cols: Vec<(T4Col, u64)> = T4Col::ENTERED
        .into_iter()
        .map(|c| (c, by_col(c)))
        .filter(|(_, n)| *n > 0)
        .collect();
    if let [(col, _)] = cols.as_slice() {
        let name = col.label();
        return match (col, name.strip_prefix("结果")) {
            (T4Col::Pending, _) => format!("，{all}{name}"),
            (_, Some(verb)) => format!("，结果{all}为{verb}"),
            (_, None) => format!("，{all}为{name}"),
        };
    }
    let mut s = String::new();
    let mut other = None;
    for (col, n) in cols {
        if col == T4Col::Other {
            other = Some((n, col.label()));
            continue;
        }
        let lead = if s.is_empty() { "，其中" } else { "，" };
        s.push_str(&format!("{lead}{}{n}件", col.label()));
    }
    if let Some((n, name)) = other {
        s.push_str(&format!("，另有{n}件为{name}"));
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Insertion
// ---------------------------------------------------------------------------------------------

/// What [`insert`] did to the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// The generated paragraph was appended as a new last paragraph.
    Appended,
    /// An earlier generated paragraph, differing only in its numbers, was replaced; `old` is
    /// what it said, for the user to see (and undo).
    Replaced { old: String },
    /// The text already contains exactly this paragraph; nothing changed.
    Unchanged,
}

/// The text after inserting a generated paragraph, and what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Insertion {
    /// The field's whole new text.
    pub text: String,
    /// What changed, for the interface to tell the person.
    pub action: Action,
}

/// A paragraph with every number masked: two paragraphs of the same shape say the same words
/// about possibly different numbers.
fn shape(text: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in text.trim().chars() {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        if digit || (in_number && c == '.') {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

/// Inserts a generated paragraph into a field's text without ever dropping words the person
/// wrote:
///
/// - text that already holds exactly this paragraph is left as it is ([`Action::Unchanged`]);
/// - a paragraph that differs from the new one **only in its numbers** is an earlier
///   generation made before the tables changed: it is replaced in place, and the old wording is
///   returned in [`Action::Replaced`] so the interface can show it and offer to undo;
/// - anything else, including a generated paragraph the person has reworded, stays untouched and
///   the new paragraph is appended after it ([`Action::Appended`]).
///
/// Paragraphs are lines, as everywhere in the report.
pub fn insert(existing: &str, generated: &str) -> Insertion {
    let generated = generated.trim();
    if generated.is_empty() || paragraphs(existing).any(|p| p == generated) {
        return Insertion {
            text: existing.to_string(),
            action: Action::Unchanged,
        };
    }
    let wanted = shape(generated);
    let lines: Vec<&str> = existing.lines().collect();
    if let Some(i) = lines
        .iter()
        .position(|l| !l.trim().is_empty() && shape(l) == wanted)
    {
        let old = lines[i].trim().to_string();
        let mut out: Vec<&str> = lines.clone();
        out[i] = generated;
        return Insertion {
            text: out.join("\n"),
            action: Action::Replaced { old },
        };
    }
    let head = existing.trim_end();
    let text = if head.is_empty() {
        generated.to_string()
    } else {
        format!("{head}\n{generated}")
    };
    Insertion {
        text,
        action: Action::Appended,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertion_never_drops_words() {
        let g = "本年度共办结申请11件。";
        let i = insert("", g);
        assert_eq!((i.text.as_str(), &i.action), (g, &Action::Appended));
        let i = insert("我们做了很多工作。", g);
        assert_eq!(i.text, format!("我们做了很多工作。\n{g}"));
        assert_eq!(insert(&i.text, g).action, Action::Unchanged);
        // Same words, new numbers: an earlier generation, replaced in place.
        let i = insert("开头。\n本年度共办结申请9件。\n结尾。", g);
        assert_eq!(i.text, format!("开头。\n{g}\n结尾。"));
        assert_eq!(
            i.action,
            Action::Replaced {
                old: "本年度共办结申请9件。".into()
            }
        );
        // Reworded by the person: kept, and the new one appended.
        let i = insert("本年度我们共办结申请9件。", g);
        assert_eq!(i.action, Action::Appended);
        assert!(i.text.starts_with("本年度我们共办结申请9件。\n"));
    }
}
