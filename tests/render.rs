//! Render tests: the whole app drawn into ratatui's TestBackend. Snapshots pin the layout at
//! the sizes people use; cell-style assertions check the colours a snapshot cannot show.

use crate::common::{Browser, screen_text, temp_corpus};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (40, 10)];

#[test]
fn the_list_and_reader_at_every_size() {
    for (width, height) in SIZES {
        let mut browser = Browser::sample(width, height);
        insta::assert_snapshot!(format!("start_{width}x{height}"), browser.screen());
    }
}

#[test]
fn filtered_at_every_size() {
    for (width, height) in SIZES {
        let mut browser = Browser::sample(width, height);
        browser.keys("beacon");
        insta::assert_snapshot!(format!("filtered_{width}x{height}"), browser.screen());
    }
}

#[test]
fn reading_with_a_search_at_every_size() {
    for (width, height) in SIZES {
        let mut browser = Browser::sample(width, height);
        browser.keys("Down Enter / party Enter n");
        insta::assert_snapshot!(format!("search_{width}x{height}"), browser.screen());
    }
}

#[test]
fn the_search_prompt_and_the_help_overlay() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("Enter / achieve");
    insta::assert_snapshot!("prompt_80x24", browser.screen());
    let mut browser = Browser::sample(80, 24);
    browser.keys("F1");
    insta::assert_snapshot!("help_80x24", browser.screen());
}

/// Cells of row `y` whose symbols spell `word` starting at column `x`.
fn cells_of<'a>(buffer: &'a Buffer, x: u16, y: u16, word: &str) -> Vec<&'a ratatui::buffer::Cell> {
    (0..word.chars().count() as u16)
        .map(|i| &buffer[(x + i, y)])
        .collect()
}

/// Every position where `word` appears on screen, as (x, y) of its first cell.
fn find_on_screen(buffer: &Buffer, word: &str) -> Vec<(u16, u16)> {
    let text = screen_text(buffer);
    let mut found = Vec::new();
    for (y, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let needle: Vec<char> = word.chars().collect();
        for x in 0..chars.len().saturating_sub(needle.len() - 1) {
            if chars[x..x + needle.len()] == needle[..] {
                found.push((x as u16, y as u16));
            }
        }
    }
    found
}

#[test]
fn search_matches_are_highlighted_and_the_current_one_stands_out() {
    let mut browser = Browser::sample(120, 40);
    browser.keys("Enter / party Enter");
    let buffer = browser.buffer().clone();
    let reader_x = 49; // right of the list (48 columns) and the divider
    let mut current = 0;
    let mut others = 0;
    for (x, y) in find_on_screen(&buffer, "Party") {
        if x < reader_x || y < 8 {
            continue; // the list, and the header (which search does not cover)
        }
        let cells = cells_of(&buffer, x, y, "Party");
        let background = cells[0].bg;
        assert!(
            cells.iter().all(|c| c.bg == background),
            "one style per match"
        );
        match background {
            Color::Red => {
                current += 1;
                assert!(cells[0].modifier.contains(Modifier::BOLD));
            }
            Color::Cyan => others += 1,
            other => panic!("match at {x},{y} not highlighted: {other:?}"),
        }
    }
    assert_eq!(current, 1, "exactly one current match");
    assert!(
        others >= 2,
        "the other matches on screen are highlighted too"
    );
}

#[test]
fn query_words_and_keywords_are_highlighted_in_the_text() {
    let dir = temp_corpus(&[(
        "a.txt",
        "The beacon shines.\nA lighthouse is a beacon; so is a flare.\n",
    )]);
    let mut browser = Browser::over(dir.path(), &["flare"], "beacon", 80, 24);
    let buffer = browser.buffer().clone();
    let mut seen = 0;
    // Each word its own colour: the `--keyword`s first, then the query's words.
    for (word, colour) in [("beacon", Color::Green), ("flare", Color::Yellow)] {
        for (x, y) in find_on_screen(&buffer, word) {
            if y < 10 {
                continue; // the list pane (and its matched characters)
            }
            for cell in cells_of(&buffer, x, y, word) {
                assert_eq!(
                    (cell.fg, cell.bg),
                    (Color::Black, colour),
                    "{word} at {x},{y}"
                );
            }
            seen += 1;
        }
    }
    // Title row + two body rows mention "beacon"; one body row "flare", and the header's
    // count of it ("flare 1"), in its colour like a legend.
    assert_eq!(seen, 5);
}

#[test]
fn matched_title_characters_are_emphasised_in_the_list() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("xi");
    let buffer = browser.buffer().clone();
    let row: Vec<_> = (0..80).map(|x| &buffer[(x, 1)]).collect();
    let emphasised: String = row
        .iter()
        .filter(|c| c.fg == Color::Green)
        .map(|c| c.symbol())
        .collect();
    assert_eq!(emphasised, "Xi", "fuzzy-matched characters, smart case");
    assert!(
        row[0].modifier.contains(Modifier::REVERSED),
        "the selected row stands out"
    );
}

#[test]
fn the_focused_pane_is_marked() {
    let mut browser = Browser::sample(120, 40);
    let bar = |browser: &mut Browser| browser.buffer()[(60, 0)].modifier;
    assert!(!bar(&mut browser).contains(Modifier::REVERSED));
    browser.keys("Enter");
    assert!(bar(&mut browser).contains(Modifier::REVERSED));
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    for width in [0, 1, 2, 10, 19, 20, 21, 39, 40, 99, 100, 101, 300] {
        for height in [0, 1, 2, 4, 5, 6, 10, 100] {
            // Every key draws a frame.
            let mut browser = Browser::sample(width, height);
            browser.keys("Enter G F1");
            browser.keys("Esc Ctrl-U Esc");
        }
    }
}

#[test]
fn a_too_small_terminal_says_so() {
    let mut browser = Browser::sample(19, 4);
    assert_eq!(browser.screen().lines().next(), Some("terminal too small"));
    let mut browser = Browser::sample(1, 1);
    assert_eq!(browser.screen(), "…\n");
}
