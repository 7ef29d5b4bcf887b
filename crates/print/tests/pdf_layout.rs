//! Layout units, tested with a fake font so they need no font files and no PDF writer.

use nianbao_core::model::{Place, Prose};
use nianbao_core::template::SectionKey;
use nianbao_print::compose::{Align, Block, Paragraph, Placed, Span, TableCell, TableSpec};
use nianbao_print::fonts::{FaceId, Glyph, GlyphSource, Role};
use nianbao_print::layout::table::{MIN_ROW, MeasuredTable};
use nianbao_print::layout::text::{self, NO_LINE_END, NO_LINE_START, TextStyle};
use nianbao_print::layout::{self, Item};

/// Where the test table and paragraph pretend to come from.
const TABLE: Place = Place::Section(SectionKey::Applications);
const BODY: Place = Place::Prose(Prose::Problems);

/// Every hanzi and full-width mark 1 em, everything else half an em; one face per role.
struct Mono;

impl GlyphSource for Mono {
    fn glyph(&self, role: Role, ch: char) -> Option<Glyph> {
        let advance = if (ch as u32) >= 0x2E80 || "“”‘’—…".contains(ch) {
            1.0
        } else {
            0.5
        };
        Some(Glyph {
            face: FaceId(role as usize),
            gid: (ch as u32 % 60_000) as u16 + 1,
            advance,
        })
    }
}

const STYLE: TextStyle = TextStyle {
    size: 10.0,
    tracking: 0.0,
};

fn lines_of(text: &str, width: f32) -> Vec<String> {
    let spans = [Span::new(Role::Body, text)];
    let mut units = text::units(&spans, STYLE, &Mono);
    let ranges = text::break_lines(&mut units, width, width);
    ranges
        .iter()
        .map(|r| {
            units[r.start..r.end]
                .iter()
                .flat_map(|u| u.glyphs.iter().map(|g| g.ch))
                .collect()
        })
        .collect()
}

#[test]
fn no_line_starts_with_closing_punctuation() {
    // Ten characters per line; the comma would start line two.
    let lines = lines_of("一二三四五六七八九十，一二三四五六七八九十。", 100.0);
    assert_eq!(lines[0], "一二三四五六七八九");
    assert_eq!(lines[1], "十，一二三四五六七八");
    for l in &lines {
        let first = l.chars().next().unwrap();
        assert!(
            !NO_LINE_START.contains(first),
            "line starts with {first}: {lines:?}"
        );
    }
}

#[test]
fn no_line_ends_with_opening_punctuation() {
    let lines = lines_of("一二三四五六七八九《十一》二三四五", 100.0);
    assert_eq!(lines[0], "一二三四五六七八九");
    assert!(lines[1].starts_with('《'), "{lines:?}");
    for l in &lines {
        let last = l.chars().last().unwrap();
        assert!(
            !NO_LINE_END.contains(last),
            "line ends with {last}: {lines:?}"
        );
    }
}

#[test]
fn numbers_words_and_urls_stay_whole() {
    // "2021" would straddle the edge at 100 pt: it moves down whole.
    let lines = lines_of("一二三四五六七八九2021年http://a.gov.cn/", 100.0);
    assert_eq!(lines[0], "一二三四五六七八九");
    assert!(lines[1].starts_with("2021年"), "{lines:?}");
    // The address breaks only after a dot or slash, with http:// kept with the host.
    assert!(lines.concat().contains("http://a.gov.cn/"), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("http://a.")), "{lines:?}");
    // Longer than a line: split by characters rather than overflow.
    let long = "x".repeat(50);
    let lines = lines_of(&long, 100.0);
    assert!(lines.iter().all(|l| l.len() <= 20), "{lines:?}");
    assert_eq!(lines.concat(), long);
}

