//! `audit` over a folder: every file read, a bad one never stopping the batch, last year's
//! report of the same agency found among the files, and the summary read back from its CSV.

use nianbao_core::check::{Rule, Severity};
use nianbao_core::model::{Entry, Report};
use nianbao_core::store::draft;
use nianbao_core::template::{T3Col, T3Row};
use nianbao_import::audit::{self, Limits, Read, Reader};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

fn example() -> Report {
    match nianbao_core::example::report() {
        Ok(r) => r,
        Err(e) => panic!("cannot load the example: {e}"),
    }
}

/// Drafts read as they are; a file named "hang…" never finishes, "panic…" panics, anything else
/// is refused: the shapes a real importer's failures take.
fn reader() -> Arc<Reader> {
    Arc::new(|path: &Path| {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with("hang") {
            loop {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        if name.starts_with("panic") {
            panic!("a reader's bug");
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("ron") => draft::load(path)
                .map(|l| Read {
                    report: l.report,
                    findings: Vec::new(),
                    unplaced: Vec::new(),
                })
                .map_err(|e| e.to_string()),
            _ => Err("不是可识别的报告文件".to_string()),
        }
    })
}

fn write(dir: &Path, name: &str, report: &Report) -> PathBuf {
    let path = dir.join(name);
    draft::save(report, &path).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn limits() -> Limits {
    Limits {
        threads: 2,
        time_limit: Duration::from_millis(500),
    }
}

#[test]
fn a_folder_is_audited_whatever_its_bad_files_do() {
    let dir = tempfile::tempdir().unwrap();
    let last = example();
    write(dir.path(), "a-2021.ron", &last);
    // This year's report of the same agency, its 上年结转 not last year's 结转.
    let mut this = nianbao_core::yearly::new_from_last(&last, None);
    this.table3
        .set(T3Row::CARRIED_IN, T3Col::NATURAL, Entry::Value(99));
    let sub = dir.path().join("received");
    std::fs::create_dir(&sub).unwrap();
    write(&sub, "b-2022.ron", &this);
    std::fs::write(sub.join("broken.pdf"), b"%PDF-1.7 truncated").unwrap();
    std::fs::write(sub.join("hang.docx"), b"PK").unwrap();
    std::fs::write(sub.join("panic.html"), b"<html>").unwrap();
    std::fs::write(sub.join("notes.txt"), b"not a report").unwrap();

    let (files, problems) = audit::files_in(&[dir.path().to_path_buf()]);
    assert!(problems.is_empty(), "{problems:?}");
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "a-2021.ron",
            "b-2022.ron",
            "broken.pdf",
            "hang.docx",
            "panic.html"
        ]
    );

    let seen = std::sync::atomic::AtomicUsize::new(0);
    let rows = audit::audit(&files, &[], reader(), limits(), &|done, total, _| {
        assert!(done <= total);
        seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    });
    assert_eq!(seen.into_inner(), 5);
    assert_eq!(rows.len(), 5);
    let errors: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.outcome.as_ref().err().map(String::as_str))
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("超过")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("内部出错")), "{errors:?}");

    // The 2022 report was checked against the 2021 one found beside it.
    let checked = rows[1].outcome.as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(checked.last_year.as_deref(), Some(files[0].as_path()));
    assert!(
        checked.findings.iter().any(|f| f.rule == Rule::XCarry),
        "{:?}",
        checked.findings
    );
    assert!(rows[0].outcome.as_ref().unwrap().last_year.is_none());

    // The CSV: a BOM, the head, a row per file, then the findings; Excel reads it.
    let bytes = audit::csv(&rows).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[3..]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&records[0][0], "机关");
    assert_eq!(&records[1][0], "金乡县人民政府办公室");
    assert_eq!(&records[1][1], "2021");
    let new_col = records[0].iter().position(|h| h == "新收").unwrap();
    assert_eq!(
        records[1][new_col],
        last.table3.cell(T3Row::NEW, T3Col::TOTAL).value.to_string()
    );
    let errors_col = records[0].iter().position(|h| h == "错误").unwrap();
    assert_eq!(
        records[2][errors_col],
        checked.count(Severity::Error).to_string()
    );
    assert_eq!(&records[3][3], audit::UNREADABLE, "{:?}", records[3]);
    let findings = records.iter().skip_while(|r| &r[0] != "文件").count() - 1;
    let all: usize = rows
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .map(|c| c.findings.len())
        .sum();
    // And a line for each file that could not be read, saying why.
    assert_eq!(findings, all + errors.len());

    // The terminal table and the page name every file.
    let text = audit::text(&rows);
    let page = audit::html(&rows);
    for name in &names {
        assert!(text.contains(name.as_str()), "{text}");
        assert!(page.contains(name.as_str()));
    }
    assert!(page.contains("X-CARRY"));
}

#[test]
fn reports_given_only_as_last_years_are_used_but_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    let last = example();
    let earlier = write(dir.path(), "a-2021.ron", &last);
    let this = write(
        dir.path(),
        "b-2022.ron",
        &nianbao_core::yearly::new_from_last(&last, None),
    );
    let rows = audit::audit(
        &[this],
        std::slice::from_ref(&earlier),
        reader(),
        limits(),
        &|_, _, _| {},
    );
    assert_eq!(rows.len(), 1);
    let checked = rows[0].outcome.as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(checked.last_year, Some(earlier));
}

/// The summary saved beside the reports is not read as one of them next time, and a page that
/// is no report at all is refused with why rather than read as an empty one.
#[test]
fn a_summary_is_neither_audited_nor_imported_as_a_report() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-2021.ron", &example());
    let rows = audit::audit(
        &[dir.path().join("a-2021.ron")],
        &[],
        reader(),
        limits(),
        &|_, _, _| {},
    );
    let page = audit::html(&rows);
    let summary = dir.path().join(format!("{}.html", audit::SUMMARY_STEM));
    std::fs::write(&summary, &page).unwrap();
    let (files, _) = audit::files_in(&[dir.path().to_path_buf()]);
    assert_eq!(files, [dir.path().join("a-2021.ron")]);
    match nianbao_import::import_bytes("汇总.html", page.as_bytes()) {
        Err(nianbao_import::ImportError::Damaged(why)) => {
            assert!(why.contains("不是政府信息公开工作年度报告"), "{why}")
        }
        other => panic!("{:?}", other.map(|i| i.report.title())),
    }
}
