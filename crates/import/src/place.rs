//! The placer: a [`Document`], whatever read it, put into a [`Report`].
//!
//! Text is placed by the report's own headings (the title, "一、" … "六、", the （一） heads of
//! sections 一 and 六), table cells by the template's printed labels, compared tolerantly
//! ([`crate::text`]); nothing depends on where a producer put a line on the page. What has no
//! place is kept as [`Unplaced`], never dropped, and what only a printed file can get wrong (a
//! 总计 that does not add up, a label that is not the template's, a missing part, a table as a
//! picture) becomes an AUDIT finding.

use crate::doc::{Block, Cell, Document, Table};
use crate::text::{fold, likeness, numbered, paren_numbered, strip_ws};
use crate::{BEFORE_TITLE, Unplaced};
use nianbao_core::check::{Finding, Rule, Severity};
use nianbao_core::model::{
    self, Count, Date, Entry, MetaField, Place, Report, Subsection, count_from_text, parse_year,
    wanyuan_from_text,
};
use nianbao_core::template::{
    self, OTHER_ITEMS, OVERVIEW_SUBHEADS, SectionKey, T2Values, T3_APPLICANTS_HEADER,
    T3_BALANCE_NOTE, T3_COLUMNS, T3_GROUPS, T3_LEGAL_PERSONS_HEADER, T3_RESULTS_LABEL, T3Col,
    T3Group, T3Row, T4_GROUPS, T4_LITIGATION, T4_REVIEW, T4Col, T4Group, TABLE2_BLOCKS,
    TITLE_SUFFIX,
};

/// How alike a printed label must be to a template label to be taken for it (with an
/// AUDIT-LABEL finding when it is not the same).
const LIKE: f32 = 0.6;

/// What the placer made of a document.
pub struct Outcome {
    pub report: Report,
    pub unplaced: Vec<Unplaced>,
    pub findings: Vec<Finding>,
}

/// Where the text being read belongs.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Preface,
    Section(SectionKey),
}

impl Part {
    fn name(self) -> String {
        match self {
            Part::Preface => model::PREFACE_NAME.to_string(),
            Part::Section(key) => template::section(key).heading(),
        }
    }
}

#[derive(Default)]
struct Placer {
    report: Report,
    /// The title as printed, without white space.
    title: String,
    unplaced: Vec<Unplaced>,
    findings: Vec<Finding>,
    preface: Vec<String>,
    intro: Vec<String>,
    parts: Vec<Vec<String>>,
    part: Option<usize>,
    problems: Vec<String>,
    items: Vec<Vec<String>>,
    item: Option<usize>,
    seen: Vec<SectionKey>,
    /// Tables with the part they stood in.
    tables: Vec<(Part, Table)>,
    /// Pictures with the part they stood in.
    images: Vec<Part>,
}

/// Puts a document into a report.
pub fn place(doc: &Document) -> Outcome {
    let mut p = Placer {
        report: Report::default(),
        parts: vec![Vec::new(); OVERVIEW_SUBHEADS.len()],
        items: vec![Vec::new(); OTHER_ITEMS.len()],
        ..Placer::default()
    };
    p.report.overview.parts = vec![Subsection::default(); OVERVIEW_SUBHEADS.len()];
    let start = p.title(&doc.blocks);
    let mut part = Part::Preface;
    for located in doc.blocks.iter().skip(start) {
        match &located.block {
            Block::Paragraph(text) => {
                for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    // Page numbers, and the title where a producer repeats it as a running head.
                    if is_page_furniture(line) || (!p.title.is_empty() && strip_ws(line) == p.title)
                    {
                        continue;
                    }
                    if let Some(key) = section_heading(line, &p.seen) {
                        p.seen.push(key);
                        part = Part::Section(key);
                        continue;
                    }
                    p.line(part, line);
                }
            }
            Block::Table(t) => p.tables.push((part, t.clone())),
            Block::Image => p.images.push(part),
        }
    }
    p.finish()
}

/// A line a PDF's page carries on every page: "— 3 —", "- 3 -", "第 3 页", "3".
fn is_page_furniture(line: &str) -> bool {
    let s = strip_ws(line);
    let inner = s
        .trim_matches(['—', '-', '–', '－', '─'])
        .trim_start_matches('第')
        .trim_end_matches('页');
    !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_digit())
}

/// "三、收到和处理政府信息公开申请情况" (or the name alone, as a list-numbered Word heading
/// prints it) for a section not yet seen.
fn section_heading(line: &str, seen: &[SectionKey]) -> Option<SectionKey> {
    let s = strip_ws(line);
    if s.chars().count() > 40 || s.trim_end_matches('。').contains('。') {
        return None;
    }
    let last = seen.last().map(|k| *k as usize);
    let fresh = |i: usize| last.is_none_or(|l| i > l);
    if let Some((i, rest)) = numbered(&s) {
        let def = template::SECTIONS.get(i)?;
        return (fresh(i) && likeness(rest, def.name) >= 0.5).then_some(def.key);
    }
    let i = template::SECTIONS
        .iter()
        .position(|d| likeness(&s, d.name) >= 0.9)?;
    fresh(i).then_some(template::SECTIONS[i].key)
}

