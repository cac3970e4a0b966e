//! nginx configuration, read by a small tokenizer. tree-sitter-nginx 1.0 was tried first:
//! it turns IPv4 addresses (`server 10.0.0.1:8080;`, `fastcgi_pass 127.0.0.1:9000;`) and
//! `upstream NAME { … }` blocks into ERROR nodes, the very values this format is read for.
use super::lines::Word;
use super::{Grammar, Language, Lowering};
use crate::expr::Expr;
use crate::extract::{Candidate, CandidateKind, FileFacts};

pub const LANGUAGE: Language = Language {
    id: "nginx",
    extensions: &[],
    shebangs: &[],
    globs: &[
        "nginx.conf",
        "**/nginx/**/*.conf",
        "*.nginx",
        "*.nginxconf",
        "fastcgi.conf",
        "fastcgi_params",
        "proxy_params",
        "scgi_params",
        "uwsgi_params",
        "?*.conf",
        // nginx's own data files: MIME types and charset maps.
        "?mime.types",
        "?koi-utf",
        "?koi-win",
        "?win-utf",
        "?**/sites-available/*",
        "?**/sites-enabled/*",
    ],
    sniff: Some(looks_like_nginx),
    keys: Some("nginx-directives"),
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

/// `*.conf` and `sites-*/` files are nginx when most of their statements are nginx
/// directives.
fn looks_like_nginx(text: &str) -> bool {
    super::lines::dialect(text) == Some(super::lines::Dialect::Nginx)
}

/// Blocks whose contents are data, not directives: MIME types, maps, Lua code.
fn is_data_block(name: &str) -> bool {
    matches!(
        name,
        "types" | "map" | "geo" | "split_clients" | "charset_map" | "match" | "limit_except"
    ) || name.ends_with("_by_lua_block")
        || name.ends_with("_lua_block")
        || name.starts_with("perl")
}

/// A data block's name, or one slip from one (`tpes {` in a `mime.types`).
pub(super) fn is_data_block_like(name: &str) -> bool {
    const DATA_BLOCKS: &[&str] = &["types", "map", "geo", "split_clients", "charset_map"];
    is_data_block(name)
        || name.len() >= 4
            && DATA_BLOCKS
                .iter()
                .any(|block| block.len() >= 4 && crate::vocab::distance(name, block) == 1)
}

/// Directives whose first argument is a file or folder.
const PATH_DIRECTIVES: &[&str] = &[
    "alias",
    "auth_basic_user_file",
    "client_body_temp_path",
    "fastcgi_temp_path",
    "geoip_city",
    "geoip_country",
    "geoip_org",
    "grpc_ssl_certificate",
    "grpc_ssl_certificate_key",
    "grpc_ssl_trusted_certificate",
    "include",
    "load_module",
    "pid",
    "proxy_ssl_certificate",
    "proxy_ssl_certificate_key",
    "proxy_ssl_trusted_certificate",
    "proxy_temp_path",
    "root",
    "scgi_temp_path",
    "ssl_certificate",
    "ssl_certificate_key",
    "ssl_client_certificate",
    "ssl_crl",
    "ssl_dhparam",
    "ssl_password_file",
    "ssl_session_ticket_key",
    "ssl_stapling_file",
    "ssl_trusted_certificate",
    "uwsgi_temp_path",
    "xslt_stylesheet",
];

/// Directives whose first argument is an address.
const ADDRESS_DIRECTIVES: &[&str] = &[
    "fastcgi_pass",
    "grpc_pass",
    "listen",
    "memcached_pass",
    "proxy_pass",
    "scgi_pass",
    "uwsgi_pass",
];

/// Directives whose arguments are patterns, text or URIs rather than names.
const TEXT_DIRECTIVES: &[&str] = &[
    "add_header",
    "add_trailer",
    "if",
    "location",
    "log_format",
    "more_clear_headers",
    "more_set_headers",
    "more_set_input_headers",
    "return",
    "rewrite",
    "set",
    "sub_filter",
    "valid_referers",
];

/// Directives whose first argument names an HTTP field.
const HEADER_DIRECTIVES: &[&str] = &[
    "add_header",
    "fastcgi_hide_header",
    "fastcgi_pass_header",
    "grpc_hide_header",
    "grpc_pass_header",
    "grpc_set_header",
    "proxy_hide_header",
    "proxy_pass_header",
    "proxy_set_header",
    "scgi_hide_header",
    "scgi_pass_header",
    "uwsgi_hide_header",
    "uwsgi_pass_header",
];

/// Directives whose arguments are media types (`*` aside).
const MEDIA_TYPE_DIRECTIVES: &[&str] = &[
    "addition_types",
    "brotli_types",
    "charset_types",
    "default_type",
    "gzip_types",
    "sub_filter_types",
    "ssi_types",
    "xslt_types",
];

/// Directives whose argument is an OpenSSL cipher string.
const CIPHER_DIRECTIVES: &[&str] = &[
    "grpc_ssl_ciphers",
    "proxy_ssl_ciphers",
    "ssl_ciphers",
    "uwsgi_ssl_ciphers",
];

enum Token {
    Word(Word),
    End,
    Open,
    Close,
}

fn tokens(source: &str) -> Vec<Token> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b if b.is_ascii_whitespace() => i += 1,
            b'#' => i = source[i..].find('\n').map_or(bytes.len(), |n| i + n),
            b';' => {
                out.push(Token::End);
                i += 1;
            }
            b'{' => {
                out.push(Token::Open);
                i += 1;
            }
            b'}' => {
                out.push(Token::Close);
                i += 1;
            }
            quote @ (b'"' | b'\'') => {
                let start = i + 1;
                let mut j = start;
                let mut text = String::new();
                while j < bytes.len() && bytes[j] != quote {
                    if bytes[j] == b'\\' && j + 1 < bytes.len() {
                        j += 1;
                    }
                    let c = source[j..].chars().next().unwrap_or('\0');
                    text.push(c);
                    j += c.len_utf8();
                }
                out.push(Token::Word(Word {
                    text,
                    start,
                    end: j.min(bytes.len()),
                }));
                i = j + 1;
            }
            _ => {
                let start = i;
                while i < bytes.len() {
                    match bytes[i] {
                        b'$' if bytes.get(i + 1) == Some(&b'{') => {
                            i = source[i..].find('}').map_or(bytes.len(), |n| i + n + 1);
                        }
                        b if b.is_ascii_whitespace() || b == b';' || b == b'{' || b == b'}' => {
                            break
                        }
                        _ => i += 1,
                    }
                }
                out.push(Token::Word(Word {
                    text: source[start..i].to_string(),
                    start,
                    end: i,
                }));
            }
        }
    }
    out
}

