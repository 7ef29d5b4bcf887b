//! The report as a person fills it in.
//!
//! Only what a person types is stored. Every 总计 (the total column and the （七）总计 row of
//! table 三, the four totals of table 四) is computed from the entered cells on demand, so the
//! sums can never disagree with their parts. A cell not yet filled ([`Entry::Blank`]) is distinct
//! from 0, and text that is not a valid number is kept as typed ([`Entry::Invalid`]) so that no
//! keystroke is lost; the checks report both.

use crate::template::{
    self, OTHER_ITEMS, OVERVIEW_SUBHEADS, T2Cell, T3_ENTERED_COLS, T3_ROW_DEFS, T3_ROWS,
    T4_ENTERED_COLS, T4_GROUPS, t3row,
};
use serde::{Deserialize, Serialize};
use std::fmt;

// ---------------------------------------------------------------------------------------------
// Entries and numbers
// ---------------------------------------------------------------------------------------------

/// One cell as the person left it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Entry<T> {
    /// Not filled yet. Printed tables never show this: the checks flag it first.
    #[default]
    Blank,
    Value(T),
    /// Text that is not a valid value, kept exactly as typed.
    Invalid(String),
}

impl<T: Copy> Entry<T> {
    pub fn value(&self) -> Option<T> {
        match self {
            Entry::Value(v) => Some(*v),
            _ => None,
        }
    }
}

impl<T> Entry<T> {
    pub fn is_blank(&self) -> bool {
        matches!(self, Entry::Blank)
    }
}

/// A count cell: a non-negative whole number.
pub type Count = Entry<u32>;

/// Why typed text is not a valid cell value. `Display` gives the Chinese message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    Negative,
    NotWhole,
    TooManyDecimals,
    NotANumber,
    TooLarge,
    /// "元" was written where the unit is 万元.
    WrongUnit,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputError::Negative => "不能填负数，请填写0或正整数",
            InputError::NotWhole => "件数只能是整数，不能有小数",
            InputError::TooManyDecimals => "金额以万元为单位，最多保留4位小数",
            InputError::NotANumber => "请填写阿拉伯数字，没有的填0",
            InputError::TooLarge => "数字过大，请核实",
            InputError::WrongUnit => "金额单位是万元，请换算成万元后只填数字",
        })
    }
}

/// Full-width digits, the ideographic space and the full-width point become ASCII; surrounding
/// white space goes.
pub fn normalize_number_text(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' | '。' => Some('.'),
            '－' => Some('-'),
            '，' | ',' => None,
            '\u{3000}' => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Reads a count cell as typed: "12", "１２", " 3 ", "" (blank). Anything else is an error.
pub fn parse_count(text: &str) -> Result<Option<u32>, InputError> {
    let s = normalize_number_text(text);
    if s.is_empty() {
        return Ok(None);
    }
    if s.starts_with('-') && s.len() > 1 {
        return Err(InputError::Negative);
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse::<u32>().map(Some).map_err(|_| InputError::TooLarge);
    }
    if s.contains('.') && s.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(InputError::NotWhole);
    }
    Err(InputError::NotANumber)
}

/// Turns typed text into a count entry, keeping invalid text.
pub fn count_from_text(text: &str) -> Count {
    match parse_count(text) {
        Ok(None) => Entry::Blank,
        Ok(Some(n)) => Entry::Value(n),
        Err(_) => Entry::Invalid(text.to_string()),
    }
}

/// An amount in 万元, exact to 4 decimal places (that is, to one 元).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Wanyuan {
    /// The amount in units of 0.0001 万元 (= 1 元).
    pub ten_thousandths: u64,
}

impl Wanyuan {
    pub const ZERO: Wanyuan = Wanyuan { ten_thousandths: 0 };

    pub fn from_yuan(yuan: u64) -> Self {
        Wanyuan {
            ten_thousandths: yuan,
        }
    }

    pub fn whole(&self) -> u64 {
        self.ten_thousandths / 10_000
    }
}

