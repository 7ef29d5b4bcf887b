//! The Word reader: a .docx (WordprocessingML in a zip) as a [`Document`].
//!
//! Read with `zip` (the version the Word export writes with) and `roxmltree` (already in the tree
//! through fontdb; it refuses DTDs and so entity bombs, and builds its tree without recursion).
//! docx-rs 0.4 was considered: it reads tables, but keeps `vMerge` as a per-cell flag the caller
//! must resolve anyway, reads headers, numbering and images we do not need, and has no limits for
//! a hostile file. The few elements a report uses are read here directly: paragraphs (`w:p`),
//! tables (`w:tbl`, merges from `w:gridSpan` and `w:vMerge`), and pictures (`w:drawing`,
//! `w:pict`) where a table would stand.
//!
//! Every size is bounded before it is read: the zip's entry count, each entry's declared size
//! and the bytes it actually inflates to, the XML's node count and the nesting we follow.

use crate::ImportError;
use crate::doc::{Block, Cell, Document, Located, Table};
use roxmltree::Node;
use std::io::{Cursor, Read as _};

/// More entries than any Word file has (a report has about 15).
const MAX_ENTRIES: usize = 10_000;
/// The largest `document.xml` we inflate: a 100-page report is about 2 MB.
const MAX_PART_BYTES: u64 = 48 * 1024 * 1024;
/// XML nodes we build at most.
const MAX_NODES: u32 = 4_000_000;
/// How deep tables in tables (and other containers) are followed.
const MAX_DEPTH: usize = 64;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The error for an OLE compound file: a Word file with a password is an OLE file holding an
/// `EncryptedPackage` stream; any other is an old binary .doc.
pub fn ole_error(bytes: &[u8]) -> ImportError {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if bytes.windows(name.len()).any(|w| w == name.as_slice()) {
        ImportError::Encrypted
    } else {
        ImportError::Damaged(
            "这是旧版 Word（.doc）或 WPS 文件，请在 Word 或 WPS 中“另存为”.docx 后再导入".into(),
        )
    }
}

/// A .docx file's body as a document.
pub fn read(bytes: &[u8]) -> Result<Document, ImportError> {
    let xml = main_part(bytes)?;
    check_nesting(&xml)?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
    };
    let tree = roxmltree::Document::parse_with_options(&xml, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => {
            ImportError::TooLarge("Word 文档的内容过多（XML 节点超过上限）".into())
        }
        e => ImportError::Damaged(format!("Word 文档的内容无法解析（{e}）")),
    })?;
    let body = tree
        .root_element()
        .children()
        .find(|n| is_w(n, "body"))
        .ok_or_else(|| ImportError::Damaged("Word 文档没有正文".into()))?;
    let mut blocks = Vec::new();
    container(body, &mut blocks, 0)?;
    Ok(Document { blocks })
}

/// Refuses XML nested deeper than a Word file ever is, before it is parsed: counted on the
/// text, so that neither the parser nor our reading recurses without bound.
fn check_nesting(xml: &str) -> Result<(), ImportError> {
    /// A report's body is about 12 deep; a table in a table adds about 4.
    const MAX_XML_DEPTH: usize = 256;
    let bytes = xml.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(offset) = xml[at..].find('<') {
        let start = at + offset;
        let end = xml[start..].find('>').map_or(xml.len(), |e| start + e);
        match bytes.get(start + 1) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b'?' | b'!') => {}
            _ if bytes.get(end.wrapping_sub(1)) == Some(&b'/') => {}
            _ => {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    return Err(ImportError::TooLarge(
                        "Word 文档的嵌套层数过多（表格套表格超过上限）".into(),
                    ));
                }
            }
        }
        at = end.min(xml.len());
        if at == start {
            at += 1;
        }
    }
    Ok(())
}

/// The main document part's XML, inflated within the limits.
fn main_part(bytes: &[u8]) -> Result<String, ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(&e))?;
    if zip.len() > MAX_ENTRIES {
        return Err(ImportError::TooLarge(format!(
            "压缩包里有 {} 个文件，超过了上限",
            zip.len()
        )));
    }
    // The main part is named by the package's relationships; Word and WPS both use this name.
    let name = main_part_name(&mut zip).unwrap_or_else(|| "word/document.xml".to_string());
    let entry = zip.by_name(&name).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => ImportError::Damaged(
            "这是一个压缩包，但不是 Word 文档（没有 word/document.xml）".into(),
        ),
        e => zip_error(&e),
    })?;
    read_entry(entry).and_then(|b| {
        String::from_utf8(b)
            .map_err(|_| ImportError::Damaged("Word 文档的正文不是 UTF-8 编码".into()))
    })
}

