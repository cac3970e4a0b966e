#![no_main]

mod common;

/// The YAML family: the first byte picks the language (and a file name it would have).
const KINDS: &[(&str, &str)] = &[
    ("config.yml", "yaml"),
    ("docker-compose.yml", "compose"),
    (".github/workflows/ci.yml", "github-workflow"),
    ("roles/web/tasks/main.yml", "ansible-tasks"),
    ("site.yml", "ansible"),
];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some((&pick, rest)) = data.split_first() {
        let (path, id) = KINDS[usize::from(pick) % KINDS.len()];
        common::check(path, id, rest);
    }
});
