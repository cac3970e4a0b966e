//! Configuration formats beyond Python and PHP: each format's `bad/` fixture fires
//! exactly (rule, path, line, column, found, suggestion) and its `clean/` twin is silent;
//! a realistic project using every format stays clean.
mod common;

use common::{assert_bad_and_clean, check_json, fixture, Expected, Row};

fn assert_format(format: &str, expected: &[Expected]) {
    assert_bad_and_clean(&fixture("formats").join(format), expected);
}

#[test]
fn nginx() {
    assert_format(
        "nginx",
        &[
            (
                "path-typo",
                "site/deploy/nginx/site.conf",
                10,
                31,
                "indx",
                Some("index"),
            ),
            (
                "address-typo",
                "site/deploy/nginx/site.conf",
                14,
                32,
                "90000",
                None,
            ),
            (
                "address-typo",
                "site/deploy/nginx/site.conf",
                17,
                31,
                "backnd",
                Some("backend"),
            ),
            (
                "key-typo",
                "site/deploy/nginx/site.conf",
                19,
                21,
                "siz",
                Some("size"),
            ),
            (
                "extension-typo",
                "site/deploy/nginx/site.conf",
                20,
                26,
                ".htlm",
                Some(".html"),
            ),
        ],
    );
}

/// The repository is a copy of `/etc/nginx` (it holds `nginx.conf`): absolute includes
/// are looked up in it.
#[test]
fn absolute_nginx_includes_in_a_copy_of_etc_nginx() {
    assert_format(
        "etc-nginx",
        &[
            (
                "path-typo",
                "sites-available/default",
                4,
                33,
                "snakoil",
                Some("snakeoil"),
            ),
            (
                "extension-typo",
                "sites-available/default",
                9,
                48,
                ".cnof",
                Some(".conf"),
            ),
        ],
    );
}

/// The repository is a copy of `/etc/apache2` (it holds `apache2.conf`).
#[test]
fn absolute_apache_includes_in_a_copy_of_etc_apache2() {
    assert_format(
        "etc-apache2",
        &[(
            "path-typo",
            "sites-available/default-ssl.conf",
            5,
            45,
            "parmas",
            Some("params"),
        )],
    );
}

#[test]
fn apache() {
    assert_format(
        "apache",
        &[
            ("address-typo", "conf/site.conf", 5, 37, "80800", None),
            ("key-typo", "conf/site.conf", 6, 13, "Rot", Some("Root")),
            ("key-typo", "www/.htaccess", 2, 8, "Engin", Some("Engine")),
            ("path-typo", "www/.htaccess", 3, 16, "indx", Some("index")),
            (
                "extension-typo",
                "www/.htaccess",
                4,
                30,
                ".hmtl",
                Some(".html"),
            ),
            (
                "key-typo",
                "www/.htaccess",
                6,
                22,
                "filesise",
                Some("filesize"),
            ),
        ],
    );
}

#[test]
fn compose() {
    assert_format(
        "compose",
        &[
            (
                "path-typo",
                "stack/docker-compose.yml",
                8,
                19,
                "Dockerfil",
                Some("Dockerfile"),
            ),
            (
                "path-typo",
                "stack/docker-compose.yml",
                11,
                11,
                "htlm",
                Some("html"),
            ),
            (
                "key-typo",
                "stack/docker-compose.yml",
                16,
                5,
                "enviroment",
                Some("environment"),
            ),
            (
                "address-typo",
                "stack/docker-compose.yml",
                19,
                30,
                "servce",
                Some("service"),
            ),
            (
                "address-typo",
                "stack/docker-compose.yml",
                20,
                20,
                "637900",
                None,
            ),
            (
                "path-typo",
                "stack/docker-compose.yml",
                25,
                19,
                "confg",
                Some("config"),
            ),
            (
                "path-typo",
                "stack/docker-compose.yml",
                28,
                17,
                "secrest",
                Some("secrets"),
            ),
            (
                "extension-typo",
                "stack/docker-compose.yml",
                36,
                23,
                ".inii",
                Some(".ini"),
            ),
            (
                "path-typo",
                "stack/docker-compose.yml",
                39,
                24,
                "pasword",
                Some("password"),
            ),
        ],
    );
}

