//! One open report with everything the screens keep beside it: the text-editor buffers, the
//! number cells' text exactly as typed, the current findings, last year's report, the page
//! shown and the state of the export screen and of generated sentences. Opening another
//! report makes a new `Session`, so nothing of the previous one lingers.

use super::files::{self, LastYear};
use super::message::{Direction, Page};
use super::{export, preview, sentence};
use iced::widget::text_editor;
use nianbao_core::check::{self, Finding, Severity, Span};
use nianbao_core::model::LastYearLink;
use nianbao_core::model::{
    Cell, Count, Entry, MetaField, Place, Prose, Report, Wanyuan, parse_count, parse_wanyuan, paste,
};
use nianbao_core::store::draft;
use nianbao_core::template::{SectionKey, T2Cell, T3Col, T3Row, T4Col, T4Group};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How far a part of the report has come, for the side list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartState {
    NotStarted,
    /// Begun, with this many fields still blank.
    Unfilled(usize),
    Errors(usize),
    Warnings(usize),
    Complete,
}

/// One step back: the report and the cells' typed text as they were before an edit.
struct Step {
    report: Report,
    cell_text: HashMap<Cell, String>,
}

/// Undo and redo of every change to the report, per open report.
#[derive(Default)]
struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The field last typed into and when: typing on in the same field joins that step.
    typing: Option<(Place, Instant)>,
}

/// Typing into one field is one step until the person pauses this long or moves elsewhere.
const TYPING_STEP: Duration = Duration::from_secs(2);
/// How many steps back are kept.
const HISTORY_LIMIT: usize = 500;

/// The report being edited.
pub struct Session {
    /// Tells sessions apart, so that a background result is applied to the report it was for.
    pub id: u64,
    /// Counts changes, so that a save tells whether the report was edited while it ran.
    pub revision: u64,
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
    /// Last year's report, when the draft names one.
    pub last_year: LastYear,
    /// Prose fields still exactly last year's, marked "沿用上年" until edited.
    pub inherited: Vec<Prose>,
    /// The field a finding was chosen for, highlighted until the next jump.
    pub target: Option<Place>,
    /// The screen shown.
    pub page: Page,
    /// Text typed in 基本信息 fields that is not (yet) a valid year or date.
    pub meta_text: HashMap<MetaField, String>,
    /// The export screen.
    pub export: export::State,
    /// The print preview's pages.
    pub preview: preview::State,
    /// The generated paragraph being previewed or just inserted on section 一.
    pub sentence: Option<sentence::State>,
    /// "按基本信息重新生成" was pressed over a preface the person wrote: asking first.
    pub confirm_regenerate: bool,
    /// The number cell that has the keyboard focus, as far as the app knows.
    pub focused: Option<Cell>,
    /// The numbers of section 一's prose, checked against the tables or not.
    pub audit: check::ProseAudit,
    /// How much of the wording is last year's, when last year's report is loaded.
    pub similarity: Option<check::Similarity>,
    /// A warning being marked "已核实", with the reason typed so far.
    pub acknowledging: Option<(Finding, String)>,
    /// A paste just taken as one cell's text (the input's own paste), at this revision: if the
    /// clipboard turns out to hold a block, that edit is taken back before the block is spread.
    pub(super) pasted_as_text: Option<(Cell, u64)>,
    /// The draft file as read or last written: a save over a file changed since (another
    /// window, a colleague on a shared folder) asks first.
    pub fingerprint: Option<draft::Fingerprint>,
    /// The draft changed on disk and the person is being asked whether to write over it.
    pub overwrite_asked: bool,
    /// The published report this draft was imported from, and what the import left to see.
    pub imported: Option<(PathBuf, files::Imported)>,
    /// Cells' text as typed, so "１２" or " 3" stay as the person typed them while the model
    /// holds the number.
    cell_text: HashMap<Cell, String>,
    editors: HashMap<Prose, text_editor::Content>,
    /// Where table 三's grid is scrolled to, which its frozen panes follow.
    pub grid_offset: iced::widget::operation::AbsoluteOffset,
    history: History,
}

/// The cell a key moves to from `cell`: table 三 as its grid (Enter and the arrow keys down
/// a column, Tab along a row); tables 二 and 四, printed as one line of cells, in reading order.
pub fn neighbour(cell: Cell, dir: Direction) -> Option<Cell> {
    if let Cell::T3(row, col) = cell {
        let rows: Vec<T3Row> = T3Row::entered().collect();
        let r = rows.iter().position(|x| *x == row)?;
        let c = col.index();
        let last = T3Col::ENTERED.len() - 1;
        let (r, c) = match dir {
            Direction::Down => (r + 1, c),
            Direction::Up => (r.checked_sub(1)?, c),
            Direction::Right if c < last => (r, c + 1),
            Direction::Right => (r + 1, 0),
            Direction::Left if c > 0 => (r, c - 1),
            Direction::Left => (r.checked_sub(1)?, last),
        };
        return Some(Cell::T3(*rows.get(r)?, *T3Col::ENTERED.get(c)?));
    }
    let order = entered_cells(cell.section());
    let i = order.iter().position(|x| *x == cell)?;
    match dir {
        Direction::Down | Direction::Right => order.get(i + 1).copied(),
        Direction::Up | Direction::Left => order.get(i.checked_sub(1)?).copied(),
    }
}

