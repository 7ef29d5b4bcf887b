//! The web page reader: our own export and saved portal pages read back.

use super::support::*;
use nianbao_print::Format;

/// The example and every real report exported as a web page read back the same: cells, meta,
/// prose paragraphs; nothing unplaced, no finding.
#[test]
fn the_example_and_the_real_reports_exported_as_a_web_page_read_back_the_same() {
    let mut all = vec![("example".to_string(), example())];
    all.extend(fixtures());
    let failed = round_trip_failures(&all, Format::Html);
    assert!(failed.is_empty(), "{failed}");
}

/// The example as a portal publishes it: a GB2312 page with the site's header, menu, breadcrumb
/// (with a link to another year's report), publication line and footer around the article,
/// the whole laid out in a table, the preface's paragraphs split by `<br>`, and table 四 put
/// up as a picture.
fn portal_page() -> Vec<u8> {
    let report = example();
    let fragment = nianbao_print::html::fragment(&report);
    let preface: Vec<&str> = nianbao_core::model::paragraphs(&report.preface).collect();
    let mut article = String::new();
    let mut rest = fragment.as_str();
    // The title and the preface as a portal's editor leaves them.
    if let Some(end) = rest.find("</h1>") {
        let title = &rest[..end + 5];
        article.push_str(
            &title
                .replace("<h1", "<div class=\"title\"")
                .replace("</h1>", "</div>"),
        );
        article.push_str("<div class=\"info\">发布时间：2022-01-20　来源：县政府办公室　字号：[大 中 小]　打印</div>");
        rest = &rest[end + 5..];
    }
    article.push_str("<div class=\"content\"><p>　　");
    article.push_str(&preface.join("<br>\n　　"));
    article.push_str("</p>\n");
    for p in &preface {
        rest = rest.trim_start();
        let tag = format!(
            "<p style=\"text-indent:2em\">{}</p>\n",
            nianbao_print::html::escape(p)
        );
        rest = rest.strip_prefix(tag.as_str()).unwrap_or(rest);
    }
    let t4 = rest.rfind("<table").unwrap_or(rest.len());
    let t4_end = rest
        .rfind("</table>")
        .map_or(rest.len(), |e| e + "</table>".len());
    article.push_str(&rest[..t4]);
    article.push_str(
        "<p style=\"text-align:center\"><img src=\"table4.png\" width=\"600\" height=\"200\"></p>",
    );
    article.push_str(&rest[t4_end..]);
    article.push_str("</div>");
    let page = format!(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
         <title>金乡县政府门户网站</title><script>var x = '<div>一、总体情况</div>';</script></head><body>\
         <div class=\"header\"><img src=\"logo.png\" width=\"300\" height=\"80\"><ul><li>首页</li><li>政务公开</li></ul></div>\
         <div class=\"crumb\">当前位置：首页 &gt; 政府信息公开年度报告 &gt; <a href=\"2020.html\">金乡县人民政府办公室2020年政府信息公开工作年度报告</a></div>\
         <table width=\"1000\"><tr><td width=\"200\"><ul><li>机构概况</li><li>政策文件</li></ul></td><td>{article}</td></tr></table>\
         <div class=\"footer\">主办：金乡县人民政府办公室　网站标识码：3708280001　鲁ICP备05002428号</div></body></html>"
    );
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&page);
    assert!(!unmappable, "the example is all in GBK");
    bytes.into_owned()
}

#[test]
fn a_saved_gb2312_portal_page_reads_the_article_only() {
    let got = import("金乡县2021年报.htm", &portal_page());
    let report = example();
    let diff: Vec<String> = differences(&report, &got.report)
        .into_iter()
        .filter(|d| !d.starts_with("表四"))
        .collect();
    assert!(diff.is_empty(), "{}", diff.join("\n"));
    assert_eq!(got.report.meta.portal_url, report.meta.portal_url);
    let images: Vec<_> = got
        .findings
        .iter()
        .filter(|f| f.rule == nianbao_core::check::Rule::AuditImage)
        .collect();
    assert_eq!(images.len(), 1, "{:#?}", got.findings);
    assert_eq!(
        images[0].place,
        nianbao_core::model::Place::Section(nianbao_core::template::SectionKey::Review)
    );
    assert_eq!(got.unplaced.len(), 1, "{:#?}", got.unplaced);
    assert_eq!(got.unplaced[0].text, "表格为图片，无法读取");
}

#[test]
fn a_page_without_a_charset_in_gbk_is_read_as_gbk() {
    let page = "<html><body><h1>某县人民政府2023年政府信息公开工作年度报告</h1><p>本报告依据条例编制。</p></body></html>";
    let (gbk, _, _) = encoding_rs::GBK.encode(page);
    let got = import("page.html", &gbk);
    assert_eq!(got.report.meta.agency, "某县人民政府");
    assert_eq!(got.report.preface, "本报告依据条例编制。");
    let mut bom = vec![0xef, 0xbb, 0xbf];
    bom.extend(page.as_bytes());
    assert_eq!(import("page", &bom).report.meta.agency, "某县人民政府");
}
