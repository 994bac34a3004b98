//! Reading the configuration file's TOML into settings. Every mistake is reported with its
//! line and the key it is under (`12: colors.prompt: unknown colour "cyann"`), so the user can
//! go straight to it.

use crate::config::ColorChoice;
use crate::keys::key::Key;
use crate::keys::keymap::Keymap;
use crate::ui::palette::Palette;
use ratatui::style::Color;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::str::FromStr;
use toml::Spanned;

/// The settings a configuration file gives; None or empty where it is silent.
#[derive(Clone, Debug, Default)]
pub(crate) struct Config {
    pub extensions: Option<Vec<String>>,
    pub hidden: Option<bool>,
    pub follow: Option<bool>,
    pub keywords: Vec<String>,
    pub title_fields: Option<Vec<String>>,
    pub text_fields: Option<Vec<String>>,
    pub index_memory: Option<usize>,
    pub mouse: Option<bool>,
    /// Whether to remember the query history, marks and reading places between runs.
    pub state: Option<bool>,
    /// Whether to keep the lasting store (listing and word index) between runs.
    pub cache: Option<bool>,
    pub cache_limit: Option<u64>,
    /// What makes two documents copies (`--copy-jaccard`, `--copy-containment`).
    pub copy_jaccard: Option<f32>,
    pub copy_containment: Option<f32>,
    pub exact: Option<bool>,
    /// How the concordance's `c` writes a citation.
    pub citation: Option<crate::study::cite::CitationFormat>,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub color: Option<ColorChoice>,
    pub palette: Palette,
    pub keymap: Keymap,
}

/// The file as written. Unknown keys are errors: a misspelt key silently ignored is a setting
/// the user believes in and does not have.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Written {
    extensions: Option<Vec<String>>,
    hidden: Option<bool>,
    follow: Option<bool>,
    keywords: Option<Vec<String>>,
    title_fields: Option<Vec<String>>,
    text_fields: Option<Vec<String>>,
    index_memory: Option<usize>,
    mouse: Option<bool>,
    state: Option<bool>,
    cache: Option<bool>,
    cache_limit: Option<u64>,
    copy_jaccard: Option<Spanned<f32>>,
    copy_containment: Option<Spanned<f32>>,
    exact: Option<bool>,
    citation: Option<Spanned<String>>,
    encoding: Option<Spanned<String>>,
    color: Option<Spanned<String>>,
    colors: Option<BTreeMap<String, Spanned<OneOrMore>>>,
    keys: Option<BTreeMap<String, Spanned<OneOrMore>>>,
}

/// A key or a colour, or a list of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMore {
    One(String),
    More(Vec<String>),
}

/// A mistake in the file: `LINE: KEY: what is wrong`.
fn mistake(text: &str, span: Option<Range<usize>>, key: &str, message: &str) -> String {
    let offset = span.map_or(0, |span| span.start);
    let line = text[..offset.min(text.len())].matches('\n').count() + 1;
    let key = if key.is_empty() {
        key_at(text, offset)
    } else {
        key.to_string()
    };
    match key.is_empty() {
        true => format!("{line}: {message}"),
        false => format!("{line}: {key}: {message}"),
    }
}

/// The dotted key written on the line holding `offset` (`colors.prompt`), from the last table
/// header above it; empty when the line has none.
fn key_at(text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |at| line_start + at);
    let line = &text[line_start..line_end];
    let table = before[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|line| line.starts_with('[') && !line.starts_with("[["))
        // `[colors] # mine`: the name is what stands between the brackets.
        .and_then(|header| header.split(']').next())
        .map(|header| header.trim_start_matches('[').trim().to_string());
    let key = match line.split_once('=') {
        Some((key, _)) => key.trim().trim_matches('"').to_string(),
        None if line.trim_start().starts_with('[') => return String::new(),
        None => String::new(),
    };
    match (table, key.is_empty()) {
        (_, true) => String::new(),
        (Some(table), false) => format!("{table}.{key}"),
        (None, false) => key,
    }
}

