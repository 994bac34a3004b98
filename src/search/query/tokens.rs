//! Cutting the query line into tokens: words (a backslash keeps a space in one), bars,
//! phrases in double quotes (which keep their spaces, may be left open while typing, and may
//! end in `~N` for proximity), and regular expressions between slashes. Each token knows
//! where it starts (a char position), so a problem can be said where it is.

/// A piece of the query line, before it becomes a term.
pub(super) enum Token {
    Word(String),
    Bar,
    Phrase {
        negated: bool,
        text: String,
        closed: bool,
        /// What follows a `~` right after the closing quote (`"a b"~5`), if one does.
        slop: Option<String>,
    },
    /// `/pattern/`: `at` is where the pattern's first character is.
    Regex {
        negated: bool,
        text: String,
        closed: bool,
        at: usize,
    },
}

/// The query's tokens, each with the char position it starts at: separated by whitespace,
/// except a space after a backslash, which is part of the token (`'john\ foster` is one
/// term, as in fzf). A `"` (or `!"`) at the start of a token opens a phrase that runs to the
/// next `"`, spaces and all; a `/` (or `!/`) a regular expression that runs to the next `/`
/// not after a backslash.
pub(super) fn tokens(query: &str) -> Vec<(usize, Token)> {
    let chars: Vec<char> = query.chars().collect();
    let mut tokens = Vec::new();
    let mut at = 0;
    loop {
        while chars.get(at).is_some_and(|c| c.is_whitespace()) {
            at += 1;
        }
        if at >= chars.len() {
            return tokens;
        }
        let start = at;
        let negated = chars[at] == '!';
        let opener = chars.get(at + usize::from(negated)).copied();
        if opener == Some('"') {
            at += usize::from(negated) + 1;
            let mut text = String::new();
            let mut closed = false;
            while let Some(&c) = chars.get(at) {
                at += 1;
                if c == '"' {
                    closed = true;
                    break;
                }
                text.push(c);
            }
            let mut slop = None;
            if closed && chars.get(at) == Some(&'~') {
                let digits: String = chars[at + 1..]
                    .iter()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                at += 1 + digits.chars().count();
                slop = Some(digits);
            }
            let phrase = Token::Phrase {
                negated,
                text,
                closed,
                slop,
            };
            tokens.push((start, phrase));
            continue;
        }
        // A slash alone (or `!/`) is text; with more after it, a regular expression.
        if opener == Some('/')
            && chars
                .get(at + usize::from(negated) + 1)
                .is_some_and(|c| !c.is_whitespace())
        {
            at += usize::from(negated) + 1;
            let pattern_at = at;
            let mut text = String::new();
            let mut closed = false;
            while let Some(&c) = chars.get(at) {
                at += 1;
                match c {
                    '/' => {
                        closed = true;
                        break;
                    }
                    '\\' if chars.get(at) == Some(&'/') => {
                        text.push('/');
                        at += 1;
                    }
                    _ => text.push(c),
                }
            }
            let regex = Token::Regex {
                negated,
                text,
                closed,
                at: pattern_at,
            };
            tokens.push((start, regex));
            continue;
        }
        let mut token = String::new();
        while let Some(&c) = chars.get(at).filter(|c| !c.is_whitespace()) {
            at += 1;
            if c == '\\' && chars.get(at) == Some(&' ') {
                token.push(' ');
                at += 1;
            } else {
                token.push(c);
            }
        }
        tokens.push((
            start,
            match token.as_str() {
                "|" => Token::Bar,
                _ => Token::Word(token),
            },
        ));
    }
}
