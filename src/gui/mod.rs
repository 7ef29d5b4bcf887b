//! The desktop app (iced): a thin shell over the report core. It shows the model, sends edits
//! to it and shows what the checks say; the domain lives outside this module.

pub mod app;
pub mod components;
pub mod dialog;
pub mod export;
pub mod files;
pub mod locate;
pub mod message;
pub mod pages;
pub mod preview;
pub mod reach;
pub mod received;
pub mod sentence;
pub mod session;
pub mod state;
pub mod style;
pub mod wheel;
pub mod window;

pub use message::Message;
pub use state::App;

use nianbao_core::store::prefs::{MIN_WINDOW, Prefs};
use std::path::PathBuf;

/// The bundled UI font (a subset of Noto Sans CJK SC under a family name of its own, see
/// fonts/rename-ui-font.py), so the app looks the same on every PC, fonts-noto-cjk installed or
/// not.
pub const UI_FONT_BYTES: &[u8] = include_bytes!("../../fonts/NotoSansSC-Regular.otf");
/// Its family name.
pub const UI_FONT: iced::Font = iced::Font::with_name("Nianbao Sans SC");
/// The default text size.
pub const TEXT_SIZE: f32 = 15.0;

/// The app icon for the window (title bar, taskbar): 64×64 raw RGBA pixels, rendered from
/// packaging/icons/nianbao.svg by packaging/icons/make-icons.sh.
const WINDOW_ICON_RGBA: &[u8] = include_bytes!("../../packaging/icons/nianbao-64.rgba");

/// The settings the app runs with (also used by the tests' simulator).
pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![UI_FONT_BYTES.into()],
        default_font: UI_FONT,
        default_text_size: iced::Pixels(TEXT_SIZE),
        antialiasing: true,
        ..iced::Settings::default()
    }
}

/// Opens the window, with the draft named on the command line if any, where and as large as
/// it was left (a small file read before the window exists).
pub fn run(draft: Option<PathBuf>) -> iced::Result {
    let prefs = nianbao_core::store::userdata::UserData::from_env()
        .map(|u| Prefs::load(&u.prefs_path()))
        .unwrap_or_default();
    program(draft, prefs).run()
}

/// The program the window runs (tests drive it in iced_test's emulator, with presets).
pub fn program(
    draft: Option<PathBuf>,
    prefs: Prefs,
) -> iced::Application<impl iced::Program<State = App, Message = Message, Theme = iced::Theme>> {
    iced::application(move || App::boot(draft.clone()), App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .settings(settings())
        .theme(|_: &App| iced::Theme::Light)
        .scale_factor(App::scale_factor)
        .window(window::settings_from(&prefs, default_window()))
}

/// The window when nothing is remembered.
fn default_window() -> iced::window::Settings {
    iced::window::Settings {
        // Fits whatever screen the office PC has (a 1366×768 laptop hides the foot of a
        // 1280×800 window, where the notices are, under the taskbar). Where a desktop does
        // not maximize, the size still fits that laptop with its taskbar and title bar.
        size: iced::Size::new(1280.0, 660.0),
        maximized: true,
        min_size: Some(iced::Size::new(MIN_WINDOW.0, MIN_WINDOW.1)),
        exit_on_close_request: false,
        platform_specific: platform_specific(),
        // A window without its icon still works: never fail over it.
        icon: iced::window::icon::from_rgba(WINDOW_ICON_RGBA.to_vec(), 64, 64).ok(),
        ..iced::window::Settings::default()
    }
}

/// On Linux desktops the application id names the window's class, so the taskbar groups it
/// and a `.desktop` file can find it.
fn platform_specific() -> iced::window::settings::PlatformSpecific {
    #[cfg(target_os = "linux")]
    {
        iced::window::settings::PlatformSpecific {
            application_id: "nianbao".to_string(),
            ..Default::default()
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        iced::window::settings::PlatformSpecific::default()
    }
}

/// Why no window can be opened here, if that can be told before trying: on Linux without an
/// X display (the app talks X11, which Wayland desktops provide through XWayland) the window
/// system would fail deep inside the toolkit.
pub fn no_display_reason() -> Option<&'static str> {
    let unix_desktop = cfg!(all(unix, not(target_os = "macos")));
    let display = std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty());
    (unix_desktop && !display).then_some(
        "没有可用的图形界面（未设置 DISPLAY），无法打开程序窗口。请在桌面环境中运行；命令行功能（check、export 等）不需要图形界面，见 nianbao help。",
    )
}
