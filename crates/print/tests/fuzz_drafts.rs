//! A bounded fuzz run over load → check → compose → layout: mutated drafts (byte flips, cuts,
//! inserted control characters, escapes, huge numbers and odd values, duplicated and dropped
//! lines), seeded with the example and with the reproducers of the hardening issue. Whatever the
//! bytes, loading gives a report or a Chinese message, and nothing after it panics.
//!
//! Deterministic (a fixed seed), so CI sees the same cases every run. For a longer run:
//! `NIANBAO_FUZZ_CASES=20000 cargo test -p nianbao-print --release fuzz_drafts`.

use crate::support::*;
use nianbao_core::check;
use nianbao_core::store::draft;
use nianbao_print::compose;
use nianbao_print::fonts::FontSet;
use nianbao_print::layout;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Cases per run by default: a few seconds in a debug build.
const DEFAULT_CASES: u32 = 150;

/// Texts that once crashed, hung or lost data, as draft bytes.
fn reproducers() -> Vec<Vec<u8>> {
    let example = nianbao_core::example::TEXT;
    let mut out: Vec<Vec<u8>> = vec![example.as_bytes().to_vec()];
    let with = |from: &str, to: &str| example.replacen(from, to, 1).into_bytes();
    out.push(with("金乡县人民政府办公室", "金乡\u{0}\u{1b}[31m\u{7}"));
    out.push(with("金乡县人民政府办公室", "金乡\\u{0}\\u{1b}]0;x\\u{7}"));
    out.push(with("year: 2021", "year: 99999"));
    out.push(with("year: 2021", "year: true"));
    out.push(with("(3, 1,", "(99999999999999999999, true,"));
    out.push(with("(3, 1,", "([1, 2], {\"a\": 1},"));
    out.push(with(
        "金乡县人民政府办公室",
        "金\u{200B}乡\u{FEFF}县\u{2060}👍\u{FE0F}",
    ));
    // A duplicated line.
    let lines: Vec<&str> = example.lines().collect();
    let mut dup = lines.clone();
    if let Some(l) = lines.get(3) {
        dup.insert(3, l);
    }
    out.push(dup.join("\n").into_bytes());
    // Section 一 with many "N件" and no clause break (was quadratic in the checks).
    out.push(
        format!(
            "(format_version: 1, overview: (intro: \"{}\"))",
            "收到申请1件".repeat(2_000)
        )
        .into_bytes(),
    );
    // Prose written with `\n` escapes (was quadratic in the parser).
    out.push(
        format!(
            "(format_version: 1, problems: \"{}\")",
            "一是\\n".repeat(5_000)
        )
        .into_bytes(),
    );
    // Byte-order mark, UTF-16, GBK, empty, cut in a character.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(example.as_bytes());
    out.push(bom);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(example.encode_utf16().flat_map(u16::to_le_bytes));
    out.push(utf16);
    out.push(b"(format_version: 1, meta: (agency: \"\xC4\xB3\xBE\xD6\"))".to_vec());
    out.push(Vec::new());
    out.push(example.as_bytes()[..example.len() / 2 + 1].to_vec());
    out
}

/// What can be inserted into a draft.
const INSERTS: &[&str] = &[
    "\u{0}",
    "\u{1b}[2J",
    "\\n\\n\\n",
    "\\u{0}",
    "99999999999999999999",
    "-1",
    "1e400",
    "true",
    "[1, 2]",
    "{\"k\": 1}",
    "\u{200B}",
    "\"",
    "(",
    ")",
    ",",
    "r#\"",
    "/*",
    "Some(",
    "\r\n",
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, bits: u8 },
    Cut { at: usize },
    Insert { at: usize, what: usize },
    DuplicateLine { line: usize },
    DropLine { line: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, bits)| Mutation::Flip { at, bits }),
        any::<usize>().prop_map(|at| Mutation::Cut { at }),
        (any::<usize>(), 0..INSERTS.len()).prop_map(|(at, what)| Mutation::Insert { at, what }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        any::<usize>().prop_map(|line| Mutation::DropLine { line }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    match *m {
        Mutation::Flip { at, bits } if len > 0 => bytes[at % len] ^= bits,
        Mutation::Cut { at } => bytes.truncate(at % (len + 1)),
        Mutation::Insert { at, what } => {
            let at = at % (len + 1);
            bytes.splice(at..at, INSERTS[what].bytes());
        }
        Mutation::DuplicateLine { line } | Mutation::DropLine { line } => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            let i = line % lines.len();
            if matches!(m, Mutation::DuplicateLine { .. }) {
                let l = lines[i].clone();
                lines.insert(i, l);
            } else {
                lines.remove(i);
            }
            *bytes = lines.join(&b'\n');
        }
        Mutation::Flip { .. } => {}
    }
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Load → check → compose → layout of one file's bytes; panics say what went wrong.
fn exercise(bytes: &[u8], fonts: &FontSet, dir: &std::path::Path) {
    let path = dir.join("fuzz.ron");
    std::fs::write(&path, bytes).expect("write the case");
    match draft::load(&path) {
        Ok(loaded) => {
            let report = loaded.report;
            let findings = check::check(&report, Some(&report));
            for f in &findings {
                let _ = f.to_string();
            }
            let blocks = compose::blocks(&report);
            let doc = layout::layout_blocks(&blocks, fonts);
            let _ = doc;
            // What loads saves and loads again.
            let saved = dir.join("saved.ron");
            match draft::save(&report, &saved) {
                Ok(()) => {
                    let back = draft::load(&saved).expect("a saved draft opens again");
                    assert_eq!(back.report, report, "a save keeps everything");
                }
                Err(e) => assert!(
                    matches!(e, draft::DraftError::TooLargeToSave { .. }),
                    "save refused: {e}"
                ),
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(has_cjk(&msg), "not Chinese: {msg}");
            for english in ["Expected", "DraftIn", "Integer is", "invalid", "error"] {
                assert!(!msg.contains(english), "English in the message: {msg}");
            }
        }
    }
}

#[test]
fn mutated_drafts_load_check_and_lay_out_without_panicking() {
    let cases = std::env::var("NIANBAO_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let fonts = FontSet::load(&bundled().fonts).expect("bundled fonts");
    let dir = tempfile::tempdir().expect("tempdir");
    let seeds = reproducers();
    // The seeds themselves first.
    for s in &seeds {
        exercise(s, &fonts, dir.path());
    }
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let strategy = (0..seeds.len(), prop::collection::vec(mutation(), 1..5));
    let result = runner.run(&strategy, |(seed, mutations)| {
        let mut bytes = seeds[seed].clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        exercise(&bytes, &fonts, dir.path());
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
