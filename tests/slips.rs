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
            (
                "path-typo",
                file,
                3,
                23,
                "/usr/lib/apache2/modules/mdo_ssl.so",
                Some("/usr/lib/apache2/modules/mod_ssl.so"),
            ),
            (
                "extension-typo",
                file,
                4,
                24,
                "/usr/lib/apache2/modules/mod_cgid.soo",
                Some("/usr/lib/apache2/modules/mod_cgid.so"),
            ),
            (
                "extension-typo",
                file,
                5,
                25,
                "/usr/lib/apache2/modules/mod_alias.os",
                Some("/usr/lib/apache2/modules/mod_alias.so"),
            ),
            (
                "word-typo",
                file,
                6,
                29,
                "/usr/lkb/apache2/modules/mod_reflector.so",
                Some("/usr/lib/apache2/modules/mod_reflector.so"),
            ),
        ],
    );
}

#[test]
fn system_folders_one_slip_away() {
    let file = "site.conf";
    assert_case(
        "system-folders",
        &[
            (
                "word-typo",
                file,
                4,
                10,
                "/var/wwww/html",
                Some("/var/www/html"),
            ),
            (
                "word-typo",
                file,
                5,
                13,
                "/ect/nginx/mime.types",
                Some("/etc/nginx/mime.types"),
            ),
            (
                "word-typo",
                file,
                6,
                16,
                "/var/log/ngnix/access.log",
                Some("/var/log/nginx/access.log"),
            ),
        ],
    );
}

#[test]
fn two_letter_extensions_a_neighbouring_key_away() {
    let file = "scripts.php";
    assert_case(
        "short-extension",
        &[
            (
                "extension-typo",
                file,
                4,
                25,
                "database/triggers.jx",
                Some("database/triggers.js"),
            ),
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
            (
                "path-whitespace",
                file,
                4,
                20,
                "/plugins ",
                Some("/plugins"),
            ),
            (
                "path-whitespace",
                file,
                5,
                22,
                " /autoload.php",
                Some("/autoload.php"),
            ),
            (
                "path-whitespace",
                file,
                6,
                16,
                "doc/html/ ",
                Some("doc/html/"),
            ),
            ("path-whitespace", file, 8, 25, " /mw.lua", Some("/mw.lua")),
            ("path-whitespace", file, 9, 32, "skins ", Some("skins")),
        ],
    );
}

#[test]
fn constants_defined_inside_methods_are_global() {
    assert_case(
        "nested-define",
        &[(
            "constant-typo",
            "setup.php",
            7,
            17,
            "PKA_DISABLE_NAVI_SETTINGS",
            Some("PMA_DISABLE_NAVI_SETTINGS"),
        )],
    );
}

#[test]
fn dotted_django_names_in_any_string() {
    let file = "log.py";
    assert_case(
        "django-strings",
        &[
            (
                "module-typo",
                file,
                4,
                29,
                "django.contrib.gia",
                Some("django.contrib.gis"),
            ),
            (
                "module-typo",
                file,
                5,
                38,
                "django.templatye",
                Some("django.template"),
            ),
            (
                "module-typo",
                file,
                6,
                45,
                "djwngo.utils.log.ServerFormatter",
                Some("django.utils.log.ServerFormatter"),
            ),
        ],
    );
}

#[test]
fn deploy_words_after_an_unknown_folder() {
    let file = "paths.php";
    assert_case(
        "concat-words",
        &[
            (
                "word-typo",
                file,
                3,
                33,
                "/Resources/publid",
                Some("/Resources/public"),
            ),
            ("word-typo", file, 4, 48, "/incpudes", Some("/includes")),
            ("word-typo", file, 5, 48, "/puublic", Some("/public")),
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
                "DurectoryIndex",
                Some("DirectoryIndex"),
            ),
            (
                "key-typo",
                "mods-available/negotiation.conf",
                1,
                1,
                "LnaguagePriority",
                Some("LanguagePriority"),
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
            29,
            "/thme-compat/",
            Some("/theme-compat/"),
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
                "iincludes/Skins",
                Some("includes/Skins"),
            ),
            (
                "path-typo",
                "transformations.php",
                3,
                13,
                "librariies/classes/Plugins/Transformations/",
                Some("libraries/classes/Plugins/Transformations/"),
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
            57,
            "akismet.pgp",
            Some("akismet.php"),
        )],
    );
}

#[test]
fn mediawiki_settings_one_slip_from_a_real_one() {
    let file = "LocalSettings.php";
    assert_case(
        "mediawiki-settings",
        &[
            ("key-typo", file, 5, 2, "wgSitenme", Some("wgSitename")),
            (
                "key-typo",
                file,
                7,
                2,
                "wgGroupPermisions",
                Some("wgGroupPermissions"),
            ),
        ],
    );
}

#[test]
fn a_short_word_of_a_name_changed_by_a_neighbouring_key() {
    let file = "wp-config.php";
    assert_case(
        "short-word",
        &[
            (
                "constant-typo",
                file,
                3,
                10,
                "WO_CONTENT_DIR",
                Some("WP_CONTENT_DIR"),
            ),
            (
                "constant-typo",
                file,
                6,
                11,
                "IP_MLUTICAST_LOOP",
                Some("IP_MULTICAST_LOOP"),
            ),
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
                44,
                "/../Mie/autoload.php",
                Some("/../Mime/autoload.php"),
            ),
            (
                "path-typo",
                "Loader/XmlLoader.php",
                3,
                22,
                "/schema/dix/mapping/mapping-1.0.xsd",
                Some("/schema/dic/mapping/mapping-1.0.xsd"),
            ),
            (
                "path-typo",
                "Math/maintenance/generate.php",
                4,
                31,
                "/sqo",
                Some("/sql"),
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
                44,
                "/limt.sh",
                Some("/limit.sh"),
            ),
            (
                "path-typo",
                "vendor/composer/include_paths.php",
                8,
                19,
                "/wikimediw/wikipeg/src",
                Some("/wikimedia/wikipeg/src"),
            ),
        ],
    );
}

#[test]
fn nginx_data_files_are_read_by_their_names() {
    assert_case(
        "nginx-data",
        &[
            (
                "key-typo",
                "koi-utf",
                3,
                1,
                "charst_map",
                Some("charset_map"),
            ),
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
            (
                "address-typo",
                "feed.py",
                5,
                30,
                "httpo://www.w3.org/2005/Atom",
                Some("http://www.w3.org/2005/Atom"),
            ),
            (
                "address-typo",
                "feed.py",
                6,
                11,
                "httpps://docs.example.org/feeds/",
                Some("https://docs.example.org/feeds/"),
            ),
            (
                "address-typo",
                "feed.py",
                8,
                10,
                "olcalhost:11211",
                Some("localhost:11211"),
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
                7,
                "LoginCookieValidiity",
                Some("LoginCookieValidity"),
            ),
            ("key-typo", "config.inc.php", 6, 7, "Exort", Some("Export")),
            (
                "key-typo",
                "config.inc.php",
                7,
                10,
                "smt_user",
                Some("smtp_user"),
            ),
            (
                "key-typo",
                "plugins/jqueryui/config.inc.php.dist",
                3,
                10,
                "jquey_ui_skin_map",
                Some("jquery_ui_skin_map"),
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
            (
                "extension-typo",
                file,
                5,
                42,
                "/notification/body.txt.twigg",
                Some("/notification/body.txt.twig"),
            ),
            (
                "extension-typo",
                file,
                6,
                37,
                "/jquery.minicolors.csa",
                Some("/jquery.minicolors.css"),
            ),
        ],
    );
}
