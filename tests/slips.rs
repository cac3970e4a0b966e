//! Slips the recall benchmark showed were missed: each case's `bad/` fixture fires
//! exactly (rule, path, line, column, found, suggestion) and its `clean/` twin, written
//! with the same constructs spelt right or used for something else, is silent.
mod common;

use common::{assert_bad_and_clean, fixture, Expected};

fn assert_case(case: &str, expected: &[Expected]) {
    assert_bad_and_clean(&fixture("slips").join(case), expected);
}

#[test]
fn apache_module_files_follow_their_module() {
    let file = "modules.conf";
    assert_case(
        "apache",
        &[
            ("path-typo", file, 3, 48, "mdo", Some("mod")),
            ("extension-typo", file, 4, 57, ".soo", Some(".so")),
            ("extension-typo", file, 5, 59, ".os", Some(".so")),
            ("word-typo", file, 6, 34, "lkb", Some("lib")),
        ],
    );
}

#[test]
fn system_folders_one_slip_away() {
    let file = "site.conf";
    assert_case(
        "system-folders",
        &[
            ("word-typo", file, 4, 15, "wwww", Some("www")),
            ("word-typo", file, 5, 14, "ect", Some("etc")),
            ("word-typo", file, 6, 25, "ngnix", Some("nginx")),
        ],
    );
}

#[test]
fn two_letter_extensions_a_neighbouring_key_away() {
    let file = "scripts.php";
    assert_case(
        "short-extension",
        &[
            ("extension-typo", file, 4, 42, ".jx", Some(".js")),
            ("extension-typo", file, 5, 33, ".sj", Some(".js")),
        ],
    );
}

#[test]
fn white_space_before_a_relative_path_or_in_a_piece_of_a_concatenation_or_a_path() {
    let file = "paths.php";
    assert_case(
        "concat-whitespace",
        &[
            (
                "path-whitespace",
                "icons.json",
                2,
                12,
                " ../images/logo.svg",
                Some("../images/logo.svg"),
            ),
            ("path-whitespace", file, 4, 21, "plugins ", Some("plugins")),
            (
                "path-whitespace",
                file,
                5,
                22,
                " /autoload.php",
                Some("/autoload.php"),
            ),
            ("path-whitespace", file, 6, 20, "html/ ", Some("html/")),
            ("path-whitespace", file, 8, 25, " /mw.lua", Some("/mw.lua")),
            ("path-whitespace", file, 9, 32, "skins ", Some("skins")),
        ],
    );
}

#[test]
fn constants_defined_inside_methods_are_global() {
    assert_case(
        "nested-define",
        &[("constant-typo", "setup.php", 7, 17, "PKA", Some("PMA"))],
    );
}

#[test]
fn dotted_django_names_in_any_string() {
    let file = "log.py";
    assert_case(
        "django-strings",
        &[
            ("module-typo", file, 4, 44, "gia", Some("gis")),
            ("module-typo", file, 5, 45, "templatye", Some("template")),
            ("module-typo", file, 6, 45, "djwngo", Some("django")),
        ],
    );
}

#[test]
fn deploy_words_after_an_unknown_folder() {
    let file = "paths.php";
    assert_case(
        "concat-words",
        &[
            ("word-typo", file, 3, 44, "publid", Some("public")),
            ("word-typo", file, 4, 49, "incpudes", Some("includes")),
            ("word-typo", file, 5, 49, "puublic", Some("public")),
        ],
    );
}

#[test]
fn a_file_whose_only_directive_is_misspelt_is_still_read() {
    assert_case(
        "one-directive",
        &[
            (
                "key-typo",
                "mods-available/dir.conf",
                1,
                1,
                "Durectory",
                Some("Directory"),
            ),
            (
                "key-typo",
                "mods-available/negotiation.conf",
                1,
                1,
                "Lnaguage",
                Some("Language"),
            ),
        ],
    );
}

#[test]
fn a_constant_defined_alike_in_value_in_several_files_or_at_an_install_folder_is_known() {
    assert_case(
        "agreeing-definitions",
        &[(
            "path-typo",
            "wp-includes/template.php",
            5,
            30,
            "thme",
            Some("theme"),
        )],
    );
}

#[test]
fn a_first_folder_one_slip_from_one_holding_the_rest_of_the_path_anywhere_or_beside() {
    assert_case(
        "first-folder",
        &[
            (
                "path-typo",
                "skins/Minerva/skin.json",
                3,
                25,
                "iincludes",
                Some("includes"),
            ),
            (
                "path-typo",
                "transformations.php",
                3,
                13,
                "librariies",
                Some("libraries"),
            ),
        ],
    );
}

