//! Apache httpd configuration and `.htaccess`, read line by line: no tree-sitter grammar
//! for it is published. Directive names are case-insensitive; arguments are words with
//! double or single quotes; a trailing backslash continues a line.
use super::lines::{logical_lines, words, Word};
use super::{is_address_key, Grammar, Language, Lowering};
use crate::expr::Expr;
use crate::extract::{Candidate, CandidateKind, FileFacts};

pub const LANGUAGE: Language = Language {
    id: "apache",
    extensions: &[],
    shebangs: &[],
    globs: &[
        ".htaccess",
        "httpd.conf",
        "apache2.conf",
        "**/apache2/**/*.conf",
        "**/httpd/**/*.conf",
        "**/mods-available/*.load",
        "**/mods-enabled/*.load",
        "?*.conf",
        "?**/sites-available/*",
        "?**/sites-enabled/*",
    ],
    sniff: Some(looks_like_apache),
    keys: Some("apache-directives"),
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

/// `*.conf` and `sites-*/` files are Apache when most of their lines are Apache directives.
fn looks_like_apache(text: &str) -> bool {
    super::lines::dialect(text) == Some(super::lines::Dialect::Apache)
}

/// Directives and the position of their file or folder argument.
const PATH_ARGUMENTS: &[(&str, usize)] = &[
    ("alias", 1),
    ("authgroupfile", 0),
    ("authuserfile", 0),
    ("documentroot", 0),
    ("include", 0),
    ("includeoptional", 0),
    ("loadfile", 0),
    ("loadmodule", 1),
    ("mimemagicfile", 0),
    ("pidfile", 0),
    ("scriptalias", 1),
    ("serverroot", 0),
    ("sslcacertificatefile", 0),
    ("sslcacertificatepath", 0),
    ("sslcertificatechainfile", 0),
    ("sslcertificatefile", 0),
    ("sslcertificatekeyfile", 0),
    ("typesconfig", 0),
    ("wsgiscriptalias", 1),
    ("<directory", 0),
];

/// Directives whose arguments are patterns, expressions, headers or prose.
const TEXT_DIRECTIVES: &[&str] = &[
    "addcharset",
    "adddescription",
    "addhandler",
    "addoutputfilter",
    "addoutputfilterbytype",
    "addtype",
    "aliasmatch",
    "authname",
    "browsermatch",
    "browsermatchnocase",
    "define",
    "errordocument",
    "header",
    "headername",
    "indexignore",
    "indexoptions",
    "logformat",
    "options",
    "redirect",
    "redirectmatch",
    "requestheader",
    "require",
    "rewritecond",
    "rewriterule",
    "scriptaliasmatch",
    "serversignature",
    "setenvif",
    "setenvifnocase",
    "<directorymatch",
    "<files",
    "<filesmatch",
    "<if",
    "<elseif",
    "<ifdefine",
    "<ifmodule",
    "<location",
    "<locationmatch",
];

fn parse(ctx: &Lowering) -> FileFacts {
    let mut facts = FileFacts::default();
    // The DocumentRoot of the enclosing virtual host (or of the server), for URL paths.
    let mut roots: Vec<Option<Word>> = vec![None];
    for (start, end) in logical_lines(ctx.source) {
        let line = &ctx.source[start..end];
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut all = words(ctx.source, start, end);
        if let Some(last) = all
            .last_mut()
            .filter(|w| w.text.ends_with('>') && trimmed.starts_with('<'))
        {
            last.text.pop();
            last.end -= 1;
            if last.text.is_empty() {
                all.pop();
            }
        }
        let Some(name) = all.first().cloned() else {
            continue;
        };
        if name.text.starts_with("</") {
            if name.text.eq_ignore_ascii_case("</virtualhost") && roots.len() > 1 {
                roots.pop();
            }
            continue;
        }
        let lower = name.text.to_ascii_lowercase();
        if lower == "<virtualhost" {
            roots.push(None);
        }
        directive(ctx, &lower, &name, &all[1..], &mut roots, &mut facts);
    }
    facts
}

fn directive(
    ctx: &Lowering,
    lower: &str,
    name: &Word,
    args: &[Word],
    roots: &mut [Option<Word>],
    facts: &mut FileFacts,
) {
    let push = |facts: &mut FileFacts, kind, expr, word: &Word| {
        facts.candidates.push(Candidate {
            kind,
            expr,
            bytes: (word.start, word.end),
        });
    };
    let bare = name.text.trim_start_matches('<');
    if bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && bare.len() > 1 {
        let offset = name.text.len() - bare.len();
        let key = Word {
            text: bare.to_string(),
            start: name.start + offset,
            end: name.end,
        };
        push(
            facts,
            CandidateKind::Key("apache-directives"),
            key.lit(ctx),
            &key,
        );
    }
    registry_values(ctx, lower, name, args, facts);
    let root = roots.iter().rev().find_map(Clone::clone);
    match lower {
        "<virtualhost" | "listen" | "proxypass" | "proxypassreverse" => {
            let at = usize::from(lower.starts_with("proxy"));
            for arg in args
                .iter()
                .skip(at)
                .take(if at == 1 { 1 } else { args.len() })
            {
                push(facts, CandidateKind::Address, arg.lit(ctx), arg);
            }
            return;
        }
        "servername" => {
            if let Some(arg) = args.first() {
                push(facts, CandidateKind::Address, arg.lit(ctx), arg);
            }
            return;
        }
        // ServerAdmin webmaster@localhost: the mail domain is a host.
        "serveradmin" => {
            let domain = args.first().and_then(|arg| {
                let at = arg.text.find('@')?;
                (arg.end - arg.start == arg.text.len() && !arg.text.contains("://")).then(|| Word {
                    text: arg.text[at + 1..].to_string(),
                    start: arg.start + at + 1,
                    end: arg.end,
                })
            });
            if let Some(domain) = domain {
                push(facts, CandidateKind::Address, domain.lit(ctx), &domain);
            }
            return;
        }
        "setenv" if args.len() > 1 && is_address_key(&args[0].text) => {
            push(facts, CandidateKind::Address, args[1].lit(ctx), &args[1]);
            return;
        }
        // php_value upload_max_filesize 64M: the name is a php.ini directive.
        "php_value" | "php_flag" | "php_admin_value" | "php_admin_flag" => {
            if let Some(setting) = args.first() {
                push(
                    facts,
                    CandidateKind::Key("php-ini"),
                    setting.lit(ctx),
                    setting,
                );
            }
            return;
        }
        "directoryindex" => {
            for file in args
                .iter()
                .filter(|a| !a.text.eq_ignore_ascii_case("disabled"))
            {
                push(
                    facts,
                    CandidateKind::Path,
                    index_path(ctx, root.as_ref(), file),
                    file,
                );
            }
            return;
        }
        // ErrorDocument 404 /errors/404.html: a URL path under the DocumentRoot.
        "errordocument" => {
            if let Some(target) = args.get(1).filter(|t| t.text.starts_with('/')) {
                push(
                    facts,
                    CandidateKind::Path,
                    under_root(ctx, root.as_ref(), target),
                    target,
                );
            }
            return;
        }
        // RewriteRule PATTERN TARGET [FLAGS]: a target that names a file.
        "rewriterule" => {
            if let Some(target) = args.get(1).filter(|t| is_file_target(&t.text)) {
                let len = target.text.find('?').unwrap_or(target.text.len());
                let target = Word {
                    text: target.text[..len].to_string(),
                    start: target.start,
                    end: target.start + len,
                };
                let expr = if target.text.starts_with('/') {
                    under_root(ctx, root.as_ref(), &target)
                } else {
                    Expr::Concat(vec![Expr::FileDir, slash(ctx, &target), target.lit(ctx)])
                };
                push(facts, CandidateKind::Path, expr, &target);
            }
            return;
        }
        _ => {}
    }
    if let ("loadmodule", [module, file, ..]) = (lower, args) {
        if let Expr::Lit(name) = module.lit(ctx) {
            let entry = Expr::Dict(vec![(name, file.lit(ctx))]);
            push(facts, CandidateKind::ModuleFile, entry, file);
        }
    }
    if let Some((_, at)) = PATH_ARGUMENTS.iter().find(|(n, _)| *n == lower) {
        if let Some(path) = args.get(*at) {
            push(facts, CandidateKind::Path, path.lit(ctx), path);
            if lower == "documentroot" {
                if let Some(last) = roots.last_mut() {
                    *last = Some(path.clone());
                }
            }
        }
        return;
    }
    if matches!(lower, "errorlog" | "customlog" | "transferlog") {
        if let Some(path) = args
            .first()
            .filter(|p| !p.text.starts_with('|') && !p.text.starts_with("syslog"))
        {
            push(facts, CandidateKind::Path, path.lit(ctx), path);
        }
        return;
    }
    if TEXT_DIRECTIVES.contains(&lower) || lower.starts_with('<') {
        return;
    }
    for arg in args {
        push(facts, CandidateKind::String, arg.lit(ctx), arg);
    }
}

/// `DirectoryIndex index.php`: in `.htaccess` the folder of the file; in a server
/// configuration, the DocumentRoot when one is set.
/// The arguments a registry speaks for: each argument as a possible keyword of its
/// directive (`Options +Indexs`, `SSLOptions +StdEnvVars` without the sign), the HTTP field of `Header` and
/// `RequestHeader` (after the action and its optional condition), media types and the
/// words of a cipher string.
fn registry_values(ctx: &Lowering, lower: &str, name: &Word, args: &[Word], facts: &mut FileFacts) {
    // `Require method GET POST`: past the provider (and `all`'s word, `not`'s provider),
    // the words are the provider's own.
    let keywords = if lower == "require" {
        let lead = args.first().map(|a| a.text.to_ascii_lowercase());
        if matches!(lead.as_deref(), Some("all" | "not")) {
            2
        } else {
            1
        }
    } else {
        args.len()
    };
    for arg in args.iter().take(keywords) {
        let signed = lower.ends_with("options") && arg.text.starts_with(['+', '-']);
        let sign = usize::from(signed);
        let word = if sign == 1 {
            arg.part(1..arg.text.len())
        } else {
            Some(arg.clone())
        };
        facts
            .candidates
            .extend(word.and_then(|w| w.keyword_of(ctx, "apache-arguments", name)));
    }
    match lower {
        "header" | "requestheader" => {
            let condition = usize::from(args.first().is_some_and(|a| {
                a.text.eq_ignore_ascii_case("always") || a.text.eq_ignore_ascii_case("onsuccess")
            }));
            let action = args.get(condition).map(|a| a.text.to_ascii_lowercase());
            let named = matches!(
                action.as_deref(),
                Some(
                    "set"
                        | "append"
                        | "add"
                        | "merge"
                        | "setifempty"
                        | "unset"
                        | "echo"
                        | "edit"
                        | "edit*"
                )
            );
            if let Some(field) = args.get(condition + 1).filter(|_| named) {
                facts.candidates.push(field.value(ctx, "http-fields"));
            }
        }
        "addtype" | "forcetype" | "expiresbytype" => {
            facts.candidates.extend(
                args.first()
                    .filter(|a| a.text.contains('/'))
                    .map(|a| a.value(ctx, "media-types")),
            );
        }
        "addoutputfilterbytype" => {
            facts.candidates.extend(
                args.iter()
                    .skip(1)
                    .filter(|a| a.text.contains('/'))
                    .map(|a| a.value(ctx, "media-types")),
            );
        }
        "sslciphersuite" | "sslproxyciphersuite" => {
            // `SSLCipherSuite TLSv1.3 TLS_AES_256_GCM_SHA384`: the last word is the list.
            if let Some(list) = args.last() {
                facts.candidates.extend(
                    list.cipher_words()
                        .iter()
                        .map(|w| w.value(ctx, "openssl-ciphers")),
                );
            }
        }
        _ => {}
    }
}

fn index_path(ctx: &Lowering, root: Option<&Word>, file: &Word) -> Expr {
    if file.text.starts_with('/') {
        return under_root(ctx, root, file);
    }
    match root {
        Some(root) => Expr::Concat(vec![root.lit(ctx), slash(ctx, file), file.lit(ctx)]),
        None => Expr::Concat(vec![Expr::FileDir, slash(ctx, file), file.lit(ctx)]),
    }
}

/// A URL path under the DocumentRoot, or under the folder of an `.htaccess`.
fn under_root(ctx: &Lowering, root: Option<&Word>, path: &Word) -> Expr {
    match root {
        Some(root) => Expr::Concat(vec![root.lit(ctx), path.lit(ctx)]),
        None => Expr::Concat(vec![Expr::FileDir, path.lit(ctx)]),
    }
}

/// A `/` standing for no text of the file, between a folder and a name.
fn slash(ctx: &Lowering, at: &Word) -> Expr {
    let lit = crate::expr::Lit {
        text: "/".to_string(),
        file: ctx.file,
        span: ctx.span(at.start, at.start),
        exact: false,
    };
    Expr::Lit(std::sync::Arc::new(lit))
}

/// A rewrite target that names a file: no back-references, variables or URLs.
fn is_file_target(target: &str) -> bool {
    target != "-"
        && !target.contains(['$', '%'])
        && !target.contains("://")
        && target
            .split('?')
            .next()
            .and_then(|path| path.rsplit('/').next())
            .is_some_and(|name| name.contains('.'))
}

#[cfg(test)]
mod tests {
    use crate::expr::{Scope, Symbols};
    use crate::extract::{extract, CandidateKind};
    use crate::lang::{testing, Language};

    #[test]
    fn directives_sections_and_paths() {
        let source = "\
<VirtualHost *:80>
    ServerName example.org
    DocumentRoot /var/www/html
    ErrorDocument 404 /errors/404.html
    DirectoryIndex index.php index.html
    <Directory /var/www/html>
        AllowOverride All
    </Directory>
    ProxyPass /api http://auth-service:8080/
    ErrorLog ${APACHE_LOG_DIR}/error.log
</VirtualHost>
";
        let facts = extract(Language::by_id("apache").unwrap(), source, 0);
        let of = |kind: CandidateKind| testing::candidates(&facts, kind);
        assert_eq!(
            of(CandidateKind::Key("apache-directives")),
            [
                "VirtualHost",
                "ServerName",
                "DocumentRoot",
                "ErrorDocument",
                "DirectoryIndex",
                "Directory",
                "AllowOverride",
                "ProxyPass",
                "ErrorLog"
            ]
        );
        assert_eq!(
            of(CandidateKind::Address),
            ["*:80", "example.org", "http://auth-service:8080/"]
        );
        assert_eq!(
            of(CandidateKind::Path),
            [
                "/var/www/html",
                "/var/www/html/errors/404.html",
                "/var/www/html/index.php",
                "/var/www/html/index.html",
                "/var/www/html",
                "${APACHE_LOG_DIR}/error.log"
            ]
        );
    }

    #[test]
    fn htaccess_targets_resolve_from_its_folder() {
        let source =
            "RewriteEngine On\nRewriteRule ^ index.php [L]\nphp_value upload_max_filesize 64M\n";
        let facts = extract(Language::by_id("apache").unwrap(), source, 0);
        let symbols = Symbols::new(vec!["public/.htaccess".into()], Vec::new());
        let scope = Scope {
            file: 0,
            file_path: "public/.htaccess",
            symbols: &symbols,
        };
        let paths: Vec<String> = facts
            .candidates
            .iter()
            .filter(|c| c.kind == CandidateKind::Path)
            .map(|c| scope.evaluate(&c.expr).text)
            .collect();
        assert_eq!(paths, ["/public/index.php"]);
        assert!(facts
            .candidates
            .iter()
            .any(|c| c.kind == CandidateKind::Key("php-ini")
                && testing::text(&c.expr) == "upload_max_filesize"));
    }
}
