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
use crate::model::{count_from_text, wanyuan_from_text, year_from_text};
use crate::store::atomic::{backups, remove_stale_temps, write_with_backups};
use crate::template::{FEE_KEY, OTHER_ITEMS, T2Cell, T3Col, T3Row, T4Col, T4Group};
use ron::value::RawValue;
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeTuple};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

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

/// The 年度: a number, `0` while not set (as every version has written it). Text that is not a
/// year is written back as it was read: a whole number as that number (`99999`, `-5`), anything
/// else as a string, so a draft mended by hand keeps what was typed until the person corrects it.
impl Serialize for Entry<u16> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Entry::Blank => s.serialize_u16(0),
            Entry::Value(y) => s.serialize_u16(*y),
            Entry::Invalid(text) => match text.parse::<i64>() {
                // Only where the number reads back as the same text and not as "not set".
                Ok(n) if n != 0 && n.to_string() == *text => s.serialize_i64(n),
                _ => s.serialize_str(text),
            },
        }
    }
}

impl<'de> Deserialize<'de> for Entry<u16> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(entry_from_raw(&raw_text(d)?, year_from_text))
    }
}

/// Reads a cell as written, never failing on the value itself: a number is kept as typed (an
/// over-long one is not rounded through a float), a quoted text is read as typed, `None` is
/// blank, and anything else (`true`, a list, a map) is kept as its text for the checks to
/// report at the cell.
fn entry_from_raw<T>(raw: &str, parse: fn(&str) -> Entry<T>) -> Entry<T> {
    let t = raw.trim();
    if t.is_empty() || t == "None" || t == "()" {
        return Entry::Blank;
    }
    if let Some(inner) = t.strip_prefix("Some(").and_then(|s| s.strip_suffix(')')) {
        return entry_from_raw(inner, parse);
    }
    if t.starts_with('"') || t.starts_with("r\"") || t.starts_with("r#") {
        return match ron::from_str::<String>(t) {
            Ok(text) => parse(&text),
            Err(_) => Entry::Invalid(t.to_string()),
        };
    }
    if t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.')) {
        return parse(t);
    }
    Entry::Invalid(t.to_string())
}

/// The text of whatever value comes next.
fn raw_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    Ok(raw.get_ron().to_string())
}

impl<'de> Deserialize<'de> for Entry<u32> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(entry_from_raw(&raw_text(d)?, count_from_text))
    }
}

impl<'de> Deserialize<'de> for Entry<Wanyuan> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(entry_from_raw(&raw_text(d)?, wanyuan_from_text))
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
/// A value that is not a row at all is kept as the text of its first cell.
struct RowIn(Vec<Count>);

/// The cells of a row written as `(1, 2)` or `[1, 2]`.
struct RowSeq(Vec<Count>);

impl<'de> Deserialize<'de> for RowSeq {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RowSeq;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a row of cells like (0, 1, 0)")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RowSeq, A::Error> {
                let mut cells = Vec::new();
                while let Some(c) = seq.next_element::<Count>()? {
                    cells.push(c);
                }
                Ok(RowSeq(cells))
            }
        }
        // `any`, so that both `(1, 2)` and `[1, 2]` read as a row.
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RowIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        Ok(match raw.into_rust::<RowSeq>() {
            Ok(RowSeq(cells)) => RowIn(cells),
            Err(_) => RowIn(vec![Entry::Invalid(raw.get_ron().trim().to_string())]),
        })
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
        let e = entry_from_raw(&raw_text(d)?, |t| Entry::<()>::Invalid(t.to_string()));
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

/// A prose value read without refusing the draft: a quoted text as written, `None` as empty,
/// anything else (a number, a list typed by hand) as its own text, for the user to see and mend.
struct TextIn(String);

impl<'de> Deserialize<'de> for TextIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient_text(d).map(TextIn)
    }
}

fn lenient_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let raw = raw_text(d)?;
    let t = raw.trim();
    if t == "None" || t == "()" {
        return Ok(String::new());
    }
    Ok(ron::from_str::<String>(t).unwrap_or_else(|_| t.to_string()))
}

