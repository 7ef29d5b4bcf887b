//! The report in print order: title, preface, the six sections with their tables, date line.
//! Every heading, label and note comes from `crate::template`.

use super::table::{Align, Cell, TableSpec};
use super::text::Span;
use super::{Block, Paragraph, Placed, SIZE_TABLE, SIZE_TABLE_NOTE, TEXT_WIDTH};
use crate::fonts::Role;
use crate::model::{Entry, Report, Total, paragraphs};
use crate::template::{
    self, NOTHING, OTHER_ITEMS, SECTIONS, SectionKey, T2Values, T3_BALANCE_NOTE, T3_COLUMNS,
    T3_GROUPS, T3_RESULTS_LABEL, T3_ROW_DEFS, T3RowKind, T4_COLUMNS, T4_GROUPS, TABLE2_BLOCKS,
};

/// Place name of the title, for messages.
pub const PLACE_TITLE: &str = "标题";
/// Place name of the preface.
pub const PLACE_PREFACE: &str = "前言";
/// Place name of the date line.
pub const PLACE_DATE: &str = "成文日期";

fn para(role: Role, text: &str, keep_with_next: bool) -> Block {
    Block::Paragraph(Paragraph {
        spans: vec![Span::new(role, text)],
        indent: 2.0,
        keep_with_next,
    })
}

