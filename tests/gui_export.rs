//! The export page with every format: the same checks first, the file in the chosen format with
//! its extension, the choice of format and folder kept, and "复制网页版".

use crate::gui_support::{apply, doc, settle, simulator, temp_dir};
use iced_test::Error;
use nianbao::gui::message::Page;
use nianbao::gui::{App, Message, export};
use nianbao_core::store::prefs::ExportChoice;
use nianbao_print::Format;
use std::path::PathBuf;

fn example_on_export_page() -> App {
    let mut app = App::new(None);
    apply(
        &mut app,
        [Message::OpenExample, Message::Show(Page::Export)],
    );
    app
}

/// Runs the page's export to the end, going past the warnings when there are any.
fn export_now(app: &mut App) {
    settle(app, Message::Export(export::Message::Requested));
    if doc(app).export.warnings.is_some() {
        settle(app, Message::Export(export::Message::Confirmed));
    }
}

#[test]
fn every_format_is_exported_from_the_one_page() {
    let dir = temp_dir("formats");
    let mut app = example_on_export_page();
    for (format, magic) in [
        (Format::Pdf, &b"%PDF-"[..]),
        (Format::Html, b"<!DOCTYPE html>"),
        (Format::Docx, b"PK"),
        (Format::Xlsx, b"PK"),
    ] {
        apply(
            &mut app,
            [
                Message::Export(export::Message::FormatChosen(format)),
                // Typed without an extension: the format's is added.
                Message::Export(export::Message::PathChanged(
                    dir.join("年报").display().to_string(),
                )),
                Message::Export(export::Message::BundledFontsToggled(true)),
            ],
        );
        export_now(&mut app);
        let state = &doc(&app).export;
        let done = match &state.result {
            Some(Ok(done)) => done.clone(),
            other => panic!("{format:?}: {other:?}"),
        };
        assert_eq!(done.format, format);
        assert_eq!(done.path, dir.join(format!("年报.{}", format.extension())));
        let bytes = std::fs::read(&done.path).expect("written");
        assert!(bytes.starts_with(magic), "{format:?}");
        assert_eq!(done.summary.bytes, bytes.len());
        assert_eq!(done.summary.pages.is_some(), format == Format::Pdf);
        // The folder is remembered for the next export and offered to the app to keep.
        assert_eq!(state.folder.as_deref(), Some(dir.as_path()));
        assert_eq!(
            state.choice(),
            ExportChoice {
                format: format.extension().into(),
                folder: Some(dir.clone())
            }
        );
    }
}

#[test]
fn choosing_a_format_changes_the_extension_of_the_path() {
    let mut app = example_on_export_page();
    apply(
        &mut app,
        [
            Message::Export(export::Message::PathChanged("D:\\年报\\报告.pdf".into())),
            Message::Export(export::Message::FormatChosen(Format::Docx)),
        ],
    );
    assert_eq!(doc(&app).export.path, "D:\\年报\\报告.docx");
    // Another extension typed on purpose is kept; a name without one gets the format's.
    assert_eq!(
        export::path_for(PathBuf::from("a/报告.v2"), Format::Html),
        PathBuf::from("a/报告.v2")
    );
    assert_eq!(
        export::path_for(PathBuf::from("a/报告"), Format::Xlsx),
        PathBuf::from("a/报告.xlsx")
    );
}

#[test]
fn a_format_is_chosen_by_clicking_it() -> Result<(), Error> {
    let mut app = example_on_export_page();
    let messages: Vec<Message> = {
        let mut ui = simulator(&app);
        ui.click("Excel")?;
        ui.into_messages().collect()
    };
    apply(&mut app, messages);
    assert_eq!(doc(&app).export.format, Format::Xlsx);
    // The PDF-only font setting is not offered for Excel.
    let mut ui = simulator(&app);
    assert!(ui.find("导出Excel").is_ok());
    assert!(
        ui.find("表二、表三、表四的Excel表格，总计为公式，改数后自动重算")
            .is_ok()
    );
    assert!(
        ui.find("只用程序自带的开源字体（不用本机安装的方正小标宋、仿宋_GB2312等公文字体）")
            .is_err()
    );
    Ok(())
}

#[test]
fn the_last_choice_is_offered_again() {
    let dir = temp_dir("remember");
    let state = export::State::remembering(&ExportChoice {
        format: "html".into(),
        folder: Some(dir.clone()),
    });
    assert_eq!(state.format, Format::Html);
    let mut app = App::new(None);
    apply(&mut app, [Message::OpenExample]);
    let mut state = state;
    state.suggest_path(&doc(&app).report, None);
    assert_eq!(
        PathBuf::from(&state.path),
        dir.join(format!("{}.html", doc(&app).report.title()))
    );
    // Something that is not a format falls back to the PDF.
    let unknown = export::State::remembering(&ExportChoice {
        format: "exe".into(),
        folder: None,
    });
    assert_eq!(unknown.format, Format::Pdf);
}

