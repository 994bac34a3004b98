//! The printing modes that compare parts of a corpus: `--wordlist` (every word of the corpus
//! or of `--in`), `--keywords TARGET` (against `--reference`, or the rest), `--subcorpora`
//! (the saved ones) and `--in … --save-as NAME`. The corpus is listed from the lasting store
//! where it has one, and its words counted from the store's index.

use super::print_modes::found_any;
use super::{Failure, Settings};
use crate::app::{Changes, Remembered};
use crate::config::state_file;
use crate::copies::Copies;
use crate::corpus::Corpus;
use crate::search::text::index::TextIndex;
use crate::store::Lasting;
use crate::study::collocates::{CollocatesRequest, serve as serve_collocates, write_collocates};
use crate::study::matching::Scope;
use crate::study::subcorpus::{self, Saved, World};
use crate::study::word_tables::{write_keywords, write_word_list};
use crate::study::words::counted::{Counted, Parts, count_words};
use crate::study::words::keyness::{self, Frequencies, critical_value};
use crate::study::words::stoplist::Stoplist;
use crate::study::words::wordlist::{self, word_list};
use crate::work::job::Cancel;
use crate::work::pool;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The corpus listed, its index where the store has one, and what the user remembers of it.
pub(super) struct Listed {
    pub(super) corpus: Corpus,
    pub(super) index: Option<TextIndex>,
    remembered: Remembered,
    /// Where the remembered state is kept, if it is.
    state_file: Option<PathBuf>,
    /// The lasting store it was listed from, if any (the copies are kept there).
    lasting: Option<Lasting>,
    /// The corpus's copies, once found.
    copies: std::cell::OnceCell<Copies>,
}

impl Listed {
    /// Lists the corpus (from the store where it has one) and reads its remembered state.
    pub(super) fn of(settings: &Settings) -> Result<Listed, Failure> {
        Listed::from_store(settings, settings.kept_listing())
    }

    /// [`Listed::of`] with the store `kept` already opened.
    fn from_store(settings: &Settings, kept: Option<Lasting>) -> Result<Listed, Failure> {
        let (corpus, indexed) = settings.listed_with_index(kept.as_ref(), false, &|_, _| {})?;
        let (state_file, remembered) = state_of(settings);
        Ok(Listed {
            corpus,
            index: indexed.map(|(index, _)| index),
            remembered,
            state_file,
            lasting: kept,
            copies: std::cell::OnceCell::new(),
        })
    }

    /// The corpus's copies: found once (from the store's where it has them, and kept there),
    /// progress and what the store said on stderr.
    pub(super) fn copies(&self, settings: &Settings) -> Result<&Copies, Failure> {
        if let Some(copies) = self.copies.get() {
            return Ok(copies);
        }
        let found = super::copies_modes::find(settings, &self.corpus.docs, self.lasting.as_ref())?;
        Ok(self.copies.get_or_init(|| found))
    }

    /// What the user remembers of the corpus (tags, notes, marks, saved subcorpora).
    pub(super) fn remembered(&self) -> &Remembered {
        &self.remembered
    }

    /// The documents of the subcorpus `text`, one flag each; or why not, as a message.
    fn documents_of(&self, settings: &Settings, text: &str) -> Result<Vec<bool>, Failure> {
        let cancel = Cancel::new();
        let tags: Vec<(String, String)> = self
            .remembered
            .tags
            .iter()
            .map(|tagged| (tagged.doc.clone(), tagged.tag.clone()))
            .collect();
        let copies = match subcorpus::parse(text) {
            Ok(definition) if definition.mentions_distinct() => Some(self.copies(settings)?),
            _ => None,
        };
        let world = World {
            copies,
            docs: &self.corpus.docs,
            root: &self.corpus.root,
            index: self.index.as_ref(),
            marks: &self.remembered.marks,
            tags: &tags,
            saved: &self.remembered.subcorpora,
            field: settings.args.group_by.as_deref(),
            matching: settings.args.matching(),
            workers: pool::workers(),
            cancel: &cancel,
        };
        subcorpus::documents_of(text, &world).map_err(Failure::Message)
    }

    /// The documents in scope: those of `--in`, else all.
    pub(super) fn scope(&self, settings: &Settings) -> Result<Vec<bool>, Failure> {
        match settings.args.scope() {
            Some(text) => self.documents_of(settings, &text),
            None => Ok(vec![true; self.corpus.docs.len()]),
        }
    }

    /// Every word of `parts` counted, with DP over the first when `dispersion`.
    fn count(&self, parts: &Parts, dispersion: bool) -> Result<Counted, Failure> {
        let docs = &self.corpus.docs;
        count_words(
            docs,
            self.index.as_ref(),
            parts,
            dispersion,
            pool::workers(),
            &Cancel::new(),
            &mut |_, _, _| {},
        )
        .ok_or_else(|| Failure::Message("counting the words was stopped".to_string()))
    }
}

