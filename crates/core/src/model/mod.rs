//! The report as a person fills it in.
//!
//! Only what a person types is stored. Every 总计 (the total column and the （七）总计 row of
//! table 三, the four totals of table 四) is computed from the entered cells on demand, so the
//! sums can never disagree with their parts. A cell not yet filled ([`Entry::Blank`]) is distinct
//! from 0, and text that is not a valid number is kept as typed ([`Entry::Invalid`]) so that no
//! keystroke is lost; the checks report both.
//!
//! Every place in the report (a metadata field, a prose field, a table cell) has one typed name,
//! [`Place`], with accessors on [`Report`]: the checks, the form, the printed layout and the
//! generated text all address the report through it.

mod ack;
mod entry;
mod input;
mod invisible;
mod level;
mod link;
pub mod paste;
mod place;

pub use ack::Acknowledgement;
pub use entry::{Count, Entry, Total, Wanyuan};
pub use input::{
    InputError, YEARS, count_from_text, normalize_number_text, parse_count, parse_wanyuan,
    parse_year, wanyuan_from_text, year_from_text,
};
pub use invisible::{describe_invisible, is_default_ignorable, strip_invisible};
pub use level::AgencyLevel;
pub use link::LastYearLink;
pub use place::{Cell, MetaField, PREFACE_NAME, Place, Prose};

use crate::template::{
    self, OTHER_ITEMS, OVERVIEW_SUBHEADS, T2Cell, T3_ENTERED_COLS, T3_ROWS, T3Col, T3Group, T3Row,
    T4_ENTERED_COLS, T4Col, T4Group,
};
use serde::{Deserialize, Serialize};
use std::fmt;

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
    /// Indexed by row (the （七）总计 row stays blank and is never read) and entered column.
    cells: [[Count; T3_ENTERED_COLS]; T3_ROWS],
}

impl Table3 {
    /// An entered cell; the derived row and column read as blank (use [`Table3::cell`]).
    pub fn get(&self, row: T3Row, col: T3Col) -> &Count {
        const BLANK: &Count = &Entry::Blank;
        self.cells[row.index()].get(col.index()).unwrap_or(BLANK)
    }

    /// Sets an entered cell; writes to the derived （七）总计 row or 总计 column are ignored.
    pub fn set(&mut self, row: T3Row, col: T3Col, entry: Count) {
        if row.is_entered()
            && let Some(cell) = self.cells[row.index()].get_mut(col.index())
        {
            *cell = entry;
        }
    }

    /// Any cell of the printed table, including the derived ones, as a total of entered parts.
    pub fn cell(&self, row: T3Row, col: T3Col) -> Total {
        if row == T3Row::TOTAL {
            return self.outcome_total(col);
        }
        if col.is_total() {
            Total::of(&self.cells[row.index()])
        } else {
            Total::of([self.get(row, col)])
        }
    }

    /// （七）总计 of a column: the sum of the 21 outcome rows.
    pub fn outcome_total(&self, col: T3Col) -> Total {
        T3Row::outcomes()
            .map(|r| self.cell(r, col))
            .fold(Total::of([]), Total::plus)
    }

    /// The two sides of the 勾稽关系 for a column: (一 + 二, （七）总计 + 四).
    pub fn balance(&self, col: T3Col) -> (Total, Total) {
        let left = self
            .cell(T3Row::NEW, col)
            .plus(self.cell(T3Row::CARRIED_IN, col));
        let right = self
            .outcome_total(col)
            .plus(self.cell(T3Row::CARRIED_OUT, col));
        (left, right)
    }

    /// The sum over a group （三）–（六） of a column.
    pub fn group_total(&self, group: T3Group, col: T3Col) -> Total {
        group
            .rows()
            .map(|r| self.cell(r, col))
            .fold(Total::of([]), Total::plus)
    }

    /// All entered rows and their cells, in template order.
    pub fn entered_rows(&self) -> impl Iterator<Item = (T3Row, &[Count; T3_ENTERED_COLS])> {
        T3Row::entered().map(|r| (r, &self.cells[r.index()]))
    }

