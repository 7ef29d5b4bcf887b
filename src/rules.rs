//! The checks of spec §3: every rule the data allows, each finding pointing at its exact place
//! with a plain Chinese message that names the numbers.
//!
//! The sum rules T3-SUM, T3-ROW and T4-SUM hold by construction (totals are derived, never
//! stored), so they need no check here; `tests/derived_totals.rs` proves it.

use crate::model::{Count, Entry, InputError, Report, Total, parse_count, parse_wanyuan};
use crate::template::{
    self, OTHER_ITEM_FEE, OTHER_ITEMS, SectionKey, T2Cell, T3_COLUMNS, T3_ENTERED_COLS, T3_GROUPS,
    T3_ROW_DEFS, T3RowKind, T4_COLUMNS, T4_ENTERED_COLS, T4_GROUPS, t3row,
};
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

/// Where a finding is, precise enough for the form to jump to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// A metadata field: "agency", "year", "portal_name", ….
    Meta {
        field: &'static str,
    },
    Preface,
    /// The opening paragraph of section 一.
    OverviewIntro,
    /// A sub-head of section 一, by index.
    OverviewPart {
        index: usize,
    },
    /// A section as a whole.
    Section {
        #[serde(serialize_with = "section_key")]
        section: SectionKey,
    },
    /// A count cell of table 二.
    Table2 {
        #[serde(serialize_with = "t2_key")]
        cell: T2Cell,
    },
    /// The fee amount of table 二.
    Table2Fee,
    /// A cell of table 三: template row and column indices.
    Table3 {
        row: usize,
        col: usize,
    },
    /// A whole column of table 三.
    Table3Column {
        col: usize,
    },
    /// A cell of table 四: group and column indices.
    Table4 {
        group: usize,
        col: usize,
    },
    /// A sub-item of section 六, by index.
    OtherItem {
        index: usize,
    },
}

fn section_key<S: serde::Serializer>(k: &SectionKey, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(template::section(*k).name)
}

fn t2_key<S: serde::Serializer>(c: &T2Cell, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.key())
}

/// Chinese names of the metadata fields, for messages and the form.
pub fn meta_field_label(field: &str) -> &'static str {
    match field {
        "agency" => "机关名称",
        "year" => "年度",
        "portal_name" => "发布网站名称",
        "portal_url" => "网站地址",
        "column_name" => "专栏名称",
        "address" => "联系地址",
        "phone" => "联系电话",
        "date" => "成文日期",
        _ => "基本信息",
    }
}

impl Place {
    /// The section the place belongs to; `None` for metadata and the preface.
    pub fn section(&self) -> Option<SectionKey> {
        Some(match self {
            Place::Meta { .. } | Place::Preface => return None,
            Place::OverviewIntro | Place::OverviewPart { .. } => SectionKey::Overview,
            Place::Section { section } => *section,
            Place::Table2 { .. } | Place::Table2Fee => SectionKey::Proactive,
            Place::Table3 { .. } | Place::Table3Column { .. } => SectionKey::Applications,
            Place::Table4 { .. } => SectionKey::Review,
            Place::OtherItem { .. } => SectionKey::Other,
        })
    }

    /// Where it is, in words: "表三 一、本年新收政府信息公开申请数量 · 自然人".
    pub fn describe(&self) -> String {
        match self {
            Place::Meta { field } => format!("基本信息 · {}", meta_field_label(field)),
            Place::Preface => "基本信息 · 开头说明段落".to_string(),
            Place::OverviewIntro => format!("{} · 开头段落", section_heading(SectionKey::Overview)),
            Place::OverviewPart { index } => format!(
                "{} · {}{}",
                section_heading(SectionKey::Overview),
                template::paren_numeral(*index),
                template::OVERVIEW_SUBHEADS
                    .get(*index)
                    .map(|s| s.title)
                    .unwrap_or("")
            ),
            Place::Section { section } => section_heading(*section),
            Place::Table2 { cell } => {
                let (row, col) = cell.labels();
                format!("表二 {row} · {col}")
            }
            Place::Table2Fee => format!("表二 {} · {}", template::FEE_LABEL, template::FEE_HEADER),
            Place::Table3 { row, col } => format!(
                "表三 {} · {}",
                template::t3_row_name(*row),
                T3_COLUMNS[*col].label
            ),
            Place::Table3Column { col } => format!("表三 「{}」列", T3_COLUMNS[*col].label),
            Place::Table4 { group, col } => {
                format!("表四 {} · {}", T4_GROUPS[*group].label, T4_COLUMNS[*col])
            }
            Place::OtherItem { index } => format!(
                "{} · {}{}",
                section_heading(SectionKey::Other),
                template::paren_numeral(*index),
                OTHER_ITEMS[*index].label
            ),
        }
    }
}