/// Splits a heading line "（一）label：answer" or "（一）label。answer" into label and answer.
fn split_head(head: &str) -> (&str, &str) {
    match head.find(['：', ':', '。']) {
        Some(at) => {
            let sep = head[at..].chars().next().map_or(1, char::len_utf8);
            (head[..at].trim(), head[at + sep..].trim())
        }
        None => (head.trim(), ""),
    }
}

impl Placer {
    /// Finds the title, sets 机关名称 and 年度 from it, keeps what stands before it; returns
    /// the index of the first block after it.
    fn title(&mut self, blocks: &[crate::doc::Located]) -> usize {
        let paragraph = |i: usize| match blocks.get(i).map(|b| &b.block) {
            Some(Block::Paragraph(t)) => Some(strip_ws(t)),
            _ => None,
        };
        // A whole title: the agency, the year, and "……年度报告" at the end.
        let whole = |t: &str| {
            let (agency, year) = title_parts(t);
            t.ends_with("年度报告") && year.is_some() && !agency.is_empty()
        };
        let found = (0..blocks.len().min(40)).find_map(|i| {
            let text = paragraph(i)?;
            if text.chars().count() > 80 {
                return None;
            }
            if whole(&text) {
                return Some((i, i, text));
            }
            // A title set on two lines may come as two paragraphs, broken anywhere (the agency
            // over "2023年政府信息公开工作年度报告", or as the person broke it).
            if let Some(next) = paragraph(i + 1)
                && text.chars().count() < 40
                && !text.contains(['。', '，', '；', '：'])
                // Unless the next is a title by itself, and this no first line broken off it.
                && (!whole(&next) || (i == 0 && !text.starts_with("附件")))
            {
                let joined = format!("{text}{next}");
                if whole(&joined) {
                    return Some((i, i + 1, joined));
                }
            }
            text.contains("年度报告").then_some((i, i, text))
        });
        let Some((first, last, text)) = found else {
            self.findings.push(finding(
                Rule::AuditMissing,
                Severity::Error,
                Place::Title,
                "没有找到报告标题（“……年政府信息公开工作年度报告”），机关名称和年度未能读出。"
                    .into(),
            ));
            return 0;
        };
        for b in &blocks[..first] {
            self.keep_block(BEFORE_TITLE, &b.block);
        }
        let (agency, year) = title_parts(&text);
        self.title = text.clone();
        self.report.meta.agency = agency;
        if let Some(y) = year {
            let _ = self.report.set_meta(MetaField::Year, &y.to_string());
        }
        last + 1
    }

    /// Keeps a block that has no place, as text.
    fn keep_block(&mut self, section: &str, block: &Block) {
        let text = match block {
            Block::Paragraph(t) => t.trim().to_string(),
            Block::Table(t) => table_text(t),
            Block::Image => "图片（无法读取）".to_string(),
        };
        if !text.is_empty() {
            self.keep(section, text);
        }
    }

    fn keep(&mut self, section: &str, text: String) {
        self.unplaced.push(Unplaced {
            section: section.to_string(),
            text,
        });
    }

    /// A line of running text in `part`.
    fn line(&mut self, part: Part, line: &str) {
        let Part::Section(key) = part else {
            self.preface.push(line.to_string());
            return;
        };
        match key {
            SectionKey::Overview => self.overview_line(line),
            SectionKey::Problems => self.problems.push(line.to_string()),
            SectionKey::Other => self.other_line(line),
            SectionKey::Proactive | SectionKey::Applications | SectionKey::Review => {
                // A caption repeating the section's name is the table's, not text.
                let def = template::section(key);
                let s = fold(line);
                if s == fold(def.name) || s == fold(&def.heading()) || is_table_caption(&s) {
                    return;
                }
                self.keep(&part.name(), line.to_string());
            }
        }
    }

    fn overview_line(&mut self, line: &str) {
        if let Some((index, head)) = paren_numbered(line)
            && self.part.is_none_or(|p| index > p)
        {
            let (title, rest) = split_head(head);
            let alone = rest.is_empty() && title.chars().count() <= 40;
            let like = title.chars().count() <= 25
                && (title.contains("情况")
                    || OVERVIEW_SUBHEADS
                        .get(index)
                        .is_some_and(|d| likeness(title, d.title) >= 0.5));
            if alone || like {
                if index >= OVERVIEW_SUBHEADS.len() {
                    // A sixth head has no field of its own: its text stays in the fifth.
                    let last = OVERVIEW_SUBHEADS.len() - 1;
                    self.part = Some(last);
                    self.parts[last].push(line.to_string());
                    return;
                }
                self.part = Some(index);
                self.report.overview.parts[index].title = title.to_string();
                if !rest.is_empty() {
                    self.parts[index].push(rest.to_string());
                }
                return;
            }
        }
        match self.part {
            Some(p) => self.parts[p].push(line.to_string()),
            None => self.intro.push(line.to_string()),
        }
    }