#[test]
fn another_extension_of_a_file_beside_it() {
    assert_case(
        "sibling-extension",
        &[(
            "path-typo",
            "plugins/akismet/admin.php",
            3,
            64,
            ".pgp",
            Some(".php"),
        )],
    );
}

#[test]
fn mediawiki_settings_one_slip_from_a_real_one() {
    let file = "LocalSettings.php";
    assert_case(
        "mediawiki-settings",
        &[
            ("key-typo", file, 5, 4, "Sitenme", Some("Sitename")),
            ("key-typo", file, 7, 9, "Permisions", Some("Permissions")),
        ],
    );
}

#[test]
fn a_short_word_of_a_name_changed_by_a_neighbouring_key() {
    let file = "wp-config.php";
    assert_case(
        "short-word",
        &[
            ("constant-typo", file, 3, 10, "WO", Some("WP")),
            ("constant-typo", file, 6, 14, "MLUTICAST", Some("MULTICAST")),
        ],
    );
}

#[test]
fn three_letter_folders_in_paths_that_must_exist() {
    assert_case(
        "short-folders",
        &[
            (
                "path-typo",
                "Component/HttpFoundation/autoload.php",
                4,
                48,
                "Mie",
                Some("Mime"),
            ),
            (
                "path-typo",
                "Loader/XmlLoader.php",
                3,
                30,
                "dix",
                Some("dic"),
            ),
            (
                "path-typo",
                "Math/maintenance/generate.php",
                4,
                32,
                "sqo",
                Some("sql"),
            ),
        ],
    );
}

#[test]
fn variables_set_once_at_the_top_of_a_file_and_paths_inside_calls() {
    assert_case(
        "file-values",
        &[
            (
                "path-typo",
                "src/Command/Wrapper.php",
                5,
                45,
                "limt",
                Some("limit"),
            ),
            (
                "path-typo",
                "vendor/composer/include_paths.php",
                8,
                20,
                "wikimediw",
                Some("wikimedia"),
            ),
        ],
    );
}

#[test]
fn nginx_data_files_are_read_by_their_names() {
    assert_case(
        "nginx-data",
        &[
            ("key-typo", "koi-utf", 3, 1, "charst", Some("charset")),
            ("key-typo", "mime.types", 2, 1, "tpes", Some("types")),
        ],
    );
}

#[test]
fn ports_written_as_numbers_under_port_keys() {
    assert_case(
        "ports",
        &[
            ("address-typo", "cache.php", 4, 46, "111211", None),
            ("address-typo", "cache.php", 6, 31, "99999", None),
        ],
    );
}

#[test]
fn mail_domains_scheme_ties_and_urls_given_as_messages() {
    assert_case(
        "addresses",
        &[
            (
                "address-typo",
                "000-default.conf",
                3,
                24,
                "loaclhost",
                Some("localhost"),
            ),
            ("address-typo", "feed.py", 5, 30, "httpo", Some("http")),
            ("address-typo", "feed.py", 6, 11, "httpps", Some("https")),
            (
                "address-typo",
                "feed.py",
                8,
                10,
                "olcalhost",
                Some("localhost"),
            ),
            (
                "address-typo",
                "feed.py",
                9,
                9,
                "olcalhost",
                Some("localhost"),
            ),
        ],
    );
}

#[test]
fn every_argument_of_path_is_a_part_of_the_path() {
    assert_case(
        "path-arguments",
        &[(
            "path-typo",
            "views/debug.py",
            6,
            29,
            "tmeplates",
            Some("templates"),
        )],
    );
}

#[test]
fn a_value_built_with_the_folder_separator_is_a_path() {
    assert_case(
        "separator",
        &[(
            "word-typo",
            "DebugClassLoader.php",
            5,
            59,
            "venodr",
            Some("vendor"),
        )],
    );
}

#[test]
fn phpmyadmin_and_roundcube_settings_one_slip_from_a_real_one() {
    assert_case(
        "config-arrays",
        &[
            (
                "key-typo",
                "config.inc.php",
                5,
                18,
                "Validiity",
                Some("Validity"),
            ),
            ("key-typo", "config.inc.php", 6, 7, "Exort", Some("Export")),
            ("key-typo", "config.inc.php", 7, 10, "smt", Some("smtp")),
            (
                "key-typo",
                "plugins/jqueryui/config.inc.php.dist",
                3,
                10,
                "jquey",
                Some("jquery"),
            ),
        ],
    );
}

#[test]
fn dotted_file_names_under_folders_and_template_namespaces() {
    let file = "Mailer.php";
    assert_case(
        "dotted-files",
        &[
            ("extension-typo", file, 5, 64, ".twigg", Some(".twig")),
            ("extension-typo", file, 6, 55, ".csa", Some(".css")),
        ],
    );
}
