//! Where sentences end: the first sentence of a line (for titles taken from a document's
//! first line), and each sentence of a text (for the sentence a citation quotes).

use super::title::MAX_TITLE_CHARS;

/// The first sentence of a line, by the core of Unicode's sentence rules (UAX #29): a full
/// stop, `!` or `?`, then any closing quotes or brackets, ends a sentence when a space and a
/// word that is not lowercase follow ("3.5", "e.g. this" and "U.S. officials" go on); CJK
/// full stops end one at once. The full stop of a common abbreviation or an initial ("Mr.",
/// "Jan.", "J.") does not end it. (unicode-segmentation's sentence iterator did the same
/// at a fifth of the listing speed.)
pub(super) fn first_sentence(line: &str) -> &str {
    // A sentence past the title limit is cut anyway: look a little past the limit only.
    const LOOK: usize = MAX_TITLE_CHARS + 20;
    let line = match line.get(..LOOK).filter(|head| head.is_ascii()) {
        // In ASCII a char is a byte: no need to count chars.
        Some(head) => head,
        None => match line.char_indices().nth(LOOK) {
            Some((limit, _)) => &line[..limit],
            None => line,
        },
    };
    match sentence_ends(line).next() {
        Some(end) => &line[..end],
        None => line.trim_end(),
    }
}

/// Where each sentence of `text` ends (the byte after its closing punctuation and quotes),
/// in order, by the rules of [`first_sentence`]; the text's own end is not one unless its
/// punctuation ends it.
pub(crate) fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let candidates: Box<dyn Iterator<Item = (usize, char)>> = if text.is_ascii() {
        // Most text is ASCII: jump from one full stop, `!` or `?` to the next.
        Box::new(
            memchr::memchr3_iter(b'.', b'!', b'?', text.as_bytes())
                .map(|at| (at, char::from(text.as_bytes()[at]))),
        )
    } else {
        Box::new(text.char_indices().filter(|&(_, c)| is_sentence_end(c)))
    };
    candidates.filter_map(move |(at, c)| {
        let after = &text[at + c.len_utf8()..];
        let rest = after.trim_start_matches(is_closing);
        let end = text.len() - rest.len();
        if rest.is_empty() {
            return Some(end);
        }
        if !is_cjk_stop(c) {
            let next_word = rest.trim_start();
            let spaced = next_word.len() < rest.len();
            if !spaced || next_word.starts_with(char::is_lowercase) {
                return None;
            }
        }
        (!ends_with_abbreviation(&text[..end])).then_some(end)
    })
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›' | '」' | '』' | '）' | '】'
    )
}

/// Full stops of scripts written without spaces, which end a sentence without one.
fn is_cjk_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Characters that can end a sentence (Unicode's STerm and ATerm, the common ones).
fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '。'
            | '！'
            | '？'
            | '｡'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '؟'
            | '۔'
            | '।'
            | '॥'
    )
}

fn ends_with_abbreviation(text: &str) -> bool {
    let Some(word) = text.split_whitespace().next_back() else {
        return false;
    };
    let Some(word) = word.strip_suffix('.') else {
        return false;
    };
    let word = word.trim_start_matches(['(', '"', '\'', '“', '‘']);
    // Initials and dotted abbreviations: "J.", "U.S.", "e.g."
    if word
        .split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
    {
        return true;
    }
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "gov", "sen", "rep", "col",
        "lt", "sgt", "capt", "adm", "rev", "hon", "pres", "no", "nos", "vs", "inc", "ltd", "co",
        "corp", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "approx", "fig", "vol", "pp", "ca",
    ];
    ABBREVIATIONS
        .iter()
        .any(|abbreviation| word.eq_ignore_ascii_case(abbreviation))
}
