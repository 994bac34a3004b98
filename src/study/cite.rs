//! Citing a concordance line: the whole sentence around the hit, with the document's title,
//! path, line and date, in a form that pastes into a paper or an article — plain text, a
//! Markdown quotation, or a BibTeX-like entry (`@misc`) for a reference manager.

use crate::corpus::sentence::sentence_ends;
use std::ops::Range;

/// How a citation is written (`--citation`, `citation =` in the configuration; `C` in the
/// concordance goes to the next).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CitationFormat {
    #[default]
    Plain,
    Markdown,
    Bibtex,
}

impl std::str::FromStr for CitationFormat {
    type Err = String;

    fn from_str(name: &str) -> Result<CitationFormat, String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "plain" | "text" => Ok(CitationFormat::Plain),
            "markdown" | "md" => Ok(CitationFormat::Markdown),
            "bibtex" | "bib" => Ok(CitationFormat::Bibtex),
            other => Err(format!("{other:?}: plain, markdown or bibtex")),
        }
    }
}

impl CitationFormat {
    pub fn next(self) -> CitationFormat {
        match self {
            CitationFormat::Plain => CitationFormat::Markdown,
            CitationFormat::Markdown => CitationFormat::Bibtex,
            CitationFormat::Bibtex => CitationFormat::Plain,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CitationFormat::Plain => "plain",
            CitationFormat::Markdown => "markdown",
            CitationFormat::Bibtex => "bibtex",
        }
    }
}

/// What a citation names: the document and where in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Cited<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub line: usize,
    /// The page, for a text in pages (a PDF's): cited instead of the line.
    pub page: Option<u32>,
    pub date: Option<&'a str>,
    /// The sentence quoted (on one line).
    pub sentence: &'a str,
}

/// The sentence of `text` that holds `hit` (a byte range of it): from the end of the
/// sentence before to the end of its own (or the text's ends), its whitespace made single
/// spaces.
pub(crate) fn sentence_around(text: &str, hit: Range<usize>) -> String {
    let mut start = 0;
    let mut end = text.len();
    for at in sentence_ends(text) {
        if at <= hit.start {
            start = at;
        } else if at >= hit.end {
            end = at;
            break;
        }
    }
    let sentence = text.get(start..end).unwrap_or(text);
    sentence.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The citation of `cited` in `format`.
pub(crate) fn cite(format: CitationFormat, cited: &Cited) -> String {
    let Cited {
        title,
        path,
        line,
        page,
        date,
        sentence,
    } = cited;
    // A PDF's place is its page, as its readers cite it.
    let place = page.map_or(format!("line {line}"), |page| format!("p. {page}"));
    // A title that is a first sentence ends in a full stop the citation's own punctuation
    // follows.
    let title = &title.trim_end_matches('.');
    let dated = date.map_or(String::new(), |date| format!(", {date}"));
    match format {
        CitationFormat::Plain => format!("“{sentence}” ({title}{dated}; {path}, {place})"),
        CitationFormat::Markdown => {
            format!("> {sentence}\n>\n> — *{title}*{dated}, `{path}`, {place}")
        }
        CitationFormat::Bibtex => {
            // The key from the whole path (two folders may hold a `079.txt`), without its
            // extension; the fields with what LaTeX would read as commands escaped.
            let stem = path.rsplit_once('.').map_or(*path, |(stem, _)| stem);
            let stem = stem.trim_start_matches("./");
            let key: String = stem
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let mut entry = format!(
                "@misc{{{key}_{line},\n  title = {{{}}},\n  howpublished = {{\\url{{{}}}, {place}}},\n",
                latex(title),
                path.replace(['{', '}', '\\'], "")
            );
            if let Some(date) = date {
                if let Some(year) = date.get(..4) {
                    entry.push_str(&format!("  year = {{{}}},\n", latex(year)));
                }
                entry.push_str(&format!("  date = {{{}}},\n", latex(date)));
            }
            entry.push_str(&format!("  note = {{“{}”}}\n}}", latex(sentence)));
            entry
        }
    }
}

/// `text` for a BibTeX field: LaTeX's special characters escaped, braces and backslashes
/// (which would unbalance the field) dropped.
fn latex(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' | '}' | '\\' => {}
            '$' | '%' | '&' | '#' | '_' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '~' => escaped.push_str("\\textasciitilde{}"),
            '^' => escaped.push_str("\\textasciicircum{}"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_around_the_hit_is_quoted_whole() {
        let text = "The talks ended. Mr. Smith said the party\nwould meet again. It did not.";
        let at = text.find("party").unwrap_or(0);
        assert_eq!(
            sentence_around(text, at..at + 5),
            "Mr. Smith said the party would meet again."
        );
        assert_eq!(sentence_around(text, 0..3), "The talks ended.");
        assert_eq!(sentence_around("no end here", 3..6), "no end here");
    }

    #[test]
    fn each_format_carries_title_path_line_and_sentence() {
        let cited = Cited {
            title: "Xi {visits}",
            path: "corpus/004_6b.txt",
            line: 7,
            page: None,
            date: Some("2021-01-25"),
            sentence: "The CPC is the largest party.",
        };
        assert_eq!(
            cite(CitationFormat::Plain, &cited),
            "“The CPC is the largest party.” (Xi {visits}, 2021-01-25; corpus/004_6b.txt, line 7)"
        );
        assert!(
            cite(CitationFormat::Markdown, &cited)
                .starts_with("> The CPC is the largest party.\n>\n> — *Xi {visits}*, 2021-01-25")
        );
        let bib = cite(CitationFormat::Bibtex, &cited);
        assert!(
            bib.starts_with("@misc{corpus_004_6b_7,\n  title = {Xi visits},"),
            "{bib}"
        );
        let paged = Cited {
            page: Some(12),
            ..cited.clone()
        };
        assert!(cite(CitationFormat::Plain, &paged).ends_with("corpus/004_6b.txt, p. 12)"));
        let money = Cited {
            sentence: "It cost $546m & 10% of £1bn.",
            path: "./business/079.txt",
            ..cited.clone()
        };
        let escaped = cite(CitationFormat::Bibtex, &money);
        assert!(escaped.starts_with("@misc{business_079_7,"), "{escaped}");
        assert!(
            escaped.contains("note = {“It cost \\$546m \\& 10\\% of £1bn.”}"),
            "{escaped}"
        );
        assert!(
            bib.contains("year = {2021}")
                && bib.ends_with("note = {“The CPC is the largest party.”}\n}")
        );
        assert_eq!("md".parse(), Ok(CitationFormat::Markdown));
        assert!("rtf".parse::<CitationFormat>().is_err());
    }
}
