//! Shared objects loaded under a module name (`LoadModule ssl_module .../mod_ssl.so`):
//! the file's extension and its conventional name are known from the directive itself,
//! even though the file lies outside the repository.
use super::{edit_budget, extension, path, Findings};
use crate::expr::{Expr, Lit};
use crate::vocab::{distance, is_plausible_typo};

/// Extensions a loaded module's file has: `.so`, or `.dll` on Windows.
const MODULE_EXTENSIONS: &[&str] = &["so", "dll"];

pub fn check(entry: &Expr, out: &mut Findings) {
    let Expr::Dict(pairs) = entry else {
        return;
    };
    let [(module, Expr::Lit(file))] = pairs.as_slice() else {
        return;
    };
    let name_at = file.text.rfind('/').map_or(0, |i| i + 1);
    let name = &file.text[name_at..];
    let Some(dot) = name.rfind('.') else {
        return;
    };
    let (stem, suffix) = (&name[..dot], &name[dot + 1..]);
    let stem_at = name_at;
    let suffix_at = name_at + dot + 1;
    if let Some(known) = misspelt_extension(suffix) {
        out.on_literal(
            &extension::RULE,
            file,
            suffix_at..file.text.len(),
            &[known.to_string()],
            format!("a loaded module is a `.{known}` file; `.{suffix}` is a typo of `.{known}`"),
        );
        return;
    }
    if let Some(expected) = conventional_stem(module, stem) {
        out.on_literal(
            &path::RULE,
            file,
            stem_at..stem_at + stem.len(),
            std::slice::from_ref(&expected),
            format!(
                "`{}` is loaded from `{stem}.{suffix}`; its file is named `{expected}.{suffix}`",
                module.text
            ),
        );
    }
}

/// `.si`, `.soo`, `.os` for `.so`: one slip from the only extension a module can have.
fn misspelt_extension(suffix: &str) -> Option<&'static str> {
    let lower = suffix.to_ascii_lowercase();
    if MODULE_EXTENSIONS.contains(&lower.as_str()) {
        return None;
    }
    MODULE_EXTENSIONS
        .iter()
        .copied()
        .find(|known| distance(&lower, known) == 1)
}

/// `mod_autthz_core` loaded as `authz_core_module`: Apache names a module's file
/// `mod_<name>` after the module; a stem one slip from that name is a typo of it.
fn conventional_stem(module: &Lit, stem: &str) -> Option<String> {
    let name = module.text.strip_suffix("_module")?;
    let expected = format!("mod_{name}");
    let close = stem != expected
        && distance(stem, &expected) <= edit_budget(&expected)
        && is_plausible_typo(stem, &expected);
    close.then_some(expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(text: &str) -> Lit {
        Lit {
            text: text.to_string(),
            file: 0,
            span: crate::finding::Span::default(),
            exact: true,
        }
    }

    #[test]
    fn module_file_names_follow_the_module() {
        assert_eq!(misspelt_extension("soo"), Some("so"));
        assert_eq!(misspelt_extension("os"), Some("so"));
        assert_eq!(misspelt_extension("so"), None);
        assert_eq!(misspelt_extension("dll"), None);
        assert_eq!(misspelt_extension("sh"), Some("so"));
        let ssl = lit("ssl_module");
        assert_eq!(
            conventional_stem(&ssl, "mdo_ssl").as_deref(),
            Some("mod_ssl")
        );
        assert_eq!(conventional_stem(&ssl, "mod_ssl"), None);
        // Third-party modules name their files as they please.
        assert_eq!(conventional_stem(&lit("php_module"), "libphp8.2"), None);
        assert_eq!(conventional_stem(&lit("wsgi_module"), "mod_wsgi_py3"), None);
    }
}
