//! Draft files: the report saved as readable RON.
//!
//! Tables are written as maps keyed by the template's row keys, rows in template order, so a
//! person can read and mend a draft in a text editor. Loading is tolerant: missing fields take
//! their defaults and unknown fields and rows are ignored, so drafts of older and newer versions
//! open. Writes are atomic and keep the previous file as a backup. See docs/draft-format.md.

use crate::model::LastYearLink;
use crate::model::{
    Acknowledgement, Count, Entry, Meta, Overview, Report, Table2, Table3, Table4, Wanyuan,
};
use crate::model::{count_from_text, wanyuan_from_text};
use crate::store::atomic::write_atomic;
use crate::template::{FEE_KEY, OTHER_ITEMS, T2Cell, T3Col, T3Row, T4Col, T4Group};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeTuple};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// Format version written into new drafts.
pub const FORMAT_VERSION: u32 = 1;
/// File name extension of drafts.
pub const EXTENSION: &str = "ron";
/// Drafts larger than this are refused: a real report is a few tens of KB.
pub const MAX_DRAFT_BYTES: u64 = 8 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------------------------

impl Serialize for Entry<u32> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Entry::Blank => s.serialize_none(),
            Entry::Value(v) => s.serialize_u32(*v),
            Entry::Invalid(text) => s.serialize_str(text),
        }
    }
}

impl Serialize for Entry<Wanyuan> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Entry::Blank => s.serialize_none(),
            // A string keeps the amount exact: no binary float ever holds it.
            Entry::Value(v) => s.serialize_str(&v.to_string()),
            Entry::Invalid(text) => s.serialize_str(text),
        }
    }
}

/// Accepts a number, a string (as typed) or `None` for a cell, never failing on the value
/// itself: what is not a valid value is kept as text for the checks to report.
struct EntryVisitor<T>(fn(&str) -> Entry<T>);

impl<'de, T> Visitor<'de> for EntryVisitor<T> {
    type Value = Entry<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, a quoted text or None")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok((self.0)(&v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok((self.0)(&v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // Rust prints the shortest text that reads back as the same float: "0.5", not
        // "0.5000000001", so a hand-written amount keeps its decimal digits.
        Ok((self.0)(&v.to_string()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok((self.0)(v))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Entry::Blank)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Entry::Blank)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Deserialize<'de> for Entry<u32> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EntryVisitor(count_from_text))
    }
}

impl<'de> Deserialize<'de> for Entry<Wanyuan> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EntryVisitor(wanyuan_from_text))
    }
}

/// A row of cells written as a tuple `(10, 1, 0, 0, 0, 0)`.
struct Row<'a>(&'a [Count]);

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut t = s.serialize_tuple(self.0.len())?;
        for c in self.0 {
            t.serialize_element(c)?;
        }
        t.end()
    }
}

/// A row read back: as many cells as the file has; extra ones are dropped, missing ones blank.
struct RowIn(Vec<Count>);

impl<'de> Deserialize<'de> for RowIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RowIn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a row of cells like (0, 1, 0)")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RowIn, A::Error> {
                let mut cells = Vec::new();
                while let Some(c) = seq.next_element::<Count>()? {
                    cells.push(c);
                }
                Ok(RowIn(cells))
            }
        }
        // `any`, so that both `(1, 2)` and `[1, 2]` read as a row.
        d.deserialize_any(V)
    }
}

/// Reads a map of string keys, keeping the values it knows and skipping others.
fn read_keyed_map<'de, A, V>(mut map: A) -> Result<BTreeMap<String, V>, A::Error>
where
    A: MapAccess<'de>,
    V: Deserialize<'de>,
{
    let mut out = BTreeMap::new();
    while let Some(key) = map.next_key::<String>()? {
        out.insert(key, map.next_value::<V>()?);
    }
    Ok(out)
}

macro_rules! keyed_map_deserialize {
    ($ty:ty, $value:ty, $expecting:expr, $build:expr) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        let entries: BTreeMap<String, $value> = read_keyed_map(map)?;
                        Ok($build(entries))
                    }
                }
                d.deserialize_map(V)
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

/// A table-二 value read back as text, so that each key can be read with its own parser: a
/// count or, under the fee key, an amount.
enum TextOrNumber {
    Blank,
    Text(String),
}

impl<'de> Deserialize<'de> for TextOrNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let e = d.deserialize_any(EntryVisitor(|t| Entry::<()>::Invalid(t.to_string())))?;
        Ok(match e {
            Entry::Invalid(t) => TextOrNumber::Text(t),
            _ => TextOrNumber::Blank,
        })
    }
}

impl Serialize for Table2 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(T2Cell::ALL.len() + 1))?;
        for cell in T2Cell::ALL {
            m.serialize_entry(cell.key(), self.get(cell))?;
        }
        m.serialize_entry(FEE_KEY, &self.fee)?;
        m.end()
    }
}

