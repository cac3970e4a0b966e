//! What published schemas allow at each position of a structured file: the tables under
//! `rules/schemas/`, compiled from JSON Schemas by `rules/schemas/build.py` (its README
//! gives the format). The catalogue names the files each schema speaks for; a schema is
//! read the first time a file it speaks for is checked.
use std::collections::BTreeMap;
use std::sync::OnceLock;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::lang::{DocKey, Place};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/schemas.rs"));
}

/// One position of a schema.
pub type NodeId = u32;

/// A compiled schema: its positions, the top one first.
#[derive(Debug, Default)]
pub struct Schema {
    pub name: &'static str,
    nodes: Vec<Node>,
}

#[derive(Debug, Default, Deserialize)]
struct Raw {
    nodes: Vec<RawNode>,
}

#[derive(Debug, Default, Deserialize)]
struct RawNode {
    #[serde(default)]
    p: BTreeMap<String, NodeId>,
    #[serde(default)]
    pp: Vec<(String, NodeId)>,
    ap: Option<NodeId>,
    #[serde(default)]
    c: u8,
    i: Option<NodeId>,
    v: Option<Vec<String>>,
    #[serde(default)]
    x: u8,
}

#[derive(Debug, Default)]
struct Node {
    properties: BTreeMap<String, NodeId>,
    /// Patterns of property names; `None` for a pattern this reader cannot compile, which
    /// is taken to match every name.
    patterns: Vec<(Option<regex_lite::Regex>, NodeId)>,
    additional: Option<NodeId>,
    closed: bool,
    items: Option<NodeId>,
    values: Option<Vec<String>>,
    interpolated: bool,
}

/// Whether a schema allows a key at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    Yes,
    /// Not one of the position's properties, and the position takes no other key.
    NoClosed,
    /// Not one of the position's properties; the position may take others the schema
    /// does not name.
    NoOpen,
    /// The position names no properties: nothing is known.
    Unknown,
}

impl Schema {
    fn parse(name: &'static str, text: &str) -> Option<Schema> {
        let raw: Raw = serde_json::from_str(text).ok()?;
        let count = raw.nodes.len();
        let valid = |id: NodeId| (id as usize) < count;
        let nodes = raw
            .nodes
            .into_iter()
            .map(|n| Node {
                properties: n.p.into_iter().filter(|(_, id)| valid(*id)).collect(),
                patterns: n
                    .pp
                    .into_iter()
                    .filter(|(_, id)| valid(*id))
                    .map(|(pattern, id)| (regex_lite::Regex::new(&pattern).ok(), id))
                    .collect(),
                additional: n.ap.filter(|id| valid(*id)),
                closed: n.c == 1,
                items: n.i.filter(|id| valid(*id)),
                values: n.v,
                interpolated: n.x == 1,
            })
            .collect::<Vec<_>>();
        (!nodes.is_empty()).then_some(Schema { name, nodes })
    }

    pub const ROOT: NodeId = 0;

    fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// The position under `key` of the mapping at `id`.
    pub fn child(&self, id: NodeId, key: &str) -> Option<NodeId> {
        let node = self.node(id);
        if let Some(&child) = node.properties.get(key) {
            return Some(child);
        }
        node.patterns
            .iter()
            .find(|(pattern, _)| pattern.as_ref().is_none_or(|p| p.is_match(key)))
            .map(|&(_, child)| child)
            .or(node.additional)
    }

