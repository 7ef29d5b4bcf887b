//! Typesetting read back by an outside tool: a stress draft (a 32-character agency, twenty pages
//! of prose full of addresses, e-mail, standard numbers, dates and counts, 5- and 7-digit table
//! values) exported with the bundled fonts and measured with `pdftotext -bbox`: the grid stays
//! where GB/T 9704 puts it, no line is letter-spaced beyond the cap, no number is split, the
//! title breaks after whole words, and table 四 reads row by row.

use crate::support::*;
use nianbao_core::model::{Date, Entry, MetaField, Report, Signoff};
use nianbao_core::template::{T3Col, T3Row, T4Col, T4Group};
use nianbao_print::layout::{LINE_PITCH, MARGIN_LEFT, MARGIN_TOP, TEXT_WIDTH, text};

const AGENCY: &str = "新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县人民政府办公室";

/// Paragraphs that once set badly: addresses in brackets, e-mail, standard numbers, dates,
/// counts with their units, percentages, marks side by side.
const PROSE: &[&str] = &[
    "本报告电子版可在本县政府门户网站（http://www.chabuchaer.gov.cn/col/col2025/index.html）“政府信息公开年度报告”专栏查阅或下载，如有疑问请发送电子邮件至zhengwugongkai2025@chabuchaer.gov.cn或致电0999—3621234。",
    "按照《中华人民共和国政府信息公开条例》、《中华人民共和国政府信息公开工作年度报告格式》和ISO 9001:2015、GB/T 9704-2012等标准的要求，本机关于2025年3月15日印发实施方案，全年共发布信息1234条、政策解读56件，办结率达到36.4%，较上年增长12.5%。",
    "二是加强平台建设。依托https://zwfw.xinjiang.gov.cn/portal/service?item=1024&lang=zh_CN统一受理，全年受理申请759件，其中自然人申请680件、法人或其他组织申请79件，均在20个工作日内答复。",
    "三是强化监督保障。将政务公开纳入年度绩效考核，考核权重为5%，组织培训4次、参训人员320人次，开展自查自纠2轮，整改问题18个，发布《关于进一步做好政务公开工作的通知》（察政办发〔2025〕12号）。",
];

fn stress_report() -> Report {
    let mut r = example();
    r.meta.agency = AGENCY.to_string();
    r.meta.year = Entry::Value(2025);
    r.meta.date = Some(Date {
        year: 2026,
        month: 1,
        day: 20,
    });
    let mut problems = Vec::new();
    for i in 0..100 {
        problems.push(format!("（{}）{}", i + 1, PROSE[i % PROSE.len()]));
    }
    r.problems = problems.join("\n");
    // A 7-digit total in table 三, 5-digit values in table 四 (the cases).
    r.table3
        .set(T3Row::NEW, T3Col::ALL[0], Entry::Value(1_158_870));
    r.table3.set(T3Row::NEW, T3Col::ALL[1], Entry::Value(6));
    let mut n = 0;
    for g in T4Group::ALL {
        for c in T4Col::ALL {
            if c != T4Col::Total {
                n += 1;
                r.table4.set(g, c, Entry::Value(n));
            }
        }
    }
    r.table4
        .set(T4Group::Review, T4Col::Kept, Entry::Value(12345));
    r
}

/// A word of `pdftotext -bbox`.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    text: String,
}

fn attr(line: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    line.split(&key)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in {line}"))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn words(path: &str) -> Vec<Word> {
    let out = run_tool("pdftotext", &["-bbox", path, "-"]);
    let mut page = 0;
    let mut words = Vec::new();
    for line in out.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        } else if line.starts_with("<word") {
            let text = line
                .split('>')
                .nth(1)
                .and_then(|t| t.split("</word").next())
                .unwrap_or_default();
            words.push(Word {
                page,
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                text: unescape(text),
            });
        }
    }
    words
}

/// The vertical centre of a word's box. Boxes come from each font's ascent and descent, so a
/// Latin word (Nianbao Serif) and a hanzi word on one baseline have different tops; their
/// centres are within a point of each other.
fn centre(w: &Word) -> f32 {
    (w.y0 + w.y1) / 2.0
}

