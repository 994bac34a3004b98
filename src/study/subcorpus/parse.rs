//! The written form of a subcorpus, read into a tree: `folder:business`, `folder:news/2004`,
//! `year:2004`, `year:2003..2004`, `month:2004-01..2004-06`, `field:topic=3`,
//! `query:"tax evasion"`, `tag:fraud`, `marked`, `distinct`, `@name`, combined with `and`, `or`, `not` and parentheses
//! (`and` binds tighter than `or`; two parts side by side are joined by `and`). A value with
//! spaces is quoted: `folder:"annual reports"`. The same text on the command line (`--in`) and
//! in the interface.

use std::fmt;

/// A subcorpus as written, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Definition {
    /// Documents under this folder of the corpus (its path from the corpus's root, `/`-separated).
    Folder(String),
    /// Documents dated within these years, or months (`YYYY-MM`), both ends included.
    Years(String, String),
    Months(String, String),
    /// Documents whose field (the one the listing keeps, `--group-by`) has this value.
    Field(String, String),
    /// Documents the text query matches.
    Query(String),
    /// The marked documents.
    Marked,
    /// One document of each cluster of copies (the one it is kept as), and every document
    /// with no copy.
    Distinct,
    /// The documents tagged so.
    Tag(String),
    /// A subcorpus saved under this name.
    Named(String),
    Not(Box<Definition>),
    And(Box<Definition>, Box<Definition>),
    Or(Box<Definition>, Box<Definition>),
}

impl Definition {
    /// Whether it has a `distinct` part (so the copies must be found to work it out).
    pub(crate) fn mentions_distinct(&self) -> bool {
        match self {
            Definition::Distinct => true,
            Definition::Not(part) => part.mentions_distinct(),
            Definition::And(a, b) | Definition::Or(a, b) => {
                a.mentions_distinct() || b.mentions_distinct()
            }
            _ => false,
        }
    }
}

/// Why a definition cannot be read: what is wrong and at which character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub at: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: {}", self.at + 1, self.message)
    }
}

/// The parts a definition is written in.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    /// A word or `kind:value`, with quotes taken off; where it starts.
    Word(String),
}

/// Reads `text` as a subcorpus definition.
pub(crate) fn parse(text: &str) -> Result<Definition, ParseError> {
    let tokens = tokens(text)?;
    let mut reader = Reader {
        tokens,
        next: 0,
        end: text.chars().count(),
    };
    if reader.tokens.is_empty() {
        return Err(reader.error(
            "an empty subcorpus: name a folder:, year:, month:, field:, query:, tag:, marked, distinct or @name",
        ));
    }
    let definition = reader.or()?;
    match reader.tokens.get(reader.next) {
        None => Ok(definition),
        Some((_, at)) => Err(ParseError {
            at: *at,
            message: "a `)` with no `(` before it".to_string(),
        }),
    }
}

/// Splits `text` into parentheses and words; a `"` quotes up to the next `"` (spaces and
/// parentheses kept).
fn tokens(text: &str) -> Result<Vec<(Token, usize)>, ParseError> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().enumerate().peekable();
    while let Some(&(at, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' || c == ')' {
            chars.next();
            tokens.push((if c == '(' { Token::Open } else { Token::Close }, at));
        } else {
            let mut word = String::new();
            while let Some(&(quote_at, c)) = chars.peek() {
                if c.is_whitespace() || c == '(' || c == ')' {
                    break;
                }
                chars.next();
                if c != '"' {
                    word.push(c);
                    continue;
                }
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if c == '"' {
                        closed = true;
                        break;
                    }
                    word.push(c);
                }
                if !closed {
                    return Err(ParseError {
                        at: quote_at,
                        message: "a `\"` that is never closed".to_string(),
                    });
                }
            }
            tokens.push((Token::Word(word), at));
        }
    }
    Ok(tokens)
}

/// Reads tokens into a definition, by precedence: `or` of `and`s of (`not`) parts.
struct Reader {
    tokens: Vec<(Token, usize)>,
    next: usize,
    end: usize,
}

impl Reader {
    fn error(&self, message: &str) -> ParseError {
        let at = self.tokens.get(self.next).map_or(self.end, |(_, at)| *at);
        ParseError {
            at,
            message: message.to_string(),
        }
    }

    fn peek_word(&self) -> Option<&str> {
        match self.tokens.get(self.next) {
            Some((Token::Word(word), _)) => Some(word),
            _ => None,
        }
    }

