//! Cutting the query line into tokens: words (a backslash keeps a space in one), bars, and
//! phrases in double quotes, which keep their spaces and may be left open while typing.

/// A piece of the query line, before it becomes a term.
pub(super) enum Token {
    Word(String),
    Bar,
    Phrase {
        negated: bool,
        text: String,
        closed: bool,
    },
}

/// The query's tokens: separated by whitespace, except a space after a backslash, which is
/// part of the token (`'john\ foster` is one term, as in fzf). A `"` (or `!"`) at the start of
/// a token opens a phrase that runs to the next `"`, spaces and all.
pub(super) fn tokens(query: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = query.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return tokens;
        }
        let mut ahead = chars.clone();
        let negated = ahead.next_if_eq(&'!').is_some();
        if ahead.next_if_eq(&'"').is_some() {
            chars = ahead;
            let mut text = String::new();
            let mut closed = false;
            for c in chars.by_ref() {
                if c == '"' {
                    closed = true;
                    break;
                }
                text.push(c);
            }
            tokens.push(Token::Phrase {
                negated,
                text,
                closed,
            });
            continue;
        }
        let mut token = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
            if c == '\\' && chars.peek() == Some(&' ') {
                token.push(' ');
                chars.next();
            } else {
                token.push(c);
            }
        }
        tokens.push(match token.as_str() {
            "|" => Token::Bar,
            _ => Token::Word(token),
        });
    }
}
