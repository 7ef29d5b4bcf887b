//! `nianbao check`: the findings of a draft, readable or as JSON.

use super::args::{Args, EXIT_FINDINGS, EXIT_USAGE, USAGE, load_or_report};
use crate::cli::safe_text;
use nianbao_core::check::{self, Finding, Severity};
use nianbao_core::yearly;
use std::path::{Path, PathBuf};

/// `nianbao check DRAFT.ron [--last-year LAST.ron] [--json]`.
pub fn run(args: &[std::ffi::OsString]) -> i32 {
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
    let last_path = args
        .value(&["--last-year"])
        .map(PathBuf::from)
        .or_else(|| report.last_year.as_ref().map(|l| l.resolve(Some(&path))));
    let last = match &last_path {
        Some(p) => match load_or_report(p) {
            Some(r) => Some(r),
            None => return EXIT_USAGE,
        },
        None => None,
    };
    let findings = check::check(&report, last.as_ref());
    if args.flag("--json") {
        print_json(&findings);
    } else {
        print_readable(&report.title(), &findings, last_path.as_deref());
        // With last year's report at hand, the reviewer also sees what moved.
        if let Some(last) = &last {
            println!();
            print!(
                "{}",
                crate::cli::compare::to_text(&yearly::compare(&report, last))
            );
        }
    }
    if check::has_errors(&findings) {
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
    // Agency names and prose come from the file: never send their control characters to the
    // terminal.
    println!("{}", safe_text(title));
    if let Some(p) = last {
        println!(
            "（与上年报告 {} 作跨年核对）",
            safe_text(&p.display().to_string())
        );
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
        println!("{}", safe_text(&f.to_string()));
    }
    println!("共 {errors} 个错误，{warnings} 个提示。");
}
