//! The app's state and its `update`: each message goes to a small method below.

use super::document::{Document, page_of};
use super::message::{
    CellRef, ConfirmChoice, DialogOutcome, FileAction, Message, MetaField, Page, Pending,
    ProseField,
};
use super::{export, files, pages};
use crate::draft;
use crate::model::{Date, Report};
use crate::recovery::{Recoverable, UserData};
use crate::rules::Place;
use crate::sentences::{self, Topic};
use crate::template::SectionKey;
use crate::yearly;
use iced::keyboard::{self, key};
use iced::widget::operation;
use iced::{Event, Subscription, Task, event, window};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long after a change the working report is autosaved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(5);
/// Id of the scrollable that holds a page.
pub const PAGE_SCROLL: &str = "page-scroll";

/// A line in the message bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// The typed-path fallback, shown when no file dialog can be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPrompt {
    pub action: FileAction,
    pub text: String,
    /// Why the user is asked to type: no dialog could be shown, or they asked for it.
    pub reason: Option<String>,
}

/// The start screen's "new report" fields.
#[derive(Debug, Clone, Default)]
pub struct NewForm {
    pub agency: String,
    pub year: String,
    pub error: Option<String>,
}

/// Inserting a generated data paragraph into section 一: first shown, then done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SentenceState {
    /// The paragraph of a topic is shown with what inserting it would do; nothing changed yet.
    Preview(Topic),
    /// It was inserted (or found already there): what happened, and the text before and after
    /// for 撤销.
    Done {
        topic: Topic,
        action: sentences::Action,
        before: String,
        after: String,
    },
}

/// The sub-head of section 一 that a topic's paragraph goes into.
pub fn topic_field(topic: Topic) -> ProseField {
    match topic.suggested_place() {
        Place::OverviewPart { index } => ProseField::OverviewPart(index),
        _ => ProseField::OverviewIntro,
    }
}

/// The settings of generated sentences: one decimal in percentages.
pub const SENTENCE_OPTIONS: sentences::Options = sentences::Options { decimals: 1 };

/// The whole app.
pub struct App {
    pub doc: Option<Document>,
    pub page: Page,
    pub new_form: NewForm,
    pub recent: Vec<PathBuf>,
    pub userdata: Option<UserData>,
    /// The autosave of a session that did not end cleanly, offered on the start screen.
    pub recoverable: Option<Recoverable>,
    pub notice: Option<Notice>,
    pub path_prompt: Option<PathPrompt>,
    /// An action waiting for "save the changes first?".
    pub confirm: Option<Pending>,
    /// After the save that the close dialog asked for, close the window.
    exit_after_save: bool,
    /// An autosave timer is running.
    autosave_scheduled: bool,
    /// Text typed in 基本信息 fields that is not (yet) a valid year or date.
    pub meta_text: HashMap<MetaField, String>,
    pub export: export::ExportState,
    /// The generated paragraph being previewed or just inserted on section 一.
    pub sentence: Option<SentenceState>,
}

impl App {
    /// A fresh app with the given data folder (none: no autosave, no recent list).
    pub fn new(userdata: Option<UserData>) -> Self {
        let (recoverable, notice) = match userdata.as_ref().map(UserData::begin_session) {
            Some(Ok(r)) => (r, None),
            Some(Err(e)) => (
                None,
                Some(Notice {
                    text: format!("上次未正常退出，但自动保存的内容无法读取：{e}"),
                    is_error: true,
                }),
            ),
            None => (None, None),
        };
        App {
            doc: None,
            page: Page::Start,
            new_form: NewForm::default(),
            recent: userdata.as_ref().map(UserData::recent).unwrap_or_default(),
            userdata,
            recoverable,
            notice,
            path_prompt: None,
            confirm: None,
            exit_after_save: false,
            autosave_scheduled: false,
            meta_text: HashMap::new(),
            export: export::ExportState::default(),
            sentence: None,
        }
    }

    /// The app as launched: the user's data folder, and the draft named on the command line.
    pub fn boot(draft: Option<PathBuf>) -> (Self, Task<Message>) {
        let mut app = App::new(UserData::from_env());
        let task = match draft {
            Some(path) => app.update(Message::OpenPath(path)),
            None => Task::none(),
        };
        (app, task)
    }

