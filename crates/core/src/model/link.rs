//! The link from a draft to last year's draft, which the cross-year checks read. Pure path
//! arithmetic: reading the file is `store`'s business.
//!
//! It is stored as text in the draft (`last_year_draft`): just the file name (or a path below
//! the draft's folder) when last year's file sits beside the draft, so the pair can be moved or
//! copied together; an absolute path otherwise.

use std::path::{Path, PathBuf};

/// Where last year's draft is, as a draft stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastYearLink(PathBuf);

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

impl LastYearLink {
    /// The link as written in a draft file.
    pub fn from_stored(text: &str) -> Self {
        LastYearLink(PathBuf::from(text))
    }

    /// The text written into the draft file.
    pub fn stored(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }

    /// A link to `last` from a draft that has no file yet: absolute.
    pub fn absolute(last: &Path) -> Self {
        LastYearLink(absolute(last))
    }

    /// A link to `last` as seen from the draft saved at `draft`: relative when last year's file
    /// is in the draft's folder or below it, absolute otherwise.
    pub fn beside(last: &Path, draft: &Path) -> Self {
        let last = absolute(last);
        let dir = absolute(draft).parent().map(Path::to_path_buf);
        match dir.as_deref().and_then(|d| last.strip_prefix(d).ok()) {
            Some(rel) if !rel.as_os_str().is_empty() => LastYearLink(rel.to_path_buf()),
            _ => LastYearLink(last),
        }
    }

    /// The file it names, relative links taken from the folder of the draft at `draft` (or from
    /// the working folder for a draft that has no file).
    pub fn resolve(&self, draft: Option<&Path>) -> PathBuf {
        match draft.and_then(Path::parent) {
            Some(dir) if self.0.is_relative() => dir.join(&self.0),
            _ => self.0.clone(),
        }
    }

    /// The same file, linked from a draft that moves from `from` (`None`: never saved) to `to`
    /// ("另存为").
    pub fn rebased(&self, from: Option<&Path>, to: &Path) -> Self {
        LastYearLink::beside(&self.resolve(from), to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_beside_the_draft_and_follow_it() {
        let dir = std::env::temp_dir().join("nianbao-link-test");
        let draft = dir.join("2022.ron");
        let last = dir.join("2021.ron");
        let link = LastYearLink::beside(&last, &draft);
        assert_eq!(link.stored(), "2021.ron");
        assert_eq!(link.resolve(Some(&draft)), absolute(&last));
        let moved = dir.join("sub").join("2022.ron");
        let rebased = link.rebased(Some(&draft), &moved);
        assert_eq!(rebased.resolve(Some(&moved)), absolute(&last));
        assert!(Path::new(&rebased.stored()).is_absolute());
    }
}
