//! What the app holds: the open report's [`Session`] and what outlives a report (the start
//! screen, the data folder, the message bar, dialogs). `app.rs` has the `update` that changes it
//! and the screens in `pages` draw it.

use super::dialog::{PathPrompt, Pending};
use super::message::Page;
use super::session::Session;
use nianbao_core::store::prefs::{ExportChoice, Prefs, WindowPlace};
use nianbao_core::store::userdata::{Recoverable, UserData};
use std::path::PathBuf;
use std::time::SystemTime;

/// A line in the message bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// The start screen's "new report" fields.
#[derive(Debug, Clone, Default)]
pub struct NewForm {
    pub agency: String,
    pub year: String,
    pub error: Option<String>,
}

/// The window as it was last seen.
#[derive(Debug, Clone, Default)]
pub struct Tracked {
    pub(super) id: Option<iced::window::Id>,
    /// The place to remember: size and position when last not maximized.
    pub(super) place: Option<WindowPlace>,
    pub(super) maximized: bool,
    /// The last size reported, in the desktop's units, until it is known whether the window
    /// was maximized at that size.
    pub(super) size: Option<iced::Size>,
    /// Whether the restored position was checked against the screen.
    pub(super) placed: bool,
}

impl Tracked {
    /// What the preferences say, before the window exists.
    pub fn from_prefs(prefs: &Prefs) -> Tracked {
        Tracked {
            place: prefs.window,
            maximized: prefs.window.is_none_or(|w| w.maximized),
            ..Tracked::default()
        }
    }
}

/// The whole app.
pub struct App {
    /// The open report, if any.
    pub session: Option<Session>,
    pub new_form: NewForm,
    pub recent: Vec<PathBuf>,
    pub userdata: Option<UserData>,
    /// The autosave of a session that did not end cleanly, offered on the start screen.
    pub recoverable: Option<Recoverable>,
    pub notice: Option<Notice>,
    pub path_prompt: Option<PathPrompt>,
    /// An action waiting for "save the changes first?".
    pub confirm: Option<Pending>,
    /// What to do once the save that "save the changes first?" asked for has succeeded.
    pub(super) after_save: Option<Pending>,
    /// An autosave timer is running.
    pub(super) autosave_scheduled: bool,
    /// When the working report was last autosaved, shown beside its name.
    pub autosaved_at: Option<SystemTime>,
    /// The autosave file of the session that did not end cleanly, restored into the working
    /// report: removed once this session's own autosave holds the same work.
    pub(super) restored_from: Option<PathBuf>,
    /// The print preview is shown beside the form.
    pub show_preview: bool,
    /// The screen's pixels per desktop unit (1.5 at Windows' 150 %), for the preview's pages.
    pub display_scale: f32,
    /// The zoom the app is drawn at (1.0 = 100 %), remembered between sessions.
    pub zoom: f32,
    /// The window's place, followed to be remembered.
    pub(super) window: Tracked,
    /// The modifier keys held: Ctrl+wheel zooms.
    pub(super) modifiers: iced::keyboard::Modifiers,
    /// The last export's format and folder, offered again (read at start, written after an
    /// export).
    pub(super) export_choice: ExportChoice,
    /// 审核收到的报告, once started.
    pub received: Option<super::received::State>,
}

impl App {
    /// A fresh app with the given data folder (none: no autosave, no recent list).
    pub fn new(userdata: Option<UserData>) -> Self {
        let (recoverable, notice) = match userdata.as_ref().map(UserData::begin_session) {
            Some(Ok(r)) => (
                r,
                userdata
                    .as_ref()
                    .and_then(UserData::autosave_problem)
                    .map(|text| Notice {
                        text,
                        is_error: true,
                    }),
            ),
            Some(Err(e)) => (
                None,
                Some(Notice {
                    text: format!("上次未正常退出，但自动保存的内容无法读取：{e}"),
                    is_error: true,
                }),
            ),
            None => (None, None),
        };
        let prefs = userdata
            .as_ref()
            .map(|u| Prefs::load(&u.prefs_path()))
            .unwrap_or_default();
        let export_choice = userdata
            .as_ref()
            .map(|u| ExportChoice::load(&u.export_choice_path()))
            .unwrap_or_default();
        App {
            session: None,
            new_form: NewForm::default(),
            recent: userdata.as_ref().map(UserData::recent).unwrap_or_default(),
            userdata,
            recoverable,
            notice,
            path_prompt: None,
            confirm: None,
            after_save: None,
            autosave_scheduled: false,
            autosaved_at: None,
            restored_from: None,
            show_preview: false,
            display_scale: 1.0,
            zoom: prefs.zoom(),
            window: Tracked::from_prefs(&prefs),
            modifiers: iced::keyboard::Modifiers::default(),
            export_choice,
            received: None,
        }
    }

    /// "已自动保存 10:32" while the report has changes not yet saved to its file.
    pub fn autosave_note(&self) -> Option<String> {
        let doc = self.session.as_ref()?;
        let at = self.autosaved_at.filter(|_| doc.dirty)?;
        let secs = at.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs();
        // Beijing time: the one time zone of the offices this is for (no daylight saving).
        let minutes = (secs + 8 * 3600) / 60 % (24 * 60);
        Some(format!(
            "已自动保存 {:02}:{:02}",
            minutes / 60,
            minutes % 60
        ))
    }

    /// The screen shown.
    pub fn page(&self) -> Page {
        self.session.as_ref().map_or(Page::Start, |s| s.page)
    }

    /// The window title: the draft's name and whether it has unsaved changes.
    pub fn title(&self) -> String {
        match &self.session {
            Some(doc) => format!("{}{} — 年报", if doc.dirty { "● " } else { "" }, doc.name()),
            None => "年报 — 政府信息公开工作年度报告".to_string(),
        }
    }
}
