//! Stop-lists: words left out of a word list or keywords on request — the shipped English
//! one (`english`), or a file of one word a line (`#` starts a comment), matched lowercased.

use crate::text::words::lowercase;
use rustc_hash::FxHashSet;
use std::path::Path;

/// The shipped English stop-list: articles, pronouns, prepositions, conjunctions, auxiliary
/// and modal verbs and the commonest adverbs — the function words of the usual lists
/// (after the SMART and NLTK lists, shortened to words that carry no topic).
const ENGLISH: &str = "a about above after again against all am an and any are as at be because
been before being below between both but by can could did do does doing down during each few
for from further had has have having he her here hers herself him himself his how i if in into
is it its itself just me more most my myself no nor not now of off on once only or other our
ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
s t don also";

/// Words to leave out, lowercased.
#[derive(Clone, Debug, Default)]
pub struct Stoplist {
    words: FxHashSet<String>,
}

impl Stoplist {
    /// `english` (the shipped list) or the file at `name`; or why it cannot be read.
    pub(crate) fn named(name: &str) -> Result<Stoplist, String> {
        if name == "english" {
            return Ok(Stoplist::of(ENGLISH));
        }
        let text = std::fs::read(Path::new(name)).map_err(|error| {
            format!("stop-list {name}: {error} (or name the shipped one: english)")
        })?;
        Ok(Stoplist::of(&String::from_utf8_lossy(&text)))
    }

    fn of(text: &str) -> Stoplist {
        let words = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or_default())
            .flat_map(str::split_whitespace)
            .map(lowercase)
            .collect();
        Stoplist { words }
    }

    pub(crate) fn holds(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_list_and_a_file_are_read_lowercased() {
        let english = Stoplist::of(ENGLISH);
        assert!(english.holds("the") && english.holds("yourselves"));
        assert!(!english.holds("minister"));
        let file = Stoplist::of("Said # reporting verb\n\n  Told  \n");
        assert!(file.holds("said") && file.holds("told") && !file.holds("reporting"));
    }
}
