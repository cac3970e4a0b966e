//! Configuration formats beyond Python and PHP: each format's `bad/` fixture fires
//! exactly (rule, path, line, column, found, suggestion) and its `clean/` twin is silent;
//! a realistic project using every format stays clean.
mod common;

use common::{check_json, fixture, Row};

/// rule, path, line, column, found, suggestion.
type Expected<'a> = (&'a str, &'a str, u64, u64, &'a str, Option<&'a str>);

fn assert_format(format: &str, expected: &[Expected]) {
    let dir = fixture("formats").join(format);
    let bad = check_json(&[&dir.join("bad")], &[]);
    let expected: Vec<Row> = expected
        .iter()
        .map(|(rule, path, line, column, found, suggestion)| {
            common::row(rule, path, *line, *column, found, *suggestion)
        })
        .collect();
    assert_eq!(bad.rows(), expected, "{format}/bad");
    assert_eq!(bad.code, 1, "{format}/bad");
    let clean = check_json(&[&dir.join("clean")], &[]);
    assert_eq!(clean.rows(), Vec::<Row>::new(), "{format}/clean");
    assert_eq!(clean.code, 0, "{format}/clean");
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
                30,
                "/indx.php",
                Some("/index.php"),
            ),
            (
                "address-typo",
                "site/deploy/nginx/site.conf",
                14,
                22,
                "127.0.0.1:90000",
                None,
            ),
            (
                "address-typo",
                "site/deploy/nginx/site.conf",
                17,
                20,
                "http://app_backnd",
                Some("http://app_backend"),
            ),
            (
                "key-typo",
                "site/deploy/nginx/site.conf",
                19,
                5,
                "client_max_body_siz",
                Some("client_max_body_size"),
            ),
            (
                "extension-typo",
                "site/deploy/nginx/site.conf",
                20,
                21,
                "index.htlm",
                Some("index.html"),
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
                13,
                "/etc/nginx/snippets/snakoil.conf",
                Some("/etc/nginx/snippets/snakeoil.conf"),
            ),
            (
                "extension-typo",
                "sites-available/default",
                9,
                17,
                "/etc/nginx/snippets/fastcgi-php.cnof",
                Some("/etc/nginx/snippets/fastcgi-php.conf"),
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
            13,
            "/etc/apache2/conf-available/ssl-parmas.conf",
            Some("/etc/apache2/conf-available/ssl-params.conf"),
        )],
    );
}