fn glyph_lines(units: &[text::Unit], ranges: &[text::LineRange]) -> Vec<String> {
    ranges
        .iter()
        .map(|r| {
            units[r.start..r.end]
                .iter()
                .flat_map(|u| u.glyphs.iter().map(|g| g.ch))
                .collect()
        })
        .collect()
}

#[test]
fn justified_lines_fill_the_measure() {
    // Nine characters in 95 pt: 5 pt of slack over 8 gaps, under the cap.
    let spans = [Span::new(Role::Body, "一二三四五六七八九十一二")];
    let mut units = text::units(&spans, STYLE, &Mono);
    let ranges = text::break_lines(&mut units, 95.0, 95.0);
    let first = ranges[0];
    assert_eq!(first.end, 9);
    let glyphs = text::place_line(&units, first, 95.0, true);
    let last = glyphs.last().unwrap();
    assert!(
        (last.x + 10.0 - 95.0).abs() < 0.01,
        "ends at {}",
        last.x + 10.0
    );
    // Even gaps between characters.
    let gaps: Vec<f32> = glyphs.windows(2).map(|w| w[1].x - w[0].x).collect();
    assert!(gaps.iter().all(|g| (g - gaps[0]).abs() < 0.01), "{gaps:?}");
}

#[test]
fn a_loose_line_compresses_its_marks_before_it_letter_spaces() {
    // The comma after 九 may not start a line: rather than space 一…八 out by 10 pt, the line
    // takes 九， in by giving up the blank halves of its two commas.
    let spans = [Span::new(Role::Body, "一二三四五六七，八九，十一二三")];
    let mut units = text::units(&spans, STYLE, &Mono);
    let ranges = text::break_lines(&mut units, 100.0, 100.0);
    assert_eq!(glyph_lines(&units, &ranges)[0], "一二三四五六七，八九，");
    let glyphs = text::place_line(&units, ranges[0], 100.0, true);
    let last = glyphs.last().unwrap();
    // The last comma's ink (its left half) ends at the margin.
    assert!(last.x + 5.0 <= 100.01, "{}", last.x);
    // With nothing to compress, the gaps are letter-spaced by at most the cap, and the line
    // stays short rather than spaced out further.
    let spans = [Span::new(Role::Body, "一二三四五六七八九十，一二三四五")];
    let mut units = text::units(&spans, STYLE, &Mono);
    let ranges = text::break_lines(&mut units, 100.0, 100.0);
    assert_eq!(glyph_lines(&units, &ranges)[0], "一二三四五六七八九");
    let glyphs = text::place_line(&units, ranges[0], 100.0, true);
    for w in glyphs.windows(2) {
        assert!(w[1].x - w[0].x <= 10.0 + text::MAX_LETTER_SPACE + 0.01);
    }
}

#[test]
fn adjacent_marks_give_up_the_blank_between_them() {
    let spans = [Span::new(Role::Body, "《甲》、《乙》")];
    let units = text::units(&spans, STYLE, &Mono);
    let width: f32 = units.iter().map(|u| u.width).sum();
    // 》、《 takes two em, not three: 7 em − 1.
    assert!((width - 60.0).abs() < 0.01, "{width}");
}

#[test]
fn addresses_break_after_slashes_and_dots_and_numbers_keep_their_units() {
    let lines = lines_of(
        "网站一http://www.example.gov.cn/col/col2021/index.html查阅",
        100.0,
    );
    assert_eq!(lines[0], "网站一http://www.", "{lines:?}");
    for l in &lines {
        let first = l.chars().next().unwrap();
        assert!(
            !":/.".contains(first),
            "line starts with {first}: {lines:?}"
        );
        assert!(
            !l.ends_with("http://") && !l.ends_with("http:"),
            "{lines:?}"
        );
    }
    assert_eq!(
        lines.concat(),
        "网站一http://www.example.gov.cn/col/col2021/index.html查阅"
    );
    // 759条 and 2021年 never part.
    for text in [
        "一二三四五六七八九759条。",
        "一二三四五六七八九2021年度",
        "一二三四五六七八80余条",
    ] {
        let lines = lines_of(text, 100.0);
        let first = lines[1].chars().next().unwrap();
        assert!(first.is_ascii_digit(), "{text}: {lines:?}");
    }
}