keyed_map_deserialize!(
    OtherItemsIn,
    TextIn,
    "section 六 as a map of items",
    |entries: BTreeMap<String, TextIn>| {
        let mut items: [String; OTHER_ITEMS.len()] = Default::default();
        for (key, TextIn(text)) in entries {
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
    #[serde(default, deserialize_with = "lenient_text")]
    preface: String,
    #[serde(default)]
    overview: Overview,
    #[serde(default)]
    table2: Table2,
    #[serde(default)]
    table3: Table3,
    #[serde(default)]
    table4: Table4,
    #[serde(default, deserialize_with = "lenient_text")]
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
    /// Binary content, or text in no encoding we know.
    NotText {
        path: PathBuf,
    },
    /// The file has no content at all.
    Empty {
        path: PathBuf,
    },
    /// A folder, a device, a pipe: anything but a regular file, refused before it is opened.
    NotRegular {
        path: PathBuf,
    },
    /// Text in a legacy encoding (GBK, as Notepad's "ANSI" writes on Chinese Windows).
    Encoding {
        path: PathBuf,
        encoding: &'static str,
    },
    /// Not RON at all, or RON that is not a draft.
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        /// What is wrong there, in Chinese.
        detail: String,
        /// A backup of the draft that exists beside it, to point the user to.
        backup: Option<PathBuf>,
    },
    NotADraft {
        path: PathBuf,
    },
    /// The report is too large to be saved as a draft that would open again.
    TooLargeToSave {
        path: PathBuf,
        bytes: u64,
    },
    /// The file was changed on disk (another window, a colleague) since it was opened or last
    /// saved; nothing was written.
    ChangedOnDisk {
        path: PathBuf,
    },
}

/// The Chinese wording of a system error, for the common ones.
pub fn io_error_text(error: &std::io::Error) -> String {
    // Windows: ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION.
    if cfg!(windows) && matches!(error.raw_os_error(), Some(32 | 33)) {
        return "文件正被其他程序（如 PDF 阅读器、WPS、杀毒软件）占用，请关闭后重试".into();
    }
    io_kind_text(error.kind()).map_or_else(
        || format!("系统报告错误（{error}）"),
        std::string::ToString::to_string,
    )
}

fn io_kind_text(kind: std::io::ErrorKind) -> Option<&'static str> {
    use std::io::ErrorKind as K;
    Some(match kind {
        K::NotFound => "文件不存在",
        K::PermissionDenied => "没有读写权限（文件可能是只读的，或正被其他程序占用）",
        K::AlreadyExists => "文件已存在",
        K::StorageFull => "磁盘已满，请腾出空间后重试",
        K::ReadOnlyFilesystem => "所在磁盘或文件夹是只读的",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中的某一级不是文件夹",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::InvalidFilename => "文件名不合法或过长",
        K::FileTooLarge => "文件过大",
        K::TimedOut => "磁盘或网络无响应，请稍后重试",
        K::UnexpectedEof => "文件读取不完整",
        K::ResourceBusy => "文件正被其他程序占用",
        K::NotConnected
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::HostUnreachable
        | K::NetworkUnreachable
        | K::NetworkDown => "网络连接中断，无法访问网络上的文件",
        K::Interrupted => "操作被中断，请重试",
        K::OutOfMemory => "内存不足",
        K::CrossesDevices => "不能跨磁盘移动文件",
        _ => return None,
    })
}

