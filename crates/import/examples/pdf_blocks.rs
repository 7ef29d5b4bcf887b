//! Prints what the PDF reader makes of a file, block by block:
//! `cargo run -p nianbao-import --example pdf_blocks -- FILE.pdf`.

use nianbao_import::doc::Block;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("用法: pdf_blocks FILE.pdf");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let doc = match nianbao_import::pdf::read(&bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    for b in &doc.blocks {
        let page = b.page.unwrap_or(0);
        match &b.block {
            Block::Paragraph(p) => println!("[{page}] ¶ {p}"),
            Block::Image => println!("[{page}] 图片"),
            Block::Table(t) => {
                println!("[{page}] 表 {} 行", t.rows.len());
                for row in &t.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| match (c.col_span, c.row_span) {
                            (1, 1) => c.text.clone(),
                            (cs, rs) => format!("{}<{cs}x{rs}>", c.text),
                        })
                        .collect();
                    println!("      | {}", cells.join(" | "));
                }
            }
        }
    }
}
