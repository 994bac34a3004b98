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
        date,
        sentence,
    } = cited;
    let dated = date.map_or(String::new(), |date| format!(", {date}"));
    match format {
        CitationFormat::Plain => format!("“{sentence}” ({title}{dated}; {path}, line {line})"),
        CitationFormat::Markdown => {
            format!("> {sentence}\n>\n> — *{title}*{dated}, `{path}`, line {line}")
        }
        CitationFormat::Bibtex => {
            let key: String = std::path::Path::new(path)
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let brace = |text: &str| text.replace(['{', '}'], "");
            let mut entry = format!(
                "@misc{{{key}_{line},\n  title = {{{}}},\n  howpublished = {{{}, line {line}}},\n",
                brace(title),
                brace(path)
            );
            if let Some(date) = date {
                if let Some(year) = date.get(..4) {
                    entry.push_str(&format!("  year = {{{year}}},\n"));
                }
                entry.push_str(&format!("  date = {{{}}},\n", brace(date)));
            }
            entry.push_str(&format!("  note = {{“{}”}}\n}}", brace(sentence)));
            entry
        }
    }
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
            bib.starts_with("@misc{004_6b_7,\n  title = {Xi visits},"),
            "{bib}"
        );
        assert!(
            bib.contains("year = {2021}")
                && bib.ends_with("note = {“The CPC is the largest party.”}\n}")
        );
        assert_eq!("md".parse(), Ok(CitationFormat::Markdown));
        assert!("rtf".parse::<CitationFormat>().is_err());
    }
}