fn section_heading(key: SectionKey) -> String {
    template::section(key).heading()
}

/// One thing the checks found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id from the spec, e.g. "T3-BAL".
    pub rule: &'static str,
    pub severity: Severity,
    pub place: Place,
    /// Plain Chinese, naming the numbers.
    pub message: String,
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
    fn push(&mut self, rule: &'static str, severity: Severity, place: Place, message: String) {
        self.0.push(Finding {
            rule,
            severity,
            place,
            message,
        });
    }
    fn error(&mut self, rule: &'static str, place: Place, message: String) {
        self.push(rule, Severity::Error, place, message);
    }
    fn warn(&mut self, rule: &'static str, place: Place, message: String) {
        self.push(rule, Severity::Warning, place, message);
    }
}

/// Checks a report; with last year's report also the cross-year rules. Findings come in report
/// order (metadata, then sections 一 to 六), errors and warnings mixed.
pub fn check(report: &Report, last_year: Option<&Report>) -> Vec<Finding> {
    let mut f = Findings::default();
    check_meta(report, &mut f);
    check_overview(report, &mut f);
    check_tables(report, &mut f);
    check_text_against_tables(report, &mut f);
    check_problems(report, &mut f);
    check_other_items(report, &mut f);
    if let Some(last) = last_year {
        check_cross_year(report, last, &mut f);
    }
    // Keep report order but make it stable by section for the UI.
    f.0.sort_by_key(|x| x.place.section().map_or(0, |s| s as usize + 1));
    f.0
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

fn is_empty_or_nothing(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"。.，,".contains(*c))
        .collect();
    t.is_empty() || t == template::NOTHING
}

// ---------------------------------------------------------------------------------------------
// Metadata and prose
// ---------------------------------------------------------------------------------------------

fn check_meta(r: &Report, f: &mut Findings) {
    if r.meta.agency.trim().is_empty() {
        f.error(
            "META",
            Place::Meta { field: "agency" },
            "机关名称未填写，报告标题需要它。".into(),
        );
    }
    if r.meta.year == 0 {
        f.error(
            "META",
            Place::Meta { field: "year" },
            "年度未填写，报告标题和统计期限需要它。".into(),
        );
    }
    if r.preface.trim().is_empty() {
        f.warn(
            "PREFACE",
            Place::Preface,
            "开头说明段落为空。通常写明编制依据、六部分内容、统计期限、查阅网址和联系方式，可在“基本信息”中一键生成。".into(),
        );
    }
}

fn check_overview(r: &Report, f: &mut Findings) {
    let all_empty = r.overview.intro.trim().is_empty()
        && r.overview.parts.iter().all(|p| p.body.trim().is_empty());
    if all_empty {
        f.error(
            "PROSE",
            Place::Section {
                section: SectionKey::Overview,
            },
            "总体情况尚未填写。".into(),
        );
        return;
    }
    for (i, part) in r.overview.parts.iter().enumerate() {
        if is_empty_or_nothing(&part.body) {
            f.warn(
                "PROSE",
                Place::OverviewPart { index: i },
                format!("“{}”没有内容。格式要求总体情况涵盖这一方面。", part.title),
            );
        }
    }
}

fn check_problems(r: &Report, f: &mut Findings) {
    if is_empty_or_nothing(&r.problems) {
        f.error(
            "SEC5",
            Place::Section {
                section: SectionKey::Problems,
            },
            "存在的主要问题及改进情况不能为空或只写“无”，请如实写明存在的问题和改进措施。".into(),
        );
    }
}

