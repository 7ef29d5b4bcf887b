//! The report being edited, with what the screens need beside it: the text-editor buffers,
//! the number cells' text exactly as typed, and the current findings.

use super::message::{CellRef, Page, ProseField};
use crate::draft;
use crate::model::{
    Count, Entry, Report, Wanyuan, count_from_text, parse_count, parse_wanyuan, wanyuan_from_text,
};
use crate::paste;
use crate::rules::{self, Finding, Place, Severity};
use crate::template::{
    OTHER_ITEMS, OVERVIEW_SUBHEADS, SectionKey, T2Cell, T3_ENTERED_COLS, T3_ROW_DEFS, T3_ROWS,
    T4_ENTERED_COLS, T4_GROUPS,
};
use crate::yearly;
use iced::widget::text_editor;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How far a part of the report has come, for the side list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartState {
    NotStarted,
    Errors(usize),
    Warnings(usize),
    Complete,
}

/// The report being edited.
pub struct Document {
    pub report: Report,
    /// The draft file; `None` until first saved (a new report, the example, a restored autosave
    /// of a never-saved report).
    pub path: Option<PathBuf>,
    /// What to call a report that has no file yet, e.g. the example.
    pub untitled: Option<&'static str>,
    /// Changed since last saved.
    pub dirty: bool,
    /// Changed since the last autosave.
    pub needs_autosave: bool,
    pub findings: Vec<Finding>,
    /// Last year's report, for the cross-year checks, when the draft names one that loads.
    pub last_year: Option<Report>,
    /// Why the last-year draft the report names could not be read, shown on 基本信息.
    pub last_year_error: Option<String>,
    /// Prose fields still exactly last year's, marked "沿用上年" until edited.
    pub inherited: Vec<Place>,
    /// The field a finding was chosen for, highlighted until the next jump.
    pub target: Option<Place>,
    /// Cells' text as typed, so "１２" or " 3" stay as the person typed them while the model
    /// holds the number.
    cell_text: HashMap<CellRef, String>,
    editors: HashMap<ProseField, text_editor::Content>,
}

/// Every multi-line field of the report.
pub fn prose_fields() -> impl Iterator<Item = ProseField> {
    [ProseField::Preface, ProseField::OverviewIntro]
        .into_iter()
        .chain((0..OVERVIEW_SUBHEADS.len()).map(ProseField::OverviewPart))
        .chain([ProseField::Problems])
        .chain((0..OTHER_ITEMS.len()).map(ProseField::OtherItem))
}

/// The fillable rows of table 三, in order.
pub fn t3_entered_rows() -> Vec<usize> {
    (0..T3_ROWS).filter(|&r| T3_ROW_DEFS[r].entered).collect()
}

impl Document {
    pub fn new(report: Report, path: Option<PathBuf>) -> Self {
        let (last_year, last_year_error) = match report.last_year_draft.as_deref() {
            None => (None, None),
            Some(link) => match draft::load(&resolve_beside(link, path.as_deref())) {
                Ok(loaded) => (Some(loaded.report), None),
                Err(e) => (None, Some(e.to_string())),
            },
        };
        let mut doc = Document {
            report,
            path,
            untitled: None,
            dirty: false,
            needs_autosave: false,
            findings: Vec::new(),
            last_year,
            last_year_error,
            inherited: Vec::new(),
            target: None,
            cell_text: HashMap::new(),
            editors: HashMap::new(),
        };
        for field in prose_fields() {
            let content = text_editor::Content::with_text(doc.prose(field));
            doc.editors.insert(field, content);
        }
        doc.recheck();
        doc
    }

