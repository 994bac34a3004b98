//! E-mail (`.eml`, RFC 5322 with MIME): the subject as title, `Date:` as date, sender and
//! recipients as fields (`from`, `to`, `cc`: addresses, for `--group-by from`), the decoded
//! text of the body (quoted-printable, base64 and charsets undone; an HTML-only body made
//! text), and each attachment named — its text extracted after the body when it is a format
//! folio reads (a PDF, a Word file, a forwarded message…), [`limits::ATTACHMENT_DEPTH`]
//! levels deep at most. Read with mail-parser.

use super::bounded::Budget;
use super::{Extracted, Format, extract_bytes, limits};
use mail_parser::{Address, Message, MessageParser, MimeHeaders};
use std::path::Path;

/// Extracts an e-mail; `depth` is how many messages it is attached within.
pub(crate) fn extract(bytes: &[u8], budget: &Budget, depth: usize) -> Result<Extracted, String> {
    let message = MessageParser::default()
        .parse(bytes)
        .filter(|message| {
            message.from().is_some()
                || message.to().is_some()
                || message.subject().is_some()
                || message.date().is_some()
        })
        .ok_or("not an e-mail message (no From, To, Subject or Date)")?;
    Ok(of_message(&message, budget, depth))
}

/// What a message's headers say: its subject as title, its date, its sender and recipients
/// as fields (`from`, `to`, `cc`: addresses); no text. A mailbox's listing reads these alone.
pub(crate) fn headers(message: &Message) -> Extracted {
    let mut fields = Vec::new();
    let named = [
        ("from", message.from()),
        ("to", message.to()),
        ("cc", message.cc()),
    ];
    for (name, address) in named {
        if let Some(addresses) = address.map(addresses).filter(|a| !a.is_empty()) {
            fields.push((name.to_string(), addresses));
        }
    }
    let date = message
        .date()
        .map(|date| format!("{:04}-{:02}-{:02}", date.year, date.month, date.day));
    Extracted {
        text: String::new(),
        title: message.subject().map(str::to_string),
        date: date.and_then(|date| crate::text::dates::iso(&date)),
        fields,
    }
}

fn of_message(message: &Message, budget: &Budget, depth: usize) -> Extracted {
    let mut extracted = headers(message);
    let mut text = String::new();
    for part in message.text_bodies().take(limits::MAIL_PARTS) {
        text.push_str(&part_text(part, budget));
        text.push_str("\n\n");
    }
    let mut names = Vec::new();
    for part in message.attachments().take(limits::MAIL_PARTS) {
        let name = part.attachment_name().unwrap_or("unnamed").to_string();
        text.push_str(&format!("\n── attachment: {name} ──\n"));
        text.push_str(&attachment_text(part, &name, budget, depth));
        text.push_str("\n\n");
        names.push(name);
        if budget.spent() || text.len() > limits::TEXT_BYTES {
            break;
        }
    }
    if !names.is_empty() {
        let names = names.join(", ");
        extracted.fields.push(("attachments".to_string(), names));
    }
    extracted.text = text;
    extracted
}

/// An attachment's text: a forwarded message's, a format folio reads, a text file's; else a
/// line saying what it is.
fn attachment_text(
    part: &mail_parser::MessagePart,
    name: &str,
    budget: &Budget,
    depth: usize,
) -> String {
    if depth >= limits::ATTACHMENT_DEPTH {
        return "[not read: attached too deep]".to_string();
    }
    if let Some(inner) = part.message() {
        let inner = of_message(inner, budget, depth + 1);
        let subject = inner.title.unwrap_or_default();
        return format!("Subject: {subject}\n\n{}", inner.text);
    }
    if part.is_text() {
        return part_text(part, budget);
    }
    match Format::of(Path::new(name)) {
        Some(Format::Email) => match extract(part.contents(), budget, depth + 1) {
            Ok(inner) => inner.text,
            Err(why) => format!("[not read: {why}]"),
        },
        Some(format) => match extract_bytes(part.contents(), format) {
            Ok(inner) => inner.text,
            Err(why) => format!("[not read: {why}]"),
        },
        None => format!(
            "[{} bytes, not a format folio reads]",
            part.contents().len()
        ),
    }
}

/// A text part's text: HTML read as an `.html` file is (paragraphs, tables, no markup).
fn part_text(part: &mail_parser::MessagePart, budget: &Budget) -> String {
    match (part.is_text_html(), part.text_contents()) {
        (true, Some(html)) => super::html::text_of(html, budget),
        (false, Some(text)) => text.to_string(),
        (_, None) => String::new(),
    }
}

/// The addresses of a header, comma-separated (a name alone where there is no address).
fn addresses(address: &Address) -> String {
    let each = address.iter().filter_map(|one| {
        one.address()
            .map(str::to_lowercase)
            .or_else(|| one.name().map(str::to_string))
    });
    each.collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(source: &str) -> Result<Extracted, String> {
        extract(source.as_bytes(), &Budget::start(), 0)
    }

    #[test]
    fn subject_date_addresses_and_decoded_body() -> Result<(), String> {
        let message = mail(
            "From: Ann Smith <Ann@Example.org>\r\nTo: bob@example.org, Carl <carl@example.org>\r\n\
             Subject: =?UTF-8?Q?Caf=C3=A9_plans?=\r\nDate: Tue, 2 Mar 2021 10:00:00 +0100\r\n\
             MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
             --b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
             Meet at the caf=C3=A9 =\r\nat noon.\r\n--b\r\nContent-Type: text/plain\r\n\
             Content-Disposition: attachment; filename=\"notes.txt\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\
             U2VjcmV0IG5vdGVz\r\n--b--\r\n",
        )?;
        assert_eq!(message.title.as_deref(), Some("Café plans"));
        assert_eq!(message.date.as_deref(), Some("2021-03-02"));
        assert_eq!(message.field("from"), Some("ann@example.org"));
        assert_eq!(
            message.field("to"),
            Some("bob@example.org, carl@example.org")
        );
        assert_eq!(message.field("attachments"), Some("notes.txt"));
        assert!(message.text.contains("Meet at the café at noon."));
        assert!(
            message
                .text
                .contains("── attachment: notes.txt ──\nSecret notes")
        );
        Ok(())
    }

    #[test]
    fn a_thousand_nested_parts_are_read_in_bounds() -> Result<(), String> {
        let mut source = String::from("From: a@b.c\nSubject: deep\nMIME-Version: 1.0\n");
        for level in 0..1000 {
            source.push_str(&format!(
                "Content-Type: multipart/mixed; boundary=\"b{level}\"\n\n--b{level}\n"
            ));
        }
        source.push_str("Content-Type: text/plain\n\nhello deep\n");
        for level in (0..1000).rev() {
            source.push_str(&format!("--b{level}--\n"));
        }
        let message = mail(&source)?;
        assert_eq!(message.title.as_deref(), Some("deep"));
        assert!(message.text.contains("hello deep"));
        Ok(())
    }
}