fn check_other_items(r: &Report, f: &mut Findings) {
    for (i, (def, text)) in OTHER_ITEMS.iter().zip(&r.other_items).enumerate() {
        let place = Place::OtherItem { index: i };
        if text.trim().is_empty() {
            let advice = if def.may_be_none {
                "没有需要报告的内容时请填“无”。"
            } else {
                "请填写。"
            };
            f.warn("SEC6", place, format!("此项为空，{advice}"));
        } else if !def.may_be_none && i != OTHER_ITEM_FEE && is_empty_or_nothing(text) {
            f.warn("SEC6", place, "此项不宜只写“无”，请说明具体情况。".into());
        }
    }

    // 六（一） must state plainly whether 信息处理费 was charged.
    let fee_text = &r.other_items[OTHER_ITEM_FEE];
    let place = Place::OtherItem {
        index: OTHER_ITEM_FEE,
    };
    let unpaid: u64 = (0..T3_ENTERED_COLS)
        .filter_map(|c| r.table3.get(t3row::FEE_UNPAID, c).value())
        .map(u64::from)
        .sum();
    let says_fee = fee_text.contains('费');
    if unpaid > 0 && (is_empty_or_nothing(fee_text) || !says_fee) {
        f.warn(
            "FEE-6",
            place,
            format!(
                "表三（六）2“申请人逾期未按收费通知要求缴纳费用”共 {unpaid} 件，说明本年发出过信息处理费收费通知，此处应写明收费通知件数和金额，不能写“无”。"
            ),
        );
    } else if !fee_text.trim().is_empty() && is_empty_or_nothing(fee_text) {
        let fee = r.table2.fee.value().filter(|v| v.ten_thousandths > 0);
        let extra = fee
            .map(|v| format!("表二行政事业性收费为 {v} 万元，"))
            .unwrap_or_default();
        f.warn(
            "FEE-6",
            place,
            format!("{extra}此项只写“无”不够明确，请写明本年度是否收取信息处理费（未收取的写明“未收取任何费用”）。"),
        );
    } else if !fee_text.trim().is_empty() && !says_fee {
        f.warn(
            "FEE-6",
            place,
            "此项没有提到信息处理费，请明确写明本年度信息处理费的收取情况。".into(),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

fn invalid_message(text: &str, err: &InputError) -> String {
    format!("“{}”不是有效的数字：{}。", text.trim(), err)
}

/// Up to this many blank cells in a table are reported one by one; beyond it, one finding
/// points at the first (a table being filled in would otherwise drown every other finding).
const BLANKS_LISTED: usize = 10;

/// Reports the blank and invalid cells of one table. `name` is "表三"; `whole` is where a
/// finding about the whole table goes.
fn check_cells<'a>(
    cells: impl Iterator<Item = (Place, &'a Count)>,
    name: &str,
    whole: SectionKey,
    f: &mut Findings,
) {
    let cells: Vec<(Place, &Count)> = cells.collect();
    let blanks: Vec<Place> = cells
        .iter()
        .filter(|(_, c)| c.is_blank())
        .map(|(p, _)| *p)
        .collect();
    if blanks.len() == cells.len() {
        f.error(
            "NONBLANK",
            Place::Section { section: whole },
            format!("{name}尚未填写。没有的请填0（可用“空格全部填0”）。"),
        );
        return;
    }
    if blanks.len() > BLANKS_LISTED {
        f.error(
            "NONBLANK",
            blanks[0],
            format!(
                "{name}还有 {} 个格子未填，这是第一个。没有的请填0，不要留空或填“/”“-”（可用“空格全部填0”）。",
                blanks.len()
            ),
        );
    }
    for (place, cell) in cells {
        match cell {
            Entry::Value(_) => {}
            Entry::Blank if blanks.len() <= BLANKS_LISTED => f.error(
                "NONBLANK",
                place,
                "单元格为空。没有的请填0，不要留空或填“/”“-”。".into(),
            ),
            Entry::Blank => {}
            Entry::Invalid(text) => {
                let err = parse_count(text).err().unwrap_or(InputError::NotANumber);
                f.error("INT", place, invalid_message(text, &err));
            }
        }
    }
}

fn check_tables(r: &Report, f: &mut Findings) {
    // Table 二: nine counts and the fee.
    let t2 = &r.table2;
    let counts = T2Cell::ALL.map(|cell| (Place::Table2 { cell }, t2.get(cell)));
    if t2.fee.is_blank() && counts.iter().all(|(_, c)| c.is_blank()) {
        f.error(
            "NONBLANK",
            Place::Section {
                section: SectionKey::Proactive,
            },
            "表二尚未填写。没有的请填0（可用“空格全部填0”）。".into(),
        );
    } else {
        check_cells(counts.into_iter(), "表二", SectionKey::Proactive, f);
        match &t2.fee {
            Entry::Value(v) if v.whole() >= 10_000 => f.warn(
                "UNIT",
                Place::Table2Fee,
                format!("收费金额 {v} 万元（即 {} 亿元）异常偏大。单位是万元，请确认没有把“元”当作“万元”填写。", v.whole() / 10_000),
            ),
            Entry::Value(_) => {}
            Entry::Blank => f.error(
                "NONBLANK",
                Place::Table2Fee,
                "收费金额为空。没有收费的请填0。".into(),
            ),
            Entry::Invalid(text) => {
                let err = parse_wanyuan(text).err().unwrap_or(InputError::NotANumber);
                let rule = if err == InputError::WrongUnit {
                    "UNIT"
                } else {
                    "INT"
                };
                f.error(rule, Place::Table2Fee, invalid_message(text, &err));
            }
        }
    }
    if let Some(made) = t2.get(T2Cell::RulesMade).value().filter(|n| *n > 0) {
        f.warn(
            "RULES-0",
            Place::Table2 {
                cell: T2Cell::RulesMade,
            },
            format!("规章本年制发件数填了 {made}。只有省级和设区的市、自治州人民政府有权制定规章，县级人民政府和政府部门此项应为0，请核实。"),
        );
    }

    // Table 三.
    let t3 = &r.table3;
    let t3_cells = t3.entered_rows().flat_map(|(row, cells)| {
        cells
            .iter()
            .enumerate()
            .map(move |(col, cell)| (Place::Table3 { row, col }, cell))
    });
    check_cells(t3_cells, "表三", SectionKey::Applications, f);
    // The 总计 column is the sum of the six, so it balances exactly when they all do;
    // checking the six alone names the column that is off.
    for col in 0..T3_ENTERED_COLS {
        let (left, right) = t3.balance(col);
        if left.complete && right.complete && left.value != right.value {
            f.error(
                "T3-BAL",
                Place::Table3Column { col },
                balance_message(r, col),
            );
        }
    }

    // Table 四.
    let t4 = &r.table4;
    let t4_cells = (0..T4_GROUPS.len()).flat_map(|group| {
        (0..T4_ENTERED_COLS).map(move |col| (Place::Table4 { group, col }, t4.get(group, col)))
    });
    check_cells(t4_cells, "表四", SectionKey::Review, f);
}

/// "一（本年新收）10 + 二（上年结转）0 = 10，三（七）总计 9 + 四（结转下年度）0 = 9，相差 1".
fn balance_message(r: &Report, col: usize) -> String {
    let t = &r.table3;
    let v = |row| t.cell(row, col).value;
    let (left, right) = t.balance(col);
    let diff = left.value.abs_diff(right.value);
    let (more, less) = if left.value > right.value {
        ("第一项加第二项", "第三项（七）总计加第四项")
    } else {
        ("第三项（七）总计加第四项", "第一项加第二项")
    };
    format!(
        "「{}」列不平衡：一、本年新收 {} + 二、上年结转 {} = {}，而（七）总计 {} + 四、结转下年度 {} = {}；{}比{}多 {}。请检查这一列的办理结果各项。",
        T3_COLUMNS[col].label,
        v(t3row::NEW),
        v(t3row::CARRIED_IN),
        left.value,
        t.outcome_total(col).value,
        v(t3row::CARRIED_OUT),
        right.value,
        more,
        less,
        diff
    )
}

// ---------------------------------------------------------------------------------------------
// Text against tables
// ---------------------------------------------------------------------------------------------

/// A number stated in prose: "共收到申请 11 件，占 37%".
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The clause before the number, up to the previous clause break.
    pub context: String,
    pub count: u64,
    /// A percentage stated right after the count, as written (value and decimals).
    pub percent: Option<(f64, usize)>,
}

const CLAUSE_BREAKS: &str = "，。；：！？,;!?\n";

fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Finds every "<number> 件" in the text with the clause it stands in.
pub fn claims(text: &str) -> Vec<Claim> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut previous_end = 0;
    while i < chars.len() {
        if ascii_digit(chars[i]).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        let mut n: u64 = 0;
        while let Some(d) = chars.get(i).and_then(|c| ascii_digit(*c)) {
            n = n.saturating_mul(10).saturating_add(u64::from(d));
            i += 1;
        }
        let mut j = i;
        while chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        if chars.get(j) != Some(&'件') {
            continue;
        }
        // A clause may state several counts ("自然人申请10件、商业企业申请1件"): each count's
        // context starts after the previous one.
        let clause_start = chars[..start]
            .iter()
            .rposition(|c| CLAUSE_BREAKS.contains(*c))
            .map_or(0, |p| p + 1)
            .max(previous_end);
        let context: String = chars[clause_start..start].iter().collect();
        out.push(Claim {
            context: context.trim().to_string(),
            count: n,
            percent: percent_after(&chars[j + 1..]),
        });
        i = j + 1;
        previous_end = i;
    }
    out
}

/// Reads "，占 37%" or "，占比9.1%" right after a count.
fn percent_after(rest: &[char]) -> Option<(f64, usize)> {
    let s: String = rest.iter().take(16).collect();
    let s = s.trim_start_matches(['，', ',', ' ', '）', ')']);
    let s = s.strip_prefix('占')?;
    let s = s.trim_start_matches(['比', ' ']);
    let num: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let after = s[num.len()..].trim_start();
    if num.is_empty() || !(after.starts_with('%') || after.starts_with('％')) {
        return None;
    }
    let decimals = num.split_once('.').map_or(0, |(_, d)| d.len());
    num.parse().ok().map(|v| (v, decimals))
}

/// What a clause of prose is talking about, and the table's number for it.
struct Reading {
    /// TXT-LIT for review and litigation, TXT-APPS for applications.
    rule: &'static str,
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
            rule: "TXT-APPS",
            what: what.into(),
            expected,
            is_outcome,
        })
    }

    fn litigation(what: &str, expected: Total) -> Option<Reading> {
        Some(Reading {
            rule: "TXT-LIT",
            what: what.to_string(),
            expected: vec![expected],
            is_outcome: false,
        })
    }
}

