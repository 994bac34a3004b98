//! The concordance's lines curated: put in categories (`1`–`9`, `0` or the same digit again
//! takes a line out; `n` names them), shown in a column and counted in the heading, one
//! category shown alone (`f`), and a random sample of N lines reproducible from its seed
//! (`r`); the order is `concordance_order`'s. Categories are remembered between runs by the
//! query, document and place of each line, and saved with the view.

use super::concordance::ConcordanceView;
use super::{Shown, ViewOf};
use crate::app::App;
use crate::app::remembered_file::{CategorisedLine, Edit};
use crate::app::save::{Prompt, PromptKind};
use crate::study::hit::CorpusHit;
use crate::study::lines::{self, CATEGORIES, CategoryNames, LineCategories, chosen_seed};
use crate::text::columns::thousands;
use crate::text::sanitize::sanitize_line;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What is done to a concordance's lines beyond finding them.
#[derive(Debug, Default)]
pub(super) struct Curation {
    /// The whole concordance, in the order shown, while a sample or a filter shows part.
    pub(super) all: Option<Arc<Vec<CorpusHit>>>,
    pub(super) sample: Option<Sample>,
    /// The one category shown (0: the lines in none).
    pub(super) filter: Option<u8>,
    pub(super) categories: LineCategories,
    /// How many lines each category has (index 1 to 9), kept as lines are put in and taken
    /// out: the heading shows them on every frame, and a concordance may have millions.
    in_category: [usize; 10],
    pub(super) names: CategoryNames,
    /// The categories kept from earlier runs for this query, by document, segment start and
    /// place: given to the lines as they come.
    pub(super) stored: HashMap<(usize, u64, u32), u8>,
}

/// A random sample of the lines: how many, the seed, and the hits drawn.
#[derive(Debug)]
pub(super) struct Sample {
    n: usize,
    seed: u64,
    chosen: HashSet<CorpusHit>,
}

impl Curation {
    /// The curation of a new concordance of `of`: the category names, and the lines' kept
    /// categories for its query found among the documents.
    pub(super) fn of(app: &App, of: &ViewOf) -> Curation {
        let mut curation = Curation {
            names: CategoryNames(app.memory.category_names.clone()),
            ..Curation::default()
        };
        let Some(kept) = app.memory.lines.get(query_key(of)) else {
            return curation;
        };
        let docs = &app.corpus.docs;
        let keys: HashSet<&str> = kept.keys().map(|(doc, _, _)| doc.as_str()).collect();
        let places: HashMap<String, usize> = (0..docs.len())
            .map(|doc| (docs.at(doc).key(), doc))
            .filter(|(key, _)| keys.contains(key.as_str()))
            .collect();
        for ((key, start, at), &category) in kept {
            if let Some(&doc) = places.get(key) {
                curation.stored.insert((doc, *start, *at), category);
            }
        }
        curation
    }

    /// Gives the lines just found the categories kept for them.
    pub(super) fn found(&mut self, hits: &[CorpusHit]) {
        if self.stored.is_empty() {
            return;
        }
        for hit in hits {
            let place = (hit.doc(), hit.start(), hit.range().start as u32);
            if let Some(&category) = self.stored.get(&place) {
                self.categories.insert(*hit, category);
                self.in_category[usize::from(category.min(CATEGORIES))] += 1;
            }
        }
    }

    /// The lines shown of `all`: those of the sample, of the category shown.
    fn shown_of(&self, all: &[CorpusHit]) -> Vec<CorpusHit> {
        let category = |hit: &CorpusHit| self.categories.get(hit).copied().unwrap_or(0);
        all.iter()
            .filter(|hit| self.sample.as_ref().is_none_or(|s| s.chosen.contains(hit)))
            .filter(|hit| self.filter.is_none_or(|wanted| category(hit) == wanted))
            .copied()
            .collect()
    }

    /// What the heading adds: the sample, the category shown, and how many lines each
    /// category has (of the whole concordance).
    pub(super) fn heading(&self, shown: &[CorpusHit]) -> String {
        let mut said = String::new();
        if let Some(sample) = &self.sample {
            said.push_str(&format!(
                " · sample of {} (seed {}; r: again)",
                thousands(sample.n.min(self.all_len(shown))),
                sample.seed
            ));
        }
        if let Some(category) = self.filter {
            let label = match category {
                0 => "lines in no category".to_string(),
                n => self.names.label(n),
            };
            said.push_str(&format!(
                " · only {} ({})",
                sanitize_line(&label),
                shown.len()
            ));
        }
        if !self.categories.is_empty() {
            let counts = self.counts(self.all_len(shown));
            for n in 1..=CATEGORIES {
                if counts[usize::from(n)] > 0 {
                    let label = sanitize_line(&self.names.label(n));
                    said.push_str(&format!(" · {label} {}", thousands(counts[usize::from(n)])));
                }
            }
            said.push_str(&format!(" · none {}", thousands(counts[0])));
        }
        said
    }

