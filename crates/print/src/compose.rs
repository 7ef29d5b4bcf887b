//! Compose: the report in print order as blocks (title, preface, the six sections with their
//! tables, date line), each carrying the place in the report it comes from. No page geometry:
//! what lines, pages and points are is layout's business, so a Word or web export can take the
//! same blocks. Every heading, label and note comes from `nianbao_core::template`.

use crate::fonts::Role;
use nianbao_core::model::{
    self, Entry, MetaField, Place, Prose, Report, Signoff, Total, paragraphs,
};
use nianbao_core::template::{
    self, NOTHING, OTHER_ITEMS, SECTIONS, SectionKey, T2Values, T3_BALANCE_NOTE, T3_COLUMNS,
    T3_RESULTS_LABEL, T3Col, T3Group, T3Row, T3RowKind, T4Col, T4Group, TABLE2_BLOCKS,
};

/// Type size of table text (五号).
pub const SIZE_TABLE: f32 = 10.5;
/// Type size of the note in table 三's corner (小五).
pub const SIZE_TABLE_NOTE: f32 = 9.0;

/// A styled piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub role: Role,
    pub text: String,
}

impl Span {
    /// A span of text in a role.
    pub fn new(role: Role, text: impl Into<String>) -> Span {
        Span {
            role,
            text: text.into(),
        }
    }
}

/// Horizontal alignment of a cell's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

/// One cell of a table, spanning rows and columns of the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    /// The field of the report it shows: a number cell, or its table's section for labels.
    pub place: Place,
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub text: String,
    pub role: Role,
    pub size: f32,
    pub align: Align,
    /// Wrap into lines of even length (table heads) instead of filling each line.
    pub balanced: bool,
}

/// A table as the template defines it, before measuring.
#[derive(Debug, Clone, PartialEq)]
pub struct TableSpec {
    /// Column widths as fractions of the text block's width; they add up to 1. Composing
    /// knows no page geometry: layout turns them into points, a Word table into twips.
    pub cols: Vec<f32>,
    /// The first rows form the head, repeated after a page break.
    pub header_rows: usize,
    /// Total number of grid rows, head included.
    pub rows: usize,
    pub cells: Vec<TableCell>,
    /// Body row ranges `[start, end)` that stay on one page (a merged group label with its
    /// rows); rows outside every range may break anywhere.
    pub keep_together: Vec<(usize, usize)>,
}

/// A paragraph-like block: body text, a heading, a section-六 item.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    /// First-line indent in grid characters.
    pub indent: f32,
    /// Keep on the same page as the first line of what follows (headings).
    pub keep_with_next: bool,
}

/// A piece of the report in print order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The title, with the glyph positions where a break keeps the sense (preferred breaks).
    Title {
        text: String,
        preferred_breaks: Vec<usize>,
        /// Where the person broke the title by hand (基本信息 → 标题分行): used as they are
        /// when every line fits.
        chosen_breaks: Option<Vec<usize>>,
    },
    Paragraph(Paragraph),
    Table(TableSpec),
    /// 落款: the 成文日期 alone, right-aligned four characters in from the right edge, or under
    /// the agency's name (署名), which stands two characters in, the date centred under it.
    Signoff {
        name: Option<String>,
        date: String,
    },
}

/// The title's lines where the person broke it by hand, else the whole title as one: for the
/// formats whose reader's program breaks lines itself (Word, a browser).
pub fn chosen_title_lines<'a>(text: &'a str, chosen_breaks: Option<&[usize]>) -> Vec<&'a str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    for &b in chosen_breaks.unwrap_or_default() {
        if let Some(&at) = offsets.get(b).filter(|&&at| at > start) {
            lines.push(&text[start..at]);
            start = at;
        }
    }
    lines.push(&text[start..]);
    lines
}

/// The right indents, in characters, of a 落款's name (when there is one) and its date, for the
/// formats that align text themselves: the date alone stands four characters in; under a name
/// standing two in, it is centred, and the longer of the two stands two in.
pub fn signoff_indents(name: Option<&str>, date: &str) -> (Option<f32>, f32) {
    // Full-width characters are one character wide, the digits of the date half of one.
    let width = |t: &str| -> f32 {
        t.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    };
    match name {
        None => (None, 4.0),
        Some(name) => {
            let (n, d) = (width(name), width(date));
            let name_in = 2.0 + ((d - n) / 2.0).max(0.0);
            (Some(name_in), name_in + (n - d) / 2.0)
        }
    }
}

