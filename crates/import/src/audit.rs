//! `nianbao audit`: for the office that receives the reports — every file read, every check run
//! (the cross-year ones too when last year's report of the same agency is among the files), and
//! one row per report with its key figures, for the terminal, a spreadsheet (CSV) or a printable
//! page (HTML).
//!
//! One bad file never stops the batch: each is read on a thread of its own, a panic or an
//! overrun of [`Limits::time_limit`] becomes that file's error, and the batch goes on.

use crate::Unplaced;
use nianbao_core::check::{self, Finding, Severity};
use nianbao_core::model::{Entry, Report, Total};
use nianbao_core::template::{FEE_LABEL, FEE_UNIT, T3Col, T3Row, T4Col, T4Group};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

/// The extensions of files a folder is searched for, lower case.
pub const EXTENSIONS: [&str; 5] = ["pdf", "docx", "html", "htm", "ron"];
/// How deep folders are searched, and how many files at most: a folder given by mistake (the
/// whole disk) ends with a message, not a hang.
const MAX_DEPTH: usize = 8;
pub const MAX_FILES: usize = 5000;
/// How a batch runs.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files read at once.
    pub threads: usize,
    /// The longest one file may take to read; then it is reported as not finished and the
    /// batch goes on (the reader's thread is left to end on its own).
    pub time_limit: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            threads: std::thread::available_parallelism().map_or(2, |n| n.get().min(8)),
            time_limit: Duration::from_secs(30),
        }
    }
}
/// Stack of a reading thread: parsers of nested structures recurse.
const READER_STACK: usize = 16 * 1024 * 1024;

/// What reading one file gives: the report, the findings only the file shows (AUDIT-*), and the
/// text that could not be placed in the template.
pub struct Read {
    pub report: Report,
    pub findings: Vec<Finding>,
    pub unplaced: Vec<Unplaced>,
}

/// Reads one file; the error is a Chinese sentence for the user.
pub type Reader = dyn Fn(&Path) -> Result<Read, String> + Send + Sync;

/// One received report, checked.
pub struct Row {
    pub file: PathBuf,
    pub outcome: Result<Checked, String>,
}

pub struct Checked {
    pub report: Report,
    /// Every finding: the file's own (AUDIT-*) and the normal checks'.
    pub findings: Vec<Finding>,
    /// The file's own findings alone: what only the printed file shows.
    pub printed: Vec<Finding>,
    pub unplaced: Vec<Unplaced>,
    /// Last year's report of the same agency used for the cross-year checks.
    pub last_year: Option<PathBuf>,
}

impl Checked {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// The files to read under `paths`: files as given, folders searched for [`EXTENSIONS`]
/// (sorted by name, so two runs list them alike); what cannot be searched, with why.
pub fn files_in(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, 0, &mut files, &mut problems),
            Ok(_) => files.push(path.clone()),
            Err(e) => problems.push((path.clone(), format!("无法访问：{e}"))),
        }
    }
    if files.len() > MAX_FILES {
        problems.push((
            PathBuf::new(),
            format!(
                "共找到 {} 个文件，超过一次可处理的 {MAX_FILES} 个，只处理前 {MAX_FILES} 个。",
                files.len()
            ),
        ));
        files.truncate(MAX_FILES);
    }
    (files, problems)
}

fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>, problems: &mut Vec<(PathBuf, String)>) {
    if depth > MAX_DEPTH || files.len() > MAX_FILES {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push((dir.to_path_buf(), format!("无法读取文件夹：{e}")));
            return;
        }
    };
    let mut here: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            // Links are not followed: a link to a parent folder would never end.
            let kind = e.file_type().ok()?;
            (!kind.is_symlink()).then(|| (e.path(), kind.is_dir()))
        })
        .collect();
    here.sort();
    for (path, is_dir) in here {
        if is_dir {
            walk(&path, depth + 1, files, problems);
        } else if has_report_extension(&path) && !is_summary(&path) {
            files.push(path);
        }
    }
}

