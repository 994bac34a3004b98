//! Which documents a subcorpus holds: its definition worked out over the corpus, a yes or no
//! per document. A folder, field or saved name that does not exist is an error that lists
//! those that do, so a misspelling is seen at once, never an empty subcorpus.

use super::parse::{Definition, parse};
use crate::corpus::store::DocStore;
use crate::search::query::{Matching, Query};
use crate::search::text::index::TextIndex;
use crate::search::text::scan::Scan;
use crate::search::text::terms::content_terms;
use crate::text::sanitize::sanitize_line;
use crate::work::job::Cancel;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path};

/// A subcorpus saved under a name: its definition as written.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Saved {
    pub name: String,
    pub definition: String,
}

/// Saved subcorpora kept, the oldest dropped first.
pub(crate) const MOST_SAVED: usize = 1000;

/// What a definition is worked out against.
pub(crate) struct World<'a> {
    pub docs: &'a DocStore,
    /// The corpus's root, which folders are named from.
    pub root: &'a Path,
    pub index: Option<&'a TextIndex>,
    /// The marked documents' keys.
    pub marks: &'a [String],
    /// The corpus's copies, when found (`distinct` needs them).
    pub copies: Option<&'a crate::copies::Copies>,
    /// The tags given: (document key, tag).
    pub tags: &'a [(String, String)],
    pub saved: &'a [Saved],
    /// The field the listing keeps (`--group-by`), if any.
    pub field: Option<&'a str>,
    pub matching: Matching,
    pub workers: usize,
    pub cancel: &'a Cancel,
}

/// Saved definitions may name each other; this deep is a loop.
const MOST_NESTED: usize = 32;

/// The documents `definition` holds, one flag per document of `world.docs`; or what is wrong
/// (an unknown folder, field or name; a query with nothing to look for; cancelled).
pub(crate) fn select(definition: &Definition, world: &World) -> Result<Vec<bool>, String> {
    select_within(definition, world, 0)
}

fn select_within(
    definition: &Definition,
    world: &World,
    depth: usize,
) -> Result<Vec<bool>, String> {
    let docs = world.docs;
    let each = |keep: &dyn Fn(usize) -> bool| (0..docs.len()).map(keep).collect();
    Ok(match definition {
        Definition::Folder(folder) => {
            let wanted: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
            let chosen: Vec<bool> = each(&|doc| {
                let folders = folders_of(docs.at(doc).path, world.root);
                folders.len() >= wanted.len() && folders.iter().zip(&wanted).all(|(a, b)| a == b)
            });
            if !chosen.contains(&true) && !wanted.is_empty() {
                return Err(unknown_folder(&wanted, world));
            }
            chosen
        }
        Definition::Years(from, to) | Definition::Months(from, to) => each(&|doc| {
            docs.at(doc)
                .date
                .and_then(|date| date.get(..from.len()))
                .is_some_and(|part| from.as_str() <= part && part <= to.as_str())
        }),
        Definition::Field(name, value) => {
            if world.field != Some(name.as_str()) {
                return Err(match world.field {
                    Some(kept) => format!(
                        "field:{name}: the listing keeps the field {kept:?} (--group-by {kept}); \
                         name that one, or list with --group-by {name}"
                    ),
                    None => format!(
                        "field:{name}: no field is kept; list the corpus with --group-by {name}"
                    ),
                });
            }
            let chosen: Vec<bool> = each(&|doc| docs.at(doc).group == Some(value.as_str()));
            if !chosen.contains(&true) {
                return Err(unknown_value(name, value, docs));
            }
            chosen
        }
        Definition::Query(text) => {
            let query = Query::parse_with(text, world.matching);
            if let Some(problem) = query.problem() {
                return Err(format!("query:{text:?}: {problem}"));
            }
            let groups = content_terms(&query);
            if groups.is_empty() {
                return Err(format!("query:{text:?}: the query has no term to look for"));
            }
            let scan = Scan {
                docs,
                groups: &groups,
                passages: false,
                index: world.index,
                within: None,
            };
            let tally = scan
                .run(world.workers, world.cancel, |_, _| {})
                .ok_or_else(|| "cancelled".to_string())?;
            let mut chosen = vec![false; docs.len()];
            for doc in tally.documents() {
                if let Some(slot) = chosen.get_mut(doc) {
                    *slot = true;
                }
            }
            chosen
        }
        Definition::Marked => {
            let marks: BTreeSet<&str> = world.marks.iter().map(String::as_str).collect();
            match marks.is_empty() {
                true => vec![false; docs.len()],
                false => each(&|doc| marks.contains(docs.at(doc).key().as_str())),
            }
        }
        Definition::Distinct => match world.copies {
            // Documents that arrived after the copies were found are their own.
            Some(copies) => each(&|doc| doc >= copies.len() || copies.is_kept(doc)),
            None => {
                return Err(
                    "the copies are still being found: `distinct` can be chosen once they are"
                        .to_string(),
                );
            }
        },
        Definition::Tag(name) => {
            let keys: BTreeSet<&str> = world
                .tags
                .iter()
                .filter(|(_, tag)| tag == name)
                .map(|(doc, _)| doc.as_str())
                .collect();
            let chosen: Vec<bool> = match keys.is_empty() {
                true => vec![false; docs.len()],
                false => each(&|doc| keys.contains(docs.at(doc).key().as_str())),
            };
            if !chosen.contains(&true) {
                let given: BTreeSet<&str> = world.tags.iter().map(|(_, t)| t.as_str()).collect();
                let given: Vec<&str> = given.into_iter().collect();
                return Err(match given.is_empty() {
                    true => format!("tag:{name}: no document is tagged (Alt-t in the list)"),
                    false => format!(
                        "tag:{name}: no document here has it; tags: {}",
                        given.join(", ")
                    ),
                });
            }
            chosen
        }
        Definition::Named(name) => {
            let Some(saved) = world.saved.iter().find(|saved| &saved.name == name) else {
                let names: Vec<&str> = world.saved.iter().map(|s| s.name.as_str()).collect();
                return Err(match names.is_empty() {
                    true => format!("@{name}: no subcorpus is saved (save one with --save-as)"),
                    false => format!("@{name}: no such subcorpus; saved: {}", names.join(", ")),
                });
            };
            if depth >= MOST_NESTED {
                return Err(format!(
                    "@{name}: saved subcorpora name each other in a loop"
                ));
            }
            let inner = parse(&saved.definition)
                .map_err(|error| format!("@{name} ({}): {error}", saved.definition))?;
            select_within(&inner, world, depth + 1)?
        }
        Definition::Not(inner) => {
            let mut chosen = select_within(inner, world, depth)?;
            chosen.iter_mut().for_each(|slot| *slot = !*slot);
            chosen
        }
        Definition::And(left, right) | Definition::Or(left, right) => {
            let both = matches!(definition, Definition::And(..));
            let mut chosen = select_within(left, world, depth)?;
            let other = select_within(right, world, depth)?;
            for (slot, other) in chosen.iter_mut().zip(other) {
                *slot = if both { *slot && other } else { *slot || other };
            }
            chosen
        }
    })
}

