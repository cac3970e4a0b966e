//! `--format junit`: a JUnit XML report, which GitLab (`artifacts:reports:junit`), Jenkins,
//! Azure Pipelines and other CI services show as test results. Each checked file is one
//! test case; each finding that blocks is a `<failure>` in its file's case. A warning
//! does not block, so it does not fail the case either: it is listed in the case's
//! `<system-out>`.
use std::collections::BTreeMap;
use std::io;

use super::{write_stdout, Reporter, Root, Summary};
use crate::finding::{Finding, Severity};

pub struct Junit {
    /// Each test case by its path in the repository.
    cases: BTreeMap<String, Case>,
}

#[derive(Default)]
struct Case {
    /// One for each blocking finding.
    failures: Vec<Failure>,
    /// A line for each warning.
    warnings: Vec<String>,
}

struct Failure {
    rule: &'static str,
    /// The one line a test report lists.
    message: String,
    /// The details: the rule and place, the token and its replacement.
    text: String,
}

impl Junit {
    /// A report with a passing test case for each of the checked `files` (paths in the
    /// repository); a finding in a path not among them (a folder's own name) adds its own.
    pub fn new(files: impl IntoIterator<Item = String>) -> Self {
        Junit {
            cases: files.into_iter().map(|f| (f, Case::default())).collect(),
        }
    }
}

impl Reporter for Junit {
    fn report(&mut self, root: &Root, finding: &Finding) -> io::Result<()> {
        let path = root.repository_path(&finding.path);
        let (start, positioned) = (finding.span.start, finding.span.bytes.is_some());
        let place = if positioned {
            format!("{path}:{}:{}", start.line, start.column)
        } else {
            path.clone()
        };
        let case = self.cases.entry(path).or_default();
        match finding.severity {
            Severity::Error => {
                let message = if positioned {
                    format!("line {}: {}", start.line, finding.message)
                } else {
                    finding.message.clone()
                };
                let mut text = format!(
                    "{} at {place}\nfound: {}",
                    finding.rule,
                    quoted(&finding.found)
                );
                match (&finding.suggestion, finding.alternatives.as_slice()) {
                    (Some(suggestion), _) => {
                        text.push_str(&format!("\nsuggestion: {}", quoted(suggestion)));
                    }
                    (None, []) => {}
                    (None, alternatives) => {
                        let choices: Vec<String> = alternatives.iter().map(|a| quoted(a)).collect();
                        text.push_str(&format!("\nalternatives: {}", choices.join(" or ")));
                    }
                }
                case.failures.push(Failure {
                    rule: finding.rule,
                    message,
                    text,
                });
            }
            Severity::Warning => case.warnings.push(format!(
                "warning: {} at {place}: {}",
                finding.rule, finding.message
            )),
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        let tests = self.cases.len();
        let failures = self
            .cases
            .values()
            .filter(|c| !c.failures.is_empty())
            .count();
        let counts = format!("tests=\"{tests}\" failures=\"{failures}\" errors=\"0\"");
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.push_str(&format!("<testsuites name=\"typo-gate\" {counts}>\n"));
        xml.push_str(&format!(
            "  <testsuite name=\"typo-gate\" {counts} skipped=\"0\">\n"
        ));
        for (path, case) in &self.cases {
            let path = attribute(path);
            let open =
                format!("    <testcase name=\"{path}\" classname=\"typo-gate\" file=\"{path}\"");
            if case.failures.is_empty() && case.warnings.is_empty() {
                xml.push_str(&open);
                xml.push_str("/>\n");
                continue;
            }
            xml.push_str(&open);
            xml.push_str(">\n");
            for failure in &case.failures {
                xml.push_str(&format!(
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                    failure.rule,
                    attribute(&failure.message),
                    text(&failure.text)
                ));
            }
            if !case.warnings.is_empty() {
                xml.push_str(&format!(
                    "      <system-out>{}</system-out>\n",
                    text(&case.warnings.join("\n"))
                ));
            }
            xml.push_str("    </testcase>\n");
        }
        xml.push_str("  </testsuite>\n</testsuites>\n");
        write_stdout(&xml)
    }
}

/// A token in quotes, control characters escaped so that a stray newline or tab shows.
fn quoted(token: &str) -> String {
    let mut out = String::from("'");
    for c in token.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// Text for an attribute value (always in double quotes): markup and `"` escaped, and
/// tabs and line breaks as character references, which a parser would otherwise turn
/// into spaces.
fn attribute(value: &str) -> String {
    escape(value, true)
}

/// Text for an element's content: markup escaped, tabs and line feeds kept.
fn text(value: &str) -> String {
    escape(value, false)
}

fn escape(value: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' if in_attribute => out.push_str(&format!("&#{};", u32::from(c))),
            '\t' | '\n' => out.push(c),
            // XML 1.0 cannot hold most control characters, not even as references, and
            // the rest are invisible: all are written as Rust escapes (`\u{1}`).
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.extend(c.escape_unicode());
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_line_breaks_are_escaped() {
        assert_eq!(
            attribute("a<b>&\"c\" 'd'\te\nf\rg"),
            "a&lt;b&gt;&amp;&quot;c&quot; 'd'&#9;e&#10;f&#13;g"
        );
        assert_eq!(text("a<&>\"'\tb\nc\rd"), "a&lt;&amp;&gt;\"'\tb\nc&#13;d");
    }

    #[test]
    fn characters_xml_cannot_hold_become_visible_escapes() {
        assert_eq!(
            text("a\u{1}b\u{1b}c\u{7f}\u{fffe}"),
            "a\\u{1}b\\u{1b}c\\u{7f}\\u{fffe}"
        );
        assert_eq!(attribute("\u{0}"), "\\u{0}");
        assert_eq!(text("é\u{200b}"), "é\u{200b}");
    }

    #[test]
    fn tokens_are_quoted_with_control_characters_shown() {
        assert_eq!(quoted("index.py \t"), "'index.py \\t'");
    }
}
