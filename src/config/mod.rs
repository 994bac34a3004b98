//! The configuration file: where it is, reading it into settings (extensions, keywords,
//! colours, keys…) and the starting file `--print-config` writes. The command line puts them
//! under its own options (`cli`), which always win; and when to use colours, which the file and
//! the command line both set. May use `keys`, `ui` (the palette), `corpus` and `search` (the
//! defaults it writes out).

mod colour_choice;
mod file;
mod starting;

pub use colour_choice::ColorChoice;
pub use file::{Config, read};
pub use starting::starting_file;

use std::path::{Path, PathBuf};

/// Where folio looks for its configuration when not told: `$XDG_CONFIG_HOME/folio/config.toml`,
/// or `~/.config/folio/config.toml` (the XDG default) when that is unset or not absolute.
pub fn default_path(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = var("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| var("HOME").map(|home| Path::new(&home).join(".config")))?;
    Some(base.join("folio").join("config.toml"))
}

/// Which file to read: `--config FILE` (which must exist), else the default one if it exists.
/// None with `--no-config` or when there is no file.
pub fn load(explicit: Option<&Path>, ignore: bool) -> Result<Option<Config>, String> {
    if ignore {
        return Ok(None);
    }
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => match default_path(|name| std::env::var(name).ok()) {
            Some(path) if path.is_file() => path,
            _ => return Ok(None),
        },
    };
    let text =
        std::fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
    let truecolor = std::env::var("COLORTERM")
        .is_ok_and(|value| matches!(value.as_str(), "truecolor" | "24bit"));
    read(&text, truecolor)
        .map(Some)
        .map_err(|error| format!("{}:{error}", path.display()))
}
