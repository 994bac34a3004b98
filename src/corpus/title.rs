//! Deriving a document's title and date from its opening text: YAML front matter, a Markdown
//! heading, or the first sentence, with a leading `date YYYY-MM-DD` taken as the date.

use super::sentence::first_sentence;
use crate::text::dates::iso_date_prefix;
use std::borrow::Cow;

/// Titles longer than this many characters are cut at a word boundary and end in `…`.
pub(crate) const MAX_TITLE_CHARS: usize = 200;

/// What the opening of a document says about itself. Either part may be missing; the caller
/// falls back to the file name for a missing title.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Heading {
    pub title: Option<String>,
    pub date: Option<String>,
}

/// Reads the title and date from the start of a document's text.
pub fn extract(text: &str) -> Heading {
    let (front, body) = split_front_matter(text);
    let mut heading = Heading::default();
    if let Some(front) = front {
        heading.title = front_matter_value(front, "title").filter(|t| !t.is_empty());
        heading.date = front_matter_value(front, "date").and_then(|d| iso_date_prefix(&d));
    }
    if heading.title.is_some() {
        return heading;
    }
    let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(mut first) = lines.next() else {
        return heading;
    };
    if let Some((date, rest)) = strip_date_prefix(first) {
        heading.date.get_or_insert(date);
        first = if rest.is_empty() {
            match lines.next() {
                Some(next) => next,
                None => return heading,
            }
        } else {
            rest
        };
    }
    heading.title = match markdown_heading(first) {
        Some(text) => Some(cut_at_word(&collapse_spaces(text))),
        None => Some(cut_at_word(&collapse_spaces(first_sentence(first)))),
    }
    .filter(|t| !t.is_empty());
    heading
}

/// Splits `---` … `---` (or `...`) front matter from the rest. Without a closing line there is
/// no front matter: the document merely starts with a rule.
fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(after_open) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, text);
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return (
                Some(&after_open[..offset]),
                &after_open[offset + line.len()..],
            );
        }
        offset += line.len();
    }
    (None, text)
}

/// The value of a top-level `key: value` line of YAML front matter, unquoted.
/// The value of `key` in a text's front matter, if it has one with that key.
pub(crate) fn front_matter_field(text: &str, key: &str) -> Option<String> {
    let (front, _) = split_front_matter(text);
    front_matter_value(front?, key).filter(|value| !value.is_empty())
}

/// The top-level keys of a text's front matter, in order (none without front matter).
pub(crate) fn front_matter_keys(text: &str) -> Vec<String> {
    let (Some(front), _) = split_front_matter(text) else {
        return Vec::new();
    };
    let key = |line: &str| {
        let (name, _) = line.split_once(':')?;
        let top_level = !name.starts_with(char::is_whitespace) && !name.starts_with('#');
        (top_level && !name.trim().is_empty()).then(|| name.trim_end().to_string())
    };
    front.lines().filter_map(key).collect()
}

fn front_matter_value(front: &str, key: &str) -> Option<String> {
    front.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        if name.trim_end() != key || name.starts_with(char::is_whitespace) {
            return None;
        }
        Some(collapse_spaces(unquote(value.trim())).into_owned())
    })
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(quote) && value.ends_with(quote) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

/// `date 2021-01-25 Rest of line` → ("2021-01-25", "Rest of line"). Also accepts `date:`.
fn strip_date_prefix(line: &str) -> Option<(String, &str)> {
    let keyword = line.get(..4)?;
    if !keyword.eq_ignore_ascii_case("date") {
        return None;
    }
    let rest = line[4..].strip_prefix(':').unwrap_or(&line[4..]);
    let rest = rest.trim_start();
    let date = iso_date_prefix(rest)?;
    let after = &rest[date.len()..];
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((date, after.trim_start()))
}

/// The text of an ATX heading (`# Title`, `## Title ##`), or None if the line is not one.
fn markdown_heading(line: &str) -> Option<&str> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    Some(rest.trim().trim_end_matches('#').trim_end())
}

