//! The exact token: each finding spans only the characters that are wrong, widened to
//! whole words, in the JSON (with the whole token beside it as `literal`) and in the human
//! report (the underline under those characters, the whole token on its line); `fix`
//! replaces only those bytes; a baseline written when findings spanned whole tokens still
//! matches.
mod common;

use std::path::Path;

use common::{fixture, typo_gate};

/// One finding as this file compares it: rule, path, `line:column-end_line:end_column`,
/// found, suggestion, literal.
type Token = (String, String, String, String, Option<String>, String);

fn token(
    rule: &str,
    path: &str,
    span: &str,
    found: &str,
    suggestion: Option<&str>,
    literal: &str,
) -> Token {
    (
        rule.to_string(),
        path.to_string(),
        span.to_string(),
        found.to_string(),
        suggestion.map(str::to_string),
        literal.to_string(),
    )
}

fn json_tokens(root: &Path) -> Vec<Token> {
    let output = typo_gate()
        .args(["check", "--format", "json"])
        .arg(root)
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let n = |field: &str| f[field].as_u64().unwrap();
            (
                f["rule"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                format!(
                    "{}:{}-{}:{}",
                    n("line"),
                    n("column"),
                    n("end_line"),
                    n("end_column")
                ),
                f["found"].as_str().unwrap().to_string(),
                f["suggestion"].as_str().map(str::to_string),
                f["literal"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Each kind of slip, in the fixtures that show it: the wrong characters and the token.
fn expected() -> Vec<(&'static str, Vec<Token>)> {
    vec![
        (
            "auth-address",
            vec![
                // An IPv4 address: the part that is no number from 0 to 255.
                token(
                    "address-typo",
                    "portal/settings.py",
                    "2:39-2:42",
                    "300",
                    None,
                    "ldap://10.0.0.300:389",
                ),
                // A port.
                token(
                    "address-typo",
                    "portal/settings.py",
                    "3:47-3:52",
                    "70000",
                    None,
                    "https://auth.example.com:70000/login",
                ),
                // A URL's host: the word, not the two swapped letters.
                token(
                    "address-typo",
                    "portal/settings.py",
                    "4:26-4:35",
                    "localhsot",
                    Some("localhost"),
                    "redis://localhsot:6379/1",
                ),
                // A URL's scheme.
                token(
                    "address-typo",
                    "portal/settings.py",
                    "5:19-5:23",
                    "htps",
                    Some("https"),
                    "htps://auth.example.com/token",
                ),
            ],
        ),
        (
            "trailing-space",
            vec![token(
                "path-whitespace",
                "app/launch.py",
                "4:31-4:40",
                "index.py ",
                Some("index.py"),
                "/var/www/html/index.py ",
            )],
        ),
        (
            "wordpress-phpp",
            vec![token(
                "extension-typo",
                "wp-settings.php",
                "8:42-8:47",
                ".phpp",
                Some(".php"),
                "/class-wp-hook.phpp",
            )],
        ),
        (
            "path-typo",
            vec![
                token(
                    "path-typo",
                    "site/assets.py",
                    "4:31-4:36",
                    "statc",
                    Some("static"),
                    "statc",
                ),
                token(
                    "path-typo",
                    "site/lib/render.php",
                    "2:39-2:45",
                    "layuot",
                    Some("layout"),
                    "/../templates/layuot.php",
                ),
            ],
        ),
        (
            "django-statec",
            vec![token(
                "word-typo",
                "shop/shop/settings.py",
                "21:39-21:45",
                "statec",
                Some("static"),
                "statec/",
            )],
        ),
        (
            "formats/compose",
            vec![
                token(
                    "path-typo",
                    "stack/docker-compose.yml",
                    "8:19-8:28",
                    "Dockerfil",
                    Some("Dockerfile"),
                    "Dockerfil",
                ),
                token(
                    "path-typo",
                    "stack/docker-compose.yml",
                    "11:11-11:15",
                    "htlm",
                    Some("html"),
                    "./htlm",
                ),
                // A key.
                token(
                    "key-typo",
                    "stack/docker-compose.yml",
                    "16:5-16:15",
                    "enviroment",
                    Some("environment"),
                    "enviroment",
                ),
                // A host: one part of a hyphenated name.
                token(
                    "address-typo",
                    "stack/docker-compose.yml",
                    "19:30-19:36",
                    "servce",
                    Some("service"),
                    "http://auth-servce:8080",
                ),
                token(
                    "address-typo",
                    "stack/docker-compose.yml",
                    "20:20-20:26",
                    "637900",
                    None,
                    "637900",
                ),
                token(
                    "path-typo",
                    "stack/docker-compose.yml",
                    "25:19-25:24",
                    "confg",
                    Some("config"),
                    "./confg",
                ),
                token(
                    "path-typo",
                    "stack/docker-compose.yml",
                    "28:17-28:24",
                    "secrest",
                    Some("secrets"),
                    "secrest",
                ),
                token(
                    "extension-typo",
                    "stack/docker-compose.yml",
                    "36:23-36:28",
                    ".inii",
                    Some(".ini"),
                    "./config/app.inii",
                ),
                token(
                    "path-typo",
                    "stack/docker-compose.yml",
                    "39:24-39:31",
                    "pasword",
                    Some("password"),
                    "./secrets/db_pasword.txt",
                ),
            ],
        ),
        (
            "value-typo",
            vec![
                token(
                    "value-typo",
                    ".htaccess",
                    "1:10-1:16",
                    "Indexs",
                    Some("Indexes"),
                    "Indexs",
                ),
                token(
                    "value-typo",
                    ".htaccess",
                    "2:13-2:20",
                    "grnated",
                    Some("granted"),
                    "grnated",
                ),
                token(
                    "value-typo",
                    ".htaccess",
                    "3:27-3:34",
                    "Optoins",
                    Some("Options"),
                    "X-Frame-Optoins",
                ),
                token(
                    "value-typo",
                    ".htaccess",
                    "4:29-4:33",
                    "phpp",
                    Some("php"),
                    "application/x-httpd-phpp",
                ),
                // A value: the hump of a name written in camel case.
                token(
                    "value-typo",
                    ".htaccess",
                    "5:19-5:23",
                    "Vras",
                    Some("Vars"),
                    "StdEnvVras",
                ),
                token(
                    "value-typo",
                    "etc/nginx.conf",
                    "3:23-3:27",
                    "htlm",
                    Some("html"),
                    "text/htlm",
                ),
                token(
                    "value-typo",
                    "etc/nginx.conf",
                    "4:10-4:12",
                    "of",
                    Some("off"),
                    "of",
                ),
                token(
                    "value-typo",
                    "etc/nginx.conf",
                    "5:23-5:26",
                    "RAS",
                    Some("RSA"),
                    "ECDHE-RAS-AES128-GCM-SHA256",
                ),
                token(
                    "value-typo",
                    "etc/nginx.conf",
                    "7:24-7:31",
                    "defualt",
                    Some("default"),
                    "defualt_server",
                ),
                token(
                    "value-typo",
                    "etc/nginx.conf",
                    "8:37-8:44",
                    "Secrity",
                    Some("Security"),
                    "Strict-Transport-Secrity",
                ),
            ],
        ),
    ]
}

#[test]
fn json_spans_only_the_wrong_characters_and_keeps_the_literal() {
    for (name, tokens) in expected() {
        let root = fixture(name).join("bad");
        assert_eq!(json_tokens(&root), tokens, "{name}");
        for (_, path, span, found, suggestion, literal) in tokens {
            let (start, _) = span.split_once('-').unwrap();
            let (line, column) = start.split_once(':').unwrap();
            let text = std::fs::read_to_string(root.join(&path)).unwrap();
            let line_text = text
                .lines()
                .nth(line.parse::<usize>().unwrap() - 1)
                .unwrap();
            let at: String = line_text
                .chars()
                .skip(column.parse::<usize>().unwrap() - 1)
                .collect();
            assert!(at.starts_with(&found), "{name}: {path}:{span} is {found:?}");
            assert!(line_text.contains(&literal), "{name}: {literal:?}");
            // The literal with the suggestion in place of the wrong characters.
            if let Some(suggestion) = suggestion {
                assert!(
                    literal.contains(&found) && !suggestion.contains(char::is_whitespace),
                    "{name}: {found:?} -> {suggestion:?}"
                );
            }
        }
    }
}

/// The underlines of a human report: for each finding's `[path:line:column]`, the column
/// its underline starts under and how many characters it covers, and the source line.
fn underlines(report: &str) -> Vec<(String, usize, usize, String)> {
    let lines: Vec<&str> = report.lines().collect();
    let mut out = Vec::new();
    for (n, header) in lines.iter().enumerate() {
        let Some(place) = header
            .split_once("\u{2500}[")
            .and_then(|(_, rest)| rest.strip_suffix(']'))
        else {
            continue;
        };
        let line: usize = place.split(':').rev().nth(1).unwrap().parse().unwrap();
        let source = lines[n + 1..]
            .iter()
            .position(|l| l.trim_start().starts_with(&format!("{line} \u{2502}")))
            .map(|i| n + 1 + i)
            .unwrap();
        let text_start = lines[source].find("\u{2502} ").unwrap() + "\u{2502} ".len();
        let text = lines[source][text_start..].to_string();
        let under = lines[source + 1];
        let chars: Vec<char> = under.chars().collect();
        let prefix_chars = lines[source][..text_start].chars().count();
        let first = chars
            .iter()
            .position(|c| matches!(c, '\u{2500}' | '\u{252c}'))
            .unwrap();
        let width = chars[first..]
            .iter()
            .take_while(|c| matches!(c, '\u{2500}' | '\u{252c}'))
            .count();
        out.push((place.to_string(), first - prefix_chars + 1, width, text));
    }
    out
}

#[test]
fn the_human_report_underlines_only_the_wrong_characters() {
    for (name, tokens) in expected() {
        let root = fixture(name).join("bad");
        let output = typo_gate()
            .current_dir(&root)
            .args(["check", "--color", "never", "."])
            .output()
            .unwrap();
        let report = String::from_utf8(output.stdout).unwrap();
        let shown = underlines(&report);
        assert_eq!(shown.len(), tokens.len(), "{name}: {report}");
        for ((place, column, width, text), (_, path, span, found, _, literal)) in
            shown.into_iter().zip(tokens)
        {
            let (start, _) = span.split_once('-').unwrap();
            assert_eq!(place, format!("{path}:{start}"), "{name}");
            let expected_column: usize = start.split(':').nth(1).unwrap().parse().unwrap();
            assert_eq!(
                (column, width),
                (expected_column, found.chars().count()),
                "{name}: {place} {found:?}\n{report}"
            );
            assert!(text.contains(&literal), "{name}: the whole token is shown");
        }
    }
    let output = typo_gate()
        .current_dir(fixture("auth-address"))
        .args(["check", "--color", "never", "bad"])
        .output()
        .unwrap();
    let report = String::from_utf8(output.stdout).unwrap();
    assert!(
        report.contains(
            " 4 \u{2502} SESSION_CACHE = \"redis://localhsot:6379/1\"\n   \u{b7}                          \u{2500}\u{2500}\u{2500}\u{2500}\u{252c}\u{2500}\u{2500}\u{2500}\u{2500}\n"
        ),
        "{report}"
    );
    assert!(
        report.contains("help: did you mean 'localhost'?"),
        "{report}"
    );
}

#[test]
fn white_space_to_delete_is_shown_with_the_name_it_pads() {
    let output = typo_gate()
        .args(["check", "--color", "never"])
        .arg(fixture("trailing-space").join("bad"))
        .output()
        .unwrap();
    let report = String::from_utf8(output.stdout).unwrap();
    assert!(
        report.contains("help: did you mean 'index.py'?"),
        "{report}"
    );
}

#[test]
fn fix_replaces_only_the_wrong_characters() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("portal/settings.py");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let before = std::fs::read(fixture("auth-address").join("bad/portal/settings.py")).unwrap();
    std::fs::write(&file, &before).unwrap();
    let output = typo_gate()
        .current_dir(dir.path())
        .arg("fix")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(
            "fixed portal/settings.py:4:26 address-typo: 'localhsot' -> 'localhost'\n\
             fixed portal/settings.py:5:19 address-typo: 'htps' -> 'https'\n"
        ),
        "{stdout}"
    );
    let after = std::fs::read(&file).unwrap();
    // Every byte but those of the two slips is as it was.
    let text = String::from_utf8(before).unwrap();
    let expected = text
        .replacen("localhsot", "localhost", 1)
        .replacen("htps://", "https://", 1);
    assert_eq!(String::from_utf8(after).unwrap(), expected);
}

#[test]
fn a_baseline_written_when_findings_spanned_whole_tokens_still_matches() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("portal")).unwrap();
    std::fs::copy(
        fixture("auth-address").join("bad/portal/settings.py"),
        root.join("portal/settings.py"),
    )
    .unwrap();
    // As typo-gate recorded it before: the whole URL and the whole URL as suggested.
    let recorded = r#"{
  "version": 1,
  "entries": [
    {
      "rule": "address-typo",
      "path": "portal/settings.py",
      "found": "redis://localhsot:6379/1",
      "suggestion": "redis://localhost:6379/1",
      "count": 1
    },
    {
      "rule": "address-typo",
      "path": "portal/settings.py",
      "found": "ldap://10.0.0.300:389",
      "suggestion": null,
      "count": 1
    }
  ]
}
"#;
    let baseline = root.join("recorded.json");
    std::fs::write(&baseline, recorded).unwrap();
    let output = typo_gate()
        .args(["check", "--format", "json", "--baseline"])
        .arg(&baseline)
        .arg(root)
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["found"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["70000", "htps"]);
    assert_eq!(document["stale_baseline"], serde_json::json!([]));

    // And `typo-gate baseline` still writes whole tokens.
    let written = root.join("written.json");
    typo_gate()
        .arg("baseline")
        .arg(root)
        .args(["--output", written.to_str().unwrap()])
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(
        text.contains("\"found\": \"redis://localhsot:6379/1\",\n      \"suggestion\": \"redis://localhost:6379/1\""),
        "{text}"
    );
}
