//! Copies grouped: the pairs found to be copies joined into clusters (a copy of a copy is in
//! the same cluster), each kept as one document — the earliest dated, else the first found —
//! the one that stands for the cluster when copies are counted once.

use crate::corpus::store::DocStore;

/// Documents joined into sets (union-find, with path halving).
pub(crate) struct Joined {
    parent: Vec<u32>,
}

impl Joined {
    pub(crate) fn new(documents: usize) -> Joined {
        Joined {
            parent: (0..documents as u32).collect(),
        }
    }

    pub(crate) fn root(&mut self, mut doc: u32) -> u32 {
        while self.parent[doc as usize] != doc {
            let grand = self.parent[self.parent[doc as usize] as usize];
            self.parent[doc as usize] = grand;
            doc = grand;
        }
        doc
    }

    /// Joins the sets of `a` and `b`.
    pub(crate) fn join(&mut self, a: u32, b: u32) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.parent[a.max(b) as usize] = a.min(b);
        }
    }

    pub(crate) fn same(&mut self, a: u32, b: u32) -> bool {
        self.root(a) == self.root(b)
    }
}

/// The corpus's copies: for each document, its cluster's kept document and size.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Copies {
    kept_as: Vec<u32>,
    members: Vec<u32>,
}

impl Copies {
    /// The clusters of `joined` over `docs`, each kept as its earliest dated document (a
    /// document with no date after every dated one), else its first.
    pub(crate) fn of(joined: &mut Joined, docs: &DocStore) -> Copies {
        let count = docs.len().min(joined.parent.len());
        let roots: Vec<u32> = (0..count as u32).map(|doc| joined.root(doc)).collect();
        let mut kept_of_root: Vec<u32> = (0..count as u32).collect();
        let mut members = vec![0u32; count];
        for (doc, &root) in roots.iter().enumerate() {
            let root = root as usize;
            members[root] += 1;
            let kept = kept_of_root[root] as usize;
            if earlier(docs.at(doc).date, docs.at(kept).date) {
                kept_of_root[root] = doc as u32;
            }
        }
        Copies {
            kept_as: roots.iter().map(|&r| kept_of_root[r as usize]).collect(),
            members: roots.iter().map(|&r| members[r as usize]).collect(),
        }
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

/// Whether a document dated `a` comes before one dated `b` (undated ones last).
fn earlier(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a < b,
        (Some(_), None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocMeta;

    fn docs(dates: &[Option<&str>]) -> DocStore {
        let metas = dates
            .iter()
            .enumerate()
            .map(|(n, date)| {
                let path = format!("d{n}.txt");
                let mut meta = DocMeta::titled(std::path::Path::new(&path), &format!("title {n}"));
                meta.date = date.map(Into::into);
                meta
            })
            .collect();
        DocStore::new(metas, Default::default())
    }

    #[test]
    fn clusters_are_kept_as_their_earliest_dated_document() {
        let docs = docs(&[None, Some("2005-01-02"), Some("2004-03-01"), None, None]);
        let mut joined = Joined::new(5);
        joined.join(0, 1);
        joined.join(1, 2);
        joined.join(3, 4);
        let copies = Copies::of(&mut joined, &docs);
        assert_eq!(copies.kept_as(0), 2);
        assert_eq!(copies.copies_of(0), 2);
        assert_eq!(copies.kept_as(4), 3);
        assert_eq!(copies.clusters(), vec![vec![2, 0, 1], vec![3, 4]]);
        assert_eq!(copies.left_out(), 3);
        assert_eq!(copies.members_of(1), vec![2, 0, 1]);
    }
}