impl fmt::Display for Wanyuan {
    /// Shortest exact form: "0", "12", "0.5", "1.2345".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.ten_thousandths / 10_000;
        let frac = self.ten_thousandths % 10_000;
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            let digits = format!("{frac:04}");
            write!(f, "{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// Reads an amount in 万元 as typed: "0", "1.5", "０．２５". Blank gives `None`.
pub fn parse_wanyuan(text: &str) -> Result<Option<Wanyuan>, InputError> {
    let s = normalize_number_text(text);
    if s.is_empty() {
        return Ok(None);
    }
    let s = s.strip_suffix("万元").unwrap_or(&s).trim();
    if s.ends_with('元') {
        return Err(InputError::WrongUnit);
    }
    if s.starts_with('-') && s.len() > 1 {
        return Err(InputError::Negative);
    }
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    let digits_only = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits_only(whole) || !digits_only(frac) {
        return Err(InputError::NotANumber);
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > 4 {
        return Err(InputError::TooManyDecimals);
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| InputError::TooLarge)?
    };
    let frac_units: u64 = format!("{frac:0<4}").parse().unwrap_or(0);
    whole
        .checked_mul(10_000)
        .and_then(|w| w.checked_add(frac_units))
        .map(|ten_thousandths| Some(Wanyuan { ten_thousandths }))
        .ok_or(InputError::TooLarge)
}

/// Turns typed text into a fee entry, keeping invalid text.
pub fn wanyuan_from_text(text: &str) -> Entry<Wanyuan> {
    match parse_wanyuan(text) {
        Ok(None) => Entry::Blank,
        Ok(Some(v)) => Entry::Value(v),
        Err(_) => Entry::Invalid(text.to_string()),
    }
}

/// A derived sum: the total of the filled parts, and whether every part was filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    pub value: u64,
    /// False when some part is blank or invalid: the total is then only a partial sum.
    pub complete: bool,
}

impl Total {
    pub fn of<'a>(parts: impl IntoIterator<Item = &'a Count>) -> Total {
        parts.into_iter().fold(
            Total {
                value: 0,
                complete: true,
            },
            |acc, e| match e {
                Entry::Value(v) => Total {
                    value: acc.value + u64::from(*v),
                    ..acc
                },
                _ => Total {
                    complete: false,
                    ..acc
                },
            },
        )
    }

    /// The sum of two totals, complete when both are.
    pub fn plus(self, other: Total) -> Total {
        Total {
            value: self.value + other.value,
            complete: self.complete && other.complete,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

/// Table 二: nine counts and the fee amount.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table2 {
    counts: [Count; 9],
    pub fee: Entry<Wanyuan>,
}

impl Table2 {
    pub fn get(&self, cell: T2Cell) -> &Count {
        &self.counts[cell as usize]
    }

    pub fn set(&mut self, cell: T2Cell, entry: Count) {
        self.counts[cell as usize] = entry;
    }
}

/// Table 三: the six applicant columns of the 24 rows a person fills.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table3 {
    /// Indexed by template row (the （七）总计 row stays blank and is never read) and column.
    cells: [[Count; T3_ENTERED_COLS]; T3_ROWS],
}

impl Table3 {
    /// An entered cell. `row` is a template row index, `col` < 6.
    pub fn get(&self, row: usize, col: usize) -> &Count {
        &self.cells[row][col]
    }

    /// Sets an entered cell; writes to the derived （七）总计 row are ignored.
    pub fn set(&mut self, row: usize, col: usize, entry: Count) {
        if T3_ROW_DEFS[row].entered && col < T3_ENTERED_COLS {
            self.cells[row][col] = entry;
        }
    }

    /// Any cell of the printed table, including the derived ones, as a total of entered parts.
    /// `col` may be [`template::T3_TOTAL_COL`].
    pub fn cell(&self, row: usize, col: usize) -> Total {
        if row == t3row::TOTAL {
            return self.outcome_total(col);
        }
        if col == template::T3_TOTAL_COL {
            Total::of(&self.cells[row])
        } else {
            Total::of([&self.cells[row][col]])
        }
    }