/// The name the app saves a summary under, without extension: such a file beside the reports
/// is left out of the next audit of the folder.
pub const SUMMARY_STEM: &str = "年报审核汇总";

fn is_summary(path: &Path) -> bool {
    path.file_stem()
        .is_some_and(|s| s.to_string_lossy().starts_with(SUMMARY_STEM))
}

fn has_report_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads every file of `files` and of `earlier` (reports used only as last year's), several at
/// once, calling `progress(done, total, file)` as each finishes; then checks each
/// of `files` against last year's report of the same agency when one was read.
pub fn audit(
    files: &[PathBuf],
    earlier: &[PathBuf],
    reader: Arc<Reader>,
    limits: Limits,
    progress: &(dyn Fn(usize, usize, &Path) + Sync),
) -> Vec<Row> {
    let all: Vec<PathBuf> = files.iter().chain(earlier).cloned().collect();
    let results: Vec<Mutex<Option<Result<Read, String>>>> =
        all.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..limits.threads.clamp(1, 16) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = all.get(i) else { break };
                    let read = read_guarded(&reader, file, limits.time_limit);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(read);
                    }
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, all.len(), file);
                }
            });
        }
    });
    let mut reads: Vec<Result<Read, String>> = results
        .into_iter()
        .map(|m| {
            m.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err("读取中断".to_string()))
        })
        .collect();
    // Last year's report for each: the same agency (spaces aside), the year before.
    let keys: Vec<Option<(String, u16)>> = reads
        .iter()
        .map(|r| r.as_ref().ok().and_then(|r| agency_year(&r.report)))
        .collect();
    let last_of = |i: usize| -> Option<usize> {
        let (agency, year) = keys[i].as_ref()?;
        keys.iter().position(|k| {
            k.as_ref()
                .is_some_and(|(a, y)| a == agency && *y + 1 == *year)
        })
    };
    let links: Vec<Option<usize>> = (0..files.len()).map(last_of).collect();
    let mut rows = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        let outcome = match &reads[i] {
            Err(e) => Err(e.clone()),
            Ok(read) => {
                let last = links[i]
                    .and_then(|j| reads[j].as_ref().ok())
                    .map(|r| &r.report);
                let mut findings = read.findings.clone();
                findings.extend(check::check(&read.report, last));
                Ok(Checked {
                    printed: read.findings.clone(),
                    report: read.report.clone(),
                    findings,
                    unplaced: read.unplaced.clone(),
                    last_year: links[i].map(|j| all[j].clone()),
                })
            }
        };
        rows.push(Row {
            file: file.clone(),
            outcome,
        });
    }
    reads.clear();
    rows
}

/// Reads one file on a thread of its own: a panic or an overrun of `limit` is that file's
/// error. A reader still running after the limit is left to finish on its own.
fn read_guarded(reader: &Arc<Reader>, file: &Path, limit: Duration) -> Result<Read, String> {
    let (send, receive) = mpsc::channel();
    let reader = Arc::clone(reader);
    let path = file.to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("nianbao-audit-read".into())
        .stack_size(READER_STACK)
        .spawn(move || {
            let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| reader(&path)))
                .unwrap_or_else(|_| Err("读取时程序内部出错，文件可能已损坏".to_string()));
            let _ = send.send(read);
        });
    if let Err(e) = spawned {
        return Err(format!("无法开始读取：{e}"));
    }
    match receive.recv_timeout(limit) {
        Ok(read) => read,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "读取超过 {} 秒仍未完成，文件可能已损坏，已跳过",
            limit.as_secs_f32()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("读取时程序内部出错，文件可能已损坏".to_string())
        }
    }
}

fn agency_year(report: &Report) -> Option<(String, u16)> {
    let agency: String = report
        .meta
        .agency
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Some((agency, report.meta.year.value()?)).filter(|(a, _)| !a.is_empty())
}

/// A key figure of the summary: its column head and its value in a report.
pub struct Figure {
    pub head: String,
    pub value: fn(&Report) -> String,
}

