//! The lasting cache of extracted text (`$XDG_CACHE_HOME/folio/extracted/`): shared by every
//! corpus (a PDF in two corpora is taken apart once), made and checked as the stores' folder
//! is, and handed to `corpus::extract`, which names and reads its files.

use super::place;
use crate::corpus::Inputs;

/// Keeps extracted text in the cache from now on (its folder made when the first text is
/// kept), unless there is no cache folder, or it is inside the corpus or cannot be trusted:
/// then text is extracted each time it is read, and nothing else changes.
pub(crate) fn keep_extracted_text(inputs: &Inputs) {
    let Some(root) = place::cache_folder(|name| std::env::var(name).ok()) else {
        return;
    };
    if place::inside_corpus(&root, inputs.named()) {
        return;
    }
    crate::corpus::extracted_cache::keep_in(root.join("extracted"), place::prepare);
}
