//! Fuzzes the text path every document takes: bytes → decode → title → sanitize → wrap →
//! highlight, checking the invariants the renderer relies on.
#![no_main]

use folio::corpus::{decode, title};
use folio::text::fit::width;
use folio::text::highlight::find_ignoring_case;
use folio::text::sanitize::{sanitize_line, split_lines};
use folio::text::wrap::wrap_line;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&columns, bytes)) = data.split_first() else {
        return;
    };
    let columns = usize::from(columns % 120).max(2);
    let text = decode::decode(bytes, bytes.len() % 2 == 0);
    let heading = title::extract(&text);
    if let Some(title) = heading.title {
        assert!(!sanitize_line(&title).chars().any(char::is_control));
    }
    for line in split_lines(&text).take(200) {
        let line = sanitize_line(line);
        assert!(!line.chars().any(char::is_control));
        for row in wrap_line(&line, columns) {
            assert!(width(&line[row]) <= columns);
        }
        let needle: String = line.chars().take(3).collect();
        for range in find_ignoring_case(&line, &needle) {
            assert!(line.is_char_boundary(range.start) && line.is_char_boundary(range.end));
        }
    }
});
