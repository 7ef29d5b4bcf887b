//! `nianbao compare`: the key figures of two years side by side, with a chart of the outcomes
//! drawn in the terminal.

use super::args::{Args, EXIT_USAGE, emit, load_or_report, usage_error};
use nianbao_core::yearly::{self, Comparison};
use std::path::Path;

/// `nianbao compare THIS.ron LAST.ron [--json]`: key figures of both years side by side.
pub fn run(args: &[std::ffi::OsString]) -> i32 {
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
            Ok(s) => emit(&format!("{s}\n")),
            Err(e) => {
                eprintln!("无法生成 JSON：{e}");
                return EXIT_USAGE;
            }
        }
    } else {
        emit(&to_text(&comparison));
    }
    0
}

/// Columns a string takes in a terminal: CJK and full-width characters take two, ASCII and the
/// block elements of the chart one.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c.is_ascii() || ('\u{2580}'..='\u{259F}').contains(&c) {
                1
            } else {
                2
            }
        })
        .sum()
}

fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(display_width(s))))
}

fn pad_left(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(display_width(s))))
}

/// Width of the longest bar of the chart, in terminal columns.
pub const CHART_WIDTH: usize = 30;

/// A bar of `value` against `max`, in eighths of a block so that small differences show.
fn bar(value: u64, max: u64) -> String {
    const PARTIAL: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    if value == 0 || max == 0 {
        return String::new();
    }
    let eighths = u128::from(value) * (CHART_WIDTH as u128) * 8 / u128::from(max);
    // A non-zero value never vanishes from the chart.
    let eighths = usize::try_from(eighths).unwrap_or(CHART_WIDTH * 8).max(1);
    let mut s = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        s.push(PARTIAL[eighths % 8]);
    }
    s
}

/// The comparison as plain text for a terminal: a table of both years with the change, and a
/// bar chart of the application outcomes.
pub fn to_text(c: &Comparison) -> String {
    let last = c.last_name();
    let this = c.this_name();
    let label_w = c
        .figures
        .iter()
        .map(|f| display_width(&f.label))
        .max()
        .unwrap_or(0)
        .max(4);
    // Wide enough for the widest value and a space before it, so that two long numbers never
    // run together ("59237.2449" "72701.2578").
    let value_w = c
        .figures
        .iter()
        .flat_map(|f| [f.format_value(f.last), f.format_value(f.this)])
        .map(|v| display_width(&v))
        .chain([display_width(&last), display_width(&this)])
        .max()
        .unwrap_or(0)
        .max(8)
        + 2;
    let mut out = format!("与上年对比（{last} → {this}）\n");
    out.push_str(&format!(
        "{}{}{}  {}\n",
        pad("项目", label_w),
        pad_left(&last, value_w),
        pad_left(&this, value_w),
        "增减"
    ));
    for f in &c.figures {
        out.push_str(&format!(
            "{}{}{}  {}\n",
            pad(&f.label, label_w),
            pad_left(&f.format_value(f.last), value_w),
            pad_left(&f.format_value(f.this), value_w),
            f.format_change()
        ));
    }
    out.push_str("\n申请办理结果（件）\n");
    let max = c.chart_max();
    let chart_label_w = c
        .chart_figures()
        .map(|f| display_width(&f.label))
        .max()
        .unwrap_or(0);
    let year_w = display_width(&last).max(display_width(&this));
    for f in c.chart_figures() {
        for (i, (year, v)) in [(&last, f.last), (&this, f.this)].into_iter().enumerate() {
            let name = if i == 0 { f.label.as_str() } else { "" };
            let shown = match v {
                Some(v) => format!("{} {v}", bar(v, max)),
                None => "未填全".to_string(),
            };
            out.push_str(&format!(
                "{} {} {}\n",
                pad(name, chart_label_w),
                pad(year, year_w),
                shown.trim_start()
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::model::{Entry, Report};
    use nianbao_core::template::{T3Col, T3Row};

    fn example() -> Report {
        match nianbao_core::example::report() {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn the_comparison_draws_a_table_and_a_chart() {
        let last = example();
        let mut now = yearly::new_from_last(&last, None);
        now.fill_blanks_with_zero();
        now.table3.set(T3Row::NEW, T3Col::NATURAL, Entry::Value(7));
        now.table3.set(T3Row::OPEN, T3Col::NATURAL, Entry::Value(7));
        let c = yearly::compare(&now, &last);
        let text = to_text(&c);
        assert!(text.contains("2021年 → 2022年"), "{text}");
        assert!(text.contains("申请办理结果"), "{text}");
        // The largest value, 予以公开 7 this year, gets the full bar.
        assert!(
            text.contains(&format!("{} 7", "█".repeat(CHART_WIDTH))),
            "{text}"
        );
        let open_last = text
            .lines()
            .find(|l| l.starts_with("予以公开") && l.contains("2021年"))
            .unwrap_or_else(|| panic!("no 予以公开 line for 2021: {text}"));
        assert!(
            open_last.contains('█') && open_last.ends_with(" 4"),
            "{text}"
        );

        let fresh = to_text(&yearly::compare(&yearly::new_from_last(&last, None), &last));
        assert!(fresh.contains("未填全"), "{fresh}");
    }
}
