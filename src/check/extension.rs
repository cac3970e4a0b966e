//! `extension-typo`: a file extension one or two edits from a known one.
use super::resolve::{Resolved, State};
use super::{literal_of, Findings, Rule};
use crate::expr::UNKNOWN;
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    id: "extension-typo",
    summary: "A file extension that is not a known one but is one or two edits from one",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/extension-typo.md"),
};

pub fn check(resolved: &Resolved, out: &mut Findings) {
    let Some(component) = resolved.components.iter().find(|c| c.last) else {
        return;
    };
    // `/blogs.dir/`: a folder, whose dotted name is no file extension.
    let folder = resolved.value.text[component.range.end..].starts_with('/');
    if component.state == State::Exists || folder {
        return;
    }
    let name = resolved.text(component);
    let Some(dot) = name.rfind('.') else {
        return;
    };
    let (stem, extension) = (&name[..dot], &name[dot + 1..]);
    // `$name . '.phpp'`: the stem may be unknown, the extension is still written here.
    let stem_known = stem.chars().any(|c| c.is_alphanumeric()) || stem.ends_with(UNKNOWN);
    if !stem_known
        || stem.ends_with('.')
        || !(2..=8).contains(&extension.len())
        || !extension.starts_with(|c: char| c.is_ascii_alphabetic())
        || !extension.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return;
    }
    let lower = extension.to_ascii_lowercase();
    let vocab = out.vocab();
    if vocab.extensions.contains(&lower) {
        return;
    }
    let short_slips = super::short_extension_slips(&lower, vocab);
    // What the tree shows beyond the vocabulary: the file the slip was meant for
    // (`layout.php` beside `layout.phpp`), or, where the stem is not known here
    // (`"$font.pfb"`), some file with the meant extension.
    let index = out.index();
    let in_tree = |meant: &str| {
        if stem.contains(UNKNOWN) || stem.is_empty() {
            index.has_extension(meant)
        } else {
            index.has_file_named(&format!("{stem}.{}", match_case(extension, meant)))
        }
    };
    // Deploy extensions first; a guessed path (a plain string) only ever matches those.
    // At two letters every extension is one edit from dozens: only a hand's likeliest
    // slips (`jx`, `sj` for `js`) count.
    let mut near: Vec<&str> = if lower.len() == 2 {
        short_slips.clone()
    } else {
        vocab.deploy_extensions.nearest(&lower, 1, &vocab.pairs)
    };
    // Two slips only where the path must be one and the tree holds what it was meant to be.
    if near.is_empty() && resolved.certain() && lower.len() >= 5 {
        near = vocab.deploy_extensions.nearest(&lower, 2, &vocab.pairs);
        near.retain(|e| in_tree(e));
    }
    // A short one (`.gen`, `.pfb`) is as likely a real extension missing from the
    // vocabulary; five letters or more (`/etc/mime.tpyes`) rarely are.
    if near.is_empty() && resolved.certain() && lower.len() > 2 {
        near = vocab.extensions.nearest(&lower, 1, &vocab.pairs);
        near.retain(|e| lower.len() >= 5 || in_tree(e));
    }
    // Where the vocabulary alone is weak evidence, the tree must hold what was meant:
    // - a plain dotted word is a name (an API path, an item key: `firewall.ssh`) more
    //   often than a file;
    // - two letters (`.te` beside `.ts`, `open("hosts.pk")`) are a real extension as
    //   often as a slip, unless the path lies in a system folder
    //   (`/usr/lib/apache2/modules/mod_alias.os`);
    // - a plain path written whole under no folder of the tree or the system
    //   (`'/path/to/histdir/.app.hist'`) is an example; one built on a variable
    //   (`$cssPath . '/x.csa'`) lies where the program puts it.
    let text = resolved.value.text.as_str();
    let in_system = super::is_system_path(text.trim_start());
    let unplaced = component.state == State::Unchecked && !text.contains(UNKNOWN) && !in_system;
    let needs_tree = if resolved.certain() {
        lower.len() == 2 && !in_system
    } else {
        !text.contains('/') || lower.len() == 2 || unplaced
    };
    if needs_tree {
        near.retain(|e| in_tree(e));
    }
    let near: Vec<String> = near.into_iter().map(str::to_string).collect();
    let meant = vocab.english.contains(&lower) || vocab.not_extensions.contains(&lower);
    let guessed = !resolved.certain() || !stem.chars().any(|c| c.is_alphanumeric());
    // `cache.adapter.pdo`: a dotted name, not a file, unless it stands where a path must
    // or under a folder (`/notification/body.txt.twigg`).
    let dotted_name =
        !resolved.certain() && stem.contains('.') && !resolved.value.text.contains('/');
    let too_short = lower.len() < 3 && short_slips.is_empty();
    if near.is_empty() || dotted_name || (guessed && (too_short || meant)) {
        return;
    }
    // Only the extension itself must stand in one literal.
    let extension_range = component.range.start + dot + 1..component.range.end;
    let Some((lit, range)) = literal_of(resolved.value, &extension_range) else {
        return;
    };
    let replacements: Vec<String> = near.iter().map(|e| match_case(extension, e)).collect();
    let message = match near.as_slice() {
        [one] => format!("`.{extension}` is not a file extension; did you mean `.{one}`?"),
        many => format!(
            "`.{extension}` is not a file extension; it is one edit from {}",
            many.iter()
                .map(|e| format!("`.{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    out.on_literal(&RULE, lit, range, &replacements, message);
}

/// Keeps the author's case: `.PHPP` → `.PHP`.
fn match_case(found: &str, known: &str) -> String {
    if found
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        known.to_ascii_uppercase()
    } else {
        known.to_string()
    }
}
