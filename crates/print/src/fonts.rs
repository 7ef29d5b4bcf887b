//! Fonts of the printed report: five roles, the faces that serve them and the per-character
//! fallback between those faces.
//!
//! A role is what GB/T 9704 names (小标宋 title, 仿宋 body, 黑体 and 楷体 headings, 宋体 page
//! numbers). The office fonts are used when they are installed; otherwise, or with
//! `bundled_only`, the open fonts in `fonts/` serve (see fonts/README.md). A character the role's
//! face lacks comes from the next face of its chain, and finally from any loaded face, so it is
//! never drawn as an empty box. What no face has at all is listed by [`FontSet::missing_chars`],
//! and what prints from another face than its role's by [`FontSet::fallback_chars`], so the user
//! hears of both before export.
//!
//! ASCII (digits, Latin letters, ASCII punctuation) in 仿宋 and 楷体 text is set in a Times-metric
//! serif, as printed reports do: Times New Roman where installed, else the bundled Nianbao Serif
//! (Liberation Serif, metric-compatible with it). FandolFang and FandolKai draw ASCII in a
//! Computer Modern style.
//!
//! Fonts are read and parsed once per process and kept until it exits: a second export (or the
//! preview and then the export) does not pay for 30 MB of font files again.

use nianbao_core::model::Place;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// What a piece of text is, typographically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// The report title: 2号 小标宋.
    Title,
    /// Preface, body text and table text: 仿宋.
    Body,
    /// "一、" headings and table heads: 黑体.
    Heading,
    /// "（一）" headings: 楷体.
    Subheading,
    /// "— N —": 宋体.
    PageNumber,
}

impl Role {
    /// All roles, in a fixed order.
    pub const ALL: [Role; 5] = [
        Role::Title,
        Role::Body,
        Role::Heading,
        Role::Subheading,
        Role::PageNumber,
    ];

    /// Every name the office font of this role goes by: Chinese family names, English family
    /// names and PostScript names. fontdb indexes whatever the font's name table has, and old GB
    /// fonts sometimes carry only one of them (see notes/fonts.md).
    pub fn office_font_names(self) -> &'static [&'static str] {
        match self {
            Role::Title => &[
                "方正小标宋简体",
                "方正小标宋_GBK",
                "方正小标宋",
                "FZXiaoBiaoSong-B05S",
                "FZXiaoBiaoSong-B05",
                "FZXBSJW--GB1-0",
                "FZXBSK--GBK1-0",
            ],
            Role::Body => &[
                "仿宋_GB2312",
                "FangSong_GB2312",
                "仿宋",
                "FangSong",
                "STFangsong",
                "华文仿宋",
            ],
            Role::Heading => &["黑体", "SimHei"],
            Role::Subheading => &["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"],
            Role::PageNumber => &["宋体", "SimSun"],
        }
    }

    /// The role's name as a clerk knows it (the typeface GB/T 9704 asks for).
    pub fn chinese_name(self) -> &'static str {
        match self {
            Role::Title => "小标宋",
            Role::Body => "仿宋",
            Role::Heading => "黑体",
            Role::Subheading => "楷体",
            Role::PageNumber => "宋体",
        }
    }

    /// Whether ASCII in this role comes from the Latin serif ([`LATIN_OFFICE_NAMES`]).
    fn latin_in_serif(self) -> bool {
        matches!(self, Role::Body | Role::Subheading)
    }

    /// The bundled files serving this role, best first; the last ones are fallbacks for
    /// characters the first lacks (Fandol stops just past GB2312).
    fn bundled_chain(self) -> &'static [&'static str] {
        match self {
            Role::Title => &[SERIF_BOLD, SERIF_REGULAR, SANS_REGULAR],
            Role::Body => &[FANDOL_FANG, SERIF_REGULAR],
            Role::Heading => &[SANS_REGULAR, SERIF_REGULAR],
            Role::Subheading => &[FANDOL_KAI, SERIF_REGULAR],
            Role::PageNumber => &[SERIF_REGULAR],
        }
    }
}

const SERIF_BOLD: &str = "NotoSerifSC-Bold.otf";
const SERIF_REGULAR: &str = "NotoSerifSC-Regular.otf";
const SANS_REGULAR: &str = "NotoSansSC-Regular.otf";
const FANDOL_FANG: &str = "FandolFang-Regular.ttf";
const FANDOL_KAI: &str = "FandolKai-Regular.ttf";
/// The bundled Latin serif: a renamed subset of Liberation Serif (see fonts/README.md).
const SERIF_LATIN: &str = "NianbaoSerif-Regular.ttf";