#[test]
fn apache() {
    assert_format(
        "apache",
        &[
            (
                "address-typo",
                "conf/site.conf",
                5,
                20,
                "http://127.0.0.1:80800/",
                None,
            ),
            (
                "key-typo",
                "conf/site.conf",
                6,
                5,
                "DocumentRot",
                Some("DocumentRoot"),
            ),
            (
                "key-typo",
                "www/.htaccess",
                2,
                1,
                "RewriteEngin",
                Some("RewriteEngine"),
            ),
            (
                "path-typo",
                "www/.htaccess",
                3,
                16,
                "indx.php",
                Some("index.php"),
            ),
            (
                "extension-typo",
                "www/.htaccess",
                4,
                19,
                "/errors/404.hmtl",
                Some("/errors/404.html"),
            ),
            (
                "key-typo",
                "www/.htaccess",
                6,
                11,
                "upload_max_filesise",
                Some("upload_max_filesize"),
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
                9,
                "./htlm",
                Some("./html"),
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
                18,
                "http://auth-servce:8080",
                Some("http://auth-service:8080"),
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
                17,
                "./confg",
                Some("./config"),
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
                11,
                "./config/app.inii",
                Some("./config/app.ini"),
            ),
            (
                "path-typo",
                "stack/docker-compose.yml",
                39,
                11,
                "./secrets/db_pasword.txt",
                Some("./secrets/db_password.txt"),
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
                "settngs.ini",
                Some("settings.ini"),
            ),
            (
                "path-typo",
                "infra/playbooks/database.yml",
                6,
                39,
                "my.cfn.j2",
                Some("my.cnf.j2"),
            ),
            (
                "path-typo",
                "infra/roles/webserver/handlers/main.yml",
                7,
                34,
                "renew-cets.yml",
                Some("renew-certs.yml"),
            ),
            (
                "path-typo",
                "infra/roles/webserver/tasks/main.yml",
                3,
                34,
                "instal.yml",
                Some("install.yml"),
            ),
            (
                "path-typo",
                "infra/roles/webserver/tasks/main.yml",
                5,
                17,
                "vars/Debain.yml",
                Some("vars/Debian.yml"),
            ),
            (
                "extension-typo",
                "infra/roles/webserver/tasks/main.yml",
                8,
                10,
                "nginx.conf.j22",
                Some("nginx.conf.j2"),
            ),
            (
                "path-typo",
                "infra/roles/webserver/tasks/main.yml",
                13,
                10,
                "templates/ngnix.conf.j2",
                Some("templates/nginx.conf.j2"),
            ),
            (
                "path-typo",
                "infra/roles/webserver/tasks/main.yml",
                16,
                13,
                "indx.html",
                Some("index.html"),
            ),
            (
                "path-typo",
                "infra/site.yml",
                5,
                20,
                "playbooks/databse.yml",
                Some("playbooks/database.yml"),
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
                3,
                "pull_reqest",
                Some("pull_request"),
            ),
            (
                "path-typo",
                "repo/.github/workflows/ci.yml",
                15,
                15,
                "./.github/actions/setpu",
                Some("./.github/actions/setup"),
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
                25,
                "postgres://postgres@postgers:5432/test",
                Some("postgres://postgres@postgres:5432/test"),
            ),
            (
                "key-typo",
                "repo/.github/workflows/ci.yml",
                23,
                9,
                "timeout-minute",
                Some("timeout-minutes"),
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
                20,
                "composer.lokc",
                Some("composer.lock"),
            ),
            (
                "path-typo",
                "app/Dockerfile",
                6,
                6,
                "docker/entrypiont.sh",
                Some("docker/entrypoint.sh"),
            ),
            ("key-typo", "app/Dockerfile", 8, 1, "EXPSOE", Some("EXPOSE")),
            (
                "address-typo",
                "app/Dockerfile",
                9,
                18,
                "mysql://db:330600/app",
                None,
            ),
        ],
    );
}

#[test]
fn dotenv() {
    assert_format(
        "dotenv",
        &[
            (
                "address-typo",
                "app/.env",
                3,
                9,
                "htps://example.org",
                Some("https://example.org"),
            ),
            (
                "address-typo",
                "app/.env",
                4,
                9,
                "localhsot",
                Some("localhost"),
            ),
            ("address-typo", "app/.env", 5, 9, "330666", None),
            (
                "path-typo",
                "app/.env",
                6,
                10,
                "storage/lgos/app.log",
                Some("storage/logs/app.log"),
            ),
        ],
    );
}

#[test]
fn ini() {
    assert_format(
        "ini",
        &[
            (
                "key-typo",
                "etc/php.ini",
                4,
                1,
                "dispaly_errors",
                Some("display_errors"),
            ),
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
                11,
                "./templates/layuot.html",
                Some("./templates/layout.html"),
            ),
            (
                "address-typo",
                "app/config.yml",
                4,
                14,
                "redis://localhsot:6379/0",
                Some("redis://localhost:6379/0"),
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
                27,
                "src/helpres.php",
                Some("src/helpers.php"),
            ),
            (
                "address-typo",
                "pkg/composer.json",
                4,
                25,
                "htps://api.example.org",
                Some("https://api.example.org"),
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
                11,
                "docs/READEM.md",
                Some("docs/README.md"),
            ),
            (
                "address-typo",
                "proj/pyproject.toml",
                7,
                15,
                "http://localhsot:8000",
                Some("http://localhost:8000"),
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
