//! Docker Compose files: services, their build contexts, env files and bind mounts.
use tree_sitter::Node;

use super::yaml::{enclosing_pair, no_definition, scalar, sibling_value};
use super::{is_address_key, Language, Lowering};
use crate::expr::{Expr, Lit};

pub const LANGUAGE: Language = Language {
    id: "compose",
    extensions: &[],
    shebangs: &[],
    globs: &[
        "docker-compose*.yml",
        "docker-compose*.yaml",
        "compose*.yml",
        "compose*.yaml",
    ],
    sniff: None,
    keys: Some("compose-keys"),
    grammar: super::yaml::GRAMMAR,
    query: include_str!("compose.scm"),
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
    let Some((pair, key)) = enclosing_pair(node, ctx) else {
        return value;
    };
    let in_sequence = node
        .parent()
        .is_some_and(|p| matches!(p.kind(), "block_sequence_item" | "flow_sequence"));
    match key {
        // `./html:/var/www/html:ro`: the part before the colon is on the host; a bare
        // name is a named volume.
        "volumes" if in_sequence => match lit.text.split_once(':') {
            Some((source, _)) if source.starts_with(['.', '/', '~']) => {
                prefix(ctx, lit, source.len())
            }
            Some(_) => Expr::Unknown,
            None => value,
        },
        // `- DATABASE_URL=postgres://...`: only the value, and only for address variables.
        "environment" if in_sequence => match lit.text.split_once('=') {
            Some((name, rest)) if is_address_key(name) && lit.exact => {
                let start = lit.span.bytes.map_or(0, |b| b.0) + name.len() + 1;
                ctx.literal(start, start + rest.len(), rest.to_string())
            }
            _ => Expr::Unknown,
        },
        // `- type: bind` / `source: ./conf`: only a bind mount's source is on the host.
        "source" if in_volume_list(pair, ctx) => {
            match sibling_value(pair, "type", ctx).map(|t| scalar(t, ctx)) {
                Some(Expr::Lit(kind)) if kind.text == "bind" => value,
                _ => Expr::Unknown,
            }
        }
        // The Dockerfile is looked up in the build context.
        "dockerfile" => match sibling_value(pair, "context", ctx).map(|c| scalar(c, ctx)) {
            Some(context @ Expr::Lit(_)) => Expr::Join(vec![context, value]),
            _ => value,
        },
        _ => value,
    }
}

/// Whether a mapping pair stands in an item of a `volumes:` list (the long syntax).
fn in_volume_list(pair: Node, ctx: &Lowering) -> bool {
    let Some(mapping) = pair.parent() else {
        return false;
    };
    enclosing_pair(mapping, ctx).is_some_and(|(_, key)| key == "volumes")
        && mapping
            .parent()
            .and_then(|node| node.parent())
            .is_some_and(|item| matches!(item.kind(), "block_sequence_item" | "flow_sequence"))
}

/// The first `len` bytes of a literal, as a literal of their own.
fn prefix(ctx: &Lowering, lit: &Lit, len: usize) -> Expr {
    match lit.span.bytes.filter(|_| lit.exact) {
        Some((start, _)) => ctx.literal(start, start + len, lit.text[..len].to_string()),
        None => Expr::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use crate::expr::Expr;
    use crate::extract::{extract, CandidateKind};
    use crate::lang::Language;

    const STACK: &str = "\
services:
  web:
    build:
      context: ./web
      dockerfile: Dockerfile.prod
    volumes:
      - ./html:/var/www/html:ro
      - data:/data
    environment:
      - DATABASE_URL=postgres://db:5432/app
      - DEBUG=1
  db:
    image: postgres
volumes:
  data: {}
";

    #[test]
    fn the_source_of_a_long_syntax_bind_mount_is_a_path() {
        let source = "\
services:
  web:
    volumes:
      - type: bind
        source: ./conf
        target: /etc/nginx/conf.d
      - type: volume
        source: data
        target: /data
      - {type: bind, source: ./html, target: /usr/share/nginx/html}
configs:
  app:
    file: ./app.ini
";
        let facts = extract(Language::by_id("compose").unwrap(), source, 0);
        let paths: Vec<String> = facts
            .candidates
            .iter()
            .filter(|c| c.kind == CandidateKind::Path)
            .map(|c| crate::lang::testing::text(&c.expr))
            .collect();
        assert_eq!(paths, ["./conf", "", "./html", "./app.ini"]);
    }

    #[test]
    fn services_paths_keys_and_addresses() {
        let facts = extract(Language::by_id("compose").unwrap(), STACK, 0);
        assert_eq!(facts.hosts, ["db", "web"]);
        let of = |kind: CandidateKind| -> Vec<String> {
            facts
                .candidates
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| match &c.expr {
                    Expr::Lit(lit) => lit.text.clone(),
                    Expr::Join(parts) => format!("{}+{}", parts.len(), parts[1].literals()[0].text),
                    _ => "?".to_string(),
                })
                .collect()
        };
        assert_eq!(
            of(CandidateKind::Path),
            ["./web", "2+Dockerfile.prod", "./html", "?"]
        );
        assert_eq!(of(CandidateKind::Address), ["postgres://db:5432/app", "?"]);
        let keys = of(CandidateKind::Key("compose-keys"));
        assert_eq!(
            keys,
            [
                "services",
                "build",
                "context",
                "dockerfile",
                "volumes",
                "environment",
                "image",
                "volumes"
            ]
        );
    }
}