/// The office Latin serif that printed reports set digits and Latin text in. Liberation Serif
/// (the bundled Nianbao Serif) has its metrics, so lines break the same with either.
pub const LATIN_OFFICE_NAMES: &[&str] = &["Times New Roman", "TimesNewRomanPSMT"];

/// Whether `ch` is set in the Latin serif in roles that use it: printable ASCII and the space.
fn is_latin(ch: char) -> bool {
    ch == ' ' || ch.is_ascii_graphic()
}

/// Index of a face within a [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub usize);

/// A glyph chosen for a character: which face, which glyph, how wide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub face: FaceId,
    pub gid: u16,
    /// Advance width in em (1.0 = the font size).
    pub advance: f32,
}

/// Where the glyphs of a role come from; lets layout be tested without font files.
pub trait GlyphSource {
    /// The glyph for `ch` in `role`, falling back per character; `None` when no face has it.
    fn glyph(&self, role: Role, ch: char) -> Option<Glyph>;
}

/// A loaded font face, parsed once per process.
pub struct LoadedFace {
    /// The file it came from.
    pub path: PathBuf,
    /// Face index within a collection (.ttc).
    pub index: u32,
    /// Family name, for messages and the PDF's font name.
    pub family: String,
    /// Whether it is an office font found on the system rather than a bundled one.
    pub office: bool,
    /// The raw file; `'static` because faces live in the process-wide cache.
    pub data: &'static [u8],
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    pdf: OnceLock<Option<printpdf::ParsedFont>>,
}

impl fmt::Debug for LoadedFace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoadedFace")
            .field("path", &self.path)
            .field("index", &self.index)
            .field("family", &self.family)
            .finish()
    }
}

impl LoadedFace {
    fn open(path: &Path, index: u32, office: bool) -> Result<LoadedFace, FontError> {
        let bytes = std::fs::read(path).map_err(|e| FontError::Unreadable {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
        let unreadable = |e: ttf_parser::FaceParsingError| FontError::Unreadable {
            path: path.to_path_buf(),
            detail: e.to_string(),
        };
        // Check before keeping the bytes, so a bad file costs nothing.
        ttf_parser::Face::parse(&bytes, index).map_err(unreadable)?;
        // Leaked on purpose: the face is cached for the life of the process (see module doc),
        // and ttf-parser borrows the bytes.
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let face = ttf_parser::Face::parse(data, index).map_err(unreadable)?;
        let family = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| {
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
        let units_per_em = f32::from(face.units_per_em().max(1));
        Ok(LoadedFace {
            path: path.to_path_buf(),
            index,
            family,
            office,
            data,
            face,
            units_per_em,
            pdf: OnceLock::new(),
        })
    }

    /// Glyph id and advance (em) of a character, if this face has it.
    pub fn lookup(&self, ch: char) -> Option<(u16, f32)> {
        let gid = self.face.glyph_index(ch)?;
        if gid.0 == 0 {
            return None;
        }
        let advance = self
            .face
            .glyph_hor_advance(gid)
            .map(|a| f32::from(a) / self.units_per_em)
            .unwrap_or(1.0);
        Some((gid.0, advance))
    }

    /// Draws the outline of glyph `gid` into `builder`, in font units with y up; `false` when
    /// the glyph has no outline (a space).
    pub fn outline(&self, gid: u16, builder: &mut dyn ttf_parser::OutlineBuilder) -> bool {
        self.face
            .outline_glyph(ttf_parser::GlyphId(gid), builder)
            .is_some()
    }

    /// Font units per em.
    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// The advance of a glyph as a PDF viewer takes it from the /W array: thousandths of an em,
    /// truncated the way printpdf writes them.
    pub fn pdf_width(&self, gid: u16) -> f32 {
        self.face
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .map(|a| (f32::from(a) * 1000.0 / self.units_per_em).trunc())
            .unwrap_or(0.0)
    }

    /// Whether the face has a real glyph for `ch`.
    pub fn has(&self, ch: char) -> bool {
        self.lookup(ch).is_some()
    }

    /// The face parsed for PDF embedding, parsed on first use and then kept.
    pub fn pdf_font(&self) -> Option<&printpdf::ParsedFont> {
        self.pdf
            .get_or_init(|| {
                let mut warnings = Vec::new();
                printpdf::ParsedFont::from_bytes(self.data, self.index as usize, &mut warnings)
            })
            .as_ref()
    }
}

/// Why fonts could not be provided. `Display` gives the Chinese message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontError {
    /// The bundled font folder was not found where it was looked for.
    FolderNotFound { looked_in: Vec<PathBuf> },
    /// A bundled file is missing from the folder.
    FileMissing { path: PathBuf },
    /// A font file could not be read or parsed.
    Unreadable { path: PathBuf, detail: String },
}

impl fmt::Display for FontError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FontError::FolderNotFound { looked_in } => {
                let places: Vec<String> =
                    looked_in.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "找不到程序自带的字体文件夹 fonts（已查找：{}）。请把 fonts 文件夹放在程序旁边，或用环境变量 NIANBAO_FONT_DIR 指定其位置。",
                    places.join("；")
                )
            }
            FontError::FileMissing { path } => write!(
                f,
                "字体文件夹中缺少 {}，请重新安装程序或补回该文件。",
                path.display()
            ),
            FontError::Unreadable { path, detail } => {
                write!(f, "字体文件 {} 无法读取（{}）。", path.display(), detail)
            }
        }
    }
}

