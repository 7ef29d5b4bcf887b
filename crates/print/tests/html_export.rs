//! The portal page in a real browser: headless Chromium loads the page and runs axe-core (the
//! accessibility checker) against WCAG 2.1 A/AA, which GB/T 37668-2019 follows for web content,
//! plus axe's best practices; the browser's own parse of the tables is checked against the
//! template's merges.

use crate::support::example;
use nianbao_core::model::Report;
use nianbao_print::html;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// axe-core as installed by .ci/run (`npm install --prefix .tools axe-core`), or where
/// `NIANBAO_AXE_CORE` points.
fn axe_script() -> PathBuf {
    if let Some(p) = std::env::var_os("NIANBAO_AXE_CORE") {
        return PathBuf::from(p);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.tools/node_modules/axe-core/axe.min.js")
}

/// Headless Chromium as the project runs it: no sandbox (root in CI), no GPU, no network, a
/// fresh profile.
fn chromium(profile: &Path) -> Command {
    let mut c = Command::new("chromium");
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]);
    c.arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// What the page reports back after axe ran: written into a <pre> that --dump-dom prints.
const HARNESS: &str = r#"<script src="axe.min.js"></script>
<script>
function report(o) { var p = document.createElement("pre"); p.id = "nianbao-result"; p.textContent = JSON.stringify(o); document.body.appendChild(p); }
var tables = Array.prototype.map.call(document.querySelectorAll("table"), function (t) {
  return { caption: t.caption ? t.caption.textContent : null, rows: t.rows.length,
    cells: Array.prototype.map.call(t.querySelectorAll("th,td"), function (c) {
      return [c.tagName, c.getAttribute("scope"), c.rowSpan, c.colSpan, c.parentNode.rowIndex, c.cellIndex, c.textContent]; }) };
});
var headings = Array.prototype.map.call(document.querySelectorAll("h1,h2,h3,h4,h5,h6"), function (h) { return h.tagName + " " + h.textContent; });
axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })
  .then(function (r) {
    report({ violations: r.violations.map(function (v) { return { id: v.id, help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(" "); }) }; }),
      passes: r.passes.map(function (v) { return v.id; }), tables: tables, headings: headings, lang: document.documentElement.lang, title: document.title });
  })
  .catch(function (e) { report({ error: String(e) }); });
</script>
"#;

