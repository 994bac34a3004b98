//! HTML and XHTML: the text a reader sees, in reading order — scripts, styles, forms and
//! navigation dropped, block elements as paragraphs, table cells apart by tabs, `<pre>` as
//! it is — with the title from `<title>` (else the first `<h1>`), the date and author from
//! the usual meta tags, and the charset the document declares. Read with html5ever's
//! tokenizer alone: no tree is built, so 100 MB of nested tags cost time in proportion, not
//! depth.

use super::Extracted;
use super::bounded::Budget;
use super::text_out::TextOut;
use html5ever::LocalName;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// Extracts an HTML document from its bytes, decoded by the charset it declares.
pub(crate) fn extract(bytes: &[u8], budget: &Budget) -> Extracted {
    let text = decode(bytes);
    let mut read = Reading::default();
    read_html(&text, &mut read, budget);
    let Reading {
        out,
        title,
        heading,
        date,
        author,
        ..
    } = read;
    let mut fields = Vec::new();
    if let Some(author) = author {
        fields.push(("author".to_string(), author));
    }
    Extracted {
        text: out.finish(),
        title: title.filter(|t| !t.trim().is_empty()).or(heading),
        date,
        fields,
    }
}

/// The visible text of an HTML document already decoded (an e-mail's HTML part).
pub(crate) fn text_of(html: &str, budget: &Budget) -> String {
    let mut out = TextOut::default();
    text_into(html, &mut out, budget);
    out.finish()
}

/// Writes the visible text of an HTML document (already decoded) into `out`: an EPUB's
/// chapters one after another.
pub(crate) fn text_into(html: &str, out: &mut TextOut, budget: &Budget) {
    let mut read = Reading {
        out: std::mem::take(out),
        ..Reading::default()
    };
    read_html(html, &mut read, budget);
    *out = read.out;
}