impl std::error::Error for FontError {}

/// Where the bundled fonts are: `NIANBAO_FONT_DIR`, then `fonts/` next to the executable and in
/// up to three of its parent folders (an installed copy, or `target/release/` in a checkout),
/// then the source tree's `fonts/`.
pub fn find_font_dir() -> Result<PathBuf, FontError> {
    let mut candidates = Vec::new();
    if let Some(dir) = std::env::var_os("NIANBAO_FONT_DIR") {
        candidates.push(PathBuf::from(dir));
    }
    if let Ok(exe) = std::env::current_exe() {
        let mut dir = exe.parent().map(Path::to_path_buf);
        for _ in 0..4 {
            let Some(d) = dir else { break };
            candidates.push(d.join("fonts"));
            dir = d.parent().map(Path::to_path_buf);
        }
    }
    // The source tree's fonts/, two folders above this crate.
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fonts"));
    candidates
        .iter()
        .find(|d| d.join(FANDOL_FANG).is_file())
        .cloned()
        .ok_or(FontError::FolderNotFound {
            looked_in: candidates,
        })
}

/// Process-wide cache of opened faces, keyed by file and face index.
fn face_cache() -> &'static Mutex<HashMap<(PathBuf, u32), &'static LoadedFace>> {
    static CACHE: OnceLock<Mutex<HashMap<(PathBuf, u32), &'static LoadedFace>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn cached_face(path: &Path, index: u32, office: bool) -> Result<&'static LoadedFace, FontError> {
    let key = (path.to_path_buf(), index);
    // A poisoned lock only means another export panicked mid-insert; the map is still usable.
    let mut cache = face_cache()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(face) = cache.get(&key) {
        return Ok(face);
    }
    let face: &'static LoadedFace = Box::leak(Box::new(LoadedFace::open(path, index, office)?));
    cache.insert(key, face);
    Ok(face)
}

/// The system's fonts as fontdb sees them, scanned once per process.
fn system_fonts() -> &'static fontdb::Database {
    static DB: OnceLock<fontdb::Database> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        db
    })
}

/// Finds the installed office font of a role by any of its names. Italic faces are skipped,
/// and among several matches the one closest to regular weight wins: a family may also hold a
/// bold face, and a query for one weight can silently return another.
fn find_office_face(names: &[&str]) -> Option<(PathBuf, u32)> {
    let db = system_fonts();
    let mut best: Option<(usize, u16, PathBuf, u32)> = None;
    for info in db.faces() {
        if info.style != fontdb::Style::Normal {
            continue;
        }
        let rank = names
            .iter()
            .position(|n| info.families.iter().any(|(f, _)| f == n) || info.post_script_name == *n);
        let Some(rank) = rank else { continue };
        let path = match &info.source {
            fontdb::Source::File(p) => p.clone(),
            fontdb::Source::SharedFile(p, _) => p.clone(),
            fontdb::Source::Binary(_) => continue,
        };
        let distance = info.weight.0.abs_diff(400);
        let better = match &best {
            None => true,
            Some((r, d, p, i)) => (rank, distance, &path, info.index) < (*r, *d, p, *i),
        };
        if better {
            best = Some((rank, distance, path, info.index));
        }
    }
    best.map(|(_, _, path, index)| (path, index))
}

