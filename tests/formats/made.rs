//! Each format made from real news prose by the tool that makes it, read back equal to it.

use super::pdf_writer::{paged, pdf};
use super::{counted, differences, folio_counts, tool};
use crate::common::tmux::Tmux;
use crate::common::{TestResult, folio_command, sample_prose, text};
use base64::Engine;
use std::path::Path;

/// folio's stdout for `args` in `dir` (no cache).
fn printed(args: &[&str], dir: &Path) -> String {
    let output = folio_command()
        .arg("--no-cache")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| panic!("cannot run folio: {error}"));
    text(&output.stdout)
}

#[test]
fn each_format_made_by_pandoc_reads_as_its_source_text() -> TestResult {
    let dir = tempfile::tempdir()?;
    let source = sample_prose();
    std::fs::write(dir.path().join("source.md"), &source)?;
    for (format, title) in [
        ("html", "pagetitle=Page"),
        ("docx", "x=y"),
        ("odt", "x=y"),
        ("epub", "title=Source"),
    ] {
        std::fs::create_dir(dir.path().join(format))?;
        let out = format!("{format}/doc.{format}");
        tool(
            "pandoc",
            &["-s", "source.md", "--metadata", title, "-o", &out],
            dir.path(),
        );
        let mut expected = counted(&source);
        // pandoc's EPUB has a title page with the title, and heads its one chapter with it.
        if format == "epub" {
            *expected.entry("source".to_string()).or_insert(0) += 2;
        }
        let got = folio_counts(&dir.path().join(format), &[]);
        assert_eq!(differences(&expected, &got), Vec::new(), "{format}");
    }
    // A search counts what the source holds, in every format.
    let poverty = counted(&source).get("poverty").copied().unwrap_or(0);
    assert!(poverty > 1);
    let count = printed(&["--count", "poverty", "--by", "folder", "."], dir.path());
    for format in ["html", "docx", "odt", "epub"] {
        let row = crate::common::line_with(&count, format);
        assert!(
            row.starts_with(&format!("{format}\t1\t{poverty}\t")),
            "{count}"
        );
    }
    Ok(())
}

#[test]
fn titles_dates_and_authors_are_the_formats_own() -> TestResult {
    let dir = tempfile::tempdir()?;
    let front =
        "---\ntitle: \"A title of its own\"\ndate: 2021-03-04\nauthor: Jane Reporter\n---\n\n";
    std::fs::write(
        dir.path().join("source.md"),
        format!("{front}{}", sample_prose()),
    )?;
    for format in ["html", "docx", "odt", "epub"] {
        tool(
            "pandoc",
            &["-s", "source.md", "-o", &format!("doc.{format}")],
            dir.path(),
        );
    }
    std::fs::remove_file(dir.path().join("source.md"))?;
    let listed = printed(&["--list", "."], dir.path());
    assert_eq!(
        listed,
        "./doc.docx\tA title of its own\n./doc.epub\tA title of its own\n\
         ./doc.html\tA title of its own\n./doc.odt\tA title of its own\n"
    );
    // HTML's meta date and EPUB's dc:date are the source's; DOCX and ODT keep when they were
    // made (pandoc puts the date in the text), which is this month.
    let months = printed(&["--count", "the", "--by", "month", "."], dir.path());
    assert!(months.starts_with("2021-03\t2\t"), "{months}");
    let authors = printed(
        &[
            "--count",
            "the",
            "--by",
            "author",
            "--group-by",
            "author",
            ".",
        ],
        dir.path(),
    );
    assert!(authors.starts_with("Jane Reporter\t4\t"), "{authors}");
    Ok(())
}