    fn other_line(&mut self, line: &str) {
        // 成文日期 and the agency's name over it close the report.
        if line.chars().count() <= 20
            && let Some(date) = Date::parse(&strip_ws(line))
        {
            self.report.meta.date = Some(date);
            return;
        }
        if !self.report.meta.agency.is_empty() && strip_ws(line) == self.report.meta.agency {
            return;
        }
        if let Some((index, head)) = paren_numbered(line)
            && self.item.is_none_or(|i| index > i)
        {
            let (label, answer) = split_head(head);
            let like = OTHER_ITEMS
                .get(index)
                .is_some_and(|d| likeness(label, d.label) >= 0.5);
            let short = answer.is_empty() && label.chars().count() <= 50;
            if index < OTHER_ITEMS.len() && (like || short) {
                self.item = Some(index);
                if !answer.is_empty() {
                    self.items[index].push(answer.to_string());
                }
                return;
            }
        }
        match self.item {
            Some(i) => self.items[i].push(line.to_string()),
            None => self.keep(&Part::Section(SectionKey::Other).name(), line.to_string()),
        }
    }

    fn finish(mut self) -> Outcome {
        self.report.preface = self.preface.join("\n");
        meta_from_preface(&mut self.report);
        self.report.overview.intro = self.intro.join("\n");
        for (part, lines) in self.report.overview.parts.iter_mut().zip(&self.parts) {
            part.body = lines.join("\n");
        }
        self.report.problems = self.problems.join("\n");
        for (item, lines) in self.report.other_items.iter_mut().zip(&self.items) {
            *item = lines.join("\n");
        }
        for def in &template::SECTIONS {
            if !self.seen.contains(&def.key) {
                self.findings.push(finding(
                    Rule::AuditMissing,
                    Severity::Warning,
                    Place::Section(def.key),
                    format!("报告中没有找到“{}”这一部分的标题。", def.heading()),
                ));
            }
        }
        self.place_tables();
        // One finding per place and message: a repeated head repeats its misprints.
        let mut seen = Vec::new();
        self.findings.retain(|f| {
            let key = (f.rule, f.place, f.message.clone());
            let fresh = !seen.contains(&key);
            if fresh {
                seen.push(key);
            }
            fresh
        });
        Outcome {
            report: self.report,
            unplaced: self.unplaced,
            findings: self.findings,
        }
    }

    fn place_tables(&mut self) {
        let tables = std::mem::take(&mut self.tables);
        let mut by_kind: [Vec<Vec<Cell>>; 3] = Default::default();
        let mut found = [false; 3];
        for (part, table) in tables {
            let kind = classify(&table).or(match part {
                Part::Section(SectionKey::Proactive) => Some(0),
                Part::Section(SectionKey::Applications) => Some(1),
                Part::Section(SectionKey::Review) => Some(2),
                _ => None,
            });
            match kind {
                Some(k) => {
                    found[k] = true;
                    by_kind[k].extend(table.rows);
                }
                None => {
                    let text = table_text(&table);
                    if !text.is_empty() {
                        self.keep(&part.name(), text);
                    }
                }
            }
        }
        let keys = [
            SectionKey::Proactive,
            SectionKey::Applications,
            SectionKey::Review,
        ];
        let images = std::mem::take(&mut self.images);
        for (k, key) in keys.into_iter().enumerate() {
            let name = template::section(key).heading();
            let picture = images.contains(&Part::Section(key));
            if found[k] {
                match k {
                    0 => self.table2(&by_kind[0]),
                    1 => self.table3(&by_kind[1]),
                    _ => self.table4(&by_kind[2]),
                }
            } else if picture {
                self.keep(&name, "表格为图片，无法读取".into());
                self.findings.push(finding(
                    Rule::AuditImage,
                    Severity::Warning,
                    Place::Section(key),
                    format!(
                        "“{name}”的表格以图片发布，数字无法读取和核对，读屏软件也读不出；应以文字表格发布。"
                    ),
                ));
            } else {
                self.findings.push(finding(
                    Rule::AuditMissing,
                    Severity::Error,
                    Place::Section(key),
                    format!("报告中没有找到“{name}”的表格。"),
                ));
            }
        }
        for part in images {
            let is_table_picture = matches!(part, Part::Section(k)
                if keys.iter().position(|x| *x == k).is_some_and(|i| !found[i]));
            if !is_table_picture {
                self.keep(&part.name(), "图片（无法读取）".into());
            }
        }
    }

