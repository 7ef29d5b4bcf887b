//! Where in the report: one typed vocabulary for the checks (where a finding is), the form (which
//! field to show), the printed layout (which field produced a line) and, later, import and audit.

use super::{
    Count, Entry, InputError, Report, Total, count_from_text, wanyuan_from_text, year_from_text,
};
use crate::model::Date;
use crate::template::{
    self, OTHER_ITEMS, OVERVIEW_SUBHEADS, SectionKey, T2Cell, T3Col, T3Row, T4Col, T4Group,
};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// A one-line field of 基本信息.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MetaField {
    Agency,
    Year,
    PortalName,
    PortalUrl,
    ColumnName,
    Address,
    Phone,
    /// 成文日期, typed as 2022-01-20 or 2022年1月20日.
    Date,
    /// Where the printed title breaks, typed as the title with "/" at each break; blank: the
    /// title breaks by itself.
    TitleBreak,
}

impl MetaField {
    /// Every field, in the order of the form.
    pub const ALL: [MetaField; 9] = [
        MetaField::Agency,
        MetaField::Year,
        MetaField::PortalName,
        MetaField::PortalUrl,
        MetaField::ColumnName,
        MetaField::Address,
        MetaField::Phone,
        MetaField::Date,
        MetaField::TitleBreak,
    ];

    /// Stable key, as in draft files and `check --json`.
    pub fn key(self) -> &'static str {
        match self {
            MetaField::Agency => "agency",
            MetaField::Year => "year",
            MetaField::PortalName => "portal_name",
            MetaField::PortalUrl => "portal_url",
            MetaField::ColumnName => "column_name",
            MetaField::Address => "address",
            MetaField::Phone => "phone",
            MetaField::Date => "date",
            MetaField::TitleBreak => "title_lines",
        }
    }

    /// The Chinese name, for the form and messages.
    pub fn label(self) -> &'static str {
        match self {
            MetaField::Agency => "机关名称",
            MetaField::Year => "年度",
            MetaField::PortalName => "发布网站名称",
            MetaField::PortalUrl => "网站地址",
            MetaField::ColumnName => "专栏名称",
            MetaField::Address => "联系地址",
            MetaField::Phone => "联系电话",
            MetaField::Date => "成文日期",
            MetaField::TitleBreak => "标题分行",
        }
    }
}

/// A multi-line text of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Prose {
    /// The un-numbered opening paragraphs.
    Preface,
    /// The opening paragraph of section 一.
    OverviewIntro,
    /// The body of a sub-head of section 一, by index.
    OverviewPart(usize),
    /// Section 五.
    Problems,
    /// A sub-item of section 六, by index.
    OtherItem(usize),
}

impl Prose {
    /// Every prose field of the template, in report order.
    pub fn all() -> impl Iterator<Item = Prose> {
        [Prose::Preface, Prose::OverviewIntro]
            .into_iter()
            .chain((0..OVERVIEW_SUBHEADS.len()).map(Prose::OverviewPart))
            .chain([Prose::Problems])
            .chain((0..OTHER_ITEMS.len()).map(Prose::OtherItem))
    }

    /// The section it belongs to; `None` for the preface.
    pub fn section(self) -> Option<SectionKey> {
        match self {
            Prose::Preface => None,
            Prose::OverviewIntro | Prose::OverviewPart(_) => Some(SectionKey::Overview),
            Prose::Problems => Some(SectionKey::Problems),
            Prose::OtherItem(_) => Some(SectionKey::Other),
        }
    }
}

/// A number cell of one of the three tables, derived totals included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cell {
    /// A count of table 二.
    T2(T2Cell),
    /// The 万元 amount of table 二.
    T2Fee,
    /// A cell of table 三.
    T3(T3Row, T3Col),
    /// A cell of table 四.
    T4(T4Group, T4Col),
}

impl Cell {
    /// The section whose table holds it.
    pub fn section(self) -> SectionKey {
        match self {
            Cell::T2(_) | Cell::T2Fee => SectionKey::Proactive,
            Cell::T3(..) => SectionKey::Applications,
            Cell::T4(..) => SectionKey::Review,
        }
    }