fn collapse_spaces(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim();
    if is_single_spaced(trimmed) {
        // Usually there is nothing to collapse.
        return Cow::Borrowed(trimmed);
    }
    Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// True when `text` has no whitespace but single spaces.
fn is_single_spaced(text: &str) -> bool {
    let mut after_space = false;
    for &byte in text.as_bytes() {
        match byte {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => return false,
            _ => after_space = false,
        }
    }
    text.is_ascii() || !text.chars().any(|c| c.is_whitespace() && !c.is_ascii())
}

/// Cuts a title longer than [`MAX_TITLE_CHARS`] at the last space before the limit (unless
/// that would lose too much) and marks the cut with `…`.
pub(crate) fn cut_at_word(title: &str) -> String {
    let Some((limit, _)) = title.char_indices().nth(MAX_TITLE_CHARS) else {
        return title.to_string();
    };
    let head = &title[..limit];
    let cut = match head.rfind(' ') {
        Some(space) if head[..space].chars().count() >= MAX_TITLE_CHARS * 3 / 5 => space,
        _ => limit,
    };
    let head = head[..cut].trim_end_matches([' ', ',', ';', ':', '-', '–', '—']);
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str) -> Option<String> {
        extract(text).title
    }

    #[test]
    fn first_sentence_of_a_plain_article() {
        let text = "The council met on Monday. It decided nothing.\nMore text.";
        assert_eq!(title(text).as_deref(), Some("The council met on Monday."));
    }

    #[test]
    fn date_prefix_is_the_date_not_the_title() {
        let heading = extract(" date 2021-01-25 President Xi spoke. Then more.\n\nBody.");
        assert_eq!(heading.date.as_deref(), Some("2021-01-25"));
        assert_eq!(heading.title.as_deref(), Some("President Xi spoke."));
    }

    #[test]
    fn date_alone_on_its_line_takes_the_title_from_the_next_line() {
        let heading = extract("date: 2020-02-29\n\nA headline here\nbody");
        assert_eq!(heading.date.as_deref(), Some("2020-02-29"));
        assert_eq!(heading.title.as_deref(), Some("A headline here"));
    }

    #[test]
    fn an_invalid_date_is_part_of_the_text() {
        let heading = extract("date 2021-13-45 is not a date.");
        assert_eq!(heading.date, None);
        assert_eq!(
            heading.title.as_deref(),
            Some("date 2021-13-45 is not a date.")
        );
        assert_eq!(extract("dated 2021-01-01 text").date, None);
    }

    #[test]
    fn front_matter_title_and_date_win() {
        let text = "---\nauthor: me\ntitle: \"Front Matter Title\"\ndate: 2019-05-04T10:00:00Z\n---\n# Heading\nBody.";
        let heading = extract(text);
        assert_eq!(heading.title.as_deref(), Some("Front Matter Title"));
        assert_eq!(heading.date.as_deref(), Some("2019-05-04"));
    }

    #[test]
    fn front_matter_without_title_falls_through_to_the_heading() {
        let text = "---\nauthor: me\n  title: nested, not top level\n---\n\n## Second-level heading ##\nBody.";
        assert_eq!(title(text).as_deref(), Some("Second-level heading"));
    }

    #[test]
    fn an_unclosed_rule_is_not_front_matter() {
        assert_eq!(
            title("---\nJust a rule. Then text.").as_deref(),
            Some("---")
        );
    }

    #[test]
    fn markdown_heading_as_first_non_blank_line() {
        assert_eq!(
            title("\n\n#  The Heading  \ntext").as_deref(),
            Some("The Heading")
        );
        assert_eq!(
            title("#hashtag is not a heading.").as_deref(),
            Some("#hashtag is not a heading.")
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_the_sentence() {
        let text = "Mr. J. Smith of the U.S. Dept. of State arrived on Jan. 5. He left.";
        assert_eq!(
            title(text).as_deref(),
            Some("Mr. J. Smith of the U.S. Dept. of State arrived on Jan. 5.")
        );
    }

    #[test]
    fn numbers_lowercase_continuations_quotes_and_cjk() {
        assert_eq!(
            title("Growth was 3.5 percent. Then it fell.").as_deref(),
            Some("Growth was 3.5 percent.")
        );
        assert_eq!(
            title("He said \"Stop.\" Nobody did.").as_deref(),
            Some("He said \"Stop.\"")
        );
        assert_eq!(
            title("Wait... what? Yes.").as_deref(),
            Some("Wait... what?")
        );
        assert_eq!(
            title("Use e.g. this one. Fine.").as_deref(),
            Some("Use e.g. this one.")
        );
        assert_eq!(
            title("中文的第一句。第二句。").as_deref(),
            Some("中文的第一句。")
        );
        assert_eq!(
            title("No full stop at all").as_deref(),
            Some("No full stop at all")
        );
    }

    #[test]
    fn long_first_sentences_are_cut_at_a_word_near_the_limit() {
        let text = "word ".repeat(100);
        let cut = title(&text).unwrap_or_default();
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= MAX_TITLE_CHARS + 1);
        assert!(cut.chars().count() > MAX_TITLE_CHARS * 3 / 5);
        assert!(cut.trim_end_matches('…').ends_with("word"));
    }

    #[test]
    fn a_long_word_with_no_space_is_cut_hard() {
        let text = "x".repeat(500);
        assert_eq!(
            title(&text).map(|t| t.chars().count()),
            Some(MAX_TITLE_CHARS + 1)
        );
    }

    #[test]
    fn blank_documents_have_no_title() {
        assert_eq!(extract(""), Heading::default());
        assert_eq!(extract("  \n\t\n"), Heading::default());
        assert_eq!(title("date 2021-01-01").as_deref(), None);
    }

    #[test]
    fn the_two_seed_articles() {
        let first = include_str!("../../corpus/000_9c89a7a231365477.txt");
        let heading = extract(first);
        assert_eq!(heading.date, None);
        assert_eq!(
            heading.title.as_deref(),
            Some(
                "China's achievements in ending absolute poverty and defeating COVID-19 under the \
                 leadership of the Communist Party of China (CPC) are \"a beacon\" for the people \
                 of the world, a senior official of the…"
            )
        );
        let second = include_str!("../../corpus/004_6b23d050792bb93b.txt");
        let heading = extract(second);
        assert_eq!(heading.date.as_deref(), Some("2021-01-25"));
        assert_eq!(
            heading.title.as_deref(),
            Some(
                "President Xi Jinping, who is also general secretary of the Communist Party of \
                 China (CPC) Central Committee and chairman of the Central Military Commission, is \
                 known for his visionary leadership."
            )
        );
    }
}