    fn label_finding(&mut self, place: Place, printed: &str, template: &str, table: &str) {
        self.findings.push(finding(
            Rule::AuditLabel,
            Severity::Warning,
            place,
            format!("{table}印作“{printed}”，模板为“{template}”。"),
        ));
    }

    fn foreign_row(&mut self, key: SectionKey, cells: &[Cell], table: &str, what: &str) {
        let text = row_text(cells);
        self.findings.push(finding(
            Rule::AuditLabel,
            Severity::Warning,
            Place::Section(key),
            format!("{table}有一行“{text}”{what}，其数字未读入草稿。"),
        ));
        self.keep(&template::section(key).heading(), text);
    }

    fn dashes(&mut self, key: SectionKey, count: usize, table: &str) {
        if count > 0 {
            self.findings.push(finding(
                Rule::NonBlank,
                Severity::Warning,
                Place::Section(key),
                format!(
                    "{table}有 {count} 个单元格印作“-”“/”等符号，已按 0 读入；模板要求没有的填 0。"
                ),
            ));
        }
    }

    fn table2(&mut self, rows: &[Vec<Cell>]) {
        let key = SectionKey::Proactive;
        let mut header: Option<Vec<String>> = None;
        let mut dashes = 0;
        let mut done: Vec<&str> = Vec::new();
        for cells in rows {
            let (labels, values) = split_row(cells);
            let Some(label) = labels.last() else {
                if values.iter().any(|v| !strip_ws(&v.text).is_empty()) {
                    self.foreign_row(key, cells, "表二", "没有标签");
                }
                continue;
            };
            if values.iter().all(|v| strip_ws(&v.text).is_empty()) && labels.len() > 1 {
                if fold(&labels[0].text) == fold(template::T2_LABEL_HEADER) {
                    header = Some(labels[1..].iter().map(|c| c.text.clone()).collect());
                }
                continue;
            }
            if values.is_empty() {
                // A caption row: 第二十条第（一）项.
                let best = best_match(&label.text, TABLE2_BLOCKS.iter().map(|b| b.caption));
                match best {
                    Some((_, score)) if score >= 1.0 => header = None,
                    Some((i, _)) => {
                        header = None;
                        let cap = TABLE2_BLOCKS[i].caption;
                        self.label_finding(Place::Section(key), &label.text, cap, "表二");
                    }
                    None => self.foreign_row(key, cells, "表二", "不在模板中"),
                }
                continue;
            }
            let all_rows = TABLE2_BLOCKS
                .iter()
                .flat_map(|b| b.rows.iter().map(move |r| (b, r)));
            let Some((i, score)) = best_match(&label.text, all_rows.clone().map(|(_, r)| r.label))
            else {
                self.foreign_row(key, cells, "表二", "不在模板中");
                continue;
            };
            let Some((block, row)) = all_rows.clone().nth(i) else {
                continue;
            };
            // The value heads over this row must be the template's: a 2019 试行 head means
            // other numbers in the same places.
            if let Some(h) = header.take() {
                let mut foreign = h.len() != block.value_headers.len();
                for (printed, wanted) in h.iter().zip(block.value_headers) {
                    let like = likeness(printed, wanted);
                    if like < LIKE {
                        foreign = true;
                    } else if fold(printed) != fold(wanted) {
                        self.label_finding(Place::Section(key), printed, wanted, "表二");
                    }
                }
                if foreign {
                    let printed = h.join("、");
                    self.findings.push(finding(
                        Rule::AuditLabel,
                        Severity::Warning,
                        Place::Section(key),
                        format!(
                            "表二“{}”的栏目印作“{printed}”，不是模板的“{}”（可能是2019年试行格式），这一块的数字未读入草稿。",
                            block.caption,
                            block.value_headers.join("、")
                        ),
                    ));
                    self.keep(&template::section(key).heading(), row_text(cells));
                    header = Some(h);
                    continue;
                }
                header = Some(h);
            }
            if score < 1.0 {
                let place = match row.values {
                    T2Values::Counts(cs) => cs
                        .first()
                        .map_or(Place::Section(key), |c| Place::Cell(model::Cell::T2(*c))),
                    T2Values::FeeAmount => Place::Cell(model::Cell::T2Fee),
                };
                self.label_finding(place, &label.text, row.label, "表二");
            }
            let need = match row.values {
                T2Values::Counts(cs) => cs.len(),
                T2Values::FeeAmount => 1,
            };
            let Some(texts) = fit_values(&values, need) else {
                self.foreign_row(key, cells, "表二", "的数字个数与模板不符");
                continue;
            };
            if done.contains(&row.label) {
                self.keep(&template::section(key).heading(), row_text(cells));
                continue;
            }
            done.push(row.label);
            match row.values {
                T2Values::Counts(cs) => {
                    for (c, text) in cs.iter().zip(&texts) {
                        let (entry, dash) = count_entry(text);
                        dashes += usize::from(dash);
                        self.report.table2.set(*c, entry);
                    }
                }
                T2Values::FeeAmount => {
                    let text = strip_ws(&texts[0]);
                    self.report.table2.fee = if is_dash(&text) {
                        dashes += 1;
                        Entry::Value(model::Wanyuan::ZERO)
                    } else {
                        wanyuan_from_text(&text)
                    };
                }
            }
        }
        self.dashes(key, dashes, "表二");
    }