#[test]
fn a_pdf_reads_as_its_text_page_by_page() -> TestResult {
    let dir = tempfile::tempdir()?;
    let source = sample_prose();
    let pages = paged(&source, 80, 20);
    assert!(pages.len() >= 3);
    std::fs::write(
        dir.path().join("report.pdf"),
        pdf(&pages, "Written by lopdf", "20200102"),
    )?;
    // Every word as the source has it, and as poppler's pdftotext reads the same file.
    let got = folio_counts(dir.path(), &[]);
    assert_eq!(differences(&counted(&source), &got), Vec::new());
    tool(
        "pdftotext",
        &["-enc", "UTF-8", "report.pdf", "poppler.txt"],
        dir.path(),
    );
    let poppler = std::fs::read_to_string(dir.path().join("poppler.txt"))?;
    std::fs::remove_file(dir.path().join("poppler.txt"))?;
    assert_eq!(differences(&counted(&poppler), &got), Vec::new());
    assert_eq!(
        printed(&["--list", "."], dir.path()),
        "./report.pdf\tWritten by lopdf\n"
    );
    let months = printed(&["--count", "the", "--by", "month", "."], dir.path());
    assert!(months.starts_with("2020-01\t1\t"), "{months}");
    // A word only the last page has: its hit is cited by page, and the reader says the page.
    let last = pages.len();
    let earlier = counted(&pages[..last - 1].concat().join(" "));
    let word = counted(&pages[last - 1].join(" "))
        .into_keys()
        .find(|word| {
            word.len() > 6 && word.chars().all(char::is_alphabetic) && !earlier.contains_key(word)
        })
        .unwrap_or_else(|| panic!("no word of the last page alone"));
    let term = Tmux::start(120, 30, dir.path());
    term.command("folio .; echo \"exit=$?\"");
    term.wait_for("1/1");
    term.keys(&["C-f"]);
    term.type_text(&word);
    term.wait_for("1/1");
    term.keys(&["C-k"]);
    term.wait_for("1 hit in 1 document");
    term.keys(&["c"]);
    term.wait_for("copied (plain");
    let cited = term.clipboard();
    assert!(
        cited.ends_with(&format!(
            "(Written by lopdf, 2020-01-02; ./report.pdf, p. {last})"
        )),
        "{cited}"
    );
    term.keys(&["Escape"]);
    term.wait_until("the list", |screen| !screen.contains("copied (plain"));
    // The reader opens at the hit, near the end; its bar says the page at the top of the
    // view (the hit's or the one before), and at the top of the text, page 1 and its header.
    term.keys(&["Enter"]);
    let pages_near = [
        format!("p. {last} · line"),
        format!("p. {} · line", last - 1),
    ];
    term.wait_until("the hit's page in the bar", |screen| {
        pages_near.iter().any(|page| screen.contains(page.as_str()))
    });
    term.keys(&["g"]);
    term.wait_for("── p. 1 ──");
    term.wait_for("p. 1 · line 1 of");
    term.quit("C-c", 130);
    Ok(())
}

/// An e-mail with a body in quoted-printable UTF-8 and `attachment` (a name and its bytes)
/// in base64, as mail programs send them.
fn email(
    from: &str,
    subject: &str,
    date: &str,
    body: &str,
    attachment: Option<(&str, &[u8])>,
) -> String {
    let mut mail = format!(
        "From: {from}\r\nTo: Desk <desk@example.org>\r\nSubject: {subject}\r\nDate: {date}\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"part\"\r\n\r\n\
         --part\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{body}\r\n"
    );
    if let Some((name, bytes)) = attachment {
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        let lines: Vec<&str> = encoded
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        mail.push_str(&format!(
            "--part\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            lines.join("\r\n")
        ));
    }
    mail.push_str("--part--\r\n");
    mail
}

#[test]
fn e_mails_read_with_their_subjects_senders_and_attachments() -> TestResult {
    let dir = tempfile::tempdir()?;
    let made = tempfile::tempdir()?;
    std::fs::write(
        made.path().join("memo.md"),
        "The zanzibarite shipment is late.\n",
    )?;
    tool("pandoc", &["memo.md", "-o", "memo.docx"], made.path());
    let memo = std::fs::read(made.path().join("memo.docx"))?;
    let mails = [
        (
            "a.eml",
            email(
                "Ann Lee <Ann@Example.org>",
                "=?UTF-8?Q?Caf=C3=A9_budget?=",
                "Tue, 02 Mar 2021 10:00:00 +0100",
                "The caf=C3=A9 budget is set at =C2=A3600m for the =\r\nyear.",
                Some(("memo.docx", &memo)),
            ),
        ),
        (
            "b.eml",
            email(
                "ann@example.org",
                "Second note",
                "Wed, 03 Mar 2021 09:00:00 +0000",
                "Stra=C3=9Fe works begin.",
                None,
            ),
        ),
        (
            "c.eml",
            email(
                "Carl <carl@example.org>",
                "Other desk",
                "Mon, 05 Apr 2021 09:00:00 +0000",
                "Nothing new.",
                None,
            ),
        ),
    ];
    for (name, mail) in &mails {
        std::fs::write(dir.path().join(name), mail)?;
    }
    assert_eq!(
        printed(&["--list", "."], dir.path()),
        "./a.eml\tCafé budget\n./b.eml\tSecond note\n./c.eml\tOther desk\n"
    );
    // The body decoded (a soft line break joins "the year"), the attachment's text read.
    let got = folio_counts(dir.path(), &[]);
    assert_eq!(got.get("café"), Some(&1));
    assert_eq!(got.get("straße"), Some(&1));
    assert_eq!(got.get("zanzibarite"), Some(&1));
    let found = printed(&["--search", "zanzibarite", "."], dir.path());
    assert!(found.starts_with("./a.eml\t1\tCafé budget"), "{found}");
    let phrase = printed(&["--count", "\"the year\"", "."], dir.path());
    assert!(phrase.starts_with(".\t1\t1\t"), "{phrase}");
    // Senders as a field to count by; the months from Date:.
    senders_counted(".", dir.path());
    let months = printed(
        &["--count", "the | nothing | works", "--by", "month", "."],
        dir.path(),
    );
    assert!(
        months.starts_with("2021-03\t2\t") && months.contains("2021-04\t1\t"),
        "{months}"
    );
    // The same messages in one mailbox: a document each, known by the line it starts on.
    let mut mailbox = String::new();
    for (_, mail) in &mails {
        mailbox.push_str("From someone@example.org Mon Jan  4 10:00:00 2021\n");
        mailbox.push_str(&mail.replace("\r\n", "\n"));
        mailbox.push('\n');
    }
    let boxed = tempfile::tempdir()?;
    std::fs::write(boxed.path().join("archive.mbox"), &mailbox)?;
    let starts: Vec<usize> = mailbox
        .lines()
        .enumerate()
        .filter(|(_, line)| line.starts_with("From someone"))
        .map(|(index, _)| index + 1)
        .collect();
    assert_eq!(
        printed(&["--list", "archive.mbox"], boxed.path()),
        format!(
            "archive.mbox:{}\tCafé budget\narchive.mbox:{}\tSecond note\narchive.mbox:{}\tOther desk\n",
            starts[0], starts[1], starts[2]
        )
    );
    let boxed_counts = folio_counts_of(boxed.path(), "archive.mbox");
    assert_eq!(differences(&got, &boxed_counts), Vec::new());
    senders_counted("archive.mbox", boxed.path());
    Ok(())
}

