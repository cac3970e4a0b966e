//! The default output: each finding rendered by miette with the source line, a label
//! under the wrong characters only (the rest of the token stays in view on its line) and a
//! `help: did you mean …?`, then a closing summary.
use std::io;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};

use super::{write_stdout, Reporter, Root, Summary};
use crate::finding::{Finding, Severity};

pub struct Human {
    handler: GraphicalReportHandler,
    /// The last file read, so findings in one file read it once.
    cached: Option<(String, String)>,
}

impl Human {
    pub fn new(color: bool) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Human {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_links(false)
                .with_width(160),
            cached: None,
        }
    }

    fn source(&mut self, path: &str) -> Option<String> {
        if self.cached.as_ref().map(|(p, _)| p.as_str()) != Some(path) {
            let bytes = std::fs::read(path).ok()?;
            self.cached = Some((
                path.to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
        self.cached.as_ref().map(|(_, text)| text.clone())
    }
}

impl Reporter for Human {
    fn report(&mut self, root: &Root, finding: &Finding) -> io::Result<()> {
        let shown = root.display_path(&finding.path);
        let mut diagnostic = MietteDiagnostic::new(finding.message.clone())
            .with_code(finding.rule)
            .with_severity(match finding.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            });
        if let Some(help) = help(finding) {
            diagnostic = diagnostic.with_help(help);
        }
        let position = format!(
            "{shown}:{}:{}",
            finding.span.start.line, finding.span.start.column
        );
        let mut rendered = String::new();
        let source = finding
            .span
            .bytes
            .and_then(|b| Some((b, self.source(&shown)?)));
        let result = match source {
            Some(((start, end), text)) if end <= text.len() => {
                let label = match &finding.suggestion {
                    Some(_) => "this",
                    None => "here",
                };
                diagnostic = diagnostic.with_label(LabeledSpan::new_primary_with_span(
                    Some(label.to_string()),
                    start..end.max(start),
                ));
                let report =
                    Report::new(diagnostic).with_source_code(NamedSource::new(shown.clone(), text));
                self.handler.render_report(&mut rendered, report.as_ref())
            }
            _ => {
                diagnostic.message = format!("{position}: {}", diagnostic.message);
                self.handler.render_report(&mut rendered, &diagnostic)
            }
        };
        result.map_err(io::Error::other)?;
        rendered.push('\n');
        write_stdout(&rendered)
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut line = format!(
            "{} in {}, {} scanned in {} ms",
            plural(summary.findings, "finding"),
            plural(summary.files_with_findings, "file"),
            plural(summary.files_scanned, "file"),
            summary.duration_ms
        );
        match (summary.files_skipped, summary.files_not_read) {
            (0, 0) => {}
            (skipped, 0) => line.push_str(&format!(" ({skipped} skipped)")),
            (0, unread) => line.push_str(&format!(" ({unread} not read)")),
            (skipped, unread) => line.push_str(&format!(" ({skipped} skipped, {unread} not read)")),
        }
        if summary.test_warnings > 0 {
            line.push_str(&format!(
                "; {} in test code, which do not block",
                plural(summary.test_warnings, "warning")
            ));
        }
        line.push('\n');
        for entry in summary.stale_baseline.iter().flatten() {
            line.push_str(&format!(
                "no longer found (baseline): {} {} `{}`{}\n",
                entry.rule,
                entry.path,
                entry.found,
                if entry.count > 1 {
                    format!(" ({} times)", entry.count)
                } else {
                    String::new()
                }
            ));
        }
        write_stdout(&line)
    }
}

fn help(finding: &Finding) -> Option<String> {
    if let Some(suggestion) = &finding.suggestion {
        // Characters to delete (white space) read better as the token without them.
        if suggestion.is_empty() {
            return Some(format!("did you mean '{}'?", finding.literal.with("")));
        }
        return Some(format!("did you mean '{suggestion}'?"));
    }
    if !finding.alternatives.is_empty() {
        let quoted: Vec<String> = finding
            .alternatives
            .iter()
            .map(|a| format!("'{a}'"))
            .collect();
        return Some(format!("did you mean one of {}?", quoted.join(", ")));
    }
    None
}
