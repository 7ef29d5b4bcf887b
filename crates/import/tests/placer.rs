//! The placer on hand-made documents: what producers do to the tables, and the AUDIT findings.

use super::support::*;
use nianbao_core::check::{Finding, Rule};
use nianbao_core::model::{Cell as At, Entry, Place};
use nianbao_core::template::{SectionKey, T2Cell, T3Col, T3Row, T4Col, T4Group};
use nianbao_import::doc::{Block, Cell, Document, Located, Table};
use nianbao_import::{Imported, docx, import_document};
use nianbao_print::Format;

fn para(text: &str) -> Located {
    Located {
        page: None,
        block: Block::Paragraph(text.into()),
    }
}

fn cell(text: &str) -> Cell {
    Cell {
        text: text.into(),
        col_span: 1,
        row_span: 1,
    }
}

fn table(rows: &[&[&str]]) -> Located {
    Located {
        page: None,
        block: Block::Table(Table {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|t| cell(t)).collect())
                .collect(),
        }),
    }
}

/// The example as our Word export prints it, read back into blocks.
fn example_document() -> Document {
    match docx::read(&exported(&example(), Format::Docx)) {
        Ok(d) => d,
        Err(e) => panic!("cannot read the example's Word export: {e}"),
    }
}

fn tables_mut(doc: &mut Document) -> Vec<&mut Table> {
    doc.blocks
        .iter_mut()
        .filter_map(|b| match &mut b.block {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn with_rule(f: &[Finding], rule: Rule) -> Vec<&Finding> {
    f.iter().filter(|x| x.rule == rule).collect()
}

/// The row of a table whose first cells include `label`.
fn row_with<'a>(t: &'a mut Table, label: &str) -> &'a mut Vec<Cell> {
    match t
        .rows
        .iter_mut()
        .find(|r| r.iter().any(|c| c.text == label))
    {
        Some(r) => r,
        None => panic!("no row {label}"),
    }
}

#[test]
fn a_printed_total_that_does_not_add_up_is_found_at_that_total() {
    let mut doc = example_document();
    let mut tables = tables_mut(&mut doc);
    // Table 三: 一、本年新收 printed with a 总计 one too high, and the （七）总计 of 自然人 too.
    let new = row_with(tables[1], "一、本年新收政府信息公开申请数量");
    let total = new.last_mut().expect("a total cell");
    let printed: u32 = total.text.parse().expect("a number");
    total.text = (printed + 1).to_string();
    let seven = row_with(tables[1], "（七）总计");
    let natural = seven.len() - 7;
    seven[natural].text = "999".into();
    // Table 四: 行政复议's 总计 printed as 7.
    let t4 = tables[2].rows.last_mut().expect("the data row");
    t4[4].text = "7".into();
    let got: Imported = import_document(&doc);
    let totals = with_rule(&got.findings, Rule::AuditTotal);
    let places: Vec<Place> = totals.iter().map(|f| f.place).collect();
    assert_eq!(
        places,
        vec![
            Place::Cell(At::T3(T3Row::NEW, T3Col::TOTAL)),
            Place::Cell(At::T3(T3Row::TOTAL, T3Col::NATURAL)),
            Place::Cell(At::T3(T3Row::TOTAL, T3Col::TOTAL)),
            Place::Cell(At::T4(T4Group::Review, T4Col::Total)),
        ],
        "{totals:#?}"
    );
    assert!(
        totals[0].message.contains(&(printed + 1).to_string())
            && totals[0].message.contains(&printed.to_string()),
        "{}",
        totals[0].message
    );
    assert!(
        totals[3].message.contains("印出的总计为 7"),
        "{}",
        totals[3].message
    );
    // The cells themselves are read as printed: the draft derives its own totals.
    assert!(differences(&example(), &got.report).is_empty());
}

#[test]
fn a_report_of_title_and_table_four_only_says_what_is_missing() {
    let doc = Document {
        blocks: vec![
            para("某县人民政府办公室２０２３年政府信息公开工作年度报告"),
            para("四、政府信息公开行政复议、行政诉讼情况"),
            table(&[
                &["行政复议", "行政诉讼"],
                &[
                    "结果维持",
                    "结果纠正",
                    "其他结果",
                    "尚未审结",
                    "总计",
                    "未经复议直接起诉",
                    "复议后起诉",
                ],
                &[
                    "结果维持",
                    "结果纠正",
                    "其他结果",
                    "尚未审结",
                    "总计",
                    "结果维持",
                    "结果纠正",
                    "其他结果",
                    "尚未审结",
                    "总计",
                ],
                &[
                    "1", "0", "0", "1", "2", "０", "-", "/", "", "0", "3", "0", "0", "0", "4",
                ],
            ]),
        ],
    };
    let got = import_document(&doc);
    assert_eq!(got.report.meta.agency, "某县人民政府办公室");
    assert_eq!(got.report.meta.year, Entry::Value(2023));
    let t4 = &got.report.table4;
    assert_eq!(t4.get(T4Group::Review, T4Col::Kept), &Entry::Value(1));
    assert_eq!(
        t4.get(T4Group::LitigationDirect, T4Col::Corrected),
        &Entry::Value(0)
    );
    assert_eq!(
        t4.get(T4Group::LitigationDirect, T4Col::Other),
        &Entry::Value(0)
    );
    assert_eq!(
        t4.get(T4Group::LitigationDirect, T4Col::Pending),
        &Entry::Blank
    );
    let totals = with_rule(&got.findings, Rule::AuditTotal);
    assert_eq!(totals.len(), 1, "{totals:#?}");
    assert_eq!(
        totals[0].place,
        Place::Cell(At::T4(T4Group::LitigationAfterReview, T4Col::Total))
    );
    let missing: Vec<Place> = with_rule(&got.findings, Rule::AuditMissing)
        .iter()
        .map(|f| f.place)
        .collect();
    for key in [
        SectionKey::Overview,
        SectionKey::Proactive,
        SectionKey::Applications,
        SectionKey::Problems,
        SectionKey::Other,
    ] {
        assert!(
            missing.contains(&Place::Section(key)),
            "{key:?} {missing:?}"
        );
    }
    assert!(!missing.contains(&Place::Section(SectionKey::Review)));
    assert_eq!(
        with_rule(&got.findings, Rule::NonBlank).len(),
        1,
        "the - and / are said"
    );
}

#[test]
fn a_table_published_as_a_picture_is_said_and_kept() {
    let mut doc = example_document();
    let at = doc
        .blocks
        .iter()
        .position(|b| matches!(&b.block, Block::Table(t) if t.rows.len() > 20))
        .expect("table 三");
    doc.blocks[at].block = Block::Image;
    let got = import_document(&doc);
    let images = with_rule(&got.findings, Rule::AuditImage);
    assert_eq!(images.len(), 1, "{:#?}", got.findings);
    assert_eq!(images[0].place, Place::Section(SectionKey::Applications));
    assert!(
        got.unplaced
            .iter()
            .any(|u| u.text == "表格为图片，无法读取" && u.section.starts_with("三、")),
        "{:?}",
        got.unplaced
    );
    assert!(with_rule(&got.findings, Rule::AuditMissing).is_empty());
    assert_eq!(
        got.report.table3.get(T3Row::NEW, T3Col::NATURAL),
        &Entry::Blank
    );
}

#[test]
fn table_three_split_over_pages_with_or_without_its_head_reads_the_same() {
    for repeat_head in [true, false] {
        let mut doc = example_document();
        let at = doc
            .blocks
            .iter()
            .position(|b| matches!(&b.block, Block::Table(t) if t.rows.len() > 20))
            .expect("table 三");
        let Block::Table(whole) = doc.blocks[at].block.clone() else {
            unreachable!()
        };
        let mut second: Vec<Vec<Cell>> = if repeat_head {
            whole.rows[..3].to_vec()
        } else {
            Vec::new()
        };
        // The page breaks inside （三）不予公开: its merged label stays on the first page.
        second.extend(whole.rows[10..].iter().cloned());
        let first = Table {
            rows: whole.rows[..10].to_vec(),
        };
        doc.blocks[at].block = Block::Table(first);
        doc.blocks.insert(at + 1, para("— 4 —"));
        doc.blocks.insert(
            at + 2,
            Located {
                page: Some(5),
                block: Block::Table(Table { rows: second }),
            },
        );
        let got = import_document(&doc);
        let diff = differences(&example(), &got.report);
        assert!(
            diff.is_empty(),
            "repeat head {repeat_head}: {}",
            diff.join("\n")
        );
        assert!(got.unplaced.is_empty(), "{:?}", got.unplaced);
        assert!(got.findings.is_empty(), "{:?}", got.findings);
    }
}

#[test]
fn labels_the_template_does_not_print_are_said_and_tolerated() {
    let doc = Document {
        blocks: vec![
            para("某县人民政府办公室2023年政府信息公开工作年度报告"),
            para("二、主动公开政府信息情况"),
            table(&[
                &["第二十条第（一）项"],
                &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                &["规章", "0", "0", "0"],
                &["规范性文件", "２", "1", "１２"],
                &["第二十条第（五）项"],
                &[
                    "信息内容",
                    "本年新制作数量",
                    "本年新公开数量",
                    "对外公开总数量",
                ],
                &["行政许可", "5", "6", "7"],
            ]),
            para("三、收到和处理政府信息公开申请情况"),
            table(&[
                &[
                    "（三）不予公开",
                    "1、属于国家秘密",
                    "1",
                    "0",
                    "0",
                    "0",
                    "0",
                    "0",
                    "1",
                ],
                &["（六）其他处理", "2", "0", "0", "0", "0", "0", "2"],
                &[
                    "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                    "3",
                    "0",
                    "0",
                    "0",
                    "0",
                    "0",
                    "3",
                ],
            ]),
        ],
    };
    let got = import_document(&doc);
    let t2 = &got.report.table2;
    assert_eq!(t2.get(T2Cell::NormativeMade), &Entry::Value(2));
    assert_eq!(t2.get(T2Cell::NormativeValid), &Entry::Value(12));
    // A 2019 试行 head over 行政许可: other numbers, not read.
    assert_eq!(t2.get(T2Cell::Licensing), &Entry::Blank);
    assert!(
        got.unplaced.iter().any(|u| u.text.contains("行政许可")),
        "{:?}",
        got.unplaced
    );
    let t3 = &got.report.table3;
    assert_eq!(
        t3.get(T3Row::ALL[4], T3Col::NATURAL),
        &Entry::Value(1),
        "1、 read as 1."
    );
    assert_eq!(
        t3.get(T3Row::ALL[22], T3Col::NATURAL),
        &Entry::Value(2),
        "（六） in one row → 3.其他"
    );
    let labels: Vec<&str> = with_rule(&got.findings, Rule::AuditLabel)
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        labels.iter().any(|m| m.contains("“规范性文件”")),
        "{labels:#?}"
    );
    assert!(
        labels.iter().any(|m| m.contains("本年新制作数量")),
        "{labels:#?}"
    );
    assert!(
        labels.iter().any(|m| m.contains("（六）其他处理")),
        "{labels:#?}"
    );
    assert!(
        !labels.iter().any(|m| m.contains("国家秘密")),
        "1、 is the same label: {labels:#?}"
    );
    assert_eq!(
        t3.get(T3Row::ALL[20], T3Col::NATURAL),
        &Entry::Value(3),
        "group and item in one cell"
    );
    assert!(
        !labels.iter().any(|m| m.contains("逾期不补正")),
        "{labels:#?}"
    );
}
