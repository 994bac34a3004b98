//! Without colour (`NO_COLOR`, `--color never`) nothing is coloured, yet the selection, the
//! matched characters, keywords and search matches still stand out. The theme is passed to the
//! view, so a colourless browser and coloured ones live side by side.

use crate::common::Browser;
use crate::common::tmux::Tmux;
use folio::testing::ColorChoice;
use folio::testing::Palette;
use folio::testing::Setup;
use folio::testing::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::path::Path;

/// The cells of row `y` whose symbols spell `word`, at its first occurrence.
fn cells_of<'a>(buffer: &'a Buffer, word: &str) -> Vec<&'a ratatui::buffer::Cell> {
    let area = buffer.area;
    for y in 0..area.height {
        let row: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        if let Some(at) = row.find(word) {
            let x = row[..at].chars().count() as u16;
            return (x..x + word.chars().count() as u16)
                .map(|x| &buffer[(x, y)])
                .collect();
        }
    }
    panic!("{word} is not on screen");
}

#[test]
fn without_colour_every_highlight_still_shows() {
    let setup = Setup {
        keywords: vec!["Xinhua".into()],
        query: "beacon".into(),
        ..crate::common::setup()
    };
    let colourless = Theme::new(Palette::default(), false);
    let corpus = crate::common::load(Path::new("corpus"));
    let mut browser = Browser::of_corpus(corpus, setup, colourless, 120, 40);
    browser.keys("Enter / party Enter");
    let focus = browser.app().focus();
    let buffer = browser.buffer().clone();
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    let selected = cells_of(&buffer, "> China");
    assert!(
        selected
            .iter()
            .all(|c| c.modifier.contains(Modifier::REVERSED))
    );
    let keyword = cells_of(&buffer, "Xinhua");
    assert!(
        keyword
            .iter()
            .all(|c| c.modifier.contains(Modifier::UNDERLINED))
    );
    // In the reader (right of the list), the current match is the only text that is reversed,
    // bold and underlined.
    let reading = focus == folio::testing::Focus::Reader;
    let reader = folio::testing::areas(120, 40, reading).reader;
    let reader = reader.unwrap_or_else(|| panic!("no reader pane"));
    let all_three = Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED;
    let current: String = reader
        .positions()
        .map(|position| &buffer[(position.x, position.y)])
        .filter(|c| c.modifier.contains(all_three))
        .map(|c| c.symbol())
        .collect();
    assert_eq!(current.to_lowercase(), "party");
}

#[test]
fn no_color_turns_colours_off_unless_always_is_asked() {
    assert!(ColorChoice::Auto.colours(false));
    assert!(!ColorChoice::Auto.colours(true));
    assert!(ColorChoice::Always.colours(true));
    assert!(!ColorChoice::Never.colours(false));
}

#[test]
fn no_color_in_a_real_terminal_sends_no_colour_but_reverse_video() {
    let term = Tmux::start(100, 30, Path::new(env!("CARGO_MANIFEST_DIR")));
    term.command("NO_COLOR=1 folio corpus -k poverty");
    term.wait_for("2/2");
    let screen = term.screen_with_attributes();
    let attributes = sgr_parameters(&screen);
    assert!(
        !attributes.iter().any(|&p| is_colour(p)),
        "colour codes:\n{screen}"
    );
    assert!(
        attributes.contains(&7),
        "reverse video for the selection:\n{screen}"
    );
    term.keys(&["C-c"]);
    term.wait_until("folio to leave", |s| !s.contains("2/2"));
    term.command("NO_COLOR=1 folio corpus --color always");
    term.wait_for("2/2");
    let attributes = sgr_parameters(&term.screen_with_attributes());
    assert!(
        attributes.iter().any(|&p| is_colour(p)),
        "--color always colours"
    );
    term.keys(&["C-c"]);
}

/// Every parameter of every SGR sequence (`ESC [ … m`) in `screen`.
fn sgr_parameters(screen: &str) -> Vec<u16> {
    screen
        .split('\u{1b}')
        .filter_map(|part| part.strip_prefix('['))
        .filter_map(|part| part.split_once('m').map(|(params, _)| params))
        .flat_map(|params| params.split(';').filter_map(|p| p.parse().ok()))
        .collect()
}

fn is_colour(parameter: u16) -> bool {
    matches!(parameter, 30..=38 | 40..=48 | 90..=97 | 100..=107)
}
