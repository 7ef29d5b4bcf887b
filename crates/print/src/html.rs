//! The report as a web page for the government portal, from the composed blocks: the title as
//! `h1`, the six section headings as `h2`, the （一） headings as `h3`, paragraphs as `p`, and the
//! three tables as real tables with the template's merges (`rowspan`/`colspan`), a `caption`
//! and `th scope`, so a screen reader can say which row and column a number belongs to
//! (GB/T 37668-2019 §7.3 / WCAG 1.3.1). No images of text and no layout tables; the only
//! inline styles are the ones a CMS editor keeps and a portal needs (rules, indents, alignment),
//! so the portal's own style sheet sets fonts and colours.
//!
//! [`fragment`] is what a clerk pastes into the portal's editor (UEditor, KindEditor);
//! [`page`] is a complete standalone page around it; [`plain_text`] is the clipboard's fallback.

use crate::compose::{self, Align, Block, Paragraph, Placed, TableCell, TableSpec};
use crate::fonts::Role;
use nianbao_core::model::{Place, Report};
use nianbao_core::template;
use std::fmt::Write as _;

/// The body of the report as an HTML fragment, for a CMS editor.
pub fn fragment(report: &Report) -> String {
    let mut out = String::with_capacity(32 * 1024);
    for placed in compose::blocks(report) {
        block(&mut out, &placed);
    }
    out
}

/// A complete standalone page (UTF-8, `lang="zh-CN"`, the report's title) around [`fragment`].
pub fn page(report: &Report) -> String {
    let title = escape(&report.title());
    let body = fragment(report);
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
}

/// What the standalone page adds to the portal-neutral fragment: a readable measure and the
/// office's fonts where the reader has them.
const STYLE: &str = "body{max-width:52em;margin:2em auto;padding:0 1em;line-height:1.8;\
font-family:\"仿宋_GB2312\",\"仿宋\",FangSong,STFangsong,serif}\n\
h1{font-size:1.6em;line-height:1.4}\nh2,h3{font-size:1.1em}\n\
table{margin:.5em 0 1em}\ncaption{font-weight:bold;padding:.3em}\n\
th,td{padding:.2em .4em;line-height:1.4}\n";