    fn table3(&mut self, rows: &[Vec<Cell>]) {
        let key = SectionKey::Applications;
        let furniture: Vec<&str> = [
            T3_BALANCE_NOTE,
            T3_APPLICANTS_HEADER,
            T3_LEGAL_PERSONS_HEADER,
        ]
        .into_iter()
        .chain(T3_COLUMNS.iter().map(|c| c.label))
        .collect();
        let groups: Vec<&str> = T3_GROUPS
            .iter()
            .map(|g| g.label)
            .chain([T3_RESULTS_LABEL])
            .collect();
        let mut printed_totals: [Option<Count>; template::T3_ROWS] = Default::default();
        let mut total_row: Option<Vec<Count>> = None;
        let mut done: Vec<T3Row> = Vec::new();
        let mut dashes = 0;
        for cells in rows {
            let (labels, values) = split_row(cells);
            let has_values = values.iter().any(|v| !strip_ws(&v.text).is_empty());
            // Candidates for the row's label: not a group's merged label, not a head.
            let mut best: Option<(T3Row, f32, &str)> = None;
            let mut group_with_values: Option<T3Group> = None;
            for label in &labels {
                let f = fold(&label.text);
                if groups.iter().any(|g| fold(g) == f) {
                    if let Some(i) = T3_GROUPS.iter().position(|g| fold(g.label) == f) {
                        group_with_values = Some(T3Group::ALL[i]);
                    }
                    continue;
                }
                if values.is_empty() {
                    self.head_label(&label.text, &furniture);
                    continue;
                }
                if let Some((row, score)) = t3_row(&label.text)
                    && best.is_none_or(|(_, s, _)| score >= s)
                {
                    best = Some((row, score, &label.text));
                }
            }
            if !has_values && values.is_empty() {
                continue;
            }
            let (row, score, printed) = match (best, group_with_values) {
                (Some(b), _) => b,
                // The 2019 format's single （六）其他处理 row: its numbers are 3.其他's now.
                (None, Some(T3Group::OtherProcessing)) if has_values => {
                    // 3.其他, the row above （七）总计.
                    let row = T3Row::ALL[T3Row::TOTAL.index() - 1];
                    self.findings.push(finding(
                        Rule::AuditLabel,
                        Severity::Warning,
                        Place::Cell(model::Cell::T3(row, T3Col::NATURAL)),
                        format!(
                            "表三“{}”印作一行（2019年试行格式），模板分为3行；其数字已读入“{}”，请核实。",
                            T3Group::OtherProcessing.def().label,
                            row.def().label
                        ),
                    ));
                    (row, 1.0, "")
                }
                (None, _) if !has_values => {
                    for label in &labels {
                        if !groups.iter().any(|g| fold(g) == fold(&label.text)) {
                            self.head_label(&label.text, &furniture);
                        }
                    }
                    continue;
                }
                (None, _) => {
                    self.foreign_row(key, cells, "表三", "不在模板中");
                    continue;
                }
            };
            if score < 1.0 {
                let place = Place::Cell(model::Cell::T3(row, T3Col::NATURAL));
                self.label_finding(place, printed, &row.name(), "表三");
            }
            let texts = trim_trailing_blanks(&values, template::T3_COLS);
            if texts.len() != template::T3_COLS && texts.len() != template::T3_ENTERED_COLS {
                self.foreign_row(key, cells, "表三", "的数字个数与模板不符");
                continue;
            }
            if done.contains(&row) {
                self.keep(&template::section(key).heading(), row_text(cells));
                continue;
            }
            done.push(row);
            let mut entries: Vec<Count> = Vec::new();
            for text in &texts {
                let (entry, dash) = count_entry(text);
                dashes += usize::from(dash);
                entries.push(entry);
            }
            if row == T3Row::TOTAL {
                total_row = Some(entries);
                continue;
            }
            for (col, entry) in T3Col::ENTERED.iter().zip(&entries) {
                self.report.table3.set(row, *col, entry.clone());
            }
            printed_totals[row.index()] = entries.get(T3Col::TOTAL.index()).cloned();
        }
        self.dashes(key, dashes, "表三");
        // Printed totals against the sums of the printed cells.
        for row in T3Row::entered() {
            let Some(printed) = printed_totals[row.index()].as_ref().and_then(Entry::value) else {
                continue;
            };
            let parts: Vec<Count> = T3Col::ENTERED
                .iter()
                .map(|c| self.report.table3.get(row, *c).clone())
                .collect();
            self.total_check(model::Cell::T3(row, T3Col::TOTAL), printed, &parts);
        }
        if let Some(total) = total_row {
            for col in T3Col::ENTERED {
                let Some(printed) = total.get(col.index()).and_then(Entry::value) else {
                    continue;
                };
                let parts: Vec<Count> = T3Row::outcomes()
                    .map(|r| self.report.table3.get(r, col).clone())
                    .collect();
                self.total_check(model::Cell::T3(T3Row::TOTAL, col), printed, &parts);
            }
            if let Some(printed) = total.get(T3Col::TOTAL.index()).and_then(Entry::value) {
                let parts: Vec<Count> = total
                    .iter()
                    .take(template::T3_ENTERED_COLS)
                    .cloned()
                    .collect();
                self.total_check(model::Cell::T3(T3Row::TOTAL, T3Col::TOTAL), printed, &parts);
            }
        }
    }