/// A role, a playbook beside it and one under `playbooks/`: each file a task reads or
/// includes is looked up where Ansible looks first.
#[test]
fn ansible() {
    assert_format(
        "ansible",
        &[
            (
                "path-typo",
                "infra/deploy.yml",
                6,
                14,
                "settngs",
                Some("settings"),
            ),
            (
                "path-typo",
                "infra/playbooks/database.yml",
                6,
                42,
                "cfn",
                Some("cnf"),
            ),
            (
                "path-typo",
                "infra/roles/webserver/handlers/main.yml",
                7,
                40,
                "cets",
                Some("certs"),
            ),
            (
                "path-typo",
                "infra/roles/webserver/tasks/main.yml",
                3,
                34,
                "instal",
                Some("install"),
            ),
            (
                "path-typo",
                "infra/roles/webserver/tasks/main.yml",
                5,
                22,
                "Debain",
                Some("Debian"),
            ),
            (
                "extension-typo",
                "infra/roles/webserver/tasks/main.yml",
                8,
                20,
                ".j22",
                Some(".j2"),
            ),
            (
                "path-typo",
                "infra/roles/webserver/tasks/main.yml",
                13,
                20,
                "ngnix",
                Some("nginx"),
            ),
            (
                "path-typo",
                "infra/roles/webserver/tasks/main.yml",
                16,
                13,
                "indx",
                Some("index"),
            ),
            (
                "path-typo",
                "infra/site.yml",
                5,
                30,
                "databse",
                Some("database"),
            ),
        ],
    );
}

#[test]
fn github_workflow() {
    assert_format(
        "github-workflow",
        &[
            (
                "key-typo",
                "repo/.github/workflows/ci.yml",
                6,
                8,
                "reqest",
                Some("request"),
            ),
            (
                "path-typo",
                "repo/.github/workflows/ci.yml",
                15,
                33,
                "setpu",
                Some("setup"),
            ),
            (
                "path-typo",
                "repo/.github/workflows/ci.yml",
                18,
                28,
                "frontedn",
                Some("frontend"),
            ),
            (
                "address-typo",
                "repo/.github/workflows/ci.yml",
                20,
                45,
                "postgers",
                Some("postgres"),
            ),
            (
                "key-typo",
                "repo/.github/workflows/ci.yml",
                23,
                17,
                "minute",
                Some("minutes"),
            ),
        ],
    );
}

#[test]
fn dockerfile() {
    assert_format(
        "dockerfile",
        &[
            (
                "extension-typo",
                "app/Dockerfile",
                4,
                28,
                ".lokc",
                Some(".lock"),
            ),
            (
                "path-typo",
                "app/Dockerfile",
                6,
                13,
                "entrypiont",
                Some("entrypoint"),
            ),
            ("key-typo", "app/Dockerfile", 8, 1, "EXPSOE", Some("EXPOSE")),
            ("address-typo", "app/Dockerfile", 9, 29, "330600", None),
        ],
    );
}

#[test]
fn dotenv() {
    assert_format(
        "dotenv",
        &[
            ("address-typo", "app/.env", 3, 9, "htps", Some("https")),
            (
                "address-typo",
                "app/.env",
                4,
                9,
                "localhsot",
                Some("localhost"),
            ),
            ("address-typo", "app/.env", 5, 9, "330666", None),
            ("path-typo", "app/.env", 6, 18, "lgos", Some("logs")),
        ],
    );
}

#[test]
fn ini() {
    assert_format(
        "ini",
        &[
            ("key-typo", "etc/php.ini", 4, 1, "dispaly", Some("display")),
            ("address-typo", "etc/php.ini", 8, 13, "250000", None),
            (
                "address-typo",
                "etc/php.ini",
                10,
                23,
                "localhots",
                Some("localhost"),
            ),
        ],
    );
}

#[test]
fn yaml() {
    assert_format(
        "yaml",
        &[
            (
                "path-typo",
                "app/config.yml",
                2,
                23,
                "layuot",
                Some("layout"),
            ),
            (
                "address-typo",
                "app/config.yml",
                4,
                22,
                "localhsot",
                Some("localhost"),
            ),
        ],
    );
}

#[test]
fn json() {
    assert_format(
        "json",
        &[
            (
                "path-typo",
                "pkg/composer.json",
                3,
                31,
                "helpres",
                Some("helpers"),
            ),
            (
                "address-typo",
                "pkg/composer.json",
                4,
                25,
                "htps",
                Some("https"),
            ),
        ],
    );
}

#[test]
fn toml() {
    assert_format(
        "toml",
        &[
            (
                "path-typo",
                "proj/pyproject.toml",
                4,
                16,
                "READEM",
                Some("README"),
            ),
            (
                "address-typo",
                "proj/pyproject.toml",
                7,
                22,
                "localhsot",
                Some("localhost"),
            ),
        ],
    );
}

#[test]
fn a_realistic_project_in_every_format_is_clean() {
    let run = check_json(&[&fixture("formats/realistic")], &[]);
    assert_eq!(run.rows(), Vec::<Row>::new());
    assert_eq!(run.code, 0);
    // nginx, .htaccess, compose, workflow, Dockerfile, .env, php.ini, PHP and JSON files.
    assert!(
        run.summary("files_scanned") >= 11,
        "{}",
        run.summary("files_scanned")
    );
}
