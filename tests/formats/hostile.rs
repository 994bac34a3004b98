//! Hostile and broken files of every format in one corpus with an ordinary one: each is
//! bounded (a zip bomb refused at its member's bound, a million-page PDF refused from its
//! object count, a PDF of 12,000 pages read to its page bound, a page tree that is its own
//! child, 100 MB of nested tags, a thousand nested MIME parts), the unreadable ones skipped
//! with their reasons, and the rest listed.

use crate::common::tmux::Tmux;
use crate::common::{TestResult, folio_command, text};
use std::io::Write;
use std::path::Path;

/// A PDF of `objects` (numbered from 1, the first the catalog) with a cross-reference
/// table, as a writer that means harm would write it.
fn raw_pdf(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
    }
    let table = out.len();
    let count = objects.len() + 1;
    out.extend_from_slice(format!("xref\n0 {count}\n0000000000 65535 f \n").as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let trailer = format!("trailer\n<< /Size {count} /Root 1 0 R >>\nstartxref\n{table}\n%%EOF\n");
    out.extend_from_slice(trailer.as_bytes());
    out
}

/// A PDF of `pages` pages, each the line `Page text` (one content stream shared by all).
fn pages_pdf(pages: usize) -> Vec<u8> {
    let content = "BT /F1 12 Tf 72 700 Td (Page text) Tj ET";
    let kids: Vec<String> = (0..pages).map(|page| format!("{} 0 R", page + 5)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 4 0 R >> >> >>",
            kids.join(" ")
        ),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let page = "<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>";
    objects.extend(std::iter::repeat_n(page.to_string(), pages));
    raw_pdf(&objects)
}

/// A stream object of `content` with `entries` more in its dictionary.
fn stream(content: &[u8], entries: &str) -> String {
    let content = String::from_utf8_lossy(content);
    format!(
        "<< /Length {} {entries} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

/// A one-page PDF whose content stream inflates to 3 GiB of spaces (3 MiB in the file):
/// lopdf inflates it whole.
fn stream_bomb() -> std::io::Result<Vec<u8>> {
    use flate2::write::ZlibEncoder;
    let mut packed = ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    packed.write_all(b"BT /F1 12 Tf 72 700 Td (bomb) Tj ET ")?;
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..3 << 10 {
        packed.write_all(&spaces)?;
    }
    let packed = packed.finish()?;
    let mut object = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        packed.len()
    )
    .into_bytes();
    object.extend_from_slice(&packed);
    object.extend_from_slice(b"\nendstream");
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>";
    let objects: [&[u8]; 4] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page.as_bytes(),
        &object,
    ];
    for (index, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let table = pdf.len();
    pdf.extend_from_slice(b"xref\n0 5\n0000000000 65535 f \n");
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{table}\n%%EOF\n").as_bytes(),
    );
    Ok(pdf)
}

/// A ZIP whose member `name` unpacks to `size` bytes of one letter (packed a thousandfold).
fn zip_bomb(path: &Path, name: &str, size: usize) -> zip::result::ZipResult<()> {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path)?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer.start_file(name, options)?;
    let block = vec![b'a'; 1 << 20];
    for _ in 0..size >> 20 {
        writer.write_all(&block)?;
    }
    writer.finish()?;
    Ok(())
}

/// A ZIP of the members given.
fn zip_of(path: &Path, members: &[(&str, &[u8])]) -> zip::result::ZipResult<()> {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path)?);
    for (name, bytes) in members {
        writer.start_file(*name, zip::write::SimpleFileOptions::default())?;
        writer.write_all(bytes)?;
    }
    writer.finish()?;
    Ok(())
}