fn main_part_name(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    let rels = zip.by_name("_rels/.rels").ok()?;
    let text = String::from_utf8(read_entry(rels).ok()?).ok()?;
    let tree = roxmltree::Document::parse(&text).ok()?;
    let target = tree
        .descendants()
        .find(|n| {
            n.attribute("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"))
        })?
        .attribute("Target")?;
    Some(target.trim_start_matches('/').to_string())
}

/// An entry's bytes: refused when its declared size is over the limit, and cut off when it
/// inflates to more than it declared (a zip bomb may lie about its size).
fn read_entry<R: std::io::Read>(entry: zip::read::ZipFile<'_, R>) -> Result<Vec<u8>, ImportError> {
    if entry.encrypted() {
        return Err(ImportError::Encrypted);
    }
    let declared = entry.size();
    if declared > MAX_PART_BYTES {
        return Err(ImportError::TooLarge(format!(
            "Word 文档解压后有 {} MB，超过了上限（可能是“压缩炸弹”）",
            declared / 1024 / 1024
        )));
    }
    let mut out = Vec::new();
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| ImportError::Damaged(format!("Word 文档无法解压（{e}）")))?;
    if out.len() as u64 > MAX_PART_BYTES || out.len() as u64 > declared {
        return Err(ImportError::TooLarge(
            "Word 文档解压后的大小超过了它自己声明的大小（可能是“压缩炸弹”）".into(),
        ));
    }
    Ok(out)
}

fn zip_error(e: &zip::result::ZipError) -> ImportError {
    use zip::result::ZipError;
    match e {
        ZipError::UnsupportedArchive(msg) if *msg == ZipError::PASSWORD_REQUIRED => {
            ImportError::Encrypted
        }
        ZipError::InvalidPassword => ImportError::Encrypted,
        ZipError::Io(io) => ImportError::Damaged(format!("Word 文档无法读取（{io}）")),
        e => ImportError::Damaged(format!("Word 文档的压缩格式有误（{e}）")),
    }
}

fn is_w(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W_NS)
}

fn deeper(depth: usize) -> Result<usize, ImportError> {
    if depth >= MAX_DEPTH {
        return Err(ImportError::TooLarge(
            "Word 文档的嵌套层数过多（表格套表格超过上限）".into(),
        ));
    }
    Ok(depth + 1)
}

/// The blocks of a body, a cell or a content control, in order.
fn container(node: Node, out: &mut Vec<Located>, depth: usize) -> Result<(), ImportError> {
    let depth = deeper(depth)?;
    for child in node.children().filter(Node::is_element) {
        let name = child.tag_name().name();
        if child.tag_name().namespace() != Some(W_NS) {
            continue;
        }
        match name {
            "p" => {
                let (text, picture) = paragraph_text(child);
                let block = if text.trim().is_empty() && picture {
                    Block::Image
                } else {
                    Block::Paragraph(text)
                };
                out.push(Located { page: None, block });
            }
            "tbl" => out.push(Located {
                page: None,
                block: table(child, depth)?,
            }),
            // Content controls and custom XML wrap blocks.
            "sdt" => {
                if let Some(content) = child.children().find(|n| is_w(n, "sdtContent")) {
                    container(content, out, depth)?;
                }
            }
            "customXml" => container(child, out, depth)?,
            _ => {}
        }
    }
    Ok(())
}