/// A block with the place in the report it comes from: for messages, and so that every line
/// laid out from it knows which field produced it.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub place: Place,
    pub block: Block,
}

impl Placed {
    /// Every text of the block with its place (a table's cells each with their own) and the
    /// role it is set in, for the character checks before export.
    pub fn texts(&self) -> Vec<(Place, Role, &str)> {
        match &self.block {
            Block::Title { text, .. } => vec![(self.place, Role::Title, text.as_str())],
            Block::Signoff { name, date } => name
                .iter()
                .map(|n| (Place::Meta(MetaField::Agency), Role::Body, n.as_str()))
                .chain([(self.place, Role::Body, date.as_str())])
                .collect(),
            Block::Paragraph(p) => p
                .spans
                .iter()
                .map(|s| (self.place, s.role, s.text.as_str()))
                .collect(),
            Block::Table(t) => t
                .cells
                .iter()
                .map(|c| (c.place, c.role, c.text.as_str()))
                .collect(),
        }
    }
}

fn para(role: Role, text: &str, keep_with_next: bool) -> Block {
    Block::Paragraph(Paragraph {
        spans: vec![Span::new(role, text)],
        indent: 2.0,
        keep_with_next,
    })
}

fn push_prose(out: &mut Vec<Placed>, report: &Report, field: Prose) {
    for p in paragraphs(report.prose(field)) {
        out.push(Placed {
            place: Place::Prose(field),
            block: para(Role::Body, p, false),
        });
    }
}

/// The report as blocks in print order.
pub fn blocks(report: &Report) -> Vec<Placed> {
    let mut out = Vec::new();
    let title = report.title();
    // Break the title where the sense allows: before the fixed suffix, or after the agency.
    let total = title.chars().count();
    let suffix = template::TITLE_SUFFIX.chars().count();
    let agency = report.meta.agency.chars().count();
    let preferred_breaks = [total.saturating_sub(suffix), agency]
        .into_iter()
        .filter(|&b| b > 0 && b < total)
        .collect();
    let chosen_breaks = report.meta.title_lines_for(&title).map(|lines| {
        lines
            .iter()
            .scan(0, |at, line| {
                *at += line.chars().count();
                Some(*at)
            })
            .filter(|&b| b < total)
            .collect()
    });
    out.push(Placed {
        place: Place::Title,
        block: Block::Title {
            text: title,
            preferred_breaks,
            chosen_breaks,
        },
    });
    push_prose(&mut out, report, Prose::Preface);
    for def in &SECTIONS {
        let heading = def.heading();
        let section = Place::Section(def.key);
        out.push(Placed {
            place: section,
            block: para(Role::Heading, &heading, true),
        });
        match def.key {
            SectionKey::Overview => {
                push_prose(&mut out, report, Prose::OverviewIntro);
                for (i, part) in report.overview.parts.iter().enumerate() {
                    if part.title.trim().is_empty() && part.body.trim().is_empty() {
                        continue;
                    }
                    out.push(Placed {
                        place: Place::OverviewTitle(i),
                        block: para(Role::Subheading, &report.overview_heading(i), true),
                    });
                    push_prose(&mut out, report, Prose::OverviewPart(i));
                }
            }
            SectionKey::Proactive => out.push(Placed {
                place: section,
                block: Block::Table(table2(report)),
            }),
            SectionKey::Applications => out.push(Placed {
                place: section,
                block: Block::Table(table3(report)),
            }),
            SectionKey::Review => out.push(Placed {
                place: section,
                block: Block::Table(table4(report)),
            }),
            SectionKey::Problems => push_prose(&mut out, report, Prose::Problems),
            SectionKey::Other => {
                for (i, item) in OTHER_ITEMS.iter().enumerate() {
                    let label = format!("{}{}", template::paren_numeral(i), item.label);
                    let field = Prose::OtherItem(i);
                    let place = Place::Prose(field);
                    if report.prose(field).trim() == NOTHING {
                        // "（五）label：无" on one line, as published reports print it.
                        out.push(Placed {
                            place,
                            block: Block::Paragraph(Paragraph {
                                spans: vec![
                                    Span::new(Role::Subheading, label),
                                    Span::new(Role::Body, format!("：{NOTHING}")),
                                ],
                                indent: 2.0,
                                keep_with_next: false,
                            }),
                        });
                    } else {
                        out.push(Placed {
                            place,
                            block: para(Role::Subheading, &label, true),
                        });
                        push_prose(&mut out, report, field);
                    }
                }
            }
        }
    }
    if let Some(date) = report.meta.date {
        out.push(Placed {
            place: Place::Meta(MetaField::Date),
            block: Block::Signoff {
                name: (report.meta.signoff == Signoff::NameAndDate)
                    .then(|| report.meta.agency.trim().to_string())
                    .filter(|n| !n.is_empty()),
                date: date.to_string(),
            },
        });
    }
    out
}