/// One open block: its directive name and the `root` set inside it.
struct Block {
    name: String,
    root: Option<Word>,
    data: bool,
}

fn parse(ctx: &Lowering) -> FileFacts {
    let mut facts = FileFacts::default();
    let mut blocks: Vec<Block> = Vec::new();
    let mut statement: Vec<Word> = Vec::new();
    for token in tokens(ctx.source) {
        match token {
            Token::Word(word) => statement.push(word),
            Token::End | Token::Open => {
                let opens = matches!(token, Token::Open);
                let in_data = blocks.last().is_some_and(|b| b.data);
                // `types { text/html html htm; }`: each statement opens with a media type.
                if blocks.last().is_some_and(|b| b.name == "types") {
                    if let Some(media_type) = statement.first().filter(|w| w.text.contains('/')) {
                        facts.candidates.push(media_type.value(ctx, "media-types"));
                    }
                }
                if !in_data && !statement.is_empty() {
                    directive(ctx, &statement, &mut blocks, &mut facts);
                }
                if opens {
                    let name = statement.first().map_or(String::new(), |w| w.text.clone());
                    blocks.push(Block {
                        data: in_data || is_data_block(&name),
                        name,
                        root: None,
                    });
                }
                statement.clear();
            }
            Token::Close => {
                statement.clear();
                blocks.pop();
            }
        }
    }
    facts
}

fn directive(ctx: &Lowering, words: &[Word], blocks: &mut [Block], facts: &mut FileFacts) {
    let (name, args) = (&words[0], &words[1..]);
    let push = |facts: &mut FileFacts, kind, expr, word: &Word| {
        facts.candidates.push(Candidate {
            kind,
            expr,
            bytes: (word.start, word.end),
        });
    };
    let is_name = name.text.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !is_name {
        return;
    }
    push(
        facts,
        CandidateKind::Key("nginx-directives"),
        name.lit(ctx),
        name,
    );
    registry_values(ctx, name, args, facts);
    let root = blocks.iter().rev().find_map(|b| b.root.clone());
    let parent = blocks.last().map_or("", |b| b.name.as_str());
    let Some(first) = args.first() else {
        return;
    };
    let directive = name.text.as_str();
    match directive {
        "upstream" => facts.hosts.push(first.text.clone()),
        "server" if parent == "upstream" => {
            push(facts, CandidateKind::Address, first.lit(ctx), first);
        }
        "fastcgi_param" | "uwsgi_param" | "scgi_param"
            if first.text == "SCRIPT_FILENAME" && args.len() > 1 =>
        {
            push(facts, CandidateKind::Path, args[1].lit(ctx), &args[1]);
        }
        // URIs under the root: `try_files $uri /index.php?$args;`, `error_page 404 /404.html;`
        "try_files" | "error_page" => {
            let Some(root) = root else { return };
            for uri in args.iter().filter(|w| w.text.starts_with('/')) {
                let len = uri.text.find('?').unwrap_or(uri.text.len());
                let expr = Expr::Concat(vec![root.lit(ctx), uri.prefix(ctx, len)]);
                push(facts, CandidateKind::Path, expr, uri);
            }
        }
        // `index index.php index.html;`: file names tried in the root of whichever location
        // serves the request, so whether they exist is not known here; their extensions are
        // still written here. The unknown folder before each name stands for that root.
        "index" => {
            for name in args
                .iter()
                .filter(|a| a.text.contains('.') && !a.text.contains(['/', '$']))
            {
                let expr = Expr::Concat(vec![Expr::Unknown, name.lit(ctx)]);
                push(facts, CandidateKind::Path, expr, name);
            }
        }
        "resolver" => {
            for arg in args.iter().filter(|a| !a.text.contains('=')) {
                push(facts, CandidateKind::Address, arg.lit(ctx), arg);
            }
        }
        _ if ADDRESS_DIRECTIVES.contains(&directive) => {
            if !first.text.starts_with("unix:") {
                push(facts, CandidateKind::Address, first.lit(ctx), first);
            }
        }
        _ if PATH_DIRECTIVES.contains(&directive) => {
            push(facts, CandidateKind::Path, first.lit(ctx), first);
            if matches!(directive, "root" | "alias") {
                if let Some(block) = blocks.last_mut() {
                    block.root = Some(first.clone());
                }
            }
        }
        "error_log" | "access_log" => {
            let external = ["off", "stderr", "syslog:", "memory:"];
            if !external.iter().any(|e| first.text.starts_with(e)) {
                push(facts, CandidateKind::Path, first.lit(ctx), first);
            }
        }
        _ if TEXT_DIRECTIVES.contains(&directive) => {}
        _ => {
            for arg in args {
                push(facts, CandidateKind::String, arg.lit(ctx), arg);
            }
        }
    }
}

