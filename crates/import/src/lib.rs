//! A published report read back into a draft.
//!
//! Each reader (PDF, Word, a saved portal page) turns its file into a [`Document`]: the report's
//! text in reading order, as paragraphs and tables, with page furniture (page numbers, running
//! heads) already gone. One placer then puts a `Document` into a [`nianbao_core::model::Report`],
//! whatever produced it.

pub mod doc;
pub mod pdf;

use std::fmt;

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
        }
    }
}

impl std::error::Error for ImportError {}