fn read_clause(r: &Report, context: &str) -> Option<Reading> {
    let t3 = &r.table3;
    let t4 = &r.table4;
    let all = template::T3_TOTAL_COL;
    // Review and litigation first, so that they are not read as applications; the two kinds
    // of litigation before 复议, which their names contain.
    for (g, group) in T4_GROUPS.iter().enumerate().skip(1) {
        if context.contains(group.label) {
            return Reading::litigation(group.label, t4.cell(g, T4_ENTERED_COLS));
        }
    }
    if context.contains("复议") && !context.contains("诉讼") {
        return Reading::litigation(template::T4_REVIEW, t4.cell(0, T4_ENTERED_COLS));
    }
    if context.contains("诉讼") && !context.contains("复议") {
        return Reading::litigation(template::T4_LITIGATION, t4.litigation_total());
    }
    // Outcome items: the most specific labels first. "3.其他" is too common a word to name
    // its row; it is read through its group.
    for (row, def) in T3_ROW_DEFS.iter().enumerate() {
        let label = item_text(def.label);
        if def.kind == T3RowKind::Item && label.chars().count() > 2 && context.contains(label) {
            return Reading::of(format!("“{label}”"), vec![t3.cell(row, all)], true);
        }
    }
    for (g, group) in T3_GROUPS.iter().enumerate() {
        if context.contains(group.name) {
            return Reading::of(
                format!("“{}”", group.name),
                vec![t3.group_total(g, all)],
                true,
            );
        }
    }
    for row in [t3row::OPEN, t3row::PARTIAL] {
        let label = outcome_name(T3_ROW_DEFS[row].label);
        if context.contains(label) {
            return Reading::of(format!("“{label}”"), vec![t3.cell(row, all)], true);
        }
    }
    if context.contains("上年结转") {
        return Reading::of("上年结转", vec![t3.cell(t3row::CARRIED_IN, all)], false);
    }
    if context.contains("结转") {
        return Reading::of("结转下年度", vec![t3.cell(t3row::CARRIED_OUT, all)], false);
    }
    if context.contains("办结") || context.contains("办理完毕") {
        return Reading::of("办结", vec![t3.outcome_total(all)], false);
    }
    if context.contains("申请") {
        // An applicant type named: that column of 一. "其他" is too common a word to name
        // its column.
        for (col, def) in T3_COLUMNS.iter().enumerate().take(T3_ENTERED_COLS) {
            if def.label.chars().count() > 2 && context.contains(def.label) {
                return Reading::of(
                    format!("{}申请", def.label),
                    vec![t3.cell(t3row::NEW, col)],
                    false,
                );
            }
        }
        if context.contains("收到") || context.contains("新收") || context.contains("受理") {
            let new = t3.cell(t3row::NEW, all);
            let handled = t3.outcome_total(all).plus(t3.cell(t3row::CARRIED_OUT, all));
            return Reading::of("收到申请", vec![new, handled], false);
        }
    }
    None
}

