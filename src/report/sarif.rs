//! `--format sarif` and `--sarif-output FILE`: one SARIF 2.1.0 log for code scanning,
//! buffered and written in `finish`. Paths are relative to the repository's top, which
//! `originalUriBaseIds` names `%SRCROOT%`.
//!
//! Built with `serde_json` rather than a SARIF type crate: the log uses a few dozen of the
//! format's fields, `json!` shows them as they will read, and `tests/sarif.rs` validates
//! the output against the official schema.
use std::io;
use std::path::PathBuf;

use serde_json::{json, Value};

use super::{level, write_stdout, Fingerprints, Reporter, Root, Summary};
use crate::check::{Rule, RULES};
use crate::finding::{Finding, Span};

/// The key of the fingerprint in `partialFingerprints`; bump the version if its recipe changes.
pub const FINGERPRINT_KEY: &str = "typoGate/v1";

pub struct Sarif {
    /// Where the log goes: stdout when `None`.
    file: Option<PathBuf>,
    /// The repositories the results' paths are relative to, each named by a base id in
    /// `originalUriBaseIds`: `%SRCROOT%` for the first.
    bases: Vec<PathBuf>,
    results: Vec<Value>,
    fingerprints: Fingerprints,
}

impl Sarif {
    /// A reporter writing to `file`, or to stdout when there is none, for the checked `roots`.
    pub fn new(file: Option<PathBuf>, roots: &[Root]) -> Self {
        let mut bases: Vec<PathBuf> = Vec::new();
        for repository in roots.iter().filter_map(Root::repository) {
            if !bases.iter().any(|b| b == repository) {
                bases.push(repository.to_path_buf());
            }
        }
        Sarif {
            file,
            bases,
            results: Vec::new(),
            fingerprints: Fingerprints::default(),
        }
    }

    /// Where a root-relative path lies: relative to the root's repository, which a base id
    /// names, or an absolute file URI when the root lies outside the workspace.
    fn artifact_location(&self, root: &Root, path: &str) -> Value {
        let base = root
            .repository()
            .and_then(|r| self.bases.iter().position(|b| b == r));
        match (root.relative_path(path), base) {
            (Some(relative), Some(base)) => {
                json!({ "uri": encode_uri_path(&relative), "uriBaseId": base_id(base) })
            }
            _ => json!({ "uri": file_uri(&root.repository_path(path)) }),
        }
    }
}