/// A printed number cell: the value, or nothing when blank, invalid or only partly summed
/// (the checks report those; the PDF never shows an invented number).
fn count_text(entry: &Entry<u32>) -> String {
    match entry {
        Entry::Value(v) => v.to_string(),
        _ => String::new(),
    }
}

fn total_text(t: Total) -> String {
    if t.complete {
        t.value.to_string()
    } else {
        String::new()
    }
}

fn cell(place: Place, row: usize, col: usize, text: impl Into<String>) -> TableCell {
    TableCell::plain(place, row, col, text)
}

impl TableCell {
    /// A one-by-one cell in the body face at table size, centred: what most cells are.
    pub fn plain(place: Place, row: usize, col: usize, text: impl Into<String>) -> TableCell {
        TableCell {
            place,
            row,
            col,
            rowspan: 1,
            colspan: 1,
            text: text.into(),
            role: Role::Body,
            size: SIZE_TABLE,
            align: Align::Center,
            balanced: false,
        }
    }
}

fn head(place: Place, row: usize, col: usize, text: &str) -> TableCell {
    TableCell {
        role: Role::Heading,
        balanced: true,
        ..cell(place, row, col, text)
    }
}

fn span(mut c: TableCell, rowspan: usize, colspan: usize) -> TableCell {
    c.rowspan = rowspan;
    c.colspan = colspan;
    c
}

fn left(mut c: TableCell) -> TableCell {
    c.align = Align::Left;
    c
}

/// Table 二: four captioned blocks of a 4-column grid.
pub fn table2(report: &Report) -> TableSpec {
    // The label column takes 29.4 % (130 pt of the 156 mm block); three value columns share the rest.
    let label_w = 0.294;
    let value_w = (1.0 - label_w) / 3.0;
    let whole = Place::Section(SectionKey::Proactive);
    let mut cells = Vec::new();
    let mut keep = Vec::new();
    let mut row = 0;
    for block in &TABLE2_BLOCKS {
        let start = row;
        cells.push(span(head(whole, row, 0, block.caption), 1, 4));
        row += 1;
        cells.push(head(whole, row, 0, block.label_header));
        let wide = block.value_headers.len() == 1;
        for (i, h) in block.value_headers.iter().enumerate() {
            let c = head(whole, row, 1 + i, h);
            cells.push(if wide { span(c, 1, 3) } else { c });
        }
        row += 1;
        for r in block.rows {
            cells.push(left(cell(whole, row, 0, r.label)));
            let values: Vec<(model::Cell, String)> = match r.values {
                T2Values::Counts(cs) => cs
                    .iter()
                    .map(|c| (model::Cell::T2(*c), count_text(report.table2.get(*c))))
                    .collect(),
                T2Values::FeeAmount => vec![(
                    model::Cell::T2Fee,
                    match &report.table2.fee {
                        Entry::Value(v) => v.to_string(),
                        _ => String::new(),
                    },
                )],
            };
            let wide = values.len() == 1;
            for (i, (at, v)) in values.into_iter().enumerate() {
                let c = cell(Place::Cell(at), row, 1 + i, v);
                cells.push(if wide { span(c, 1, 3) } else { c });
            }
            row += 1;
        }
        keep.push((start, row));
    }
    TableSpec {
        cols: vec![label_w, value_w, value_w, value_w],
        header_rows: 0,
        rows: row,
        cells,
        keep_together: keep,
    }
}

