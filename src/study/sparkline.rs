//! A one-line picture of a query's hits per month across the corpus's time span, drawn with
//! the eight block heights (`▁`…`█`, a blank for a month without hits), as text mode shows
//! above its results when documents have dates.

use std::collections::BTreeMap;

/// The months from `first` to `last` (`YYYY-MM`), in order; empty when either is not a month.
pub(crate) fn months_between(first: &str, last: &str) -> Vec<String> {
    let parse = |month: &str| -> Option<i32> {
        let (year, month) = month.get(..7)?.split_once('-')?;
        let (year, month): (i32, i32) = (year.parse().ok()?, month.parse().ok()?);
        (1..=12).contains(&month).then_some(year * 12 + month - 1)
    };
    let (Some(from), Some(to)) = (parse(first), parse(last)) else {
        return Vec::new();
    };
    (from..=to)
        .map(|n| format!("{:04}-{:02}", n / 12, n % 12 + 1))
        .collect()
}

/// Hits per month as a sparkline: one cell per month of `months`, or when there are more
/// months than `columns`, one cell per run of months (summed).
pub(crate) fn sparkline(
    hits: &BTreeMap<String, usize>,
    months: &[String],
    columns: usize,
) -> String {
    if months.is_empty() || columns == 0 {
        return String::new();
    }
    let per_cell = months.len().div_ceil(columns);
    let cells: Vec<usize> = months
        .chunks(per_cell)
        .map(|run| run.iter().map(|m| hits.get(m).copied().unwrap_or(0)).sum())
        .collect();
    let most = cells.iter().copied().max().unwrap_or(0);
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    cells
        .iter()
        .map(|&count| match count {
            0 => ' ',
            _ => BLOCKS[((count * 8).div_ceil(most.max(1)) - 1).min(7)],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_span_years_and_empty_months_are_blank() {
        let months = months_between("2020-11-03", "2021-02");
        assert_eq!(months, ["2020-11", "2020-12", "2021-01", "2021-02"]);
        let hits: BTreeMap<String, usize> =
            [("2020-11".to_string(), 8), ("2021-02".to_string(), 1)].into();
        assert_eq!(sparkline(&hits, &months, 80), "█  ▁");
        assert_eq!(sparkline(&hits, &months, 2), "█▁", "two months a cell");
        assert!(months_between("undated", "2021-01").is_empty());
    }
}