    fn all_len(&self, shown: &[CorpusHit]) -> usize {
        self.all.as_ref().map_or(shown.len(), |all| all.len())
    }

    /// The lines in each category of a concordance of `total` lines: index 0 those in none.
    fn counts(&self, total: usize) -> [usize; 10] {
        let mut counts = self.in_category;
        counts[0] = total.saturating_sub(counts[1..].iter().sum());
        counts
    }

    /// Puts `hit` in `category` (0: in none), keeping the counts.
    fn put(&mut self, hit: CorpusHit, category: u8) {
        let before = match category {
            0 => self.categories.remove(&hit),
            n => self.categories.insert(hit, n),
        };
        if let Some(before) = before {
            self.in_category[usize::from(before.min(CATEGORIES))] -= 1;
        }
        if category > 0 {
            self.in_category[usize::from(category.min(CATEGORIES))] += 1;
        }
    }

    /// The category column of a line: its label, or blank.
    pub(super) fn column(&self, hit: &CorpusHit) -> Option<String> {
        self.categories
            .get(hit)
            .map(|&category| sanitize_line(&self.names.label(category)))
    }

    /// True when some line has a category (the view then shows their column).
    pub(super) fn any(&self) -> bool {
        !self.categories.is_empty()
    }
}

/// What the concordance's lines are remembered by: its query as typed.
fn query_key(of: &ViewOf) -> &str {
    of.query.typed().trim()
}

/// Reads `number name` (`1 relevant`) as a category and its name.
fn category_and_name(text: &str) -> Result<(u8, String), String> {
    let text = text.trim();
    let (number, name) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    match number.parse::<u8>() {
        Ok(n) if (1..=CATEGORIES).contains(&n) => Ok((n, name.trim().to_string())),
        _ => Err(format!(
            "write a category from 1 to {CATEGORIES} and its name: 1 relevant"
        )),
    }
}

impl App {
    /// The concordance on top with its cursor, when one is.
    pub(super) fn concordance_mut(&mut self) -> Option<&mut Shown<ConcordanceView>> {
        self.top_view_mut::<ConcordanceView>()
    }

    /// True when the concordance on top is complete; else says that `doing` waits for it.
    pub(super) fn concordance_complete(&mut self, doing: &str) -> bool {
        match self.top_view::<ConcordanceView>() {
            Some(shown) if shown.view.done() => true,
            Some(_) => {
                self.screen.say(format!(
                    "the concordance is still being made: {doing} once it is"
                ));
                false
            }
            None => false,
        }
    }

    /// `1`–`9`: puts the selected line in that category (the same again, or `0`, takes it
    /// out), remembers it, and goes on to the next line.
    pub(in crate::app) fn categorise(&mut self, digit: u8) {
        let page = self.study_rows();
        let docs = self.corpus.docs.clone();
        let Some(shown) = self.concordance_mut() else {
            return;
        };
        let Some(hit) = shown.view.hits.get(shown.cursor.selected).copied() else {
            self.screen.say("no line to put in a category");
            return;
        };
        let curation = &mut shown.view.curation;
        let before = curation.categories.get(&hit).copied();
        let category = match digit {
            0 => 0,
            n if before == Some(n) => 0,
            n => n,
        };
        curation.put(hit, category);
        let label = curation.names.label(category);
        let query = query_key(&shown.of).to_string();
        let len = shown.view.hits.len();
        shown.cursor.move_by(1, len, page);
        if shown.view.curation.filter.is_some() {
            shown.view.show_curated(page, &mut shown.cursor);
        }
        let line = CategorisedLine {
            query: query.clone(),
            doc: docs.at(hit.doc()).key(),
            start: hit.start(),
            at: hit.range().start as u32,
            category,
        };
        let place = (line.doc.clone(), line.start, line.at);
        let kept = self.memory.lines.entry(query).or_default();
        match category {
            0 => kept.remove(&place),
            n => kept.insert(place, n),
        };
        self.memory.changes.edits.push(Edit::Category(line));
        self.screen.say(match category {
            0 => "the line is in no category now".to_string(),
            _ => format!("in category {}", sanitize_line(&label)),
        });
    }

    /// `n`: asks for a category's name.
    pub(in crate::app) fn ask_category_name(&mut self) {
        if self.concordance_mut().is_some() {
            self.screen.prompt = Some(Prompt::new(PromptKind::CategoryName));
        }
    }

