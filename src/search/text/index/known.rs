//! What the index knows of a term: its count in every document it covers (a word or part of
//! one, or a word wildcard), that a term is absent where a word it needs is (a phrase's
//! words, a proximity term's sides, the literals every match of a regex holds), or nothing.

use super::{Shard, TextIndex};
use crate::search::query::Kind;
use crate::search::query::pattern::Pattern;
use crate::search::query::pattern::near::Form;
use crate::search::text::terms::ContentTerm;

/// A count the index cannot give: the document must be read.
pub(super) const MAYBE: u32 = u32::MAX;

/// What the index knows of a term.
pub(super) enum Known {
    /// Its count in every document.
    Count(ContentTerm),
    /// Absent where, of one of these lists, no term occurs; elsewhere unknown.
    AbsentWithout(Vec<Vec<ContentTerm>>),
    Not,
}

impl Known {
    pub(super) fn of(term: &ContentTerm) -> Known {
        if TextIndex::answers(term) {
            return Known::Count(term.clone());
        }
        match needed(term) {
            Some(needs) if needs.iter().flatten().all(TextIndex::answers) => {
                Known::AbsentWithout(needs)
            }
            _ => Known::Not,
        }
    }

    /// The term's count in each of the shard's first `size` documents (MAYBE where unknown;
    /// empty when nothing is known).
    pub(super) fn counts(&self, shard: &Shard, size: usize) -> Vec<u32> {
        match self {
            Known::Count(term) => shard.counts(term, size),
            Known::AbsentWithout(needs) => {
                let mut counts = vec![MAYBE; size];
                for any_of in needs {
                    let mut present = vec![false; size];
                    for term in any_of {
                        for (present, found) in present.iter_mut().zip(shard.counts(term, size)) {
                            *present |= found > 0;
                        }
                    }
                    for (count, present) in counts.iter_mut().zip(present) {
                        if !present {
                            *count = 0;
                        }
                    }
                }
                counts
            }
            Known::Not => Vec::new(),
        }
    }
}

/// What `term` cannot occur without: lists of which each must have a term that occurs. A
/// phrase needs each of its words (as substrings: its first may end a word, its last begin
/// one); a proximity term each side (a whole word, or a wildcard); a regex one of the runs
/// of word characters that every match holds. None when nothing is known.
fn needed(term: &ContentTerm) -> Option<Vec<Vec<ContentTerm>>> {
    let case_sensitive = term.is_case_sensitive();
    let part =
        |kind, needle: &str, pattern| ContentTerm::part(kind, needle, case_sensitive, pattern);
    match term.pattern() {
        Some(Pattern::Near(near)) => Some(
            near.operands
                .iter()
                .map(|operand| {
                    let cased = operand.case_sensitive;
                    vec![match &operand.form {
                        Form::Word(word) => ContentTerm::part(Kind::Word, word, cased, None),
                        Form::Wildcard(glob) => {
                            let pattern = Some(Pattern::Wildcard(glob.clone()));
                            ContentTerm::part(Kind::Wildcard, &glob.written(), cased, pattern)
                        }
                    }]
                })
                .collect(),
        ),
        Some(Pattern::Regex(regex)) => {
            let literals = regex.literals()?;
            Some(vec![
                literals
                    .iter()
                    .map(|l| part(Kind::Exact, l, None))
                    .collect(),
            ])
        }
        Some(Pattern::Wildcard(_)) => None,
        None if term.is_phrase() && !term.words().is_empty() => Some(
            term.words()
                .iter()
                .map(|word| vec![part(Kind::Exact, word, None)])
                .collect(),
        ),
        None => None,
    }
}