    /// The file name shown in the title and the toolbar.
    pub fn name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            None => self.untitled.unwrap_or("未保存的新报告").to_string(),
        }
    }

    fn recheck(&mut self) {
        self.findings = rules::check(&self.report, self.last_year.as_ref());
        self.inherited = match &self.last_year {
            Some(last) => yearly::inherited_fields(&self.report, last),
            None => Vec::new(),
        };
    }

    /// Where last year's draft is, as the report names it, resolved beside this draft.
    pub fn last_year_path(&self) -> Option<PathBuf> {
        self.report
            .last_year_draft
            .as_deref()
            .map(|link| resolve_beside(link, self.path.as_deref()))
    }

    /// Takes `last` (read from `last_path`) as last year's report: the draft remembers the
    /// file (relative when beside it) and the cross-year checks run from now on.
    pub fn set_last_year(&mut self, last: Report, last_path: &Path) {
        match &self.path {
            Some(own) => yearly::link_last_year(&mut self.report, last_path, own),
            None => {
                let absolute =
                    std::path::absolute(last_path).unwrap_or_else(|_| last_path.to_path_buf());
                self.report.last_year_draft = Some(absolute.to_string_lossy().into_owned());
            }
        }
        self.last_year = Some(last);
        self.last_year_error = None;
        self.changed();
    }

    /// Forgets last year's report.
    pub fn clear_last_year(&mut self) {
        self.report.last_year_draft = None;
        self.last_year = None;
        self.last_year_error = None;
        self.changed();
    }

    /// Call after every change to the report.
    pub fn changed(&mut self) {
        self.dirty = true;
        self.needs_autosave = true;
        self.recheck();
    }

    // -- prose ------------------------------------------------------------------------------

    pub fn prose(&self, field: ProseField) -> &str {
        let r = &self.report;
        match field {
            ProseField::Preface => &r.preface,
            ProseField::OverviewIntro => &r.overview.intro,
            ProseField::OverviewPart(i) => r.overview.parts.get(i).map_or("", |p| p.body.as_str()),
            ProseField::Problems => &r.problems,
            ProseField::OtherItem(i) => r.other_items.get(i).map_or("", String::as_str),
        }
    }

    fn prose_mut(&mut self, field: ProseField) -> Option<&mut String> {
        let r = &mut self.report;
        match field {
            ProseField::Preface => Some(&mut r.preface),
            ProseField::OverviewIntro => Some(&mut r.overview.intro),
            ProseField::OverviewPart(i) => r.overview.parts.get_mut(i).map(|p| &mut p.body),
            ProseField::Problems => Some(&mut r.problems),
            ProseField::OtherItem(i) => r.other_items.get_mut(i),
        }
    }

    pub fn editor(&self, field: ProseField) -> Option<&text_editor::Content> {
        self.editors.get(&field)
    }

    /// Applies an editor action; edits also change the report.
    pub fn edit_prose(&mut self, field: ProseField, action: text_editor::Action) {
        let is_edit = action.is_edit();
        let Some(content) = self.editors.get_mut(&field) else {
            return;
        };
        content.perform(action);
        if is_edit {
            let text = content.text();
            if let Some(slot) = self.prose_mut(field) {
                *slot = text;
            }
            self.changed();
        }
    }

    /// Replaces a text wholesale (the regenerated preface).
    pub fn set_prose(&mut self, field: ProseField, text: String) {
        self.editors
            .insert(field, text_editor::Content::with_text(&text));
        if let Some(slot) = self.prose_mut(field) {
            *slot = text;
        }
        self.changed();
    }

    // -- number cells -----------------------------------------------------------------------

    /// The text a cell shows: as typed, or the stored value.
    pub fn cell_text(&self, cell: CellRef) -> String {
        if let Some(t) = self.cell_text.get(&cell) {
            return t.clone();
        }
        let r = &self.report;
        match cell {
            CellRef::T2(c) => count_text(r.table2.get(c)),
            CellRef::T2Fee => match &r.table2.fee {
                Entry::Blank => String::new(),
                Entry::Value(v) => v.to_string(),
                Entry::Invalid(t) => t.clone(),
            },
            CellRef::T3 { row, col } => count_text(r.table3.get(row, col)),
            CellRef::T4 { group, col } => count_text(r.table4.get(group, col)),
        }
    }

    /// Whether a cell is blank, and the Chinese message when its text is not a valid value.
    pub fn cell_state(&self, cell: CellRef) -> (bool, Option<String>) {
        let r = &self.report;
        let count = |e: &Count| match e {
            Entry::Blank => (true, None),
            Entry::Value(_) => (false, None),
            Entry::Invalid(t) => (false, parse_count(t).err().map(|e| e.to_string())),
        };
        match cell {
            CellRef::T2(c) => count(r.table2.get(c)),
            CellRef::T2Fee => match &r.table2.fee {
                Entry::Blank => (true, None),
                Entry::Value(_) => (false, None),
                Entry::Invalid(t) => (false, parse_wanyuan(t).err().map(|e| e.to_string())),
            },
            CellRef::T3 { row, col } => count(r.table3.get(row, col)),
            CellRef::T4 { group, col } => count(r.table4.get(group, col)),
        }
    }

    /// Stores what was typed in a cell: the model gets the value (or the invalid text).
    pub fn set_cell(&mut self, cell: CellRef, text: String) {
        self.put_cell(cell, &text);
        self.cell_text.insert(cell, text);
        self.changed();
    }

    fn put_cell(&mut self, cell: CellRef, text: &str) {
        let r = &mut self.report;
        match cell {
            CellRef::T2(c) => r.table2.set(c, count_from_text(text)),
            CellRef::T2Fee => r.table2.fee = wanyuan_from_text(text),
            CellRef::T3 { row, col } => r.table3.set(row, col, count_from_text(text)),
            CellRef::T4 { group, col } => r.table4.set(group, col, count_from_text(text)),
        }
    }

    /// Spreads pasted cells over the table from `start` on, in reading order. Returns how many
    /// cells were filled and how many did not fit.
    pub fn paste_block(&mut self, start: CellRef, text: &str) -> (usize, usize) {
        let block = paste::split_block(text);
        let targets: (Vec<(CellRef, String)>, usize) = match start {
            CellRef::T3 { row, col } => {
                let (placed, dropped) =
                    paste::place_block(&block, &t3_entered_rows(), T3_ENTERED_COLS, row, col);
                let cells = placed
                    .into_iter()
                    .map(|(row, col, t)| (CellRef::T3 { row, col }, t))
                    .collect();
                (cells, dropped)
            }
            CellRef::T4 { group, col } => {
                let groups: Vec<usize> = (0..T4_GROUPS.len()).collect();
                let (placed, dropped) =
                    paste::place_block(&block, &groups, T4_ENTERED_COLS, group, col);
                let cells = placed
                    .into_iter()
                    .map(|(group, col, t)| (CellRef::T4 { group, col }, t))
                    .collect();
                (cells, dropped)
            }
            // Table 二 in reading order: its nine counts, then the amount.
            CellRef::T2(_) | CellRef::T2Fee => {
                let order: Vec<CellRef> = T2Cell::ALL
                    .iter()
                    .map(|&c| CellRef::T2(c))
                    .chain([CellRef::T2Fee])
                    .collect();
                let first = order.iter().position(|&c| c == start).unwrap_or(0);
                let flat: Vec<String> = block.into_iter().flatten().collect();
                let dropped = flat.len().saturating_sub(order.len() - first);
                let cells = order[first..].iter().copied().zip(flat).collect();
                (cells, dropped)
            }
        };
        self.apply_paste(targets.0, targets.1)
    }

    fn apply_paste(&mut self, cells: Vec<(CellRef, String)>, dropped: usize) -> (usize, usize) {
        let filled = cells.len();
        for (cell, text) in cells {
            self.put_cell(cell, &text);
            self.cell_text.insert(cell, text);
        }
        if filled > 0 {
            self.changed();
        }
        (filled, dropped)
    }

    /// Fills the empty cells of one table with 0.
    pub fn fill_zeros(&mut self, section: SectionKey) {
        match section {
            SectionKey::Proactive => self.report.table2.fill_blanks_with_zero(),
            SectionKey::Applications => self.report.table3.fill_blanks_with_zero(),
            SectionKey::Review => self.report.table4.fill_blanks_with_zero(),
            _ => return,
        }
        // Typed text of blank cells was empty or spaces; let the new zeros show.
        let report = &self.report;
        self.cell_text.retain(|cell, _| match cell {
            CellRef::T2(c) => !matches!(report.table2.get(*c), Entry::Value(0)),
            CellRef::T2Fee => report.table2.fee != Entry::Value(Wanyuan::ZERO),
            CellRef::T3 { row, col } => !matches!(report.table3.get(*row, *col), Entry::Value(0)),
            CellRef::T4 { group, col } => {
                !matches!(report.table4.get(*group, *col), Entry::Value(0))
            }
        });
        self.changed();
    }

    // -- state of parts ---------------------------------------------------------------------

    /// The findings that belong on a page.
    pub fn findings_on(&self, page: Page) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| page_of(&f.place) == page)
    }

    pub fn part_state(&self, page: Page) -> PartState {
        if !self.started(page) {
            return PartState::NotStarted;
        }
        let (mut errors, mut warnings) = (0, 0);
        for f in self.findings_on(page) {
            match f.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
        }
        if errors > 0 {
            PartState::Errors(errors)
        } else if warnings > 0 {
            PartState::Warnings(warnings)
        } else {
            PartState::Complete
        }
    }

    fn started(&self, page: Page) -> bool {
        let r = &self.report;
        match page {
            Page::Meta => !r.meta.agency.is_empty(),
            Page::Section(SectionKey::Overview) => !r.overview_text().trim().is_empty(),
            Page::Section(SectionKey::Proactive) => {
                T2Cell::ALL.iter().any(|&c| !r.table2.get(c).is_blank()) || !r.table2.fee.is_blank()
            }
            Page::Section(SectionKey::Applications) => r
                .table3
                .entered_rows()
                .any(|(_, cells)| cells.iter().any(|c| !c.is_blank())),
            Page::Section(SectionKey::Review) => (0..T4_GROUPS.len())
                .any(|g| (0..T4_ENTERED_COLS).any(|c| !r.table4.get(g, c).is_blank())),
            Page::Section(SectionKey::Problems) => !r.problems.trim().is_empty(),
            Page::Section(SectionKey::Other) => r.other_items.iter().any(|t| !t.trim().is_empty()),
            Page::Start | Page::Checks | Page::Compare | Page::Export => true,
        }
    }
}

/// The page that shows a place.
pub fn page_of(place: &Place) -> Page {
    match place.section() {
        Some(s) => Page::Section(s),
        None => Page::Meta,
    }
}

fn count_text(e: &Count) -> String {
    match e {
        Entry::Blank => String::new(),
        Entry::Value(v) => v.to_string(),
        Entry::Invalid(t) => t.clone(),
    }
}

/// A path written in a draft, relative to the draft's folder when it is not absolute.
fn resolve_beside(path: &str, draft: Option<&Path>) -> PathBuf {
    let p = PathBuf::from(path);
    match draft.and_then(Path::parent) {
        Some(dir) if p.is_relative() => dir.join(p),
        _ => p,
    }
}