/// Loads `page` (with the harness before </body>) in Chromium and returns what it reported.
fn run_in_browser(page: &str) -> Value {
    let axe = axe_script();
    assert!(
        axe.is_file(),
        "axe-core is needed for this test: {} is missing (.ci/run installs it with npm)",
        axe.display()
    );
    let dir = tempfile::tempdir().unwrap();
    if let Err(e) = std::fs::copy(&axe, dir.path().join("axe.min.js")) {
        panic!("cannot copy {}: {e}", axe.display());
    }
    let Some(at) = page.rfind("</body>") else {
        panic!("no </body> in the page")
    };
    let harnessed = format!("{}{HARNESS}{}", &page[..at], &page[at..]);
    let file = dir.path().join("page.html");
    std::fs::write(&file, harnessed).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = chromium(profile.path())
        .args(["--virtual-time-budget=20000", "--dump-dom"])
        .arg(format!("file://{}", file.display()))
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => panic!("chromium is needed for this test ({e}); .ci/run installs it"),
    };
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = r#"<pre id="nianbao-result">"#;
    let Some(from) = dom.find(start) else {
        panic!(
            "axe reported nothing; chromium said: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    };
    let rest = &dom[from + start.len()..];
    let json = &rest[..rest.find("</pre>").unwrap()];
    let json = json
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    match serde_json::from_str(&json) {
        Ok(v) => v,
        Err(e) => panic!("bad result from the page ({e}): {json}"),
    }
}

fn assert_accessible(result: &Value) {
    assert!(result.get("error").is_none(), "axe failed: {result}");
    let violations = result["violations"].as_array().unwrap();
    assert!(
        violations.is_empty(),
        "accessibility violations: {}",
        serde_json::to_string_pretty(violations).unwrap()
    );
    let passes: Vec<&str> = result["passes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    // The table rules actually ran on our tables (a rule that finds nothing to check passes
    // silently as "inapplicable", not here).
    for rule in [
        "th-has-data-cells",
        "td-headers-attr",
        "scope-attr-valid",
        "page-has-heading-one",
    ] {
        assert!(passes.contains(&rule), "{rule} did not run: {passes:?}");
    }
}

#[test]
fn the_standalone_page_passes_axe_in_chromium() {
    let report = example();
    let result = run_in_browser(&html::page(&report));
    assert_accessible(&result);
    assert_eq!(result["lang"], "zh-CN");
    assert_eq!(result["title"], report.title());
    check_structure(&report, &result);
}

#[test]
fn the_fragment_pasted_into_a_plain_portal_page_passes_axe() {
    // What a CMS makes of a paste: its own page (language, title, landmark) around our fragment.
    let report = example();
    let page = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>政府信息公开</title></head>\
         <body><main>{}</main></body></html>",
        html::fragment(&report)
    );
    let result = run_in_browser(&page);
    assert_accessible(&result);
    check_structure(&report, &result);
}

/// The headings outline and the three tables as the browser parsed them.
fn check_structure(report: &Report, result: &Value) {
    let headings: Vec<&str> = result["headings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(headings[0], format!("H1 {}", report.title()));
    let h2: Vec<&str> = headings
        .iter()
        .filter(|h| h.starts_with("H2 "))
        .copied()
        .collect();
    let want: Vec<String> = nianbao_core::template::SECTIONS
        .iter()
        .map(|s| format!("H2 {}", s.heading()))
        .collect();
    assert_eq!(h2, want);
    let tables = result["tables"].as_array().unwrap();
    let specs = [
        nianbao_print::compose::table2(report),
        nianbao_print::compose::table3(report),
        nianbao_print::compose::table4(report),
    ];
    assert_eq!(tables.len(), specs.len());
    for (t, spec) in tables.iter().zip(&specs) {
        assert!(t["caption"].as_str().is_some_and(|c| !c.is_empty()));
        assert_eq!(t["rows"].as_u64(), Some(spec.rows as u64));
        let cells = t["cells"].as_array().unwrap();
        assert_eq!(cells.len(), spec.cells.len());
        // Every cell of the template is where the template puts it, with its merge and text.
        for c in &spec.cells {
            let found = cells.iter().any(|b| {
                b[2].as_u64() == Some(c.rowspan as u64)
                    && b[3].as_u64() == Some(c.colspan as u64)
                    && b[4].as_u64() == Some(c.row as u64)
                    && b[6].as_str() == Some(c.text.as_str())
            });
            assert!(found, "cell {c:?} not in the browser's table");
        }
        // Every number is a data cell; every heading cell has a scope.
        for b in cells {
            match b[0].as_str() {
                Some("TH") => assert!(matches!(b[1].as_str(), Some("col" | "row")), "{b}"),
                Some("TD") => assert!(b[1].is_null(), "{b}"),
                other => panic!("{other:?}"),
            }
        }
    }
    // Table 三's result label spans its 22 rows.
    assert!(
        tables[1]["cells"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b[2].as_u64() == Some(22) && b[0] == "TH")
    );
}

#[test]
fn text_from_the_draft_is_escaped() {
    let mut report = example();
    report.meta.agency = "某局<script>alert(1)</script>&\"".into();
    report.problems = "问题<b>一</b>".into();
    let page = html::page(&report);
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<b>一</b>"));
    assert!(page.contains("某局&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;"));
    assert!(page.contains("问题&lt;b&gt;一&lt;/b&gt;"));
}

#[test]
fn plain_text_fallback_has_the_paragraphs_and_table_rows() {
    let report = example();
    let text = html::plain_text(&report);
    assert!(text.starts_with(&report.title()));
    for s in &nianbao_core::template::SECTIONS {
        assert!(text.contains(&s.heading()), "{}", s.heading());
    }
    // Table 四's data row: fifteen numbers separated by tabs.
    assert!(text.lines().any(|l| l.split('\t').count() == 15
        && l.split('\t').all(|c| c.parse::<u32>().is_ok())));
}

#[test]
fn the_harness_does_catch_violations() {
    // A page without a language, with a heading level skipped and an image without text
    // alternative: the same harness must report them, or the passes above prove nothing.
    let result = run_in_browser(
        "<!DOCTYPE html><html><head><title>x</title></head><body><main><h1>标题</h1><h3>跳级</h3>\
         <img src=\"x.png\"></main></body></html>",
    );
    let ids: Vec<&str> = result["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["id"].as_str())
        .collect();
    for id in ["html-has-lang", "heading-order", "image-alt"] {
        assert!(ids.contains(&id), "{id} not reported: {ids:?}");
    }
}