    /// Fills every blank entered cell with 0; invalid text is left for the person to fix.
    pub fn fill_blanks_with_zero(&mut self) {
        for row in T3Row::entered() {
            fill_blanks(&mut self.cells[row.index()]);
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
    /// An entered cell; the derived 总计 reads as blank (use [`Table4::cell`]).
    pub fn get(&self, group: T4Group, col: T4Col) -> &Count {
        const BLANK: &Count = &Entry::Blank;
        self.cells[group as usize].get(col.index()).unwrap_or(BLANK)
    }

    /// Sets an entered cell; writes to the derived 总计 are ignored.
    pub fn set(&mut self, group: T4Group, col: T4Col, entry: Count) {
        if let Some(cell) = self.cells[group as usize].get_mut(col.index()) {
            *cell = entry;
        }
    }

    /// Any cell of a group, 总计 included.
    pub fn cell(&self, group: T4Group, col: T4Col) -> Total {
        if col == T4Col::Total {
            Total::of(&self.cells[group as usize])
        } else {
            Total::of([self.get(group, col)])
        }
    }

    /// 行政诉讼 in all: 未经复议直接起诉·总计 + 复议后起诉·总计.
    pub fn litigation_total(&self) -> Total {
        self.cell(T4Group::LitigationDirect, T4Col::Total)
            .plus(self.cell(T4Group::LitigationAfterReview, T4Col::Total))
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
    /// 年度: the calendar year reported on; blank while not set, and text that is not a year in
    /// [`YEARS`] (a hand-edited `99999`, `-5`, `true`) kept as typed for the checks to report.
    /// The year itself is `year.value()`.
    pub year: Entry<u16>,
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
    /// What closes the report when a date is set: the date alone, or the agency's name over it.
    #[serde(skip_serializing_if = "Signoff::is_default")]
    pub signoff: Signoff,
    /// The printed title as a person broke it, "/" at each break (某某县人民政府办公室/2025年政府信息
    /// 公开工作年度报告); blank: the title breaks by itself. Kept as typed: text that no longer
    /// spells the title (the agency was renamed since) is reported and not used.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title_lines: String,
    /// The agency's level as chosen in 基本信息; none: inferred from the name
    /// ([`Meta::level`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<AgencyLevel>,
    /// A cap on the length of section 一 in characters that the person's city sets (often
    /// 1000); none: no cap, the count is only shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overview_limit: Option<u32>,
}

/// 落款: what is printed under the last section when a date is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Signoff {
    /// The date alone, 右空四字 (as most published reports that print a date do).
    #[default]
    Date,
    /// The agency's name, 右空二字, with the date centred under it (GB/T 9704 §7.3.5).
    NameAndDate,
}

impl Signoff {
    pub const ALL: [Signoff; 2] = [Signoff::Date, Signoff::NameAndDate];

    pub fn label(self) -> &'static str {
        match self {
            Signoff::Date => "仅成文日期",
            Signoff::NameAndDate => "署名 + 成文日期",
        }
    }

    fn is_default(&self) -> bool {
        *self == Signoff::default()
    }
}

/// The characters that mark a break in [`Meta::title_lines`].
const TITLE_BREAK_MARKS: [char; 2] = ['/', '／'];

impl Meta {
    /// The title's lines as the person broke them, when their text is still the title's;
    /// `None` when blank or when it spells something else.
    pub fn title_lines_for(&self, title: &str) -> Option<Vec<String>> {
        if self.title_lines.trim().is_empty() {
            return None;
        }
        let lines: Vec<String> = self
            .title_lines
            .split(TITLE_BREAK_MARKS)
            .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
            .filter(|l| !l.is_empty())
            .collect();
        let spelled: String = title.chars().filter(|c| !c.is_whitespace()).collect();
        (lines.concat() == spelled).then_some(lines)
    }

    /// The agency's level: as chosen, else as the name suggests.
    pub fn level(&self) -> Option<AgencyLevel> {
        self.level.or_else(|| AgencyLevel::infer(&self.agency))
    }
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
    /// Where last year's draft is, for the cross-year checks.
    pub last_year: Option<LastYearLink>,
    /// Warnings a person has marked "已核实", with the reason.
    pub acknowledged: Vec<Acknowledgement>,
}

impl Report {
    /// A new, empty report for an agency and year, with the template's defaults.
    pub fn new(agency: &str, year: u16) -> Report {
        let mut report = Report {
            meta: Meta {
                agency: agency.trim().to_string(),
                year: year_from_text(&year.to_string()),
                ..Meta::default()
            },
            ..Report::default()
        };
        report.preface = report.default_preface();
        report
    }

