//! EPUB: the chapters in the order of the package's spine, each read as HTML (XHTML), title,
//! author and date from the package's metadata (found through `META-INF/container.xml`).

use super::bounded::Budget;
use super::docx::properties;
use super::text_out::TextOut;
use super::xml::{self, Node};
use super::zipped::Zipped;
use super::{Extracted, html};

pub(crate) fn extract(bytes: &[u8], budget: &Budget) -> Result<Extracted, String> {
    let mut zipped = Zipped::open(bytes)?;
    let container = zipped.needed("META-INF/container.xml")?;
    let mut package_path = None;
    xml::each_node(&container, |node| {
        if let Node::Start {
            name: "rootfile",
            element,
            ..
        } = node
        {
            package_path = xml::attribute(element, "full-path");
        }
        package_path.is_none()
    })?;
    let package_path = package_path.ok_or("no package named in META-INF/container.xml")?;
    let package = zipped.needed(&package_path)?;
    let folder = match package_path.rfind('/') {
        Some(slash) => &package_path[..=slash],
        None => "",
    };
    let mut out = TextOut::default();
    for chapter in spine(&package)? {
        if out.is_full() || budget.spent() {
            break;
        }
        let path = joined(folder, &chapter);
        if let Some(chapter) = zipped.text(&path)? {
            html::text_into(&chapter, &mut out, budget);
            out.paragraph();
        }
    }
    let mut extracted = Extracted {
        text: out.finish(),
        ..Extracted::default()
    };
    properties(&package, &mut extracted);
    Ok(extracted)
}

/// The chapters' paths (relative to the package) in reading order: the spine's item
/// references looked up in the manifest.
fn spine(package: &str) -> Result<Vec<String>, String> {
    let mut manifest: Vec<(String, String)> = Vec::new();
    let mut order: Vec<String> = Vec::new();
    xml::each_node(package, |node| {
        if let Node::Start { name, element, .. } = node {
            match name {
                "item" => {
                    if let (Some(id), Some(href)) = (
                        xml::attribute(element, "id"),
                        xml::attribute(element, "href"),
                    ) {
                        manifest.push((id, href));
                    }
                }
                "itemref" => order.extend(xml::attribute(element, "idref")),
                _ => {}
            }
        }
        true
    })?;
    Ok(order
        .iter()
        .filter_map(|id| manifest.iter().find(|(item, _)| item == id))
        .map(|(_, href)| href.clone())
        .collect())
}

/// A member's path from the package's folder and a reference relative to it (`../x.html`
/// allowed; a fragment or percent-encoded space undone).
fn joined(folder: &str, href: &str) -> String {
    let href = href
        .split('#')
        .next()
        .unwrap_or_default()
        .replace("%20", " ");
    let mut parts: Vec<&str> = folder.split('/').filter(|part| !part.is_empty()).collect();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::joined;

    #[test]
    fn references_are_relative_to_the_package() {
        assert_eq!(
            joined("OEBPS/", "text/ch1.xhtml#top"),
            "OEBPS/text/ch1.xhtml"
        );
        assert_eq!(joined("OEBPS/", "../ch%201.xhtml"), "ch 1.xhtml");
        assert_eq!(joined("", "ch.xhtml"), "ch.xhtml");
    }
}
