//! Copies grouped: clusters, each kept as one document — the earliest dated, else the first
//! found — of which every other member is a copy; the kept one stands for the cluster when
//! copies are counted once.

use super::overlap::Overlap;

/// The corpus's copies: for each document, its cluster's kept document and size.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Copies {
    kept_as: Vec<u32>,
    members: Vec<u32>,
    /// Each document's overlap with the one it is kept as (whole for that one), measured
    /// when it joined.
    with_kept: Vec<Overlap>,
}

impl Copies {
    /// The clusters of documents each kept as `kept_as[doc]` (itself when it is kept), each
    /// with its overlap with that one.
    pub(crate) fn from_kept(kept_as: Vec<u32>, with_kept: Vec<Overlap>) -> Copies {
        let mut members = vec![0u32; kept_as.len()];
        for &kept in &kept_as {
            if let Some(slot) = members.get_mut(kept as usize) {
                *slot += 1;
            }
        }
        Copies {
            members: kept_as
                .iter()
                .map(|&kept| members.get(kept as usize).copied().unwrap_or(1))
                .collect(),
            kept_as,
            with_kept,
        }
    }

    /// Document `doc`'s overlap with the one its cluster is kept as (whole for that one).
    pub(crate) fn with_kept(&self, doc: usize) -> Overlap {
        self.with_kept.get(doc).copied().unwrap_or(Overlap::WHOLE)
    }

    /// Clusters of two or more.
    pub(crate) fn cluster_count(&self) -> usize {
        (0..self.len())
            .filter(|&doc| self.is_kept(doc) && self.copies_of(doc) > 0)
            .count()
    }

    /// Documents it knows of.
    pub fn len(&self) -> usize {
        self.kept_as.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept_as.is_empty()
    }

    /// The other documents in `doc`'s cluster (0 when it has no copies).
    pub fn copies_of(&self, doc: usize) -> usize {
        self.members
            .get(doc)
            .map_or(0, |&m| m.saturating_sub(1) as usize)
    }

    /// The document `doc`'s cluster is kept as (itself when it has no copies).
    pub fn kept_as(&self, doc: usize) -> usize {
        self.kept_as.get(doc).map_or(doc, |&k| k as usize)
    }

    /// Whether `doc` stands for its cluster (or has no copies): what collapsing keeps.
    pub fn is_kept(&self, doc: usize) -> bool {
        self.kept_as(doc) == doc
    }

    /// The documents of `doc`'s cluster, the kept one first, then in corpus order.
    pub fn members_of(&self, doc: usize) -> Vec<usize> {
        let kept = self.kept_as(doc);
        if self.copies_of(doc) == 0 {
            return vec![doc];
        }
        let mut members = vec![kept];
        members.extend((0..self.len()).filter(|&d| d != kept && self.kept_as(d) == kept));
        members
    }

    /// Every cluster of two or more, each as [`Copies::members_of`] gives it, the biggest
    /// first (then in the order of their kept documents).
    pub fn clusters(&self) -> Vec<Vec<usize>> {
        let mut of_kept: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for doc in 0..self.len() {
            if self.copies_of(doc) > 0 {
                of_kept.entry(self.kept_as(doc)).or_default().push(doc);
            }
        }
        let mut clusters: Vec<Vec<usize>> = of_kept
            .into_iter()
            .map(|(kept, docs)| {
                let mut members = vec![kept];
                members.extend(docs.into_iter().filter(|&d| d != kept));
                members
            })
            .collect();
        clusters.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        clusters
    }

    /// Documents that are a copy of a kept one (what collapsing leaves out).
    pub fn left_out(&self) -> usize {
        (0..self.len()).filter(|&doc| !self.is_kept(doc)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_are_told_by_the_documents_they_are_kept_as() {
        let copies = Copies::from_kept(vec![2, 2, 2, 3, 3, 5], vec![Overlap::WHOLE; 6]);
        assert_eq!(copies.kept_as(0), 2);
        assert_eq!(copies.copies_of(0), 2);
        assert_eq!(copies.copies_of(5), 0);
        assert!(copies.is_kept(3) && !copies.is_kept(4));
        assert_eq!(copies.clusters(), vec![vec![2, 0, 1], vec![3, 4]]);
        assert_eq!(copies.left_out(), 3);
        assert_eq!(copies.cluster_count(), 2);
        assert_eq!(copies.members_of(1), vec![2, 0, 1]);
    }
}