/// What a RON parser error means, in Chinese.
fn ron_error_text(e: &ron::Error) -> String {
    use ron::Error as E;
    match e {
        E::Eof => "文件在此处意外结束，可能只保存了一部分（被截断）".into(),
        E::ExpectedComma => "此处缺少逗号".into(),
        E::ExpectedStringEnd => "引号没有闭合".into(),
        E::ExpectedArrayEnd => "方括号 [ ] 没有闭合".into(),
        E::ExpectedMapEnd => "花括号 { } 没有闭合".into(),
        E::ExpectedStructLikeEnd | E::ExpectedOptionEnd => "圆括号 ( ) 没有闭合".into(),
        E::ExpectedMapColon => "此处缺少冒号".into(),
        E::ExpectedInteger | E::ExpectedFloat | E::InvalidIntegerDigit { .. } => {
            "数字的写法有误".into()
        }
        E::IntegerOutOfBounds => "数字超出允许的范围".into(),
        E::FloatUnderscore | E::UnderscoreAtBeginning => "数字中的下划线位置有误".into(),
        E::ExpectedString => "此处应为带引号的文字".into(),
        E::InvalidEscape(_) => "反斜杠 \\ 开头的转义写法有误".into(),
        E::UnexpectedChar(c) => format!("出现了不应有的字符“{}”", c.escape_debug()),
        E::TrailingCharacters => "草稿内容结束后还有多余的内容".into(),
        E::UnclosedBlockComment | E::UnclosedLineComment => "注释没有结束".into(),
        E::InvalidValueForType { .. } | E::ExpectedBoolean | E::ExpectedOption => {
            "此处的值类型不对".into()
        }
        E::DuplicateStructField { field, .. } => format!("字段“{field}”重复"),
        E::ExceededRecursionLimit => "括号嵌套过深".into(),
        E::ExpectedStructLike | E::ExpectedMap | E::ExpectedArray | E::ExpectedUnit => {
            "此处应为括号括起的内容".into()
        }
        E::ExpectedIdentifier | E::InvalidIdentifier(_) => "此处应为字段名".into(),
        E::Utf8Error(_) => "含有无法识别的字符编码".into(),
        E::MissingStructField { field, .. } => format!("缺少字段“{field}”"),
        _ => "格式有误".into(),
    }
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::Io { path, kind, detail } => {
                let what = io_kind_text(*kind).unwrap_or(detail);
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
            DraftError::Empty { path } => write!(
                f,
                "文件 {} 是空的（0 字节），没有可打开的内容。如果它原本是草稿，可打开同一文件夹中的备份文件（.bak）。",
                path.display()
            ),
            DraftError::NotRegular { path } => write!(
                f,
                "{} 不是普通文件（可能是文件夹或设备），未打开。",
                path.display()
            ),
            DraftError::Encoding { path, encoding } => write!(
                f,
                "文件 {} 是 {encoding} 编码的文本，本程序的草稿使用 UTF-8 编码。请用记事本打开它，选择“另存为”，编码选“UTF-8”后保存，再打开。",
                path.display()
            ),
            DraftError::Syntax {
                path,
                line,
                col,
                detail,
                backup,
            } => {
                write!(
                    f,
                    "草稿文件 {} 已损坏或格式有误：第 {} 行第 {} 列附近{}。",
                    path.display(),
                    line,
                    col,
                    detail
                )?;
                match backup {
                    Some(b) => write!(
                        f,
                        "可打开备份文件 {}，或用文本编辑器修正该处。",
                        b.display()
                    ),
                    None => f.write_str(
                        "可打开同一文件夹中的备份文件（.bak），或用文本编辑器修正该处。",
                    ),
                }
            }
            DraftError::NotADraft { path } => write!(
                f,
                "文件 {} 不是本程序的年报草稿（缺少 format_version），未打开。",
                path.display()
            ),
            DraftError::TooLargeToSave { path, bytes } => write!(
                f,
                "报告内容有 {} KB，超过草稿文件的上限 {} KB，未保存到 {}。请删去粘贴进来的大段多余文字后再保存。",
                bytes / 1024,
                MAX_DRAFT_BYTES / 1024,
                path.display()
            ),
            DraftError::ChangedOnDisk { path } => write!(
                f,
                "文件 {} 在打开之后已被其他窗口或其他人修改，未保存，以免覆盖对方的修改。",
                path.display()
            ),
        }
    }
}

impl std::error::Error for DraftError {}

/// What identifies the content of a draft file as it was read or written: its length, its
/// modification time and a hash of its bytes. Two fingerprints of the same content are equal
/// in length and hash whatever the time says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Fingerprint {
    fn of(bytes: &[u8], modified: Option<SystemTime>) -> Fingerprint {
        // FNV-1a: stable across runs and releases, unlike std's hasher.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            hash,
        }
    }

    /// The same content (the time is not compared: copying or touching a file changes it).
    pub fn same_content(&self, other: &Fingerprint) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

/// A draft read from a file, with what the user should know about it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub report: Report,
    /// The format version in the file.
    pub format_version: u32,
    /// Set when the file comes from a newer version of the program.
    pub newer_format: bool,
    /// What was mended or left out while reading (a duplicated line, a converted encoding), in
    /// Chinese, for the user to see.
    pub notes: Vec<String>,
    /// The file as it was read; `None` when read from text. Pass it to [`save_checked`].
    pub fingerprint: Option<Fingerprint>,
}

/// A draft written to a file.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The file as written: pass it to the next [`save_checked`].
    pub fingerprint: Fingerprint,
    /// Set when a backup could not be made: the draft was saved, but the user should know.
    pub backup_warning: Option<String>,
}

