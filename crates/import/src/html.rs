//! The web page reader: a portal page saved by a browser (or our own web export) as a
//! [`Document`].
//!
//! Parsed by `scraper` (html5ever, the HTML5 parsing algorithm browsers use, into an arena tree:
//! no recursion when a hostile page nests thousands deep). Pages on Chinese portals are often
//! GBK or GB2312; the encoding comes from a byte-order mark or the page's `charset`, else UTF-8
//! when the bytes are valid UTF-8, else GB18030 (a superset of both), decoded with `encoding_rs`.
//!
//! A saved page carries the portal around the report (menus, headers, footers, related links):
//! the article is the smallest element holding the report's title and its first and last
//! section headings. Its paragraphs come from block elements and `<br>`, its tables from
//! `<table>` with `colspan`/`rowspan` (a table that only lays out the page is read as text), and
//! an `<img>` in the text is a picture (a table published as an image).

use crate::ImportError;
use crate::doc::{Block, Cell, Document, Located, Table};
use crate::text::strip_ws;
use ego_tree::NodeRef;
use encoding_rs::Encoding;
use scraper::{Html, Node};

/// The largest page we parse (a report's page is under 1 MB).
const MAX_HTML_BYTES: usize = 32 * 1024 * 1024;
/// Element nesting we accept: real pages stay under a few hundred; the HTML5 algorithm's scope
/// checks take time in proportion to it for each tag.
const MAX_NESTING: usize = 1_500;
/// Tags we accept in a page.
const MAX_TAGS: usize = 300_000;
/// A cell with more text than this holds a page's content: the table lays out the page.
const LAYOUT_CELL_CHARS: usize = 300;

/// Whether the start of a file is an HTML page.
pub fn looks_like_html(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('<')
        && [
            "<html",
            "<!doctype html",
            "<body",
            "<head",
            "<meta",
            "<p",
            "<div",
            "<table",
        ]
        .iter()
        .any(|m| t.contains(m))
}

/// A web page as a document.
pub fn read(bytes: &[u8]) -> Result<Document, ImportError> {
    if bytes.len() > MAX_HTML_BYTES {
        return Err(ImportError::TooLarge(format!(
            "网页有 {} MB，超过了 {} MB 的上限",
            bytes.len() / 1024 / 1024,
            MAX_HTML_BYTES / 1024 / 1024
        )));
    }
    let text = decode(bytes);
    check_nesting(&text)?;
    let html = Html::parse_document(&text);
    let root = article(&html);
    let mut reader = Reader::default();
    reader.flow(root);
    reader.flush();
    Ok(Document {
        blocks: reader.blocks,
    })
}

/// The page's text, in the encoding it declares or is written in.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = head.find("charset").and_then(|at| {
        let rest = head[at + "charset".len()..].trim_start();
        let rest = rest.strip_prefix('=')?.trim_start();
        let rest = rest.trim_start_matches(['"', '\'']);
        let label: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        Encoding::for_label(label.as_bytes())
    });
    let encoding = match declared {
        // A page cannot declare UTF-16 in ASCII; such a declaration is wrong.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => encoding_rs::UTF_8,
        Some(e) => e.output_encoding(),
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => encoding_rs::GB18030,
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Refuses a page nested deeper than [`MAX_NESTING`] or with more than [`MAX_TAGS`] tags,
/// counted on the source before parsing (elements that close themselves in HTML, such as
/// `<p>`, `<li>` or `<td>`, are not counted as open).
fn check_nesting(text: &str) -> Result<(), ImportError> {
    const VOID: [&[u8]; 22] = [
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
        b"source", b"track", b"wbr", b"p", b"li", b"td", b"th", b"tr", b"option", b"dt", b"dd",
        b"param",
    ];
    /// How far a tag's `>` is looked for: every scan stays bounded, whatever the page.
    const TAG_WINDOW: usize = 2048;
    let bytes = text.as_bytes();
    let mut depth: usize = 0;
    let mut tags = 0usize;
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        at += offset + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            at += find_ci(rest, b"-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        tags += 1;
        if tags > MAX_TAGS {
            return Err(ImportError::TooLarge("网页的标签数超过了上限".into()));
        }
        let window = &rest[..rest.len().min(TAG_WINDOW)];
        let end = window
            .iter()
            .position(|&b| b == b'>')
            .unwrap_or(window.len());
        let self_closing = end > 0 && window[end - 1] == b'/';
        if closing {
            depth = depth.saturating_sub(1);
        } else if !(VOID.contains(&name.as_slice()) || self_closing) {
            depth += 1;
            if depth > MAX_NESTING {
                return Err(ImportError::TooLarge(format!(
                    "网页的元素嵌套超过 {MAX_NESTING} 层，不像是一份报告"
                )));
            }
        }
        if !closing && (name == b"script" || name == b"style") {
            let close: Vec<u8> = [b"</".as_slice(), &name].concat();
            at += find_ci(rest, &close).unwrap_or(rest.len());
        }
    }
    Ok(())
}

/// Where `needle` first occurs in `hay`, ASCII case aside.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn element_name<'a>(node: &NodeRef<'a, Node>) -> Option<&'a str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

/// Elements whose content is never the report's text.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "nav"
            | "button"
            | "select"
            | "textarea"
            | "svg"
            | "iframe"
            | "form"
            | "object"
    )
}

