//! Documents like this one, end to end: `--similar` ranks first the document sharing the
//! words that distinguish the one asked about (words no other document has), leaves its copy
//! out and says so, and refuses a document that is not the corpus's.

use crate::common::{Seeded, TestResult, folio_command, temp_corpus_of, text};

#[test]
fn similar_ranks_the_document_sharing_its_distinguishing_words_first() -> TestResult {
    let prose = crate::common::sample_prose();
    let words: Vec<&str> = prose.split_whitespace().collect();
    let mut seeded = Seeded::new();
    let mut filler = |count: usize| -> String {
        (0..count)
            .map(|_| words[seeded.below(words.len())])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut files = vec![
        (
            "about.txt".to_string(),
            format!("{} zircon quokka marzipan zircon quokka", filler(120)),
        ),
        (
            "alike.txt".to_string(),
            format!("{} zircon quokka marzipan", filler(120)),
        ),
        ("copy.txt".to_string(), String::new()),
    ];
    files[2].1 = files[0].1.clone();
    for n in 0..8 {
        files.push((format!("other{n}.txt"), filler(120)));
    }
    let dir = temp_corpus_of(&files);
    let output = folio_command()
        .args(["--no-state", "--similar", "about.txt", "."])
        .current_dir(dir.path())
        .output()?;
    let out = text(&output.stdout);
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first
            .split('\t')
            .next()
            .unwrap_or_default()
            .ends_with("alike.txt"),
        "{out}"
    );
    assert!(!out.contains("copy.txt"), "{out}");
    assert!(text(&output.stderr).contains("1 copy of it left out"));
    let missing = folio_command()
        .args(["--no-state", "--similar", "nowhere.txt", "."])
        .current_dir(dir.path())
        .output()?;
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("not one of the corpus's documents"));
    Ok(())
}