/// A paragraph's text (manual line breaks as "\n") and whether it holds a picture.
fn paragraph_text(p: Node) -> (String, bool) {
    let mut text = String::new();
    let mut picture = false;
    // The document order of the paragraph's nodes, without descending into what is not text:
    // deleted text, field codes, pictures (whose text boxes have Choice and Fallback copies).
    let mut stack: Vec<Node> = p.children().rev().collect();
    while let Some(n) = stack.pop() {
        if !n.is_element() {
            continue;
        }
        let ns_w = n.tag_name().namespace() == Some(W_NS);
        let name = n.tag_name().name();
        match (ns_w, name) {
            (true, "t") => text.push_str(n.text().unwrap_or("")),
            (true, "tab") => text.push(' '),
            (true, "br")
                if n.attribute((W_NS, "type"))
                    .is_none_or(|t| t == "textWrapping") =>
            {
                text.push('\n')
            }
            (true, "cr") => text.push('\n'),
            (true, "noBreakHyphen") => text.push('-'),
            (true, "del" | "delText" | "moveFrom" | "instrText" | "pPr" | "rPr") => {}
            (true, "drawing" | "pict" | "object") => picture = true,
            (false, "AlternateContent") => picture = picture || has_picture(n),
            _ => stack.extend(n.children().rev()),
        }
    }
    (text, picture)
}

fn has_picture(n: Node) -> bool {
    n.descendants()
        .any(|d| is_w(&d, "drawing") || is_w(&d, "pict"))
}

/// A table, merges resolved: a cell with `gridSpan` covers that many grid columns; a cell with
/// `vMerge` (not "restart") continues the merged cell above it in the same grid column. A table
/// with pictures and no text is a table published as a picture.
fn table(tbl: Node, depth: usize) -> Result<Block, ImportError> {
    let depth = deeper(depth)?;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    // For each grid column: where the cell that starts there sits (row, index in the row).
    let mut starts: Vec<Vec<(usize, usize, usize)>> = Vec::new();
    let mut any_text = false;
    let mut any_picture = false;
    for tr in tbl.children().filter(|n| is_w(n, "tr")) {
        let r = rows.len();
        let mut row: Vec<Cell> = Vec::new();
        let mut row_starts = Vec::new();
        let mut col = tr
            .children()
            .find(|n| is_w(n, "trPr"))
            .and_then(|p| p.children().find(|n| is_w(n, "gridBefore")))
            .and_then(|g| g.attribute((W_NS, "val")))
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0)
            .min(1000);
        for tc in cells_of(tr) {
            let props = tc.children().find(|n| is_w(n, "tcPr"));
            let span = props
                .and_then(|p| p.children().find(|n| is_w(n, "gridSpan")))
                .and_then(|g| g.attribute((W_NS, "val")))
                .and_then(|v| v.parse::<u16>().ok())
                .unwrap_or(1)
                .clamp(1, 1000);
            let vmerge = props.and_then(|p| p.children().find(|n| is_w(n, "vMerge")));
            let continues = vmerge.is_some_and(|v| v.attribute((W_NS, "val")) != Some("restart"));
            if continues
                && let Some(&(sr, si, _)) = r
                    .checked_sub(1)
                    .and_then(|prev| starts.get(prev))
                    .and_then(|s: &Vec<(usize, usize, usize)>| s.iter().find(|(_, _, c)| *c == col))
            {
                if let Some(cell) = rows.get_mut(sr).and_then(|row| row.get_mut(si)) {
                    cell.row_span = cell.row_span.saturating_add(1);
                }
                row_starts.push((sr, si, col));
                col += usize::from(span);
                continue;
            }
            let mut blocks = Vec::new();
            container(tc, &mut blocks, depth)?;
            let mut text = String::new();
            for b in &blocks {
                match &b.block {
                    Block::Paragraph(t) => text.push_str(&t.replace('\n', "")),
                    Block::Table(inner) => {
                        for c in inner.rows.iter().flatten() {
                            text.push_str(&c.text);
                        }
                    }
                    Block::Image => any_picture = true,
                }
            }
            any_text |= !text.trim().is_empty();
            row_starts.push((r, row.len(), col));
            row.push(Cell {
                text: text.trim().to_string(),
                col_span: span,
                row_span: 1,
            });
            col += usize::from(span);
        }
        starts.push(row_starts);
        rows.push(row);
    }
    if any_picture && !any_text {
        return Ok(Block::Image);
    }
    Ok(Block::Table(Table { rows }))
}

/// A row's cells, those inside content controls too.
fn cells_of<'a, 'i>(tr: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    for n in tr.children().filter(Node::is_element) {
        if is_w(&n, "tc") {
            out.push(n);
        } else if is_w(&n, "sdt") || is_w(&n, "customXml") {
            let inner = n.children().find(|c| is_w(c, "sdtContent")).unwrap_or(n);
            out.extend(inner.children().filter(|c| is_w(c, "tc")));
        }
    }
    out
}
