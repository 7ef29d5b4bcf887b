//! The app's `update`: each message goes to a small method below. The state it changes is in
//! `state.rs`; everything of the open report lives in its [`Session`].

use super::dialog::{ConfirmChoice, DialogOutcome, FileAction, PathPrompt, Pending};
use super::files::LastYear;
use super::files::{self, Opened, Purpose};
use super::message::{Direction, Message, Page, Saved};
use super::pages::{self, PAGE_SCROLL};
use super::session::{Session, entered_cells, neighbour};
use super::state::{App, Notice};
use super::{components, export, locate, preview, received, sentence};
use iced::keyboard::{self, key};
use iced::widget::operation;
use iced::{Event, Subscription, Task, event, window};
use nianbao_core::check;
use nianbao_core::model::{Cell, MetaField, Place, Prose, Report, parse_year};
use nianbao_core::store::draft::{self, DraftError};
use nianbao_core::store::userdata::{self, UserData};
use nianbao_core::template::SectionKey;
use nianbao_core::yearly;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long after a change the working report is autosaved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(5);

impl App {
    /// The app as launched: the user's data folder, and the draft named on the command line.
    pub fn boot(draft: Option<PathBuf>) -> (Self, Task<Message>) {
        let userdata = UserData::from_env();
        let missing = userdata.is_none();
        let mut app = App::new(userdata);
        if missing {
            app.error(userdata::NO_DATA_DIR);
        }
        let task = match draft {
            Some(path) => app.update(Message::OpenPath(path)),
            None => Task::none(),
        };
        (app, task)
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let mut all = vec![
            event::listen_with(shortcut),
            event::listen_with(pointer),
            event::listen_with(window_change),
            window::close_requests().map(|_| Message::CloseRequested),
        ];
        // Only while Ctrl is held, so that plain scrolling sends the app nothing.
        if self.modifiers.command() {
            all.push(event::listen_with(ctrl_wheel));
        }
        Subscription::batch(all)
    }

