//! What every target shares: a few other paths of the repository, and the call itself.

use typo_gate::lang::Language;

/// Other paths of the checked repository; a trailing `/` marks a folder.
pub const OTHERS: &[&str] = &["static/", "inc.php", "templates/", "app/main.py"];

/// Checks `bytes` as the file `path` of the language `id`. Findings and `NotRead` are
/// both fine outcomes; only a panic, a hang or a blow-up is a bug.
pub fn check(path: &str, id: &str, bytes: &[u8]) {
    let language = Language::by_id(id).expect("a known language id");
    let _ = typo_gate::check_text(path, Some(language), bytes, OTHERS);
}