    /// The printed title: `<机关名称><YYYY>年政府信息公开工作年度报告`.
    pub fn title(&self) -> String {
        let year = self
            .meta
            .year
            .value()
            .map_or(String::new(), |y| format!("{y}年"));
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
        if let Some(y) = m.year.value() {
            text.push_str(&format!(
                "\n本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
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
        t.set(T3Row::NEW, T3Col::NATURAL, Entry::Value(3));
        assert_eq!(
            t.cell(T3Row::NEW, T3Col::TOTAL),
            Total {
                value: 3,
                complete: false
            }
        );
        for c in &T3Col::ENTERED[1..] {
            t.set(T3Row::NEW, *c, Entry::Value(1));
        }
        assert_eq!(
            t.cell(T3Row::NEW, T3Col::TOTAL),
            Total {
                value: 8,
                complete: true
            }
        );
        // The derived row cannot be written.
        t.set(T3Row::TOTAL, T3Col::NATURAL, Entry::Value(99));
        assert_eq!(t.outcome_total(T3Col::NATURAL).value, 0);
        t.set(T3Row::NEW, T3Col::TOTAL, Entry::Value(99));
        assert_eq!(t.cell(T3Row::NEW, T3Col::TOTAL).value, 8);
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

    #[test]
    fn dates_must_be_real_days() {
        let d = |y, m, d| {
            Some(Date {
                year: y,
                month: m,
                day: d,
            })
        };
        assert_eq!(Date::parse("2022-01-20"), d(2022, 1, 20));
        assert_eq!(Date::parse("２０２２年１月２０日"), d(2022, 1, 20));
        assert_eq!(Date::parse("2024/2/29"), d(2024, 2, 29));
        assert_eq!(Date::parse("2022-02-31"), None);
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2100-02-29"), None);
        assert_eq!(Date::parse("2022-04-31"), None);
        assert_eq!(Date::parse("2022-13-01"), None);
        assert_eq!(Date::parse("2022-01-00"), None);
        assert_eq!(Date::parse("1999-01-01"), None);
    }

    #[test]
    fn fields_are_read_and_written_by_place() {
        let mut r = Report::new("某县", 2023);
        assert_eq!(r.set_meta(MetaField::Year, "２０２４年"), Ok(()));
        assert_eq!(r.meta.year, Entry::Value(2024));
        assert_eq!(r.set_meta(MetaField::Year, "24"), Err(InputError::NotAYear));
        assert_eq!(
            r.meta.year,
            Entry::Invalid("24".into()),
            "a bad year is kept as typed, for the checks to report"
        );
        assert_eq!(r.meta_text(MetaField::Year), "24");
        assert_eq!(r.set_meta(MetaField::Year, ""), Ok(()));
        assert_eq!(r.meta.year, Entry::Blank);
        assert_eq!(
            r.set_meta(MetaField::Date, "2022-02-31"),
            Err(InputError::NotADate)
        );
        assert_eq!(r.meta.date, None);
        assert_eq!(r.set_meta(MetaField::Date, "2025-01-20"), Ok(()));
        assert_eq!(r.meta_text(MetaField::Date), "2025年1月20日");
        let cell = Cell::T3(T3Row::OPEN, T3Col::NATURAL);
        r.set_cell(cell, "１２");
        assert_eq!(r.table3.get(T3Row::OPEN, T3Col::NATURAL), &Entry::Value(12));
        r.set_cell(cell, "1a2");
        assert_eq!(r.cell_text(cell), "1a2");
        r.set_cell(Cell::T3(T3Row::TOTAL, T3Col::NATURAL), "99");
        r.set_cell(Cell::T4(T4Group::Review, T4Col::Total), "99");
        assert_eq!(r.table4.cell(T4Group::Review, T4Col::Total).value, 0);
        r.set_cell(Cell::T4(T4Group::Review, T4Col::Pending), "2");
        assert_eq!(r.cell_text(Cell::T4(T4Group::Review, T4Col::Total)), "2");
        *r.prose_mut(Prose::OtherItem(0)).expect("六（一）") = "未收取任何费用。".into();
        assert_eq!(r.prose(Prose::OtherItem(0)), "未收取任何费用。");
        assert_eq!(r.prose(Prose::OtherItem(99)), "");
        assert!(r.prose_mut(Prose::OverviewPart(99)).is_none());
    }

    #[test]
    fn a_title_broken_by_hand_is_used_only_while_it_spells_the_title() {
        let mut r = Report::new("某某县人民政府办公室", 2025);
        let title = r.title();
        assert_eq!(r.meta.title_lines_for(&title), None);
        r.meta.title_lines = " 某某县人民政府办公室 ／ 2025年政府信息公开工作年度报告/".into();
        assert_eq!(
            r.meta.title_lines_for(&title),
            Some(vec![
                "某某县人民政府办公室".to_string(),
                "2025年政府信息公开工作年度报告".to_string()
            ])
        );
        r.meta.agency = "某某县人民政府".into();
        assert_eq!(r.meta.title_lines_for(&r.title()), None);
    }
}