fn push_prose(out: &mut Vec<Placed>, place: &str, text: &str) {
    for p in paragraphs(text) {
        out.push(Placed {
            place: place.to_string(),
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
    out.push(Placed {
        place: PLACE_TITLE.into(),
        block: Block::Title {
            text: title,
            preferred_breaks,
        },
    });
    push_prose(&mut out, PLACE_PREFACE, &report.preface);
    for def in &SECTIONS {
        let heading = def.heading();
        out.push(Placed {
            place: heading.clone(),
            block: para(Role::Heading, &heading, true),
        });
        match def.key {
            SectionKey::Overview => {
                push_prose(&mut out, &heading, &report.overview.intro);
                for (i, part) in report.overview.parts.iter().enumerate() {
                    if part.title.trim().is_empty() && part.body.trim().is_empty() {
                        continue;
                    }
                    let sub = report.overview_heading(i);
                    let place = format!("{heading}{sub}");
                    out.push(Placed {
                        place: place.clone(),
                        block: para(Role::Subheading, &sub, true),
                    });
                    push_prose(&mut out, &place, &part.body);
                }
            }
            SectionKey::Proactive => out.push(Placed {
                place: heading.clone(),
                block: Block::Table(table2(report)),
            }),
            SectionKey::Applications => out.push(Placed {
                place: heading.clone(),
                block: Block::Table(table3(report)),
            }),
            SectionKey::Review => out.push(Placed {
                place: heading.clone(),
                block: Block::Table(table4(report)),
            }),
            SectionKey::Problems => push_prose(&mut out, &heading, &report.problems),
            SectionKey::Other => {
                for (i, item) in OTHER_ITEMS.iter().enumerate() {
                    let label = format!("{}{}", template::paren_numeral(i), item.label);
                    let place = format!("{heading}{label}");
                    let text = report.other_items.get(i).map(|s| s.trim()).unwrap_or("");
                    if text == NOTHING {
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
                            place: place.clone(),
                            block: para(Role::Subheading, &label, true),
                        });
                        push_prose(&mut out, &place, text);
                    }
                }
            }
        }
    }
    if let Some(date) = report.meta.date {
        out.push(Placed {
            place: PLACE_DATE.into(),
            block: Block::DateLine(date.to_string()),
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

fn cell(row: usize, col: usize, text: impl Into<String>) -> Cell {
    Cell {
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

fn head(row: usize, col: usize, text: &str) -> Cell {
    Cell {
        role: Role::Heading,
        balanced: true,
        ..cell(row, col, text)
    }
}

fn span(mut c: Cell, rowspan: usize, colspan: usize) -> Cell {
    c.rowspan = rowspan;
    c.colspan = colspan;
    c
}

fn left(mut c: Cell) -> Cell {
    c.align = Align::Left;
    c
}

/// Table 二: four captioned blocks of a 4-column grid.
pub fn table2(report: &Report) -> TableSpec {
    let label_w = 130.0;
    let value_w = (TEXT_WIDTH - label_w) / 3.0;
    let mut cells = Vec::new();
    let mut keep = Vec::new();
    let mut row = 0;
    for block in &TABLE2_BLOCKS {
        let start = row;
        cells.push(span(head(row, 0, block.caption), 1, 4));
        row += 1;
        cells.push(head(row, 0, block.label_header));
        let wide = block.value_headers.len() == 1;
        for (i, h) in block.value_headers.iter().enumerate() {
            let c = head(row, 1 + i, h);
            cells.push(if wide { span(c, 1, 3) } else { c });
        }
        row += 1;
        for r in block.rows {
            cells.push(cell(row, 0, r.label));
            let values: Vec<String> = match r.values {
                T2Values::Counts(cs) => cs
                    .iter()
                    .map(|c| count_text(report.table2.get(*c)))
                    .collect(),
                T2Values::FeeAmount => vec![match &report.table2.fee {
                    Entry::Value(v) => v.to_string(),
                    _ => String::new(),
                }],
            };
            let wide = values.len() == 1;
            for (i, v) in values.into_iter().enumerate() {
                let c = cell(row, 1 + i, v);
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
    let (a, b, data) = (28.0, 50.0, 36.3);
    let c = TEXT_WIDTH - a - b - data * T3_COLUMNS.len() as f32;
    let mut cols = vec![a, b, c];
    cols.extend(std::iter::repeat_n(data, T3_COLUMNS.len()));
    let mut cells = vec![
        Cell {
            size: SIZE_TABLE_NOTE,
            balanced: false,
            ..span(cell(0, 0, T3_BALANCE_NOTE), 3, 3)
        },
        span(
            head(0, 3, template::T3_APPLICANTS_HEADER),
            1,
            T3_COLUMNS.len(),
        ),
    ];
    let legal: Vec<usize> = (0..T3_COLUMNS.len())
        .filter(|&i| T3_COLUMNS[i].under_legal_persons)
        .collect();
    if let (Some(first), Some(last)) = (legal.first(), legal.last()) {
        cells.push(span(
            head(1, 3 + first, template::T3_LEGAL_PERSONS_HEADER),
            1,
            last - first + 1,
        ));
    }
    for (i, col) in T3_COLUMNS.iter().enumerate() {
        if col.under_legal_persons {
            cells.push(head(2, 3 + i, col.label));
        } else {
            cells.push(span(head(1, 3 + i, col.label), 2, 1));
        }
    }
    let mut keep = Vec::new();
    let mut seen_groups = Vec::new();
    let mut results_rows = (usize::MAX, 0);
    for (r, def) in T3_ROW_DEFS.iter().enumerate() {
        let row = HEAD + r;
        match def.kind {
            T3RowKind::Top => cells.push(left(span(cell(row, 0, def.label), 1, 3))),
            T3RowKind::Outcome => {
                cells.push(left(span(cell(row, 1, def.label), 1, 2)));
                results_rows = (results_rows.0.min(row), row + 1);
            }
            T3RowKind::Item => {
                results_rows = (results_rows.0.min(row), row + 1);
                if let Some(g) = def.group
                    && !seen_groups.contains(&g)
                {
                    seen_groups.push(g);
                    let n = template::t3_group_rows(g).count();
                    let label = Cell {
                        balanced: true,
                        ..cell(row, 1, T3_GROUPS[g].label)
                    };
                    cells.push(span(label, n, 1));
                    keep.push((row, row + n));
                }
                cells.push(left(cell(row, 2, def.label)));
            }
        }
        for col in 0..T3_COLUMNS.len() {
            cells.push(cell(row, 3 + col, total_text(report.table3.cell(r, col))));
        }
    }
    if results_rows.0 < results_rows.1 {
        cells.push(span(
            cell(results_rows.0, 0, T3_RESULTS_LABEL),
            results_rows.1 - results_rows.0,
            1,
        ));
    }
    TableSpec {
        cols,
        header_rows: HEAD,
        rows: HEAD + T3_ROW_DEFS.len(),
        cells,
        keep_together: keep,
    }
}

/// Table 四: three head levels over 15 columns and one row of numbers.
pub fn table4(report: &Report) -> TableSpec {
    let n = T4_GROUPS.len() * T4_COLUMNS.len();
    let w = TEXT_WIDTH / n as f32;
    let mut cells = Vec::new();
    // Top level: the parents in order, each spanning its groups' columns.
    let mut col = 0;
    let mut parents: Vec<(&str, usize, usize)> = Vec::new();
    for g in &T4_GROUPS {
        match parents.last_mut() {
            Some((p, _, count)) if *p == g.parent => *count += T4_COLUMNS.len(),
            _ => parents.push((g.parent, col, T4_COLUMNS.len())),
        }
        col += T4_COLUMNS.len();
    }
    for (p, start, count) in &parents {
        cells.push(span(head(0, *start, p), 1, *count));
    }
    for (gi, g) in T4_GROUPS.iter().enumerate() {
        let base = gi * T4_COLUMNS.len();
        // A group that is its own parent (行政复议) has its columns directly under it.
        let own_parent = g.label == g.parent;
        if !own_parent {
            cells.push(span(head(1, base, g.label), 1, T4_COLUMNS.len()));
        }
        for (ci, label) in T4_COLUMNS.iter().enumerate() {
            let c = if own_parent {
                span(head(1, base + ci, label), 2, 1)
            } else {
                head(2, base + ci, label)
            };
            cells.push(c);
            cells.push(cell(3, base + ci, total_text(report.table4.cell(gi, ci))));
        }
    }
    TableSpec {
        cols: vec![w; n],
        header_rows: 3,
        rows: 4,
        cells,
        keep_together: Vec::new(),
    }
}