/// Writes a report as draft text. Control and invisible characters in the text are written as
/// escapes (`\u{0}`, `\u{200b}`), so the file stays plain text; line breaks stay line breaks,
/// so prose reads as paragraphs in a text editor.
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
        .escape_strings(true)
        .compact_arrays(true)
        .separate_tuple_members(false)
        .depth_limit(4)
        .indentor("    ");
    let header = "// 政府信息公开工作年度报告草稿 — nianbao draft. Format: docs/draft-format.md\n";
    match ron::ser::to_string_pretty(&out, config) {
        Ok(body) => format!("{header}{}\n", raw_line_breaks(&body)),
        // Serializing plain strings and numbers cannot fail; keep a total function anyway.
        Err(e) => format!("{header}// serialization failed: {e}\n"),
    }
}

/// Turns the `\n` escapes inside the serializer's escaped strings back into line breaks. Every
/// `"` and `\` inside a string is escaped there, so a two-state scan finds the strings.
fn raw_line_breaks(ron: &str) -> String {
    let mut out = String::with_capacity(ron.len());
    let mut in_string = false;
    let mut chars = ron.chars();
    while let Some(c) = chars.next() {
        match (in_string, c) {
            (false, '"') => {
                in_string = true;
                out.push(c);
            }
            (true, '"') => {
                in_string = false;
                out.push(c);
            }
            (true, '\\') => match chars.next() {
                Some('n') => out.push('\n'),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    out
}

/// How many duplicated fields are passed over before a draft is called damaged.
const MAX_REPAIRS: usize = 32;

/// Reads draft text. `path` only names the file in messages. A field written twice (a line
/// duplicated while editing by hand) is read once and noted, not a reason to refuse the draft.
pub fn from_ron(text: &str, path: &Path) -> Result<Loaded, DraftError> {
    let mut notes = Vec::new();
    let mut text = std::borrow::Cow::Borrowed(text);
    let mut repairs = 0;
    let parsed: DraftIn = loop {
        match ron::Options::default().from_str::<DraftIn>(&text) {
            Ok(p) => break p,
            Err(e) => {
                if let ron::Error::DuplicateStructField { field, .. } = &e.code
                    && repairs < MAX_REPAIRS
                    && let Some(blanked) = blank_line(&text, e.span.start.line)
                {
                    notes.push(format!(
                        "第 {} 行重复的字段“{}”已忽略，使用前面的值。",
                        e.span.start.line, field
                    ));
                    text = std::borrow::Cow::Owned(blanked);
                    repairs += 1;
                    continue;
                }
                return Err(syntax_error(&e, path));
            }
        }
    };
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
        notes,
        fingerprint: None,
    })
}

/// The text with line `line` (1-based) emptied, keeping line numbers; `None` when there is no
/// such line or it is already empty.
fn blank_line(text: &str, line: usize) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut found = false;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line && !l.trim().is_empty() {
            found = true;
            if l.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(l);
        }
    }
    found.then_some(out)
}

fn syntax_error(e: &ron::error::SpannedError, path: &Path) -> DraftError {
    if matches!(
        &e.code,
        ron::Error::MissingStructField {
            field: "format_version",
            ..
        }
    ) {
        return DraftError::NotADraft {
            path: path.to_path_buf(),
        };
    }
    DraftError::Syntax {
        path: path.to_path_buf(),
        line: e.span.start.line,
        col: e.span.start.col,
        detail: ron_error_text(&e.code),
        backup: None,
    }
}

impl DraftError {
    /// A failed read or write of `path`.
    pub fn io(path: &Path, error: &std::io::Error) -> Self {
        DraftError::Io {
            path: path.to_path_buf(),
            kind: error.kind(),
            detail: io_error_text(error),
        }
    }
}

