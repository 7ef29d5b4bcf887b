//! The command line: `nianbao check`, and the usage text. Each subcommand is a function that
//! returns the process exit code; it prints to stdout and stderr itself.

use crate::draft;
use crate::rules::{self, Finding, Severity};
use crate::sentences;
use crate::yearly;
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
  nianbao new --from 上年.ron -o 新草稿.ron [--force]
                                   以上年报告为起点新建下一年度的草稿
  nianbao compare 本年.ron 上年.ron [--json]
                                   与上年报告对比主要数据
  nianbao sentences 草稿.ron [--decimals 1]
                                   根据表格生成总体情况中的数据句子
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
        // With last year's report at hand, the reviewer also sees what moved.
        if let Some(last) = &last {
            println!();
            print!("{}", yearly::compare(&report, last).to_text());
        }
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

/// Prints the usage after an argument error and returns [`EXIT_USAGE`].
fn usage_error(message: &str) -> i32 {
    if !message.is_empty() {
        eprintln!("{message}");
    }
    eprintln!("\n{USAGE}");
    EXIT_USAGE
}

/// `nianbao new --from LAST.ron -o NEW.ron [--force]`: a new draft for the next year, started
/// from last year's (see [`yearly::new_from_last`]).
pub fn new_from_last(args: &[String]) -> i32 {
    let args = match Args::parse(args, &["--from", "-o", "--output"]) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let unknown = args.unknown(&["--from", "-o", "--output", "--force"]);
    if !unknown.is_empty() {
        return usage_error(&format!("不认识的选项：{}", unknown.join(" ")));
    }
    let (Some(from), Some(out)) = (args.value(&["--from"]), args.value(&["-o", "--output"])) else {
        return usage_error("请用 --from 指定上年报告草稿，用 -o 指定新草稿的文件名。");
    };
    if !args.positional.is_empty() {
        return usage_error(&format!("多余的参数：{}", args.positional.join(" ")));
    }
    let (from, out) = (PathBuf::from(from), PathBuf::from(out));
    // Overwriting last year's own file would lose the very report the new one is checked against.
    let same_file = match (from.canonicalize(), out.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same_file {
        eprintln!(
            "新草稿不能保存为上年报告本身（{}），请换一个文件名。",
            out.display()
        );
        return EXIT_USAGE;
    }
    if out.exists() && !args.flag("--force") {
        eprintln!(
            "文件 {} 已存在，未覆盖。如确需覆盖，请加 --force。",
            out.display()
        );
        return EXIT_USAGE;
    }
    let Some(last) = load_or_report(&from) else {
        return EXIT_USAGE;
    };
    let mut report = yearly::new_from_last(&last, Some(&from));
    yearly::link_last_year(&mut report, &from, &out);
    if let Err(e) = draft::save(&report, &out) {
        eprintln!("{e}");
        return EXIT_USAGE;
    }
    let year = |y: u16| {
        if y == 0 {
            "（未填年度）".to_string()
        } else {
            format!(" {y} 年度")
        }
    };
    println!(
        "已根据{}报告新建{}草稿：{}",
        year(last.meta.year),
        year(report.meta.year),
        out.display()
    );
    println!("· 表三“上年结转”已按上年报告的“结转下年度继续办理”逐列填入；");
    println!("· 其余表格数字留空，请填写本年度数据（上年的现行有效件数仍用于跨年核对）；");
    println!(
        "· 已记住上年报告 {}，检查时自动作跨年核对。",
        report.last_year_draft.as_deref().unwrap_or_default()
    );
    let inherited = yearly::inherited_fields(&report, &last);
    if !inherited.is_empty() {
        println!("以下正文沿用了上年的内容，仅作起点，请结合本年度工作改写：");
        for place in inherited {
            println!("  - {}", place.describe());
        }
    }
    0
}

/// `nianbao compare THIS.ron LAST.ron [--json]`: key figures of both years side by side.
pub fn compare(args: &[String]) -> i32 {
    let args = match Args::parse(args, &[]) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let unknown = args.unknown(&["--json"]);
    if !unknown.is_empty() {
        return usage_error(&format!("不认识的选项：{}", unknown.join(" ")));
    }
    let [this, last] = args.positional.as_slice() else {
        return usage_error("请依次给出本年和上年的报告草稿。");
    };
    let (Some(this), Some(last)) = (
        load_or_report(Path::new(this)),
        load_or_report(Path::new(last)),
    ) else {
        return EXIT_USAGE;
    };
    let comparison = yearly::compare(&this, &last);
    if args.flag("--json") {
        match serde_json::to_string_pretty(&comparison) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("无法生成 JSON：{e}");
                return EXIT_USAGE;
            }
        }
    } else {
        print!("{}", comparison.to_text());
    }
    0
}

/// `nianbao sentences DRAFT.ron [--decimals N]`: the data sentences generated from the tables.
pub fn sentences(args: &[String]) -> i32 {
    let args = match Args::parse(args, &["--decimals"]) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let unknown = args.unknown(&["--decimals"]);
    if !unknown.is_empty() {
        return usage_error(&format!("不认识的选项：{}", unknown.join(" ")));
    }
    let [path] = args.positional.as_slice() else {
        return usage_error("请给出一个报告草稿。");
    };
    let mut options = sentences::Options::default();
    if let Some(d) = args.value(&["--decimals"]) {
        match d.parse::<u8>() {
            Ok(d) if d <= sentences::MAX_DECIMALS => options.decimals = d,
            _ => {
                return usage_error(&format!(
                    "--decimals 应为 0 到 {} 之间的整数，而不是“{d}”。",
                    sentences::MAX_DECIMALS
                ));
            }
        }
    }
    let Some(report) = load_or_report(Path::new(path)) else {
        return EXIT_USAGE;
    };
    let generated = sentences::generate(&report, &options);
    for p in &generated.paragraphs {
        println!(
            "【{}】建议放在：{}",
            p.topic.label(),
            p.topic.suggested_place().describe()
        );
        println!("{}\n", p.text);
    }
    for m in &generated.missing {
        println!("（{m}）");
    }
    0
}