#[test]
fn a_last_line_is_never_one_lone_character() {
    // 41 characters in lines of 20: the last would be alone; it gets a companion.
    let lines = lines_of(&"字".repeat(41), 200.0);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines.last().unwrap().chars().count(), 2, "{lines:?}");
    // With marks on the line before, it is taken in by compressing them.
    let lines = lines_of("一二三，四五六，七八九十一二三四五六七八九", 200.0);
    assert_eq!(lines.len(), 1, "{lines:?}");
}

#[test]
fn title_lines_are_balanced_at_the_sense_break() {
    let title = "某某县人民政府办公室2021年政府信息公开工作年度报告";
    let spans = [Span::new(Role::Title, title)];
    let mut units = text::units(&spans, STYLE, &Mono);
    // Suffix "政府信息公开工作年度报告" starts at glyph 15.
    let pref = text::unit_starting_at(&units, 15)
        .into_iter()
        .collect::<Vec<_>>();
    let ranges = text::balance_lines(&mut units, 200.0, &pref);
    assert_eq!(ranges.len(), 2);
    let w: Vec<f32> = ranges
        .iter()
        .map(|r| text::natural_width(&units, *r))
        .collect();
    assert!((w[0] - w[1]).abs() <= 20.0, "{w:?}");
    assert_eq!(ranges[1].start, pref[0]);
    // Greedy would have filled the first line: balancing gives a shorter one.
    let greedy = text::break_lines(&mut units, 200.0, 200.0);
    assert!(text::natural_width(&units, greedy[0]) > w[0]);
}

fn simple_table(rows: usize, keep: Vec<(usize, usize)>) -> TableSpec {
    let cell = |row: usize, col: usize, text: String| TableCell {
        place: TABLE,
        row,
        col,
        rowspan: 1,
        colspan: 1,
        text,
        role: Role::Body,
        size: 10.5,
        align: Align::Center,
        balanced: false,
    };
    let mut cells = vec![cell(0, 0, "表头甲".into()), cell(0, 1, "表头乙".into())];
    for r in 1..rows {
        cells.push(cell(r, 0, format!("第{r}行")));
        cells.push(cell(r, 1, r.to_string()));
    }
    TableSpec {
        cols: vec![200.0 / 442.2, 242.2 / 442.2],
        header_rows: 1,
        rows,
        cells,
        keep_together: keep,
    }
}

#[test]
fn tables_break_between_rows_and_keep_groups() {
    let spec = simple_table(41, vec![(5, 9)]);
    let m = MeasuredTable::measure(&spec, layout::TEXT_WIDTH, &Mono);
    // Room for the head and 5 rows on the first page, 20 rows on later ones.
    let row = MIN_ROW;
    let pieces = m.paginate(row * 6.5, row * 21.5);
    assert_eq!(pieces[0], (1, 5), "rows 5–8 are kept together: {pieces:?}");
    assert_eq!(pieces[1].0, 5);
    // Every body row is in exactly one piece, in order.
    let mut next = 1;
    for (s, e) in &pieces {
        assert_eq!(*s, next);
        next = *e;
    }
    assert_eq!(next, 41);
}