/// 新收, 办结, 结转, 复议, 诉讼 and 收费: what the receiving office compares across reports.
pub fn figures() -> Vec<Figure> {
    fn total(t: Total) -> String {
        match (t.complete, t.value) {
            (true, v) => v.to_string(),
            (false, 0) => "未填".to_string(),
            (false, v) => format!("{v}（不完整）"),
        }
    }
    vec![
        Figure {
            head: "新收".into(),
            value: |r| total(r.table3.cell(T3Row::NEW, T3Col::TOTAL)),
        },
        Figure {
            head: "办结".into(),
            value: |r| total(r.table3.cell(T3Row::TOTAL, T3Col::TOTAL)),
        },
        Figure {
            head: "结转".into(),
            value: |r| total(r.table3.cell(T3Row::CARRIED_OUT, T3Col::TOTAL)),
        },
        Figure {
            head: "复议".into(),
            value: |r| total(r.table4.cell(T4Group::Review, T4Col::Total)),
        },
        Figure {
            head: "诉讼".into(),
            value: |r| total(r.table4.litigation_total()),
        },
        Figure {
            head: format!("{FEE_LABEL}（{FEE_UNIT}）"),
            value: |r| match &r.table2.fee {
                Entry::Value(v) => v.to_string(),
                Entry::Blank => String::new(),
                Entry::Invalid(text) => text.clone(),
            },
        },
    ]
}

/// A file's 错误 cell when it could not be read; why is listed with the findings.
pub const UNREADABLE: &str = "无法读取";

/// The summary's columns before the key figures.
const HEAD: [&str; 5] = ["机关", "年度", "文件", "错误", "提示"];

/// The summary as rows of cells, head first: one row per file.
pub fn table(rows: &[Row]) -> Vec<Vec<String>> {
    let figures = figures();
    let mut out = vec![
        HEAD.iter()
            .map(|h| h.to_string())
            .chain(figures.iter().map(|f| f.head.clone()))
            .collect::<Vec<_>>(),
    ];
    for row in rows {
        let file = file_name(&row.file);
        out.push(match &row.outcome {
            Ok(c) => [
                c.report.meta.agency.clone(),
                c.report
                    .meta
                    .year
                    .value()
                    .map_or(String::new(), |y| y.to_string()),
                file,
                c.count(Severity::Error).to_string(),
                c.count(Severity::Warning).to_string(),
            ]
            .into_iter()
            .chain(figures.iter().map(|f| (f.value)(&c.report)))
            .collect(),
            Err(_) => [String::new(), String::new(), file, UNREADABLE.to_string()]
                .into_iter()
                .chain(std::iter::repeat_n(String::new(), 1 + figures.len()))
                .collect(),
        });
    }
    out
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Every finding of every report as rows (file, agency, severity, rule, place, message), head
/// first.
pub fn finding_rows(rows: &[Row]) -> Vec<[String; 6]> {
    let mut out = vec![["文件", "机关", "级别", "规则", "位置", "说明"].map(String::from)];
    for row in rows {
        match &row.outcome {
            Ok(c) => {
                for f in &c.findings {
                    out.push([
                        file_name(&row.file),
                        c.report.meta.agency.clone(),
                        f.severity.label().to_string(),
                        f.rule.to_string(),
                        f.place.describe(),
                        f.message.clone(),
                    ]);
                }
            }
            Err(e) => out.push([
                file_name(&row.file),
                String::new(),
                Severity::Error.label().to_string(),
                String::new(),
                String::new(),
                format!("{UNREADABLE}：{e}"),
            ]),
        }
    }
    out
}

/// The summary and the findings as CSV, UTF-8 with a byte-order mark so that Excel and WPS
/// read the Chinese: the summary, a blank line, then the findings.
pub fn csv(rows: &[Row]) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    let blank: [&str; 0] = [];
    let written = table(rows)
        .iter()
        .try_for_each(|r| w.write_record(r))
        .and_then(|()| w.write_record(blank))
        .and_then(|()| {
            finding_rows(rows)
                .iter()
                .try_for_each(|r| w.write_record(r))
        });
    written.map_err(|e| e.to_string())?;
    w.into_inner().map_err(|e| e.to_string())
}

