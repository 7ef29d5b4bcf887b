//! What every subcommand shares: the usage text, exit codes, argument parsing, loading a draft
//! with a Chinese message.

use nianbao_core::model::Report;
use nianbao_core::store::draft;
use std::ffi::{OsStr, OsString};
use std::path::Path;

/// Exit code for "the command ran, and the report has errors".
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code for "the command could not run": bad arguments, unreadable file.
pub const EXIT_USAGE: i32 = 2;

pub const USAGE: &str = "\
nianbao — 政府信息公开工作年度报告 编写、检查与打印

用法:
  nianbao                          打开桌面程序
  nianbao 草稿.ron                 打开桌面程序并打开该草稿
  nianbao check 草稿.ron [--last-year 上年.ron] [--json] [--deny-warnings]
                                   检查报告，列出问题；有错误时退出码为 1
  nianbao export 草稿.ron -o 报告.pdf [--bundled-fonts]
                                   导出可打印的 PDF；-o 以 .html 结尾导出网页版，
                                   .docx 导出 Word 文档，.xlsx 导出表二至表四的 Excel 表格
  nianbao new --from 上年.ron -o 新草稿.ron [--force]
                                   以上年报告为起点新建下一年度的草稿
  nianbao import 报告.pdf|报告.docx|报告.html -o 草稿.ron [--force]
                                   把已发布的报告（PDF、Word 文档或保存的网页）读成草稿，
                                   列出未能放入草稿的内容和只有发布稿才有的问题；
                                   报告有错误时退出码为 1
  nianbao compare 本年.ron 上年.ron [--json]
                                   与上年报告对比主要数据
  nianbao sentences 草稿.ron [--decimals 1]
                                   根据表格生成总体情况中的数据句子
  nianbao audit 文件或文件夹… [--last-year 上年文件或文件夹]… [--csv | --html] [-o 汇总文件]
                                   审核收到的报告（PDF、Word、网页或草稿）：逐份检查，
                                   列出每份的主要数据和问题；有错误或无法读取时退出码为 1
  nianbao help                     显示本说明
";

/// Splits `args` into positional arguments and `--flag [value]` options. Arguments stay OS
/// strings: a file name need not be UTF-8 (GBK names unpacked from a zip on Linux).
pub struct Args {
    pub positional: Vec<OsString>,
    options: Vec<(String, Option<OsString>)>,
}

impl Args {
    /// `valued` lists the options that take a value.
    pub fn parse(args: &[OsString], valued: &[&str]) -> Result<Args, String> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let a = arg.to_string_lossy();
            if a.starts_with("--") || (a.starts_with('-') && a.chars().count() == 2) {
                let a = a.into_owned();
                if valued.contains(&a.as_str()) {
                    let v = it
                        .next()
                        .ok_or_else(|| format!("选项 {a} 后面需要一个值"))?;
                    options.push((a, Some(v.clone())));
                } else {
                    options.push((a, None));
                }
            } else {
                positional.push(arg.clone());
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

    pub fn value(&self, names: &[&str]) -> Option<&OsStr> {
        self.options
            .iter()
            .find(|(k, _)| names.contains(&k.as_str()))
            .and_then(|(_, v)| v.as_deref())
    }

    /// Every value of an option given more than once (`--last-year a --last-year b`).
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a OsStr> + 'a {
        self.options
            .iter()
            .filter(move |(k, _)| k == name)
            .filter_map(|(_, v)| v.as_deref())
    }

    /// The positional arguments as text, for messages.
    pub fn positional_text(&self) -> String {
        self.positional
            .iter()
            .map(|a| super::safe_text(&a.to_string_lossy()))
            .collect::<Vec<_>>()
            .join(" ")
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
pub fn load_or_report(path: &Path) -> Option<Report> {
    match draft::load(path) {
        Ok(loaded) => {
            for note in &loaded.notes {
                eprintln!(
                    "注意：{}：{}",
                    super::safe_text(&path.display().to_string()),
                    note
                );
            }
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
            eprintln!("{}", super::safe_text(&e.to_string()));
            None
        }
    }
}

/// Prints the usage after an argument error and returns [`EXIT_USAGE`].
pub(crate) fn usage_error(message: &str) -> i32 {
    if !message.is_empty() {
        eprintln!("{message}");
    }
    eprintln!("\n{USAGE}");
    EXIT_USAGE
}

/// Writes to stdout; a closed pipe is no error (the reader, e.g. `head`, has seen enough).
pub fn emit(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