    /// （七）总计 of a column: the sum of the 21 outcome rows.
    pub fn outcome_total(&self, col: usize) -> Total {
        (t3row::FIRST_OUTCOME..t3row::TOTAL)
            .map(|r| self.cell(r, col))
            .fold(Total::of([]), Total::plus)
    }

    /// The two sides of the 勾稽关系 for a column: (一 + 二, （七）总计 + 四).
    pub fn balance(&self, col: usize) -> (Total, Total) {
        let left = self
            .cell(t3row::NEW, col)
            .plus(self.cell(t3row::CARRIED_IN, col));
        let right = self
            .outcome_total(col)
            .plus(self.cell(t3row::CARRIED_OUT, col));
        (left, right)
    }

    /// The sum over a group （三）–（六） of a column.
    pub fn group_total(&self, group: usize, col: usize) -> Total {
        template::t3_group_rows(group)
            .map(|r| self.cell(r, col))
            .fold(Total::of([]), Total::plus)
    }

    /// All entered rows and their cells, in template order.
    pub fn entered_rows(&self) -> impl Iterator<Item = (usize, &[Count; T3_ENTERED_COLS])> {
        self.cells
            .iter()
            .enumerate()
            .filter(|(r, _)| T3_ROW_DEFS[*r].entered)
    }

    /// Fills every blank entered cell with 0; invalid text is left for the person to fix.
    pub fn fill_blanks_with_zero(&mut self) {
        for (r, row) in self.cells.iter_mut().enumerate() {
            if T3_ROW_DEFS[r].entered {
                fill_blanks(row);
            }
        }
    }
}

fn fill_blanks(cells: &mut [Count]) {
    for c in cells.iter_mut().filter(|c| c.is_blank()) {
        *c = Entry::Value(0);
    }
}

impl Table2 {
    /// Fills every blank cell, the fee included, with 0.
    pub fn fill_blanks_with_zero(&mut self) {
        fill_blanks(&mut self.counts);
        if self.fee.is_blank() {
            self.fee = Entry::Value(Wanyuan::ZERO);
        }
    }
}

/// Table 四: per group, the four result columns a person fills.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table4 {
    cells: [[Count; T4_ENTERED_COLS]; 3],
}

impl Table4 {
    pub fn get(&self, group: usize, col: usize) -> &Count {
        &self.cells[group][col]
    }

    pub fn set(&mut self, group: usize, col: usize, entry: Count) {
        if col < T4_ENTERED_COLS {
            self.cells[group][col] = entry;
        }
    }

    /// Any cell of a group, col 4 being the derived 总计.
    pub fn cell(&self, group: usize, col: usize) -> Total {
        if col >= T4_ENTERED_COLS {
            Total::of(&self.cells[group])
        } else {
            Total::of([&self.cells[group][col]])
        }
    }

    /// 行政诉讼 in all: 未经复议直接起诉·总计 + 复议后起诉·总计.
    pub fn litigation_total(&self) -> Total {
        self.cell(1, T4_ENTERED_COLS)
            .plus(self.cell(2, T4_ENTERED_COLS))
    }

    pub fn fill_blanks_with_zero(&mut self) {
        for g in &mut self.cells {
            fill_blanks(g);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

/// A calendar date as printed in the date line, e.g. 2022年1月20日.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// Who publishes the report and where: what the title, preface and date line need.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    /// 机关名称 as in the title, e.g. 金乡县人民政府办公室.
    pub agency: String,
    /// 年度: the calendar year reported on; 0 while not set.
    pub year: u16,
    /// Name of the website where the report is published, e.g. 金乡县政府门户网站.
    pub portal_name: String,
    pub portal_url: String,
    /// 专栏 on that site, e.g. 政府信息公开年度报告.
    pub column_name: String,
    /// 联系地址.
    pub address: String,
    /// 联系电话.
    pub phone: String,
    /// 成文/发布日期 for the date line; none prints no date line.
    pub date: Option<Date>,
}

/// A sub-head of section 一 and its text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Subsection {
    /// The title without numbering; the template supplies the default.
    pub title: String,
    /// Paragraphs separated by line breaks.
    pub body: String,
}

/// Section 一: an optional opening and the five sub-heads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Overview {
    pub intro: String,
    pub parts: Vec<Subsection>,
}