/// Table 三: three head rows, 25 data rows, label columns A–C with their merges.
pub fn table3(report: &Report) -> TableSpec {
    const HEAD: usize = 3;
    // Columns A and B hold the merged group labels (A one character wide, B four), C the item
    // labels; the seven data columns are 8.03 % each (35.5 pt of the 156 mm block: 自然人 on one
    // line), so that C takes most item labels on one line.
    let (a, b, data) = (0.0498, 0.1052, 0.0803);
    let c = 1.0 - a - b - data * T3_COLUMNS.len() as f32;
    let mut cols = vec![a, b, c];
    cols.extend(std::iter::repeat_n(data, T3_COLUMNS.len()));
    let whole = Place::Section(SectionKey::Applications);
    let mut cells = vec![
        TableCell {
            size: SIZE_TABLE_NOTE,
            balanced: false,
            ..span(cell(whole, 0, 0, T3_BALANCE_NOTE), 3, 3)
        },
        span(
            head(whole, 0, 3, template::T3_APPLICANTS_HEADER),
            1,
            T3_COLUMNS.len(),
        ),
    ];
    let legal: Vec<usize> = (0..T3_COLUMNS.len())
        .filter(|&i| T3_COLUMNS[i].under_legal_persons)
        .collect();
    if let (Some(first), Some(last)) = (legal.first(), legal.last()) {
        cells.push(span(
            head(whole, 1, 3 + first, template::T3_LEGAL_PERSONS_HEADER),
            1,
            last - first + 1,
        ));
    }
    for col in T3Col::ALL {
        let (i, place) = (col.index(), Place::Table3Column(col));
        if col.def().under_legal_persons {
            cells.push(head(place, 2, 3 + i, col.label()));
        } else {
            cells.push(span(head(place, 1, 3 + i, col.label()), 2, 1));
        }
    }
    let mut keep = Vec::new();
    let mut seen_groups: Vec<T3Group> = Vec::new();
    let mut results_rows = (usize::MAX, 0);
    for t3row in T3Row::ALL {
        let def = t3row.def();
        let row = HEAD + t3row.index();
        match def.kind {
            T3RowKind::Top => cells.push(left(span(cell(whole, row, 0, def.label), 1, 3))),
            T3RowKind::Outcome => {
                cells.push(left(span(cell(whole, row, 1, def.label), 1, 2)));
                results_rows = (results_rows.0.min(row), row + 1);
            }
            T3RowKind::Item => {
                results_rows = (results_rows.0.min(row), row + 1);
                if let Some(g) = def.group
                    && !seen_groups.contains(&g)
                {
                    seen_groups.push(g);
                    let n = g.rows().count();
                    let label = TableCell {
                        balanced: true,
                        ..cell(whole, row, 1, g.def().label)
                    };
                    cells.push(span(label, n, 1));
                    keep.push((row, row + n));
                }
                cells.push(left(cell(whole, row, 2, def.label)));
            }
        }
        for col in T3Col::ALL {
            let at = Place::Cell(model::Cell::T3(t3row, col));
            let value = total_text(report.table3.cell(t3row, col));
            cells.push(cell(at, row, 3 + col.index(), value));
        }
    }
    if results_rows.0 < results_rows.1 {
        cells.push(span(
            cell(whole, results_rows.0, 0, T3_RESULTS_LABEL),
            results_rows.1 - results_rows.0,
            1,
        ));
    }
    TableSpec {
        cols,
        header_rows: HEAD,
        rows: HEAD + T3Row::ALL.len(),
        cells,
        keep_together: keep,
    }
}

/// Table 四: three head levels over 15 columns and one row of numbers.
pub fn table4(report: &Report) -> TableSpec {
    let per_group = T4Col::ALL.len();
    let n = T4Group::ALL.len() * per_group;
    let whole = Place::Section(SectionKey::Review);
    let mut cells = Vec::new();
    // Top level: the parents in order, each spanning its groups' columns.
    let mut col = 0;
    let mut parents: Vec<(&str, usize, usize)> = Vec::new();
    for g in T4Group::ALL {
        let parent = g.def().parent;
        match parents.last_mut() {
            Some((p, _, count)) if *p == parent => *count += per_group,
            _ => parents.push((parent, col, per_group)),
        }
        col += per_group;
    }
    for (p, start, count) in &parents {
        cells.push(span(head(whole, 0, *start, p), 1, *count));
    }
    for (gi, g) in T4Group::ALL.into_iter().enumerate() {
        let base = gi * per_group;
        // A group that is its own parent (行政复议) has its columns directly under it.
        let own_parent = g.label() == g.def().parent;
        if !own_parent {
            cells.push(span(head(whole, 1, base, g.label()), 1, per_group));
        }
        for (ci, c) in T4Col::ALL.into_iter().enumerate() {
            let h = if own_parent {
                span(head(whole, 1, base + ci, c.label()), 2, 1)
            } else {
                head(whole, 2, base + ci, c.label())
            };
            cells.push(h);
            let at = Place::Cell(model::Cell::T4(g, c));
            cells.push(cell(at, 3, base + ci, total_text(report.table4.cell(g, c))));
        }
    }
    TableSpec {
        cols: vec![1.0 / n as f32; n],
        header_rows: 3,
        rows: 4,
        cells,
        keep_together: Vec::new(),
    }
}
