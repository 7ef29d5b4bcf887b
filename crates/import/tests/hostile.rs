//! Received files are untrusted: a hostile or broken file gets a clear error, never a panic,
//! a hang or memory without bound.

use super::support::*;
use nianbao_import::{ImportError, MAX_FILE_BYTES, import_bytes};
use nianbao_print::Format;
use proptest::prelude::*;
use std::io::Write as _;

/// A zip holding `word/document.xml` made of `len` bytes of `fill` after `head`.
fn zip_with_document(head: &[u8], fill: u8, len: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(len > u32::MAX as usize / 2);
    let result = (|| -> zip::result::ZipResult<Vec<u8>> {
        zip.start_file("word/document.xml", options)?;
        zip.write_all(head)?;
        let chunk = vec![fill; 1 << 20];
        let mut left = len;
        while left > 0 {
            let n = left.min(chunk.len());
            zip.write_all(&chunk[..n])?;
            left -= n;
        }
        Ok(zip.finish()?.into_inner())
    })();
    match result {
        Ok(b) => b,
        Err(e) => panic!("cannot build the zip: {e}"),
    }
}

#[test]
fn a_zip_bomb_is_refused_by_its_size() {
    // 200 MB of spaces deflate to about 200 KB.
    let bomb = zip_with_document(b"<w:document>", b' ', 200 << 20);
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    let e = import_err("bomb.docx", &bomb);
    assert!(matches!(e, ImportError::TooLarge(_)), "{e:?}");
    assert!(e.to_string().contains("压缩炸弹"), "{e}");
}

#[test]
fn a_zip_bomb_that_understates_its_size_is_cut_off() {
    let mut bomb = zip_with_document(b"<w:document>", b' ', 60 << 20);
    // Declare 1000 bytes in the local and the central header (uncompressed size fields).
    let small = 1000u32.to_le_bytes();
    let mut patched = 0;
    for sig_at in 0..bomb.len().saturating_sub(30) {
        match &bomb[sig_at..sig_at + 4] {
            [0x50, 0x4b, 0x03, 0x04] => {
                bomb[sig_at + 22..sig_at + 26].copy_from_slice(&small);
                patched += 1;
            }
            [0x50, 0x4b, 0x01, 0x02] => {
                bomb[sig_at + 24..sig_at + 28].copy_from_slice(&small);
                patched += 1;
            }
            _ => {}
        }
    }
    assert!(patched >= 2);
    let e = import_err("bomb.docx", &bomb);
    assert!(
        matches!(e, ImportError::TooLarge(_) | ImportError::Damaged(_)),
        "{e:?}"
    );
}

#[test]
fn a_zip_that_is_no_word_file_or_no_zip_at_all() {
    let e = import_err("x.docx", b"PK\x03\x04 this is not a zip");
    assert!(matches!(e, ImportError::Damaged(_)), "{e:?}");
    let e = import_err("x.docx", b"just text, no zip");
    assert!(matches!(e, ImportError::Damaged(_)), "{e:?}");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let ok = zip
        .start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
        .and_then(|()| Ok(zip.write_all(b"<x/>")?))
        .and_then(|()| zip.finish());
    let bytes = match ok {
        Ok(c) => c.into_inner(),
        Err(e) => panic!("{e}"),
    };
    let e = import_err("book.xlsx", &bytes);
    assert!(e.to_string().contains("不是 Word 文档"), "{e}");
    let e = import_err("notes.txt", b"\x00\x01\x02");
    assert!(e.to_string().contains("不认识的文件类型"), "{e}");
}

#[test]
fn an_encrypted_word_file_says_so_and_an_old_doc_says_what_to_do() {
    let mut ole = vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    ole.extend(vec![0u8; 1000]);
    let old_doc = ole.clone();
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(import_err("secret.docx", &ole), ImportError::Encrypted);
    let e = import_err("old.doc", &old_doc);
    assert!(e.to_string().contains("另存为"), "{e}");
}

#[test]
fn deep_nesting_is_refused() {
    let mut page = String::from("<html><body><h1>某县2023年政府信息公开工作年度报告</h1>");
    for _ in 0..100_000 {
        page.push_str("<div>");
    }
    let e = import_err("deep.html", page.as_bytes());
    assert!(matches!(e, ImportError::TooLarge(_)), "{e:?}");
    let mut page = String::from("<html><body>");
    for i in 0..50_000 {
        page.push_str(&format!("<b id=\"{i}\">"));
    }
    let e = import_err("formatting.html", page.as_bytes());
    assert!(matches!(e, ImportError::TooLarge(_)), "{e:?}");
}

#[test]
fn deep_nesting_in_word_is_refused() {
    let mut xml = String::from(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    for _ in 0..10_000 {
        xml.push_str("<w:tbl><w:tr><w:tc>");
    }
    for _ in 0..10_000 {
        xml.push_str("</w:tc></w:tr></w:tbl>");
    }
    xml.push_str("</w:body></w:document>");
    let e = import_err("deep.docx", &zip_with_document(xml.as_bytes(), b' ', 0));
    assert!(matches!(e, ImportError::TooLarge(_)), "{e:?}");
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let huge = vec![b' '; MAX_FILE_BYTES as usize + 1];
    let e = import_err("huge.html", &huge);
    assert!(matches!(e, ImportError::TooLarge(_)), "{e:?}");
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let path = dir.path().join("huge.pdf");
    let file = match std::fs::File::create(&path) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    };
    // A sparse file: no disk space used.
    if let Err(e) = file.set_len(MAX_FILE_BYTES * 4) {
        panic!("{e}");
    }
    let e = match nianbao_import::import_path(&path) {
        Ok(_) => panic!("a 256 MB file was read"),
        Err(e) => e,
    };
    assert!(matches!(e, ImportError::TooLarge(_)), "{e:?}");
    let e = match nianbao_import::import_path(&dir.path().join("none.docx")) {
        Ok(_) => panic!("a missing file was read"),
        Err(e) => e,
    };
    assert!(matches!(e, ImportError::Unreadable(_)), "{e:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        ext in prop::sample::select(vec!["docx", "html", "htm", "pdf", "doc", "", "txt"]),
    ) {
        let _ = import_bytes(&format!("f.{ext}"), &bytes);
        let mut html = b"<html><body><table><tr><td rowspan=\"0\" colspan=\"99999\">".to_vec();
        html.extend(&bytes);
        let _ = import_bytes("f.html", &html);
    }

    #[test]
    fn mutated_exports_never_panic(
        format in prop::sample::select(vec![Format::Docx, Format::Html]),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..40),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = exported(&example(), format);
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let _ = import_bytes("m.docx", &bytes);
        let _ = import_bytes("m.html", &bytes);
        bytes.truncate(cut.index(bytes.len()));
        let _ = import_bytes("m.docx", &bytes);
    }
}