#[test]
fn header_rows_repeat_on_every_page() {
    let spec = simple_table(80, Vec::new());
    let blocks = vec![Placed {
        place: TABLE,
        block: Block::Table(spec),
    }];
    let doc = layout::layout_blocks(&blocks, &Mono);
    assert!(doc.pages.len() >= 3, "{} pages", doc.pages.len());
    for (i, page) in doc.pages.iter().enumerate() {
        let text = page.text();
        assert!(
            text.contains("表头甲表头乙"),
            "page {} lacks the head: {text}",
            i + 1
        );
        // Rules stay inside the text block.
        for item in &page.items {
            if let Item::Rule(r) = item {
                assert!(r.y1 <= layout::MARGIN_TOP + layout::TEXT_HEIGHT + 0.01);
            }
        }
    }
    let all: String = doc.pages.iter().map(|p| p.text()).collect();
    for r in 1..80 {
        assert_eq!(all.matches(&format!("第{r}行")).count(), 1, "row {r}");
    }
}

#[test]
fn body_text_sits_on_the_grid_with_page_numbers() {
    let para = Placed {
        place: BODY,
        block: Block::Paragraph(Paragraph {
            spans: vec![Span::new(Role::Body, "字".repeat(28 * 30))],
            indent: 2.0,
            keep_with_next: false,
        }),
    };
    let doc = layout::layout_blocks(&[para], &Mono);
    assert_eq!(doc.pages.len(), 2);
    let page1 = &doc.pages[0];
    let baselines: Vec<f32> = page1
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) if t.size == layout::SIZE_BODY => Some(t.baseline),
            _ => None,
        })
        .collect();
    assert_eq!(baselines.len(), 22, "22 lines per page");
    for w in baselines.windows(2) {
        assert!((w[1] - w[0] - layout::LINE_PITCH).abs() < 0.01);
    }
    // Page 1 (odd): number at the right, one character in; page 2 (even): at the left.
    let number_x = |p: &layout::Page| {
        p.items
            .iter()
            .find_map(|i| match i {
                Item::Text(t) if t.size == layout::SIZE_PAGE_NUMBER => Some(t.glyphs[0].x),
                _ => None,
            })
            .unwrap()
    };
    assert!(number_x(&doc.pages[0]) > layout::PAGE_WIDTH / 2.0);
    assert!((number_x(&doc.pages[1]) - (layout::MARGIN_LEFT + 14.0)).abs() < 0.01);
    assert!(doc.pages[1].text().contains("—2—"));
}

#[test]
fn a_table_never_starts_as_a_head_over_one_row_at_a_page_foot() {
    // Text that fills the page but for two grid lines, then a table.
    let para = Placed {
        place: BODY,
        block: Block::Paragraph(Paragraph {
            spans: vec![Span::new(Role::Body, "字".repeat(28 * 20))],
            indent: 0.0,
            keep_with_next: false,
        }),
    };
    let table = Placed {
        place: TABLE,
        block: Block::Table(simple_table(30, Vec::new())),
    };
    let doc = layout::layout_blocks(&[para, table], &Mono);
    assert!(
        !doc.pages[0].text().contains("表头甲"),
        "the table head was left alone at the foot of page 1"
    );
    assert!(doc.pages[1].text().contains("表头甲表头乙第1行"));
}

/// The lines of text items of a page, by baseline, each line's glyphs in x order.
fn page_lines(page: &layout::Page) -> Vec<(f32, String)> {
    let mut by_line: Vec<(f32, Vec<(f32, char)>)> = Vec::new();
    for item in &page.items {
        if let Item::Text(t) = item {
            let line = match by_line
                .iter_mut()
                .find(|(b, _)| (b - t.baseline).abs() < 0.5)
            {
                Some(l) => l,
                None => {
                    by_line.push((t.baseline, Vec::new()));
                    by_line.last_mut().unwrap()
                }
            };
            line.1.extend(t.glyphs.iter().map(|g| (g.x, g.ch)));
        }
    }
    by_line.sort_by(|a, b| a.0.total_cmp(&b.0));
    by_line
        .into_iter()
        .map(|(b, mut gs)| {
            gs.sort_by(|a, b| a.0.total_cmp(&b.0));
            (b, gs.into_iter().map(|(_, c)| c).collect())
        })
        .collect()
}

