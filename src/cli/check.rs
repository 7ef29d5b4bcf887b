//! `nianbao check`: the findings of a draft, readable or as JSON.
//!
//! Exit codes: 0 no errors (and, with `--deny-warnings`, no unacknowledged warnings); 1 errors,
//! or unacknowledged warnings with `--deny-warnings`; 2 a usage error or a draft that cannot be
//! read. Output to a closed pipe (`| head`) ends quietly.

use super::args::{Args, EXIT_FINDINGS, EXIT_USAGE, USAGE, emit, load_or_report};
use crate::cli::safe_text;
use nianbao_core::check::{self, Reviewed, Severity};
use nianbao_core::model::Report;
use nianbao_core::yearly;
use std::fmt::Write as _;
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
    let unknown = args.unknown(&["--last-year", "--json", "--deny-warnings"]);
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
    let findings = check::review(&report, check::check(&report, last.as_ref()));
    if args.flag("--json") {
        emit(&json(&findings));
    } else {
        let mut text = readable(&report, &findings, last_path.as_deref(), last.as_ref());
        if let Some(last) = &last {
            text.push_str(&similarity_text(&check::similarity(&report, last)));
            // With last year's report at hand, the reviewer also sees what moved.
            text.push('\n');
            text.push_str(&crate::cli::compare::to_text(&yearly::compare(
                &report, last,
            )));
        }
        emit(&text);
    }
    let errors = findings
        .iter()
        .any(|f| f.finding.severity == Severity::Error);
    let open_warnings = findings
        .iter()
        .any(|f| f.finding.severity == Severity::Warning && f.acknowledged.is_none());
    if errors || (args.flag("--deny-warnings") && open_warnings) {
        EXIT_FINDINGS
    } else {
        0
    }
}

fn json(findings: &[Reviewed]) -> String {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        finding: &'a Reviewed,
        location: String,
    }
    let out: Vec<Out> = findings
        .iter()
        .map(|finding| Out {
            finding,
            location: finding.finding.place.describe(),
        })
        .collect();
    match serde_json::to_string_pretty(&out) {
        Ok(s) => format!("{s}\n"),
        Err(e) => {
            eprintln!("无法生成 JSON：{e}");
            String::new()
        }
    }
}

fn readable(
    report: &Report,
    findings: &[Reviewed],
    last_path: Option<&Path>,
    last: Option<&Report>,
) -> String {
    // Agency names and prose come from the file: never send their control characters to the
    // terminal.
    let mut s = String::new();
    let _ = writeln!(s, "{}", safe_text(&report.title()));
    if let Some(p) = last_path {
        let _ = writeln!(
            s,
            "（与上年报告 {} 作跨年核对）",
            safe_text(&p.display().to_string())
        );
    }
    let open: Vec<&Reviewed> = findings
        .iter()
        .filter(|f| f.acknowledged.is_none())
        .collect();
    let errors = open
        .iter()
        .filter(|f| f.finding.severity == Severity::Error)
        .count();
    let warnings = open.len() - errors;
    if open.is_empty() {
        let _ = writeln!(s, "检查通过：没有发现问题。");
    } else {
        for f in &open {
            let _ = writeln!(s, "{}", safe_text(&f.finding.to_string()));
        }
        let _ = writeln!(s, "共 {errors} 个错误，{warnings} 个提示。");
    }
    let acknowledged: Vec<&Reviewed> = findings
        .iter()
        .filter(|f| f.acknowledged.is_some())
        .collect();
    if !acknowledged.is_empty() {
        let _ = writeln!(
            s,
            "\n已核实的提示（{} 个，不计入上面的数目）：",
            acknowledged.len()
        );
        for f in acknowledged {
            let _ = writeln!(
                s,
                "{}\n    已核实：{}",
                safe_text(&f.finding.to_string()),
                safe_text(f.acknowledged.as_deref().unwrap_or_default())
            );
        }
    }
    let audit = check::prose_numbers(report, last);
    let unchecked: Vec<_> = audit.unchecked().collect();
    let _ = write!(s, "\n{}", audit.summary());
    if unchecked.is_empty() {
        let _ = writeln!(s, "。");
    } else {
        let _ = writeln!(s, "，请逐一人工核对：");
        for n in unchecked {
            let _ = writeln!(
                s,
                "  {}：“{}”（{}）",
                n.place.describe(),
                n.text,
                n.status.reason()
            );
        }
    }
    let _ = writeln!(s, "总体情况共 {} 字。", check::overview_chars(report));
    s
}

fn similarity_text(sim: &check::Similarity) -> String {
    let mut s = format!(
        "\n与上年报告的文字重复率（数字和数据句不计；评估中超过 {}% 会扣分）：\n",
        sim.line_percent
    );
    for section in &sim.sections {
        let _ = writeln!(s, "  {}：{}%", section.heading, section.overlap.percent());
    }
    let over = if sim.over_line() {
        "，超过评估线"
    } else {
        ""
    };
    let _ = writeln!(s, "  全文：{}%{over}", sim.whole.percent());
    s
}