#[test]
fn copying_the_web_version_reports_what_was_copied() {
    let mut app = example_on_export_page();
    settle(&mut app, Message::Export(export::Message::CopyHtml));
    // With a display the page goes on as HTML; without one (CI) as plain text through iced.
    assert!(doc(&app).export.copied.is_some());
}

/// The app keeps the last export's format and folder for the next report and the next start
/// (read when it starts, written in the background after an export).
#[test]
fn the_choice_outlives_the_session() {
    use nianbao_core::store::userdata::UserData;
    let data = temp_dir("choice-data");
    let out = temp_dir("choice-out");
    let mut app = App::new(Some(UserData::new(&data)));
    apply(
        &mut app,
        [
            Message::OpenExample,
            Message::Show(Page::Export),
            Message::Export(export::Message::FormatChosen(Format::Docx)),
            Message::Export(export::Message::PathChanged(
                out.join("报告.docx").display().to_string(),
            )),
        ],
    );
    export_now(&mut app);
    assert!(out.join("报告.docx").is_file());
    let again = {
        let mut app = App::new(Some(UserData::new(&data)));
        apply(&mut app, [Message::OpenExample]);
        app
    };
    assert_eq!(doc(&again).export.format, Format::Docx);
    let _ = std::fs::remove_dir_all(data);
    let _ = std::fs::remove_dir_all(out);
}

/// After a PDF export the page offers 打印 (paper copies are what gets signed and stamped);
/// the other formats are printed from the program that opens them. Any warning layout had
/// (a number too wide for its cell) is shown with the result.
#[test]
fn a_pdf_can_be_printed_from_the_page() -> Result<(), Error> {
    let out = temp_dir("print");
    let mut app = example_on_export_page();
    apply(
        &mut app,
        [Message::Export(export::Message::PathChanged(
            out.join("报告.pdf").display().to_string(),
        ))],
    );
    export_now(&mut app);
    let done = match &doc(&app).export.result {
        Some(Ok(done)) => done.clone(),
        other => panic!("exported: {other:?}"),
    };
    assert!(
        done.summary.warnings.is_empty(),
        "{:?}",
        done.summary.warnings
    );
    let mut ui = simulator(&app);
    ui.click("打印")?;
    let sent: Vec<Message> = ui.into_messages().collect();
    assert!(
        sent.iter()
            .any(|m| matches!(m, Message::Export(export::Message::Print))),
        "{sent:?}"
    );
    apply(
        &mut app,
        [
            Message::Export(export::Message::FormatChosen(Format::Docx)),
            Message::Export(export::Message::PathChanged(
                out.join("报告.docx").display().to_string(),
            )),
        ],
    );
    export_now(&mut app);
    assert!(simulator(&app).find("打印").is_err());
    let _ = std::fs::remove_dir_all(out);
    Ok(())
}

/// A name character FandolFang lacks is named before the PDF is made, with where it is: it will
/// print in another typeface than the 仿宋 around it. The export then goes on and says so again
/// with the result.
#[test]
fn characters_printed_in_another_typeface_are_named_before_export() -> Result<(), Error> {
    use iced::widget::text_editor;
    let out = temp_dir("fallback");
    let mut app = example_on_export_page();
    let preface = nianbao_core::model::Prose::Preface;
    apply(
        &mut app,
        [
            Message::ProseEdited(preface, text_editor::Action::SelectAll),
            Message::ProseEdited(
                preface,
                text_editor::Action::Edit(text_editor::Edit::Paste(
                    "本报告由金乡县堌堆镇编制。".to_string().into(),
                )),
            ),
            Message::Show(Page::Export),
            Message::Export(export::Message::BundledFontsToggled(true)),
            Message::Export(export::Message::PathChanged(
                out.join("报告.pdf").display().to_string(),
            )),
        ],
    );
    settle(&mut app, Message::Export(export::Message::Requested));
    let warnings = doc(&app).export.warnings.clone().expect("stopped to warn");
    assert_eq!(warnings.fallback.len(), 1, "{warnings:?}");
    let note = &warnings.fallback[0];
    assert!(note.contains("“堌”") && note.contains("仿宋"), "{note}");
    let place = nianbao_core::model::Place::Prose(preface).describe();
    assert!(note.contains(&place), "{note}");
    {
        let mut ui = simulator(&app);
        ui.find(note.as_str())?;
    }
    settle(&mut app, Message::Export(export::Message::Confirmed));
    let done = match &doc(&app).export.result {
        Some(Ok(done)) => done.clone(),
        other => panic!("exported: {other:?}"),
    };
    assert!(
        done.summary.warnings.contains(note),
        "{:?}",
        done.summary.warnings
    );
    Ok(())
}