/// The report as plain text: paragraphs one per line, table rows with tab-separated cells (what
/// a spreadsheet or a plain editor makes of a paste).
pub fn plain_text(report: &Report) -> String {
    let mut out = String::new();
    for placed in compose::blocks(report) {
        match &placed.block {
            Block::Title { text, .. } => {
                out.push_str(text);
                out.push('\n');
            }
            Block::Signoff { name, date } => {
                for line in name.iter().chain([date]) {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            Block::Paragraph(p) => {
                for s in &p.spans {
                    out.push_str(&s.text);
                }
                out.push('\n');
            }
            Block::Table(t) => {
                for r in 0..t.rows {
                    let cells: Vec<&str> = row_cells(t, r).map(|c| c.text.as_str()).collect();
                    out.push_str(&cells.join("\t"));
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Text made safe inside HTML elements and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn block(out: &mut String, placed: &Placed) {
    match &placed.block {
        Block::Title {
            text,
            chosen_breaks,
            ..
        } => {
            let lines: Vec<String> = compose::chosen_title_lines(text, chosen_breaks.as_deref())
                .into_iter()
                .map(escape)
                .collect();
            let _ = writeln!(
                out,
                "<h1 style=\"text-align:center\">{}</h1>",
                lines.join("<br>")
            );
        }
        Block::Paragraph(p) => paragraph(out, p),
        Block::Table(t) => table(out, t, &placed.place),
        Block::Signoff { name, date } => {
            let (name_in, date_in) = compose::signoff_indents(name.as_deref(), date);
            let lines = name.iter().zip(name_in).chain([(date, date_in)]);
            for (i, (line, right)) in lines.enumerate() {
                // One blank line before the block, as printed.
                let top = if i == 0 { "margin-top:1.8em;" } else { "" };
                let _ = writeln!(
                    out,
                    "<p style=\"{top}text-align:right;margin-right:{right}em\">{}</p>",
                    escape(line)
                );
            }
        }
    }
}

fn body_paragraph(out: &mut String, text: &str) {
    let _ = writeln!(out, "<p style=\"text-indent:2em\">{}</p>", escape(text));
}

fn paragraph(out: &mut String, p: &Paragraph) {
    let Some(first) = p.spans.first() else {
        return;
    };
    match first.role {
        Role::Heading => {
            let _ = writeln!(out, "<h2>{}</h2>", escape(&joined(p)));
        }
        Role::Subheading => {
            let _ = writeln!(out, "<h3>{}</h3>", escape(&first.text));
            // "（五）label：无" prints on one line; on the web the answer is the heading's
            // paragraph, so the outline of headings stays the same for every item.
            let rest: String = p.spans[1..].iter().map(|s| s.text.as_str()).collect();
            let rest = rest.trim_start_matches('：');
            if !rest.is_empty() {
                body_paragraph(out, rest);
            }
        }
        _ => body_paragraph(out, &joined(p)),
    }
}

fn joined(p: &Paragraph) -> String {
    p.spans.iter().map(|s| s.text.as_str()).collect()
}

/// The cells that start in grid row `r`, left to right.
fn row_cells(t: &TableSpec, r: usize) -> impl Iterator<Item = &TableCell> {
    let mut cells: Vec<&TableCell> = t.cells.iter().filter(|c| c.row == r).collect();
    cells.sort_by_key(|c| c.col);
    cells.into_iter()
}

fn table(out: &mut String, t: &TableSpec, place: &Place) {
    out.push_str("<table border=\"1\" style=\"border-collapse:collapse;width:100%\">\n");
    if let Some(key) = place.section() {
        let _ = writeln!(
            out,
            "<caption>{}</caption>",
            escape(template::section(key).name)
        );
    }
    // The template's column widths, so a portal's table looks like the printed one.
    out.push_str("<colgroup>");
    for w in &t.cols {
        let _ = write!(out, "<col style=\"width:{:.1}%\">", w * 100.0);
    }
    out.push_str("</colgroup>\n");
    let mut in_head = t.header_rows > 0;
    out.push_str(if in_head { "<thead>\n" } else { "<tbody>\n" });
    for r in 0..t.rows {
        if in_head && r == t.header_rows {
            out.push_str("</thead>\n<tbody>\n");
            in_head = false;
        }
        out.push_str("<tr>");
        for c in row_cells(t, r) {
            cell(out, c, r < t.header_rows);
        }
        out.push_str("</tr>\n");
    }
    out.push_str(if in_head { "</thead>\n" } else { "</tbody>\n" });
    out.push_str("</table>\n");
}

fn cell(out: &mut String, c: &TableCell, in_head: bool) {
    // Numbers are data; the template's labels are headers: column heads over the numbers
    // below them, row labels for the numbers to their right. The 勾稽 note in table 三's
    // corner heads nothing, so it is data.
    let (tag, scope) = match c.place {
        Place::Cell(_) => ("td", None),
        // A spanning header covers the columns or rows it spans (HTML's table model), so
        // "col"/"row" is right for merged heads too; "colgroup" would need <colgroup>s.
        _ if c.role == Role::Heading => ("th", Some("col")),
        _ if in_head => ("td", None),
        _ => ("th", Some("row")),
    };
    let _ = write!(out, "<{tag}");
    if let Some(scope) = scope {
        let _ = write!(out, " scope=\"{scope}\"");
    }
    if c.rowspan > 1 {
        let _ = write!(out, " rowspan=\"{}\"", c.rowspan);
    }
    if c.colspan > 1 {
        let _ = write!(out, " colspan=\"{}\"", c.colspan);
    }
    // Browsers centre th and left-align td: say only where the print differs.
    let align = match (tag, c.align) {
        ("th", Align::Left) => Some("left"),
        ("td", Align::Center) => Some("center"),
        _ => None,
    };
    if let Some(a) = align {
        let _ = write!(out, " style=\"text-align:{a}\"");
    }
    let _ = write!(out, ">{}</{tag}>", escape(&c.text));
}