    /// The window title: the draft's name and whether it has unsaved changes.
    pub fn title(&self) -> String {
        match &self.doc {
            Some(doc) => format!("{}{} — 年报", if doc.dirty { "● " } else { "" }, doc.name(),),
            None => "年报 — 政府信息公开工作年度报告".to_string(),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            event::listen_with(shortcut),
            window::close_requests().map(|_| Message::CloseRequested),
        ])
    }

    pub fn view(&self) -> iced::Element<'_, Message> {
        pages::view(self)
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Show(page) => self.show(page),
            Message::NewAgencyChanged(s) => self.edit_new_form(Some(s), None),
            Message::NewYearChanged(s) => self.edit_new_form(None, Some(s)),
            Message::CreateNew => self.guard(Pending::CreateNew),
            Message::OpenExample => self.guard(Pending::OpenExample),
            Message::NewFromLastRequested => self.guard(Pending::NewFromLastDialog),
            Message::LastYearRequested => self.ask_path(FileAction::LastYear),
            Message::LastYearCleared => self.clear_last_year(),
            Message::SentencePreview(topic) => self.preview_sentence(topic),
            Message::SentenceInsert(topic) => self.insert_sentence(topic),
            Message::SentenceUndo => self.undo_sentence(),
            Message::SentenceDismissed => {
                self.sentence = None;
                Task::none()
            }
            Message::OpenPath(path) => self.guard(Pending::OpenPath(path)),
            Message::OpenRequested => self.guard(Pending::OpenDialog),
            Message::SaveRequested => self.save(),
            Message::SaveAsRequested => self.ask_path(FileAction::SaveAs),
            Message::DialogClosed(action, outcome) => self.dialog_closed(action, outcome),
            Message::PathInputChanged(s) => self.edit_path_prompt(s),
            Message::PathInputSubmitted => self.submit_path_prompt(),
            Message::PathInputCancelled => self.cancel_path_prompt(),
            Message::PathInputOpened(FileAction::Open) => self.guard(Pending::OpenTypedPath),
            Message::PathInputOpened(FileAction::NewFromLast) => {
                self.guard(Pending::NewFromLastTyped)
            }
            Message::PathInputOpened(action) => self.open_path_prompt(action, None),
            Message::RestoreAutosave => self.guard(Pending::Restore),
            Message::DiscardAutosave => self.discard_autosave(),
            Message::MetaChanged(field, s) => self.edit_meta(field, s),
            Message::RegeneratePreface => self.regenerate_preface(),
            Message::OverviewTitleChanged(i, s) => self.edit_overview_title(i, s),
            Message::ProseEdited(field, action) => self.edit_prose(field, action),
            Message::CellInput(cell, s) => self.edit_cell(cell, s),
            Message::CellPasted(cell, merged) => self.cell_pasted(cell, merged),
            Message::PasteBlock(cell, text) => self.paste_block(cell, text),
            Message::FillZeros(section) => self.fill_zeros(section),
            Message::FocusNext => operation::focus_next(),
            Message::FocusPrevious => operation::focus_previous(),
            Message::JumpTo(place) => self.jump_to(place),
            Message::ExportChooseFile => self.ask_path(FileAction::ExportTo),
            Message::ExportPathChanged(s) => self.edit_export_path(s),
            Message::ExportBundledFontsToggled(on) => {
                self.export.bundled_only = on;
                Task::none()
            }
            Message::ExportRequested => self.request_export(),
            Message::ExportChecked(result) => self.export_checked(result),
            Message::ExportConfirmed => self.confirm_export(),
            Message::ExportCancelled => self.cancel_export(),
            Message::ExportFinished(result) => self.export_finished(result),
            Message::OpenPdf => self.open_pdf(false),
            Message::OpenPdfFolder => self.open_pdf(true),
            Message::CloseRequested => self.guard(Pending::Exit),
            Message::Confirmed(choice) => self.confirmed(choice),
            Message::AutosaveDue => self.autosave_due(),
            Message::AutosaveWritten(error) => self.autosave_written(error),
            Message::DismissNotice => {
                self.notice = None;
                Task::none()
            }
        }
    }

    // -- helpers ----------------------------------------------------------------------------

    fn info(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: true,
        });
    }

    /// After a change to the report: start the autosave timer if it is not running.
    fn after_edit(&mut self) -> Task<Message> {
        if self.autosave_scheduled || self.userdata.is_none() {
            return Task::none();
        }
        self.autosave_scheduled = true;
        Task::perform(files::sleep(AUTOSAVE_DELAY), |_| Message::AutosaveDue)
    }

    fn with_doc(&mut self, f: impl FnOnce(&mut Document)) -> Task<Message> {
        match self.doc.as_mut() {
            Some(doc) => {
                f(doc);
                self.after_edit()
            }
            None => Task::none(),
        }
    }

    // -- navigation -------------------------------------------------------------------------

    fn show(&mut self, page: Page) -> Task<Message> {
        if self.doc.is_none() && page != Page::Start {
            return Task::none();
        }
        self.page = page;
        if page == Page::Export {
            self.suggest_export_path();
        }
        operation::scroll_to(PAGE_SCROLL, operation::AbsoluteOffset { x: 0.0, y: 0.0 })
    }

    /// Offers a PDF path (beside the draft, named after the report) so that exporting is one
    /// click; a path the user typed is kept.
    fn suggest_export_path(&mut self) {
        if !self.export.path.trim().is_empty() {
            return;
        }
        let name = self.suggested_name(FileAction::ExportTo);
        if let Some(doc) = self.doc.as_ref() {
            self.export.path = files::default_export_path(doc, &name).display().to_string();
        }
    }

    fn jump_to(&mut self, place: Place) -> Task<Message> {
        let Some(doc) = self.doc.as_mut() else {
            return Task::none();
        };
        doc.target = Some(place);
        self.page = page_of(&place);
        let (y, focus) = pages::locate(&place);
        let scroll = operation::scroll_to(PAGE_SCROLL, operation::AbsoluteOffset { x: 0.0, y });
        match focus {
            Some(id) => scroll.chain(operation::focus(id)),
            None => scroll,
        }
    }

    // -- start screen -----------------------------------------------------------------------

    fn edit_new_form(&mut self, agency: Option<String>, year: Option<String>) -> Task<Message> {
        if let Some(a) = agency {
            self.new_form.agency = a;
        }
        if let Some(y) = year {
            self.new_form.year = y;
        }
        self.new_form.error = None;
        Task::none()
    }

    /// Runs an action that replaces or closes the report, asking first about unsaved changes.
    fn guard(&mut self, action: Pending) -> Task<Message> {
        let dirty = self.doc.as_ref().is_some_and(|d| d.dirty);
        if dirty {
            self.confirm = Some(action);
            return Task::none();
        }
        self.proceed(action)
    }

    fn proceed(&mut self, action: Pending) -> Task<Message> {
        match action {
            Pending::Exit => self.exit(),
            Pending::OpenPath(path) => self.open(&path),
            Pending::OpenDialog => self.ask_path(FileAction::Open),
            Pending::OpenTypedPath => self.open_path_prompt(FileAction::Open, None),
            Pending::OpenExample => self.open_example(),
            Pending::CreateNew => self.create_new(),
            Pending::NewFromLastDialog => self.ask_path(FileAction::NewFromLast),
            Pending::NewFromLastTyped => self.open_path_prompt(FileAction::NewFromLast, None),
            Pending::Restore => self.restore_autosave(),
        }
    }

    fn confirmed(&mut self, choice: ConfirmChoice) -> Task<Message> {
        let Some(action) = self.confirm.take() else {
            return Task::none();
        };
        match choice {
            ConfirmChoice::Cancel => Task::none(),
            ConfirmChoice::Discard => self.proceed(action),
            ConfirmChoice::Save => {
                if action == Pending::Exit {
                    self.exit_after_save = true;
                }
                let task = self.save();
                // A saved document goes on at once; one that needs a file name goes on (for an
                // exit) after the save dialog.
                if self.doc.as_ref().is_some_and(|d| !d.dirty) && action != Pending::Exit {
                    return task.chain(self.proceed(action));
                }
                task
            }
        }
    }

    fn exit(&mut self) -> Task<Message> {
        if let Some(u) = &self.userdata {
            u.end_session();
        }
        iced::exit()
    }

    fn create_new(&mut self) -> Task<Message> {
        let agency = self.new_form.agency.trim().to_string();
        let year = crate::model::normalize_number_text(&self.new_form.year);
        if agency.is_empty() {
            self.new_form.error = Some("请先填写机关名称，例如“某某县人民政府办公室”。".into());
            return Task::none();
        }
        let year = match year.parse::<u16>() {
            Ok(y) if (2000..=2100).contains(&y) => y,
            _ => {
                self.new_form.error = Some("请填写报告所属的年度，例如 2024（四位数字）。".into());
                return Task::none();
            }
        };
        let doc = Document::new(Report::new(&agency, year), None);
        self.install(doc);
        self.page = Page::Meta;
        self.info(format!(
            "已新建{}。请先补全基本信息，再逐项填写。",
            year_title(year, &agency)
        ));
        Task::none()
    }

    fn install(&mut self, doc: Document) {
        self.doc = Some(doc);
        self.meta_text.clear();
        self.export = export::ExportState::default();
        self.sentence = None;
        self.notice = None;
    }

    fn open(&mut self, path: &Path) -> Task<Message> {
        match draft::load(path) {
            Ok(loaded) => {
                let newer = loaded.newer_format;
                let doc = Document::new(loaded.report, Some(path.to_path_buf()));
                self.install(doc);
                self.page = Page::Meta;
                self.remember(path);
                if newer {
                    self.error(
                        "这个草稿由较新版本的程序保存，其中本版本不认识的内容不会显示，保存时会丢失。",
                    );
                } else {
                    self.info(format!("已打开 {}", path.display()));
                }
            }
            Err(e) => self.error(e.to_string()),
        }
        Task::none()
    }

    fn open_example(&mut self) -> Task<Message> {
        let Some(path) = files::example_path() else {
            self.error("找不到示例报告文件 examples/jinxiang-2021.ron，请确认程序文件夹完整。");
            return Task::none();
        };
        match draft::load(&path) {
            Ok(loaded) => {
                // Not tied to the file: saving asks for a new place, so the example stays intact.
                let mut doc = Document::new(loaded.report, None);
                doc.untitled = Some("示例报告（未保存）");
                self.install(doc);
                self.page = Page::Section(SectionKey::Applications);
                self.info("已打开示例报告（金乡县人民政府办公室2021年）。保存时请另选位置。");
            }
            Err(e) => self.error(e.to_string()),
        }
        Task::none()
    }

    /// A new report for the year after the draft at `last_path`, unsaved: saving asks where,
    /// and then links last year's file relative to it.
    fn new_from_last(&mut self, last_path: &Path) -> Task<Message> {
        let loaded = match draft::load(last_path) {
            Ok(l) => l,
            Err(e) => {
                self.error(e.to_string());
                return Task::none();
            }
        };
        let report = yearly::new_from_last(&loaded.report, Some(last_path));
        let title = report.title();
        let mut doc = Document::new(report, None);
        doc.untitled = Some("从上年报告新建（未保存）");
        // Carried-over content is work the person should not lose by closing the window.
        doc.dirty = true;
        doc.needs_autosave = true;
        let inherited = doc.inherited.len();
        self.install(doc);
        self.page = Page::Meta;
        self.info(format!(
            "已从上年报告新建“{title}”：表三“上年结转”已按上年“结转下年度继续办理”填好，{inherited} 段文字沿用上年内容，请逐段更新。保存时请选择位置。"
        ));
        self.after_edit()
    }

    /// Takes the draft at `path` as last year's report of the open one.
    fn choose_last_year(&mut self, path: &Path) -> Task<Message> {
        if self.doc.is_none() {
            return Task::none();
        }
        let loaded = match draft::load(path) {
            Ok(l) => l,
            Err(e) => {
                self.error(format!("无法读取上年报告：{e}"));
                return Task::none();
            }
        };
        let title = loaded.report.title();
        let task = self.with_doc(|doc| doc.set_last_year(loaded.report, path));
        self.info(format!(
            "已载入上年报告“{title}”。跨年度检查已开启，“与上年对比”可以查看了。"
        ));
        task
    }

    fn clear_last_year(&mut self) -> Task<Message> {
        if self.page == Page::Compare {
            self.page = Page::Meta;
        }
        self.with_doc(Document::clear_last_year)
    }

    fn remember(&mut self, path: &Path) {
        if let Some(u) = &self.userdata {
            let _ = u.add_recent(path);
            self.recent = u.recent();
        }
    }

    fn restore_autosave(&mut self) -> Task<Message> {
        let Some(rec) = self.recoverable.take() else {
            return Task::none();
        };
        let mut doc = Document::new(rec.report, rec.source);
        // What was restored is not on disk as a draft yet.
        doc.dirty = true;
        doc.needs_autosave = true;
        self.install(doc);
        self.page = Page::Meta;
        self.info("已恢复上次自动保存的内容。请检查后保存（Ctrl+S）。");
        self.after_edit()
    }

    fn discard_autosave(&mut self) -> Task<Message> {
        self.recoverable = None;
        if let Some(u) = &self.userdata {
            u.clear_autosave();
        }
        Task::none()
    }

    // -- files ------------------------------------------------------------------------------

    fn save(&mut self) -> Task<Message> {
        let Some(path) = self.doc.as_ref().map(|d| d.path.clone()) else {
            return Task::none();
        };
        match path {
            Some(path) => self.save_to(path),
            None => self.ask_path(FileAction::SaveAs),
        }
    }

    fn save_to(&mut self, path: PathBuf) -> Task<Message> {
        let path = files::with_extension(path, "ron");
        let Some(doc) = self.doc.as_mut() else {
            return Task::none();
        };
        // Last year's file is named relative to the draft: keep it found from the new place.
        let mut report = doc.report.clone();
        if doc.path.as_deref() != Some(path.as_path()) {
            yearly::rebase_last_year(&mut report, doc.path.as_deref(), &path);
        }
        match draft::save(&report, &path) {
            Ok(()) => {
                doc.report = report;
                doc.path = Some(path.clone());
                doc.dirty = false;
                doc.needs_autosave = false;
                if let Some(u) = &self.userdata {
                    u.clear_autosave();
                }
                self.remember(&path);
                self.info(format!("已保存到 {}", path.display()));
                if self.exit_after_save {
                    return self.exit();
                }
            }
            Err(e) => {
                self.exit_after_save = false;
                self.error(e.to_string());
            }
        }
        Task::none()
    }

    /// Shows the file dialog for an action (the typed-path fallback comes if none can show).
    fn ask_path(&mut self, action: FileAction) -> Task<Message> {
        if self.doc.is_none() && !matches!(action, FileAction::Open | FileAction::NewFromLast) {
            return Task::none();
        }
        let start = self
            .doc
            .as_ref()
            .and_then(|d| d.path.as_ref())
            .and_then(|p| p.parent())
            .map(Path::to_path_buf);
        let name = self.suggested_name(action);
        files::dialog(action, start, name)
    }

    fn suggested_name(&self, action: FileAction) -> String {
        let title = self
            .doc
            .as_ref()
            .map(|d| d.report.title())
            .unwrap_or_default();
        match action {
            FileAction::Open | FileAction::NewFromLast | FileAction::LastYear => String::new(),
            FileAction::SaveAs => format!("{title}.ron"),
            FileAction::ExportTo => format!("{title}.pdf"),
        }
    }

    fn dialog_closed(&mut self, action: FileAction, outcome: DialogOutcome) -> Task<Message> {
        match outcome {
            DialogOutcome::Chosen(path) => self.path_chosen(action, path),
            DialogOutcome::Cancelled => {
                self.exit_after_save = false;
                Task::none()
            }
            DialogOutcome::Unavailable => self.open_path_prompt(
                action,
                Some("这台电脑上无法显示文件选择窗口（系统缺少文件对话框组件），请直接输入文件的完整路径。".into()),
            ),
        }
    }

    fn path_chosen(&mut self, action: FileAction, path: PathBuf) -> Task<Message> {
        match action {
            // Unsaved changes were asked about before the dialog opened.
            FileAction::Open => self.open(&path),
            FileAction::NewFromLast => self.new_from_last(&path),
            FileAction::LastYear => self.choose_last_year(&path),
            FileAction::SaveAs => self.save_to(path),
            FileAction::ExportTo => {
                self.export.path = files::with_extension(path, "pdf").display().to_string();
                Task::none()
            }
        }
    }

    fn open_path_prompt(&mut self, action: FileAction, reason: Option<String>) -> Task<Message> {
        let text = match action {
            FileAction::Open | FileAction::NewFromLast | FileAction::LastYear => String::new(),
            FileAction::SaveAs | FileAction::ExportTo => {
                let dir = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.path.as_ref())
                    .and_then(|p| p.parent())
                    .map(Path::to_path_buf)
                    .or_else(files::documents_dir)
                    .unwrap_or_default();
                dir.join(self.suggested_name(action)).display().to_string()
            }
        };
        self.path_prompt = Some(PathPrompt {
            action,
            text,
            reason,
        });
        operation::focus(pages::PATH_INPUT)
    }

    fn edit_path_prompt(&mut self, text: String) -> Task<Message> {
        if let Some(p) = self.path_prompt.as_mut() {
            p.text = text;
        }
        Task::none()
    }

    fn submit_path_prompt(&mut self) -> Task<Message> {
        let Some(prompt) = self.path_prompt.take() else {
            return Task::none();
        };
        let text = prompt.text.trim().trim_matches('"');
        if text.is_empty() {
            self.path_prompt = Some(prompt);
            return Task::none();
        }
        let path = PathBuf::from(text);
        self.path_chosen(prompt.action, path)
    }

    fn cancel_path_prompt(&mut self) -> Task<Message> {
        self.path_prompt = None;
        self.exit_after_save = false;
        Task::none()
    }

    // -- editing ----------------------------------------------------------------------------

    fn edit_meta(&mut self, field: MetaField, text: String) -> Task<Message> {
        let Some(doc) = self.doc.as_mut() else {
            return Task::none();
        };
        let m = &mut doc.report.meta;
        match field {
            MetaField::Agency => m.agency = text,
            MetaField::PortalName => m.portal_name = text,
            MetaField::PortalUrl => m.portal_url = text,
            MetaField::ColumnName => m.column_name = text,
            MetaField::Address => m.address = text,
            MetaField::Phone => m.phone = text,
            MetaField::Year => {
                let digits = crate::model::normalize_number_text(&text);
                match digits.parse::<u16>() {
                    Ok(y) if (2000..=2100).contains(&y) => {
                        m.year = y;
                        self.meta_text.remove(&field);
                    }
                    _ => {
                        self.meta_text.insert(field, text);
                    }
                }
            }
            MetaField::Date => {
                if text.trim().is_empty() {
                    m.date = None;
                    self.meta_text.remove(&field);
                } else {
                    if let Some(d) = parse_date(&text) {
                        m.date = Some(d);
                    }
                    self.meta_text.insert(field, text);
                }
            }
        }
        doc.changed();
        self.after_edit()
    }

    fn regenerate_preface(&mut self) -> Task<Message> {
        self.with_doc(|doc| {
            let text = doc.report.default_preface();
            doc.set_prose(ProseField::Preface, text);
        })
    }

    fn edit_overview_title(&mut self, index: usize, text: String) -> Task<Message> {
        self.with_doc(|doc| {
            if let Some(part) = doc.report.overview.parts.get_mut(index) {
                part.title = text;
                doc.changed();
            }
        })
    }

    fn edit_prose(
        &mut self,
        field: ProseField,
        action: iced::widget::text_editor::Action,
    ) -> Task<Message> {
        let is_edit = action.is_edit();
        let Some(doc) = self.doc.as_mut() else {
            return Task::none();
        };
        doc.edit_prose(field, action);
        if is_edit {
            self.after_edit()
        } else {
            Task::none()
        }
    }

    fn edit_cell(&mut self, cell: CellRef, text: String) -> Task<Message> {
        self.with_doc(|doc| doc.set_cell(cell, text))
    }

    /// The text field merged the pasted cells (it drops tabs and line breaks); read the
    /// clipboard to see the cells as they were copied.
    fn cell_pasted(&mut self, cell: CellRef, merged: String) -> Task<Message> {
        let task = self.edit_cell(cell, merged);
        task.chain(iced::clipboard::read().map(move |text| match text {
            Some(text) if crate::paste::is_block(&text) => Message::PasteBlock(cell, text),
            _ => Message::DismissNotice,
        }))
    }

    fn paste_block(&mut self, cell: CellRef, text: String) -> Task<Message> {
        let Some(doc) = self.doc.as_mut() else {
            return Task::none();
        };
        let (filled, dropped) = doc.paste_block(cell, &text);
        if dropped > 0 {
            self.error(format!(
                "已粘贴 {filled} 个数字；另有 {dropped} 个超出表格范围，未粘贴。"
            ));
        } else {
            self.info(format!("已粘贴 {filled} 个数字。"));
        }
        self.after_edit()
    }

    fn fill_zeros(&mut self, section: SectionKey) -> Task<Message> {
        self.with_doc(|doc| doc.fill_zeros(section))
    }

    // -- generated sentences ----------------------------------------------------------------

    fn preview_sentence(&mut self, topic: Topic) -> Task<Message> {
        if self.doc.is_none() {
            return Task::none();
        }
        self.sentence = Some(SentenceState::Preview(topic));
        // The preview shows under the sub-head: bring the sub-head to the top.
        let (y, _) = pages::locate(&topic.suggested_place());
        operation::scroll_to(PAGE_SCROLL, operation::AbsoluteOffset { x: 0.0, y })
    }

    /// Inserts the topic's paragraph, generated afresh from the tables, into its sub-head. The
    /// person's words are never dropped (see `sentences::insert`).
    fn insert_sentence(&mut self, topic: Topic) -> Task<Message> {
        let Some(doc) = self.doc.as_mut() else {
            return Task::none();
        };
        let generated = sentences::generate(&doc.report, &SENTENCE_OPTIONS);
        let Some(paragraph) = generated.get(topic) else {
            self.error(format!(
                "表格数据不全，暂不能生成“{}”的表述。",
                topic.label()
            ));
            return Task::none();
        };
        let field = topic_field(topic);
        let before = doc.prose(field).to_string();
        let insertion = sentences::insert(&before, paragraph);
        if insertion.action != sentences::Action::Unchanged {
            doc.set_prose(field, insertion.text.clone());
        }
        self.sentence = Some(SentenceState::Done {
            topic,
            action: insertion.action,
            before,
            after: insertion.text,
        });
        self.after_edit()
    }

    fn undo_sentence(&mut self) -> Task<Message> {
        let (
            Some(doc),
            Some(SentenceState::Done {
                topic,
                before,
                after,
                ..
            }),
        ) = (self.doc.as_mut(), self.sentence.clone())
        else {
            return Task::none();
        };
        let field = topic_field(topic);
        if doc.prose(field) != after {
            self.error("插入之后这一段又有改动，无法自动撤销，请直接在文字中修改。");
            return Task::none();
        }
        doc.set_prose(field, before);
        self.sentence = None;
        self.info("已撤销插入，这一段恢复为插入前的文字。");
        self.after_edit()
    }

    // -- export -----------------------------------------------------------------------------

    fn edit_export_path(&mut self, text: String) -> Task<Message> {
        self.export.path = text;
        Task::none()
    }

    fn request_export(&mut self) -> Task<Message> {
        if self.export.busy.is_some() {
            return Task::none();
        }
        self.suggest_export_path();
        let Some(doc) = self.doc.as_ref() else {
            return Task::none();
        };
        self.export.result = None;
        self.export.warnings = None;
        self.export.busy = Some("正在检查报告能否完整打印……");
        export::check_fonts(doc.report.clone(), self.export.bundled_only)
    }

    fn export_checked(&mut self, result: Result<Vec<String>, String>) -> Task<Message> {
        self.export.busy = None;
        let Some(doc) = self.doc.as_ref() else {
            return Task::none();
        };
        let missing = match result {
            Ok(m) => m,
            Err(e) => {
                self.export.result = Some(Err(e));
                return Task::none();
            }
        };
        let warnings = export::Warnings {
            errors: doc
                .findings
                .iter()
                .filter(|f| f.severity == crate::rules::Severity::Error)
                .map(|f| format!("{}：{}", f.place.describe(), f.message))
                .collect(),
            missing,
        };
        if warnings.is_empty() {
            self.export.allow_missing = false;
            return self.start_export();
        }
        self.export.warnings = Some(warnings);
        Task::none()
    }

    fn confirm_export(&mut self) -> Task<Message> {
        self.export.allow_missing = self
            .export
            .warnings
            .as_ref()
            .is_some_and(|w| !w.missing.is_empty());
        self.start_export()
    }

    fn start_export(&mut self) -> Task<Message> {
        let Some(doc) = self.doc.as_ref() else {
            return Task::none();
        };
        self.export.warnings = None;
        let path = files::with_extension(PathBuf::from(self.export.path.trim()), "pdf");
        self.export.path = path.display().to_string();
        self.export.busy = Some("正在生成PDF……");
        self.export.result = None;
        export::run(
            doc.report.clone(),
            path,
            self.export.allow_missing,
            self.export.bundled_only,
        )
    }

    fn cancel_export(&mut self) -> Task<Message> {
        self.export.warnings = None;
        Task::none()
    }

    fn export_finished(&mut self, result: Result<export::ExportDone, String>) -> Task<Message> {
        self.export.busy = None;
        self.export.result = Some(result);
        Task::none()
    }

    fn open_pdf(&mut self, folder: bool) -> Task<Message> {
        let Some(Ok(done)) = self.export.result.clone() else {
            return Task::none();
        };
        let path = done.path;
        let target = if folder {
            path.parent().map(Path::to_path_buf).unwrap_or(path)
        } else {
            path
        };
        if let Err(e) = files::open_with_system(&target) {
            self.error(e);
        }
        Task::none()
    }

    // -- autosave ---------------------------------------------------------------------------

    fn autosave_due(&mut self) -> Task<Message> {
        self.autosave_scheduled = false;
        let (Some(doc), Some(userdata)) = (self.doc.as_mut(), self.userdata.clone()) else {
            return Task::none();
        };
        if !doc.needs_autosave {
            return Task::none();
        }
        doc.needs_autosave = false;
        let report = doc.report.clone();
        let source = doc.path.clone();
        Task::perform(
            files::in_thread(move || {
                userdata
                    .autosave(&report, source.as_deref())
                    .err()
                    .map(|e| e.to_string())
            }),
            |r| Message::AutosaveWritten(r.flatten()),
        )
    }

    fn autosave_written(&mut self, error: Option<String>) -> Task<Message> {
        if let Some(e) = error {
            self.error(format!("自动保存失败：{e}。请尽快手动保存（Ctrl+S）。"));
        }
        Task::none()
    }
}