keyed_map_deserialize!(
    Table2,
    TextOrNumber,
    "table 二 as a map",
    |entries: BTreeMap<String, TextOrNumber>| {
        let mut t = Table2::default();
        for (key, v) in entries {
            let text = match v {
                TextOrNumber::Blank => continue,
                TextOrNumber::Text(t) => t,
            };
            if key == FEE_KEY {
                t.fee = wanyuan_from_text(&text);
            } else if let Some(cell) = T2Cell::ALL.into_iter().find(|c| c.key() == key) {
                t.set(cell, count_from_text(&text));
            }
        }
        t
    }
);

impl Serialize for Table3 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (row, cells) in self.entered_rows() {
            m.serialize_entry(row.def().key, &Row(cells))?;
        }
        m.end()
    }
}

keyed_map_deserialize!(
    Table3,
    RowIn,
    "table 三 as a map of rows",
    |entries: BTreeMap<String, RowIn>| {
        let mut t = Table3::default();
        for (key, RowIn(cells)) in entries {
            if let Some(row) = T3Row::from_key(&key).filter(|r| r.is_entered()) {
                // Cells beyond the row's width are dropped.
                for (col, e) in T3Col::ENTERED.into_iter().zip(cells) {
                    t.set(row, col, e);
                }
            }
        }
        t
    }
);

impl Serialize for Table4 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(T4Group::ALL.len()))?;
        for group in T4Group::ALL {
            let cells = T4Col::ENTERED.map(|c| self.get(group, c).clone());
            m.serialize_entry(group.def().key, &Row(&cells))?;
        }
        m.end()
    }
}

keyed_map_deserialize!(
    Table4,
    RowIn,
    "table 四 as a map of groups",
    |entries: BTreeMap<String, RowIn>| {
        let mut t = Table4::default();
        for (key, RowIn(cells)) in entries {
            if let Some(group) = T4Group::from_key(&key) {
                // Cells beyond the row's width are dropped.
                for (col, e) in T4Col::ENTERED.into_iter().zip(cells) {
                    t.set(group, col, e);
                }
            }
        }
        t
    }
);

/// Section 六 written as a map keyed by item.
struct OtherItems<'a>(&'a [String; OTHER_ITEMS.len()]);

impl Serialize for OtherItems<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(OTHER_ITEMS.len()))?;
        for (def, text) in OTHER_ITEMS.iter().zip(self.0) {
            m.serialize_entry(def.key, text)?;
        }
        m.end()
    }
}

#[derive(Default)]
struct OtherItemsIn([String; OTHER_ITEMS.len()]);

keyed_map_deserialize!(
    OtherItemsIn,
    String,
    "section 六 as a map of items",
    |entries: BTreeMap<String, String>| {
        let mut items: [String; OTHER_ITEMS.len()] = Default::default();
        for (key, text) in entries {
            if let Some(i) = OTHER_ITEMS.iter().position(|d| d.key == key) {
                items[i] = text;
            }
        }
        OtherItemsIn(items)
    }
);

// ---------------------------------------------------------------------------------------------
// The file
// ---------------------------------------------------------------------------------------------

#[derive(Serialize)]
struct DraftOut<'a> {
    format_version: u32,
    meta: &'a Meta,
    preface: &'a str,
    overview: &'a Overview,
    table2: &'a Table2,
    table3: &'a Table3,
    table4: &'a Table4,
    problems: &'a str,
    other_items: OtherItems<'a>,
    last_year_draft: Option<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    acknowledged: &'a [Acknowledgement],
}

#[derive(Deserialize)]
struct DraftIn {
    /// Required: it is what tells a draft from any other RON file.
    format_version: u32,
    #[serde(default)]
    meta: Meta,
    #[serde(default)]
    preface: String,
    #[serde(default)]
    overview: Overview,
    #[serde(default)]
    table2: Table2,
    #[serde(default)]
    table3: Table3,
    #[serde(default)]
    table4: Table4,
    #[serde(default)]
    problems: String,
    #[serde(default)]
    other_items: OtherItemsIn,
    #[serde(default)]
    last_year_draft: Option<String>,
    #[serde(default)]
    acknowledged: Vec<Acknowledgement>,
}