    /// Whether it is a 总计 computed from other cells (never typed).
    pub fn is_derived(self) -> bool {
        match self {
            Cell::T2(_) | Cell::T2Fee => false,
            Cell::T3(row, col) => !row.is_entered() || col.is_total(),
            Cell::T4(_, col) => col == T4Col::Total,
        }
    }

    /// The entered or derived cells a derived 总计 adds up, in print order (empty for a cell
    /// that is typed): a row's applicant types, the 21 outcome rows of a column, a group's
    /// four results. What a spreadsheet's formulas and the model's sums both follow.
    pub fn parts(self) -> Vec<Cell> {
        match self {
            Cell::T3(row, col) if !row.is_entered() => {
                T3Row::outcomes().map(|r| Cell::T3(r, col)).collect()
            }
            Cell::T3(row, col) if col.is_total() => {
                T3Col::ENTERED.iter().map(|c| Cell::T3(row, *c)).collect()
            }
            Cell::T4(group, T4Col::Total) => {
                T4Col::ENTERED.iter().map(|c| Cell::T4(group, *c)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Where it is, in words: "表三 一、本年新收政府信息公开申请数量 · 自然人".
    pub fn describe(self) -> String {
        match self {
            Cell::T2(cell) => {
                let (row, col) = cell.labels();
                format!("表二 {row} · {col}")
            }
            Cell::T2Fee => format!("表二 {} · {}", template::FEE_LABEL, template::FEE_HEADER),
            Cell::T3(row, col) => format!("表三 {} · {}", row.name(), col.label()),
            Cell::T4(group, col) => format!("表四 {} · {}", group.label(), col.label()),
        }
    }
}

/// Where something is in the report, precise enough for the form to jump to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// The printed title, made from 机关名称 and 年度.
    Title,
    /// A field of 基本信息.
    Meta(MetaField),
    /// A multi-line text.
    Prose(Prose),
    /// The title of a sub-head of section 一, by index.
    OverviewTitle(usize),
    /// A section as a whole: its heading, or a finding about all of it.
    Section(SectionKey),
    /// A cell of one of the three tables.
    Cell(Cell),
    /// A whole column of table 三.
    Table3Column(T3Col),
}

/// The name of the preface wherever it is shown.
pub const PREFACE_NAME: &str = "开头说明段落";

impl Place {
    /// The section the place belongs to; `None` for the title, metadata and the preface.
    pub fn section(&self) -> Option<SectionKey> {
        match self {
            Place::Title | Place::Meta(_) => None,
            Place::Prose(p) => p.section(),
            Place::OverviewTitle(_) => Some(SectionKey::Overview),
            Place::Section(section) => Some(*section),
            Place::Cell(cell) => Some(cell.section()),
            Place::Table3Column(_) => Some(SectionKey::Applications),
        }
    }

    /// Where it is, in words: "表三 一、本年新收政府信息公开申请数量 · 自然人".
    pub fn describe(&self) -> String {
        let heading = |key| template::section(key).heading();
        match self {
            Place::Title => "报告标题".to_string(),
            Place::Meta(field) => format!("基本信息 · {}", field.label()),
            Place::Prose(Prose::Preface) => format!("基本信息 · {PREFACE_NAME}"),
            Place::Prose(Prose::OverviewIntro) => {
                format!("{} · 开头段落", heading(SectionKey::Overview))
            }
            Place::Prose(Prose::OverviewPart(index)) | Place::OverviewTitle(index) => format!(
                "{} · {}{}",
                heading(SectionKey::Overview),
                template::paren_numeral(*index),
                OVERVIEW_SUBHEADS.get(*index).map_or("", |s| s.title)
            ),
            Place::Prose(Prose::Problems) => heading(SectionKey::Problems),
            Place::Prose(Prose::OtherItem(index)) => format!(
                "{} · {}{}",
                heading(SectionKey::Other),
                template::paren_numeral(*index),
                OTHER_ITEMS.get(*index).map_or("", |d| d.label)
            ),
            Place::Section(section) => heading(*section),
            Place::Cell(cell) => cell.describe(),
            Place::Table3Column(col) => format!("表三 「{}」列", col.label()),
        }
    }
}

/// `check --json` names places by their stable keys: `{"kind": "table3", "row": "new",
/// "col": "natural"}`.
impl Serialize for Place {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        match *self {
            Place::Title => m.serialize_entry("kind", "title")?,
            Place::Meta(field) => {
                m.serialize_entry("kind", "meta")?;
                m.serialize_entry("field", field.key())?;
            }
            Place::Prose(prose) => {
                let (kind, index) = match prose {
                    Prose::Preface => ("preface", None),
                    Prose::OverviewIntro => ("overview_intro", None),
                    Prose::OverviewPart(i) => ("overview_part", Some(i)),
                    Prose::Problems => ("problems", None),
                    Prose::OtherItem(i) => ("other_item", Some(i)),
                };
                m.serialize_entry("kind", kind)?;
                if let Some(i) = index {
                    m.serialize_entry("index", &i)?;
                }
            }
            Place::OverviewTitle(index) => {
                m.serialize_entry("kind", "overview_title")?;
                m.serialize_entry("index", &index)?;
            }
            Place::Section(section) => {
                m.serialize_entry("kind", "section")?;
                m.serialize_entry("section", template::section(section).name)?;
            }
            Place::Cell(Cell::T2(cell)) => {
                m.serialize_entry("kind", "table2")?;
                m.serialize_entry("cell", cell.key())?;
            }
            Place::Cell(Cell::T2Fee) => {
                m.serialize_entry("kind", "table2")?;
                m.serialize_entry("cell", template::FEE_KEY)?;
            }
            Place::Cell(Cell::T3(row, col)) => {
                m.serialize_entry("kind", "table3")?;
                m.serialize_entry("row", row.def().key)?;
                m.serialize_entry("col", col.def().key)?;
            }
            Place::Cell(Cell::T4(group, col)) => {
                m.serialize_entry("kind", "table4")?;
                m.serialize_entry("group", group.def().key)?;
                m.serialize_entry("col", col.key())?;
            }
            Place::Table3Column(col) => {
                m.serialize_entry("kind", "table3_column")?;
                m.serialize_entry("col", col.def().key)?;
            }
        }
        m.end()
    }
}

/// Reading and writing the report by place: the one path the form, the importer and the tests
/// use, so a value typed anywhere is kept, parsed and derived the same way.
impl Report {
    /// The text of a prose field ("" for an index the template does not have).
    pub fn prose(&self, field: Prose) -> &str {
        match field {
            Prose::Preface => &self.preface,
            Prose::OverviewIntro => &self.overview.intro,
            Prose::OverviewPart(i) => self.overview.parts.get(i).map_or("", |p| &p.body),
            Prose::Problems => &self.problems,
            Prose::OtherItem(i) => self.other_items.get(i).map_or("", String::as_str),
        }
    }

    /// The text of a prose field to change; `None` for an index the template does not have.
    pub fn prose_mut(&mut self, field: Prose) -> Option<&mut String> {
        match field {
            Prose::Preface => Some(&mut self.preface),
            Prose::OverviewIntro => Some(&mut self.overview.intro),
            Prose::OverviewPart(i) => self.overview.parts.get_mut(i).map(|p| &mut p.body),
            Prose::Problems => Some(&mut self.problems),
            Prose::OtherItem(i) => self.other_items.get_mut(i),
        }
    }

    /// A metadata field as the form shows it: the year as digits ("" while unset, the text as
    /// typed while it is not a year), the date as printed ("2022年1月20日").
    pub fn meta_text(&self, field: MetaField) -> String {
        let m = &self.meta;
        match field {
            MetaField::Agency => m.agency.clone(),
            MetaField::Year => match &m.year {
                Entry::Blank => String::new(),
                Entry::Value(y) => y.to_string(),
                Entry::Invalid(text) => text.clone(),
            },
            MetaField::PortalName => m.portal_name.clone(),
            MetaField::PortalUrl => m.portal_url.clone(),
            MetaField::ColumnName => m.column_name.clone(),
            MetaField::Address => m.address.clone(),
            MetaField::Phone => m.phone.clone(),
            MetaField::Date => m.date.map(|d| d.to_string()).unwrap_or_default(),
            MetaField::TitleBreak => m.title_lines.clone(),
        }
    }

    /// Sets a metadata field from typed text. A year that does not read as one is kept as typed,
    /// like a cell, and the error says why (blank clears it). A date must read as one (blank
    /// clears it); otherwise the report keeps its date and the error says why, so the form can
    /// keep the typed text beside the message.
    pub fn set_meta(&mut self, field: MetaField, text: &str) -> Result<(), InputError> {
        let m = &mut self.meta;
        let slot = match field {
            MetaField::Agency => &mut m.agency,
            MetaField::PortalName => &mut m.portal_name,
            MetaField::PortalUrl => &mut m.portal_url,
            MetaField::ColumnName => &mut m.column_name,
            MetaField::Address => &mut m.address,
            MetaField::Phone => &mut m.phone,
            MetaField::TitleBreak => &mut m.title_lines,
            MetaField::Year => {
                m.year = year_from_text(text);
                return match m.year {
                    Entry::Invalid(_) => Err(InputError::NotAYear),
                    _ if text.trim().is_empty() => Ok(()),
                    Entry::Blank => Err(InputError::NotAYear),
                    Entry::Value(_) => Ok(()),
                };
            }
            MetaField::Date if text.trim().is_empty() => {
                m.date = None;
                return Ok(());
            }
            MetaField::Date => {
                m.date = Some(Date::parse(text).ok_or(InputError::NotADate)?);
                return Ok(());
            }
        };
        *slot = text.to_string();
        Ok(())
    }

    /// A cell's value: entered cells as typed, derived ones as the total of their parts.
    pub fn cell_total(&self, cell: Cell) -> Option<Total> {
        match cell {
            Cell::T2(c) => Some(Total::of([self.table2.get(c)])),
            Cell::T2Fee => None,
            Cell::T3(row, col) => Some(self.table3.cell(row, col)),
            Cell::T4(group, col) => Some(self.table4.cell(group, col)),
        }
    }

    /// An entered count cell; `None` for the fee amount and for derived cells.
    pub fn count(&self, cell: Cell) -> Option<&Count> {
        match cell {
            _ if cell.is_derived() => None,
            Cell::T2(c) => Some(self.table2.get(c)),
            Cell::T2Fee => None,
            Cell::T3(row, col) => Some(self.table3.get(row, col)),
            Cell::T4(group, col) => Some(self.table4.get(group, col)),
        }
    }

    /// The text an entered cell holds: its value, the invalid text as typed, or "" when blank.
    /// Derived cells give their total.
    pub fn cell_text(&self, cell: Cell) -> String {
        fn text_of<T: std::fmt::Display>(e: &Entry<T>) -> String {
            match e {
                Entry::Blank => String::new(),
                Entry::Value(v) => v.to_string(),
                Entry::Invalid(t) => t.clone(),
            }
        }
        match cell {
            Cell::T2Fee => text_of(&self.table2.fee),
            _ => match self.count(cell) {
                Some(entry) => text_of(entry),
                None => self
                    .cell_total(cell)
                    .map(|t| t.value.to_string())
                    .unwrap_or_default(),
            },
        }
    }

    /// Sets an entered cell from typed text: blank, a value, or the text kept as typed when it
    /// is not a valid number. Writes to derived cells are ignored.
    pub fn set_cell(&mut self, cell: Cell, text: &str) {
        match cell {
            _ if cell.is_derived() => {}
            Cell::T2(c) => self.table2.set(c, count_from_text(text)),
            Cell::T2Fee => self.table2.fee = wanyuan_from_text(text),
            Cell::T3(row, col) => self.table3.set(row, col, count_from_text(text)),
            Cell::T4(group, col) => self.table4.set(group, col, count_from_text(text)),
        }
    }
}
