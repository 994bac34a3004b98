//! Criterion benchmarks of the work done per document and per keystroke: deriving a title,
//! ranking titles against a query, wrapping a document for the reader, and opening and moving
//! through a big one.
// A benchmark that cannot make its input has nothing to measure: it stops with the reason.
#![allow(clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use folio::testing::Order;
use folio::testing::Query;
use folio::testing::TitleFilter;
use folio::testing::extract;
use folio::testing::sanitize_line;
use folio::testing::wrap_line;
use folio::testing::{Cancel, Ticket};
use folio::testing::{Highlights, WordSet};
use std::hint::black_box;

const SEED_A: &str = include_str!("../corpus/000_9c89a7a231365477.txt");
const SEED_B: &str = include_str!("../corpus/004_6b23d050792bb93b.txt");

/// Deterministic news-like titles: the seeds' sentences, shuffled by a fixed recipe.
fn titles(count: usize) -> Vec<String> {
    let words: Vec<&str> = SEED_A
        .split_whitespace()
        .chain(SEED_B.split_whitespace())
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..count)
        .map(|_| {
            let length = 8 + (state % 14) as usize;
            (0..length)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    words[(state % words.len() as u64) as usize]
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn title_extraction(c: &mut Criterion) {
    c.bench_function("title/seed article", |b| {
        b.iter(|| extract(black_box(SEED_B)))
    });
    let front = "---\ntitle: \"A front matter title\"\ndate: 2020-01-01\n---\nBody.";
    c.bench_function("title/front matter", |b| {
        b.iter(|| extract(black_box(front)))
    });
}

fn filtering(c: &mut Criterion) {
    let filter = TitleFilter::default();
    for count in [10_000, 100_000] {
        let titles = titles(count);
        for query in ["beacon", "party china"] {
            let parsed = Query::parse(query);
            c.bench_function(&format!("filter/{count} titles/{query}"), |b| {
                b.iter(|| filter.rank(titles.iter().map(String::as_str), black_box(&parsed)))
            });
        }
    }
}

fn wrapping(c: &mut Criterion) {
    let lines: Vec<String> = SEED_B.lines().map(sanitize_line).collect();
    c.bench_function("wrap/seed article at 80 columns", |b| {
        b.iter(|| {
            lines
                .iter()
                .map(|line| wrap_line(line, black_box(78)).len())
                .sum::<usize>()
        })
    });
    c.bench_function("sanitize/seed article", |b| {
        b.iter(|| SEED_B.lines().map(sanitize_line).count())
    });
}

fn decoding(c: &mut Criterion) {
    use folio::testing::decode;
    let utf8 = SEED_B.as_bytes();
    c.bench_function("decode/utf-8 article", |b| {
        b.iter(|| decode(black_box(utf8), false).len())
    });
    // The same article in Windows-1252, with accents so it is not also valid UTF-8.
    let legacy: Vec<u8> = SEED_B
        .replace("the", "thé")
        .chars()
        .map(|c| if c == 'é' { 0xE9 } else { c as u8 })
        .collect();
    c.bench_function("decode/windows-1252 article (detected)", |b| {
        b.iter(|| decode(black_box(&legacy), false).len())
    });
}

fn background_ranking(c: &mut Criterion) {
    use folio::testing::DocMeta;
    use folio::testing::DocStore;
    use folio::testing::RecordFields;
    use folio::testing::{RankRequest, rank};
    let filter = TitleFilter::default();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    for count in [100_000, 1_000_000] {
        let docs = DocStore::new(
            titles(count)
                .into_iter()
                .enumerate()
                .map(|(i, title)| {
                    DocMeta::titled(std::path::Path::new(&format!("{i}.txt")), &title)
                })
                .collect(),
            RecordFields::default(),
        );
        for query in ["b", "beacon"] {
            let request = RankRequest {
                ticket: Ticket::new(),
                query: Query::parse(query),
                docs: docs.clone(),
                within: None,
                order: Order::Relevance,
            };
            c.bench_function(
                &format!("ranker/{count} titles/{query}/{workers} threads"),
                |b| b.iter(|| rank(&filter, &request, workers, &Cancel::new()).map(|r| r.len())),
            );
        }
    }
}

/// Opening and moving through a 256 MiB document: each must cost the same as in a small one.
fn big_document(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.txt");
    {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        let line = SEED_A
            .split_whitespace()
            .take(18)
            .collect::<Vec<_>>()
            .join(" ");
        let mut written = 0;
        let mut number = 0;
        while written < 256 << 20 {
            number += 1;
            let text = format!("{number:09} {line}\n");
            written += text.len();
            out.write_all(text.as_bytes()).expect("write");
        }
    }
    let meta = folio::testing::describe(
        &path,
        folio::testing::Reach::Following,
        Default::default(),
        None,
    )
    .expect("describe");
    let docs = folio::testing::DocStore::new(vec![meta], Default::default());
    let open = || {
        let mut reader = folio::testing::Reader::default();
        reader.set_viewport(118, 38);
        reader.open(0, docs.at(0), dir.path(), docs.open(0));
        reader
    };
    let mut group = c.benchmark_group("reader/256 MiB");
    group.bench_function("open, first page", |b| b.iter(|| black_box(open())));
    let mut reader = open();
    group.bench_function("G, last page", |b| {
        b.iter(|| {
            reader.scroll_to_top();
            reader.scroll_to_end();
            black_box(reader.visible_rows(&Highlights::none()).len())
        })
    });
    reader.scroll_to_end();
    reader.scroll_by(-(1 << 20));
    let (china, none) = (WordSet::new(["china".to_string()]), WordSet::default());
    let china = Highlights {
        keywords: &china,
        query: &none,
    };
    group.bench_function("page down and up, deep inside", |b| {
        b.iter(|| {
            reader.scroll_by(38);
            reader.scroll_by(-38);
            black_box(reader.visible_rows(&china).len())
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    title_extraction,
    filtering,
    wrapping,
    decoding,
    background_ranking,
    big_document
);
criterion_main!(benches);