/// The arguments a registry speaks for: HTTP field names, media types, cipher strings and
/// every argument as a possible keyword of its directive.
fn registry_values(ctx: &Lowering, name: &Word, args: &[Word], facts: &mut FileFacts) {
    let directive = name.text.as_str();
    facts.candidates.extend(
        args.iter()
            .filter_map(|a| a.keyword_of(ctx, "nginx-arguments", name)),
    );
    if HEADER_DIRECTIVES.contains(&directive) {
        facts
            .candidates
            .extend(args.first().map(|a| a.value(ctx, "http-fields")));
    } else if MEDIA_TYPE_DIRECTIVES.contains(&directive) {
        facts.candidates.extend(
            args.iter()
                .filter(|a| a.text.contains('/'))
                .map(|a| a.value(ctx, "media-types")),
        );
    } else if CIPHER_DIRECTIVES.contains(&directive) {
        for arg in args {
            facts.candidates.extend(
                arg.cipher_words()
                    .iter()
                    .map(|w| w.value(ctx, "openssl-ciphers")),
            );
        }
    } else if let Some(clears) = directive
        .strip_prefix("more_")
        .and_then(|d| d.strip_suffix("_headers"))
    {
        // headers-more: `more_set_headers -s 404 -t text/html 'Name: value';`, where
        // `-s` and `-t` take an argument of their own.
        let mut skip = false;
        for arg in args {
            if std::mem::take(&mut skip) {
                continue;
            }
            if arg.text.starts_with('-') {
                skip = matches!(arg.text.as_str(), "-s" | "-t");
                continue;
            }
            let end = arg.text.find(':').unwrap_or(arg.text.len());
            let named = clears.starts_with("clear") || end < arg.text.len();
            if let Some(field) = arg.part(0..end).filter(|_| named) {
                facts.candidates.push(field.value(ctx, "http-fields"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, CandidateKind};
    use crate::lang::{testing, Language};

    const SITE: &str = r#"
upstream backend {
    server 10.0.0.1:8080 weight=5;
}
types { text/html html; }
server {
    listen 80;
    root /var/www/html;
    index index.php index.htlm $index /index.html;
    include snippets/fastcgi-php.conf; # a comment
    location / {
        try_files $uri $uri/ /index.php?$args;
        proxy_pass http://auth-service:8080;
    }
    location ~ \.php$ {
        fastcgi_pass 127.0.0.1:9000;
        content_by_lua_block { ngx.say("x; y") }
    }
    ssl_certificate "/etc/ssl/certs/a b.pem";
}
"#;

    #[test]
    fn directives_paths_and_addresses() {
        let facts = extract(Language::by_id("nginx").unwrap(), SITE, 0);
        assert_eq!(facts.hosts, ["backend"]);
        let of = |kind: CandidateKind| testing::candidates(&facts, kind);
        assert_eq!(
            of(CandidateKind::Key("nginx-directives")),
            [
                "upstream",
                "server",
                "types",
                "server",
                "listen",
                "root",
                "index",
                "include",
                "location",
                "try_files",
                "proxy_pass",
                "location",
                "fastcgi_pass",
                "content_by_lua_block",
                "ssl_certificate"
            ]
        );
        assert_eq!(
            of(CandidateKind::Address),
            [
                "10.0.0.1:8080",
                "80",
                "http://auth-service:8080",
                "127.0.0.1:9000"
            ]
        );
        assert_eq!(
            of(CandidateKind::Path),
            [
                "/var/www/html",
                "index.php",
                "index.htlm",
                "snippets/fastcgi-php.conf",
                "/var/www/html/index.php",
                "/etc/ssl/certs/a b.pem"
            ]
        );
    }
}