/// Which fonts to use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontOptions {
    /// Use only the bundled fonts, even if office fonts are installed (reproducible output).
    pub bundled_only: bool,
    /// The bundled font folder; found by [`find_font_dir`] when `None`.
    pub font_dir: Option<PathBuf>,
}

/// The faces serving the five roles, with their fallback chains.
#[derive(Debug, Clone)]
pub struct FontSet {
    faces: Vec<&'static LoadedFace>,
    chains: [Vec<FaceId>; 5],
    /// The Latin serif for ASCII in 仿宋 and 楷体 text, best first.
    latin: Vec<FaceId>,
}

impl FontSet {
    /// Loads the fonts for the roles: office fonts first unless `bundled_only`, then the bundled
    /// files. Faces are cached for the process, so loading again is cheap.
    pub fn load(options: &FontOptions) -> Result<FontSet, FontError> {
        let dir = match &options.font_dir {
            Some(d) => d.clone(),
            None => find_font_dir()?,
        };
        let mut faces: Vec<&'static LoadedFace> = Vec::new();
        let mut add = |face: &'static LoadedFace| -> FaceId {
            match faces.iter().position(|f| std::ptr::eq(*f, face)) {
                Some(i) => FaceId(i),
                None => {
                    faces.push(face);
                    FaceId(faces.len() - 1)
                }
            }
        };
        let mut chains: [Vec<FaceId>; 5] = Default::default();
        for role in Role::ALL {
            let chain = &mut chains[role as usize];
            if !options.bundled_only
                && let Some((path, index)) = find_office_face(role.office_font_names())
                // An unreadable office font is skipped: the bundled one still serves.
                && let Ok(face) = cached_face(&path, index, true)
            {
                chain.push(add(face));
            }
            for file in role.bundled_chain() {
                let path = dir.join(file);
                if !path.is_file() {
                    return Err(FontError::FileMissing { path });
                }
                let id = add(cached_face(&path, 0, false)?);
                if !chain.contains(&id) {
                    chain.push(id);
                }
            }
        }
        let mut latin = Vec::new();
        if !options.bundled_only
            && let Some((path, index)) = find_office_face(LATIN_OFFICE_NAMES)
            && let Ok(face) = cached_face(&path, index, true)
        {
            latin.push(add(face));
        }
        let path = dir.join(SERIF_LATIN);
        if !path.is_file() {
            return Err(FontError::FileMissing { path });
        }
        let id = add(cached_face(&path, 0, false)?);
        if !latin.contains(&id) {
            latin.push(id);
        }
        Ok(FontSet {
            faces,
            chains,
            latin,
        })
    }

    /// A face by id.
    pub fn face(&self, id: FaceId) -> Option<&'static LoadedFace> {
        self.faces.get(id.0).copied()
    }

    /// All faces, indexed by [`FaceId`].
    pub fn faces(&self) -> &[&'static LoadedFace] {
        &self.faces
    }

    /// The faces serving a role, best first.
    pub fn chain(&self, role: Role) -> &[FaceId] {
        &self.chains[role as usize]
    }

    /// The faces `ch` is looked up in for `role`, best first: the Latin serif first for ASCII
    /// in 仿宋 and 楷体 text, then the role's chain.
    fn faces_for(&self, role: Role, ch: char) -> impl Iterator<Item = FaceId> + '_ {
        let latin = if role.latin_in_serif() && is_latin(ch) {
            &self.latin[..]
        } else {
            &[]
        };
        latin.iter().chain(self.chain(role)).copied()
    }

    /// Whether some face of the set can draw `ch`.
    pub fn covers(&self, ch: char) -> bool {
        ch.is_whitespace()
            || ch.is_control()
            || nianbao_core::model::is_default_ignorable(ch)
            || self.faces.iter().any(|f| f.has(ch))
    }

    /// Characters of the given texts that no face has, each with the place it was first seen
    /// (and how often it occurs), in the order of the texts.
    pub fn missing_chars<'a>(
        &self,
        texts: impl IntoIterator<Item = (Place, &'a str)>,
    ) -> Vec<MissingChar> {
        let mut found: Vec<MissingChar> = Vec::new();
        for (place, text) in texts {
            for ch in text.chars() {
                if self.covers(ch) {
                    continue;
                }
                match found.iter_mut().find(|m| m.ch == ch) {
                    Some(m) => {
                        m.count += 1;
                        if !m.places.contains(&place) {
                            m.places.push(place);
                        }
                    }
                    None => found.push(MissingChar {
                        ch,
                        places: vec![place],
                        count: 1,
                    }),
                }
            }
        }
        found
    }

    /// Characters of the given texts that the first face of their role lacks, so that they
    /// print in another typeface than the text around them (a rare name character in a 仿宋
    /// line comes from the 宋体-style fallback). Each is listed once per role and face, with
    /// where it occurs; characters no face has are [`FontSet::missing_chars`]' business.
    pub fn fallback_chars<'a>(
        &self,
        texts: impl IntoIterator<Item = (Place, Role, &'a str)>,
    ) -> Vec<FallbackChar> {
        let mut found: Vec<FallbackChar> = Vec::new();
        for (place, role, text) in texts {
            for ch in text.chars() {
                if ch.is_whitespace() || ch.is_control() {
                    continue;
                }
                let Some(first) = self.faces_for(role, ch).next() else {
                    continue;
                };
                let Some(glyph) = self.glyph(role, ch) else {
                    continue;
                };
                if glyph.face == first {
                    continue;
                }
                let entry = found
                    .iter_mut()
                    .find(|f| f.ch == ch && f.role == role && f.face == glyph.face);
                match entry {
                    Some(f) => {
                        f.count += 1;
                        if !f.places.contains(&place) {
                            f.places.push(place);
                        }
                    }
                    None => found.push(FallbackChar {
                        ch,
                        role,
                        role_family: self.faces[first.0].family.clone(),
                        face: glyph.face,
                        family: self.faces[glyph.face.0].family.clone(),
                        places: vec![place],
                        count: 1,
                    }),
                }
            }
        }
        found
    }
}