    pub fn view(&self) -> iced::Element<'_, Message> {
        pages::view(self)
    }

    /// Handles a message; then, while the preview is shown, lets it follow the report.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let task = self.handle(message);
        match self.follow_preview() {
            Some(follow) => Task::batch([task, follow]),
            None => task,
        }
    }

    fn handle(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Show(page) => self.show(page),
            Message::NewAgencyChanged(s) => self.edit_new_form(Some(s), None),
            Message::NewYearChanged(s) => self.edit_new_form(None, Some(s)),
            Message::CreateNew => self.guard(Pending::CreateNew),
            Message::OpenExample => self.guard(Pending::OpenExample),
            Message::NewFromLastRequested => self.guard(Pending::NewFromLastDialog),
            Message::ImportRequested => self.guard(Pending::ImportDialog),
            Message::Received(m) => self.received(m),
            Message::CopyText(text) => {
                self.info("已复制，可粘贴到合适的位置。");
                iced::clipboard::write::<Message>(text)
            }
            Message::LastYearRequested => self.ask_path(FileAction::LastYear),
            Message::LastYearCleared => self.clear_last_year(),
            Message::Opened(result) => self.opened(result),
            Message::Sentence(m) => self.sentence(m),
            Message::OpenPath(path) => self.guard(Pending::OpenPath(path)),
            Message::OpenRequested => self.guard(Pending::OpenDialog),
            Message::SaveRequested => self.save(),
            Message::SaveAsRequested => {
                if let Some(doc) = self.session.as_mut() {
                    doc.overwrite_asked = false;
                }
                self.ask_path(FileAction::SaveAs)
            }
            Message::DialogClosed(action, outcome) => self.dialog_closed(action, outcome),
            Message::PathInputChanged(s) => self.edit_path_prompt(s),
            Message::PathInputSubmitted => self.submit_path_prompt(),
            Message::PathInputCancelled => self.cancel_path_prompt(),
            Message::PathInputOpened(FileAction::Open) => self.guard(Pending::OpenTypedPath),
            Message::PathInputOpened(FileAction::NewFromLast) => {
                self.guard(Pending::NewFromLastTyped)
            }
            Message::PathInputOpened(FileAction::Import) => self.guard(Pending::ImportTyped),
            Message::PathInputOpened(action) => self.open_path_prompt(action, None),
            Message::RestoreAutosave => self.guard(Pending::Restore),
            Message::DiscardAutosave => self.discard_autosave(),
            Message::OrphanOffered(next) => {
                self.recoverable = next.map(|r| *r);
                Task::none()
            }
            Message::MetaChanged(field, s) => self.edit_meta(field, s),
            Message::RegeneratePreface => self.regenerate_preface(),
            Message::RegenerateCancelled => {
                if let Some(doc) = self.session.as_mut() {
                    doc.confirm_regenerate = false;
                }
                Task::none()
            }
            Message::OverviewTitleChanged(i, s) => self.edit_overview_title(i, s),
            Message::ProseEdited(field, action) => self.edit_prose(field, action),
            Message::CellInput(cell, s) => self.edit_cell(cell, s),
            Message::CellPasted(cell, merged) => self.cell_pasted(cell, merged),
            Message::PasteBlock(cell, text) => self.paste_block(cell, text),
            Message::FillZeros(section) => self.fill_zeros(section),
            Message::FocusNext => operation::focus_next().chain(self.find_focused()),
            Message::FocusPrevious => operation::focus_previous().chain(self.find_focused()),
            Message::CellMove(cell, dir) => self.move_from(Some(cell), dir),
            Message::Arrow(dir) => {
                let from = self.session.as_ref().and_then(|d| d.focused);
                self.move_from(from, dir)
            }
            Message::PointerReleased => self.find_focused(),
            Message::Focused(id) => self.focused(id),
            Message::EditInPlace => match self.session.as_ref().and_then(|d| d.focused) {
                Some(cell) => operation::move_cursor_to_end(components::cell_id(cell)),
                None => Task::none(),
            },
            Message::PartStep(step) => self.part_step(step),
            Message::JumpTo(place) => self.jump_to(place),
            Message::JumpToWords(place, span) => {
                if let (Place::Prose(field), Some(doc)) = (place, self.session.as_mut()) {
                    doc.mark(field, span);
                }
                self.jump_to(place)
            }
            Message::Export(m) => self.export(m),
            Message::TogglePreview => {
                self.show_preview = !self.show_preview;
                Task::none()
            }
            Message::Preview(m) => self.preview(m),
            Message::CloseRequested => self.guard(Pending::Exit),
            Message::Confirmed(choice) => self.confirmed(choice),
            Message::AutosaveDue => self.autosave_due(),
            Message::AutosaveWritten(result) => self.autosave_written(result),
            Message::Saved(saved) => self.saved(*saved),
            Message::SaveFailed(text) => self.save_failed(text),
            Message::Recent(list) => {
                self.recent = list;
                Task::none()
            }
            Message::DismissNotice => {
                self.notice = None;
                Task::none()
            }
            Message::AckStart(f) => {
                if let Some(doc) = self.session.as_mut() {
                    doc.acknowledging = Some((f, String::new()));
                }
                Task::none()
            }
            Message::AckReasonChanged(text) => {
                if let Some((_, reason)) =
                    self.session.as_mut().and_then(|d| d.acknowledging.as_mut())
                {
                    *reason = text;
                }
                Task::none()
            }
            Message::AckConfirmed => self.with_doc(|doc| {
                if let Some((finding, reason)) = doc.acknowledging.take() {
                    doc.checkpoint(None);
                    let reason = if reason.trim().is_empty() {
                        "已核实"
                    } else {
                        reason.trim()
                    };
                    check::acknowledge(&mut doc.report, &finding, reason);
                    doc.changed();
                }
            }),
            Message::AckCancelled => {
                if let Some(doc) = self.session.as_mut() {
                    doc.acknowledging = None;
                }
                Task::none()
            }
            Message::Unacknowledge(f) => self.with_doc(|doc| {
                doc.checkpoint(None);
                check::unacknowledge(&mut doc.report, &f);
                doc.changed();
            }),
            Message::LevelChosen(level) => self.with_doc(|doc| {
                doc.checkpoint(None);
                doc.report.meta.level = level;
                doc.changed();
            }),
            Message::SignoffChosen(signoff) => self.with_doc(|doc| {
                doc.checkpoint(None);
                doc.report.meta.signoff = signoff;
                doc.changed();
            }),
            Message::StripInvisible => {
                let n = self.session.as_mut().map_or(0, Session::strip_invisible);
                self.info(format!("已清除 {n} 个看不见的字符。"));
                self.after_edit()
            }
            Message::OverwriteConfirmed => {
                // `overwrite_asked` stays set for this save: it writes without the check.
                match self.session.as_ref().and_then(|d| d.path.clone()) {
                    Some(path) => self.save_to(path),
                    None => Task::none(),
                }
            }
            Message::OverwriteCancelled => {
                if let Some(doc) = self.session.as_mut() {
                    doc.overwrite_asked = false;
                }
                self.after_save = None;
                Task::none()
            }
            Message::Escape => self.escape(),
            Message::Enter => self.enter(),
            Message::WindowEvent(id, event) => self.window_event(id, event),
            Message::WindowMaximized(maximized) => self.window_maximized(maximized),
            Message::DisplayScale(factor) => {
                self.display_scale = factor;
                Task::none()
            }
            Message::Zoom(direction) => self.zoom_by(direction),
            Message::FrozenScrolled(offset) => {
                if let Some(doc) = self.session.as_mut() {
                    doc.grid_offset = offset;
                }
                locate::follow_frozen(offset)
            }
            Message::FrozenHeadScrolled(x) => self.pane_scrolled(Some(x), None),
            Message::FrozenLabelsScrolled(y) => self.pane_scrolled(None, Some(y)),
            Message::Leaving(position) => self.leave(position),
            Message::Modifiers(modifiers) => {
                self.modifiers = modifiers;
                Task::none()
            }
            Message::Undo => self.undo(false),
            Message::Redo => self.undo(true),
            Message::None => Task::none(),
        }
    }

    // -- helpers ----------------------------------------------------------------------------

    /// Screen pixels per logical pixel: the app's zoom on the desktop's scale.
    fn device_pixels(&self) -> f32 {
        let display = if self.display_scale.is_finite() && self.display_scale > 0.0 {
            self.display_scale
        } else {
            1.0
        };
        self.zoom * display
    }

    /// The fonts the preview and the export set the report in.
    fn print_fonts(doc: &Session) -> nianbao_print::fonts::FontOptions {
        nianbao_print::fonts::FontOptions {
            bundled_only: doc.export.bundled_only,
            ..Default::default()
        }
    }

    /// While the preview is shown: a redraw after the report (or the zoom) changed.
    fn follow_preview(&mut self) -> Option<Task<Message>> {
        if !self.show_preview {
            return None;
        }
        let zoom = self.device_pixels();
        let doc = self.session.as_mut()?;
        let fonts = Self::print_fonts(doc);
        Some(
            doc.preview
                .follow(doc.id, doc.revision, &fonts, zoom)
                .map(Message::Preview),
        )
    }

    fn preview(&mut self, message: preview::Message) -> Task<Message> {
        let zoom = self.device_pixels();
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        let fonts = Self::print_fonts(doc);
        let (task, event) = doc
            .preview
            .update(message, doc.id, &doc.report, &fonts, zoom);
        let task = task.map(Message::Preview);
        match event {
            Some(preview::Event::JumpTo(place)) => task.chain(self.jump_to(place)),
            None => task,
        }
    }

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

    fn with_doc(&mut self, f: impl FnOnce(&mut Session)) -> Task<Message> {
        match self.session.as_mut() {
            Some(doc) => {
                f(doc);
                self.after_edit()
            }
            None => Task::none(),
        }
    }

    /// Makes `session` the open report, on `page`.
    fn install(&mut self, mut session: Session, page: Page) {
        session.page = page;
        // The export page offers the last export's format and folder again.
        session.export = export::State::remembering(&self.export_choice);
        self.session = Some(session);
        self.notice = None;
    }

    // -- navigation -------------------------------------------------------------------------

    fn show(&mut self, page: Page) -> Task<Message> {
        if let Some(r) = self.received.as_mut() {
            r.shown = false;
        }
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        doc.page = page;
        // What was said about the last page no longer applies; errors stay until dismissed.
        if self.notice.as_ref().is_some_and(|n| !n.is_error) {
            self.notice = None;
        }
        if page == Page::Export {
            let draft = doc.path.clone();
            doc.export.suggest_path(&doc.report, draft.as_deref());
        }
        let top = operation::AbsoluteOffset { x: 0.0, y: 0.0 };
        doc.grid_offset = top;
        // The preview follows to where that part prints (a jump from the preview itself does
        // not come here, so the page clicked stays).
        let reveal = if self.show_preview && matches!(page, Page::Meta | Page::Section(_)) {
            doc.preview
                .reveal(|place| Page::of(place) == page)
                .map(Message::Preview)
        } else {
            Task::none()
        };
        operation::scroll_to(PAGE_SCROLL, top)
            .chain(locate::follow_frozen(top))
            .chain(reveal)
    }

    fn jump_to(&mut self, place: Place) -> Task<Message> {
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        doc.target = Some(place);
        doc.page = Page::of(&place);
        let (id, focus) = pages::widget_of(&place);
        locate::bring_into_view(PAGE_SCROLL, id, focus)
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
        let dirty = self.session.as_ref().is_some_and(|d| d.dirty);
        if dirty {
            self.confirm = Some(action);
            // Enter answers it, Tab goes through its answers.
            return operation::focus(pages::DIALOG_DEFAULT);
        }
        self.proceed(action)
    }

    fn proceed(&mut self, action: Pending) -> Task<Message> {
        match action {
            Pending::Exit => self.exit(),
            Pending::OpenPath(path) => read_draft(Purpose::Open, path),
            Pending::OpenDialog => self.ask_path(FileAction::Open),
            Pending::OpenTypedPath => self.open_path_prompt(FileAction::Open, None),
            Pending::OpenExample => self.open_example(),
            Pending::CreateNew => self.create_new(),
            Pending::NewFromLastDialog => self.ask_path(FileAction::NewFromLast),
            Pending::NewFromLastTyped => self.open_path_prompt(FileAction::NewFromLast, None),
            Pending::Restore => self.restore_autosave(),
            Pending::ImportDialog => self.ask_path(FileAction::Import),
            Pending::ImportTyped => self.open_path_prompt(FileAction::Import, None),
            Pending::OpenAudited(i) => self.open_audited(i),
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
                // Goes on once the save has succeeded (after the save dialog, if the report
                // has no file yet); a failed or cancelled save stays.
                self.after_save = Some(action);
                self.save()
            }
        }
    }

    fn exit(&mut self) -> Task<Message> {
        if let Some(u) = &self.userdata {
            u.end_session();
        }
        // The window's place is written before the program ends.
        self.exit_with_prefs()
    }

    fn create_new(&mut self) -> Task<Message> {
        let agency = self.new_form.agency.trim().to_string();
        if agency.is_empty() {
            self.new_form.error = Some("请先填写机关名称，例如“某某县人民政府办公室”。".into());
            return Task::none();
        }
        let Some(year) = parse_year(&self.new_form.year) else {
            self.new_form.error = Some("请填写报告所属的年度，例如 2024（四位数字）。".into());
            return Task::none();
        };
        let doc = Session::new(Report::new(&agency, year), None, LastYear::None);
        self.install(doc, Page::Meta);
        self.info(format!(
            "已新建{agency}{year}年报告。请先补全基本信息，再逐项填写。"
        ));
        Task::none()
    }

    /// A draft read in the background: opened, taken as last year's, or the start of a new one.
    fn opened(&mut self, result: Result<Box<Opened>, String>) -> Task<Message> {
        let opened = match result {
            Ok(o) => *o,
            Err(e) => {
                self.error(e.to_string());
                return Task::none();
            }
        };
        let Opened {
            purpose,
            path,
            loaded,
            last_year,
            imported,
        } = opened;
        let from_published = imported.is_some();
        match purpose {
            Purpose::Import => {
                let imported = imported.unwrap_or(files::Imported {
                    unplaced: Vec::new(),
                    findings: Vec::new(),
                });
                self.install_imported(loaded.report, path, imported);
                Task::none()
            }
            Purpose::Open => {
                let newer = loaded.newer_format;
                let mut doc = Session::new(loaded.report, Some(path.clone()), last_year);
                doc.fingerprint = loaded.fingerprint;
                self.install(doc, Page::Meta);
                if newer {
                    self.error(
                        "这个草稿由较新版本的程序保存，其中本版本不认识的内容不会显示，保存时会丢失。",
                    );
                } else if !loaded.notes.is_empty() {
                    self.error(format!(
                        "已打开 {}。读取时：{}",
                        path.display(),
                        loaded.notes.join("；")
                    ));
                } else {
                    self.info(format!("已打开 {}", path.display()));
                }
                self.remember(&path)
            }
            Purpose::NewFromLast => self.new_from_last(loaded.report, &path),
            Purpose::LastYear { chosen } => {
                let Some(doc) = self.session.as_mut() else {
                    return Task::none();
                };
                if !chosen {
                    doc.linked_last_year(LastYear::Loaded(Box::new(loaded.report)));
                    return Task::none();
                }
                let title = loaded.report.title();
                doc.set_last_year(loaded.report, &path);
                let how = if from_published {
                    "（从已发布的文件读取，表格和文字请在“与上年对比”中核对）"
                } else {
                    ""
                };
                self.info(format!(
                    "已载入上年报告“{title}”{how}。跨年度检查已开启，“与上年对比”可以查看了。"
                ));
                self.after_edit()
            }
        }
    }

    /// A published report read into a new, unsaved draft: shown on 检查结果, where what could
    /// not be placed is listed.
    fn install_imported(&mut self, report: Report, source: PathBuf, imported: files::Imported) {
        let title = report.title();
        let unplaced = imported.unplaced.len();
        let mut doc = Session::new(report, None, LastYear::None);
        doc.untitled = Some("从已发布的报告导入（未保存）");
        // What was read is work the person should not lose by closing the window.
        doc.dirty = true;
        doc.needs_autosave = true;
        doc.imported = Some((source.clone(), imported));
        self.install(doc, Page::Checks);
        let rest = if unplaced > 0 {
            format!("有 {unplaced} 段文字未能对应到模板中的位置，列在本页下方。")
        } else {
            String::new()
        };
        self.info(format!(
            "已从 {} 导入“{title}”。请核对各部分内容，{rest}保存时请选择位置。",
            source.display()
        ));
    }

    /// Opens the report of row `i` of the audit as a new draft.
    fn open_audited(&mut self, i: usize) -> Task<Message> {
        let Some(row) = self
            .received
            .as_ref()
            .and_then(|r| r.rows.as_ref())
            .and_then(|rows| rows.0.get(i))
        else {
            return Task::none();
        };
        let Ok(checked) = &row.outcome else {
            return Task::none();
        };
        let report = checked.report.clone();
        let imported = files::Imported {
            unplaced: checked.unplaced.clone(),
            findings: checked.printed.clone(),
        };
        let source = row.file.clone();
        if let Some(r) = self.received.as_mut() {
            r.shown = false;
        }
        self.install_imported(report, source, imported);
        self.after_edit()
    }

    fn received(&mut self, m: received::Msg) -> Task<Message> {
        use received::Msg;
        let task = match m {
            Msg::Choose => return self.ask_path(FileAction::AuditFolder),
            Msg::Tick(run) => self
                .received
                .as_ref()
                .map_or(Task::none(), |r| r.ticked(run)),
            Msg::Done(run, rows) => {
                if let Some(r) = self.received.as_mut() {
                    r.done(run, rows);
                }
                Task::none()
            }
            Msg::Select(i) => {
                if let Some(r) = self.received.as_mut() {
                    r.selected = (r.selected != Some(i)).then_some(i);
                }
                Task::none()
            }
            Msg::Open(i) => return self.guard(Pending::OpenAudited(i)),
            Msg::Save(kind) => self
                .received
                .as_ref()
                .map_or(Task::none(), |r| r.save(kind)),
            Msg::Saved(Ok(path)) => {
                self.info(format!("已保存 {}。", path.display()));
                let opened = files::open_with_system(&path);
                if let Err(e) = opened {
                    self.error(e);
                }
                Task::none()
            }
            Msg::Saved(Err(e)) => {
                self.error(e);
                Task::none()
            }
            Msg::Close | Msg::Show => {
                if let Some(r) = self.received.as_mut() {
                    r.shown = matches!(m, Msg::Show);
                }
                Task::none()
            }
        };
        task.map(Message::Received)
    }

    /// Starts auditing `folder` (a batch still reading is left to finish and dropped).
    fn audit_folder(&mut self, folder: PathBuf) -> Task<Message> {
        let (state, task) = received::State::start(self.received.as_ref(), folder);
        self.received = Some(state);
        task.map(Message::Received)
    }

    fn open_example(&mut self) -> Task<Message> {
        match nianbao_core::example::report() {
            Ok(report) => {
                // Not tied to a file: saving asks for a place, so the example stays intact.
                let mut doc = Session::new(report, None, LastYear::None);
                doc.untitled = Some("示例报告（未保存）");
                self.install(doc, Page::Section(SectionKey::Applications));
                self.info("已打开示例报告（金乡县人民政府办公室2021年）。保存时请另选位置。");
            }
            Err(e) => self.error(e.to_string()),
        }
        Task::none()
    }

    /// A new report for the year after `last` (read from `last_path`), unsaved: saving asks
    /// where, and then links last year's file relative to it.
    fn new_from_last(&mut self, last: Report, last_path: &Path) -> Task<Message> {
        let report = yearly::new_from_last(&last, Some(last_path));
        let title = report.title();
        let mut doc = Session::new(report, None, LastYear::Loaded(Box::new(last)));
        doc.untitled = Some("从上年报告新建（未保存）");
        // Carried-over content is work the person should not lose by closing the window.
        doc.dirty = true;
        doc.needs_autosave = true;
        let inherited = doc.inherited.len();
        self.install(doc, Page::Meta);
        self.info(format!(
            "已从上年报告新建“{title}”：表三“上年结转”已按上年“结转下年度继续办理”填好，{inherited} 段文字沿用上年内容，请逐段更新。保存时请选择位置。"
        ));
        self.after_edit()
    }

    fn clear_last_year(&mut self) -> Task<Message> {
        self.with_doc(|doc| {
            if doc.page == Page::Compare {
                doc.page = Page::Meta;
            }
            doc.clear_last_year();
        })
    }

    /// Adds a draft to the recent list, in the background.
    fn remember(&mut self, path: &Path) -> Task<Message> {
        let Some(u) = self.userdata.clone() else {
            return Task::none();
        };
        let path = path.to_path_buf();
        Task::perform(
            files::in_thread(move || {
                let _ = u.add_recent(&path);
                u.recent()
            }),
            |r| r.map_or(Message::None, Message::Recent),
        )
    }

    fn restore_autosave(&mut self) -> Task<Message> {
        let Some(rec) = self.recoverable.take() else {
            return Task::none();
        };
        let link = rec
            .report
            .last_year
            .as_ref()
            .map(|l| l.resolve(rec.source.as_deref()));
        self.restored_from = Some(rec.path);
        let mut doc = Session::new(rec.report, rec.source, LastYear::None);
        // What was restored is not on disk as a draft yet.
        doc.dirty = true;
        doc.needs_autosave = true;
        self.install(doc, Page::Meta);
        self.info("已恢复上次自动保存的内容。请检查后保存（Ctrl+S）。");
        let last = match link {
            Some(path) => read_draft(Purpose::LastYear { chosen: false }, path),
            None => Task::none(),
        };
        last.chain(self.after_edit())
    }

    /// Esc: the open question or prompt is answered 取消, as its button would.
    fn escape(&mut self) -> Task<Message> {
        let message = if self.confirm.is_some() {
            Message::Confirmed(ConfirmChoice::Cancel)
        } else if self.path_prompt.is_some() {
            Message::PathInputCancelled
        } else if self.session.as_ref().is_some_and(|d| d.overwrite_asked) {
            Message::OverwriteCancelled
        } else if self
            .session
            .as_ref()
            .is_some_and(|d| d.acknowledging.is_some())
        {
            Message::AckCancelled
        } else {
            return Task::none();
        };
        self.update(message)
    }

    /// Enter in a dialog: its first, highlighted answer — the one that loses nothing
    /// (保存, 另存为…). Text fields in dialogs answer Enter themselves.
    fn enter(&mut self) -> Task<Message> {
        let message = if self.confirm.is_some() {
            Message::Confirmed(ConfirmChoice::Save)
        } else if self.path_prompt.is_none()
            && self.session.as_ref().is_some_and(|d| d.overwrite_asked)
        {
            Message::SaveAsRequested
        } else {
            return Task::none();
        };
        self.update(message)
    }

    fn discard_autosave(&mut self) -> Task<Message> {
        match self.recoverable.take() {
            Some(rec) => self.drop_orphan(rec.path),
            None => Task::none(),
        }
    }

    /// Removes an autosave left behind once the user decided about it, then offers the next
    /// one, if another session left one too.
    fn drop_orphan(&self, path: PathBuf) -> Task<Message> {
        let Some(u) = self.userdata.clone() else {
            return Task::none();
        };
        Task::perform(
            files::in_thread(move || {
                let _ = u.discard_orphan(&path);
                u.next_orphan()
            }),
            |next| Message::OrphanOffered(next.and_then(Result::ok).flatten().map(Box::new)),
        )
    }

    // -- files ------------------------------------------------------------------------------

    fn save(&mut self) -> Task<Message> {
        let Some(path) = self.session.as_ref().map(|d| d.path.clone()) else {
            return Task::none();
        };
        match path {
            Some(path) => self.save_to(path),
            None => self.ask_path(FileAction::SaveAs),
        }
    }

    /// Writes the draft in the background; typing goes on meanwhile (see [`App::saved`]).
    fn save_to(&mut self, path: PathBuf) -> Task<Message> {
        let path = files::with_extension(path, draft::EXTENSION);
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        // Last year's file is named relative to the draft: keep it found from the new place.
        let mut report = doc.report.clone();
        if doc.path.as_deref() != Some(path.as_path()) {
            report.last_year = report
                .last_year
                .map(|link| link.rebased(doc.path.as_deref(), &path));
        }
        let (session, revision) = (doc.id, doc.revision);
        // Over the file it was read from, only if nobody changed that file meanwhile (unless
        // the person just said to write over it); a new file name is written as is.
        let expected = match (
            doc.path.as_deref() == Some(path.as_path()),
            doc.overwrite_asked,
        ) {
            (true, false) => doc.fingerprint.clone(),
            _ => None,
        };
        doc.overwrite_asked = false;
        Task::perform(
            files::in_thread(move || {
                let result = match &expected {
                    Some(fp) => draft::save_checked(&report, &path, Some(fp)),
                    None => draft::save_reporting(&report, &path),
                };
                Saved {
                    session,
                    revision,
                    link: report.last_year,
                    path,
                    result,
                }
            }),
            |r| match r {
                Some(saved) => Message::Saved(Box::new(saved)),
                None => Message::SaveFailed("保存时程序出错，草稿未保存，请重试。".into()),
            },
        )
    }

    /// A save finished: the draft is clean unless it was edited meanwhile.
    fn saved(&mut self, saved: Saved) -> Task<Message> {
        let Saved {
            session,
            revision,
            link,
            path,
            result,
        } = saved;
        let written = match result {
            Ok(written) => written,
            Err(DraftError::ChangedOnDisk { .. }) => {
                // Asked in a dialog: write over it, save under another name, or leave it.
                if let Some(doc) = self.session.as_mut().filter(|d| d.id == session) {
                    doc.overwrite_asked = true;
                }
                return operation::focus(pages::DIALOG_DEFAULT);
            }
            Err(e) => return self.save_failed(e.to_string()),
        };
        let Some(doc) = self.session.as_mut().filter(|d| d.id == session) else {
            return Task::none();
        };
        doc.path = Some(path.clone());
        doc.report.last_year = link;
        doc.fingerprint = Some(written.fingerprint);
        let mut tasks = vec![self.remember(&path)];
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        if doc.revision == revision {
            doc.dirty = false;
            doc.needs_autosave = false;
            if let Some(u) = self.userdata.clone() {
                tasks.push(Task::perform(
                    files::in_thread(move || u.clear_autosave()),
                    |_| Message::None,
                ));
            }
        }
        match written.backup_warning {
            Some(warning) => self.error(format!("已保存到 {}。{warning}", path.display())),
            None => self.info(format!("已保存到 {}", path.display())),
        }
        if let Some(action) = self.after_save.take() {
            tasks.push(self.proceed(action));
        }
        Task::batch(tasks)
    }

    fn save_failed(&mut self, text: String) -> Task<Message> {
        self.after_save = None;
        self.error(text);
        Task::none()
    }

    /// Shows the file dialog for an action (the typed-path fallback comes if none can show).
    fn ask_path(&mut self, action: FileAction) -> Task<Message> {
        if self.session.is_none() && !matches!(action, FileAction::Open | FileAction::NewFromLast) {
            return Task::none();
        }
        let start = self.draft_folder();
        let name = self.suggested_name(action);
        files::dialog(action, start, name).map(move |o| Message::DialogClosed(action, o))
    }

    /// The folder of the open draft, if it has a file.
    fn draft_folder(&self) -> Option<PathBuf> {
        let path = self.session.as_ref()?.path.as_ref()?;
        path.parent().map(Path::to_path_buf)
    }

    fn suggested_name(&self, action: FileAction) -> String {
        let title = self
            .session
            .as_ref()
            .map(|d| d.report.title())
            .unwrap_or_default();
        match action {
            FileAction::Open
            | FileAction::NewFromLast
            | FileAction::LastYear
            | FileAction::Import
            | FileAction::AuditFolder => String::new(),
            FileAction::SaveAs => format!("{title}.{}", draft::EXTENSION),
            FileAction::ExportTo => {
                let format = self
                    .session
                    .as_ref()
                    .map(|d| d.export.format)
                    .unwrap_or_default();
                format!("{title}.{}", format.extension())
            }
        }
    }

    fn dialog_closed(&mut self, action: FileAction, outcome: DialogOutcome) -> Task<Message> {
        match outcome {
            DialogOutcome::Chosen(path) => self.path_chosen(action, path),
            DialogOutcome::Cancelled => {
                self.after_save = None;
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
            FileAction::Open => read_draft(Purpose::Open, path),
            FileAction::NewFromLast => read_draft(Purpose::NewFromLast, path),
            FileAction::LastYear if self.session.is_some() => {
                read_draft(Purpose::LastYear { chosen: true }, path)
            }
            FileAction::LastYear => Task::none(),
            FileAction::Import => read_draft(Purpose::Import, path),
            FileAction::AuditFolder => self.audit_folder(path),
            FileAction::SaveAs => self.save_to(path),
            FileAction::ExportTo => {
                if let Some(doc) = self.session.as_mut() {
                    doc.export.path_chosen(path);
                }
                Task::none()
            }
        }
    }

    fn open_path_prompt(&mut self, action: FileAction, reason: Option<String>) -> Task<Message> {
        let text = match action {
            FileAction::Open
            | FileAction::NewFromLast
            | FileAction::LastYear
            | FileAction::Import
            | FileAction::AuditFolder => String::new(),
            FileAction::SaveAs | FileAction::ExportTo => {
                let draft = self.session.as_ref().and_then(|d| d.path.clone());
                files::beside(draft.as_deref(), &self.suggested_name(action))
                    .display()
                    .to_string()
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
        self.after_save = None;
        Task::none()
    }

    // -- editing ----------------------------------------------------------------------------

    fn edit_meta(&mut self, field: MetaField, text: String) -> Task<Message> {
        self.with_doc(|doc| {
            doc.checkpoint(Some(Place::Meta(field)));
            let result = doc.report.set_meta(field, &text);
            // A date stays as typed ("2025-01-20"); other fields show what the report holds
            // once it is valid, and keep the typed text beside the message while it is not.
            if result.is_err() || (field == MetaField::Date && !text.trim().is_empty()) {
                doc.meta_text.insert(field, text);
            } else {
                doc.meta_text.remove(&field);
            }
            doc.changed();
        })
    }

    fn regenerate_preface(&mut self) -> Task<Message> {
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        let text = doc.report.default_preface();
        if doc.report.preface.trim() == text.trim() {
            doc.confirm_regenerate = false;
            return Task::none();
        }
        // Text the person wrote is replaced only after they said so.
        if !doc.report.preface.trim().is_empty() && !std::mem::take(&mut doc.confirm_regenerate) {
            doc.confirm_regenerate = true;
            return Task::none();
        }
        doc.set_prose(Prose::Preface, text);
        self.info("已按基本信息重新生成开头说明段落。原来的文字可用“撤销”（Ctrl+Z）找回。");
        self.after_edit()
    }

    /// 撤销 (`again`: 重做) the last change of the open report.
    fn undo(&mut self, again: bool) -> Task<Message> {
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        let done = if again { doc.redo() } else { doc.undo() };
        if !done {
            self.info(if again {
                "没有可以重做的修改。"
            } else {
                "没有可以撤销的修改。"
            });
            return Task::none();
        }
        // A notice such as "已粘贴……" spoke of what was just taken back.
        if self.notice.as_ref().is_some_and(|n| !n.is_error) {
            self.notice = None;
        }
        self.after_edit()
    }

    fn edit_overview_title(&mut self, index: usize, text: String) -> Task<Message> {
        self.with_doc(|doc| {
            if index < doc.report.overview.parts.len() {
                doc.checkpoint(Some(Place::OverviewTitle(index)));
            }
            if let Some(part) = doc.report.overview.parts.get_mut(index) {
                part.title = text;
                doc.changed();
            }
        })
    }

    fn edit_prose(
        &mut self,
        field: Prose,
        action: iced::widget::text_editor::Action,
    ) -> Task<Message> {
        let is_edit = action.is_edit();
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        doc.edit_prose(field, action);
        // Typing on the last line of a box that grows with its text: its foot, where the
        // caret is, stays on the screen.
        let at_foot = doc
            .editor(field)
            .is_some_and(|c| c.cursor().position.line + 1 >= c.line_count());
        let follow = if at_foot {
            // After the next layout, which sees the box grown by what was typed.
            Task::perform(files::sleep(Duration::from_millis(20)), |()| ())
                .then(move |()| locate::keep_foot_in_view(PAGE_SCROLL, components::prose_id(field)))
        } else {
            Task::none()
        };
        if is_edit {
            self.after_edit().chain(follow)
        } else {
            follow
        }
    }

    fn edit_cell(&mut self, cell: Cell, text: String) -> Task<Message> {
        self.with_doc(|doc| {
            // The first keystroke in a cell just entered replaces what it held, as in a
            // spreadsheet. The window selects the text on entry, so this is what the input
            // reports anyway; where the selection came too late (or not at all), the typed
            // characters are taken out of the merged text here.
            let text = if doc.focused == Some(cell) {
                text
            } else {
                replacing(&doc.cell_text(cell), text)
            };
            doc.focused = Some(cell);
            doc.set_cell(cell, text);
        })
    }

    // -- moving around ----------------------------------------------------------------------

    /// Asks the window which field has the focus (answered by [`Message::Focused`]).
    fn find_focused(&self) -> Task<Message> {
        use iced::advanced::widget::operation::focusable::find_focused;
        iced::advanced::widget::operate(find_focused()).map(Message::Focused)
    }

    /// A field got the focus by a click or Tab: a number cell entered anew has its text
    /// selected, so typing replaces it as in a spreadsheet (a second click, or F2, edits in
    /// place); and the field is scrolled into view.
    fn focused(&mut self, id: iced::widget::Id) -> Task<Message> {
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        let shown = match doc.page {
            Page::Section(section) => entered_cells(section),
            _ => Vec::new(),
        };
        let cell = shown
            .into_iter()
            .find(|c| iced::widget::Id::from(components::cell_id(*c)) == id);
        let entered = cell.is_some() && cell != doc.focused;
        doc.focused = cell;
        let view = locate::keep_in_view(PAGE_SCROLL, id.clone());
        if entered {
            operation::select_all(id).chain(view)
        } else {
            view
        }
    }

    /// Moves the focus from a cell to its neighbour, text selected, scrolled into view.
    fn move_from(&mut self, from: Option<Cell>, dir: Direction) -> Task<Message> {
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        let Some(to) = from.and_then(|c| neighbour(c, dir)) else {
            return Task::none();
        };
        doc.focused = Some(to);
        let id = components::cell_id(to);
        operation::focus(id.clone())
            .chain(operation::select_all(id.clone()))
            .chain(locate::keep_in_view(PAGE_SCROLL, id))
    }

    /// A frozen pane of table 三 scrolled by itself (a wheel over it): the grid and the other
    /// pane go with it.
    fn pane_scrolled(&mut self, x: Option<f32>, y: Option<f32>) -> Task<Message> {
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        let before = doc.grid_offset;
        let offset = operation::AbsoluteOffset {
            x: x.unwrap_or(before.x),
            y: y.unwrap_or(before.y),
        };
        if offset == before {
            return Task::none();
        }
        doc.grid_offset = offset;
        operation::scroll_to(PAGE_SCROLL, offset).chain(locate::follow_frozen(offset))
    }

    /// Ctrl+PgDn / Ctrl+PgUp: the parts of the side list in order.
    fn part_step(&mut self, step: i8) -> Task<Message> {
        let Some(doc) = self.session.as_ref() else {
            return Task::none();
        };
        let parts: Vec<Page> = std::iter::once(Page::Meta)
            .chain(
                nianbao_core::template::SECTIONS
                    .iter()
                    .map(|s| Page::Section(s.key)),
            )
            .chain([Page::Checks, Page::Export])
            .collect();
        let at = parts.iter().position(|p| *p == doc.page).unwrap_or(0);
        let to = if step > 0 {
            (at + 1).min(parts.len() - 1)
        } else {
            at.saturating_sub(1)
        };
        self.show(parts[to])
    }

    /// The text field merged the pasted cells (it drops tabs and line breaks); read the
    /// clipboard to see the cells as they were copied.
    fn cell_pasted(&mut self, cell: Cell, merged: String) -> Task<Message> {
        // A paste that leaves the cell empty brought nothing (a clipboard holding no text, or
        // whose owner did not answer): the cell keeps what it had, as a spreadsheet's would.
        if merged.trim().is_empty() {
            self.info("剪贴板里没有可以粘贴的文字，格子未改动。");
            return Task::none();
        }
        // A step of its own, so that a block found on the clipboard can take exactly it back.
        if let Some(doc) = self.session.as_mut() {
            doc.end_typing_step();
        }
        let task = self.edit_cell(cell, merged);
        if let Some(doc) = self.session.as_mut() {
            doc.pasted_as_text = Some((cell, doc.revision));
        }
        // Read at once, beside (not after) the autosave timer the edit may have started.
        let read = iced::clipboard::read().map(move |text| match text {
            Some(text) if nianbao_core::model::paste::is_block(&text) => {
                Message::PasteBlock(cell, text)
            }
            _ => Message::None,
        });
        Task::batch([read, task])
    }

    fn paste_block(&mut self, cell: Cell, text: String) -> Task<Message> {
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        let pasted = doc.paste_block(cell, &text);
        let mut said = match (pasted.cells.first(), pasted.cells.last()) {
            (Some((first, _)), Some((last, _))) => format!(
                "已粘贴 {} 个数字：从{}到{}。",
                pasted.cells.len(),
                Place::Cell(*first).describe(),
                Place::Cell(*last).describe()
            ),
            _ => "粘贴的内容里没有可以填入的数字。".to_string(),
        };
        if pasted.totals_skipped > 0 {
            said.push_str(&format!(
                "其中 {} 个总计由程序计算，未粘贴。",
                pasted.totals_skipped
            ));
        }
        for (cell, printed, sum) in &pasted.totals_differ {
            said.push_str(&format!(
                "注意：{}粘贴的是 {printed}，而各项之和为 {sum}。",
                Place::Cell(*cell).describe()
            ));
        }
        if pasted.dropped > 0 {
            said.push_str(&format!("另有 {} 个超出表格范围，未粘贴。", pasted.dropped));
        }
        if pasted.totals_differ.is_empty() && pasted.dropped == 0 && !pasted.cells.is_empty() {
            self.info(said);
        } else {
            self.error(said);
        }
        self.after_edit()
    }

    fn fill_zeros(&mut self, section: SectionKey) -> Task<Message> {
        self.with_doc(|doc| doc.fill_zeros(section))
    }

    // -- components -------------------------------------------------------------------------

    fn sentence(&mut self, message: sentence::Message) -> Task<Message> {
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        match sentence::update(&mut doc.sentence, message, &doc.report) {
            None => Task::none(),
            // The preview shows under the sub-head: bring the sub-head into view.
            Some(sentence::Event::Show(field)) => {
                locate::bring_into_view(PAGE_SCROLL, components::prose_id(field), false)
            }
            Some(sentence::Event::SetProse {
                field,
                text,
                notice,
            }) => {
                doc.set_prose(field, text);
                self.info(notice);
                self.after_edit()
            }
            Some(sentence::Event::Refused(text)) => {
                self.error(text);
                Task::none()
            }
        }
    }

    fn export(&mut self, message: export::Message) -> Task<Message> {
        let Some(doc) = self.session.as_mut() else {
            return Task::none();
        };
        let cx = export::Context {
            report: &doc.report,
            findings: &doc.findings,
            draft: doc.path.as_deref(),
        };
        let finished = matches!(message, export::Message::Finished(Ok(_)));
        let (task, event) = doc.export.update(message, cx);
        let mut task = task.map(Message::Export);
        if finished {
            self.export_choice = doc.export.choice();
            if let Some(path) = self.userdata.as_ref().map(UserData::export_choice_path) {
                // Written in the background; failing costs only the offer next time.
                let choice = self.export_choice.clone();
                task = task.chain(Task::perform(
                    files::in_thread(move || choice.save(&path)),
                    |_| Message::None,
                ));
            }
        }
        match event {
            None => task,
            Some(export::Event::AskPath) => task.chain(self.ask_path(FileAction::ExportTo)),
            Some(export::Event::Failed(text)) => {
                self.error(text);
                task
            }
            Some(export::Event::Said(text)) => {
                self.info(text);
                task
            }
        }
    }

    // -- autosave ---------------------------------------------------------------------------

    fn autosave_due(&mut self) -> Task<Message> {
        self.autosave_scheduled = false;
        let (Some(doc), Some(userdata)) = (self.session.as_mut(), self.userdata.clone()) else {
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
                    .map_err(|e| DraftError::io(&userdata.autosave_path(), &e))
            }),
            |r| {
                Message::AutosaveWritten(r.unwrap_or_else(|| {
                    Err(DraftError::Io {
                        path: PathBuf::new(),
                        kind: std::io::ErrorKind::Other,
                        detail: "自动保存时程序出错".into(),
                    })
                }))
            },
        )
    }

    fn autosave_written(&mut self, result: Result<(), DraftError>) -> Task<Message> {
        match result {
            Ok(()) => self.autosaved_at = Some(std::time::SystemTime::now()),
            Err(e) => {
                self.error(format!("自动保存失败：{e}。请尽快手动保存（Ctrl+S）。"));
                return Task::none();
            }
        }
        // The restored work is now in this session's own autosave: the old file can go.
        match self.restored_from.take() {
            Some(old) => self.drop_orphan(old),
            None => Task::none(),
        }
    }
}