/// The folders from `root` down to the file `path` is (a record's: its file's), by name.
fn folders_of<'p>(path: &'p Path, root: &Path) -> Vec<std::borrow::Cow<'p, str>> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let mut names: Vec<_> = relative
        .components()
        .filter_map(|component| match component {
            Component::Normal(name) => Some(name.to_string_lossy()),
            _ => None,
        })
        .collect();
    // The last is the file's own name.
    names.pop();
    names
}

/// Why `wanted` is no folder: the folders there are where it would be.
fn unknown_folder(wanted: &[&str], world: &World) -> String {
    let parent = &wanted[..wanted.len() - 1];
    let mut there = BTreeSet::new();
    for doc in world.docs.iter() {
        let folders = folders_of(doc.path, world.root);
        if folders.len() > parent.len() && folders.iter().zip(parent).all(|(a, b)| a == b) {
            there.insert(folders[parent.len()].to_string());
        }
    }
    let place = match parent.is_empty() {
        true => "the corpus".to_string(),
        false => parent.join("/"),
    };
    let listed = listing(there.into_iter().collect());
    sanitize_line(&match listed.is_empty() {
        true => format!(
            "folder:{}: no such folder; {place} has no folders",
            wanted.join("/")
        ),
        false => format!(
            "folder:{}: no such folder; folders in {place}: {listed}",
            wanted.join("/")
        ),
    })
}

/// Why no document has `value` in `field`: the values there are, most documents first.
fn unknown_value(field: &str, value: &str, docs: &DocStore) -> String {
    let mut values: BTreeMap<&str, usize> = BTreeMap::new();
    for doc in docs.iter() {
        if let Some(group) = doc.group {
            *values.entry(group).or_insert(0) += 1;
        }
    }
    let mut values: Vec<(&str, usize)> = values.into_iter().collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let names = values
        .into_iter()
        .map(|(value, _)| value.to_string())
        .collect();
    sanitize_line(&format!(
        "field:{field}={value}: no document has it; values: {}",
        listing(names)
    ))
}

/// Names joined for a message, the first 30 and how many more.
fn listing(names: Vec<String>) -> String {
    let more = names.len().saturating_sub(30);
    let mut shown = names.into_iter().take(30).collect::<Vec<_>>().join(", ");
    if more > 0 {
        shown.push_str(&format!(" and {more} more"));
    }
    shown
}
