//! Dockerfiles, read line by line: the published tree-sitter-dockerfile (0.2) is built
//! against tree-sitter 0.20, whose runtime cannot be linked beside 0.25.
use super::lines::{logical_lines, words, Word};
use super::{is_address_key, Grammar, Language, Lowering};
use crate::expr::Expr;
use crate::extract::{Candidate, CandidateKind, FileFacts};

pub const LANGUAGE: Language = Language {
    id: "dockerfile",
    extensions: &["dockerfile"],
    shebangs: &[],
    globs: &[
        "Dockerfile",
        "Dockerfile.*",
        "*.Dockerfile",
        "Containerfile",
        "Containerfile.*",
    ],
    sniff: None,
    keys: Some("dockerfile-instructions"),
    grammar: Grammar::Lines(parse),
    query: "",
    walk: None,
    document: None,
    plain_string: None,
    lower: |_, _| Expr::Unknown,
    definition_name: |_, _| None,
    identifier_kinds: &[],
    not_constant_parents: &[],
};

/// Script file endings that make an ENTRYPOINT or CMD word a file of the build context.
const SCRIPTS: &[&str] = &[".sh", ".bash", ".py", ".php", ".pl", ".rb", ".js", ".mjs"];

fn parse(ctx: &Lowering) -> FileFacts {
    let mut facts = FileFacts::default();
    // The end marker of a heredoc (`RUN <<EOF`) whose lines are not instructions.
    let mut heredoc: Option<String> = None;
    for (start, end) in logical_lines(ctx.source) {
        let line = &ctx.source[start..end];
        if let Some(marker) = &heredoc {
            if line.trim() == marker {
                heredoc = None;
            }
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        heredoc = heredoc_marker(line);
        let all = words(ctx.source, start, end);
        let Some((instruction, args)) = all.split_first() else {
            continue;
        };
        if instruction.text.chars().all(|c| c.is_ascii_alphabetic()) {
            push(
                &mut facts,
                CandidateKind::Key("dockerfile-instructions"),
                instruction.lit(ctx),
                instruction,
            );
        }
        instruction_args(
            ctx,
            &instruction.text.to_ascii_uppercase(),
            line,
            start,
            args,
            &mut facts,
        );
    }
    facts
}

fn push(facts: &mut FileFacts, kind: CandidateKind, expr: Expr, word: &Word) {
    facts.candidates.push(Candidate {
        kind,
        expr,
        bytes: (word.start, word.end),
    });
}

fn instruction_args(
    ctx: &Lowering,
    instruction: &str,
    line: &str,
    start: usize,
    args: &[Word],
    facts: &mut FileFacts,
) {
    match instruction {
        "COPY" | "ADD" => {
            let flags = args.iter().take_while(|a| a.text.starts_with("--")).count();
            // --from copies out of another stage or image, not the build context.
            if args[..flags].iter().any(|f| f.text.starts_with("--from")) {
                return;
            }
            let operands = exec_form(ctx, line, start).unwrap_or_else(|| args[flags..].to_vec());
            if let Some((_, sources)) = operands.split_last() {
                for source in sources.iter().filter(|s| !s.text.contains("://")) {
                    push(facts, CandidateKind::Path, source.lit(ctx), source);
                }
            }
        }
        "WORKDIR" => {
            if let Some(dir) = args.first() {
                push(facts, CandidateKind::Path, dir.lit(ctx), dir);
            }
        }
        "ENTRYPOINT" | "CMD" => {
            let operands = exec_form(ctx, line, start).unwrap_or_else(|| args.to_vec());
            for script in operands
                .iter()
                .filter(|w| SCRIPTS.iter().any(|s| w.text.ends_with(s)))
            {
                push(facts, CandidateKind::Path, script.lit(ctx), script);
            }
        }
        "ENV" | "ARG" => {
            for (name, value) in assignments(args) {
                if is_address_key(&name.text) {
                    push(facts, CandidateKind::Address, value.lit(ctx), &value);
                } else {
                    push(facts, CandidateKind::String, value.lit(ctx), &value);
                }
            }
        }
        "EXPOSE" => {
            for port in args {
                let len = port.text.find('/').unwrap_or(port.text.len());
                let number = Word {
                    text: port.text[..len].to_string(),
                    start: port.start,
                    end: port.start + len,
                };
                if number.text.chars().all(|c| c.is_ascii_digit()) && !number.text.is_empty() {
                    push(facts, CandidateKind::Address, number.lit(ctx), &number);
                }
            }
        }
        _ => {}
    }
}

/// `NAME=value NAME2=value2` or the old `NAME value`.
fn assignments(args: &[Word]) -> Vec<(Word, Word)> {
    if args.len() >= 2 && !args[0].text.contains('=') {
        let value = Word {
            text: args[1..]
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            start: args[1].start,
            end: args[args.len() - 1].end,
        };
        return vec![(args[0].clone(), value)];
    }
    args.iter()
        .filter_map(|w| {
            let (name, value) = w.text.split_once('=')?;
            let at = w.start + name.len() + 1;
            // Quoted values (`A="x y"`) are one word whose range starts at the name.
            let value = value.trim_matches('"');
            Some((
                Word {
                    text: name.to_string(),
                    start: w.start,
                    end: w.start + name.len(),
                },
                Word {
                    text: value.to_string(),
                    start: at,
                    end: at + value.len(),
                },
            ))
        })
        .collect()
}

/// The words of a JSON array argument (`["/entrypoint.sh", "run"]`), if the line has one.
fn exec_form(ctx: &Lowering, line: &str, start: usize) -> Option<Vec<Word>> {
    let open = line.find('[')?;
    let close = line.rfind(']')?;
    let before = line[..open].split_whitespace().collect::<Vec<_>>();
    if close < open || before.iter().skip(1).any(|w| !w.starts_with("--")) {
        return None;
    }
    let inner = &ctx.source[start + open + 1..start + close];
    let mut out = Vec::new();
    let mut offset = start + open + 1;
    for part in inner.split(',') {
        let trimmed = part.trim();
        let lead = part.len() - part.trim_start().len();
        if let Some(text) = trimmed.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            let at = offset + lead + 1;
            out.push(Word {
                text: text.to_string(),
                start: at,
                end: at + text.len(),
            });
        }
        offset += part.len() + 1;
    }
    Some(out)
}

