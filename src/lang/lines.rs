//! Helpers of the line parsers (nginx, Apache, Dockerfile): words with their byte ranges.
use super::Lowering;
use crate::expr::Expr;
use crate::extract::{Candidate, CandidateKind};

/// One word of a line: its value and where its content stands (inside quotes, if quoted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Word {
    pub fn lit(&self, ctx: &Lowering) -> Expr {
        ctx.literal(self.start, self.end, self.text.clone())
    }

    /// The leading `len` bytes of the word as a literal of their own.
    pub fn prefix(&self, ctx: &Lowering, len: usize) -> Expr {
        let len = len.min(self.text.len());
        if self.end - self.start == self.text.len() {
            ctx.literal(self.start, self.start + len, self.text[..len].to_string())
        } else {
            Expr::Unknown
        }
    }
}

impl Word {
    /// The bytes `range` of the word as a word of their own, where the word is written as
    /// it reads (no escapes), so that the part's place in the source is known.
    pub fn part(&self, range: std::ops::Range<usize>) -> Option<Word> {
        let text = self.text.get(range.clone())?;
        (self.end - self.start == self.text.len() && !text.is_empty()).then(|| Word {
            text: text.to_string(),
            start: self.start + range.start,
            end: self.start + range.end,
        })
    }

    /// The words of an OpenSSL cipher string, each on its own bytes:
    /// `ECDHE+AESGCM:!aNULL` → `ECDHE`, `AESGCM`, `aNULL`.
    pub fn cipher_words(&self) -> Vec<Word> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in self.text.char_indices().chain([(self.text.len(), ':')]) {
            if matches!(c, ':' | ',' | ' ' | '+' | '!' | '-' | ';') && !is_inner_dash(&self.text, i)
            {
                out.extend(self.part(start..i));
                start = i + c.len_utf8();
            }
        }
        out
    }

    /// The word as a value at a position that takes the entries of registry `table`.
    pub fn value(&self, ctx: &Lowering, table: &'static str) -> Candidate {
        Candidate {
            kind: CandidateKind::Value(table),
            expr: self.lit(ctx),
            bytes: (self.start, self.end),
        }
    }

    /// The word as an argument of `directive`, checked against the directive's keywords in
    /// `table`.
    pub fn keyword_of(
        &self,
        ctx: &Lowering,
        table: &'static str,
        directive: &Word,
    ) -> Option<Candidate> {
        let Expr::Lit(name) = directive.lit(ctx) else {
            return None;
        };
        Some(Candidate {
            kind: CandidateKind::Value(table),
            expr: Expr::Dict(vec![(name, self.lit(ctx))]),
            bytes: (self.start, self.end),
        })
    }
}

/// A `-` inside a cipher name (`ECDHE-RSA-AES128`) rather than one removing what follows
/// (`-ALL`, `ALL:-aNULL`): it has a letter or digit before it.
fn is_inner_dash(text: &str, at: usize) -> bool {
    text.as_bytes().get(at) == Some(&b'-')
        && at > 0
        && text.as_bytes()[at - 1].is_ascii_alphanumeric()
}

/// Splits `source[from..to]` on white space, honouring double and single quotes and
/// backslash escapes; a backslash before a line break joins the lines.
pub fn words(source: &str, from: usize, to: usize) -> Vec<Word> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let c = bytes[i];
        if c.is_ascii_whitespace()
            || (c == b'\\' && bytes.get(i + 1).is_some_and(|b| *b == b'\n' || *b == b'\r'))
        {
            i += 1;
            continue;
        }
        if c == b'"' || c == b'\'' {
            let start = i + 1;
            let mut j = start;
            let mut text = String::new();
            while j < to && bytes[j] != c {
                if bytes[j] == b'\\' && j + 1 < to && (bytes[j + 1] == c || bytes[j + 1] == b'\\') {
                    j += 1;
                }
                let ch = source[j..].chars().next().unwrap_or('\0');
                text.push(ch);
                j += ch.len_utf8();
            }
            out.push(Word {
                text,
                start,
                end: j.min(to),
            });
            i = j + 1;
            continue;
        }
        let start = i;
        while i < to && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        out.push(Word {
            text: source[start..i].to_string(),
            start,
            end: i,
        });
    }
    out
}

/// Logical lines: byte ranges that a trailing backslash carries across line breaks.
pub fn logical_lines(source: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let end = offset + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        offset = end;
        if content.ends_with('\\') && !content.trim_start().starts_with('#') {
            continue;
        }
        out.push((start, offset - (line.len() - content.len())));
        start = end;
    }
    if start < source.len() {
        out.push((start, source.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_words_keep_their_content_range() {
        let line = r#"Alias "/my docs" /var/www/docs"#;
        let found = words(line, 0, line.len());
        assert_eq!(found.len(), 3);
        assert_eq!(found[1].text, "/my docs");
        assert_eq!(&line[found[1].start..found[1].end], "/my docs");
        assert_eq!(found[2].text, "/var/www/docs");
    }

    #[test]
    fn continuations_join_lines() {
        let source = "RUN a \\\n  b\nCMD c\n";
        let lines = logical_lines(source);
        assert_eq!(lines.len(), 2);
        let first = words(source, lines[0].0, lines[0].1);
        assert_eq!(
            first.iter().map(|w| w.text.as_str()).collect::<Vec<_>>(),
            ["RUN", "a", "b"]
        );
    }
}

/// The two configuration languages that share `*.conf` and `sites-available/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Nginx,
    Apache,
}

/// Tells nginx from Apache configuration by its statements: a line is nginx when it
/// starts with an nginx directive and ends with `;`, `{` or `}`, Apache when it starts
/// with an Apache directive or section. The dialect must hold half the statements.
pub fn dialect(text: &str) -> Option<Dialect> {
    let vocab = crate::vocab::Vocabularies::builtin();
    let (mut nginx, mut apache, mut statements) = (0usize, 0usize, 0usize);
    // Inside an nginx data block (`types { text/html html; }`, `charset_map`) lines are
    // data: only the block itself is a statement.
    let mut data_depth = 0usize;
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .take(400)
    {
        if data_depth > 0 {
            data_depth =
                (data_depth + line.matches('{').count()).saturating_sub(line.matches('}').count());
            if data_depth > 0 {
                continue;
            }
        }
        statements += 1;
        if line == "}" {
            nginx += 1;
            continue;
        }
        let first = line.split_whitespace().next().unwrap_or("");
        if line.ends_with('{') && super::nginx::is_data_block_like(first) {
            data_depth = 1;
        }
        let name = first
            .trim_start_matches("</")
            .trim_start_matches('<')
            .trim_end_matches('>');
        let nginx_end = line.ends_with(';') || line.ends_with('{') || line.ends_with('}');
        // A directive one slip from a known one still says which dialect the file is in:
        // a one-line file whose only directive is misspelt must still be read.
        let known = |names: &crate::vocab::KeyVocabulary, name: &str| {
            names.contains(name)
                || (name.len() >= 5
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !names.nearest(name).is_empty())
        };
        if nginx_end && known(&vocab.nginx_directives, name.trim_end_matches(';')) {
            nginx += 1;
        } else if !line.ends_with(';') && known(&vocab.apache_directives, name) {
            apache += 1;
        }
    }
    let holds = |n: usize| n > 0 && n * 2 >= statements;
    if nginx > apache && holds(nginx) {
        Some(Dialect::Nginx)
    } else if apache > nginx && holds(apache) {
        Some(Dialect::Apache)
    } else {
        None
    }
}