impl GlyphSource for FontSet {
    fn glyph(&self, role: Role, ch: char) -> Option<Glyph> {
        let rest = (0..self.faces.len()).map(FaceId);
        self.faces_for(role, ch).chain(rest).find_map(|id| {
            let (gid, advance) = self.faces[id.0].lookup(ch)?;
            Some(Glyph {
                face: id,
                gid,
                advance,
            })
        })
    }
}

/// “堌”（U+580C，1处，见：…）: a character, how often and where it occurs, for the user.
fn char_and_places(ch: char, count: usize, places: &[Place]) -> String {
    let places: Vec<String> = places.iter().map(Place::describe).collect();
    format!(
        "“{ch}”（U+{:04X}，{count}处，见：{}）",
        ch as u32,
        places.join("、")
    )
}

/// A character no available font can draw, and where it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingChar {
    pub ch: char,
    /// Where in the report it occurs.
    pub places: Vec<Place>,
    /// How many times it occurs.
    pub count: usize,
}

impl fmt::Display for MissingChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&char_and_places(self.ch, self.count, &self.places))
    }
}

/// A character that prints in another typeface than its role's, and where it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FallbackChar {
    pub ch: char,
    /// The role of the text it is in.
    pub role: Role,
    /// The family of the role's face, which lacks it.
    pub role_family: String,
    /// The face it prints from instead.
    pub face: FaceId,
    /// That face's family.
    pub family: String,
    /// Where in the report it occurs.
    pub places: Vec<Place>,
    /// How many times it occurs.
    pub count: usize,
}

impl fmt::Display for FallbackChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&char_and_places(self.ch, self.count, &self.places))
    }
}

/// The user's warning about characters that print in another typeface: one sentence per role
/// and face, naming the characters and where they are. Empty when there are none.
pub fn fallback_warnings(chars: &[FallbackChar]) -> Vec<String> {
    let mut groups: Vec<(Role, FaceId, Vec<&FallbackChar>)> = Vec::new();
    for c in chars {
        match groups
            .iter_mut()
            .find(|(r, f, _)| *r == c.role && *f == c.face)
        {
            Some((_, _, list)) => list.push(c),
            None => groups.push((c.role, c.face, vec![c])),
        }
    }
    groups
        .into_iter()
        .filter_map(|(role, _, list)| {
            let first = *list.first()?;
            let items: Vec<String> = list.iter().map(|c| c.to_string()).collect();
            Some(format!(
                "以下字符在{}字体（{}）中没有，将改用“{}”字体印出，字形与前后文字不同：{}。如是人名、地名用字，可照常打印；否则可改用常用字，或安装含有这些字的{}字体。",
                role.chinese_name(),
                first.role_family,
                first.family,
                items.join("；"),
                role.chinese_name(),
            ))
        })
        .collect()
}
