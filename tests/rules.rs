//! Framework knowledge: each rule's fixture fires exactly and its clean twin is silent,
//! and the registry keeps every rule documented and covered.
mod common;

use common::{check_json, fixture, row, typo_gate, Row};

/// Every rule and the fixture that shows it firing (`bad/`) and silent (`clean/`).
const FIXTURES: &[(&str, &str)] = &[
    ("path-whitespace", "trailing-space"),
    ("extension-typo", "wordpress-phpp"),
    ("path-typo", "path-typo"),
    ("word-typo", "django-statec"),
    ("address-typo", "auth-address"),
    ("setting-typo", "setting-typo"),
    ("module-typo", "module-typo"),
    ("constant-typo", "constant-typo"),
    ("ini-typo", "ini-typo"),
    ("key-typo", "formats/compose"),
    ("value-typo", "value-typo"),
    ("unused-suppression", "unused-suppression"),
];

fn assert_fixture(name: &str, expected: Vec<Row>) {
    let bad = check_json(&[&fixture(name).join("bad")], &[]);
    assert_eq!(bad.rows(), expected, "{name}/bad");
    assert_eq!(bad.code, 1);
    let clean = check_json(&[&fixture(name).join("clean")], &[]);
    assert_eq!(clean.rows(), Vec::<Row>::new(), "{name}/clean");
    assert_eq!(clean.code, 0);
}

#[test]
fn every_rule_is_documented_and_has_firing_and_clean_fixtures() {
    let output = typo_gate().arg("rules").output().unwrap();
    let listed: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    let covered: Vec<&str> = FIXTURES.iter().map(|(rule, _)| *rule).collect();
    assert_eq!(listed, covered, "each rule needs a row in FIXTURES");
    for (rule, name) in FIXTURES {
        let explain = typo_gate().args(["explain", rule]).output().unwrap();
        let docs = String::from_utf8(explain.stdout).unwrap();
        for section in [
            "## What it catches",
            "## Why it matters",
            "## Example",
            "## How to silence it",
        ] {
            assert!(docs.contains(section), "{rule} docs lack {section}");
        }
        let bad = check_json(&[&fixture(name).join("bad")], &[]);
        assert!(
            bad.rows().iter().any(|r| r.0 == *rule),
            "{rule} does not fire on {name}/bad"
        );
        let clean = check_json(&[&fixture(name).join("clean")], &[]);
        assert!(
            clean.rows().is_empty(),
            "{name}/clean is not clean: {:?}",
            clean.rows()
        );
    }
}

#[test]
fn django_settings_and_dictionary_keys() {
    assert_fixture(
        "setting-typo",
        vec![
            row(
                "setting-typo",
                "blog/blog/settings.py",
                5,
                9,
                "HOST",
                Some("HOSTS"),
            ),
            row(
                "setting-typo",
                "blog/blog/settings.py",
                13,
                10,
                "NAEM",
                Some("NAME"),
            ),
        ],
    );
}

#[test]
fn dotted_module_paths() {
    assert_fixture(
        "module-typo",
        vec![
            row(
                "module-typo",
                "blog/blog/settings.py",
                4,
                21,
                "staticfile",
                Some("staticfiles"),
            ),
            row(
                "module-typo",
                "blog/blog/settings.py",
                6,
                6,
                "post",
                Some("posts"),
            ),
            row(
                "module-typo",
                "blog/blog/settings.py",
                10,
                48,
                "Middlware",
                Some("Middleware"),
            ),
            row(
                "module-typo",
                "blog/manage.py",
                3,
                55,
                "setings",
                Some("settings"),
            ),
        ],
    );
}

#[test]
fn php_constants_defined_or_read() {
    assert_fixture(
        "constant-typo",
        vec![
            row(
                "constant-typo",
                "site/shop.php",
                3,
                12,
                "CURENCY",
                Some("CURRENCY"),
            ),
            row(
                "constant-typo",
                "site/wp-config.php",
                3,
                13,
                "DEGUB",
                Some("DEBUG"),
            ),
        ],
    );
}

#[test]
fn php_ini_directives() {
    assert_fixture(
        "ini-typo",
        vec![
            row(
                "ini-typo",
                "app/bootstrap.php",
                2,
                11,
                "dispaly",
                Some("display"),
            ),
            row(
                "ini-typo",
                "app/bootstrap.php",
                4,
                31,
                "filesise",
                Some("filesize"),
            ),
        ],
    );
}

