//! The command line: `nianbao check`, and the usage text. Each subcommand is a function that
//! returns the process exit code; it prints to stdout and stderr itself.

use crate::draft;
use crate::rules::{self, Finding, Severity};
use std::path::{Path, PathBuf};

/// Exit code for "the command ran, and the report has errors".
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code for "the command could not run": bad arguments, unreadable file.
pub const EXIT_USAGE: i32 = 2;

pub const USAGE: &str = "\
nianbao — 政府信息公开工作年度报告 编写、检查与打印

用法:
  nianbao                          打开桌面程序
  nianbao 草稿.ron                 打开桌面程序并打开该草稿
  nianbao check 草稿.ron [--last-year 上年.ron] [--json]
                                   检查报告，列出问题；有错误时退出码为 1
  nianbao export 草稿.ron -o 报告.pdf [--bundled-fonts]
                                   导出可打印的 PDF
  nianbao help                     显示本说明
";

/// Splits `args` into positional arguments and `--flag [value]` options.
pub struct Args {
    pub positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

impl Args {
    /// `valued` lists the options that take a value.
    pub fn parse(args: &[String], valued: &[&str]) -> Result<Args, String> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a.starts_with("--") || (a.starts_with('-') && a.len() == 2) {
                if valued.contains(&a.as_str()) {
                    let v = it
                        .next()
                        .ok_or_else(|| format!("选项 {a} 后面需要一个值"))?;
                    options.push((a.clone(), Some(v.clone())));
                } else {
                    options.push((a.clone(), None));
                }
            } else {
                positional.push(a.clone());
            }
        }
        Ok(Args {
            positional,
            options,
        })
    }

    pub fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(k, _)| k == name)
    }

    pub fn value(&self, names: &[&str]) -> Option<&str> {
        self.options
            .iter()
            .find(|(k, _)| names.contains(&k.as_str()))
            .and_then(|(_, v)| v.as_deref())
    }

    /// Options that are not in `known`: typos the user should hear about.
    pub fn unknown(&self, known: &[&str]) -> Vec<&str> {
        self.options
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !known.contains(k))
            .collect()
    }
}

/// Loads a draft for a command, printing the error in Chinese on failure.
pub fn load_or_report(path: &Path) -> Option<crate::model::Report> {
    match draft::load(path) {
        Ok(loaded) => {
            if loaded.newer_format {
                eprintln!(
                    "注意：{} 由较新版本的程序保存（格式版本 {}），本版本不认识的内容将被忽略。",
                    path.display(),
                    loaded.format_version
                );
            }
            Some(loaded.report)
        }
        Err(e) => {
            eprintln!("{e}");
            None
        }
    }
}

/// Resolves the last-year draft named by a report relative to the report's own folder.
pub fn resolve_beside(report_path: &Path, other: &str) -> PathBuf {
    let p = PathBuf::from(other);
    if p.is_absolute() {
        p
    } else {
        report_path.parent().map(|d| d.join(&p)).unwrap_or(p)
    }
}

/// `nianbao check DRAFT.ron [--last-year LAST.ron] [--json]`.
pub fn check(args: &[String]) -> i32 {
    let args = match Args::parse(args, &["--last-year"]) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\n\n{USAGE}");
            return EXIT_USAGE;
        }
    };
    let unknown = args.unknown(&["--last-year", "--json"]);
    if !unknown.is_empty() || args.positional.len() != 1 {
        if !unknown.is_empty() {
            eprintln!("不认识的选项：{}", unknown.join(" "));
        }
        eprintln!("{USAGE}");
        return EXIT_USAGE;
    }
    let path = PathBuf::from(&args.positional[0]);
    let Some(report) = load_or_report(&path) else {
        return EXIT_USAGE;
    };
    // An explicit --last-year wins; otherwise the draft may remember last year's file.
    let last_path = args.value(&["--last-year"]).map(PathBuf::from).or_else(|| {
        report
            .last_year_draft
            .as_deref()
            .map(|p| resolve_beside(&path, p))
    });
    let last = match &last_path {
        Some(p) => match load_or_report(p) {
            Some(r) => Some(r),
            None => return EXIT_USAGE,
        },
        None => None,
    };
    let findings = rules::check(&report, last.as_ref());
    if args.flag("--json") {
        print_json(&findings);
    } else {
        print_readable(&report.title(), &findings, last_path.as_deref());
    }
    if rules::has_errors(&findings) {
        EXIT_FINDINGS
    } else {
        0
    }
}

fn print_json(findings: &[Finding]) {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        finding: &'a Finding,
        location: String,
    }
    let out: Vec<Out> = findings
        .iter()
        .map(|finding| Out {
            finding,
            location: finding.place.describe(),
        })
        .collect();
    match serde_json::to_string_pretty(&out) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("无法生成 JSON：{e}"),
    }
}

fn print_readable(title: &str, findings: &[Finding], last: Option<&Path>) {
    println!("{title}");
    if let Some(p) = last {
        println!("（与上年报告 {} 作跨年核对）", p.display());
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    if findings.is_empty() {
        println!("检查通过：没有发现问题。");
        return;
    }
    for f in findings {
        println!("{f}");
    }
    println!("共 {errors} 个错误，{warnings} 个提示。");
}
