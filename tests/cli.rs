//! The `nianbao` binary as a user runs it.

use nianbao_core::model::LastYearLink;
use nianbao_core::model::{Entry, Report};
use nianbao_core::store::draft;
use nianbao_core::template::{T2Cell, T3Col, T3Row, T4Col, T4Group};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/jinxiang-2021.ron")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn check_passes_the_example() {
    let o = run(&["check", example().to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("金乡县人民政府办公室2021年政府信息公开工作年度报告"));
    // The published report's own slips: 37% for 4 of 11, "发布规范性文件5件" against 制发 0,
    // a half-width comma in section 一, a half-width colon in the preface, "的的" in 五.
    assert!(out.contains("0 个错误，5 个提示"), "{out}");
    assert!(
        out.contains("正文中 8 处数字已与表格核对，0 处未能核对"),
        "{out}"
    );
    // Batch use: warnings nobody has looked at fail the run.
    let o = run(&[
        "check",
        example().to_str().expect("utf-8 path"),
        "--deny-warnings",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

#[test]
fn check_reports_a_changed_number_and_a_blank_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = fs::read_to_string(example()).expect("read example");
    // 自然人 receives one more application; 法律服务机构 of 二、上年结转 is emptied.
    let changed = text
        .replace("\"new\": (10, 1,", "\"new\": (11, 1,")
        .replace(
            "\"carried_in\": (0, 0, 0, 0, 0, 0)",
            "\"carried_in\": (0, 0, 0, 0, None, 0)",
        );
    assert_ne!(changed, text);
    let path = dir.path().join("changed.ron");
    fs::write(&path, changed).expect("write");
    let p = path.to_str().expect("utf-8 path");

    let o = run(&["check", p]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let bal: Vec<&str> = out.lines().filter(|l| l.contains("T3-BAL")).collect();
    assert_eq!(bal.len(), 1, "{out}");
    assert!(
        bal[0].contains("「自然人」列") && bal[0].contains("多 1"),
        "{out}"
    );
    let blank: Vec<&str> = out.lines().filter(|l| l.contains("NONBLANK")).collect();
    assert_eq!(blank.len(), 1, "{out}");
    assert!(
        blank[0].contains("二、上年结转政府信息公开申请数量 · 法律服务机构"),
        "{out}"
    );

    let o = run(&["check", p, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let rules: Vec<&str> = json
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(
        rules.contains(&"T3-BAL") && rules.contains(&"NONBLANK"),
        "{rules:?}"
    );
    let bal = json
        .as_array()
        .expect("an array")
        .iter()
        .find(|f| f["rule"] == "T3-BAL")
        .expect("T3-BAL");
    assert_eq!(bal["place"]["kind"], "table3_column");
    assert_eq!(bal["place"]["col"], "natural");
    assert_eq!(bal["severity"], "error");
}

#[test]
fn check_with_last_year() {
    let e = example();
    let e = e.to_str().expect("utf-8 path");
    // The example against itself: the years do not follow each other.
    let o = run(&["check", e, "--last-year", e]);
    assert!(stdout(&o).contains("X-YEAR"), "{}", stdout(&o));
}

#[test]
fn bad_files_and_arguments_give_chinese_errors_not_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.ron");
    fs::write(&broken, "(format_version: 1,\n  meta: (agency: \"x\",\n").expect("write");
    let o = run(&["check", broken.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("已损坏") && err.contains("行"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let o = run(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["check", "x.ron", "--nonsense"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--nonsense"));
    let o = run(&["check", "/no/such/file.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("文件不存在"));
}

/// Without a display the app says so in Chinese instead of crashing inside the toolkit.
#[cfg(all(feature = "gui", target_os = "linux"))]
#[test]
fn the_app_without_a_display_explains_itself() {
    let o = bin()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the binary runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("没有可用的图形界面"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// The example's next year, filled: more applications, one carried forward, a review case.
fn next_year() -> Report {
    let last = draft::load(&example()).expect("the example loads").report;
    let mut now = nianbao_core::yearly::new_from_last(&last, None);
    now.fill_blanks_with_zero();
    let natural = T3Col::NATURAL;
    now.table3.set(T3Row::NEW, natural, Entry::Value(14));
    now.table3.set(T3Row::OPEN, natural, Entry::Value(7));
    now.table3.set(T3Row::PARTIAL, natural, Entry::Value(1));
    // （四）1 本机关不掌握相关政府信息.
    let unable = nianbao_core::template::T3Group::Unable
        .rows()
        .next()
        .expect("a row");
    now.table3.set(unable, natural, Entry::Value(5));
    now.table3.set(T3Row::CARRIED_OUT, natural, Entry::Value(1));
    now.table4
        .set(T4Group::Review, T4Col::Kept, Entry::Value(1));
    now.table2.set(T2Cell::NormativeMade, Entry::Value(2));
    now.table2.set(T2Cell::NormativeValid, Entry::Value(10));
    now
}

#[test]
fn compare_and_check_print_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let now_path = dir.path().join("2022.ron");
    let mut now = next_year();
    now.last_year = Some(LastYearLink::absolute(&example()));
    draft::save(&now, &now_path).unwrap();
    let (n, l) = (
        now_path.to_str().unwrap(),
        example().to_str().unwrap().to_string(),
    );

    let o = run(&["compare", n, &l]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("本年新收") && out.contains("+3 (+27.3%)"),
        "{out}"
    );
    assert!(out.contains('█'), "{out}");

    let o = run(&["compare", n, &l, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["this_year"], 2022);
    assert_eq!(json["figures"][0]["key"], "new");
    assert_eq!(json["figures"][0]["this"], 14);

    // check finds last year's file by itself and appends the comparison.
    let o = run(&["check", n]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("与上年对比"), "{out}");
    // --json stays a plain list of findings.
    let o = run(&["check", n, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(json.is_array());

    let o = run(&["compare", n]);
    assert_eq!(o.status.code(), Some(2));

    let o = run(&["sentences", n]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("共新收政府信息公开申请14件"), "{out}");
    let o = run(&["sentences", n, "--decimals", "9"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn nianbao_new_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("jinxiang-2021.ron");
    std::fs::copy(example(), &last).unwrap();
    let new = dir.path().join("jinxiang-2022.ron");
    let (l, n) = (last.to_str().unwrap(), new.to_str().unwrap());

    let o = run(&["new", "--from", l, "-o", n]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("2022 年度"), "{out}");
    assert!(out.contains("沿用了上年"), "{out}");
    let made = draft::load(&new).unwrap().report;
    assert_eq!(made.meta.year, Entry::Value(2022));
    assert_eq!(
        made.last_year.as_ref().map(LastYearLink::stored).as_deref(),
        Some("jinxiang-2021.ron")
    );

    // The draft remembers last year's file: check runs the cross-year rules by itself.
    let o = run(&["check", n]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("作跨年核对"), "{out}");
    assert!(out.contains("X-COPY"), "{out}");
    assert!(out.contains("与上年对比"), "{out}");

    // No silent overwrite.
    let o = run(&["new", "--from", l, "-o", n]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("已存在"));
    let o = run(&["new", "--from", l, "-o", n, "--force"]);
    assert_eq!(o.status.code(), Some(0));
    // Never over last year's own file, not even with --force.
    let o = run(&["new", "--from", l, "-o", l, "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        draft::load(&last).unwrap().report.meta.year,
        Entry::Value(2021)
    );

    let o = run(&["new", "-o", n]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--from"));
    let o = run(&[
        "new",
        "--from",
        "/no/such.ron",
        "-o",
        dir.path().join("x.ron").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("文件不存在"));
}

#[test]
fn export_refuses_to_write_over_a_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().join("d.ron");
    fs::copy(example(), &d).expect("copy");
    let before = fs::read(&d).expect("read");
    let arg = d.to_str().expect("utf-8 path");
    let o = run(&["export", arg, "-o", arg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不能保存为它"));
    assert_eq!(
        fs::read(&d).expect("read"),
        before,
        "the draft is untouched"
    );
    // A draft under another name is protected too.
    let other = dir.path().join("other.txt");
    fs::copy(example(), &other).expect("copy");
    let o = run(&["export", arg, "-o", other.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
#[cfg(unix)]
fn a_file_name_that_is_not_utf8_works() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    // "某.ron" in GBK.
    let name = std::ffi::OsStr::from_bytes(b"\xc4\xb3.ron");
    let d = dir.path().join(name);
    fs::copy(example(), &d).expect("copy");
    let o = bin().arg("check").arg(&d).output().expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn check_does_not_send_control_characters_to_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().join("e.ron");
    let mut r = draft::load(&example()).expect("example").report;
    r.meta.agency = "某局\u{1b}]0;标题\u{7}\u{1b}[2J".into();
    draft::save(&r, &d).expect("save");
    let o = run(&["check", d.to_str().expect("utf-8")]);
    assert!(!o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07));
    assert!(stdout(&o).contains("某局"));
}

#[test]
fn export_writes_the_format_its_extension_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = example();
    let src = src.to_str().expect("utf-8");
    for (name, magic, said) in [
        ("报告.html", &b"<!DOCTYPE html>"[..], "已导出网页"),
        ("报告.HTM", b"<!DOCTYPE html>", "已导出网页"),
        ("报告.docx", b"PK", "已导出Word"),
        ("表格.xlsx", b"PK", "已导出Excel"),
    ] {
        let out = dir.path().join(name);
        let o = run(&["export", src, "-o", out.to_str().expect("utf-8")]);
        assert_eq!(o.status.code(), Some(0), "{name}: {o:?}");
        assert!(String::from_utf8_lossy(&o.stdout).contains(said), "{o:?}");
        assert!(
            fs::read(&out).expect("written").starts_with(magic),
            "{name}"
        );
    }
    // A name that says no format is refused, and nothing is written.
    let out = dir.path().join("报告.txt");
    let o = run(&["export", src, "-o", out.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不知道要导出成什么格式"));
    assert!(!out.exists());
}

/// What the PDF could not set as it should is said after the export, with its place: here a
/// total too long for its cell even in the smallest type.
#[test]
fn export_says_what_did_not_fit() {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-fit-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let text = std::fs::read_to_string(example()).expect("the example");
    let huge = "4294967295, ".repeat(5) + "4294967295";
    let draft = dir.join("大数.ron");
    std::fs::write(
        &draft,
        text.replace(
            "\"new\": (10, 1, 0, 0, 0, 0)",
            &format!("\"new\": ({huge})"),
        ),
    )
    .expect("written");
    let pdf = dir.join("大数.pdf");
    let o = run(&[
        "export",
        &draft.display().to_string(),
        "-o",
        &pdf.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", stdout(&o));
    let said = stdout(&o);
    assert!(
        said.contains("注意：表三") && said.contains("25769803770"),
        "{said}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// `audit` over a folder of received files: a table row per file, an unreadable file named
/// with why (exit 1: the batch has a file nobody could check), and the CSV for a spreadsheet.
#[test]
fn audit_sums_up_a_folder_and_names_what_it_cannot_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(example(), dir.path().join("jinxiang-2021.ron")).expect("copy");
    fs::write(dir.path().join("scan.pdf"), b"%PDF-1.4\n%%EOF").expect("write");
    let folder = dir.path().to_str().expect("utf-8 path");
    let o = run(&["audit", folder]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    let row = out
        .lines()
        .find(|l| l.starts_with("金乡县人民政府办公室"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        row.contains("2021") && row.contains("jinxiang-2021.ron"),
        "{row}"
    );
    let bad = out
        .lines()
        .find(|l| l.contains("scan.pdf"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(bad.contains("无法读取"), "{bad}");
    assert!(out.contains("scan.pdf：无法读取：无法导入"), "{out}");

    let csv = dir.path().join("汇总.csv");
    let o = run(&["audit", folder, "-o", csv.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(1));
    let bytes = fs::read(&csv).expect("the CSV is written");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    assert!(text.starts_with("机关,年度,文件,错误,提示,新收"), "{text}");

    let o = run(&["audit", dir.path().join("none").to_str().expect("utf-8")]);

    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn import_reads_a_word_file_into_a_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docx = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/jinxiang-2021.docx");
    let out = dir.path().join("导入.ron");
    let o = run(&[
        "import",
        docx.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    let text = stdout(&o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        text.contains("机关名称：金乡县人民政府办公室；年度：2021"),
        "{text}"
    );
    assert!(text.contains("表三 144/144 格"), "{text}");
    assert!(text.contains("全部内容都已放入草稿"), "{text}");
    let imported = draft::load(&out).expect("the draft loads").report;
    let example = draft::load(&example()).expect("example").report;
    assert_eq!(imported.table3, example.table3);
    assert_eq!(imported.table4, example.table4);
    assert_eq!(imported.preface, example.preface);
    // Not over an existing file without --force.
    let o = run(&[
        "import",
        docx.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
}

#[test]
fn import_says_what_only_the_printed_file_gets_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A web page whose table 四 prints 行政复议·总计 as 5 over 1 + 0 + 0 + 1.
    let page = "<html><body><h1>某县人民政府办公室2023年政府信息公开工作年度报告</h1>\
        <h2>四、政府信息公开行政复议、行政诉讼情况</h2><table>\
        <tr><th colspan=\"5\">行政复议</th><th colspan=\"10\">行政诉讼</th></tr>\
        <tr><td>1</td><td>0</td><td>0</td><td>1</td><td>5</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>\
        </table><p>扫描件见附件。</p></body></html>";
    let file = dir.path().join("report.html");
    fs::write(&file, page).expect("write");
    let out = dir.path().join("d.ron");
    let o = run(&[
        "import",
        file.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("AUDIT-TOTAL 表四 行政复议 · 总计：印出的总计为 5，但各项之和为 2"),
        "{text}"
    );
    assert!(text.contains("AUDIT-MISSING"), "{text}");
    assert!(text.contains("未能放入草稿的内容（1 处）"), "{text}");
    assert!(text.contains("扫描件见附件。"), "{text}");
    assert!(out.exists());
    // A file that is no report: a Chinese message, exit 2, no draft.
    let bad = dir.path().join("bad.docx");
    fs::write(&bad, "not a zip").expect("write");
    let out2 = dir.path().join("d2.ron");
    let o = run(&[
        "import",
        bad.to_str().expect("utf-8"),
        "-o",
        out2.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("不是 Word 文档"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!out2.exists());
    let o = run(&["import", bad.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
}

/// A report exported as PDF with the bundled fonts only (never the machine's).
fn pdf_of(report: &Report) -> Vec<u8> {
    let mut options = nianbao_print::ExportOptions::default();
    options.fonts.bundled_only = true;
    nianbao_print::export_pdf(report, &options).expect("the PDF export")
}

/// `audit` over a folder of our PDFs: two reports of one agency a year apart, read back from
/// print; the later one checked against the earlier (X-CARRY: its 上年结转 is not what the
/// earlier one carried forward), in the terminal table and in the CSV.
#[test]
fn audit_reads_a_folder_of_pdfs_and_checks_a_year_against_the_last() {
    let dir = tempfile::tempdir().expect("tempdir");
    let last = draft::load(&example()).expect("the example loads").report;
    let mut now = next_year();
    let natural = T3Col::NATURAL;
    let carried = match last.table3.get(T3Row::CARRIED_OUT, natural) {
        Entry::Value(v) => *v,
        other => panic!("the example carries {other:?}"),
    };
    now.table3
        .set(T3Row::CARRIED_IN, natural, Entry::Value(carried + 2));
    fs::write(dir.path().join("金乡-2021.pdf"), pdf_of(&last)).expect("write");
    fs::write(dir.path().join("金乡-2022.pdf"), pdf_of(&now)).expect("write");
    let folder = dir.path().to_str().expect("utf-8 path");

    let o = run(&["audit", folder]);
    let out = stdout(&o);
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("金乡县人民政府办公室"))
        .collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(
        rows.iter()
            .any(|r| r.contains("2021") && r.contains("金乡-2021.pdf")),
        "{out}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("2022") && r.contains("金乡-2022.pdf")),
        "{out}"
    );
    let later = out
        .split("\n金乡-2022.pdf")
        .nth(1)
        .unwrap_or_else(|| panic!("no findings for the later report: {out}"));
    let later = later.split("\n\n").next().unwrap_or_default();
    assert!(later.contains("X-CARRY"), "{out}");

    let csv = dir.path().join("汇总.csv");
    let o = run(&["audit", folder, "-o", csv.to_str().expect("utf-8 path")]);
    assert!(o.status.code().is_some(), "{}", stdout(&o));
    let bytes = fs::read(&csv).expect("the CSV is written");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let carry: Vec<&str> = text.lines().filter(|l| l.contains("X-CARRY")).collect();
    assert!(!carry.is_empty(), "{text}");
    assert!(
        carry.iter().all(|l| l.starts_with("金乡-2022.pdf,")),
        "{text}"
    );
}
