//! Look-alikes met in clean Debian packages outside the benchmark corpora (Ansible and
//! its collections, DokuWiki, Icinga Web, Zabbix, Graphite, Composer): each case's
//! `clean/` fixture holds the constructs that once drew a finding and must stay silent,
//! and its `bad/` twin the slip of the same shape, which still fires exactly.
mod common;

use common::{assert_bad_and_clean, fixture, Expected};

fn assert_case(case: &str, expected: &[Expected]) {
    assert_bad_and_clean(&fixture("lookalikes").join(case), expected);
}

#[test]
fn dotted_names_are_files_only_when_the_file_is_in_the_tree() {
    assert_case(
        "dotted-names",
        &[("extension-typo", "views.py", 5, 33, ".htl", Some(".html"))],
    );
}

#[test]
fn real_extensions_are_not_slips_of_deploy_ones() {
    assert_case(
        "real-extensions",
        &[("extension-typo", "fonts.php", 4, 44, ".phpp", Some(".php"))],
    );
}

#[test]
fn versions_and_object_identifiers_are_not_addresses() {
    assert_case(
        "versions",
        &[("address-typo", "inventory.yml", 3, 20, "724", None)],
    );
}

#[test]
fn commands_text_blocks_and_joined_pieces_are_not_padded_paths() {
    assert_case(
        "commands",
        &[
            (
                "path-whitespace",
                "settings.py",
                1,
                26,
                "app.log ",
                Some("app.log"),
            ),
            (
                "path-whitespace",
                "settings.py",
                2,
                25,
                "error.log ",
                Some("error.log"),
            ),
        ],
    );
}

#[test]
fn the_repository_s_own_words_are_not_slips() {
    assert_case(
        "repo-words",
        &[("word-typo", "settings.py", 4, 31, "statec", Some("static"))],
    );
}

#[test]
fn unread_constants_two_edits_from_defined_ones_are_other_constants() {
    assert_case(
        "constants",
        &[("constant-typo", "defines.php", 3, 18, "INTT", Some("INT"))],
    );
}

#[test]
fn a_marked_twin_is_not_a_slip() {
    assert_case(
        "marked-names",
        &[("path-typo", "setup.py", 3, 29, "pipp", Some("pip"))],
    );
}

#[test]
fn common_names_stems_and_capitalised_names_are_not_slips() {
    // `/src/...` names the repository's own `src/`, not `/srv`; `core/logging` is the stem
    // of `core/logging.c`; Perl's `Coro/` is not `core/`.
    assert_case(
        "common-names",
        &[
            ("word-typo", "build.py", 8, 33, "coer", Some("core")),
            (
                "word-typo",
                "tools/phar-stub.php",
                4,
                10,
                "ect",
                Some("etc"),
            ),
        ],
    );
}

#[test]
fn ports_and_url_separators() {
    // Published port mappings and ranges, a `http:/` prefix on its own, `file:/`, and
    // numbers under keys that only end in the letters of `port` stay silent.
    assert_case(
        "ports-and-urls",
        &[
            ("address-typo", "compose.yaml", 5, 10, "80800", None),
            (
                "address-typo",
                "composer.json",
                2,
                18,
                "https:/",
                Some("https://"),
            ),
            (
                "address-typo",
                "composer.json",
                3,
                28,
                "https",
                Some("https:"),
            ),
            ("address-typo", "composer.json", 5, 19, "84430", None),
            ("address-typo", "prometheus.yml", 4, 30, "91000", None),
            ("address-typo", "prometheus.yml", 5, 11, "90990", None),
        ],
    );
}

#[test]
fn keys_a_file_declares_or_writes_in_other_cases_are_not_slips() {
    // An API model's member names beside three files that write `uid`, `Pid` and
    // `Quantity`: members described by their own `documentation` (one described member
    // alone is no list of declarations), one whose name its `locationName` writes in
    // another case, one written inside two longer names, one whose changed part (`MiB`)
    // two other keys hold.
    assert_case(
        "declared-keys",
        &[
            ("key-typo", "model.json", 5, 10, "udid", Some("uid")),
            ("key-typo", "model.json", 6, 17, "Pidx", Some("Pid")),
            ("key-typo", "model.json", 7, 18, "Quantiy", Some("Quantity")),
            ("key-typo", "model.json", 10, 39, "Mi", Some("Gi")),
        ],
    );
}