/// An element's text, all of it, without what is never the report's.
fn text_of(node: NodeRef<Node>) -> String {
    text_without(node, false, usize::MAX)
}

/// An element's text; without the text of links when `skip_links`; cut off after `limit`
/// bytes (what only tells whether a text is short need not read a whole page).
fn text_without(node: NodeRef<Node>, skip_links: bool, limit: usize) -> String {
    let mut out = String::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if out.len() > limit {
            break;
        }
        match n.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if skipped(e.name()) => {}
            Node::Element(e) if skip_links && e.name() == "a" => {}
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            _ => stack.extend(n.children().rev()),
        }
    }
    out
}

/// The element that holds the report: the smallest holding its title and its first and last
/// section headings; the whole body when they are not found.
fn article(html: &Html) -> NodeRef<'_, Node> {
    let root = html.tree.root();
    let body = root
        .descendants()
        .find(|n| element_name(n) == Some("body"))
        .unwrap_or(root);
    let mut marks: Vec<NodeRef<Node>> = Vec::new();
    let wanted: [fn(&str) -> bool; 3] = [
        |s| {
            s.contains("年度报告")
                && s.chars().any(|c| c.is_ascii_digit())
                && s.chars().count() <= 80
        },
        |s| s.starts_with("一、") && s.contains("总体情况") && s.chars().count() <= 20,
        |s| s.starts_with("六、") && s.contains("其他需要报告") && s.chars().count() <= 20,
    ];
    for want in wanted {
        // The deepest element whose text alone is the mark, outside links (other years'
        // reports listed beside the article).
        let found = body
            .descendants()
            .filter(|n| {
                element_name(n).is_some_and(|name| !skipped(name) && name != "a")
                    && !n.ancestors().any(|a| element_name(&a) == Some("a"))
            })
            .filter(|n| want(&strip_ws(&text_without(*n, true, 1024))))
            .last_deepest();
        if let Some(n) = found {
            marks.push(n);
        }
    }
    let Some(first) = marks.first().copied() else {
        return body;
    };
    if marks.len() == 1 {
        // Only the title: the ancestor of it with the most text of its own.
        return first
            .ancestors()
            .find(|a| strip_ws(&text_without(*a, false, 8192)).chars().count() > 500)
            .unwrap_or(body);
    }
    let chain: Vec<NodeRef<Node>> = std::iter::once(first).chain(first.ancestors()).collect();
    chain
        .into_iter()
        .find(|a| {
            marks
                .iter()
                .all(|m| *m == *a || m.ancestors().any(|x| x == *a))
        })
        .unwrap_or(body)
}

trait LastDeepest<'a> {
    /// The first matching element in document order that has no matching element inside it.
    fn last_deepest(self) -> Option<NodeRef<'a, Node>>;
}

impl<'a, I: Iterator<Item = NodeRef<'a, Node>>> LastDeepest<'a> for I {
    fn last_deepest(self) -> Option<NodeRef<'a, Node>> {
        let mut best: Option<NodeRef<'a, Node>> = None;
        for n in self {
            match best {
                // A match inside the current one is more precise.
                Some(b) if n.ancestors().any(|a| a == b) => best = Some(n),
                Some(_) => break,
                None => best = Some(n),
            }
        }
        best
    }
}

/// Elements that start and end a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "blockquote"
            | "pre"
            | "center"
            | "address"
            | "figure"
            | "figcaption"
            | "caption"
            | "hr"
            | "body"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
    )
}

/// What a portal prints around an article: publication data, font size, print and share.
fn is_portal_furniture(text: &str) -> bool {
    let marks = [
        "来源",
        "发布时间",
        "发布日期",
        "字号",
        "浏览",
        "打印",
        "分享",
        "点击",
        "关闭",
        "阅读",
    ];
    text.chars().count() < 100 && marks.iter().filter(|m| text.contains(*m)).count() >= 2
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Located>,
    text: String,
}

enum Step<'a> {
    Enter(NodeRef<'a, Node>),
    /// The end of a block element: its paragraph ends.
    Leave,
}

impl Reader {
    fn flush(&mut self) {
        let text = tidy(&std::mem::take(&mut self.text));
        if !text.is_empty() && !is_portal_furniture(&text) {
            self.push(Block::Paragraph(text));
        }
    }

    fn push(&mut self, block: Block) {
        self.blocks.push(Located { page: None, block });
    }

