//! Reading a published report's PDF back into a [`Document`].
//!
//! # Why lopdf
//! Measured on our export of the example (printpdf: CID fonts, Identity-H, ToUnicode), the
//! Typst and the LibreOffice renditions of the same report (`../shared/samples`), one fixture
//! draft's export, and five hostile files (1 GB Flate bomb, 100 000 nested arrays in an object
//! and in page content, half a file, 200 random bytes changed); release build, 2 cores:
//!
//! | crate | CJK characters (vs pdftotext) | time, 10 pages | hostile files | positions |
//! |---|---|---|---|---|
//! | `lopdf` 0.47 | all, on all four | 14-47 ms (its own text dump) | no panic; bomb stopped at the limit we set | ours to compute (content ops) |
//! | `pdf-extract` 0.12 | all | 205-327 ms | panics on nested content and on the changed file; 11 s on the bomb | only through its `OutputDev` |
//! | `pdf_oxide` 0.3 | all, reading order reshuffled | 128-156 ms | stack overflow (process abort) on nested content; 4 s on the bomb | spans |
//! | `hayro-interpret` 0.9 | not run: needs Rust 1.92, the workspace is on 1.89 | | | a `Device` |
//!
//! lopdf is maintained, pure Rust, bounds decompression per stream and object nesting, repairs
//! broken xref tables and decodes ToUnicode maps; a stack overflow or a panic in a reader would
//! stop a whole batch, which rules out the other two. What a report reader needs beyond lopdf
//! (where each character and each table rule stands) is the small content interpreter in
//! [`interp`]; turning characters and rules into paragraphs and tables is [`layout`].

mod interp;
mod layout;

use std::time::{Duration, Instant};

use lopdf::{Document as PdfDocument, LoadOptions, Stream};

use crate::ImportError;
use crate::doc::Document;

/// Larger than any published annual report by far (they run to 2-20 MB).
const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;
/// A report has 5-30 pages; a few hundred is already a book.
const MAX_PAGES: usize = 500;
/// One decoded stream (a page's content, a font map, an object stream).
const MAX_STREAM_BYTES: usize = 32 * 1024 * 1024;
/// All page content streams of the file together.
const MAX_TOTAL_BYTES: usize = 256 * 1024 * 1024;
/// Content operators, characters and path pieces in the whole file (a report has ~100 000);
/// this bounds the memory the characters and rules take.
const MAX_ITEMS: usize = 3_000_000;
/// Time for one file; a real report takes well under a second.
const MAX_TIME: Duration = Duration::from_secs(20);

/// What one file may cost, counted as it is read.
pub(crate) struct Budget {
    pub per_stream: usize,
    /// Content streams that did not parse (their pages show less or nothing).
    pub broken_streams: usize,
    /// Glyphs drawn whose font does not say which character they are.
    pub unmapped_glyphs: usize,
    decoded: usize,
    items: usize,
    started: Instant,
}

impl Budget {
    fn new() -> Self {
        Budget {
            per_stream: MAX_STREAM_BYTES,
            broken_streams: 0,
            unmapped_glyphs: 0,
            decoded: 0,
            items: 0,
            started: Instant::now(),
        }
    }

    /// A stream's decoded content, within the per-stream and whole-file limits.
    pub fn decompress(&mut self, stream: &Stream) -> Result<Vec<u8>, ImportError> {
        self.check_time()?;
        let left = MAX_TOTAL_BYTES
            .saturating_sub(self.decoded)
            .min(self.per_stream);
        let data = match stream.decompressed_content_with_limit(left) {
            Ok(data) => data,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                return Err(ImportError::TooLarge(
                    "页面内容解压后过大（可能是恶意构造的压缩数据）".into(),
                ));
            }
            // A stream that does not decode shows nothing; the rest of the page may.
            Err(_) => Vec::new(),
        };
        self.decoded += data.len();
        Ok(data)
    }

    pub fn items(&mut self, n: usize) -> Result<(), ImportError> {
        self.items = self.items.saturating_add(n);
        if self.items > MAX_ITEMS {
            return Err(ImportError::TooLarge("页面内容的绘制指令过多".into()));
        }
        Ok(())
    }

    pub fn check_time(&self) -> Result<(), ImportError> {
        if self.started.elapsed() > MAX_TIME {
            return Err(ImportError::TimedOut);
        }
        Ok(())
    }
}

/// Reads a PDF's text, tables and pictures in reading order.
///
/// Never panics on any input; a file that is not a readable, unencrypted PDF with a text layer
/// gives the matching [`ImportError`].
pub fn read(bytes: &[u8]) -> Result<Document, ImportError> {
    // The reader has no panics we know of; this is the last line against one in a dependency
    // on a file nobody foresaw, so that one bad file never stops a batch.
    match std::panic::catch_unwind(|| read_inner(bytes)) {
        Ok(result) => result,
        Err(_) => Err(ImportError::Damaged("文件结构异常，读取时出错".into())),
    }
}

fn read_inner(bytes: &[u8]) -> Result<Document, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(format!(
            "文件有 {} MB，超过 {} MB",
            bytes.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(ImportError::Damaged(
            "不是 PDF 文件（文件开头没有 PDF 标记）".into(),
        ));
    }
    // lopdf decodes object streams while loading, each within the limit it is given: share the
    // whole-file allowance among them, so many small bombs cannot add up either.
    let object_streams = bytes.windows(7).filter(|w| w == b"/ObjStm").count().max(1);
    let load_limit = (MAX_TOTAL_BYTES / object_streams).clamp(4 * 1024 * 1024, MAX_STREAM_BYTES);
    let options = LoadOptions {
        max_decompressed_size: Some(load_limit),
        ..LoadOptions::default()
    };
    let pdf = match PdfDocument::load_mem_with_options(bytes, options) {
        Ok(pdf) => pdf,
        Err(lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_)) => {
            return Err(ImportError::Encrypted);
        }
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err(ImportError::TooLarge(
                "文件中的压缩数据解压后过大（可能是恶意构造的文件）".into(),
            ));
        }
        Err(_) => {
            return Err(ImportError::Damaged(
                "无法解析 PDF 结构，文件可能不完整（下载或传送中断）或已损坏".into(),
            ));
        }
    };
    // Opened with the empty user password (a file only restricted from editing) it is readable;
    // still marked encrypted means it needs a password we do not have.
    if pdf.is_encrypted() {
        return Err(ImportError::Encrypted);
    }
    let pages = pdf.get_pages();
    if pages.is_empty() {
        return Err(ImportError::Damaged("文件中没有页面".into()));
    }
    if pages.len() > MAX_PAGES {
        return Err(ImportError::TooLarge(format!(
            "文件有 {} 页，超过 {MAX_PAGES} 页",
            pages.len()
        )));
    }
    let mut budget = Budget::new();
    let mut interp = interp::Interpreter::new(&pdf, &mut budget);
    let mut contents = Vec::with_capacity(pages.len());
    for (number, id) in pages {
        contents.push((number, interp.page(id)?));
    }
    let visible = contents
        .iter()
        .flat_map(|(_, p)| &p.glyphs)
        .filter(|g| !g.ch.is_whitespace())
        .count();
    if visible == 0 {
        // No text because the content is broken is not the same as a scan.
        if budget.broken_streams > 0 {
            return Err(ImportError::Damaged("页面内容无法解析".into()));
        }
        if budget.unmapped_glyphs > 0 {
            return Err(ImportError::Damaged(
                "文字所用字体没有字符对照表（ToUnicode），无法还原文字".into(),
            ));
        }
        return Err(ImportError::NoText);
    }
    Ok(layout::document(&contents))
}