#[test]
fn names_inside_values_are_not_slips_of_words() {
    // A word written elsewhere in another case (`macOS`) or in a block scalar (`httpd` of
    // `httpd.apache.org`), a name whose changed part the repository writes (`SSL`), a
    // URL's host, an address's local part, a UUID's groups, a random token and a file
    // name; the bad twin holds a slip beside each, outside the name, and one before the
    // version of an action (`@v1` is no address).
    assert_case(
        "value-names",
        &[
            ("value-typo", "target.yml", 3, 11, "macors", Some("macros")),
            ("value-typo", "target.yml", 5, 12, "htpps", Some("https")),
            ("value-typo", "target.yml", 7, 18, "SQK", Some("SQL")),
            ("value-typo", "target.yml", 9, 38, "imdex", Some("index")),
            (
                "value-typo",
                "target.yml",
                11,
                15,
                "exmaple",
                Some("example"),
            ),
            ("value-typo", "target.yml", 13, 65, "abax", Some("abac")),
            ("value-typo", "target.yml", 16, 21, "fiels", Some("files")),
            ("value-typo", "target.yml", 18, 22, "atcion", Some("action")),
        ],
    );
}

#[test]
fn words_cut_short_are_not_slips_of_shorter_words() {
    // `templ` (of `template`) beside `temp`, `conn` (of `connection`) beside `conf`.
    assert_case(
        "cut-short",
        &[("word-typo", "ucs.py", 2, 32, "tmep", Some("temp"))],
    );
}

#[test]
fn a_value_is_held_to_what_its_key_takes_elsewhere_in_the_file() {
    assert_case(
        "slot-values",
        &[(
            "value-typo",
            "compose.yaml",
            10,
            14,
            "allways",
            Some("always"),
        )],
    );
}

#[test]
fn names_code_gives_its_own_arrays_are_not_slips_of_settings() {
    // Beside three files that write `template`, `inlineContext`, `ar_namespace`, `frame`
    // and `Image`: an inflection (`templated`), a name in another convention and other
    // letters (`inlinkcontext`, `apnamespace`), a key named after the variable it holds
    // (`'fname' => $fname`), a registered HTTP field, a translation's alias under
    // `languages/`, and a word (`Hangup`) one slip from a word that only translations
    // write (`Hangul` in `data/scripts/de.php`). The bad twin holds a slip of each shape.
    assert_case(
        "php-names",
        &[
            ("key-typo", "aliases.php", 3, 6, "Imago", Some("Image")),
            ("key-typo", "links.php", 3, 31, "templatr", Some("template")),
            ("key-typo", "links.php", 4, 16, "inlink", Some("inline")),
            (
                "key-typo",
                "links.php",
                5,
                20,
                "nemespace",
                Some("namespace"),
            ),
            ("key-typo", "links.php", 6, 14, "fname", Some("frame")),
            ("value-typo", "links.php", 7, 35, "Mach", Some("Match")),
            ("value-typo", "signals.php", 3, 11, "Hangup", Some("Hangul")),
        ],
    );
}

#[test]
fn keys_written_through_subscripts_are_held_to_the_repository() {
    // `$conf['basedir'] = ...;`, `$db['default']['hostname']`, `$cfg['Servers'][$i][...]`
    // in three files make their keys the repository's; in a set of translations
    // (`lang/*/lang.php`), a key is held to what half of the set writes (`fmode` in all
    // seven), and a key only three of seven write (`Bild`) is a language's own word
    // (`Bilde`). `$this->basdir[...]` writes no key. The bad twin holds a slip of each.
    assert_case(
        "subscript-keys",
        &[
            (
                "key-typo",
                "lang/ckb/lang.php",
                2,
                8,
                "fmore",
                Some("fmode"),
            ),
            ("key-typo", "site.php", 2, 8, "basdir", Some("basedir")),
            ("key-typo", "site.php", 4, 17, "hostnmae", Some("hostname")),
            ("key-typo", "site.php", 5, 27, "tpye", Some("type")),
        ],
    );
}

#[test]
fn words_written_once_are_held_to_the_repositorys_common_words() {
    // `extension` is written in six strings, `oldpass` in six: a word written nowhere else
    // one slip from either is a typo. Silent twins, one reason each: a misspelling paired
    // with its correction (`'oldpsas' => 'oldpass'`), a list of names written once
    // (`'mitsu', 'sagem', 'extensio'`), a letter changed for a distant key (`oldpast`), a
    // word naming a file of the tree (`oldpasx.js`), a word the README writes too
    // (`extenion`), test code (`extensoin`) and vendored code (`extnsion`).
    assert_case(
        "lone-words",
        &[
            (
                "value-typo",
                "config/services.php",
                7,
                26,
                "extenxion",
                Some("extension"),
            ),
            (
                "value-typo",
                "src/Profile.php",
                3,
                30,
                "oldppass",
                Some("oldpass"),
            ),
        ],
    );
}