/// Reads the file's text. `truecolor`: the terminal shows `#rrggbb` as it is; otherwise such
/// colours become the nearest of the 256.
pub(crate) fn read(text: &str, truecolor: bool) -> Result<Config, String> {
    let written: Written = toml::from_str(text)
        .map_err(|error| mistake(text, error.span(), "", error.message().trim()))?;
    let mut config = Config {
        extensions: written.extensions,
        hidden: written.hidden,
        follow: written.follow,
        keywords: written.keywords.unwrap_or_default(),
        title_fields: written.title_fields,
        text_fields: written.text_fields,
        index_memory: written.index_memory,
        mouse: written.mouse,
        state: written.state,
        cache: written.cache,
        cache_limit: written.cache_limit,
        exact: written.exact,
        ..Config::default()
    };
    for (key, written, slot) in [
        (
            "copy-jaccard",
            written.copy_jaccard,
            &mut config.copy_jaccard,
        ),
        (
            "copy-containment",
            written.copy_containment,
            &mut config.copy_containment,
        ),
    ] {
        if let Some(share) = written {
            let value = *share.get_ref();
            if !(value > 0.0 && value <= 1.0) {
                let message = format!("{value} is not a share above 0 and at most 1 (0.5 is half)");
                return Err(mistake(text, Some(share.span()), key, &message));
            }
            *slot = Some(value);
        }
    }
    if let Some(citation) = written.citation {
        config.citation = Some(citation.get_ref().parse().map_err(|message: String| {
            mistake(text, Some(citation.span()), "citation", &message)
        })?);
    }
    if let Some(encoding) = written.encoding {
        let found = crate::corpus::decode::encoding_named(encoding.get_ref());
        config.encoding = Some(
            found.map_err(|message| mistake(text, Some(encoding.span()), "encoding", &message))?,
        );
    }
    if let Some(color) = written.color {
        let choice = <ColorChoice as clap::ValueEnum>::from_str(color.get_ref(), true);
        config.color = Some(choice.map_err(|_| {
            let message = format!("{:?} is not auto, always or never", color.get_ref());
            mistake(text, Some(color.span()), "color", &message)
        })?);
    }
    for (name, value) in written.colors.unwrap_or_default() {
        let span = value.span();
        let at = |message: &str| {
            let key = format!("colors.{name}");
            mistake(text, Some(span.clone()), &key, message)
        };
        match (name.as_str(), value.into_inner()) {
            ("keywords", OneOrMore::More(names)) if !names.is_empty() => {
                config.palette.keywords = names
                    .iter()
                    .map(|name| colour(name, truecolor))
                    .collect::<Result<_, _>>()
                    .map_err(|message| at(&message))?;
            }
            ("keywords", _) => {
                return Err(at("a list of one or more colours: [\"yellow\", \"green\"]"));
            }
            (_, OneOrMore::More(_)) => return Err(at("one colour, not a list")),
            (_, OneOrMore::One(written)) => {
                let colour = colour(&written, truecolor).map_err(|message| at(&message))?;
                let mut slots = config.palette.slots();
                let Some((_, _, place)) = slots.iter_mut().find(|(slot, _, _)| *slot == name)
                else {
                    let message =
                        format!("no colour is called {name:?} (see folio --print-config)");
                    return Err(at(&message));
                };
                **place = colour;
            }
        }
    }
    // In the order written, so a mistake is reported at the first line that makes it.
    let mut keys: Vec<_> = written.keys.unwrap_or_default().into_iter().collect();
    keys.sort_by_key(|(_, keys)| keys.span().start);
    for (name, keys) in keys {
        let span = keys.span();
        let at =
            |message: &str| mistake(text, Some(span.clone()), &format!("keys.{name}"), message);
        let specs = match keys.into_inner() {
            OneOrMore::One(spec) => vec![spec],
            OneOrMore::More(specs) => specs,
        };
        let keys = specs
            .iter()
            .map(|spec| Key::parse(spec))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|message| at(&message))?;
        config
            .keymap
            .rebind(&name, keys)
            .map_err(|message| at(&message))?;
    }
    Ok(config)
}

/// A colour as written: one of the 16 ANSI names, an index 0–255, or `#rrggbb`.
fn colour(written: &str, truecolor: bool) -> Result<Color, String> {
    match Color::from_str(written) {
        Ok(Color::Rgb(red, green, blue)) if !truecolor => {
            Ok(Color::Indexed(nearest_of_256(red, green, blue)))
        }
        Ok(colour) => Ok(colour),
        Err(_) => Err(format!(
            "unknown colour {written:?} (a name such as red or lightblue, 0–255, or #rrggbb)"
        )),
    }
}