/// Reads a file that should be a draft: only a regular file (a pipe or a device would block or
/// never end), and at most [`MAX_DRAFT_BYTES`] of it.
fn read_draft_bytes(path: &Path) -> Result<(Vec<u8>, Option<SystemTime>), DraftError> {
    let io = |error: std::io::Error| DraftError::io(path, &error);
    let not_regular = || DraftError::NotRegular {
        path: path.to_path_buf(),
    };
    // Decided before opening: opening a FIFO for reading blocks until a writer comes.
    let meta = fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > MAX_DRAFT_BYTES {
        return Err(DraftError::TooLarge {
            path: path.to_path_buf(),
            bytes: meta.len(),
        });
    }
    let file = fs::File::open(path).map_err(io)?;
    // The file may have been replaced between the two looks: check what was opened.
    let opened = file.metadata().map_err(io)?;
    if !opened.is_file() {
        return Err(not_regular());
    }
    let mut bytes = Vec::new();
    file.take(MAX_DRAFT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_DRAFT_BYTES {
        return Err(DraftError::TooLarge {
            path: path.to_path_buf(),
            bytes: bytes.len() as u64,
        });
    }
    Ok((bytes, opened.modified().ok()))
}

/// The text of a draft file's bytes: UTF-8 with or without a byte-order mark, or UTF-16 with
/// one (converted, and noted); GBK is recognised and named, anything else is not text.
fn decode(bytes: &[u8], path: &Path) -> Result<(String, Option<String>), DraftError> {
    let path_buf = || path.to_path_buf();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DraftError::Empty { path: path_buf() });
    }
    let utf16 = |bytes: &[u8], le: bool| -> Result<(String, Option<String>), DraftError> {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        match String::from_utf16(&units) {
            Ok(text) if !text.contains('\0') => Ok((
                text,
                Some("文件是 UTF-16 编码，已按 UTF-16 读取；下次保存时将存为 UTF-8。".into()),
            )),
            _ => Err(DraftError::NotText { path: path_buf() }),
        }
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    // Notepad writes a byte-order mark before UTF-8 text; it is not part of the draft.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.contains(&0) {
        // UTF-16 without a mark: ASCII characters have a zero byte every other byte.
        let zeros_odd = body.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        if body.len() >= 4 && zeros_odd * 2 >= body.len() / 2 {
            return utf16(body, true);
        }
        return Err(DraftError::NotText { path: path_buf() });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok((text.to_string(), None)),
        Err(e) if e.error_len().is_none() => {
            // Cut in the middle of a character at the very end: a truncated UTF-8 file. Read
            // what is whole; the parser then says where it ends.
            let whole = String::from_utf8_lossy(&body[..e.valid_up_to()]).into_owned();
            Ok((whole, None))
        }
        Err(_) if looks_like_gbk(body) => Err(DraftError::Encoding {
            path: path_buf(),
            encoding: "GBK（ANSI）",
        }),
        Err(e) if String::from_utf8_lossy(body).matches('\u{FFFD}').count() <= 16 => {
            // A few bad bytes in UTF-8 text: a damaged draft, located, not "not text".
            let before = String::from_utf8_lossy(&body[..e.valid_up_to()]);
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(DraftError::Syntax {
                path: path_buf(),
                line,
                col,
                detail: "有无法识别的字节，文件可能已损坏".into(),
                backup: None,
            })
        }
        Err(_) => Err(DraftError::NotText { path: path_buf() }),
    }
}

/// Every byte above ASCII pairs up as a GBK double-byte character (lead 0x81–0xFE, trail
/// 0x40–0xFE except 0x7F), and there are some.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let mut i = 0;
    let mut pairs = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let Some(&t) = bytes.get(i + 1) else {
            return false;
        };
        if !(0x81..=0xFE).contains(&b) || !(0x40..=0xFE).contains(&t) || t == 0x7F {
            return false;
        }
        pairs += 1;
        i += 2;
    }
    pairs > 0
}

/// Parses a draft's bytes with every check opening a file makes.
fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Loaded, DraftError> {
    let (text, note) = decode(bytes, path)?;
    let mut loaded = from_ron(&text, path)?;
    loaded.notes.extend(note);
    Ok(loaded)
}

/// Reads a draft file: only a regular file, at most [`MAX_DRAFT_BYTES`], refusing binary
/// content before parsing. A damaged draft's error names a backup beside it, if there is one.
/// Temporary files a killed save left beside it are removed first (see
/// [`remove_stale_temps`]).
pub fn load(path: &Path) -> Result<Loaded, DraftError> {
    remove_stale_temps(path);
    let (bytes, modified) = read_draft_bytes(path)?;
    let mut loaded = parse_bytes(&bytes, path).map_err(|e| match e {
        DraftError::Syntax {
            path,
            line,
            col,
            detail,
            ..
        } => {
            let backup = backups(&path).into_iter().next();
            DraftError::Syntax {
                path,
                line,
                col,
                detail,
                backup,
            }
        }
        other => other,
    })?;
    loaded.fingerprint = Some(Fingerprint::of(&bytes, modified));
    Ok(loaded)
}

