//! `--format sarif` and `--sarif-output FILE`: one SARIF 2.1.0 log for code scanning,
//! buffered and written in `finish`.
//!
//! Built with `serde_json` rather than a SARIF type crate: the log uses a few dozen of the
//! format's fields, `json!` shows them as they will read, and `tests/sarif.rs` validates
//! the output against the official schema.
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::{level, workspace_path, write_stdout, Reporter, Summary};
use crate::check::{Rule, RULES};
use crate::finding::Finding;

/// The key of the fingerprint in `partialFingerprints`; bump the version if its recipe changes.
pub const FINGERPRINT_KEY: &str = "typoGate/v1";

pub struct Sarif {
    /// Where the log goes: stdout when `None`.
    file: Option<PathBuf>,
    results: Vec<Value>,
    /// How many findings with the same identity were seen, for the fingerprint.
    occurrences: HashMap<u64, usize>,
}

impl Sarif {
    /// A reporter writing to `file`, or to stdout when there is none.
    pub fn new(file: Option<PathBuf>) -> Self {
        Sarif {
            file,
            results: Vec::new(),
            occurrences: HashMap::new(),
        }
    }
}

impl Reporter for Sarif {
    fn report(&mut self, root: &Path, finding: &Finding) -> io::Result<()> {
        let path = workspace_path(root, &finding.path);
        let location = artifact_location(&path);
        // What the finding is, not where: moving unrelated lines keeps the fingerprint, and
        // the occurrence number tells identical findings in one file apart.
        let identity = [
            finding.rule,
            &path,
            &finding.found,
            finding.suggestion.as_deref().unwrap_or(""),
        ];
        let occurrence = self.occurrences.entry(fingerprint(&identity)).or_default();
        let key = fingerprint(&[&identity[..], &[&occurrence.to_string()]].concat());
        *occurrence += 1;

        let mut physical = json!({ "artifactLocation": location });
        let region = finding.span.bytes.map(|_| {
            json!({
                "startLine": finding.span.start.line,
                "startColumn": finding.span.start.column,
                "endLine": finding.span.end.line,
                "endColumn": finding.span.end.column,
            })
        });
        if let Some(region) = &region {
            physical["region"] = region.clone();
        }
        let mut result = json!({
            "ruleId": finding.rule,
            "ruleIndex": RULES.iter().position(|r| r.id == finding.rule),
            "level": level(finding.severity),
            "message": { "text": finding.message },
            "locations": [{ "physicalLocation": physical }],
            "partialFingerprints": { FINGERPRINT_KEY: format!("{key:016x}") },
        });
        // A fix replaces the token's text; a finding about a file's own name has no region
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
        let log = json!({
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
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
                "results": std::mem::take(&mut self.results),
            }],
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

/// A path relative to the working folder resolves against `%SRCROOT%`, which code scanning
/// takes as the checkout; an absolute one (`typo-gate check /srv/app`) becomes a file URI.
fn artifact_location(path: &str) -> Value {
    if path.starts_with('/') {
        json!({ "uri": format!("file://{}", encode_uri_path(path)) })
    } else {
        json!({ "uri": encode_uri_path(path), "uriBaseId": "%SRCROOT%" })
    }
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

/// 64-bit FNV-1a over the fields, each ended by a byte that UTF-8 never contains. Stable
/// across Rust versions and platforms, unlike `std`'s hasher, so fingerprints survive
/// upgrades of the toolchain.
fn fingerprint(fields: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for field in fields {
        for &byte in field.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
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
    fn fingerprints_are_fnv1a_and_separate_fields() {
        // The FNV-1a test vector for the empty input, then the field separator's effect.
        assert_eq!(fingerprint(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
    }
}