    /// The paragraphs, tables and pictures under `root`, in order.
    fn flow(&mut self, root: NodeRef<Node>) {
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            let node = match step {
                Step::Leave => {
                    self.flush();
                    continue;
                }
                Step::Enter(n) => n,
            };
            match node.value() {
                Node::Text(t) => self.text.push_str(&whitespace(t)),
                Node::Element(e) => {
                    let name = e.name();
                    if skipped(name) {
                        continue;
                    }
                    match name {
                        "br" => self.text.push('\n'),
                        "img" => {
                            let small = |a: &str| {
                                e.attr(a)
                                    .and_then(|v| {
                                        v.trim_end_matches("px").trim().parse::<u32>().ok()
                                    })
                                    .is_some_and(|v| v < 64)
                            };
                            let in_link = node.ancestors().any(|a| element_name(&a) == Some("a"));
                            if !(small("width") || small("height") || in_link) {
                                self.flush();
                                self.push(Block::Image);
                            }
                        }
                        "table" if !is_layout_table(node) => {
                            self.flush();
                            self.table(node);
                        }
                        _ => {
                            let block = is_block(name) || name == "table";
                            if block {
                                self.flush();
                                stack.push(Step::Leave);
                            }
                            stack.extend(node.children().rev().map(Step::Enter));
                        }
                    }
                }
                Node::Document | Node::Fragment => {
                    stack.extend(node.children().rev().map(Step::Enter));
                }
                _ => {}
            }
        }
    }

    /// A data table: its caption as a paragraph, then its rows.
    fn table(&mut self, table: NodeRef<Node>) {
        let mut rows = Vec::new();
        let mut any_text = false;
        let mut any_picture = false;
        for child in own_parts(table) {
            match element_name(&child) {
                Some("caption") => {
                    let text = tidy(&whitespace(&text_of(child)));
                    if !text.is_empty() {
                        self.push(Block::Paragraph(text));
                    }
                }
                Some("tr") => {
                    let mut row = Vec::new();
                    for cell in child.children() {
                        if !matches!(element_name(&cell), Some("td" | "th")) {
                            continue;
                        }
                        let Node::Element(e) = cell.value() else {
                            continue;
                        };
                        let span = |a: &str| {
                            e.attr(a)
                                .and_then(|v| v.trim().parse::<u16>().ok())
                                .unwrap_or(1)
                                .clamp(1, 1000)
                        };
                        let text = tidy(&whitespace(&text_of(cell)).replace('\n', ""));
                        any_text |= !text.is_empty();
                        any_picture |= cell.descendants().any(|d| element_name(&d) == Some("img"));
                        row.push(Cell {
                            text,
                            col_span: span("colspan"),
                            row_span: span("rowspan"),
                        });
                    }
                    rows.push(row);
                }
                _ => {}
            }
        }
        if any_picture && !any_text {
            self.push(Block::Image);
        } else {
            self.push(Block::Table(Table { rows }));
        }
    }
}

/// A table's caption and rows, through thead/tbody/tfoot but not into tables inside it.
fn own_parts(table: NodeRef<Node>) -> Vec<NodeRef<Node>> {
    let mut out = Vec::new();
    for child in table.children() {
        match element_name(&child) {
            Some("thead" | "tbody" | "tfoot") => out.extend(child.children()),
            Some(_) => out.push(child),
            None => {}
        }
    }
    out
}

/// A table that lays out the page rather than holding data: it holds a table, or a cell with a
/// page's worth of text.
fn is_layout_table(table: NodeRef<Node>) -> bool {
    let nested = table
        .descendants()
        .skip(1)
        .any(|d| element_name(&d) == Some("table"));
    nested
        || own_parts(table)
            .into_iter()
            .flat_map(|tr| tr.children())
            .filter(|c| matches!(element_name(c), Some("td" | "th")))
            .any(|c| strip_ws(&text_without(c, false, 8192)).chars().count() > LAYOUT_CELL_CHARS)
}

/// HTML's white space: a run with a line end in it (a line break of the source) is marked, so
/// that between Chinese characters it can go; any other run is one space.
fn whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run: Option<bool> = None;
    for c in text.chars() {
        if c.is_whitespace() {
            let newline = c == '\n' || c == '\r';
            run = Some(run.unwrap_or(false) || newline);
        } else {
            if let Some(nl) = run.take() {
                out.push(if nl { '\u{1}' } else { ' ' });
            }
            out.push(c);
        }
    }
    if let Some(nl) = run {
        out.push(if nl { '\u{1}' } else { ' ' });
    }
    out
}

/// A paragraph's lines trimmed; a source line break between two characters that are not both
/// Latin goes, any other is a space.
fn tidy(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '\u{1}' {
            let before = out.chars().last();
            let after = chars.get(i + 1).copied();
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(before) && latin(after) {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