#[test]
fn titles_break_after_organ_words_in_a_trapezoid_or_diamond() {
    let long = "新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县人民政府办公室2025年政府信息公开工作年度报告";
    let short = "某某县某某局2025年政府信息公开工作年度报告";
    for (title, agency) in [
        (
            long,
            "新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县人民政府办公室",
        ),
        (short, "某某县某某局"),
    ] {
        let allowed = layout::title::allowed_breaks(title);
        let blocks = [Placed {
            place: Place::Title,
            block: Block::Title {
                text: title.to_string(),
                preferred_breaks: vec![agency.chars().count()],
                chosen_breaks: None,
            },
        }];
        let doc = layout::layout_blocks(&blocks, &Mono);
        let lines: Vec<String> = page_lines(&doc.pages[0])
            .into_iter()
            .filter(|(b, _)| *b < layout::MARGIN_TOP + 100.0)
            .map(|(_, l)| l)
            .collect();
        assert_eq!(lines.concat(), title, "{lines:?}");
        let mut at = 0;
        for l in &lines[..lines.len() - 1] {
            at += l.chars().count();
            assert!(
                allowed.contains(&at),
                "break at {at} not allowed: {lines:?}"
            );
        }
        let widths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
        for w in widths.windows(3) {
            assert!(!(w[1] < w[0] && w[1] < w[2]), "hourglass: {lines:?}");
        }
        assert!(
            !lines
                .iter()
                .any(|l| l.ends_with("锡伯") || l.ends_with("政"))
        );
    }
    // Never inside 市场, 自治, 人民政府; after 县 and 局.
    let a = layout::title::allowed_breaks("某某市市场监督管理局");
    assert_eq!(a, vec![3]);
}

fn cell(row: usize, col: usize, text: &str) -> TableCell {
    TableCell::plain(TABLE, row, col, text)
}

#[test]
fn a_number_never_breaks_in_its_cell_and_tables_read_row_by_row() {
    // Four columns of 30 pt; the cells listed column by column, as table 四 composes them.
    let w = 30.0 / layout::TEXT_WIDTH;
    let mut cells = Vec::new();
    for (col, (head, value)) in [
        ("结果维持", "1158876"),
        ("结果纠正", "12345"),
        ("其他", "0"),
        ("总计", "123456789012345678901234"),
    ]
    .into_iter()
    .enumerate()
    {
        cells.push(cell(0, col, head));
        cells.push(cell(1, col, value));
    }
    let spec = TableSpec {
        cols: vec![w; 4],
        header_rows: 1,
        rows: 2,
        cells,
        keep_together: Vec::new(),
    };
    let m = MeasuredTable::measure(&spec, layout::TEXT_WIDTH, &Mono);
    // The 24-digit total cannot fit even in the smallest type: one warning, at its place.
    assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
    let items = m.draw(&[(1, 2)], 0, 0.0, 0.0);
    let runs: Vec<&layout::TextRun> = items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    let text: String = runs
        .iter()
        .map(|t| t.glyphs.iter().map(|g| g.ch).collect::<String>())
        .collect();
    assert!(
        text.starts_with("结果维持结果纠正其他总计1158876"),
        "head row first, then the numbers: {text}"
    );
    // The 7-digit number is one run on one baseline, in smaller type.
    let big = runs
        .iter()
        .find(|t| t.glyphs.iter().map(|g| g.ch).collect::<String>() == "1158876")
        .expect("1158876 on one line");
    assert!(big.size < 10.5 && big.size >= 6.0, "{}", big.size);
    // Each rule once: no two collinear rules overlap.
    let rules: Vec<layout::Rule> = items
        .iter()
        .filter_map(|i| match i {
            Item::Rule(r) => Some(*r),
            _ => None,
        })
        .collect();
    for (i, a) in rules.iter().enumerate() {
        for b in &rules[i + 1..] {
            let horizontal = a.y0 == a.y1 && b.y0 == b.y1 && (a.y0 - b.y0).abs() < 0.01;
            let vertical = a.x0 == a.x1 && b.x0 == b.x1 && (a.x0 - b.x0).abs() < 0.01;
            if horizontal {
                assert!(a.x1.min(b.x1) < a.x0.max(b.x0), "{a:?} {b:?}");
            }
            if vertical {
                assert!(a.y1.min(b.y1) < a.y0.max(b.y0), "{a:?} {b:?}");
            }
        }
    }
    // Three horizontal rules (top, between the rows, bottom) and five vertical ones.
    assert_eq!(rules.len(), 8, "{rules:?}");
}

