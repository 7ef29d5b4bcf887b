//! A published report read back into a draft.
//!
//! Each reader (PDF, Word, a saved portal page) turns its file into a [`Document`]: the report's
//! text in reading order, as paragraphs and tables, with page furniture (page numbers, running
//! heads) already gone. One placer then puts a `Document` into a [`nianbao_core::model::Report`],
//! whatever produced it.

pub mod any;
pub mod audit;
pub mod doc;
pub mod docx;
pub mod html;
pub mod pdf;
mod place;
mod text;

use nianbao_core::check::Finding;
use nianbao_core::model::Report;
use std::fmt;
use std::io::Read as _;
use std::path::Path;

/// The largest file we read: a report is a few MB at most, even with pictures.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The section name of what stood before the title.
pub const BEFORE_TITLE: &str = "标题前";

/// A published report read back: the draft, what had no place in it, and what only the printed
/// file shows (AUDIT findings; the caller runs `nianbao_core::check::check` on the report itself).
#[derive(Debug, Clone)]
pub struct Imported {
    pub report: Report,
    pub unplaced: Vec<Unplaced>,
    pub findings: Vec<Finding>,
}

/// Text that could not be placed in the draft, with where it stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// The part it stood in: a section's heading ("三、收到和处理政府信息公开申请情况"),
    /// "开头说明段落" or [`BEFORE_TITLE`].
    pub section: String,
    pub text: String,
}

/// The kinds of file we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Docx,
    Html,
}

impl Kind {
    /// The name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF 文件",
            Kind::Docx => "Word 文档",
            Kind::Html => "网页",
        }
    }
}

/// The start of an OLE compound file: an encrypted Word file, or an old binary .doc.
const OLE_MAGIC: [u8; 8] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/// What a file is, by its first bytes, then by the extension of its name.
pub fn kind_of(file_name: &str, bytes: &[u8]) -> Result<Kind, ImportError> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Kind::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(Kind::Docx);
    }
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(docx::ole_error(bytes));
    }
    let ext = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "shtml" | "xhtml" | "mht" => Ok(Kind::Html),
        "pdf" => Err(ImportError::Damaged("文件名是 .pdf，但内容不是 PDF".into())),
        "docx" => Err(ImportError::Damaged(
            "文件名是 .docx，但内容不是 Word 文档".into(),
        )),
        "doc" | "wps" => Err(ImportError::Damaged(
            "这是旧版 Word（.doc）或 WPS 文件，请在 Word 或 WPS 中“另存为”.docx 后再导入".into(),
        )),
        _ if html::looks_like_html(head) => Ok(Kind::Html),
        _ => Err(ImportError::Damaged(
            "不认识的文件类型。可导入 PDF、Word 文档（.docx）和保存的网页（.html/.htm）".into(),
        )),
    }
}

/// Reads a published report from its bytes; `file_name` helps to tell the kind where the
/// content does not.
pub fn import_bytes(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let doc = match kind_of(file_name, bytes)? {
        Kind::Pdf => pdf::read(bytes)?,
        Kind::Docx => docx::read(bytes)?,
        Kind::Html => html::read(bytes)?,
    };
    let imported = import_document(&doc);
    if !looks_like_a_report(&imported) {
        return Err(ImportError::Damaged(
            "其中没有年度报告的标题、六个部分和三张表格，不是政府信息公开工作年度报告".into(),
        ));
    }
    Ok(imported)
}

/// False when nothing of the template was found: no title, no section heading, no table (a
/// page of something else, our own audit summary among them).
fn looks_like_a_report(imported: &Imported) -> bool {
    let missing = imported
        .findings
        .iter()
        .filter(|f| f.rule == nianbao_core::check::Rule::AuditMissing)
        .count();
    let meta = &imported.report.meta;
    // Each section's heading, and the three tables.
    let everything = nianbao_core::template::SECTIONS.len() + 3;
    !(meta.agency.trim().is_empty() && meta.year.is_blank() && missing >= everything)
}

/// Places a document read by any reader into a draft: what [`import_bytes`] does after reading.
pub fn import_document(doc: &doc::Document) -> Imported {
    let placed = place::place(doc);
    Imported {
        report: placed.report,
        unplaced: placed.unplaced,
        findings: placed.findings,
    }
}

/// Reads a published report from a file, at most [`MAX_FILE_BYTES`] of it.
pub fn import_path(path: &Path) -> Result<Imported, ImportError> {
    let file = std::fs::File::open(path).map_err(|e| ImportError::Unreadable(io_text(&e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::Unreadable(io_text(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    import_bytes(&name, &bytes)
}

fn io_text(e: &std::io::Error) -> String {
    nianbao_core::store::draft::io_error_text(e)
}

fn too_large(len: u64) -> ImportError {
    ImportError::TooLarge(format!(
        "文件有 {} MB，超过了 {} MB 的上限",
        len.div_ceil(1024 * 1024),
        MAX_FILE_BYTES / 1024 / 1024
    ))
}

/// Why a file could not be read: each says in plain Chinese what the person can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Not a file of the kind its name says, or damaged beyond reading; the detail names what.
    Damaged(String),
    /// A password-protected PDF or Word file.
    Encrypted,
    /// A PDF with no text layer (a scan): nothing to read without OCR.
    NoText,
    /// Over a limit we keep so one hostile file cannot exhaust the machine; the detail names it.
    TooLarge(String),
    /// Did not finish within the time we allow one file.
    TimedOut,
    /// The file could not be opened or read; the detail is the system's reason in Chinese.
    Unreadable(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Damaged(detail) => write!(f, "文件已损坏或不是可识别的报告文件：{detail}"),
            ImportError::Encrypted => {
                write!(
                    f,
                    "文件设有密码保护，无法读取。请向报送单位索取未加密的文件"
                )
            }
            ImportError::NoText => write!(
                f,
                "这是扫描件（页面是图片，没有文字层），无法读取文字。请索取由 WPS 或 Word 直接导出的 PDF"
            ),
            ImportError::TooLarge(detail) => write!(f, "文件超出可处理的范围：{detail}"),
            ImportError::TimedOut => write!(f, "读取超时，文件可能已损坏"),
            ImportError::Unreadable(detail) => write!(f, "无法读取文件：{detail}"),
        }
    }
}

impl std::error::Error for ImportError {}