    /// The position of the items of the sequence at `id`.
    pub fn item(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).items
    }

    pub fn allows(&self, id: NodeId, key: &str) -> Allowed {
        let node = self.node(id);
        if node.properties.is_empty() {
            Allowed::Unknown
        } else if self.child(id, key).is_some() {
            Allowed::Yes
        } else if node.closed {
            Allowed::NoClosed
        } else {
            Allowed::NoOpen
        }
    }

    /// The property names of the mapping at `id`.
    pub fn properties(&self, id: NodeId) -> impl Iterator<Item = &str> {
        self.node(id).properties.keys().map(String::as_str)
    }

    /// The position of each key's own value, for the keys of a file in document order
    /// (a key's parent comes before it); `None` where the schema says nothing.
    pub fn key_positions(&self, keys: &[DocKey]) -> Vec<Option<NodeId>> {
        let mut values: Vec<Option<NodeId>> = Vec::with_capacity(keys.len());
        for key in keys {
            let value = self
                .mapping_of(&values, key.place)
                .and_then(|mapping| self.child(mapping, &key.lit.text));
            values.push(value);
        }
        values
    }

    /// The position of the mapping (or scalar) at `place`, given the positions of the
    /// values of the keys before it.
    pub fn mapping_of(&self, values: &[Option<NodeId>], place: Option<Place>) -> Option<NodeId> {
        let place = place?;
        let mut at = match place.parent {
            None => Self::ROOT,
            Some(parent) => (*values.get(parent as usize)?)?,
        };
        for _ in 0..place.items {
            at = self.item(at)?;
        }
        Some(at)
    }

    /// Whether a file is written to this schema: half of its top-level keys or more are
    /// ones the schema allows there (a Compose file of the first format, whose top-level
    /// keys are its services, is not written to the Compose Specification).
    pub fn fits(&self, keys: &[DocKey]) -> bool {
        let top = || {
            keys.iter().filter(|k| {
                k.place
                    == Some(Place {
                        parent: None,
                        items: 0,
                    })
            })
        };
        let allowed = top()
            .filter(|k| self.allows(Self::ROOT, &k.lit.text) != Allowed::NoClosed)
            .filter(|k| self.allows(Self::ROOT, &k.lit.text) != Allowed::NoOpen)
            .count();
        allowed * 2 >= top().count()
    }

    /// Every scalar the position takes, when the schema closes the set; and whether other
    /// strings stand there only as variables (`${VAR}`).
    pub fn values(&self, id: NodeId) -> Option<(&[String], bool)> {
        let node = self.node(id);
        node.values
            .as_deref()
            .map(|values| (values, node.interpolated))
    }
}

struct Entry {
    name: &'static str,
    formats: &'static str,
    text: &'static str,
    schema: OnceLock<Option<Schema>>,
}

/// The catalogue of embedded schemas and the files each speaks for.
pub struct Catalog {
    entries: Vec<Entry>,
    globs: GlobSet,
    /// The entry of each glob of `globs`.
    owner: Vec<usize>,
}

impl Catalog {
    /// The embedded catalogue, built on first use.
    pub fn embedded() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| Catalog::new(embedded::SCHEMAS))
    }

    fn new(rows: &'static [(&'static str, &'static str, &'static str, &'static str)]) -> Self {
        let mut builder = GlobSetBuilder::new();
        let mut owner = Vec::new();
        let mut entries = Vec::new();
        for (index, &(name, formats, globs, text)) in rows.iter().enumerate() {
            for glob in globs.split_whitespace() {
                if let Ok(glob) = GlobBuilder::new(glob).literal_separator(true).build() {
                    builder.add(glob);
                    owner.push(index);
                }
            }
            entries.push(Entry {
                name,
                formats,
                text,
                schema: OnceLock::new(),
            });
        }
        Catalog {
            entries,
            globs: builder.build().unwrap_or_else(|_| GlobSet::empty()),
            owner,
        }
    }

    /// The schemas that speak for the root-relative `path` of a file of `family` (`json`,
    /// `yaml`, `toml`).
    pub fn for_file(&self, path: &str, family: &str) -> Vec<&Schema> {
        let mut indexes: Vec<usize> = self
            .globs
            .matches(path)
            .into_iter()
            .map(|glob| self.owner[glob])
            .collect();
        indexes.sort_unstable();
        indexes.dedup();
        indexes
            .into_iter()
            .map(|index| &self.entries[index])
            .filter(|entry| entry.formats.split(',').any(|f| f == family))
            .filter_map(|entry| {
                entry
                    .schema
                    .get_or_init(|| Schema::parse(entry.name, entry.text))
                    .as_ref()
            })
            .collect()
    }

    /// Every schema's name, in the catalogue's order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.entries.iter().map(|e| e.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_schema_reads() {
        let catalog = Catalog::embedded();
        for entry in &catalog.entries {
            let schema = Schema::parse(entry.name, entry.text);
            assert!(schema.is_some(), "{} does not read", entry.name);
        }
        assert!(catalog.entries.len() > 100, "{}", catalog.entries.len());
    }

    #[test]
    fn a_workflow_step_takes_uses_and_with() {
        let catalog = Catalog::embedded();
        let schemas = catalog.for_file(".github/workflows/ci.yml", "yaml");
        let workflow = schemas
            .iter()
            .find(|s| s.properties(Schema::ROOT).any(|p| p == "jobs"))
            .expect("a workflow schema");
        let job = workflow
            .child(Schema::ROOT, "jobs")
            .and_then(|jobs| workflow.child(jobs, "build"))
            .expect("any job name");
        let step = workflow
            .child(job, "steps")
            .and_then(|steps| workflow.item(steps))
            .expect("steps are a sequence");
        assert_eq!(workflow.allows(step, "uses"), Allowed::Yes);
        assert!(matches!(
            workflow.allows(step, "usse"),
            Allowed::NoClosed | Allowed::NoOpen
        ));
        assert!(catalog.for_file("docs/ci.yml", "yaml").is_empty());
    }
}
