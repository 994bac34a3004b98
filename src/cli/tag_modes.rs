//! `--tagged TAG` and `--tags`: the documents tagged in the browser (Alt-t), and every tag
//! and note, from the corpus's remembered state, in the corpus's order.

use super::output::{DocumentRows, print_rows};
use super::print_modes::found_any;
use super::word_modes::Listed;
use super::{Failure, Settings};
use crate::study::export::{Cell, Format, TableWriter};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// `--tagged TAG`: `PATH<TAB>TITLE` of each document tagged TAG.
pub(crate) fn tagged(settings: &Settings, tag: &str) -> Result<ExitCode, Failure> {
    let listed = Listed::of(settings)?;
    let remembered = listed.remembered();
    let keys: BTreeSet<&str> = remembered
        .tags
        .iter()
        .filter(|tagged| tagged.tag == tag)
        .map(|tagged| tagged.doc.as_str())
        .collect();
    let docs = &listed.corpus.docs;
    let chosen: Vec<usize> = (0..docs.len())
        .filter(|&doc| !keys.is_empty() && keys.contains(docs.at(doc).key().as_str()))
        .collect();
    if chosen.is_empty() {
        let given: BTreeSet<&str> = remembered.tags.iter().map(|t| t.tag.as_str()).collect();
        let given: Vec<&str> = given.into_iter().collect();
        let said = match given.is_empty() {
            true => "no document of this corpus is tagged (Alt-t in the browser)".to_string(),
            false => format!(
                "no document here is tagged {tag:?}; tags: {}",
                given.join(", ")
            ),
        };
        eprintln!(
            "folio: --tagged: {}",
            crate::text::sanitize::sanitize_line(&said)
        );
        return Ok(found_any(false));
    }
    let rows = chosen.iter().map(|&doc| docs.at(doc));
    match settings.args.output_format() {
        Format::Tsv => {
            let mut out = BufWriter::new(io::stdout().lock());
            print_rows(&mut out, rows)?;
            out.flush()?;
        }
        format => {
            let mut table = DocumentRows::new(format, BufWriter::new(io::stdout().lock()))?;
            table.print(rows)?;
            table.flush()?;
        }
    }
    Ok(found_any(true))
}

/// `--tags`: `PATH<TAB>TAG<TAB>NOTE`, a row per tag of each tagged document (its note on
/// each), and a row with no tag for a document that has a note only.
pub(crate) fn tags(settings: &Settings) -> Result<ExitCode, Failure> {
    let listed = Listed::of(settings)?;
    let remembered = listed.remembered();
    let mut tags: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for tagged in &remembered.tags {
        tags.entry(tagged.doc.as_str())
            .or_default()
            .push(tagged.tag.as_str());
    }
    let notes: BTreeMap<&str, &str> = remembered
        .notes
        .iter()
        .map(|note| (note.doc.as_str(), note.text.as_str()))
        .collect();
    let docs = &listed.corpus.docs;
    let mut table = TableWriter::new(
        settings.args.output_format(),
        BufWriter::new(io::stdout().lock()),
        &["path", "tag", "note"],
    )?;
    let mut any = false;
    if !tags.is_empty() || !notes.is_empty() {
        for doc in (0..docs.len()).map(|doc| docs.at(doc)) {
            let key = doc.key();
            let note = notes.get(key.as_str()).copied();
            let of_doc = tags.get(key.as_str()).map_or(&[][..], Vec::as_slice);
            if of_doc.is_empty() && note.is_none() {
                continue;
            }
            let each: Vec<&str> = match of_doc.is_empty() {
                true => vec![""],
                false => of_doc.to_vec(),
            };
            for tag in each {
                any = true;
                table.row(&[
                    Cell::Text(doc.display_path()),
                    Cell::from(tag),
                    Cell::from(note.unwrap_or_default()),
                ])?;
            }
        }
    }
    table.flush()?;
    Ok(found_any(any))
}