    fn or(&mut self) -> Result<Definition, ParseError> {
        let mut left = self.and()?;
        while self.peek_word() == Some("or") {
            self.next += 1;
            let right = self.and()?;
            left = Definition::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Definition, ParseError> {
        let mut left = self.not()?;
        loop {
            match self.tokens.get(self.next) {
                Some((Token::Word(word), _)) if word == "or" => break,
                Some((Token::Word(word), _)) if word == "and" => self.next += 1,
                Some((Token::Word(_) | Token::Open, _)) => {}
                _ => break,
            }
            let right = self.not()?;
            left = Definition::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Definition, ParseError> {
        if self.peek_word() == Some("not") {
            self.next += 1;
            return Ok(Definition::Not(Box::new(self.not()?)));
        }
        self.part()
    }

    fn part(&mut self) -> Result<Definition, ParseError> {
        let Some((token, at)) = self.tokens.get(self.next).cloned() else {
            return Err(self.error("the definition ends where a part was expected"));
        };
        self.next += 1;
        match token {
            Token::Open => {
                let inside = self.or()?;
                match self.tokens.get(self.next) {
                    Some((Token::Close, _)) => {
                        self.next += 1;
                        Ok(inside)
                    }
                    _ => Err(ParseError {
                        at,
                        message: "a `(` that is never closed".to_string(),
                    }),
                }
            }
            Token::Close => Err(ParseError {
                at,
                message: "a `)` where a part was expected".to_string(),
            }),
            Token::Word(word) => part_of(&word).map_err(|message| ParseError { at, message }),
        }
    }
}

/// One part, `kind:value`, `marked` or `@name`.
fn part_of(word: &str) -> Result<Definition, String> {
    if word == "marked" {
        return Ok(Definition::Marked);
    }
    if word == "distinct" {
        return Ok(Definition::Distinct);
    }
    if let Some(name) = word.strip_prefix('@') {
        return match name.is_empty() {
            true => Err("`@` names a saved subcorpus: @name".to_string()),
            false => Ok(Definition::Named(name.to_string())),
        };
    }
    if matches!(word, "and" | "or" | "not") {
        return Err(format!("`{word}` where a part was expected"));
    }
    let Some((kind, value)) = word.split_once(':') else {
        return Err(format!(
            "{word:?} is no part: write folder:, year:, month:, field:, query:, tag:, marked, distinct or @name (a value with spaces is quoted: tag:\"to check\")"
        ));
    };
    if value.is_empty() {
        return Err(format!("{kind}: needs a value"));
    }
    match kind {
        "folder" => {
            let path: Vec<&str> = value
                .split('/')
                .filter(|p| !p.is_empty() && *p != ".")
                .collect();
            Ok(Definition::Folder(path.join("/")))
        }
        "year" => {
            let (from, to) = range(value, 4, "year:2004 or year:2003..2005")?;
            Ok(Definition::Years(from, to))
        }
        "month" => {
            let (from, to) = range(value, 7, "month:2004-01 or month:2004-01..2004-06")?;
            Ok(Definition::Months(from, to))
        }
        "field" => match value.split_once('=') {
            Some((name, wanted)) if !name.is_empty() => {
                Ok(Definition::Field(name.to_string(), wanted.to_string()))
            }
            _ => Err("field: is written field:NAME=VALUE".to_string()),
        },
        "query" => Ok(Definition::Query(value.to_string())),
        "tag" => Ok(Definition::Tag(value.to_string())),
        other => Err(format!(
            "unknown kind {other:?}: folder:, year:, month:, field:, query: or tag:"
        )),
    }
}

/// A year or month, or a range of them (`..`), each of `length` characters as dates are
/// written (`2004`, `2004-01`), in order.
fn range(value: &str, length: usize, example: &str) -> Result<(String, String), String> {
    let (from, to) = value.split_once("..").unwrap_or((value, value));
    let well_formed = |part: &str| {
        part.len() == length
            && part.char_indices().all(|(at, c)| match at {
                4 => c == '-',
                _ => c.is_ascii_digit(),
            })
    };
    if !well_formed(from) || !well_formed(to) {
        return Err(format!("{value:?}: write {example}"));
    }
    if from > to {
        return Err(format!("{value:?}: the range ends before it starts"));
    }
    Ok((from.to_string(), to.to_string()))
}

#[cfg(test)]
mod tests {
    use super::Definition::*;
    use super::*;

    fn read(text: &str) -> Definition {
        parse(text).unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    #[test]
    fn parts_and_their_combinations_are_read_with_and_before_or() {
        assert_eq!(read("folder:business"), Folder("business".into()));
        assert_eq!(read("folder:./news/2004/"), Folder("news/2004".into()));
        assert_eq!(read("year:2004"), Years("2004".into(), "2004".into()));
        assert_eq!(
            read("month:2004-01..2004-06"),
            Months("2004-01".into(), "2004-06".into())
        );
        assert_eq!(read("field:topic=3"), Field("topic".into(), "3".into()));
        assert_eq!(read("query:\"tax evasion\""), Query("tax evasion".into()));
        assert_eq!(
            read("folder:\"annual reports\""),
            Folder("annual reports".into())
        );
        let b = || Box::new(Folder("b".into()));
        assert_eq!(
            read("folder:a or folder:b and not marked"),
            Or(
                Box::new(Folder("a".into())),
                Box::new(And(b(), Box::new(Not(Box::new(Marked)))))
            )
        );
        assert_eq!(
            read("(folder:a or @mine) folder:b"),
            And(
                Box::new(Or(
                    Box::new(Folder("a".into())),
                    Box::new(Named("mine".into()))
                )),
                b()
            )
        );
    }

    #[test]
    fn mistakes_are_said_with_where_they_are() {
        let error = |text: &str| parse(text).err().map(|e| (e.at, e.message));
        assert_eq!(error("year:04").map(|e| e.0), Some(0));
        assert!(error("folder:a or").is_some_and(|(at, _)| at == 11));
        assert!(error("(folder:a").is_some_and(|(_, m)| m.contains("never closed")));
        assert!(error("folder:a)").is_some_and(|(at, m)| at == 8 && m.contains("`)`")));
        assert!(error("query:\"tax").is_some_and(|(at, _)| at == 6));
        assert!(error("colour:red").is_some_and(|(_, m)| m.contains("unknown kind")));
        assert!(error("year:2005..2004").is_some_and(|(_, m)| m.contains("ends before")));
        assert!(error("").is_some());
        assert!(error("business").is_some_and(|(_, m)| m.contains("no part")));
    }
}