impl Default for Overview {
    fn default() -> Self {
        Overview {
            intro: String::new(),
            parts: OVERVIEW_SUBHEADS
                .iter()
                .map(|s| Subsection {
                    title: s.title.to_string(),
                    body: String::new(),
                })
                .collect(),
        }
    }
}

/// The whole report: everything a person enters, nothing derived.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub meta: Meta,
    /// The un-numbered opening paragraphs.
    pub preface: String,
    /// Section 一.
    pub overview: Overview,
    /// Section 二.
    pub table2: Table2,
    /// Section 三.
    pub table3: Table3,
    /// Section 四.
    pub table4: Table4,
    /// Section 五.
    pub problems: String,
    /// Section 六, one text per template item.
    pub other_items: [String; OTHER_ITEMS.len()],
    /// Path of last year's draft, for the cross-year checks.
    pub last_year_draft: Option<String>,
}

impl Report {
    /// A new, empty report for an agency and year, with the template's defaults.
    pub fn new(agency: &str, year: u16) -> Report {
        let mut report = Report {
            meta: Meta {
                agency: agency.trim().to_string(),
                year,
                ..Meta::default()
            },
            ..Report::default()
        };
        report.preface = report.default_preface();
        report
    }

    /// The printed title: `<机关名称><YYYY>年政府信息公开工作年度报告`.
    pub fn title(&self) -> String {
        let year = if self.meta.year == 0 {
            String::new()
        } else {
            format!("{}年", self.meta.year)
        };
        format!("{}{}{}", self.meta.agency, year, template::TITLE_SUFFIX)
    }