fn year_title(year: u16, agency: &str) -> String {
    format!("{agency}{year}年报告")
}

/// Reads 2022-01-20, 2022/1/20, 2022.1.20 or 2022年1月20日.
pub fn parse_date(text: &str) -> Option<Date> {
    let s = crate::model::normalize_number_text(text);
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let (year, month, day) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let valid =
        (2000..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then_some(Date { year, month, day })
}

/// Keyboard shortcuts: Ctrl+S, Ctrl+Shift+S, Ctrl+O anywhere; Tab / Shift+Tab when no field
/// used the key.
fn shortcut(event: Event, status: event::Status, _window: window::Id) -> Option<Message> {
    let Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event else {
        return None;
    };
    match key.as_ref() {
        keyboard::Key::Character(c) if modifiers.command() && c.eq_ignore_ascii_case("s") => {
            Some(if modifiers.shift() {
                Message::SaveAsRequested
            } else {
                Message::SaveRequested
            })
        }
        keyboard::Key::Character(c) if modifiers.command() && c.eq_ignore_ascii_case("o") => {
            Some(Message::OpenRequested)
        }
        keyboard::Key::Named(key::Named::Tab) if status == event::Status::Ignored => {
            Some(if modifiers.shift() {
                Message::FocusPrevious
            } else {
                Message::FocusNext
            })
        }
        _ => None,
    }
}
