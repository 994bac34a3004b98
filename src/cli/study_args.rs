//! The command line's options for comparing parts of a corpus: the subcorpus a printing mode
//! is about (`--in`, saved with `--save-as`, listed by `--subcorpora`), the word list and
//! keywords, and what they keep. Flattened into [`super::Args`].

use crate::study::association::Measure;
use crate::study::words::wordlist::Order;
use clap::Args as ClapArgs;

#[derive(ClapArgs, Debug, Default)]
pub(crate) struct StudyArgs {
    /// Only the documents of this subcorpus, for --search, --kwic, --count, --collocates,
    /// --wordlist, --ngrams and --keywords: folder:PATH (from the corpus's root, any depth),
    /// year:2004 or year:2003..2005, month:2004-01..2004-06, field:NAME=VALUE (the
    /// --group-by field), query:"TEXT QUERY", tag:NAME, marked, @NAME (saved), combined with
    /// and, or, not and parentheses.
    #[arg(long = "in", value_name = "SUBCORPUS")]
    pub scope: Option<String>,

    /// Save the subcorpus given with --in under NAME (in the corpus's remembered state), to
    /// name it later as @NAME; say its size, and exit.
    #[arg(long, value_name = "NAME", requires = "scope")]
    pub save_as: Option<String>,

    /// Print the saved subcorpora (`NAME<TAB>DEFINITION<TAB>DOCUMENTS`) and exit.
    #[arg(long)]
    pub subcorpora: bool,

    /// Print the documents tagged TAG in the browser (Alt-t), as `PATH<TAB>TITLE`, and exit
    /// (1 if none).
    #[arg(long, value_name = "TAG")]
    pub tagged: Option<String>,

    /// Print every tag and note given in the browser, as `PATH<TAB>TAG<TAB>NOTE` (a row per
    /// tag; a document with a note only has an empty tag), and exit.
    #[arg(long)]
    pub tags: bool,

    /// Print every word of the corpus (or of --in) with its hits, hits per million words,
    /// documents and dispersion (Gries's DP, normalised), most frequent first, and exit.
    #[arg(long)]
    pub wordlist: bool,

    /// Print the keywords of the subcorpus TARGET against --reference (by default the rest
    /// of the corpus, or of --in): log-likelihood, Log Ratio and %DIFF, positive keywords
    /// first, then negative; and exit.
    #[arg(long = "keywords", id = "keywords_target", value_name = "TARGET")]
    pub keywords: Option<String>,

    /// With --keywords: the reference, a subcorpus or a frequency list file
    /// (`WORD<TAB>COUNT` a line).
    #[arg(long, value_name = "SUBCORPUS|FILE", requires = "keywords_target")]
    pub reference: Option<String>,

    /// With --keywords: the significance a keyword needs (p, chi-square with one degree of
    /// freedom: 0.0001 is G² ≥ 15.13; 1 keeps every word).
    #[arg(long, value_name = "P", default_value_t = crate::study::words::keyness::DEFAULT_P)]
    pub significance: f64,

    /// With --keywords: the smallest effect size kept, as |Log Ratio| (1: twice as frequent).
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    pub min_log_ratio: f64,

    /// Print the sequences of N words (2 to 5; no punctuation or blank line inside) of the
    /// corpus (or of --in), or only those holding QUERY's words, as `ngram, hits, documents,
    /// dp`, most frequent first, and exit. Give the corpus first: `folio corpus --ngrams 3`.
    #[arg(long, num_args = 1..=2, value_names = ["N", "QUERY"])]
    pub ngrams: Option<Vec<String>>,

    /// With --ngrams: the most rows printed, the first in the order asked (counting every
    /// n-gram of a big corpus is done in passes of bounded memory; the rows kept are too).
    #[arg(long, value_name = "ROWS", default_value_t = crate::study::words::ngrams::DEFAULT_LIMIT)]
    pub limit: usize,

    /// With --wordlist or --ngrams: the fewest hits a word (an n-gram) needs.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_hits: u64,

    /// With --wordlist or --ngrams: the fewest documents a word (an n-gram) must occur in.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_documents: u32,

    /// With --wordlist, --keywords or --collocates: leave out the words of a stop-list: `english` (the
    /// shipped one) or a file of one word a line.
    #[arg(long, value_name = "english|FILE")]
    pub stoplist: Option<String>,

    /// Print the collocates of QUERY (the words within --window words of its hits more often
    /// than chance, at least --min times) as `word, near, in_corpus, score`, best first by
    /// --measure, and exit.
    #[arg(long, value_name = "QUERY")]
    pub collocates: Option<String>,

    /// With --collocates: log-likelihood (the default), mi, t-score or logdice.
    #[arg(long, value_name = "MEASURE", default_value = "log-likelihood", value_parser = clap::value_parser!(Measure))]
    pub measure: Measure,

    /// With --collocates: the words each side of a hit that count as near it.
    #[arg(long, value_name = "N", default_value_t = crate::study::collocates::DEFAULT_SPAN)]
    pub window: usize,

    /// With --collocates: the fewest times a word must be near the hits.
    #[arg(long, value_name = "N", default_value_t = crate::study::collocates::DEFAULT_MIN)]
    pub min: usize,

    /// With --wordlist or --ngrams: order by hits (the default), word (ngram), documents or dp
    /// (the most evenly spread first).
    #[arg(long, value_name = "COLUMN", default_value = "hits", value_parser = clap::value_parser!(Order))]
    pub sort_by: Order,
}