impl Reporter for Sarif {
    fn report(&mut self, root: &Root, finding: &Finding) -> io::Result<()> {
        let location = self.artifact_location(root, &finding.path);
        let fingerprint = self
            .fingerprints
            .next(&root.repository_path(&finding.path), finding);

        let mut physical = json!({ "artifactLocation": location });
        let region = finding.span.bytes.map(|_| region_of(&finding.span));
        if let Some(region) = &region {
            // The region is the wrong characters; the context region, the whole token.
            physical["region"] = region.clone();
            physical["region"]["snippet"] = json!({ "text": finding.found });
            let mut context = region_of(&finding.literal.span);
            context["snippet"] = json!({ "text": finding.literal.text });
            physical["contextRegion"] = context;
        }
        let mut result = json!({
            "ruleId": finding.rule,
            "ruleIndex": RULES.iter().position(|r| r.id == finding.rule),
            "level": level(finding.severity),
            "message": { "text": finding.message },
            "locations": [{ "physicalLocation": physical }],
            "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
        });
        // A fix replaces the wrong characters; a finding about a file's own name has no region
        // and would need a rename, which SARIF cannot express as a text change.
        if let (Some(suggestion), Some(region)) = (&finding.suggestion, region) {
            result["fixes"] = json!([{
                "description": {
                    "text": format!("Replace `{}` with `{suggestion}`", finding.found),
                },
                "artifactChanges": [{
                    "artifactLocation": location,
                    "replacements": [{
                        "deletedRegion": region,
                        "insertedContent": { "text": suggestion },
                    }],
                }],
            }]);
        }
        self.results.push(result);
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        let mut run = json!({
            "tool": {
                "driver": {
                    "name": env!("CARGO_PKG_NAME"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": RULES.iter().map(rule_descriptor).collect::<Vec<_>>(),
                },
            },
            // Findings count columns in characters, not in UTF-16 code units.
            "columnKind": "unicodeCodePoints",
        });
        if !self.bases.is_empty() {
            // Each base is a folder: its URI ends in `/`, so relative URIs resolve below it.
            let bases: serde_json::Map<String, Value> = self
                .bases
                .iter()
                .enumerate()
                .map(|(n, base)| {
                    let mut folder = base.to_string_lossy().into_owned();
                    if !folder.ends_with('/') {
                        folder.push('/');
                    }
                    (base_id(n), json!({ "uri": file_uri(&folder) }))
                })
                .collect();
            run["originalUriBaseIds"] = Value::Object(bases);
        }
        run["results"] = Value::Array(std::mem::take(&mut self.results));
        let log = json!({
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        });
        let mut text = serde_json::to_string_pretty(&log).map_err(io::Error::other)?;
        text.push('\n');
        match &self.file {
            None => write_stdout(&text),
            Some(file) => std::fs::write(file, text)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", file.display()))),
        }
    }
}

fn region_of(span: &Span) -> Value {
    json!({
        "startLine": span.start.line,
        "startColumn": span.start.column,
        "endLine": span.end.line,
        "endColumn": span.end.column,
    })
}

fn rule_descriptor(rule: &Rule) -> Value {
    let full = docs_section(rule.docs, "What it catches").unwrap_or(rule.summary.to_string());
    json!({
        "id": rule.id,
        "name": pascal_case(rule.id),
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": full },
        "help": { "text": rule.docs, "markdown": rule.docs },
        "defaultConfiguration": { "level": level(rule.severity) },
    })
}

/// The text of a `## heading` section of a rule's docs, as one paragraph.
fn docs_section(docs: &str, heading: &str) -> Option<String> {
    let start = docs.find(&format!("## {heading}\n"))? + heading.len() + 4;
    let body = &docs[start..];
    let body = body.find("\n## ").map_or(body, |end| &body[..end]);
    Some(body.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `path-typo` → `PathTypo`, the form SARIF viewers show as a rule's name.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// The id of the `n`th repository: `%SRCROOT%`, which code scanning resolves against its
/// checkout, then `%SRCROOT2%`, ... for roots in other repositories.
fn base_id(n: usize) -> String {
    match n {
        0 => "%SRCROOT%".to_string(),
        n => format!("%SRCROOT{}%", n + 1),
    }
}

/// An absolute path as a `file://` URI.
fn file_uri(path: &str) -> String {
    format!("file://{}", encode_uri_path(path))
}

/// Percent-encodes everything in a path but unreserved characters and `/`, so names with
/// spaces, `%`, `#` or `:` stay one valid URI reference.
fn encode_uri_path(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(byte));
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            encode_uri_path("a b/100%,x:y#.php"),
            "a%20b/100%25%2Cx%3Ay%23.php"
        );
        assert_eq!(encode_uri_path("é.py"), "%C3%A9.py");
    }

    #[test]
    fn rule_names_and_descriptions_come_from_the_registry() {
        assert_eq!(pascal_case("path-typo"), "PathTypo");
        let docs = "# x\n\n## What it catches\nOne\nline.\n\n## Why it matters\nNo.\n";
        assert_eq!(
            docs_section(docs, "What it catches").as_deref(),
            Some("One line.")
        );
        assert_eq!(docs_section(docs, "Example"), None);
    }

    #[test]
    fn base_ids_name_the_first_repository_srcroot() {
        assert_eq!(base_id(0), "%SRCROOT%");
        assert_eq!(base_id(1), "%SRCROOT2%");
    }
}