    /// A label in table 三's head: the template's, or a finding.
    fn head_label(&mut self, printed: &str, furniture: &[&str]) {
        let f = fold(printed);
        if furniture.iter().any(|l| fold(l) == f) {
            return;
        }
        let place = Place::Section(SectionKey::Applications);
        match best_match(printed, furniture.iter().copied()) {
            Some((i, _)) => {
                let wanted = furniture[i];
                let place = T3Col::ALL
                    .into_iter()
                    .find(|c| c.label() == wanted)
                    .map_or(place, Place::Table3Column);
                self.label_finding(place, printed, wanted, "表三表头");
            }
            None => self.findings.push(finding(
                Rule::AuditLabel,
                Severity::Warning,
                place,
                format!("表三表头有模板没有的“{printed}”。"),
            )),
        }
    }

    /// AUDIT-TOTAL when a printed 总计 differs from the sum of its printed cells (all of them
    /// numbers; a blank or unreadable part leaves the total unchecked).
    fn total_check(&mut self, at: model::Cell, printed: u32, parts: &[Count]) {
        let values: Option<Vec<u32>> = parts.iter().map(|e| e.value()).collect();
        let Some(values) = values else {
            return;
        };
        let sum: u64 = values.iter().map(|v| u64::from(*v)).sum();
        if sum != u64::from(printed) {
            self.findings.push(finding(
                Rule::AuditTotal,
                Severity::Error,
                Place::Cell(at),
                format!("印出的总计为 {printed}，但各项之和为 {sum}。"),
            ));
        }
    }

    fn table4(&mut self, rows: &[Vec<Cell>]) {
        let key = SectionKey::Review;
        let known: Vec<&str> = [T4_REVIEW, T4_LITIGATION]
            .into_iter()
            .chain(T4_GROUPS.iter().map(|g| g.label))
            .chain(T4Col::ALL.iter().map(|c| c.label()))
            .collect();
        let mut values: Vec<&Cell> = Vec::new();
        let mut value_rows: Vec<&Vec<Cell>> = Vec::new();
        for cells in rows {
            let (labels, vals) = split_row(cells);
            if labels.is_empty() {
                if vals.iter().any(|v| !strip_ws(&v.text).is_empty()) {
                    values.extend(vals);
                    value_rows.push(cells);
                }
                continue;
            }
            for label in labels {
                if known.iter().any(|k| fold(k) == fold(&label.text)) {
                    continue;
                }
                match best_match(&label.text, known.iter().copied()) {
                    Some((i, _)) => {
                        self.label_finding(Place::Section(key), &label.text, known[i], "表四")
                    }
                    None => self.findings.push(finding(
                        Rule::AuditLabel,
                        Severity::Warning,
                        Place::Section(key),
                        format!("表四有模板没有的“{}”。", label.text),
                    )),
                }
            }
        }
        let per = T4Col::ALL.len();
        let texts = trim_trailing_blanks(&values, T4Group::ALL.len() * per);
        if texts.len() != T4Group::ALL.len() * per {
            for cells in value_rows {
                self.foreign_row(key, cells, "表四", "的数字个数与模板不符");
            }
            return;
        }
        let mut dashes = 0;
        for (gi, group) in T4Group::ALL.into_iter().enumerate() {
            let mut parts = Vec::new();
            for (ci, col) in T4Col::ALL.into_iter().enumerate() {
                let (entry, dash) = count_entry(&texts[gi * per + ci]);
                dashes += usize::from(dash);
                if col == T4Col::Total {
                    if let Some(printed) = entry.value() {
                        self.total_check(model::Cell::T4(group, col), printed, &parts);
                    }
                } else {
                    self.report.table4.set(group, col, entry.clone());
                    parts.push(entry);
                }
            }
        }
        self.dashes(key, dashes, "表四");
    }
}

