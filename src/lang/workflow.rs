//! GitHub Actions workflows: local actions and working directories, relative to the
//! repository that holds `.github/`.
use tree_sitter::Node;

use super::yaml::{enclosing_pair, no_definition, scalar};
use super::{Language, Lowering};
use crate::expr::Expr;

pub const LANGUAGE: Language = Language {
    id: "github-workflow",
    extensions: &[],
    shebangs: &[],
    globs: &["**/.github/workflows/*.yml", "**/.github/workflows/*.yaml"],
    sniff: None,
    keys: Some("github-workflow-keys"),
    grammar: super::yaml::GRAMMAR,
    query: include_str!("workflow.scm"),
    walk: None,
    document: Some(super::yaml::DOCUMENT),
    plain_string: None,
    lower,
    definition_name: no_definition,
    identifier_kinds: &[],
    not_constant_parents: &[],
};

fn lower(node: Node, ctx: &Lowering) -> Expr {
    let value = scalar(node, ctx);
    let Expr::Lit(lit) = &value else {
        return value;
    };
    match enclosing_pair(node, ctx).map(|(_, key)| key) {
        // `actions/checkout@v4` is a published action; only `./…` is a folder.
        Some("uses") if !lit.text.starts_with("./") => Expr::Unknown,
        Some("uses" | "working-directory") if !lit.text.contains("${{") => {
            Expr::Join(vec![checkout_root(), value])
        }
        _ => value,
    }
}

/// The folder holding `.github/`: three levels above `.github/workflows/x.yml`.
fn checkout_root() -> Expr {
    (0..3).fold(Expr::File, |e, _| Expr::Dirname(Box::new(e)))
}

#[cfg(test)]
mod tests {
    use crate::expr::{Scope, Symbols};
    use crate::extract::{extract, CandidateKind};
    use crate::lang::Language;

    #[test]
    fn local_actions_resolve_from_the_repository_root() {
        let source = "\
on:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    services:
      redis:
        image: redis
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/setup
      - run: make
        working-directory: app
";
        let facts = extract(Language::by_id("github-workflow").unwrap(), source, 0);
        assert_eq!(facts.hosts, ["redis"]);
        let symbols = Symbols::new(vec![".github/workflows/ci.yml".into()], Vec::new());
        let scope = Scope {
            file: 0,
            file_path: ".github/workflows/ci.yml",
            symbols: &symbols,
        };
        let paths: Vec<String> = facts
            .candidates
            .iter()
            .filter(|c| c.kind == CandidateKind::Path)
            .map(|c| scope.evaluate(&c.expr).text)
            .filter(|t| !t.contains(crate::expr::UNKNOWN))
            .collect();
        assert_eq!(paths, ["/./.github/actions/setup", "/app"]);
        let keys: Vec<String> = facts
            .candidates
            .iter()
            .filter(|c| c.kind == CandidateKind::Key("github-workflow-keys"))
            .flat_map(|c| c.expr.literals().into_iter().map(|l| l.text.clone()))
            .collect();
        assert_eq!(
            keys,
            [
                "on",
                "push",
                "branches",
                "jobs",
                "runs-on",
                "services",
                "steps",
                "uses",
                "uses",
                "run",
                "working-directory"
            ]
        );
    }
}