/// A small text file of the program's own (an autosave's first line, the recent list), read
/// with the same bounds and decoding as a draft.
pub(crate) fn read_text(path: &Path) -> Result<String, DraftError> {
    let (bytes, _) = read_draft_bytes(path)?;
    decode(&bytes, path).map(|(text, _)| text)
}

/// Whether writing something else to `path` would destroy a draft: a name ending in `.ron` or
/// `.bak` (any case), or an existing file that reads as a draft. Exports refuse such a target.
pub fn is_draft_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == EXTENSION || ext == "bak" {
        return true;
    }
    match read_draft_bytes(path) {
        Ok((bytes, _)) => {
            let head = &bytes[..bytes.len().min(4096)];
            head.windows(b"format_version".len())
                .any(|w| w == b"format_version")
        }
        Err(_) => false,
    }
}

/// The fingerprint of the file at `path` now; `None` when there is no file.
pub fn fingerprint(path: &Path) -> Result<Option<Fingerprint>, DraftError> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    match read_draft_bytes(path) {
        Ok((bytes, modified)) => Ok(Some(Fingerprint::of(&bytes, modified))),
        // Something that is not a draft now stands there: that is a change too.
        Err(DraftError::TooLarge { bytes, .. }) => Ok(Some(Fingerprint {
            len: bytes,
            modified: None,
            hash: 0,
        })),
        Err(e) => Err(e),
    }
}

/// Whether the file at `path` no longer holds what `expected` describes (another window or a
/// colleague saved over it). A file that is gone has not been changed: saving recreates it.
pub fn changed_on_disk(path: &Path, expected: &Fingerprint) -> Result<bool, DraftError> {
    Ok(fingerprint(path)?.is_some_and(|now| !now.same_content(expected)))
}

/// The draft text of a report, checked as opening it would check it.
fn checked_text(report: &Report, path: &Path) -> Result<String, DraftError> {
    let text = to_ron(report);
    if text.len() as u64 > MAX_DRAFT_BYTES {
        return Err(DraftError::TooLargeToSave {
            path: path.to_path_buf(),
            bytes: text.len() as u64,
        });
    }
    // Never replace a good draft with one that would not open again: read it back first.
    parse_bytes(text.as_bytes(), path)?;
    Ok(text)
}

fn write_checked(text: &str, path: &Path) -> Result<Saved, DraftError> {
    let failure =
        write_with_backups(path, text.as_bytes()).map_err(|e| DraftError::io(path, &e))?;
    let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(Saved {
        fingerprint: Fingerprint::of(text.as_bytes(), modified),
        backup_warning: failure.map(|f| {
            format!(
                "草稿已保存，但备份文件 {} 未能写入（{}）。",
                f.path.display(),
                io_error_text(&f.error)
            )
        }),
    })
}

/// Saves a report as a draft, atomically, keeping backups of the previous version (see
/// [`write_with_backups`]). The text is read back with the checks of [`load`] before it is
/// written. A backup that cannot be made does not stop the save; use [`save_reporting`] to hear
/// of it.
pub fn save(report: &Report, path: &Path) -> Result<(), DraftError> {
    save_reporting(report, path).map(|_| ())
}

/// [`save`], returning the new file's fingerprint and any backup warning.
pub fn save_reporting(report: &Report, path: &Path) -> Result<Saved, DraftError> {
    let text = checked_text(report, path)?;
    write_checked(&text, path)
}

/// [`save_reporting`], but only if the file still holds what `expected` describes (the
/// fingerprint from [`load`] or the last save); `None` means no file was there. Otherwise
/// nothing is written and the result is [`DraftError::ChangedOnDisk`]: ask the user, then
/// [`save_reporting`] to overwrite or save under another name.
pub fn save_checked(
    report: &Report,
    path: &Path,
    expected: Option<&Fingerprint>,
) -> Result<Saved, DraftError> {
    let text = checked_text(report, path)?;
    let changed = match (fingerprint(path)?, expected) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(now), Some(expected)) => !now.same_content(expected),
    };
    if changed {
        return Err(DraftError::ChangedOnDisk {
            path: path.to_path_buf(),
        });
    }
    write_checked(&text, path)
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