fn finding(rule: Rule, severity: Severity, place: Place, message: String) -> Finding {
    Finding {
        rule,
        severity,
        place,
        message,
        span: None,
    }
}

/// A table's caption line such as "表一" or "单位：件", printed above it.
fn is_table_caption(folded: &str) -> bool {
    folded.starts_with("单位") || (folded.starts_with('表') && folded.chars().count() <= 4)
}

/// 机关名称 and 年度 from a title: "<机关名称><YYYY>年政府信息公开工作年度报告" (the year may
/// stand first, or be followed by 度).
fn title_parts(title: &str) -> (String, Option<u16>) {
    let title = strip_ws(title);
    let end = title
        .find(TITLE_SUFFIX)
        .or_else(|| title.find("年度报告"))
        .unwrap_or(title.len());
    let head = &title[..end];
    let head = head
        .strip_suffix("年度")
        .or_else(|| head.strip_suffix('年'))
        .unwrap_or(head);
    let digits = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let tail_start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| digits(*c))
        .last()
        .map(|(i, _)| i);
    if let Some(at) = tail_start
        && let Some(year) = parse_year(&head[at..])
    {
        return (head[..at].to_string(), Some(year));
    }
    // "2021年某某局政府信息公开工作年度报告".
    let lead: String = head.chars().take_while(|c| digits(*c)).collect();
    if let Some(year) = parse_year(&lead)
        && let Some(rest) = head[lead.len()..].strip_prefix('年')
    {
        let rest = rest.strip_prefix('度').unwrap_or(rest);
        return (rest.to_string(), Some(year));
    }
    (head.to_string(), None)
}

/// 发布网站, its address, the 专栏, 联系地址 and 联系电话, where the preface states them.
fn meta_from_preface(report: &mut Report) {
    let text = report.preface.replace('\n', "");
    let m = &mut report.meta;
    if let Some(at) = text.find("可在") {
        let rest = &text[at + "可在".len()..];
        let end = rest
            .find(['（', '(', '“', '"', '查', '下', '。', '，'])
            .unwrap_or(rest.len());
        m.portal_name = rest[..end].trim().to_string();
        let after = &rest[end..];
        if let Some(inner) = after.strip_prefix('（').or_else(|| after.strip_prefix('('))
            && let Some(close) = inner.find(['）', ')'])
        {
            let url = inner[..close].trim();
            if url.contains('.') && url.is_ascii() {
                m.portal_url = url.to_string();
            }
        }
        if let Some(open) = rest.find('“')
            && let Some(close) = rest[open..].find('”')
            && rest[open + close..].starts_with("”专栏")
        {
            m.column_name = rest[open + '“'.len_utf8()..open + close].to_string();
        }
    }
    if m.portal_url.is_empty()
        && let Some(at) = text.find("http").or_else(|| text.find("www."))
    {
        let url: String = text[at..]
            .chars()
            .take_while(|c| c.is_ascii_graphic() && !matches!(c, '(' | ')' | '"' | '\''))
            .collect();
        m.portal_url = url;
    }
    let field = |key: &str| -> Option<String> {
        let at = text.find(key)?;
        let rest = &text[at + key.len()..];
        let rest = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))?;
        let end = rest
            .find(['，', ',', '；', ';', '。'])
            .unwrap_or(rest.len());
        Some(balance(rest[..end].trim()).to_string())
    };
    if let Some(address) = field("地址") {
        m.address = address;
    }
    if let Some(phone) = field("电话") {
        m.phone = phone;
    }
}

/// A value cut from a parenthesised phrase loses the closing bracket it does not open.
fn balance(text: &str) -> &str {
    let opens = text.matches(['（', '(']).count();
    let closes = text.matches(['）', ')']).count();
    if closes > opens {
        text.trim_end_matches(['）', ')'])
    } else {
        text
    }
}

/// Which of the three tables a table (or a page's part of one) is, by its labels.
fn classify(t: &Table) -> Option<usize> {
    let folded = |labels: Vec<&str>| -> Vec<String> { labels.into_iter().map(fold).collect() };
    let t2 = folded(
        TABLE2_BLOCKS
            .iter()
            .flat_map(|b| b.rows.iter().map(|r| r.label))
            .collect(),
    );
    let t3 = folded(
        T3Row::ALL
            .iter()
            .map(|r| r.def().label)
            .chain(T3_GROUPS.iter().map(|g| g.label))
            .chain([T3_APPLICANTS_HEADER, T3_LEGAL_PERSONS_HEADER, "自然人"])
            .collect(),
    );
    let t4 = folded(
        [T4_REVIEW, T4_LITIGATION, "结果维持", "结果纠正", "尚未审结"]
            .into_iter()
            .chain(T4_GROUPS.iter().map(|g| g.label))
            .collect(),
    );
    let mut score = [0usize; 3];
    for cell in t.rows.iter().flatten() {
        if cell.text.len() > 400 {
            continue;
        }
        let f = fold(&cell.text);
        if f.is_empty() {
            continue;
        }
        score[0] += usize::from(f.starts_with("第二十条") || t2.contains(&f));
        score[1] += usize::from(t3.contains(&f));
        score[2] += usize::from(t4.contains(&f));
    }
    let best = (0..3).max_by_key(|&k| score[k])?;
    (score[best] > 0).then_some(best)
}

