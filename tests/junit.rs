//! `--format junit`: one test case per checked file, a failure per blocking finding, the
//! suite's counts, and XML that parses back to the text it escaped.
mod common;

use std::path::Path;

use common::{fixture, typo_gate};

/// A run in `dir` as the workspace: its exit code and stdout.
fn junit(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = typo_gate()
        .current_dir(dir)
        .env("GITHUB_WORKSPACE", dir)
        .args(["check", "--format", "junit"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

/// What a reader of the report sees, parsed: each test case's name and file, and the
/// type, message and text of each of its failures.
type Case = (String, String, Vec<(String, String, String)>);

/// Parses `xml`, checks the suite's counts against its test cases, and lists them.
fn cases(xml: &str) -> Vec<Case> {
    let document = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    let suites = document.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    let suite = suites.first_element_child().unwrap();
    assert_eq!(suite.tag_name().name(), "testsuite");
    let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
    assert!(cases.iter().all(|c| c.tag_name().name() == "testcase"));
    let failed = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .count();
    for element in [suites, suite] {
        assert_eq!(element.attribute("name"), Some("typo-gate"));
        assert_eq!(element.attribute("tests"), Some(&*cases.len().to_string()));
        assert_eq!(element.attribute("failures"), Some(&*failed.to_string()));
        assert_eq!(element.attribute("errors"), Some("0"));
    }
    cases
        .iter()
        .map(|case| {
            let failures = case
                .children()
                .filter(|n| n.has_tag_name("failure"))
                .map(|f| {
                    (
                        f.attribute("type").unwrap().to_string(),
                        f.attribute("message").unwrap().to_string(),
                        f.text().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            (
                case.attribute("name").unwrap().to_string(),
                case.attribute("file").unwrap().to_string(),
                failures,
            )
        })
        .collect()
}

#[test]
fn a_test_case_per_checked_file_and_a_failure_per_finding() {
    let (code, xml) = junit(&fixture("php-template"), &["bad"]);
    assert_eq!(code, 1);
    assert_eq!(
        xml,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="typo-gate" tests="3" failures="1" errors="0">
  <testsuite name="typo-gate" tests="3" failures="1" errors="0" skipped="0">
    <testcase name="bad/config/view.php" classname="typo-gate" file="bad/config/view.php">
      <failure type="path-typo" message="line 4: `layuot.php` does not exist in the repository; did you mean `layout.php`?">path-typo at bad/config/view.php:4:16
found: 'layuot'
suggestion: 'layout'</failure>
    </testcase>
    <testcase name="bad/templates/layout.php" classname="typo-gate" file="bad/templates/layout.php"/>
    <testcase name="bad/templates/sidebar.php" classname="typo-gate" file="bad/templates/sidebar.php"/>
  </testsuite>
</testsuites>
"#
    );
    assert_eq!(cases(&xml).len(), 3);

    let (code, xml) = junit(&fixture("php-template"), &["clean"]);
    assert_eq!(code, 0);
    assert_eq!(
        xml,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="typo-gate" tests="3" failures="0" errors="0">
  <testsuite name="typo-gate" tests="3" failures="0" errors="0" skipped="0">
    <testcase name="clean/config/view.php" classname="typo-gate" file="clean/config/view.php"/>
    <testcase name="clean/templates/layout.php" classname="typo-gate" file="clean/templates/layout.php"/>
    <testcase name="clean/templates/sidebar.php" classname="typo-gate" file="clean/templates/sidebar.php"/>
  </testsuite>
</testsuites>
"#
    );
}

/// File names with `<`, `"` and control characters exist only on Unix.
#[cfg(unix)]
#[test]
fn markup_quotes_and_control_characters_are_escaped() {
    let repo = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &[u8]| {
        let path = repo.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("templates/layout.php", b"<?php ?>\n");
    // A token holding markup, a quote and a control character, in a file whose name holds
    // the rest of XML's special characters; a file named with a control character.
    write(
        "config/a<&\"'>.php",
        b"<?php\nrequire __DIR__ . '/../templates/<&\"\x01.phpp';\n",
    );
    write("config/bell\x07.php", b"<?php ?>\n");
    // Test code only warns: listed, not failed.
    write(
        "tests/view.php",
        b"<?php\nrequire __DIR__ . '/../templates/layout.phpp';\n",
    );
    // A folder's own name is no checked file: its finding adds a case.
    std::fs::create_dir(repo.path().join("static ")).unwrap();

    let (code, xml) = junit(repo.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        xml,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="typo-gate" tests="5" failures="2" errors="0">
  <testsuite name="typo-gate" tests="5" failures="2" errors="0" skipped="0">
    <testcase name="config/a&lt;&amp;&quot;'&gt;.php" classname="typo-gate" file="config/a&lt;&amp;&quot;'&gt;.php">
      <failure type="path-whitespace" message="line 2: path component &quot;&lt;&amp;\&quot;\u{1}.phpp&quot; has an invisible character; the name is probably `&lt;&amp;&quot;.phpp`">path-whitespace at config/a&lt;&amp;"'&gt;.php:2:37
found: '\u{1}.phpp'
suggestion: '.phpp'</failure>
    </testcase>
    <testcase name="config/bell\u{7}.php" classname="typo-gate" file="config/bell\u{7}.php"/>
    <testcase name="static " classname="typo-gate" file="static ">
      <failure type="path-whitespace" message="the name &quot;static &quot; ends with white space; rename it to `static`">path-whitespace at static 
found: 'static '
suggestion: 'static'</failure>
    </testcase>
    <testcase name="templates/layout.php" classname="typo-gate" file="templates/layout.php"/>
    <testcase name="tests/view.php" classname="typo-gate" file="tests/view.php">
      <system-out>warning: extension-typo at tests/view.php:2:40: `.phpp` is not a file extension; did you mean `.php`?</system-out>
    </testcase>
  </testsuite>
</testsuites>
"#
    );

    // Parsed back, every value reads as it was written.
    let parsed = cases(&xml);
    let names: Vec<&str> = parsed.iter().map(|(name, _, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "config/a<&\"'>.php",
            "config/bell\\u{7}.php",
            "static ",
            "templates/layout.php",
            "tests/view.php"
        ]
    );
    assert!(parsed.iter().all(|(name, file, _)| name == file));
    assert_eq!(
        parsed[0].2,
        [(
            "path-whitespace".to_string(),
            "line 2: path component \"<&\\\"\\u{1}.phpp\" has an invisible character; \
             the name is probably `<&\".phpp`"
                .to_string(),
            "path-whitespace at config/a<&\"'>.php:2:37\n\
             found: '\\u{1}.phpp'\n\
             suggestion: '.phpp'"
                .to_string()
        )]
    );
    assert!(parsed[4].2.is_empty(), "a warning fails no test case");

    // Warnings alone pass the gate and every test case.
    std::fs::remove_file(repo.path().join("config/a<&\"'>.php")).unwrap();
    std::fs::remove_dir(repo.path().join("static ")).unwrap();
    let (code, xml) = junit(repo.path(), &["."]);
    assert_eq!(code, 0);
    assert!(cases(&xml)
        .iter()
        .all(|(_, _, failures)| failures.is_empty()));
    assert!(xml.contains("<system-out>warning: extension-typo at tests/view.php:2:40: "));
}

#[test]
fn an_empty_run_is_an_empty_suite() {
    let empty = tempfile::tempdir().unwrap();
    let (code, xml) = junit(empty.path(), &["."]);
    assert_eq!(code, 0);
    assert_eq!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"typo-gate\" tests=\"0\" failures=\"0\" errors=\"0\">\n  \
         <testsuite name=\"typo-gate\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">\n  \
         </testsuite>\n</testsuites>\n"
    );
    assert_eq!(cases(&xml), Vec::<Case>::new());
}