#[test]
fn server_values_against_their_registries() {
    let v = |path, line, column, found, suggestion| {
        row("value-typo", path, line, column, found, Some(suggestion))
    };
    assert_fixture(
        "value-typo",
        vec![
            v(".htaccess", 1, 10, "Indexs", "Indexes"),
            v(".htaccess", 2, 13, "grnated", "granted"),
            v(".htaccess", 3, 27, "Optoins", "Options"),
            v(".htaccess", 4, 29, "phpp", "php"),
            v(".htaccess", 5, 19, "Vras", "Vars"),
            v("etc/nginx.conf", 3, 23, "htlm", "html"),
            v("etc/nginx.conf", 4, 10, "of", "off"),
            v("etc/nginx.conf", 5, 23, "RAS", "RSA"),
            v("etc/nginx.conf", 7, 24, "defualt", "default"),
            v("etc/nginx.conf", 8, 37, "Secrity", "Security"),
        ],
    );
}

#[test]
fn keys_held_to_the_repositorys_own() {
    // Fires: a key written once, no word, one slip from a key of three files or more.
    // Silent: `sence` is written in a string elsewhere, `apiVersion` is another tool's
    // spelling of `api_version`, `listens` and `groups` stand beside their singulars,
    // `https_port` differs from `http_port` in a word the repository writes (`https://`).
    assert_fixture(
        "key-consensus",
        vec![
            row(
                "key-typo",
                "commands/incr.json",
                4,
                10,
                "aarity",
                Some("arity"),
            ),
            row(
                "key-typo",
                "conf/cron.ini",
                3,
                1,
                "wokrers",
                Some("workers"),
            ),
        ],
    );
}

#[test]
fn keys_and_values_held_to_their_schemas() {
    // Fires: a key a file's published schema does not allow where it stands, one slip from
    // one it does, and a value one slip from the values its position takes. Silent: a
    // script's own name (`biuld`: the position takes any name), a Compose extension key
    // (`x-notes`), a variable where a boolean stands, a TOML array of tables.
    assert_fixture(
        "schema-typo",
        vec![
            row(
                "value-typo",
                ".github/dependabot.yml",
                6,
                17,
                "weeky",
                Some("weekly"),
            ),
            row(
                "key-typo",
                ".github/workflows/ci.yml",
                6,
                13,
                "minuts",
                Some("minutes"),
            ),
            row(
                "key-typo",
                ".github/workflows/ci.yml",
                9,
                9,
                "wiht",
                Some("with"),
            ),
            row("value-typo", "compose.yaml", 4, 17, "treu", Some("true")),
            row("value-typo", "package.json", 3, 12, "modle", Some("module")),
            row("key-typo", "package.json", 4, 4, "engins", Some("engines")),
            row(
                "key-typo",
                "pyproject.toml",
                3,
                1,
                "desciption",
                Some("description"),
            ),
        ],
    );
}

#[test]
fn values_held_to_the_repositorys_own() {
    // Fires: a word of a value written nowhere else, one slip from a word the values of
    // two files write. Silent: a plural, a word grown by a letter, a camel-case name whose
    // changed part the repository writes (`HGET`), the words of a sentence, a word in a
    // list of names written nowhere else (`registri` among `mirrorq`, `cachezz`), a word
    // beside the one it is near in the same list (`unless-stoped` after `unless-stopped`),
    // two words run together when the one that differs is written elsewhere (`bask` in
    // `baskends`; without it, `baskends` is a slip in `backends`), a translation's word
    // (`stoppet` in `nb.yml`, `stoppad` in `translations/`, `fr: exemple` in a mapping
    // keyed by language).
    assert_fixture(
        "value-consensus",
        vec![
            row(
                "value-typo",
                "deploy/cron.yml",
                6,
                37,
                "postgrseql",
                Some("postgresql"),
            ),
            row(
                "value-typo",
                "deploy/mirrors.yml",
                3,
                7,
                "registri",
                Some("registry"),
            ),
            row(
                "value-typo",
                "deploy/mirrors.yml",
                5,
                14,
                "stoped",
                Some("stopped"),
            ),
            row(
                "value-typo",
                "deploy/mirrors.yml",
                7,
                7,
                "baskends",
                Some("backends"),
            ),
            row(
                "value-typo",
                "deploy/worker.yml",
                4,
                14,
                "unles",
                Some("unless"),
            ),
        ],
    );
}

#[test]
fn php_arrays_are_held_to_the_repository_s_keys_and_values() {
    // Fires: a key of a returned configuration array (read without the parser) one slip
    // from the key three other files write, and a value of an array in code one slip from
    // a value other files write. Silent: a table of data whose values are all unknown.
    assert_fixture(
        "php-arrays",
        vec![
            row(
                "key-typo",
                "config/mail.php",
                5,
                6,
                "timezome",
                Some("timezone"),
            ),
            row("value-typo", "src/Mailer.php", 5, 26, "rdis", Some("redis")),
        ],
    );
}