    /// The customary preface built from the metadata: basis, the six parts, the period, where
    /// to read it, whom to ask. Parts whose data is missing are left out rather than invented.
    pub fn default_preface(&self) -> String {
        let m = &self.meta;
        let parts: Vec<&str> = template::SECTIONS.iter().map(|s| s.name).collect();
        let mut text = format!(
            "本报告由{}按照《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（{}）要求编制。\n本报告内容包括{}等六部分内容。",
            m.agency,
            template::FORMAT_DOCUMENT,
            parts.join("、")
        );
        if m.year != 0 {
            text.push_str(&format!(
                "\n本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",
                y = m.year
            ));
        } else {
            text.push('\n');
        }
        if !m.portal_name.is_empty() {
            let url = if m.portal_url.is_empty() {
                String::new()
            } else {
                format!("（{}）", m.portal_url)
            };
            let column = if m.column_name.is_empty() {
                String::new()
            } else {
                format!("“{}”专栏", m.column_name)
            };
            text.push_str(&format!(
                "本报告电子版可在{}{}{}查阅或下载。",
                m.portal_name, url, column
            ));
        }
        let contact: Vec<String> = [("地址", &m.address), ("联系电话", &m.phone)]
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}：{v}"))
            .collect();
        if !contact.is_empty() {
            text.push_str(&format!(
                "如对本报告有任何疑问，请与{}联系（{}）。",
                m.agency,
                contact.join("，")
            ));
        }
        text.trim_end().to_string()
    }

    /// Fills every blank cell of the three tables with 0.
    pub fn fill_blanks_with_zero(&mut self) {
        self.table2.fill_blanks_with_zero();
        self.table3.fill_blanks_with_zero();
        self.table4.fill_blanks_with_zero();
    }

    /// Title of a section-一 sub-head with its numbering, e.g. "（一）主动公开情况".
    pub fn overview_heading(&self, index: usize) -> String {
        let title = self
            .overview
            .parts
            .get(index)
            .map(|p| p.title.as_str())
            .unwrap_or("");
        format!("{}{}", template::paren_numeral(index), title)
    }

    /// All prose of section 一, for the text checks.
    pub fn overview_text(&self) -> String {
        std::iter::once(self.overview.intro.as_str())
            .chain(self.overview.parts.iter().map(|p| p.body.as_str()))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Splits prose into its paragraphs: one per non-empty line, trimmed.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// Group index and its label for table 四 messages.
pub fn t4_group_label(group: usize) -> &'static str {
    T4_GROUPS[group].label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_accept_what_people_type() {
        assert_eq!(parse_count("12"), Ok(Some(12)));
        assert_eq!(parse_count("１２"), Ok(Some(12)));
        assert_eq!(parse_count("  7 "), Ok(Some(7)));
        assert_eq!(parse_count("\u{3000}０"), Ok(Some(0)));
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count("   "), Ok(None));
        assert_eq!(parse_count("-1"), Err(InputError::Negative));
        assert_eq!(parse_count("1.5"), Err(InputError::NotWhole));
        assert_eq!(parse_count("abc"), Err(InputError::NotANumber));
        assert_eq!(parse_count("/"), Err(InputError::NotANumber));
        assert_eq!(parse_count("-"), Err(InputError::NotANumber));
        assert_eq!(parse_count("99999999999"), Err(InputError::TooLarge));
        assert_eq!(count_from_text("x1"), Entry::Invalid("x1".into()));
    }

    #[test]
    fn amounts_are_exact() {
        let w = |s: &str| parse_wanyuan(s).map(|o| o.map(|v| v.to_string()));
        assert_eq!(w("0"), Ok(Some("0".into())));
        assert_eq!(w("1.5"), Ok(Some("1.5".into())));
        assert_eq!(w("０．２５"), Ok(Some("0.25".into())));
        assert_eq!(w("1.2345"), Ok(Some("1.2345".into())));
        assert_eq!(w("1.23450"), Ok(Some("1.2345".into())));
        assert_eq!(w(".5"), Ok(Some("0.5".into())));
        assert_eq!(w("3万元"), Ok(Some("3".into())));
        assert_eq!(w("1.23456"), Err(InputError::TooManyDecimals));
        assert_eq!(w("251000元"), Err(InputError::WrongUnit));
        assert_eq!(w("-2"), Err(InputError::Negative));
        assert_eq!(w("."), Err(InputError::NotANumber));
        assert_eq!(w("1.2.3"), Err(InputError::NotANumber));
        // 0.1 + 0.2 is exactly 0.3 here, unlike binary floats.
        let a = parse_wanyuan("0.1").unwrap().unwrap();
        let b = parse_wanyuan("0.2").unwrap().unwrap();
        assert_eq!(
            Wanyuan {
                ten_thousandths: a.ten_thousandths + b.ten_thousandths
            },
            parse_wanyuan("0.3").unwrap().unwrap()
        );
    }

    #[test]
    fn totals_know_when_they_are_partial() {
        let mut t = Table3::default();
        t.set(t3row::NEW, 0, Entry::Value(3));
        assert_eq!(
            t.cell(t3row::NEW, 6),
            Total {
                value: 3,
                complete: false
            }
        );
        for c in 1..6 {
            t.set(t3row::NEW, c, Entry::Value(1));
        }
        assert_eq!(
            t.cell(t3row::NEW, 6),
            Total {
                value: 8,
                complete: true
            }
        );
        // The derived row cannot be written.
        t.set(t3row::TOTAL, 0, Entry::Value(99));
        assert_eq!(t.outcome_total(0).value, 0);
    }

    #[test]
    fn preface_from_metadata() {
        let mut r = Report::new("某县人民政府办公室", 2023);
        r.meta.portal_name = "某县人民政府门户网站".into();
        r.meta.phone = "0000-1234567".into();
        let p = r.default_preface();
        assert!(p.contains("自2023年1月1日起至2023年12月31日止"), "{p}");
        assert!(p.contains("总体情况、主动公开政府信息情况"), "{p}");
        assert!(p.contains("联系电话：0000-1234567"), "{p}");
        assert!(!p.contains("地址"), "{p}");
        assert_eq!(
            r.title(),
            "某县人民政府办公室2023年政府信息公开工作年度报告"
        );
    }
}
