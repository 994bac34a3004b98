//! The command line: what the user can ask for, parsed by clap, and turned into the walk's
//! options.

use crate::corpus::WalkOptions;
use crate::corpus::jsonl::{RecordFields, TEXT_FIELDS, TITLE_FIELDS};
use clap::Parser;
use std::path::PathBuf;

/// Browse a corpus of text documents: list them by title, fuzzy-filter, read with highlights.
#[derive(Parser, Debug)]
#[command(name = "folio", version, about)]
pub struct Args {
    /// Folder to browse (walked recursively), a single document, or a JSON Lines file (.jsonl,
    /// .ndjson) with one document per line.
    #[arg(default_value = ".")]
    pub path: PathBuf,

    /// File extension to include; repeat or separate with commas.
    #[arg(
        short = 'e',
        long = "ext",
        value_name = "EXT",
        value_delimiter = ',',
        default_values = ["txt", "md", "markdown", "text"]
    )]
    pub extensions: Vec<String>,

    /// Include hidden files and folders (names starting with a dot).
    #[arg(long)]
    pub hidden: bool,

    /// Follow symbolic links (loops are detected and skipped).
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// With --list or --filter, also print every skipped file and why, on stderr.
    #[arg(short = 'v', long)]
    pub verbose: bool,

    /// Word always highlighted in the reader; repeatable.
    #[arg(short = 'k', long = "keyword", value_name = "WORD")]
    pub keywords: Vec<String>,

    /// Start with this filter query.
    #[arg(short = 'q', long = "query", value_name = "QUERY", default_value = "")]
    pub query: String,

    /// JSON Lines: the field holding a record's title; repeat or separate with commas.
    #[arg(long, value_name = "FIELD", value_delimiter = ',', default_values = TITLE_FIELDS)]
    pub title_field: Vec<String>,

    /// JSON Lines: the field holding a record's text, in order of preference.
    #[arg(
        long,
        value_name = "FIELD",
        value_delimiter = ',',
        default_values = TEXT_FIELDS
    )]
    pub text_field: Vec<String>,

    /// Print `PATH<TAB>TITLE` for every document, sorted by path, and exit.
    #[arg(long, conflicts_with = "filter")]
    pub list: bool,

    /// Print the documents whose titles match QUERY, best first, and exit (1 if none match).
    #[arg(long, value_name = "QUERY")]
    pub filter: Option<String>,

    /// Print the documents whose text mentions QUERY, most relevant first, as
    /// `PATH<TAB>HITS<TAB>TITLE`, and exit (1 if none match).
    #[arg(long, value_name = "QUERY", conflicts_with_all = ["list", "filter"])]
    pub search: Option<String>,

    /// With --search, print JSON lines instead: path, title, hits, score, passage.
    #[arg(long, requires = "search")]
    pub json: bool,

    /// Memory for the in-memory index of the documents' words that makes text search (Ctrl-F)
    /// fast, in MiB; built in the background once loaded. 0: no index, text search reads
    /// every document each time.
    #[arg(long, value_name = "MIB", default_value_t = crate::content::index::DEFAULT_BUDGET_MIB)]
    pub index_memory: usize,

    /// Build the text index as the browser would and print what it covers, its size and how
    /// long it took (to choose --index-memory), then exit.
    #[arg(long, conflicts_with_all = ["list", "filter", "search"])]
    pub index_stats: bool,

    /// Print completions for SHELL (bash, zsh, fish, elvish, powershell) and exit.
    #[arg(long, value_name = "SHELL", exclusive = true)]
    pub completions: Option<clap_complete::Shell>,

    /// Print folio's man page (roff) and exit: `folio --man | man -l -`.
    #[arg(long, exclusive = true)]
    pub man: bool,

    /// Colours: auto (unless NO_COLOR is set), always, or never (bold, reverse and underline
    /// still show the selection and the highlights).
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
}

impl Args {
    pub fn walk_options(&self) -> WalkOptions {
        WalkOptions {
            extensions: self
                .extensions
                .iter()
                .map(|ext| ext.trim().trim_start_matches('.').to_ascii_lowercase())
                .filter(|ext| !ext.is_empty())
                .collect(),
            hidden: self.hidden,
            follow: self.follow,
            records: RecordFields {
                title: self.title_field.clone(),
                text: self.text_field.clone(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }

    #[test]
    fn extensions_are_normalised() {
        let args = Args::parse_from(["folio", "-e", ".TXT,md", "--ext", "rst"]);
        assert_eq!(args.walk_options().extensions, vec!["txt", "md", "rst"]);
        let defaults = Args::parse_from(["folio"]);
        assert_eq!(
            defaults.walk_options().extensions,
            vec!["txt", "md", "markdown", "text"]
        );
    }

    #[test]
    fn list_and_filter_exclude_each_other() {
        assert!(Args::try_parse_from(["folio", "--list", "--filter", "x"]).is_err());
    }
}

/// When to use colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl Args {
    /// `--index-memory` in bytes.
    pub fn index_budget(&self) -> usize {
        self.index_memory.saturating_mul(1 << 20)
    }
}

impl ColorChoice {
    /// Whether to colour, given whether `NO_COLOR` is set (to any value).
    pub fn colours(self, no_color: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color,
        }
    }
}