/// Words grouped into lines (same page and centre), each sorted left to right.
fn lines(words: &[Word]) -> Vec<Vec<Word>> {
    let mut out: Vec<Vec<Word>> = Vec::new();
    for w in words {
        match out
            .iter_mut()
            .find(|l| l[0].page == w.page && (centre(&l[0]) - centre(w)).abs() < 2.0)
        {
            Some(l) => l.push(w.clone()),
            None => out.push(vec![w.clone()]),
        }
    }
    for l in &mut out {
        l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    out.sort_by(|a, b| {
        (a[0].page, centre(&a[0]))
            .partial_cmp(&(b[0].page, centre(&b[0])))
            .unwrap()
    });
    out
}

/// Ascent and descent of the Latin serif (Nianbao Serif, Liberation Serif's metrics: 1825 and
/// 443 of 2048 units), from which pdftotext makes the box of a word that starts in it.
const SERIF_ASCENT: f32 = 1825.0 / 2048.0;
const SERIF_DESCENT: f32 = 443.0 / 2048.0;
/// The hanzi faces' em box runs from 0.88 em above the baseline to 0.12 below.
const EM_ASCENT: f32 = 0.88;

/// Where the 3号 em box of the word's line has its top, if the word is 3号 type: its own top
/// for a word in a CJK face (a 16 pt box), else the top from its baseline for a word that
/// starts in the Latin serif (a box 1.107 em high).
fn em_top(w: &Word) -> Option<f32> {
    let h = w.y1 - w.y0;
    if (h - 16.0).abs() < 0.5 {
        return Some(w.y0);
    }
    if (h - 16.0 * (SERIF_ASCENT + SERIF_DESCENT)).abs() < 0.5 {
        let baseline = w.y1 - 16.0 * SERIF_DESCENT;
        return Some(baseline - 16.0 * EM_ASCENT);
    }
    None
}

fn is_hanzi(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Body lines: 3号 type (16 pt boxes, or the serif's box for a line that starts in it) inside the
/// text block, page numbers left out.
fn body_lines(all: &[Vec<Word>]) -> Vec<&Vec<Word>> {
    all.iter()
        .filter(|l| {
            em_top(&l[0]).is_some() && l[0].x0 >= MARGIN_LEFT - 0.3 && !l[0].text.starts_with('—')
        })
        .collect()
}

#[test]
fn a_stress_draft_sets_well_by_pdftotext() {
    let report = stress_report();
    let bytes = export(&report);
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "stress.pdf", &bytes);
    if let Ok(keep) = std::env::var("NIANBAO_KEEP_PDF") {
        std::fs::copy(&path, &keep).unwrap();
        // The draft too, to export with another build and compare.
        let draft = std::path::Path::new(&keep).with_extension("ron");
        std::fs::write(draft, nianbao_core::store::draft::to_ron(&report)).unwrap();
    }
    // NIANBAO_CHECK_PDF: measure a PDF of the same draft made by another build instead.
    let p =
        std::env::var("NIANBAO_CHECK_PDF").unwrap_or_else(|_| path.to_string_lossy().into_owned());
    let all = words(&p);
    let all_lines = lines(&all);
    let body = body_lines(&all_lines);
    assert!(body.len() > 20 * 22, "{} body lines", body.len());

    // The grid: every body line on a grid line (to 0.1 mm), starting at the left margin or
    // indented, never past the right edge of the text block.
    let tol = 0.1 * layout_mm();
    for l in &body {
        let Some(top) = em_top(&l[0]) else { continue };
        let line = (top + 8.0 - MARGIN_TOP) / LINE_PITCH - 0.5;
        assert!(
            (line - line.round()).abs() * LINE_PITCH < tol,
            "off the grid by {:.2} pt: {}",
            (line - line.round()).abs() * LINE_PITCH,
            l[0].text
        );
        let last = l.last().unwrap();
        // The last glyph's box is 0.21 pt wider than the grid pitch; a closing mark that gave
        // up its blank half at the line's end has only that half (no ink) past the edge.
        let blank = match last.text.chars().last() {
            Some(c) if "，。、；：”）》".contains(c) => 8.0,
            _ => 0.0,
        };
        assert!(
            last.x1 <= MARGIN_LEFT + TEXT_WIDTH + 0.25 + blank + tol,
            "{}: {l:?}",
            last.x1
        );
    }

    // Letter-spacing: inside a run of hanzi the pitch is at most the grid's plus the cap.
    let pitch = TEXT_WIDTH / 28.0;
    let mut worst = 0.0f32;
    for l in &body {
        for w in l.iter() {
            let n = w.text.chars().count();
            if n >= 2 && w.text.chars().all(is_hanzi) {
                let spacing = (w.x1 - w.x0 - 16.0) / (n - 1) as f32 - pitch;
                worst = worst.max(spacing);
            }
        }
        for pair in l.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let (Some(end), Some(start)) = (a.text.chars().last(), b.text.chars().next()) else {
                continue;
            };
            // The gap between two hanzi that pdftotext saw as separate words.
            if is_hanzi(end) && is_hanzi(start) {
                worst = worst.max(b.x0 - a.x1 + (16.0 - pitch));
            }
        }
    }
    assert!(
        worst <= text::MAX_LETTER_SPACE + 0.05,
        "letter-spaced by {worst:.2} pt"
    );

    // No number split across lines, none from its unit.
    let units = "年月日件条个次项人%％.";
    for pair in body.windows(2) {
        let end: String = pair[0].iter().map(|w| w.text.as_str()).collect();
        let start: String = pair[1].iter().map(|w| w.text.as_str()).collect();
        let (Some(e), Some(s)) = (end.chars().last(), start.chars().next()) else {
            continue;
        };
        assert!(
            !(e.is_ascii_digit() && (s.is_ascii_digit() || units.contains(s))),
            "number split: …{end} / {start}…"
        );
    }
    // The big table values are single words.
    for n in ["1158876", "12345"] {
        assert!(all.iter().any(|w| w.text == n), "{n} is split in its cell");
    }

    check_title(&all_lines, &report);

    // Table 四 reads row by row: its fifteen numbers together, in column order.
    let raw = squeeze(&run_tool("pdftotext", &["-raw", &p, "-"]));
    let row: String = T4Group::ALL
        .iter()
        .flat_map(|g| T4Col::ALL.iter().map(move |c| (*g, *c)))
        .map(|(g, c)| report.table4.cell(g, c).value.to_string())
        .collect();
    assert!(raw.contains(&row), "table 四 row {row} not in order");
}

fn layout_mm() -> f32 {
    nianbao_print::layout::MM
}

/// The title on page 1 (2号 lines) breaks only after an organ word, the year or a word of the
/// suffix, and its lines are no hourglass.
fn check_title(all_lines: &[Vec<Word>], report: &Report) {
    let title: Vec<String> = all_lines
        .iter()
        .filter(|l| l[0].page == 1 && l[0].y1 - l[0].y0 > 25.0)
        .map(|l| l.iter().map(|w| w.text.as_str()).collect())
        .collect();
    assert_eq!(title.concat(), report.title(), "{title:?}");
    assert!(title.len() >= 2, "{title:?}");
    let ends = [
        "自治区",
        "自治州",
        "自治县",
        "省",
        "市",
        "州",
        "盟",
        "县",
        "区",
        "旗",
        "乡",
        "镇",
        "街道",
        "人民政府",
        "办公室",
        "办事处",
        "局",
        "委员会",
        "中心",
        "年",
        "公开",
        "工作",
    ];
    for l in &title[..title.len() - 1] {
        assert!(
            ends.iter().any(|e| l.ends_with(e)),
            "title line {l:?}: {title:?}"
        );
    }
    let lens: Vec<usize> = title.iter().map(|l| l.chars().count()).collect();
    for w in lens.windows(3) {
        assert!(!(w[1] < w[0] && w[1] < w[2]), "hourglass title {title:?}");
    }
}

#[test]
fn short_and_long_titles_break_after_whole_words_by_pdftotext() {
    for agency in [
        "某某县某某局",
        "察布查尔锡伯自治县人民政府办公室",
        "某某市市场监督管理局",
        "某某省某某市某某区某某街道办事处",
    ] {
        let mut report = example();
        report.meta.agency = agency.to_string();
        report.meta.year = Entry::Value(2025);
        let bytes = export(&report);
        let dir = tempfile::tempdir().unwrap();
        let path = write_temp(&dir, "title.pdf", &bytes);
        let p = path.to_string_lossy().into_owned();
        let all = words(&p);
        check_title(&lines(&all), &report);
    }
}

/// The lines of the last page whose text, run together, is in `wanted` (the 落款's lines).
fn last_page_lines_of(all: &[Word], wanted: &[&str]) -> Vec<Vec<Word>> {
    let last = all.iter().map(|w| w.page).max().unwrap_or(0);
    let on_last: Vec<Word> = all.iter().filter(|w| w.page == last).cloned().collect();
    lines(&on_last)
        .into_iter()
        .filter(|l| {
            let text: String = l.iter().map(|w| w.text.as_str()).collect();
            wanted
                .iter()
                .any(|w| w.contains(&text) && text.chars().count() >= 2)
        })
        .collect()
}

#[test]
fn a_signoff_prints_the_name_two_characters_in_and_the_date_centred_under_it() {
    let pitch = TEXT_WIDTH / 28.0;
    let right = MARGIN_LEFT + TEXT_WIDTH;
    let dir = tempfile::tempdir().unwrap();
    let date = "2026年1月20日";
    for agency in ["金乡县人民政府办公室", "某县局", AGENCY] {
        let mut report = example();
        report.meta.agency = agency.to_string();
        report.meta.date = Date::parse(date);
        report.meta.signoff = Signoff::NameAndDate;
        let path = write_temp(&dir, "signed.pdf", &export(&report));
        let found = last_page_lines_of(&words(&path.to_string_lossy()), &[agency, date]);
        let (date_line, name_lines) = found.split_last().expect("the 落款 is printed");
        let date_line: String = date_line.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(date_line, date, "{agency}: {found:?}");
        let name: String = name_lines
            .iter()
            .flatten()
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(name, agency, "{found:?}");
        let edges = |l: &[Word]| (l[0].x0, l.last().unwrap().x1);
        let (d0, d1) = edges(&found[found.len() - 1]);
        let (n0, n1) = edges(&found[found.len() - 2]);
        // Glyph boxes are 16 pt on a 15.79 pt pitch: allow that and a little.
        let tol = 0.5;
        if (d1 - d0) <= (n1 - n0) {
            assert!(
                (n1 - (right - 2.0 * pitch)).abs() < tol,
                "{agency}: name ends at {n1}"
            );
            assert!(
                ((d0 + d1) / 2.0 - (n0 + n1) / 2.0).abs() < tol,
                "{agency}: date {d0}–{d1} not centred under name {n0}–{n1}"
            );
        } else {
            // The date is the longer: it stands two characters in, the name centred over it.
            assert!(
                (d1 - (right - 2.0 * pitch)).abs() < tol,
                "{agency}: date ends at {d1}"
            );
            assert!(((d0 + d1) / 2.0 - (n0 + n1) / 2.0).abs() < tol);
        }
        for l in name_lines {
            assert!(l.last().unwrap().x1 <= right - 2.0 * pitch + tol, "{l:?}");
        }
        // One blank grid line above the block, and its lines on consecutive grid lines.
        let tops: Vec<f32> = found.iter().filter_map(|l| em_top(&l[0])).collect();
        assert_eq!(tops.len(), found.len(), "{found:?}");
        for pair in tops.windows(2) {
            assert!((pair[1] - pair[0] - LINE_PITCH).abs() < 0.1, "{tops:?}");
        }
    }
    // The date alone stands four characters in.
    let mut report = example();
    report.meta.date = Date::parse(date);
    let path = write_temp(&dir, "dated.pdf", &export(&report));
    let found = last_page_lines_of(&words(&path.to_string_lossy()), &[date]);
    let d1 = found[0].last().unwrap().x1;
    assert!(
        (d1 - (right - 4.0 * pitch)).abs() < 0.5,
        "date ends at {d1}"
    );
}

#[test]
fn a_title_broken_by_hand_prints_so_and_one_too_long_falls_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut report = example();
    report.meta.title_lines = "金乡县人民政府办公室2021年/政府信息公开工作年度报告".into();
    let path = write_temp(&dir, "title.pdf", &export(&report));
    let title_lines: Vec<String> = lines(&words(&path.to_string_lossy()))
        .into_iter()
        .filter(|l| l[0].page == 1 && (l[0].y1 - l[0].y0) > 20.0)
        .map(|l| l.iter().map(|w| w.text.as_str()).collect())
        .collect();
    assert_eq!(
        title_lines[..2],
        ["金乡县人民政府办公室2021年", "政府信息公开工作年度报告"]
    );
    // A line wider than the text block: the automatic breaking, and a warning naming the field.
    report.meta.title_lines = "金乡县人民政府办公室2021年政府信息公开工作/年度报告".into();
    let exported = nianbao_print::export(&report, nianbao_print::Format::Pdf, &bundled()).unwrap();
    let warnings = exported.summary.warnings;
    assert!(
        warnings
            .iter()
            .any(|w| w.contains(MetaField::TitleBreak.label())),
        "{warnings:?}"
    );
    let path = write_temp(&dir, "title2.pdf", &exported.bytes);
    let text = run_tool(
        "pdftotext",
        &["-f", "1", "-l", "1", &path.to_string_lossy(), "-"],
    );
    assert!(!text.contains("公开工作\n年度报告"), "{text}");
}
