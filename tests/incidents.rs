//! Each outage the gate exists for, as a mini repository: the typo is caught exactly, and
//! its clean twin passes.
mod common;

use common::{check_json, fixture, row, Row};

fn assert_incident(name: &str, expected: Vec<Row>) {
    let bad = check_json(&[&fixture(name).join("bad")], &[]);
    assert_eq!(bad.rows(), expected, "{name}/bad findings");
    assert_eq!(bad.code, 1, "{name}/bad blocks the deploy");
    let clean = check_json(&[&fixture(name).join("clean")], &[]);
    assert_eq!(clean.rows(), Vec::<Row>::new(), "{name}/clean findings");
    assert_eq!(clean.code, 0, "{name}/clean passes");
}

#[test]
fn django_static_root_statec() {
    assert_incident(
        "django-statec",
        vec![row(
            "word-typo",
            "shop/shop/settings.py",
            21,
            39,
            "statec",
            Some("static"),
        )],
    );
}

#[test]
fn wordpress_require_phpp() {
    assert_incident(
        "wordpress-phpp",
        vec![row(
            "extension-typo",
            "wp-settings.php",
            8,
            42,
            ".phpp",
            Some(".php"),
        )],
    );
}

#[test]
fn python_trailing_space_after_py() {
    assert_incident(
        "trailing-space",
        vec![row(
            "path-whitespace",
            "app/launch.py",
            4,
            31,
            "index.py ",
            Some("index.py"),
        )],
    );
}

#[test]
fn php_config_array_misspelt_template() {
    assert_incident(
        "php-template",
        vec![row(
            "path-typo",
            "config/view.php",
            4,
            16,
            "layuot",
            Some("layout"),
        )],
    );
}

#[test]
fn auth_server_addresses() {
    assert_incident(
        "auth-address",
        vec![
            row("address-typo", "portal/settings.py", 2, 39, "300", None),
            row("address-typo", "portal/settings.py", 3, 47, "70000", None),
            row(
                "address-typo",
                "portal/settings.py",
                4,
                26,
                "localhsot",
                Some("localhost"),
            ),
            row(
                "address-typo",
                "portal/settings.py",
                5,
                19,
                "htps",
                Some("https"),
            ),
        ],
    );
}

#[test]
fn paths_resolved_from_dir_and_file() {
    assert_incident(
        "path-typo",
        vec![
            row(
                "path-typo",
                "site/assets.py",
                4,
                31,
                "statc",
                Some("static"),
            ),
            row(
                "path-typo",
                "site/lib/render.php",
                2,
                39,
                "layuot",
                Some("layout"),
            ),
        ],
    );
}

#[test]
fn findings_do_not_depend_on_thread_count() {
    let root = fixture("auth-address").join("bad");
    let one = check_json(&[&root], &["--jobs", "1"]);
    let four = check_json(&[&root], &["--jobs", "4"]);
    assert_eq!(one.rows(), four.rows());
    assert_eq!(one.rows().len(), 4);
}

#[test]
fn several_roots_are_checked_each_as_its_own_root() {
    let run = check_json(
        &[
            &fixture("php-template").join("bad"),
            &fixture("django-statec").join("bad"),
        ],
        &[],
    );
    let roots: Vec<&str> = run.document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["root"].as_str().unwrap())
        .collect();
    assert_eq!(roots.len(), 2);
    assert!(roots[0].ends_with("php-template/bad"), "{roots:?}");
    assert!(roots[1].ends_with("django-statec/bad"), "{roots:?}");
    assert_eq!(run.code, 1);
}
