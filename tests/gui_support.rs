//! What the GUI tests share: a simulator of the app's window, feeding messages back, temporary
//! folders and screen snapshots.
//!
//! Snapshots are compared by hash with `tests/snapshots/*.sha256`; a PNG of every screen is
//! written to `target/gui-snapshots/` to look at. To refresh a hash after a deliberate change
//! of the look, delete its `.sha256` file and run the tests again.
#![allow(dead_code)] // each test file uses its own part of this

use iced::futures::StreamExt;
use iced_test::{Error, Simulator};
use nianbao::gui::session::Session;
use nianbao::gui::{App, Message};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// The app's window at 1280×800, the smallest size it is designed for.
pub fn simulator(app: &App) -> Simulator<'_, Message> {
    Simulator::with_size(nianbao::gui::settings(), (1280.0, 800.0), app.view())
}

/// Feeds messages (typed by a test, or produced by the simulator) into the app; the tasks they
/// return are dropped.
pub fn apply(app: &mut App, messages: impl IntoIterator<Item = Message>) {
    for m in messages {
        let _ = app.update(m);
    }
}

/// Feeds a message into the app and runs the tasks it returns to the end, as the runtime
/// would, feeding their messages back in turn: a file read in the background, an export. Widget
/// operations, the clipboard and the window are the runtime's and are not run here.
pub fn settle(app: &mut App, message: Message) {
    let task = app.update(message);
    finish(app, task);
}

/// Runs a task the app returned to the end, feeding its messages (and those of the tasks they
/// return in turn) back into the app.
pub fn finish(app: &mut App, task: iced::Task<Message>) {
    let mut tasks = VecDeque::from([task]);
    while let Some(task) = tasks.pop_front() {
        let Some(stream) = iced_runtime::task::into_stream(task) else {
            continue;
        };
        let actions: Vec<_> = iced::futures::executor::block_on(stream.collect());
        for action in actions {
            if let iced_runtime::Action::Output(m) = action {
                tasks.push_back(app.update(m));
            }
        }
    }
}

pub fn doc(app: &App) -> &Session {
    app.session.as_ref().expect("a report is open")
}

/// A fresh folder of this test process.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-gui-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

pub fn png_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots")
}

/// Compares the screen with its stored hash and writes a fresh PNG of it to look at.
pub fn snapshot(app: &App, name: &str) -> Result<(), Error> {
    let mut ui = simulator(app);
    let shot = ui.snapshot(&iced::Theme::Light)?;
    // matches_image writes the PNG when it is missing.
    let _ = std::fs::remove_file(png_dir().join(format!("{name}-tiny-skia.png")));
    shot.matches_image(png_dir().join(name))?;
    let hash = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    assert!(
        shot.matches_hash(&hash)?,
        "screen {name} looks different from tests/snapshots/{name}-tiny-skia.sha256; see target/gui-snapshots/{name}-tiny-skia.png"
    );
    Ok(())
}

/// Runs the real program in iced_test's emulator, booted by `boot` at `size`, and feeds it the
/// instructions one by one (`click (x, y)`, `type "…"`, `type enter`: iced_test's syntax). The
/// user interface is rebuilt after every message with its widget state kept, as in the window,
/// so what a person loses between keystrokes (the focus, a caret) is lost here too. Returns
/// the state at the end.
pub fn emulate(boot: fn() -> App, size: (f32, f32), instructions: &[&str]) -> App {
    emulate_booted(move || (boot(), iced::Task::none()), size, instructions)
}

/// [`emulate`], booted with a task too (run by the emulator as the runtime would: a scroll).
pub fn emulate_booted(
    boot: impl Fn() -> (App, iced::Task<Message>) + 'static,
    size: (f32, f32),
    instructions: &[&str],
) -> App {
    use iced_test::emulator::{Emulator, Event, Mode};
    use iced_test::futures::futures::channel::mpsc;
    use iced_test::program::Program;
    let program =
        nianbao::gui::program(None, Default::default()).presets([iced::Preset::new("test", boot)]);
    let (sender, mut receiver) = mpsc::channel(1);
    let mut emulator = Emulator::with_preset(
        sender,
        &program,
        Mode::Zen,
        iced::Size::new(size.0, size.1),
        Program::presets(&program).first(),
    );
    let mut queue = instructions
        .iter()
        .map(|i| iced_test::Instruction::parse(i).unwrap_or_else(|e| panic!("{i}: {e:?}")));
    loop {
        let event = iced::futures::executor::block_on(receiver.next())
            .expect("the emulator runs until the instructions end");
        match event {
            Event::Action(action) => emulator.perform(&program, action),
            Event::Failed(instruction) => panic!("could not run {instruction}"),
            Event::Ready => match queue.next() {
                Some(instruction) => emulator.run(&program, instruction),
                None => break,
            },
        }
    }
    emulator.into_state().0
}

/// Where a widget is in the app's window of `size`: the centre of its bounds.
pub fn centre_of(app: &App, size: (f32, f32), id: String) -> (f32, f32) {
    let mut ui = Simulator::with_size(nianbao::gui::settings(), size, app.view());
    let target = ui
        .find(iced_test::selector::id(id.clone()))
        .unwrap_or_else(|e| panic!("{id}: {e}"));
    let b = target.bounds();
    (b.x + b.width / 2.0, b.y + b.height / 2.0)
}