/// An ordinary note and a broken file of each format; with `costly`, the files that take
/// seconds (100 MB of tags, a million pages, a zip bomb…).
fn corpus(dir: &Path, costly: bool) -> TestResult {
    let note = "An ordinary note\n\nIt loads whatever its neighbours are.\n";
    std::fs::write(dir.join("fine.txt"), note)?;
    std::fs::write(
        dir.join("broken.pdf"),
        b"%PDF-1.7\n1 0 obj << /Type /Catalog garbage",
    )?;
    std::fs::write(dir.join("broken.docx"), b"PK\x03\x04 this is no zip")?;
    std::fs::write(
        dir.join("broken.eml"),
        [0u8, 159, 146, 150, 0, 1, 2].repeat(10),
    )?;
    zip_of(
        &dir.join("broken.odt"),
        &[("mimetype", b"application/vnd.oasis.opendocument.text")],
    )?;
    let container = b"<container><rootfiles><rootfile full-path=\"missing.opf\"/></rootfiles>";
    zip_of(
        &dir.join("broken.epub"),
        &[("META-INF/container.xml", container)],
    )?;
    // A page tree that is its own child.
    let cycle = raw_pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [2 0 R] /Count 1 >>".to_string(),
    ]);
    std::fs::write(dir.join("cycle.pdf"), cycle)?;
    // A form that draws itself: pdf-extract recurses until its stack overflows.
    let form = "BT /F1 12 Tf (inside form) Tj ET /X1 Do";
    let resources = "/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>";
    let looped = raw_pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R {resources} >>"
        ),
        stream(
            "BT /F1 12 Tf 72 700 Td (form loop) Tj ET /X1 Do".as_bytes(),
            "",
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        stream(
            form.as_bytes(),
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 10 10] {resources}"),
        ),
    ]);
    std::fs::write(dir.join("formloop.pdf"), looped)?;
    // A mailbox in a folder: said, not read.
    std::fs::write(
        dir.join("archive.mbox"),
        "From a@b Mon Jan  4 10:00:00 2021\nSubject: x\n\nBody\n",
    )?;
    if !costly {
        return Ok(());
    }
    zip_bomb(&dir.join("bomb.docx"), "word/document.xml", 100 << 20)?;
    std::fs::write(dir.join("inflates.pdf"), stream_bomb()?)?;
    std::fs::write(dir.join("million.pdf"), pages_pdf(1_000_000))?;
    std::fs::write(dir.join("pages.pdf"), pages_pdf(12_000))?;
    // 100 MB of nested tags, a sentence at the bottom.
    let mut html = "<div><span>".repeat(100_000_000 / 11).into_bytes();
    html.extend_from_slice(b"Deep down here.");
    std::fs::write(dir.join("deep.html"), html)?;
    let mut mime = String::from("From: a@example.org\nSubject: Nested parts\nMIME-Version: 1.0\n");
    for level in 0..1000 {
        let part = format!("Content-Type: multipart/mixed; boundary=\"b{level}\"\n\n--b{level}\n");
        mime.push_str(&part);
    }
    mime.push_str("Content-Type: text/plain\n\nThe innermost part.\n");
    for level in (0..1000).rev() {
        mime.push_str(&format!("--b{level}--\n"));
    }
    std::fs::write(dir.join("nested.eml"), mime)?;
    Ok(())
}

/// folio's output for `args` in `dir`, without the cache: (stdout, stderr, success).
fn run(args: &[&str], dir: &Path) -> std::io::Result<(String, String, bool)> {
    let output = folio_command()
        .arg("--no-cache")
        .args(args)
        .current_dir(dir)
        .output()?;
    Ok((
        text(&output.stdout),
        text(&output.stderr),
        output.status.success(),
    ))
}

#[test]
fn hostile_files_are_bounded_and_skipped_with_their_reasons() -> TestResult {
    let dir = tempfile::tempdir()?;
    corpus(dir.path(), true)?;
    let (listed, said, fine) = run(&["--list", "--verbose", "."], dir.path())?;
    assert!(fine, "{said}");
    assert_eq!(
        listed,
        "./deep.html\tDeep down here.\n./fine.txt\tAn ordinary note\n\
         ./nested.eml\tNested parts\n./pages.pdf\tPage text\n",
        "{said}"
    );
    for (file, reason) in [
        (
            "bomb.docx",
            "word/document.xml unpacks to over 64 MiB (a zip bomb?)",
        ),
        (
            "million.pdf",
            "a PDF of 1000005 objects (at most 200000 are read)",
        ),
        ("cycle.pdf", "PDF with no pages"),
        ("broken.pdf", "not a readable PDF"),
        ("broken.docx", "not a readable ZIP file"),
        ("broken.odt", "no content.xml in it"),
        ("broken.epub", "no missing.opf in it"),
        ("broken.eml", "not an e-mail message"),
        ("formloop.pdf", "the PDF reader crashed on it"),
        ("inflates.pdf", "the PDF reader crashed on it"),
        ("archive.mbox", "a mailbox: name it on the command line"),
    ] {
        let line = crate::common::line_with(&said, file);
        assert!(line.contains(reason), "{file}: {said}");
    }
    // The 12,000 pages read to their bound, saying so; the innermost of a thousand parts.
    let (count, _, _) = run(
        &["--count", "\"page text\" | stopped", "pages.pdf"],
        dir.path(),
    )?;
    assert!(count.starts_with(".\t1\t10001\t10000\t1\t"), "{count}");
    let (inner, _, _) = run(&["--count", "innermost", "nested.eml"], dir.path())?;
    assert!(inner.starts_with(".\t1\t1\t"), "{inner}");
    Ok(())
}

#[test]
fn the_browser_lists_the_rest_and_says_why_each_was_skipped() -> TestResult {
    let dir = tempfile::tempdir()?;
    corpus(dir.path(), false)?;
    let term = Tmux::start(140, 30, dir.path());
    term.command("folio --no-cache .; echo \"exit=$?\"");
    term.wait_for("1/1");
    term.keys(&["F2"]);
    let screen = term.wait_for("not a readable PDF");
    assert!(screen.contains("not an e-mail message"), "{screen}");
    assert!(screen.contains("PDF with no pages"), "{screen}");
    assert!(screen.contains("the PDF reader crashed on it"), "{screen}");
    term.keys(&["Escape"]);
    term.wait_until("the list", |screen| !screen.contains("skipped (Esc"));
    term.quit("C-c", 130);
    Ok(())
}
