//! `nianbao sentences`: the data sentences generated from the tables.

use super::args::{Args, EXIT_USAGE, emit, load_or_report, usage_error};
use nianbao_core::model::Place;
use nianbao_core::sentences;
use nianbao_core::text::percent::MAX_DECIMALS;
use std::path::Path;

/// `nianbao sentences DRAFT.ron [--decimals N]`: the data sentences generated from the tables.
pub fn run(args: &[std::ffi::OsString]) -> i32 {
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
        let d = d.to_string_lossy();
        match d.parse::<u8>() {
            Ok(d) if d <= MAX_DECIMALS => options.decimals = d,
            _ => {
                return usage_error(&format!(
                    "--decimals 应为 0 到 {} 之间的整数，而不是“{d}”。",
                    MAX_DECIMALS
                ));
            }
        }
    }
    let Some(report) = load_or_report(Path::new(path)) else {
        return EXIT_USAGE;
    };
    let generated = sentences::generate(&report, &options);
    let mut out = String::new();
    for p in &generated.paragraphs {
        out.push_str(&format!(
            "【{}】建议放在：{}\n{}\n\n",
            p.topic.label(),
            Place::Prose(p.topic.suggested_place()).describe(),
            p.text
        ));
    }
    for m in &generated.missing {
        out.push_str(&format!("（{m}）\n"));
    }
    emit(&out);
    0
}
