//! `folio --print-config`: the defaults written out as a configuration file to start from,
//! every setting with a comment saying what it does. Generated from the same definitions the
//! program runs on (the command line's defaults, the palette, the key table), so it cannot
//! drift from them; a test reads it back and gets the defaults.

use crate::corpus::jsonl::{TEXT_FIELDS, TITLE_FIELDS};
use crate::corpus::walk::DEFAULT_EXTENSIONS;
use crate::keys::bindings::BINDINGS;
use crate::keys::keymap::Keymap;
use crate::search::text::index::DEFAULT_BUDGET_MIB;
use crate::ui::palette::Palette;
use ratatui::style::Color;
use std::fmt::Write;

/// A TOML string, quoted and escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(quoted).collect();
    format!("[{}]", items.join(", "))
}

/// How the file writes a colour: its name in lower case (`lightblue`), or as given.
fn colour_name(colour: Color) -> String {
    match colour {
        Color::Indexed(index) => index.to_string(),
        Color::Rgb(red, green, blue) => format!("#{red:02x}{green:02x}{blue:02x}"),
        named => named.to_string().to_lowercase(),
    }
}

/// The whole starting file.
pub(crate) fn starting_file() -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "\
# folio's configuration. Save as $XDG_CONFIG_HOME/folio/config.toml (~/.config/folio/config.toml)
# or pass --config FILE; --no-config ignores it. The command line overrides what is set here.
# Written by `folio --print-config` with the defaults; delete what you do not change.

# Files to list, by extension (--ext).
extensions = {extensions}
# Include hidden files and folders (--hidden).
hidden = false
# Follow symbolic links (--follow).
follow = false
# Words always highlighted in the reader, each its own colour (--keyword adds more).
keywords = []
# JSON Lines: the fields holding a record's title and its text, in order of preference.
title-fields = {titles}
text-fields = {texts}
# Exact mode: plain words match titles as exact substrings, not fuzzily (--exact, Ctrl-X).
exact = false
# How `c` in the concordance cites a line: plain, markdown or bibtex (--citation; C: next).
citation = \"plain\"
# The encoding of files that are not UTF-8, e.g. \"windows-1252\"; unset: guessed (--encoding).
# encoding = \"windows-1252\"
# Memory for the index that makes text search fast, in MiB; 0 for none (--index-memory).
index-memory = {budget}
# The wheel scrolls the pane under the pointer, a click selects a row (--no-mouse: off).
mouse = true

# Remember, per corpus, the query history, marks, keywords added, the last query and sort,
# and where each document was being read, under $XDG_STATE_HOME/folio (--no-state: off).
state = true
# Keep each corpus's listing and word index under $XDG_CACHE_HOME/folio, so a corpus opened
# again lists and searches at once (--no-cache: off), in at most this many MiB per corpus.
cache = true
cache-limit = {cache_limit}
# Two documents are copies when they share this share of their shingles (runs of five words)
# together, or the shorter has this share of its shingles in the longer (--copy-jaccard,
# --copy-containment).
copy-jaccard = 0.5
copy-containment = 0.8
# Colours: auto (none when NO_COLOR is set), always or never (--color).
color = \"auto\"

# The interface's colours: a name (black, red, green, yellow, blue, magenta, cyan, gray,
# darkgray, lightred, lightgreen, lightyellow, lightblue, lightmagenta, lightcyan, white, which
# follow your terminal's palette), a number 0-255, or \"#rrggbb\" (shown as the nearest of 256
# colours unless COLORTERM is truecolor or 24bit).
[colors]
",
        extensions = list(DEFAULT_EXTENSIONS.iter().copied()),
        titles = list(TITLE_FIELDS.iter().copied()),
        texts = list(TEXT_FIELDS.iter().copied()),
        budget = DEFAULT_BUDGET_MIB,
        cache_limit = crate::store::DEFAULT_LIMIT_MIB,
    );
    let mut palette = Palette::default();
    let keywords: Vec<String> = palette.keywords.iter().map(|c| colour_name(*c)).collect();
    for (name, what, colour) in palette.slots() {
        let _ = writeln!(out, "{name} = {}  # {what}", quoted(&colour_name(*colour)));
    }
    let _ = writeln!(
        out,
        "keywords = {}  # the keywords' backgrounds, in turn",
        list(keywords.iter().map(String::as_str))
    );
    out.push_str(
        "\n# Keys: an action and its keys, replacing the default ones. A key is a character (j, G,\n\
         # /), Ctrl- and a letter (Ctrl-F), F1-F12, or Enter, Esc, Tab, Backspace, Delete, Insert,\n\
         # Space, Up, Down, Left, Right, PgUp, PgDn, Home, End. A key given to an action leaves\n\
         # any other action of the same mode; [] leaves an action without keys.\n[keys]\n",
    );
    let keymap = Keymap::default();
    let mut mode = None;
    for (index, binding) in BINDINGS.iter().enumerate() {
        if binding.name.is_empty() {
            continue;
        }
        let modes = binding
            .modes
            .first()
            .map_or("everywhere", |mode| mode.name());
        if mode != Some(modes) {
            let _ = writeln!(out, "# {modes}");
            mode = Some(modes);
        }
        let keys: Vec<String> = keymap.keys_of(index).iter().map(|key| key.spec()).collect();
        let _ = writeln!(
            out,
            "{} = {}  # {}",
            binding.name,
            list(keys.iter().map(String::as_str)),
            binding.help
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::read;

    #[test]
    fn the_starting_file_reads_back_as_the_defaults() {
        let config = read(&starting_file(), false).expect("the starting file is valid");
        assert_eq!(config.palette, Palette::default());
        assert_eq!(
            config.extensions.as_deref(),
            Some(&DEFAULT_EXTENSIONS.map(String::from)[..])
        );
        assert_eq!(config.index_memory, Some(DEFAULT_BUDGET_MIB));
        assert_eq!(config.mouse, Some(true));
        let defaults = Keymap::default();
        for (index, binding) in BINDINGS.iter().enumerate() {
            let spec = |keys: &[crate::keys::key::Key]| -> Vec<String> {
                keys.iter().map(|key| key.spec()).collect()
            };
            let (written, default) = (config.keymap.keys_of(index), defaults.keys_of(index));
            assert_eq!(spec(written), spec(default), "{}", binding.name);
        }
    }
}