/// Counts by sender (`--by from --group-by from`) of `named` in `dir`: Ann's and Carl's.
fn senders_counted(named: &str, dir: &Path) {
    let by_sender = ["--by", "from", "--group-by", "from"];
    let mut args = vec!["--count", "the | nothing"];
    args.extend(by_sender);
    args.push(named);
    let senders = printed(&args, dir);
    assert!(
        senders.contains("ann@example.org\t1\t") && senders.contains("carl@example.org\t1\t"),
        "{senders}"
    );
}

/// Each word's count in the documents of `named` (in `dir`), as folio's word list says.
fn folio_counts_of(dir: &Path, named: &str) -> std::collections::BTreeMap<String, u64> {
    printed(&["--wordlist", named], dir)
        .lines()
        .filter_map(|line| {
            let mut cells = line.split('\t');
            let word = cells.next()?.to_string();
            Some((word, cells.next()?.replace(',', "").parse().ok()?))
        })
        .collect()
}

#[test]
fn html_in_mail_and_word_notes_read_as_text() -> TestResult {
    let dir = tempfile::tempdir()?;
    let page = "<!DOCTYPE html><html><head><style>p { color: red }</style></head>\
                <body><p>Attached page</p></body></html>";
    let mail = format!(
        "From: clerk@example.org\r\nSubject: Minutes\r\nDate: Mon, 05 Apr 2021 09:00:00 +0000\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"part\"\r\n\r\n\
         --part\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <html><body><p>Board minutes</p><p>The board approved</p>\
         <table><tr><td>Shell Ltd</td><td>9000</td></tr></table></body></html>\r\n\
         --part\r\nContent-Type: text/html\r\nContent-Disposition: attachment; filename=\"page.html\"\r\n\r\n\
         {page}\r\n--part--\r\n"
    );
    std::fs::write(dir.path().join("minutes.eml"), mail)?;
    std::fs::write(
        dir.path().join("notes.md"),
        "Body text.[^1]\n\n[^1]: A footnoteword here.\n",
    )?;
    tool("pandoc", &["notes.md", "-o", "notes.docx"], dir.path());
    std::fs::remove_file(dir.path().join("notes.md"))?;
    let got = super::folio_counts(dir.path(), &[]);
    // Paragraphs and cells apart, no markup or style left.
    let ones = ["minutes", "the", "ltd", "9000", "attached", "footnoteword"];
    for word in ones {
        assert_eq!(got.get(word), Some(&1), "{word}: {got:?}");
    }
    // The attachment is named on a line of its own: "── attachment: page.html ──".
    assert_eq!(got.get("page"), Some(&2), "{got:?}");
    for markup in ["minutesthe", "ltd9000", "doctype", "color", "style"] {
        assert_eq!(got.get(markup), None, "{markup}: {got:?}");
    }
    Ok(())
}