/// "1.本机关不掌握相关政府信息" → "本机关不掌握相关政府信息".
fn item_text(label: &str) -> &str {
    label.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '．')
}

/// "（二）部分公开（区分处理的…）" → "部分公开".
fn outcome_name(label: &str) -> &str {
    let without_number = label.split_once('）').map_or(label, |(_, rest)| rest);
    without_number
        .split_once('（')
        .map_or(without_number, |(name, _)| name)
}

fn check_text_against_tables(r: &Report, f: &mut Findings) {
    let place = |index: Option<usize>| {
        index.map_or(Place::OverviewIntro, |index| Place::OverviewPart { index })
    };
    let handled = r.table3.outcome_total(template::T3_TOTAL_COL);
    let texts = std::iter::once((None, r.overview.intro.as_str())).chain(
        r.overview
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| (Some(i), p.body.as_str())),
    );
    for (index, text) in texts {
        for claim in claims(text) {
            let Some(reading) = read_clause(r, &claim.context) else {
                continue;
            };
            let rule = reading.rule;
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
                    rule,
                    place(index),
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
                        "TXT-APPS",
                        place(index),
                        format!(
                            "{}{} 件占办理总数 {} 件的 {:.*}%，正文写的是 {}%。",
                            reading.what, claim.count, handled.value, decimals, exact, stated
                        ),
                    );
                }
            }
        }
        check_denials_of_litigation(r, text, place(index), f);
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
        let review = r.table4.cell(0, T4_ENTERED_COLS).value;
        let lit = r.table4.litigation_total().value;
        if sentence.contains("复议") && review > 0 {
            f.warn(
                "TXT-LIT",
                place,
                format!("正文说未发生行政复议，但表四行政复议总计为 {review} 件。"),
            );
        }
        if sentence.contains("诉讼") && lit > 0 {
            f.warn(
                "TXT-LIT",
                place,
                format!("正文说未发生行政诉讼，但表四行政诉讼合计为 {lit} 件。"),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Across years
// ---------------------------------------------------------------------------------------------

fn check_cross_year(r: &Report, last: &Report, f: &mut Findings) {
    f.0.extend(crate::yearly::copy_findings(r, last));
    if last.meta.year != 0 && r.meta.year != 0 && last.meta.year + 1 != r.meta.year {
        f.warn(
            "X-YEAR",
            Place::Meta { field: "year" },
            format!(
                "用作上年对照的报告是 {} 年度的，而本报告是 {} 年度，跨年核对可能不适用。",
                last.meta.year, r.meta.year
            ),
        );
    }
    for (col, column) in T3_COLUMNS.iter().enumerate().take(T3_ENTERED_COLS) {
        let now = r.table3.get(t3row::CARRIED_IN, col).value();
        let before = last.table3.get(t3row::CARRIED_OUT, col).value();
        if let (Some(now), Some(before)) = (now, before)
            && now != before
        {
            f.warn(
                "X-CARRY",
                Place::Table3 {
                    row: t3row::CARRIED_IN,
                    col,
                },
                format!(
                    "「{}」上年结转 {now} 件，但上年报告的结转下年度继续办理为 {before} 件。如因机构调整等原因确实不同，请在六（五）中说明。",
                    column.label
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
                "X-VALID",
                Place::Table2 { cell: valid },
                format!(
                    "{label}现行有效件数为 {v}，按上年 {v0} + 本年制发 {m} − 本年废止 {x} 应为 {expected}。文件到期失效或被替代而未正式废止时可能不同，请核实。"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_find_counts_and_percentages() {
        let c = claims(
            "共收到政府信息依申请公开 11 件，未发生超时答复现象。“予以公开”的 4 件，占 37%；部分公开1件，占比9.1%。",
        );
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].count, 11);
        assert_eq!(c[0].context, "共收到政府信息依申请公开");
        assert_eq!(c[1].percent, Some((37.0, 0)));
        assert_eq!(c[2].percent, Some((9.1, 1)));
        assert!(claims("发布信息 759 条").is_empty());
        assert_eq!(claims("１２件")[0].count, 12);
    }

    #[test]
    fn labels_reduce_to_their_names() {
        assert_eq!(
            outcome_name("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "部分公开"
        );
        assert_eq!(outcome_name("（一）予以公开"), "予以公开");
        assert_eq!(
            item_text("1.本机关不掌握相关政府信息"),
            "本机关不掌握相关政府信息"
        );
    }
}
