//! Property tests of the text path and the renderer, over generated hostile text: control,
//! format and bidi characters, wide and combining characters, emoji, tabs and line ends.

use crate::common::Browser;
use folio::testing::DocStore;
use folio::testing::Setup;
use folio::testing::Theme;
use folio::testing::find_ignoring_case;
use folio::testing::sanitize_line;
use folio::testing::width;
use folio::testing::wrap_line;
use folio::testing::{Corpus, DocMeta};
use proptest::prelude::*;

/// Characters chosen to break things: every kind of control, invisible formatting, bidi
/// overrides, wide CJK, emoji with joiners, combining marks, tabs and line ends.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        2 => Just(' '),
        1 => proptest::char::range('\u{0}', '\u{1f}'),
        1 => proptest::char::range('\u{7f}', '\u{9f}'),
        1 => proptest::char::range('\u{200b}', '\u{200f}'),
        1 => proptest::char::range('\u{202a}', '\u{202e}'),
        1 => proptest::char::range('\u{2066}', '\u{2069}'),
        1 => Just('\u{feff}'),
        1 => Just('\u{ad}'),
        2 => proptest::char::range('\u{4e00}', '\u{4e80}'),
        1 => proptest::char::range('\u{1f600}', '\u{1f64f}'),
        1 => proptest::char::range('\u{300}', '\u{36f}'),
        1 => Just('\t'),
        1 => Just('\r'),
        1 => Just('\n'),
        1 => any::<char>(),
    ]
}

fn hostile_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(hostile_char(), 0..max).prop_map(|chars| chars.into_iter().collect())
}

fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(u32::from(c), 0x200B..=0x200F | 0x202A..=0x202E | 0x2066..=0x2069 | 0xFEFF | 0xAD)
}

proptest! {
    #[test]
    fn sanitized_text_has_no_control_or_format_character(text in hostile_text(300)) {
        let shown = sanitize_line(&text);
        prop_assert!(!shown.chars().any(is_forbidden), "{shown:?}");
    }

    #[test]
    fn wrapping_never_exceeds_the_width_and_loses_no_text(text in hostile_text(300), columns in 2usize..120) {
        let line = sanitize_line(&text);
        let rows = wrap_line(&line, columns);
        let mut covered_to = 0;
        for row in &rows {
            prop_assert!(line.is_char_boundary(row.start) && line.is_char_boundary(row.end));
            prop_assert!(row.start >= covered_to && row.start <= row.end);
            // Only spaces at a break are dropped between rows.
            prop_assert!(line[covered_to..row.start].chars().all(char::is_whitespace));
            prop_assert!(width(&line[row.clone()]) <= columns, "{:?} wider than {columns}", &line[row.clone()]);
            covered_to = row.end;
        }
        prop_assert!(line[covered_to..].chars().all(char::is_whitespace));
    }

    #[test]
    fn highlight_ranges_land_on_char_boundaries(text in hostile_text(200), needle in hostile_text(4)) {
        let found = find_ignoring_case(&text, &needle);
        let mut previous_end = 0;
        for range in found {
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            prop_assert!(range.start >= previous_end && range.start < range.end);
            previous_end = range.end;
        }
    }

    #[test]
    fn rendering_hostile_text_at_any_size_never_panics_or_leaks_controls(
        title in hostile_text(80),
        body in hostile_text(600),
        columns in 1u16..200,
        rows in 1u16..60,
        keys in proptest::collection::vec(0usize..8, 0..12),
    ) {
        // The body is a document's text; the title is given as is (sanitized, as listing does).
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("hostile.txt");
        std::fs::write(&path, &body).unwrap_or_else(|e| panic!("{e}"));
        let meta = DocMeta {
            size: body.len() as u64,
            ..DocMeta::titled(&path, &sanitize_line(&title))
        };
        let docs = DocStore::new(vec![meta], Default::default());
        let corpus = Corpus { root: dir.path().into(), docs, ..Corpus::default() };
        let setup = Setup { keywords: vec!["a".into()], ..crate::common::setup() };
        let mut browser = Browser::of_corpus(corpus, setup, Theme::default(), columns, rows);
        let palette = ["Enter", "Space", "G", "/", "a", "n", "F1", "Esc"];
        for key in keys {
            // Every key draws a frame.
            for cell in browser.keys(palette[key]).buffer().content() {
                prop_assert!(!cell.symbol().chars().any(is_forbidden), "{:?}", cell.symbol());
            }
        }
    }
}

/// Text around a term: hostile characters, long runs of words, the term in any case, and
/// sometimes a phrase broken by a line break.
fn text_with_hits() -> impl Strategy<Value = (String, String)> {
    let piece = prop_oneof![
        3 => hostile_text(40),
        2 => "[a-z]{1,12}( [a-z]{1,12}){0,30}",
        1 => Just("x".repeat(400)),
    ];
    let term = prop_oneof![
        Just(("shareholders".to_string(), "ShareHolders".to_string())),
        Just(("shareholders".to_string(), "shareholders".to_string())),
        Just(("\"tax claim\"".to_string(), "tax\n  claim".to_string())),
        Just(("\"tax claim\"".to_string(), "TAX   claim".to_string())),
        Just(("'oil'".to_string(), "oil".to_string())),
    ];
    (
        proptest::collection::vec(piece, 0..6),
        term,
        proptest::collection::vec("[a-z ]{0,300}", 0..3),
    )
        .prop_map(|(before, (query, written), after)| {
            // The hit stands apart from the words around it, so `'oil'` is a whole word.
            (
                query,
                format!("{} {written} {}", before.concat(), after.concat()),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every passage made for a matching document shows a whole hit at any width from 40
    /// columns (the row's room is the width less the four-column indent).
    #[test]
    fn every_passage_shows_a_whole_hit_at_any_width((query, text) in text_with_hits()) {
        use folio::testing::Query;
        use folio::testing::best;
        use folio::testing::{Chunk, content_terms};
        let groups = content_terms(&Query::parse(&query));
        let terms: Vec<_> = groups.iter().flatten().collect();
        let passage = best(&Chunk::new(&text), &terms);
        prop_assert!(!passage.text.is_empty(), "no passage for {query:?} in {text:?}");
        for columns in 40..=160 {
            let shown = passage.fitted(columns - 4);
            prop_assert!(width(&shown) <= columns - 4, "{shown:?} is wider than {columns}");
            let hit = terms.iter().any(|term| !term.ranges_in(&shown).is_empty());
            prop_assert!(hit, "no whole hit of {query:?} at {columns} columns: {shown:?}");
        }
    }
}