/// The best-matching template label, with how alike it is; none below [`LIKE`].
fn best_match<'a>(printed: &str, labels: impl Iterator<Item = &'a str>) -> Option<(usize, f32)> {
    let mut best: Option<(usize, f32)> = None;
    for (i, label) in labels.enumerate() {
        let score = if fold(label) == fold(printed) {
            1.0
        } else {
            likeness(printed, label)
        };
        if score >= LIKE && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best
}

/// The row of table 三 a printed label names: by its full label, by its name without the
/// numbering ("属于国家秘密"), or by likeness.
fn t3_row(printed: &str) -> Option<(T3Row, f32)> {
    // A producer may print the merged labels in the same cell as the row's own:
    // "（六）其他处理1.申请人……", "三、本年度办理结果（一）予以公开".
    let mut f = fold(printed);
    for merged in [T3_RESULTS_LABEL]
        .into_iter()
        .chain(T3_GROUPS.iter().map(|g| g.label))
    {
        let m = fold(merged);
        if f.len() > m.len()
            && let Some(rest) = f.strip_prefix(m.as_str())
        {
            f = rest.to_string();
        }
    }
    let printed = f.as_str();
    if let Some(row) = T3Row::ALL.into_iter().find(|r| {
        let def = r.def();
        fold(def.label) == f || fold(def.short) == f
    }) {
        return Some((row, 1.0));
    }
    best_match(printed, T3Row::ALL.iter().map(|r| r.def().label)).map(|(i, s)| (T3Row::ALL[i], s))
}

/// Whether a cell holds a number or what producers print for none: blank, "-", "/", "—".
fn is_value(text: &str) -> bool {
    let s = strip_ws(text);
    if s.is_empty() || is_dash(&s) {
        return true;
    }
    let n = model::normalize_number_text(&s);
    let n = n.strip_suffix("万元").unwrap_or(&n);
    !n.is_empty()
        && n.chars().any(|c| c.is_ascii_digit())
        && n.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn is_dash(s: &str) -> bool {
    matches!(
        s,
        "-" | "—" | "–" | "－" | "/" | "／" | "——" | "--" | "\\" | "－－" | "―" | "一"
    )
}

/// A count from a printed cell; "-" "/" "—" read as 0 (and say so: the flag).
fn count_entry(text: &str) -> (Count, bool) {
    let s = strip_ws(text);
    if is_dash(&s) {
        return (Entry::Value(0), true);
    }
    (count_from_text(&s), false)
}

/// A row's label cells and the value cells after the last of them.
fn split_row(cells: &[Cell]) -> (Vec<&Cell>, Vec<&Cell>) {
    let last_label = cells.iter().rposition(|c| !is_value(&c.text));
    let labels = cells
        .iter()
        .take(last_label.map_or(0, |i| i + 1))
        .filter(|c| !is_value(&c.text))
        .collect();
    let values = cells.iter().skip(last_label.map_or(0, |i| i + 1)).collect();
    (labels, values)
}

/// The value texts without blank cells at the end beyond the `want` the template asks for (an
/// empty extra column some producers draw); a blank last cell of a full row stays a blank cell.
fn trim_trailing_blanks(values: &[&Cell], want: usize) -> Vec<String> {
    let mut texts: Vec<String> = values.iter().map(|c| c.text.clone()).collect();
    while texts.len() > want && texts.last().is_some_and(|t| strip_ws(t).is_empty()) {
        texts.pop();
    }
    texts
}

/// `need` value texts from a row's value cells: the cells themselves, or the one filled cell
/// of a row whose single value a producer drew as several cells.
fn fit_values(values: &[&Cell], need: usize) -> Option<Vec<String>> {
    if values.len() == need {
        return Some(values.iter().map(|c| c.text.clone()).collect());
    }
    let filled: Vec<&&Cell> = values
        .iter()
        .filter(|c| !strip_ws(&c.text).is_empty())
        .collect();
    if need == 1 && filled.len() == 1 {
        return Some(vec![filled[0].text.clone()]);
    }
    None
}

fn row_text(cells: &[Cell]) -> String {
    cells
        .iter()
        .map(|c| strip_ws(&c.text))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn table_text(t: &Table) -> String {
    t.rows
        .iter()
        .map(|r| row_text(r))
        .filter(|r| !r.replace(" | ", "").is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
