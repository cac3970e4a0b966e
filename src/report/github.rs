//! `--format github`: one workflow command per finding, which GitHub Actions turns into an
//! annotation on the line, then a closing total; with `GITHUB_STEP_SUMMARY`, a Markdown
//! table of every finding on the run's summary page.
use std::io::{self, Write};
use std::path::PathBuf;

use super::{level, write_stdout, Reporter, Root, Summary};
use crate::finding::{Finding, Severity};

/// GitHub shows at most this many annotations of each level per step.
const SHOWN_ANNOTATIONS: usize = 10;

/// Rows past this are left out of the step summary, which GitHub caps at 1 MiB.
const SUMMARY_ROWS: usize = 1000;

pub struct Github {
    /// The file named by `GITHUB_STEP_SUMMARY`, if any.
    step_summary: Option<PathBuf>,
    /// The step summary's table rows.
    rows: Vec<String>,
    errors: usize,
    warnings: usize,
}

impl Github {
    pub fn new(step_summary: Option<PathBuf>) -> Self {
        Github {
            step_summary,
            rows: Vec::new(),
            errors: 0,
            warnings: 0,
        }
    }
}

impl Reporter for Github {
    fn report(&mut self, root: &Root, finding: &Finding) -> io::Result<()> {
        match finding.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        // GitHub attaches an annotation to the diff only by a path relative to the checkout.
        let path = root.repository_path(&finding.path);
        let (start, end) = (finding.span.start, finding.span.end);
        let mut properties = format!("file={}", escape_property(&path));
        // A finding about a file's own name has no position: annotate the file.
        if finding.span.bytes.is_some() {
            properties.push_str(&if start.line == end.line {
                format!(
                    ",line={},col={},endColumn={}",
                    start.line, start.column, end.column
                )
            } else {
                format!(",line={},endLine={}", start.line, end.line)
            });
        }
        properties.push_str(&format!(",title={}", escape_property(finding.rule)));
        if self.step_summary.is_some() && self.rows.len() < SUMMARY_ROWS {
            let replacement = match (&finding.suggestion, finding.alternatives.as_slice()) {
                (Some(suggestion), _) => code(suggestion),
                (None, []) => String::new(),
                (None, alternatives) => alternatives
                    .iter()
                    .map(|a| code(a))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            self.rows.push(format!(
                "| {} | {} | {} | {} |\n",
                finding.rule,
                code(&format!("{path}:{}", start.line)),
                code(&finding.found),
                replacement
            ));
        }
        write_stdout(&format!(
            "::{} {properties}::{}\n",
            level(finding.severity),
            escape_data(&finding.message)
        ))
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let total = total(summary);
        let hidden = self.errors > SHOWN_ANNOTATIONS || self.warnings > SHOWN_ANNOTATIONS;
        let note = if hidden {
            " (GitHub shows the first 10 annotations; see the job log or SARIF for all)"
        } else {
            ""
        };
        write_stdout(&format!("typo-gate: {total}{note}\n"))?;
        let Some(file) = &self.step_summary else {
            return Ok(());
        };
        let mut markdown = format!("### typo-gate\n\n{total}.\n\n");
        if !self.rows.is_empty() {
            markdown.push_str("| rule | file:line | found | suggestion |\n");
            markdown.push_str("| --- | --- | --- | --- |\n");
            markdown.extend(self.rows.drain(..));
            if summary.findings > SUMMARY_ROWS {
                let left = summary.findings - SUMMARY_ROWS;
                markdown.push_str(&format!(
                    "\n{left} more not shown: see the job log or SARIF.\n"
                ));
            }
            markdown.push('\n');
        }
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(file)
            .and_then(|mut f| f.write_all(markdown.as_bytes()))
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", file.display())))
    }
}

/// `12 findings, 40 files scanned`.
fn total(summary: &Summary) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    format!(
        "{} finding{}, {} file{} scanned",
        summary.findings,
        plural(summary.findings),
        summary.files_scanned,
        plural(summary.files_scanned)
    )
}

/// Escapes a workflow command's message, as the Actions toolkit does.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value: as a message, plus the separators `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A Markdown code span for a table cell: `|` escaped, control characters and white space
/// other than a plain space shown as escapes, so a stray tab or newline is visible.
fn code(text: &str) -> String {
    let mut shown = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '|' => shown.push_str("\\|"),
            c if c.is_control() || (c.is_whitespace() && c != ' ') => {
                shown.extend(c.escape_default());
            }
            c => shown.push(c),
        }
    }
    if shown.contains('`') {
        format!("`` {shown} ``")
    } else {
        format!("`{shown}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_breaks() {
        assert_eq!(
            escape_data("100% sure:\r\nnot, really"),
            "100%25 sure:%0D%0Anot, really"
        );
        // `%` goes first, so an escape already in the text is not decoded by GitHub.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(escape_property("a,b:c%d\ne\rf"), "a%2Cb%3Ac%25d%0Ae%0Df");
    }

    #[test]
    fn table_cells_show_invisible_characters() {
        assert_eq!(code("index.py "), "`index.py `");
        assert_eq!(code("a|b\tc\n"), "`a\\|b\\tc\\n`");
        assert_eq!(code("x`y"), "`` x`y ``");
    }
}