/// What typing into a cell just entered leaves in it: only the characters typed (or pasted)
/// when they were put into the old text, nothing when some of it was deleted.
fn replacing(old: &str, new: String) -> String {
    let (o, n): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    let prefix = o.iter().zip(&n).take_while(|(a, b)| a == b).count();
    let suffix = o[prefix..]
        .iter()
        .rev()
        .zip(n[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    match n.len().cmp(&o.len()) {
        std::cmp::Ordering::Greater if prefix + suffix == o.len() => {
            n[prefix..n.len() - suffix].iter().collect()
        }
        std::cmp::Ordering::Less if prefix + suffix == n.len() => String::new(),
        _ => new,
    }
}

/// Reads a draft in the background (see [`files::read_draft`]).
fn read_draft(purpose: Purpose, path: PathBuf) -> Task<Message> {
    files::read_draft(purpose, path).map(Message::Opened)
}

/// Keyboard shortcuts: Ctrl+S, Ctrl+Shift+S, Ctrl+O anywhere; Tab / Shift+Tab when no field
/// used the key.
fn shortcut(event: Event, status: event::Status, _window: window::Id) -> Option<Message> {
    if let Event::Keyboard(keyboard::Event::ModifiersChanged(modifiers)) = event {
        return Some(Message::Modifiers(modifiers));
    }
    let Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event else {
        return None;
    };
    match key.as_ref() {
        // Zoom as in a browser: Ctrl and +/= (with or without Shift), -, 0.
        keyboard::Key::Character("=" | "+") if modifiers.command() => Some(Message::Zoom(1)),
        keyboard::Key::Character("-") if modifiers.command() => Some(Message::Zoom(-1)),
        keyboard::Key::Character("0") if modifiers.command() => Some(Message::Zoom(0)),
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
        // Neither text fields nor editors keep their own history: 撤销 is the report's.
        keyboard::Key::Character(c) if modifiers.command() && c.eq_ignore_ascii_case("z") => {
            Some(if modifiers.shift() {
                Message::Redo
            } else {
                Message::Undo
            })
        }
        keyboard::Key::Character(c) if modifiers.command() && c.eq_ignore_ascii_case("y") => {
            Some(Message::Redo)
        }
        keyboard::Key::Named(key::Named::Tab) if status == event::Status::Ignored => {
            Some(if modifiers.shift() {
                Message::FocusPrevious
            } else {
                Message::FocusNext
            })
        }
        keyboard::Key::Named(key::Named::PageDown) if modifiers.command() => {
            Some(Message::PartStep(1))
        }
        keyboard::Key::Named(key::Named::PageUp) if modifiers.command() => {
            Some(Message::PartStep(-1))
        }
        keyboard::Key::Named(key::Named::F2) => Some(Message::EditInPlace),
        keyboard::Key::Named(key::Named::Escape) => Some(Message::Escape),
        // Enter not taken by a field or a focused button: a dialog's first answer.
        keyboard::Key::Named(key::Named::Enter) if status == event::Status::Ignored => {
            Some(Message::Enter)
        }
        // A single-line cell has no use for Up and Down: they move between cells.
        keyboard::Key::Named(key::Named::ArrowDown) if status == event::Status::Ignored => {
            Some(Message::Arrow(Direction::Down))
        }
        keyboard::Key::Named(key::Named::ArrowUp) if status == event::Status::Ignored => {
            Some(Message::Arrow(Direction::Up))
        }
        _ => None,
    }
}

/// The window opening, moving or resizing: remembered for the next start.
fn window_change(event: Event, _status: event::Status, id: window::Id) -> Option<Message> {
    match event {
        Event::Window(
            e
            @ (window::Event::Opened { .. } | window::Event::Moved(_) | window::Event::Resized(_)),
        ) => Some(Message::WindowEvent(id, e)),
        _ => None,
    }
}

/// The wheel while Ctrl is held: zoom, over the page as anywhere (the page's scrolling takes
/// the event too, so its status says nothing).
fn ctrl_wheel(event: Event, _status: event::Status, _window: window::Id) -> Option<Message> {
    let Event::Mouse(iced::mouse::Event::WheelScrolled { delta }) = event else {
        return None;
    };
    let y = match delta {
        iced::mouse::ScrollDelta::Lines { y, .. } | iced::mouse::ScrollDelta::Pixels { y, .. } => y,
    };
    (y != 0.0).then_some(Message::Zoom(if y > 0.0 { 1 } else { -1 }))
}

/// The mouse going up after a click: the focus may have moved.
fn pointer(event: Event, _status: event::Status, _window: window::Id) -> Option<Message> {
    match event {
        Event::Mouse(iced::mouse::Event::ButtonReleased(iced::mouse::Button::Left)) => {
            Some(Message::PointerReleased)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::replacing;

    #[test]
    fn typing_into_a_cell_just_entered_replaces_it() {
        assert_eq!(replacing("2", "21".into()), "1");
        assert_eq!(replacing("2", "12".into()), "1");
        assert_eq!(replacing("10", "170".into()), "7");
        assert_eq!(replacing("", "5".into()), "5");
        assert_eq!(replacing("12", "1".into()), "", "a deletion clears it");
        assert_eq!(replacing("１２", "１２３".into()), "３");
        // Anything else is taken as typed.
        assert_eq!(replacing("12", "34".into()), "34");
    }
}