/// Why a draft could not be read or written. `Display` gives the Chinese message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    Io {
        path: PathBuf,
        kind: std::io::ErrorKind,
        /// The system's own words, for errors without a Chinese wording of ours.
        detail: String,
    },
    TooLarge {
        path: PathBuf,
        bytes: u64,
    },
    NotText {
        path: PathBuf,
    },
    /// Not RON at all, or RON that is not a draft.
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        detail: String,
    },
    NotADraft {
        path: PathBuf,
    },
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::Io { path, kind, detail } => {
                let what = match kind {
                    std::io::ErrorKind::NotFound => "文件不存在",
                    std::io::ErrorKind::PermissionDenied => "没有读写权限",
                    _ => detail,
                };
                write!(f, "无法读写文件 {}：{}", path.display(), what)
            }
            DraftError::TooLarge { path, bytes } => write!(
                f,
                "文件 {} 有 {} KB，远大于正常的年报草稿，可能不是本程序保存的草稿，未打开。",
                path.display(),
                bytes / 1024
            ),
            DraftError::NotText { path } => write!(
                f,
                "文件 {} 不是文本文件，不是本程序保存的年报草稿（.ron），未打开。",
                path.display()
            ),
            DraftError::Syntax {
                path,
                line,
                col,
                detail,
            } => write!(
                f,
                "草稿文件 {} 已损坏或格式有误，第 {} 行第 {} 列附近无法读取（{}）。可打开同一文件夹中的备份文件（.bak），或用文本编辑器修正该处。",
                path.display(),
                line,
                col,
                detail
            ),
            DraftError::NotADraft { path } => write!(
                f,
                "文件 {} 不是本程序的年报草稿（缺少 format_version），未打开。",
                path.display()
            ),
        }
    }
}

impl std::error::Error for DraftError {}

/// A draft read from a file, with what the user should know about it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub report: Report,
    /// The format version in the file.
    pub format_version: u32,
    /// Set when the file comes from a newer version of the program.
    pub newer_format: bool,
}

/// Writes a report as draft text.
pub fn to_ron(report: &Report) -> String {
    let out = DraftOut {
        format_version: FORMAT_VERSION,
        meta: &report.meta,
        preface: &report.preface,
        overview: &report.overview,
        table2: &report.table2,
        table3: &report.table3,
        table4: &report.table4,
        problems: &report.problems,
        other_items: OtherItems(&report.other_items),
        last_year_draft: report.last_year.as_ref().map(LastYearLink::stored),
        acknowledged: &report.acknowledged,
    };
    let config = ron::ser::PrettyConfig::new()
        .escape_strings(false)
        .compact_arrays(true)
        .separate_tuple_members(false)
        .depth_limit(4)
        .indentor("    ".to_string());
    let header = "// 政府信息公开工作年度报告草稿 — nianbao draft. Format: docs/draft-format.md\n";
    match ron::ser::to_string_pretty(&out, config) {
        Ok(body) => format!("{header}{body}\n"),
        // Serializing plain strings and numbers cannot fail; keep a total function anyway.
        Err(e) => format!("{header}// serialization failed: {e}\n"),
    }
}

/// Reads draft text. `path` only names the file in messages.
pub fn from_ron(text: &str, path: &Path) -> Result<Loaded, DraftError> {
    let options = ron::Options::default();
    let parsed: DraftIn = options.from_str(text).map_err(|e| {
        let detail = e.code.to_string();
        if detail.contains("format_version") {
            DraftError::NotADraft {
                path: path.to_path_buf(),
            }
        } else {
            DraftError::Syntax {
                path: path.to_path_buf(),
                line: e.position.line,
                col: e.position.col,
                detail,
            }
        }
    })?;
    let mut report = Report {
        meta: parsed.meta,
        preface: parsed.preface,
        overview: parsed.overview,
        table2: parsed.table2,
        table3: parsed.table3,
        table4: parsed.table4,
        problems: parsed.problems,
        other_items: parsed.other_items.0,
        last_year: parsed
            .last_year_draft
            .as_deref()
            .map(LastYearLink::from_stored),
        acknowledged: parsed.acknowledged,
    };
    // A draft always has the five sub-heads of section 一, even if the file lost some.
    let defaults = Overview::default().parts;
    if report.overview.parts.len() < defaults.len() {
        let have = report.overview.parts.len();
        report
            .overview
            .parts
            .extend(defaults.into_iter().skip(have));
    }
    Ok(Loaded {
        report,
        format_version: parsed.format_version,
        newer_format: parsed.format_version > FORMAT_VERSION,
    })
}

impl DraftError {
    /// A failed read or write of `path`.
    pub fn io(path: &Path, error: &std::io::Error) -> Self {
        DraftError::Io {
            path: path.to_path_buf(),
            kind: error.kind(),
            detail: error.to_string(),
        }
    }
}