fn read_html(html: &str, read: &mut Reading, budget: &Budget) {
    let sink = Sink {
        reading: RefCell::new(std::mem::take(read)),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    // Fed a MiB at a time, so a budget spent stops it.
    let mut rest = html;
    while !rest.is_empty() && !budget.spent() {
        let mut cut = rest.len().min(1 << 20);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        queue.push_back(StrTendril::from_slice(&rest[..cut]));
        let _ = tokenizer.feed(&queue);
        rest = &rest[cut..];
        if tokenizer.sink.reading.borrow().out.is_full() {
            break;
        }
    }
    tokenizer.end();
    *read = tokenizer.sink.reading.take();
}

/// What reading has gathered.
#[derive(Default)]
struct Reading {
    out: TextOut,
    /// Inside an element whose content is not shown: its name and how deep in it.
    hidden: Option<(LocalName, usize)>,
    /// The classes of the element names seen last.
    classes: Vec<(LocalName, Class, Raw)>,
    /// Inside `<pre>` (this deep): text kept as it is.
    pre: usize,
    /// Gathering the title (`<title>`) or the first `<h1>`.
    in_title: bool,
    in_h1: bool,
    title: Option<String>,
    heading: Option<String>,
    date: Option<String>,
    author: Option<String>,
}

struct Sink {
    reading: RefCell<Reading>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut read = self.reading.borrow_mut();
        match token {
            Token::TagToken(tag) => return read.tag(&tag),
            Token::CharacterTokens(text) => read.characters(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// What an element is to the reading, by its name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Its content is never shown: scripts, styles, forms' controls, navigation.
    Hidden,
    /// It ends a paragraph.
    Block,
    Title,
    Meta,
    Break,
    Cell,
    Row,
    Heading,
    Pre,
    Other,
}

/// How the tokenizer reads an element's content (scripts and styles hold no tags).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Raw {
    Tags,
    Script,
    Text,
    Characters,
    Plain,
}

fn class_of(name: &str) -> (Class, Raw) {
    let class = match name {
        "script" | "style" | "noscript" | "template" | "nav" | "svg" | "math" | "iframe"
        | "select" | "button" | "object" | "xmp" | "noembed" | "noframes" => Class::Hidden,
        "p" | "div" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "ul" | "ol" | "dl" | "dt"
        | "dd" | "table" | "blockquote" | "section" | "article" | "header" | "footer" | "main"
        | "aside" | "figure" | "figcaption" | "address" | "hr" | "body" | "caption" | "details"
        | "summary" => Class::Block,
        "title" => Class::Title,
        "meta" => Class::Meta,
        "br" => Class::Break,
        "td" | "th" => Class::Cell,
        "tr" => Class::Row,
        "h1" => Class::Heading,
        "pre" => Class::Pre,
        _ => Class::Other,
    };
    let raw = match name {
        "script" => Raw::Script,
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Raw::Text,
        "textarea" | "title" => Raw::Characters,
        "plaintext" => Raw::Plain,
        _ => Raw::Tags,
    };
    (class, raw)
}

/// How the tokenizer must go on after an element starts.
fn go_on(raw: Raw, start: bool) -> TokenSinkResult<()> {
    match (start, raw) {
        (true, Raw::Script) => TokenSinkResult::RawData(RawKind::ScriptData),
        (true, Raw::Text) => TokenSinkResult::RawData(RawKind::Rawtext),
        (true, Raw::Characters) => TokenSinkResult::RawData(RawKind::Rcdata),
        (true, Raw::Plain) => TokenSinkResult::Plaintext,
        _ => TokenSinkResult::Continue,
    }
}

impl Reading {
    /// An element's class, from the few names seen last (compared as interned atoms: a
    /// page of a million tags costs a million integer comparisons, not string matches).
    fn class(&mut self, name: &LocalName) -> (Class, Raw) {
        if let Some((_, class, raw)) = self.classes.iter().find(|(seen, ..)| seen == name) {
            return (*class, *raw);
        }
        let (class, raw) = class_of(name);
        if self.classes.len() >= 32 {
            self.classes.clear();
        }
        self.classes.push((name.clone(), class, raw));
        (class, raw)
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let start = tag.kind == TagKind::StartTag;
        let (class, raw) = self.class(&tag.name);
        if let Some((hidden, depth)) = &mut self.hidden {
            if tag.name == *hidden {
                match start {
                    true if !tag.self_closing => *depth += 1,
                    true => {}
                    false => *depth -= 1,
                }
                if *depth == 0 {
                    self.hidden = None;
                }
            }
            // Meta tags and the title are in the head.
            return match (start, class) {
                (true, Class::Meta) => {
                    self.meta(tag);
                    go_on(raw, start)
                }
                (true, Class::Title) => self.title_starts(),
                _ => go_on(raw, start),
            };
        }
        match (start, class) {
            (true, Class::Title) => return self.title_starts(),
            (false, Class::Title) => self.in_title = false,
            (true, Class::Meta) => self.meta(tag),
            (true, Class::Break) => self.out.line_break(),
            (true, Class::Cell) => self.out.tab(),
            (false, Class::Row) => self.out.line_break(),
            (true, Class::Heading) if self.heading.is_none() => self.in_h1 = true,
            (false, Class::Heading) => self.in_h1 = false,
            (true, Class::Pre) => self.pre += 1,
            (false, Class::Pre) => self.pre = self.pre.saturating_sub(1),
            (true, Class::Hidden) if !tag.self_closing => {
                self.hidden = Some((tag.name.clone(), 1));
            }
            _ => {}
        }
        if matches!(class, Class::Block | Class::Heading | Class::Pre) {
            self.out.paragraph();
        }
        go_on(raw, start)
    }

    fn title_starts(&mut self) -> TokenSinkResult<()> {
        self.in_title = self.title.is_none();
        TokenSinkResult::RawData(RawKind::Rcdata)
    }

    fn characters(&mut self, text: &str) {
        if self.in_title {
            self.title.get_or_insert_with(String::new).push_str(text);
            return;
        }
        if self.hidden.is_some() {
            return;
        }
        if self.in_h1 {
            let heading = self.heading.get_or_insert_with(String::new);
            if heading.len() < 1000 {
                heading.push_str(text);
            }
        }
        match self.pre > 0 {
            true => self.out.verbatim(text),
            false => self.out.words(text),
        }
    }

    /// A `<meta>` naming the date or the author.
    fn meta(&mut self, tag: &Tag) {
        let attribute = |wanted: &str| {
            tag.attrs
                .iter()
                .find(|attribute| (*attribute.name.local).eq_ignore_ascii_case(wanted))
                .map(|attribute| attribute.value.to_string())
        };
        let Some(content) = attribute("content") else {
            return;
        };
        let named = attribute("name")
            .or_else(|| attribute("property"))
            .or_else(|| attribute("itemprop"))
            .unwrap_or_default()
            .to_ascii_lowercase();
        match named.as_str() {
            "article:published_time"
            | "date"
            | "dc.date"
            | "dc.date.issued"
            | "dcterms.date"
            | "datepublished"
            | "pubdate"
            | "publication_date"
            | "citation_publication_date"
                if self.date.is_none() =>
            {
                self.date = crate::text::dates::iso(&content);
            }
            "author" | "dc.creator" | "article:author" if self.author.is_none() => {
                self.author = Some(content);
            }
            _ => {}
        }
    }
}

/// The document's bytes as text: by its byte-order mark, else the charset it declares in its
/// first KiB (`<meta charset>`, or `http-equiv` content), else UTF-8 when valid, else the
/// encoding the bytes look like.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_with_bom_removal(bytes).0.into_owned();
    }
    let declared = declared_charset(&bytes[..bytes.len().min(1024)]);
    let encoding = match declared {
        // A page saying UTF-16 in ASCII bytes is not UTF-16 (the HTML standard's rule).
        Some(encoding)
            if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE =>
        {
            encoding_rs::UTF_8
        }
        Some(encoding) => encoding,
        None if simdutf8::basic::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            detector.guess(None, chardetng::Utf8Detection::Deny)
        }
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset named by `charset=` in the bytes (a `<meta>` in the document's first KiB).
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset=")? + b"charset=".len();
    let label: Vec<u8> = lower[at..]
        .iter()
        .skip_while(|&&byte| byte == b'"' || byte == b'\'' || byte == b' ')
        .take_while(|&&byte| byte.is_ascii_alphanumeric() || b"-_:.".contains(&byte))
        .copied()
        .collect();
    encoding_rs::Encoding::for_label(&label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(source: &str) -> Extracted {
        extract(source.as_bytes(), &Budget::start())
    }

    #[test]
    fn visible_text_in_paragraphs_without_scripts_or_navigation() {
        let page = html(
            "<html><head><title>The  Story</title><style>p{color:red}</style>\
             <meta property=\"article:published_time\" content=\"2021-03-04T10:00:00Z\">\
             <script>var a = '<p>no</p>';</script></head><body><nav><a>Home</a></nav>\
             <h1>Big heading</h1><p>First &amp; <b>bold</b>er\n paragraph.</p>\
             <p>Second<br>line</p><table><tr><td>a</td><td>b</td></tr></table>\
             <pre>  kept\n  as is</pre></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("The  Story"));
        assert_eq!(page.date.as_deref(), Some("2021-03-04"));
        assert_eq!(
            page.text,
            "Big heading\n\nFirst & bolder paragraph.\n\nSecond\nline\n\na\tb\n\n  kept\n  as is\n\n"
        );
    }

    #[test]
    fn the_first_heading_when_there_is_no_title_and_the_declared_charset() {
        let page = extract(
            b"<meta charset=\"windows-1252\"><h1>Caf\xe9 news</h1><p>Stra\xdfe</p>",
            &Budget::start(),
        );
        assert_eq!(page.title.as_deref(), Some("Café news"));
        assert!(page.text.contains("Straße"));
    }

    #[test]
    fn deep_nesting_costs_no_depth() {
        let deep = "<div>".repeat(200_000) + "deep text" + &"</div>".repeat(200_000);
        assert_eq!(html(&deep).text.trim(), "deep text");
    }
}
