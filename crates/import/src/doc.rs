//! What every reader produces and the placer consumes: a published report as blocks in reading
//! order.

/// A published report's content in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Located>,
}

/// One paragraph, table or picture, with the page it starts on where the format has pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// 1-based page number in the file (PDF); none for formats without pages.
    pub page: Option<u32>,
    pub block: Block,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// One paragraph of running text or a heading, its printed lines joined (no line-end
    /// hyphens or spaces that only the line breaks made).
    Paragraph(String),
    /// A table, or the part of one on one page: a table split over pages arrives as consecutive
    /// tables, with or without a repeated head.
    Table(Table),
    /// A picture standing where text could be (a table published as an image).
    Image,
}

/// A table as rows of cells; a merged cell appears once, in its top-left position, with its span.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text, its lines joined as in a paragraph.
    pub text: String,
    /// Columns and rows the cell covers (1 for an unmerged cell).
    pub col_span: u16,
    pub row_span: u16,
}