/// The corpus's state file and what it remembers, unless state is not kept (`--no-state`,
/// no state folder, or one inside the corpus); a damaged one is said on stderr.
fn state_of(settings: &Settings) -> (Option<PathBuf>, Remembered) {
    let (file, remembered, note) =
        super::browse::remembered_state(settings.args.no_state, &settings.inputs);
    if let Some(note) = note {
        eprintln!("folio: {}", crate::text::sanitize::sanitize_line(&note));
    }
    (file, remembered.unwrap_or_default())
}

/// The stop-list asked for, if any.
pub(super) fn stoplist(settings: &Settings) -> Result<Option<Stoplist>, Failure> {
    let Some(name) = &settings.args.study.stoplist else {
        return Ok(None);
    };
    Stoplist::named(name).map(Some).map_err(Failure::Message)
}

/// `--wordlist`: every word of the scope with its figures.
pub(crate) fn wordlist(settings: &Settings) -> Result<ExitCode, Failure> {
    let listed = Listed::of(settings)?;
    let scope = listed.scope(settings)?;
    let counted = listed.count(&Parts::one(&scope), true)?;
    let study = &settings.args.study;
    let choices = wordlist::Choices {
        min_hits: study.min_hits,
        min_documents: study.min_documents,
        stoplist: stoplist(settings)?,
        order: study.sort_by,
    };
    let rows = word_list(&counted, &choices);
    if settings.args.verbose {
        say_size("scope", &counted, 0);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    write_word_list(settings.args.output_format(), &mut out, &rows)?;
    out.flush()?;
    Ok(found_any(!rows.is_empty()))
}

/// `--keywords TARGET`: the words characteristic of TARGET against `--reference` (a
/// subcorpus, or a frequency list file), else against the rest of the scope.
pub(crate) fn keywords(settings: &Settings, target: &str) -> Result<ExitCode, Failure> {
    let listed = Listed::of(settings)?;
    let scope = listed.scope(settings)?;
    let within = |chosen: Vec<bool>| -> Vec<bool> {
        chosen.iter().zip(&scope).map(|(&a, &b)| a && b).collect()
    };
    let targeted = within(listed.documents_of(settings, target)?);
    let study = &settings.args.study;
    let list_file = study
        .reference
        .as_deref()
        .filter(|reference| Path::new(reference).is_file());
    let (target_list, reference_list) = match (list_file, &study.reference) {
        (Some(file), _) => {
            let counted = listed.count(&Parts::one(&targeted), false)?;
            let text = std::fs::read(file)
                .map_err(|error| Failure::Message(format!("--reference {file}: {error}")))?;
            let reference = Frequencies::read(&String::from_utf8_lossy(&text))
                .map_err(|error| Failure::Message(format!("--reference {file}: {error}")))?;
            (counted.frequencies(0), reference)
        }
        (None, reference) => {
            let reference = match reference {
                Some(text) => within(listed.documents_of(settings, text)?),
                None => scope
                    .iter()
                    .zip(&targeted)
                    .map(|(&s, &t)| s && !t)
                    .collect(),
            };
            let counted = listed.count(&Parts::two(&targeted, &reference), false)?;
            if settings.args.verbose {
                say_size("target", &counted, 0);
                say_size("reference", &counted, 1);
            }
            (counted.frequencies(0), counted.frequencies(1))
        }
    };
    if target_list.words == 0 {
        return Err(Failure::Message(format!(
            "--keywords {target:?}: the target has no words (no document, or none readable)"
        )));
    }
    if reference_list.words == 0 {
        return Err(Failure::Message(format!(
            "--keywords {target:?}: the reference has no words (a document in both is the \
             target's: is the reference inside the target, or the target all of the corpus? \
             name another with --reference)"
        )));
    }
    let choices = keyness::Choices {
        min_log_likelihood: critical_value(study.significance.clamp(0.0, 1.0)),
        min_log_ratio: study.min_log_ratio,
        stoplist: stoplist(settings)?,
    };
    let rows = keyness::keywords(&target_list, &reference_list, &choices);
    let mut out = BufWriter::new(io::stdout().lock());
    write_keywords(settings.args.output_format(), &mut out, &rows)?;
    out.flush()?;
    Ok(found_any(!rows.is_empty()))
}

/// [`Settings::search`] within the subcorpus of `--in`: the corpus listed (from the store
/// `kept` where there is one), searched with its index, and what is outside the subcorpus
/// left out.
pub(super) fn search_scoped(
    settings: &Settings,
    kept: Option<Lasting>,
    query: &crate::search::query::Query,
    want: crate::search::text::corpus_search::Want,
) -> Result<crate::search::text::corpus_search::Searched, Failure> {
    let listed = Listed::from_store(settings, kept)?;
    let chosen = listed.scope(settings)?;
    let within = |doc: usize| chosen.get(doc).copied().unwrap_or(false);
    let Listed { corpus, index, .. } = listed;
    let mut searched = crate::search::text::corpus_search::search_listed(
        corpus,
        index.as_ref(),
        query,
        pool::workers(),
        want,
    );
    searched.found.retain(|found| within(found.index));
    searched.counts.retain(|(doc, _)| within(*doc));
    searched.index = index;
    searched.within = Some(chosen);
    Ok(searched)
}

/// `--collocates QUERY`: the words near its hits more often than chance, in the corpus or
/// the subcorpus of `--in`.
pub(crate) fn collocates(settings: &Settings, query: &str) -> Result<ExitCode, Failure> {
    let args = &settings.args;
    let query = super::print_modes::text_query(query, args.matching(), "--collocates")?;
    if crate::search::text::terms::positive_terms(&query).is_empty() {
        return Err(Failure::Message(format!(
            "--collocates {:?}: every term is negated (!), so there is no hit to look around",
            query.typed()
        )));
    }
    let listed = Listed::of(settings)?;
    let within = match args.scope() {
        Some(_) => Some(std::sync::Arc::new(listed.scope(settings)?)),
        None => None,
    };
    let Listed { corpus, index, .. } = listed;
    let study = &args.study;
    let request = CollocatesRequest {
        scope: Scope {
            docs: corpus.docs,
            query,
            index: index.map(std::sync::Arc::new),
            matching: None,
            within,
            doc_words: None,
        },
        span: study.window.max(1),
        min: study.min.max(1),
        measure: study.measure,
        stoplist: stoplist(settings)?,
    };
    let found = std::sync::Mutex::new(None);
    serve_collocates(&request, pool::workers(), &Cancel::new(), &|news| {
        if let (Some(collocates), Ok(mut found)) = (news.collocates, found.lock()) {
            *found = Some(collocates);
        }
    });
    let collocates = found.into_inner().ok().flatten().unwrap_or_default();
    let mut out = BufWriter::new(io::stdout().lock());
    write_collocates(args.output_format(), &mut out, &collocates)?;
    out.flush()?;
    Ok(found_any(!collocates.is_empty()))
}

/// Says on stderr how big a part is (`--verbose`).
fn say_size(what: &str, counted: &Counted, part: usize) {
    let size = counted.parts[part];
    let plural = crate::text::columns::plural;
    eprintln!(
        "folio: {what}: {} document{}, {} word{}",
        size.documents,
        plural(size.documents),
        size.words,
        plural(size.words as usize)
    );
}

/// `--subcorpora`: the saved subcorpora, each with its size in documents now.
pub(crate) fn subcorpora(settings: &Settings) -> Result<ExitCode, Failure> {
    let listed = Listed::of(settings)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for saved in &listed.remembered.subcorpora {
        let documents = match listed.documents_of(settings, &saved.definition) {
            Ok(chosen) => chosen.iter().filter(|&&c| c).count().to_string(),
            Err(Failure::Message(why)) => format!("(error: {why})"),
            Err(other) => return Err(other),
        };
        let safe = crate::text::sanitize::sanitize_line;
        writeln!(
            out,
            "{}\t{}\t{}",
            safe(&saved.name),
            safe(&saved.definition),
            safe(&documents)
        )?;
    }
    out.flush()?;
    Ok(found_any(!listed.remembered.subcorpora.is_empty()))
}

/// `--in SUBCORPUS --save-as NAME`: the subcorpus checked (it must hold documents), saved in
/// the corpus's remembered state, and its size said.
pub(crate) fn save_subcorpus(settings: &Settings, name: &str) -> Result<ExitCode, Failure> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !valid {
        return Err(Failure::Message(format!(
            "--save-as {name:?}: a name is letters, digits, `_`, `-` and `.`"
        )));
    }
    let Some(definition) = settings.args.scope() else {
        return Err(Failure::Message(
            "--save-as needs --in SUBCORPUS".to_string(),
        ));
    };
    let listed = Listed::of(settings)?;
    let chosen = listed.documents_of(settings, &definition)?;
    let documents = chosen.iter().filter(|&&c| c).count();
    let Some(file) = listed.state_file.clone() else {
        return Err(Failure::Message(
            "--save-as: the remembered state is not kept (--no-state, or no state folder)"
                .to_string(),
        ));
    };
    let saved = Saved {
        name: name.to_string(),
        definition,
    };
    let changes = Changes {
        marks_at_start: listed.remembered.marks.clone(),
        saved: vec![saved.clone()],
        ..Changes::default()
    };
    state_file::save(&file, listed.remembered, &changes).map_err(Failure::Message)?;
    let message = format!(
        "saved @{name}: {} ({documents} document{})",
        saved.definition,
        crate::text::columns::plural(documents)
    );
    println!("{}", crate::text::sanitize::sanitize_line(&message));
    Ok(ExitCode::SUCCESS)
}
