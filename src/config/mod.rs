//! The configuration file: where it is, reading it into settings (extensions, keywords,
//! colours, keys…) and the starting file `--print-config` writes. The command line puts them
//! under its own options (`cli`), which always win; and when to use colours, which the file and
//! the command line both set; and the state remembered per corpus (`state_file`). May use
//! `keys`, `ui` (the palette), `corpus`, `search` and `store` (the defaults it writes out, the
//! folders and the lock it shares), `study` (the citation formats) and `app` (the state it
//! keeps).

mod colour_choice;
mod file;
mod starting;
pub(crate) mod state_file;

pub use colour_choice::ColorChoice;
pub(crate) use file::{Config, read};
pub(crate) use starting::starting_file;

use crate::corpus::read;
use std::path::{Path, PathBuf};

/// The largest configuration file read: far more than any real one, and a bound on what a
/// wrong `--config` (`/dev/zero`, a huge file) can cost.
const CONFIG_LIMIT: usize = 1 << 20;

/// Where folio looks for its configuration when not told: `$XDG_CONFIG_HOME/folio/config.toml`,
/// or `~/.config/folio/config.toml` (the XDG default) when that is unset or not absolute.
pub(crate) fn default_path(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    crate::store::place::xdg_folder(var, "XDG_CONFIG_HOME", ".config")
        .map(|folder| folder.join("config.toml"))
}

/// Which file to read: `--config FILE` (which must exist), else the default one if anything
/// is there.
/// None with `--no-config` or when there is no file.
pub(crate) fn load(explicit: Option<&Path>, ignore: bool) -> Result<Option<Config>, String> {
    if ignore {
        return Ok(None);
    }
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        // Anything at the default path is read as the file: a FIFO or a link to a device
        // there is the same clear error as with --config, not silently passed over.
        None => match default_path(|name| std::env::var(name).ok()) {
            Some(path) if std::fs::symlink_metadata(&path).is_ok() => path,
            _ => return Ok(None),
        },
    };
    let text = read_file(&path).map_err(|error| format!("{}: {error}", path.display()))?;
    let truecolor = std::env::var("COLORTERM")
        .is_ok_and(|value| matches!(value.as_str(), "truecolor" | "24bit"));
    read(&text, truecolor)
        .map(Some)
        .map_err(|error| format!("{}:{error}", path.display()))
}

/// Reads a configuration file as documents are read: a regular file only (a FIFO would block
/// for ever, a device read without end), at most [`CONFIG_LIMIT`] bytes, UTF-8.
fn read_file(path: &Path) -> Result<String, String> {
    let read = read::read_document(path, read::Reach::Following, CONFIG_LIMIT)
        .map_err(|error| error.to_string())?;
    if read.truncated {
        return Err(format!(
            "larger than {} MiB: not a configuration file",
            CONFIG_LIMIT >> 20
        ));
    }
    String::from_utf8(read.bytes).map_err(|_| "not UTF-8 text".to_string())
}
