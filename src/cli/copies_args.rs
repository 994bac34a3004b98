//! The command line's options for copies and neighbours: the clusters of near-duplicates
//! (`--duplicates`), counting each cluster once (`--collapse`), what makes a copy, and the
//! documents most like one (`--similar`). Flattened into [`super::Args`].

use crate::copies::Thresholds;
use clap::Args as ClapArgs;
use std::path::PathBuf;

#[derive(ClapArgs, Debug, Default)]
pub(crate) struct CopiesArgs {
    /// Print the clusters of copies (near-duplicates), as `CLUSTER<TAB>PATH<TAB>SIMILARITY
    /// <TAB>CONTAINMENT`: the document each cluster is kept as first (similarity 1), then its
    /// copies with their overlap with it; the biggest cluster first. Exit 1 if none.
    #[arg(long, conflicts_with_all = ["list", "filter", "search", "kwic", "count", "batch", "index", "index_stats", "wordlist", "collocates", "keywords_target", "tags", "tagged", "subcorpora", "ngrams"])]
    pub duplicates: bool,

    /// Count each cluster of copies once (its earliest dated document, else its first):
    /// for --search, --kwic, --count, --batch, --collocates, --wordlist, --ngrams and
    /// --keywords; in the browser, start with the copies collapsed (`=`). The same as
    /// `--in distinct` (with --in, both).
    #[arg(long, conflicts_with_all = ["list", "filter"])]
    pub collapse: bool,

    /// Two documents are copies when they share at least this share of their shingles (runs
    /// of five words) together: |A ∩ B| / |A ∪ B|.
    #[arg(long, value_name = "SHARE", default_value_t = 0.5, value_parser = share)]
    pub copy_jaccard: f32,

    /// ... or when the shorter has at least this share of its shingles in the longer (and
    /// at least 20): |A ∩ B| / min(|A|, |B|).
    #[arg(long, value_name = "SHARE", default_value_t = 0.8, value_parser = share)]
    pub copy_containment: f32,

    /// Print the documents most like DOC (one of the corpus's documents: its path, or
    /// `FILE:LINE` for a record), as `PATH<TAB>SCORE<TAB>TITLE`, best first, and exit.
    #[arg(long, value_name = "DOC", conflicts_with_all = ["list", "filter", "search", "kwic", "count", "batch", "index", "index_stats", "wordlist", "collocates", "keywords_target", "tags", "tagged", "subcorpora", "ngrams", "duplicates"])]
    pub similar: Option<PathBuf>,

    /// How many documents --similar prints at most.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..))]
    pub similar_count: u16,
}

impl CopiesArgs {
    /// What makes two documents copies.
    pub(crate) fn thresholds(&self) -> Thresholds {
        Thresholds {
            jaccard: self.copy_jaccard,
            containment: self.copy_containment,
        }
    }
}

/// A share between 0 and 1 (a threshold above 1 would find nothing, below 0 everything).
fn share(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(share) if (0.0..=1.0).contains(&share) && share > 0.0 => Ok(share),
        _ => Err(format!(
            "{text:?} is not a share above 0 and at most 1 (0.5 is half)"
        )),
    }
}
