//! What the app remembers between sessions besides drafts: where its window was, how large,
//! whether maximized, the zoom, and the last export's format and folder. Kept in `prefs.ron` in the user's data folder; a missing,
//! damaged or absurd file gives the defaults, never an error.

use super::atomic::write_atomic;
use super::draft::read_text;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

/// The smallest window the pages are laid out for.
pub const MIN_WINDOW: (f32, f32) = (900.0, 600.0);
/// Zoom steps, as a browser offers them.
pub const ZOOM_STEPS: [f32; 9] = [0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0];

/// The window as the person left it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WindowPlace {
    /// The size when not maximized, in logical pixels.
    pub width: f32,
    pub height: f32,
    /// The top-left corner when not maximized, if the desktop told it.
    pub x: Option<f32>,
    pub y: Option<f32>,
    pub maximized: bool,
}

/// Everything remembered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub window: Option<WindowPlace>,
    /// 1.0 is 100 %; one of [`ZOOM_STEPS`].
    pub zoom: Option<f32>,
}

/// What the last export was: the format (its file extension, e.g. `html`) and the folder,
/// offered again on the export page. Kept in a file of its own (`export.ron`,
/// `UserData::export_choice_path`): it is written when an export succeeds, the window's
/// [`Prefs`] when the window closes, and neither should write over the other.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportChoice {
    pub format: String,
    pub folder: Option<PathBuf>,
}

impl ExportChoice {
    /// Reads the file; anything wrong with it gives the default (the PDF, no folder).
    pub fn load(path: &Path) -> ExportChoice {
        read_text(path)
            .ok()
            .and_then(|text| ron::from_str::<ExportChoice>(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the file atomically.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(io::Error::other)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        write_atomic(path, text.as_bytes(), false)
    }
}

impl Prefs {
    /// Reads the file; anything wrong with it gives the defaults.
    pub fn load(path: &Path) -> Prefs {
        read_text(path)
            .ok()
            .and_then(|text| ron::from_str::<Prefs>(&text).ok())
            .unwrap_or_default()
            .sane()
    }

    /// Writes the file atomically.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(io::Error::other)?;
        write_atomic(path, text.as_bytes(), false)
    }

    /// Drops what no window should get: a size below the minimum or beyond any screen, a
    /// position far off any screen, a zoom that is not a step.
    pub fn sane(mut self) -> Prefs {
        let ok = |v: f32, min: f32| v.is_finite() && (min..=20_000.0).contains(&v);
        if let Some(w) = &mut self.window {
            if !(ok(w.width, MIN_WINDOW.0) && ok(w.height, MIN_WINDOW.1)) {
                self.window = None;
            } else if !(w.x.is_none_or(|x| ok(x + w.width, 0.0) && x < 20_000.0)
                && w.y.is_none_or(|y| ok(y + 40.0, 0.0) && y < 20_000.0))
            {
                (w.x, w.y) = (None, None);
            }
        }
        self.zoom = self
            .zoom
            .filter(|z| ZOOM_STEPS.iter().any(|s| (s - z).abs() < 1e-3));
        self
    }

    /// The zoom, 1.0 when none is set.
    pub fn zoom(&self) -> f32 {
        self.zoom.unwrap_or(1.0)
    }
}

/// The next zoom step up (`1`), down (`-1`) or back to 100 % (`0`).
pub fn zoom_step(current: f32, direction: i32) -> f32 {
    let i = ZOOM_STEPS
        .iter()
        .position(|s| (s - current).abs() < 1e-3)
        .unwrap_or(3);
    match direction {
        0 => 1.0,
        d if d > 0 => ZOOM_STEPS[(i + 1).min(ZOOM_STEPS.len() - 1)],
        _ => ZOOM_STEPS[i.saturating_sub(1)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_values_give_defaults() {
        let place = |width, x| WindowPlace {
            width,
            height: 700.0,
            x,
            y: Some(10.0),
            maximized: false,
        };
        let p = Prefs {
            window: Some(place(100.0, None)),
            zoom: Some(7.0),
        }
        .sane();
        assert_eq!(p, Prefs::default());
        let p = Prefs {
            window: Some(place(1000.0, Some(-5000.0))),
            zoom: Some(1.25),
        }
        .sane();
        assert_eq!(p.window.map(|w| (w.x, w.y)), Some((None, None)));
        assert_eq!(p.zoom(), 1.25);
        let p = Prefs {
            window: Some(place(f32::NAN, None)),
            zoom: None,
        }
        .sane();
        assert_eq!(p.window, None);
    }

    #[test]
    fn zoom_goes_by_steps_and_stops_at_the_ends() {
        assert_eq!(zoom_step(1.0, 1), 1.1);
        assert_eq!(zoom_step(1.0, -1), 0.9);
        assert_eq!(zoom_step(2.0, 1), 2.0);
        assert_eq!(zoom_step(0.75, -1), 0.75);
        assert_eq!(zoom_step(1.5, 0), 1.0);
        assert_eq!(zoom_step(1.33, 1), 1.1, "an odd value counts as 100 %");
    }

    #[test]
    fn prefs_survive_a_round_trip_and_damage() {
        let dir = std::env::temp_dir().join(format!("nianbao-prefs-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("prefs.ron");
        let p = Prefs {
            window: Some(WindowPlace {
                width: 1200.0,
                height: 700.0,
                x: Some(40.0),
                y: Some(30.0),
                maximized: false,
            }),
            zoom: Some(1.25),
        };
        p.save(&path).expect("written");
        assert_eq!(Prefs::load(&path), p);
        std::fs::write(&path, "(window: Some((width: 1").expect("written");
        assert_eq!(Prefs::load(&path), Prefs::default());
        assert_eq!(Prefs::load(&dir.join("none.ron")), Prefs::default());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_last_export_choice_is_kept_and_a_bad_file_gives_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("export.ron");
        assert_eq!(ExportChoice::load(&path), ExportChoice::default());
        let choice = ExportChoice {
            format: "docx".into(),
            folder: Some(PathBuf::from("/年报/2021\nformat=pdf")),
        };
        choice.save(&path).unwrap();
        assert_eq!(ExportChoice::load(&path), choice);
        std::fs::write(&path, "not ron").unwrap();
        assert_eq!(ExportChoice::load(&path), ExportChoice::default());
    }
}