    /// Names a category (`1 relevant`), in every concordance shown and between runs.
    pub(in crate::app) fn name_category(&mut self, text: &str) {
        let (number, name) = match category_and_name(text) {
            Ok(named) => named,
            Err(why) => {
                self.screen.say(why);
                return;
            }
        };
        let at = usize::from(number) - 1;
        let names = &mut self.memory.category_names;
        if names.len() <= at {
            names.resize(at + 1, String::new());
        }
        names[at] = name.clone();
        let names = CategoryNames(names.clone());
        for shown in self.views_mut::<ConcordanceView>() {
            shown.view.curation.names = names.clone();
        }
        self.memory
            .changes
            .edits
            .push(Edit::CategoryName { number, name });
        self.screen
            .say(format!("category {}", sanitize_line(&names.label(number))));
    }

    /// `f`: shows one category's lines alone, the next used one each time, then the lines in
    /// none, then all again.
    pub(in crate::app) fn cycle_category_filter(&mut self) {
        let page = self.study_rows();
        if !self.concordance_complete("filter") {
            return;
        }
        let Some(shown) = self.concordance_mut() else {
            return;
        };
        let view = &mut shown.view;
        let curation = &view.curation;
        let counts = curation.counts(curation.all_len(&view.hits));
        let used: Vec<u8> = (1..=CATEGORIES)
            .filter(|&n| counts[usize::from(n)] > 0)
            .chain((counts[0] > 0 && !curation.categories.is_empty()).then_some(0))
            .collect();
        let next = match curation.filter {
            None => used.first().copied(),
            Some(now) => used
                .iter()
                .position(|&n| n == now)
                .and_then(|at| used.get(at + 1))
                .copied(),
        };
        let said = match next {
            None if used.is_empty() => {
                "no line is in a category: 1–9 put the selected one in one".to_string()
            }
            None => "all the lines again".to_string(),
            Some(0) => "only the lines in no category (f: next)".to_string(),
            Some(n) => format!(
                "only category {} (f: next)",
                sanitize_line(&curation.names.label(n))
            ),
        };
        view.curation.filter = next;
        view.show_curated(page, &mut shown.cursor);
        self.screen.say(said);
    }

    /// `r`: asks how many lines to sample (and the seed).
    pub(in crate::app) fn ask_sample(&mut self) {
        if self.concordance_mut().is_some() {
            self.screen.prompt = Some(Prompt::new(PromptKind::Sample));
        }
    }

    /// Thins the concordance to a random sample: `N` or `N SEED` (no seed: one is chosen and
    /// shown); empty: all the lines again.
    pub(in crate::app) fn take_sample(&mut self, text: &str) {
        let page = self.study_rows();
        let mut words = text.split_whitespace();
        let asked = (words.next(), words.next(), words.next());
        if !self.concordance_complete("sample") {
            return;
        }
        let Some(shown) = self.concordance_mut() else {
            return;
        };
        let view = &mut shown.view;
        let (n, seed) = match asked {
            (None, _, _) => {
                view.curation.sample = None;
                view.show_curated(page, &mut shown.cursor);
                self.screen.say("all the lines again");
                return;
            }
            (Some(n), seed, None) => match (n.parse::<usize>(), seed.map(str::parse::<u64>)) {
                (Ok(n), None) if n > 0 => (n, chosen_seed()),
                (Ok(n), Some(Ok(seed))) if n > 0 => (n, seed),
                _ => {
                    self.screen
                        .say("write how many lines, and a seed if you like: 100 7");
                    return;
                }
            },
            _ => {
                self.screen
                    .say("write how many lines, and a seed if you like: 100 7");
                return;
            }
        };
        let all = view
            .curation
            .all
            .clone()
            .unwrap_or_else(|| Arc::clone(&view.hits));
        view.curation.sample = Some(Sample {
            n,
            seed,
            chosen: lines::sample(&all, n, seed),
        });
        view.show_curated(page, &mut shown.cursor);
        self.screen.say(format!(
            "a sample of {} lines, seed {seed} (r {n} {seed} draws it again)",
            thousands(n.min(all.len()))
        ));
    }
}

impl ConcordanceView {
    /// Shows the lines the sample and the category filter leave of the whole concordance
    /// (all of it when neither is on), the selected line kept where it still is.
    pub(super) fn show_curated(&mut self, page: usize, cursor: &mut super::Cursor) {
        let selected = self.hits.get(cursor.selected).copied();
        let curation = &mut self.curation;
        let partial = curation.sample.is_some() || curation.filter.is_some();
        let all = curation
            .all
            .take()
            .unwrap_or_else(|| Arc::clone(&self.hits));
        self.hits = match partial {
            true => Arc::new(curation.shown_of(&all)),
            false => Arc::clone(&all),
        };
        curation.all = partial.then_some(all);
        let position = selected.and_then(|hit| self.hits.iter().position(|h| *h == hit));
        cursor.move_to(position.unwrap_or(cursor.selected), self.hits.len(), page);
    }
}