/// `RUN <<EOF` and `COPY <<-EOT /x`: the marker that ends the here-document.
fn heredoc_marker(line: &str) -> Option<String> {
    let at = line.find("<<")?;
    let rest = line[at + 2..].trim_start_matches('-');
    let marker: String = rest
        .trim_matches(|c| c == '"' || c == '\'')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!marker.is_empty()).then_some(marker)
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, CandidateKind};
    use crate::lang::{testing, Language};

    #[test]
    fn instructions_sources_and_scripts() {
        let source = "\
FROM php:8.2-apache AS base
WORKDIR /var/www/html
COPY --chown=www-data composer.json composer.lock ./
COPY --from=build /app/vendor ./vendor
RUN <<EOF
apt-get update
COPYY nothing
EOF
ENV DATABASE_URL=mysql://db:3306/app APP_ENV=prod
EXPOSE 80 443/tcp
COPY [\"docker/entrypoint.sh\", \"/usr/local/bin/\"]
ENTRYPOINT [\"docker-entrypoint.sh\"]
CMD php -S 0.0.0.0:8080 public/index.php
";
        let facts = extract(Language::by_id("dockerfile").unwrap(), source, 0);
        let of = |kind: CandidateKind| testing::candidates(&facts, kind);
        assert_eq!(
            of(CandidateKind::Key("dockerfile-instructions")),
            [
                "FROM",
                "WORKDIR",
                "COPY",
                "COPY",
                "RUN",
                "ENV",
                "EXPOSE",
                "COPY",
                "ENTRYPOINT",
                "CMD"
            ]
        );
        assert_eq!(
            of(CandidateKind::Path),
            [
                "/var/www/html",
                "composer.json",
                "composer.lock",
                "docker/entrypoint.sh",
                "docker-entrypoint.sh",
                "public/index.php"
            ]
        );
        assert_eq!(
            of(CandidateKind::Address),
            ["mysql://db:3306/app", "80", "443"]
        );
    }
}