/// The summary for a terminal: columns aligned by display width (a Chinese character is two
/// columns), then each report's findings under its file name.
pub fn text(rows: &[Row]) -> String {
    use unicode_width::UnicodeWidthStr;
    let table = table(rows);
    let cols = table.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..cols)
        .map(|c| table.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in &table {
        for (c, cell) in r.iter().enumerate() {
            let pad = widths[c].saturating_sub(cell.width());
            let _ = write!(out, "{cell}{}  ", " ".repeat(pad));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    for row in rows {
        match &row.outcome {
            Ok(c) if !c.findings.is_empty() => {
                let _ = writeln!(
                    out,
                    "\n{}（{}）：",
                    file_name(&row.file),
                    c.report.meta.agency
                );
                for f in &c.findings {
                    let _ = writeln!(out, "  {f}");
                }
            }
            Ok(_) => {}
            Err(e) => {
                let _ = writeln!(out, "\n{}：{UNREADABLE}：{e}", file_name(&row.file));
            }
        }
    }
    out
}

/// The summary and the findings as one self-contained page, to open in a browser and print.
pub fn html(rows: &[Row]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>政府信息公开工作年度报告审核汇总</title>\n<style>\n\
         body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin:.5em 0 1.5em}\
         th,td{border:1px solid #888;padding:.2em .5em;text-align:left;vertical-align:top}\
         th{background:#eee}td.n{text-align:right}.error{color:#a00}\
         table.f td:nth-child(-n+2),table.f th{white-space:nowrap}\
         @media print{body{margin:0}h2{break-before:auto}tr{break-inside:avoid}}\n</style>\n</head>\n<body>\n\
         <h1>政府信息公开工作年度报告审核汇总</h1>\n",
    );
    let _ = writeln!(out, "<p>共 {} 份报告。</p>", rows.len());
    let table = table(rows);
    out.push_str("<table>\n");
    for (i, r) in table.iter().enumerate() {
        out.push_str("<tr>");
        for (c, cell) in r.iter().enumerate() {
            let (tag, class) = match (i, c) {
                (0, _) => ("th", ""),
                (_, c) if c >= 3 => ("td", " class=\"n\""),
                _ => ("td", ""),
            };
            let _ = write!(out, "<{tag}{class}>{}</{tag}>", escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    for row in rows {
        let name = escape(&file_name(&row.file));
        match &row.outcome {
            Err(e) => {
                let _ = writeln!(
                    out,
                    "<h2>{name}</h2>\n<p class=\"error\">{UNREADABLE}：{}</p>",
                    escape(e)
                );
            }
            Ok(c) => {
                let _ = writeln!(out, "<h2>{name}：{}</h2>", escape(&c.report.title()));
                if let Some(last) = &c.last_year {
                    let _ = writeln!(out, "<p>上年报告：{}</p>", escape(&file_name(last)));
                }
                if !c.unplaced.is_empty() {
                    let _ = writeln!(
                        out,
                        "<p>有 {} 段文字未能对应到模板中的位置。</p>",
                        c.unplaced.len()
                    );
                }
                if c.findings.is_empty() {
                    out.push_str("<p>未发现问题。</p>\n");
                    continue;
                }
                out.push_str(
                    "<table class=\"f\">\n<tr><th>级别</th><th>规则</th><th>位置</th><th>说明</th></tr>\n",
                );
                for f in &c.findings {
                    let class = if f.severity == Severity::Error {
                        " class=\"error\""
                    } else {
                        ""
                    };
                    let _ = writeln!(
                        out,
                        "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        f.severity.label(),
                        f.rule,
                        escape(&f.place.describe()),
                        escape(&f.message)
                    );
                }
                out.push_str("</table>\n");
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