/// The xterm 256-colour palette's entry nearest to an RGB colour: the 6×6×6 cube (levels 0,
/// 95, 135, 175, 215, 255) or the 24 greys (8, 18, … 238), whichever is closer. The first 16
/// are left out: they are the user's own palette, whose values folio cannot know.
pub(super) fn nearest_of_256(red: u8, green: u8, blue: u8) -> u8 {
    const LEVELS: [i32; 6] = [0, 95, 135, 175, 215, 255];
    let nearest_level = |value: u8| {
        (0..6)
            .min_by_key(|&index| (LEVELS[index] - i32::from(value)).abs())
            .unwrap_or(0)
    };
    let (r, g, b) = (
        nearest_level(red),
        nearest_level(green),
        nearest_level(blue),
    );
    let cube = (LEVELS[r], LEVELS[g], LEVELS[b]);
    let average = (i32::from(red) + i32::from(green) + i32::from(blue)) / 3;
    let grey_index = ((average - 8).max(0) / 10).min(23);
    let grey_value = 8 + grey_index * 10;
    let distance = |(r2, g2, b2): (i32, i32, i32)| {
        let (dr, dg, db) = (
            i32::from(red) - r2,
            i32::from(green) - g2,
            i32::from(blue) - b2,
        );
        dr * dr + dg * dg + db * db
    };
    if distance((grey_value, grey_value, grey_value)) < distance(cube) {
        232 + grey_index as u8
    } else {
        16 + (36 * r + 6 * g + b) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::action::{Action, Mode};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn error(text: &str) -> String {
        read(text, false).expect_err("the file has a mistake")
    }

    #[test]
    fn mistakes_name_their_line_and_key() {
        let text = "hidden = true\n\n[colors]\nprompt = \"cyann\"\n";
        assert!(
            error(text).starts_with("4: colors.prompt: unknown colour \"cyann\""),
            "{}",
            error(text)
        );
        let text = "mouse = true\n[keys]\nsearch = [\"/\", \"Ctrl-Å\"]\n";
        assert!(
            error(text).starts_with("3: keys.search: \"Ctrl-Å\": Ctrl- goes with one letter"),
            "{}",
            error(text)
        );
        let text = "exact = true\nencoding = \"klingon\"\n";
        assert!(
            error(text).starts_with("2: encoding: unknown encoding \"klingon\""),
            "{}",
            error(text)
        );
        let set = read("exact = true\nencoding = \"latin2\"\n", false);
        assert!(
            set.is_ok_and(|config| config.exact == Some(true)
                && config.encoding == Some(encoding_rs::ISO_8859_2))
        );
        let text = "[keys]\nteleport = \"t\"\n";
        assert!(
            error(text).starts_with("2: keys.teleport: no action is called \"teleport\""),
            "{}",
            error(text)
        );
        let text = "extensions = [\"txt\"]\nhiden = true\n";
        assert!(
            error(text).starts_with("2: hiden: unknown field `hiden`"),
            "{}",
            error(text)
        );
        let text = "\nhidden = \"yes\"\n";
        assert!(
            error(text).starts_with("2: hidden: invalid type: string"),
            "{}",
            error(text)
        );
        let text = "color = \"sometimes\"\n";
        assert!(
            error(text).starts_with("1: color: \"sometimes\" is not auto, always or never"),
            "{}",
            error(text)
        );
        let text = "[colors]\nkeywords = []\n";
        assert!(
            error(text).starts_with("2: colors.keywords: a list of one or more colours"),
            "{}",
            error(text)
        );
        let text = "[colors]\nglow = \"red\"\n";
        assert!(
            error(text).starts_with("2: colors.glow: no colour is called"),
            "{}",
            error(text)
        );
        let text = "[keys] # mine\nsearch = \"Ctrl-\"\n";
        assert!(
            error(text).starts_with("2: keys.search: "),
            "{}",
            error(text)
        );
        // The defaults as printed, with `k` given to another action and left on scroll-up.
        let text = crate::config::starting_file()
            .replace("add-keyword = [\"+\"]", "add-keyword = [\"+\", \"k\"]");
        assert!(
            error(&text).contains("keys.add-keyword: k is already given to scroll-up"),
            "{}",
            error(&text)
        );
        let text = "keywords = [\"a\"\n";
        assert!(error(text).starts_with("1: "), "{}", error(text));
    }

    #[test]
    fn settings_are_read() {
        let text = "extensions = [\"rst\"]\nkeywords = [\"fraud\"]\nmouse = false\ncolor = \"never\"\n\
                    [colors]\nprompt = \"#ff8700\"\nkeywords = [\"red\", \"33\"]\n[keys]\nsearch = \"Ctrl-G\"\n";
        let config = read(text, false).expect("valid");
        assert_eq!(config.extensions, Some(vec!["rst".to_string()]));
        assert_eq!(config.keywords, vec!["fraud".to_string()]);
        assert_eq!(config.mouse, Some(false));
        assert_eq!(config.color, Some(ColorChoice::Never));
        // #ff8700 is entry 208 of the 256, exactly.
        assert_eq!(config.palette.prompt, Color::Indexed(208));
        assert_eq!(
            config.palette.keywords,
            vec![Color::Red, Color::Indexed(33)]
        );
        let ctrl_g = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL);
        assert_eq!(
            config.keymap.action_for(&ctrl_g, Mode::Reader),
            Some(Action::SearchStart)
        );
        let slash = KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE);
        assert_eq!(config.keymap.action_for(&slash, Mode::Reader), None);
        // A truecolor terminal gets the colour as written.
        let config = read(text, true).expect("valid");
        assert_eq!(config.palette.prompt, Color::Rgb(0xff, 0x87, 0x00));
    }

    #[test]
    fn rgb_becomes_the_nearest_of_256() {
        assert_eq!(nearest_of_256(0, 0, 0), 16);
        assert_eq!(nearest_of_256(255, 255, 255), 231);
        assert_eq!(nearest_of_256(0x80, 0x80, 0x80), 244);
        assert_eq!(nearest_of_256(0x5f, 0x87, 0xaf), 67);
        assert_eq!(nearest_of_256(0x12, 0x12, 0x12), 233);
    }
}