/// The fillable cells of a table, in reading order.
pub fn entered_cells(section: SectionKey) -> Vec<Cell> {
    match section {
        SectionKey::Proactive => T2Cell::ALL
            .iter()
            .map(|&c| Cell::T2(c))
            .chain([Cell::T2Fee])
            .collect(),
        SectionKey::Applications => T3Row::entered()
            .flat_map(|row| T3Col::ENTERED.map(|col| Cell::T3(row, col)))
            .collect(),
        SectionKey::Review => T4Group::ALL
            .into_iter()
            .flat_map(|g| T4Col::ENTERED.map(|col| Cell::T4(g, col)))
            .collect(),
        _ => Vec::new(),
    }
}

impl Session {
    /// A session for a report read from `path` (or not yet saved), with last year's report as
    /// already read. Does no file I/O.
    pub fn new(report: Report, path: Option<PathBuf>, last_year: LastYear) -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let mut session = Session {
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            revision: 0,
            report,
            path,
            untitled: None,
            dirty: false,
            needs_autosave: false,
            findings: Vec::new(),
            last_year,
            inherited: Vec::new(),
            target: None,
            page: Page::Meta,
            meta_text: HashMap::new(),
            export: export::State::default(),
            preview: preview::State::default(),
            sentence: None,
            confirm_regenerate: false,
            focused: None,
            audit: check::ProseAudit::default(),
            similarity: None,
            acknowledging: None,
            pasted_as_text: None,
            fingerprint: None,
            overwrite_asked: false,
            imported: None,
            cell_text: HashMap::new(),
            editors: HashMap::new(),
            grid_offset: iced::widget::operation::AbsoluteOffset { x: 0.0, y: 0.0 },
            history: History::default(),
        };
        session.reload_editors();
        session.recheck();
        session
    }

    /// The editors' contents from the report (on opening, and after undo or redo).
    fn reload_editors(&mut self) {
        for field in Prose::all() {
            let content = text_editor::Content::with_text(self.report.prose(field));
            self.editors.insert(field, content);
        }
    }

    /// Call before every change to the report: keeps the state before it for 撤销. Typing on
    /// in the same field (`Some`) within a short pause joins the step before; every other
    /// change (`None`: a paste, 填0, a regenerated or inserted text) is a step of its own.
    pub fn checkpoint(&mut self, field: Option<Place>) {
        let now = Instant::now();
        let h = &mut self.history;
        let joins = matches!(
            (field, h.typing),
            (Some(f), Some((g, at))) if f == g && now.duration_since(at) < TYPING_STEP
        );
        h.typing = field.map(|f| (f, now));
        h.redo.clear();
        if joins {
            return;
        }
        h.undo.push(Step {
            report: self.report.clone(),
            cell_text: self.cell_text.clone(),
        });
        if h.undo.len() > HISTORY_LIMIT {
            h.undo.remove(0);
        }
    }

    /// The next change starts a step of 撤销 of its own, even in the field being typed into.
    pub fn end_typing_step(&mut self) {
        self.history.typing = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.history.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.history.redo.is_empty()
    }

    /// Goes one step back; `false` when there is none.
    pub fn undo(&mut self) -> bool {
        let Some(step) = self.history.undo.pop() else {
            return false;
        };
        let now = self.swap(step);
        self.history.redo.push(now);
        true
    }

    /// Goes one step forward again; `false` when there is none.
    pub fn redo(&mut self) -> bool {
        let Some(step) = self.history.redo.pop() else {
            return false;
        };
        let now = self.swap(step);
        self.history.undo.push(now);
        true
    }

    /// Puts `step` in place and returns what it replaced.
    fn swap(&mut self, step: Step) -> Step {
        let before = Step {
            report: std::mem::replace(&mut self.report, step.report),
            cell_text: std::mem::replace(&mut self.cell_text, step.cell_text),
        };
        self.history.typing = None;
        self.meta_text.clear();
        self.reload_editors();
        self.changed();
        before
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
        let last = self.last_year.report();
        self.findings = check::check(&self.report, last);
        self.audit = check::prose_numbers(&self.report, last);
        (self.inherited, self.similarity) = match last {
            Some(last) => (
                check::inherited_fields(&self.report, last),
                Some(check::similarity(&self.report, last)),
            ),
            None => (Vec::new(), None),
        };
    }

    /// The reason a warning was marked "已核实" with, if it was (and its numbers are unchanged).
    pub fn acknowledged(&self, finding: &Finding) -> Option<&str> {
        check::acknowledgement(&self.report, finding)
    }

    /// Where last year's draft is, as the report names it, resolved beside this draft.
    pub fn last_year_path(&self) -> Option<PathBuf> {
        let link = self.report.last_year.as_ref()?;
        Some(link.resolve(self.path.as_deref()))
    }

    /// Takes `last` (read from `last_path`) as last year's report: the draft remembers the
    /// file (relative when beside it) and the cross-year checks run from now on.
    pub fn set_last_year(&mut self, last: Report, last_path: &Path) {
        self.checkpoint(None);
        self.report.last_year = Some(match &self.path {
            Some(own) => LastYearLink::beside(last_path, own),
            None => LastYearLink::absolute(last_path),
        });
        self.last_year = LastYear::Loaded(Box::new(last));
        self.changed();
    }

    /// Last year's report as read in the background for the link the draft already has.
    pub fn linked_last_year(&mut self, last_year: LastYear) {
        self.last_year = last_year;
        self.recheck();
    }

    /// Forgets last year's report.
    pub fn clear_last_year(&mut self) {
        self.checkpoint(None);
        self.report.last_year = None;
        self.last_year = LastYear::None;
        self.changed();
    }

    /// Call after every change to the report.
    pub fn changed(&mut self) {
        self.revision += 1;
        self.dirty = true;
        self.needs_autosave = true;
        self.recheck();
    }

    // -- prose ------------------------------------------------------------------------------

    pub fn prose(&self, field: Prose) -> &str {
        self.report.prose(field)
    }

    pub fn editor(&self, field: Prose) -> Option<&text_editor::Content> {
        self.editors.get(&field)
    }

    /// Selects the words a finding concerns (`span`, in characters of the field's text), so
    /// that they stand out when the jump focuses the box.
    pub fn mark(&mut self, field: Prose, span: Span) {
        let Some(content) = self.editors.get_mut(&field) else {
            return;
        };
        let text = content.text();
        let (Some(start), Some(end)) =
            (position_of(&text, span.start), position_of(&text, span.end))
        else {
            return;
        };
        content.move_to(text_editor::Cursor {
            position: end,
            selection: Some(start),
        });
    }

    /// Applies an editor action; edits also change the report.
    pub fn edit_prose(&mut self, field: Prose, action: text_editor::Action) {
        let is_edit = action.is_edit();
        if is_edit && self.editors.contains_key(&field) {
            self.checkpoint(Some(Place::Prose(field)));
        }
        let Some(content) = self.editors.get_mut(&field) else {
            return;
        };
        content.perform(action);
        if is_edit {
            let text = content.text();
            if let Some(slot) = self.report.prose_mut(field) {
                *slot = text;
            }
            self.changed();
        }
    }

    /// Replaces a text wholesale (the regenerated preface).
    pub fn set_prose(&mut self, field: Prose, text: String) {
        self.checkpoint(None);
        self.editors
            .insert(field, text_editor::Content::with_text(&text));
        if let Some(slot) = self.report.prose_mut(field) {
            *slot = text;
        }
        self.changed();
    }

    // -- number cells -----------------------------------------------------------------------

    /// The text a cell shows: as typed, or the stored value.
    pub fn cell_text(&self, cell: Cell) -> String {
        match self.cell_text.get(&cell) {
            Some(t) => t.clone(),
            None => self.report.cell_text(cell),
        }
    }

    /// Whether a cell is blank, and the Chinese message when its text is not a valid value.
    pub fn cell_state(&self, cell: Cell) -> (bool, Option<String>) {
        let count = |e: &Count| match e {
            Entry::Blank => (true, None),
            Entry::Value(_) => (false, None),
            Entry::Invalid(t) => (false, parse_count(t).err().map(|e| e.to_string())),
        };
        match cell {
            Cell::T2Fee => match &self.report.table2.fee {
                Entry::Blank => (true, None),
                Entry::Value(_) => (false, None),
                Entry::Invalid(t) => (false, parse_wanyuan(t).err().map(|e| e.to_string())),
            },
            _ => self.report.count(cell).map_or((false, None), count),
        }
    }

    /// Stores what was typed in a cell: the model gets the value (or the invalid text).
    pub fn set_cell(&mut self, cell: Cell, text: String) {
        self.checkpoint(Some(Place::Cell(cell)));
        self.report.set_cell(cell, &text);
        self.cell_text.insert(cell, text);
        self.changed();
    }

    /// Spreads pasted cells over the table from `start` on, recognising the tables as printed
    /// (see `model::paste`), as one step of 撤销.
    pub fn paste_block(&mut self, start: Cell, text: &str) -> paste::Pasted {
        // The input already took the block as the start cell's text ("7\t8\n2\t3" as "7823"):
        // take that back first, so that neither the cell nor 撤销 ever shows it.
        if self.pasted_as_text.take() == Some((start, self.revision))
            && let Some(step) = self.history.undo.pop()
        {
            self.swap(step);
        }
        let pasted = paste::paste(&self.report, start, text);
        if !pasted.cells.is_empty() {
            self.checkpoint(None);
            for (cell, text) in &pasted.cells {
                self.report.set_cell(*cell, text);
                self.cell_text.insert(*cell, text.clone());
            }
            self.changed();
        }
        pasted
    }

    /// Removes invisible characters (zero-width spaces and the like) from every text, as one
    /// step of 撤销; how many.
    pub fn strip_invisible(&mut self) -> usize {
        let mut stripped = self.report.clone();
        let n = stripped.strip_invisible();
        if n > 0 {
            self.checkpoint(None);
            self.report = stripped;
            self.reload_editors();
            self.changed();
        }
        n
    }

    /// Fills the empty cells of one table with 0.
    pub fn fill_zeros(&mut self, section: SectionKey) {
        self.checkpoint(None);
        match section {
            SectionKey::Proactive => self.report.table2.fill_blanks_with_zero(),
            SectionKey::Applications => self.report.table3.fill_blanks_with_zero(),
            SectionKey::Review => self.report.table4.fill_blanks_with_zero(),
            _ => return,
        }
        // Typed text of blank cells was empty or spaces; let the new zeros show.
        let report = &self.report;
        self.cell_text.retain(|cell, _| match cell {
            Cell::T2Fee => report.table2.fee != Entry::Value(Wanyuan::ZERO),
            _ => !matches!(report.count(*cell), Some(Entry::Value(0))),
        });
        self.changed();
    }

    // -- state of parts ---------------------------------------------------------------------

    /// The findings that belong on a page.
    /// The findings about what a page shows that nobody has marked "已核实".
    pub fn findings_on(&self, page: Page) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| Page::of(&f.place) == page && self.acknowledged(f).is_none())
    }

    pub fn part_state(&self, page: Page) -> PartState {
        if !self.started(page) {
            return PartState::NotStarted;
        }
        // 基本信息 is done only when the title and the preface have all they need.
        if page == Page::Meta {
            let blank = [
                MetaField::Agency,
                MetaField::Year,
                MetaField::PortalName,
                MetaField::PortalUrl,
                MetaField::Address,
                MetaField::Phone,
            ]
            .into_iter()
            .filter(|f| self.report.meta_text(*f).trim().is_empty())
            .count();
            if blank > 0 {
                return PartState::Unfilled(blank);
            }
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
            Page::Section(SectionKey::Review) => T4Group::ALL.iter().any(|g| {
                T4Col::ENTERED
                    .iter()
                    .any(|c| !r.table4.get(*g, *c).is_blank())
            }),
            Page::Section(SectionKey::Problems) => !r.problems.trim().is_empty(),
            Page::Section(SectionKey::Other) => r.other_items.iter().any(|t| !t.trim().is_empty()),
            Page::Start | Page::Checks | Page::Compare | Page::Export => true,
        }
    }
}

/// The editor position (line, byte column) of the character offset `at` in `text`; the end of
/// the text for an offset just past it, `None` beyond.
fn position_of(text: &str, at: usize) -> Option<text_editor::Position> {
    let mut line = 0;
    let mut line_start = 0;
    for (i, (byte, c)) in text.char_indices().enumerate() {
        if i == at {
            return Some(text_editor::Position {
                line,
                column: byte - line_start,
            });
        }
        if c == '\n' {
            line += 1;
            line_start = byte + 1;
        }
    }
    (text.chars().count() == at).then(|| text_editor::Position {
        line,
        column: text.len() - line_start,
    })
}

#[cfg(test)]
mod tests {
    use super::position_of;
    use iced::widget::text_editor::Position;

    #[test]
    fn character_offsets_become_lines_and_byte_columns() {
        let p = |line, column| Some(Position { line, column });
        assert_eq!(position_of("一二\n三四", 0), p(0, 0));
        assert_eq!(position_of("一二\n三四", 1), p(0, 3));
        assert_eq!(position_of("一二\n三四", 3), p(1, 0));
        assert_eq!(position_of("一二\n三四", 5), p(1, 6));
        assert_eq!(position_of("一二\n三四", 6), None);
    }
}
