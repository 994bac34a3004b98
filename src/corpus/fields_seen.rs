//! The field names the first documents of a corpus have (a record's keys, a file's front
//! matter keys): what to name when a field asked for (`--by FIELD`) is in none of them.

use super::jsonl;
use super::store::DocStore;
use super::title::front_matter_keys;
use std::collections::BTreeSet;

/// Documents looked at: enough to see a corpus's usual fields, quick on any corpus.
const SAMPLE: usize = 1000;

/// Bytes of a file read for its front matter.
const HEAD_BYTES: usize = 64 * 1024;

/// The field names of the first documents of `docs`, sorted, each once.
pub(crate) fn fields_seen(docs: &DocStore) -> Vec<String> {
    let mut seen = BTreeSet::new();
    for index in 0..docs.len().min(SAMPLE) {
        let meta = docs.at(index);
        let names = match meta.record {
            // A message's fields, as `extract::email` names them.
            Some(_) if super::mailbox::named_mbox(meta.path) => {
                vec!["from".to_string(), "to".to_string(), "cc".to_string()]
            }
            Some(place) => jsonl::with_line(meta.path, place, meta.size, |line| {
                serde_json::from_slice::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(
                    line,
                )
                .map(|fields| fields.into_keys().collect())
                .unwrap_or_default()
            })
            .unwrap_or_default(),
            None => docs
                .head_text(index, HEAD_BYTES)
                .map(|text| front_matter_keys(&text))
                .unwrap_or_default(),
        };
        seen.extend(names);
    }
    seen.into_iter().collect()
}