/// Reads a draft file, refusing oversized and binary files before parsing.
pub fn load(path: &Path) -> Result<Loaded, DraftError> {
    let io = |error: std::io::Error| DraftError::io(path, &error);
    let bytes = fs::metadata(path).map_err(io)?.len();
    if bytes > MAX_DRAFT_BYTES {
        return Err(DraftError::TooLarge {
            path: path.to_path_buf(),
            bytes,
        });
    }
    let raw = fs::read(path).map_err(io)?;
    let text = String::from_utf8(raw).map_err(|_| DraftError::NotText {
        path: path.to_path_buf(),
    })?;
    if text.contains('\0') {
        return Err(DraftError::NotText {
            path: path.to_path_buf(),
        });
    }
    from_ron(&text, path)
}

/// Saves a report as a draft, atomically, keeping the previous version as a backup. The text
/// is read back before it is written.
pub fn save(report: &Report, path: &Path) -> Result<(), DraftError> {
    let text = to_ron(report);
    // Never replace a good draft with one that would not open again: read it back first.
    from_ron(&text, path)?;
    write_atomic(path, text.as_bytes(), true).map_err(|error| DraftError::io(path, &error))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        let mut r = Report::new("测试县人民政府办公室", 2022);
        r.table3.set(T3Row::NEW, T3Col::NATURAL, Entry::Value(10));
        r.table3
            .set(T3Row::NEW, T3Col::ENTERED[1], Entry::Invalid("七".into()));
        r.table2.fee = Entry::Value(Wanyuan::from_yuan(12_345));
        r.table2.set(T2Cell::NormativeValid, Entry::Value(8));
        r.table4.set(
            T4Group::LitigationAfterReview,
            T4Col::Pending,
            Entry::Value(1),
        );
        r.problems = "一是……\n二是……".into();
        r.other_items[0] = "未收取信息处理费。".into();
        r
    }

    #[test]
    fn round_trip_keeps_everything_including_invalid_text() {
        let r = sample();
        let text = to_ron(&r);
        let back = from_ron(&text, Path::new("x.ron")).unwrap().report;
        assert_eq!(back, r);
        assert!(text.contains("\"fees_wanyuan\": \"1.2345\""), "{text}");
        assert!(
            text.contains("\"new\": (10, \"七\", None, None, None, None)"),
            "{text}"
        );
    }

    #[test]
    fn rows_are_in_template_order() {
        let text = to_ron(&sample());
        let positions: Vec<usize> = T3Row::entered()
            .map(|r| text.find(&format!("\"{}\":", r.def().key)).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn partial_and_newer_drafts_open() {
        let text = r#"(format_version: 1, meta: (agency: "某局", year: 2020),
            table3: {"new": (1, 2), "nonsense_row": (5)}, extra_field_from_future: [1, 2],
            table4: {"review": (1, 2, 3, 4, 5, 6)})"#;
        let loaded = from_ron(text, Path::new("old.ron")).unwrap();
        let r = loaded.report;
        assert_eq!(r.meta.agency, "某局");
        assert_eq!(
            r.table3.get(T3Row::NEW, T3Col::ENTERED[1]),
            &Entry::Value(2)
        );
        assert!(r.table3.get(T3Row::NEW, T3Col::ENTERED[2]).is_blank());
        // Extra cells are dropped; the derived 总计 is never read from a file.
        assert_eq!(
            r.table4.get(T4Group::Review, T4Col::Pending),
            &Entry::Value(4)
        );
        assert_eq!(r.table4.cell(T4Group::Review, T4Col::Total).value, 10);
        assert_eq!(r.overview.parts.len(), 5);
        assert!(!loaded.newer_format);
        let newer = from_ron("(format_version: 9)", Path::new("n.ron")).unwrap();
        assert!(newer.newer_format);
    }

    #[test]
    fn hand_written_amount_as_float_stays_exact() {
        let text = r#"(format_version: 1, table2: {"fees_wanyuan": 0.1, "licensing": 3})"#;
        let r = from_ron(text, Path::new("x.ron")).unwrap().report;
        assert_eq!(r.table2.fee, Entry::Value(Wanyuan::from_yuan(1000)));
        assert_eq!(r.table2.get(T2Cell::Licensing), &Entry::Value(3));
    }

    #[test]
    fn damaged_and_foreign_text_gives_a_located_error() {
        let good = to_ron(&sample());
        let truncated = &good[..good.len() / 2];
        match from_ron(truncated, Path::new("t.ron")) {
            Err(e @ DraftError::Syntax { .. }) => {
                assert!(e.to_string().contains("已损坏"), "{e}");
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
        match from_ron("(name: \"not a draft\")", Path::new("f.ron")) {
            Err(DraftError::NotADraft { .. }) => {}
            other => panic!("expected NotADraft, got {other:?}"),
        }
        match from_ron("{\n  \"json\": true,\n  oops\n}", Path::new("j.ron")) {
            Err(DraftError::Syntax { line, .. }) => assert!(line >= 1),
            Err(DraftError::NotADraft { .. }) => {}
            other => panic!("expected an error, got {other:?}"),
        }
    }
}