#[test]
fn the_gap_after_a_table_is_the_same_after_every_table() {
    let para = |text: &str| Placed {
        place: BODY,
        block: Block::Paragraph(Paragraph {
            spans: vec![Span::new(Role::Body, text)],
            indent: 2.0,
            keep_with_next: false,
        }),
    };
    let table = |rows: usize| Placed {
        place: TABLE,
        block: Block::Table(simple_table(rows, Vec::new())),
    };
    let blocks = [
        para("表前"),
        table(3),
        para("第一段"),
        table(5),
        para("第二段"),
    ];
    let doc = layout::layout_blocks(&blocks, &Mono);
    let page = &doc.pages[0];
    // Bottom rules of the tables, and the baselines of the text after them.
    let mut bottoms: Vec<f32> = Vec::new();
    let mut after: Vec<f32> = Vec::new();
    let mut last_rule = None;
    for item in &page.items {
        match item {
            Item::Rule(r) => last_rule = Some(r.y0.max(r.y1)),
            Item::Text(t) if t.size == layout::SIZE_BODY => {
                if let Some(b) = last_rule.take() {
                    bottoms.push(b);
                    after.push(t.baseline);
                }
            }
            _ => {}
        }
    }
    assert_eq!(bottoms.len(), 2, "{bottoms:?}");
    let gaps: Vec<f32> = bottoms.iter().zip(&after).map(|(b, a)| a - b).collect();
    assert!((gaps[0] - gaps[1]).abs() < 0.01, "{gaps:?}");
    // The text after a table stays on the grid.
    for a in after {
        let line = (a - layout::MARGIN_TOP - 0.38 * layout::SIZE_BODY) / layout::LINE_PITCH - 0.5;
        assert!((line - line.round()).abs() < 0.001, "{line}");
    }
}

#[test]
fn a_heading_is_never_left_alone_at_a_page_foot() {
    let para = |text: String, keep_with_next: bool| Placed {
        place: BODY,
        block: Block::Paragraph(Paragraph {
            spans: vec![Span::new(Role::Body, text)],
            indent: 0.0,
            keep_with_next,
        }),
    };
    // Twenty lines, the heading on line 21, then a paragraph whose first line would be alone
    // on line 22 (an orphan, so it moves on): the heading moves with it.
    let blocks = [
        para("字".repeat(28 * 20), false),
        para("（二）标题".into(), true),
        para("文".repeat(28 * 3), false),
    ];
    let doc = layout::layout_blocks(&blocks, &Mono);
    assert!(
        !doc.pages[0].text().contains("标题"),
        "{}",
        doc.pages[0].text()
    );
    assert!(doc.pages[1].text().contains("（二）标题文文"));
}

#[test]
fn a_very_long_title_full_of_organ_words_is_laid_out_quickly() {
    let title = format!("{}2025年政府信息公开工作年度报告", "某县".repeat(150));
    let blocks = [Placed {
        place: Place::Title,
        block: Block::Title {
            text: title.clone(),
            preferred_breaks: vec![300],
            chosen_breaks: None,
        },
    }];
    let start = std::time::Instant::now();
    let doc = layout::layout_blocks(&blocks, &Mono);
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    let all: String = doc.pages.iter().map(|p| p.text()).collect();
    assert!(all.contains("年度报告"));
}
