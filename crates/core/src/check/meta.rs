//! META and PREFACE: what the title and the opening paragraphs need.

use super::{Findings, Rule};
use crate::model::{Entry, InputError, MetaField, Place, Prose, Report};

pub(super) fn check(r: &Report, f: &mut Findings) {
    if r.meta.agency.trim().is_empty() {
        f.error(
            Rule::Meta,
            Place::Meta(MetaField::Agency),
            "机关名称未填写，报告标题需要它。".into(),
        );
    }
    match &r.meta.year {
        Entry::Blank => f.error(
            Rule::Meta,
            Place::Meta(MetaField::Year),
            "年度未填写，报告标题和统计期限需要它。".into(),
        ),
        Entry::Invalid(text) => f.error(
            Rule::Meta,
            Place::Meta(MetaField::Year),
            format!(
                "年度“{}”不是有效的年份：{}。报告标题和统计期限需要它。",
                text.trim(),
                InputError::NotAYear
            ),
        ),
        Entry::Value(_) => {}
    }
    if !r.meta.title_lines.trim().is_empty() && r.meta.title_lines_for(&r.title()).is_none() {
        f.warn(
            Rule::Meta,
            Place::Meta(MetaField::TitleBreak),
            format!(
                "标题分行“{}”与报告标题“{}”的文字不一致（机关名称或年度改过？），打印时按自动分行。请重新输入，或清空。",
                r.meta.title_lines.trim(),
                r.title()
            ),
        );
    }
    if r.preface.trim().is_empty() {
        f.warn(
            Rule::Preface,
            Place::Prose(Prose::Preface),
            "开头说明段落为空。通常写明编制依据、六部分内容、统计期限、查阅网址和联系方式，可在“基本信息”中一键生成。".into(),
        );
    }
}
