//! The checker against sites that break one rule each.
//!
//! `tests/invalid/<CODE-name>/` holds small fixture sites, each a copy of the
//! valid `tests/sites/minimal` with one thing broken, and an `expected.txt`
//! that lists every diagnostic it must produce (format: tests/invalid/README.md).
//! Folders are discovered at run time, so a new fixture needs no code here.
//!
//! Bad inputs that cannot or should not be committed (a 50 MB file, symbolic
//! links, very deep folders, a stray encoding) are built in a temporary
//! folder from a copy of `tests/sites/minimal`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use sablah::build::check_site;
use sablah::diagnostics::{Resolved, Severity};
use sablah::model::Date;

const CONSULTATION: &str = "content/consultations/water-tariffs";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build_date() -> Date {
    Date::parse("2026-11-27").unwrap()
}

/// Every diagnostic of the site in `dir`, with its place worked out.
fn check(dir: &Path) -> Vec<Resolved> {
    let outcome = check_site(dir, build_date()).unwrap_or_else(|e| {
        panic!(
            "check_site({}) failed with an I/O error: {e}",
            dir.display()
        )
    });
    outcome.diagnostics.resolved(&outcome.sources).collect()
}

/// `CODE FILE:LINE:COLUMN`, `CODE FILE` or `CODE -`.
fn key_of(r: &Resolved) -> String {
    let mut s = format!("{} {}", r.code, r.file.as_deref().unwrap_or("-"));
    if let (Some(l), Some(c)) = (r.line, r.column) {
        write!(s, ":{l}:{c}").unwrap();
    } else if let Some(l) = r.line {
        write!(s, ":{l}").unwrap();
    }
    s
}

fn show(r: &Resolved) -> String {
    format!(
        "{}  [{}] {}\n        help: {}",
        key_of(r),
        r.name,
        r.message,
        r.help.as_deref().unwrap_or("(none)")
    )
}

/// One line of `expected.txt`.
#[derive(Debug)]
struct Expected {
    key: String,
    message: Vec<String>,
    help: Vec<String>,
    text: String,
}

fn parse_expected(text: &str) -> Result<Vec<Expected>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split(" ; ");
        let key = parts.next().unwrap().trim();
        let mut words = key.split_whitespace();
        let (Some(code), Some(loc), None) = (words.next(), words.next(), words.next()) else {
            return Err(format!(
                "expected.txt line {}: want `CODE FILE[:LINE:COLUMN]`, got {line:?}",
                n + 1
            ));
        };
        let well_formed = code.len() == 4
            && (code.starts_with('E') || code.starts_with('W'))
            && code[1..].bytes().all(|b| b.is_ascii_digit());
        if !well_formed {
            return Err(format!(
                "expected.txt line {}: {code:?} is not a diagnostic code",
                n + 1
            ));
        }
        let mut e = Expected {
            key: format!("{code} {loc}"),
            message: Vec::new(),
            help: Vec::new(),
            text: line.to_string(),
        };
        for check in parts {
            match check.trim().split_once('~') {
                Some(("message", t)) => e.message.push(t.to_string()),
                Some(("help", t)) => e.help.push(t.to_string()),
                _ => {
                    return Err(format!(
                        "expected.txt line {}: unknown check {check:?}",
                        n + 1
                    ))
                }
            }
        }
        out.push(e);
    }
    Ok(out)
}

/// Compares the diagnostics with the expected lines; `Err` says how they differ.
fn compare(expected: &[Expected], actual: &[Resolved]) -> Result<(), String> {
    let mut problems = Vec::new();
    let mut want: BTreeMap<&str, usize> = BTreeMap::new();
    for e in expected {
        *want.entry(e.key.as_str()).or_default() += 1;
    }
    let mut got: BTreeMap<String, usize> = BTreeMap::new();
    for r in actual {
        *got.entry(key_of(r)).or_default() += 1;
    }
    for (k, n) in &want {
        let m = got.get(*k).copied().unwrap_or(0);
        if m < *n {
            problems.push(format!(
                "missing:    {k}{}",
                if *n > 1 {
                    format!(" (x{})", n - m)
                } else {
                    String::new()
                }
            ));
        }
    }
    for (k, n) in &got {
        let m = want.get(k.as_str()).copied().unwrap_or(0);
        if *n > m {
            problems.push(format!(
                "unexpected: {k}{}",
                if n - m > 1 {
                    format!(" (x{})", n - m)
                } else {
                    String::new()
                }
            ));
        }
    }
    for e in expected {
        let candidates: Vec<&Resolved> = actual.iter().filter(|r| key_of(r) == e.key).collect();
        if candidates.is_empty() {
            continue;
        }
        for t in &e.message {
            if !candidates.iter().any(|r| r.message.contains(t.as_str())) {
                problems.push(format!("{}: the message does not contain {t:?}", e.key));
            }
        }
        for t in &e.help {
            if !candidates
                .iter()
                .any(|r| r.help.as_deref().unwrap_or("").contains(t.as_str()))
            {
                problems.push(format!("{}: the help does not contain {t:?}", e.key));
            }
        }
    }
    for r in actual {
        if r.severity == Severity::Error
            && r.help.as_deref().map(str::trim).unwrap_or("").is_empty()
        {
            problems.push(format!("{}: an error without help", key_of(r)));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

fn report(name: &str, expected: &[Expected], actual: &[Resolved], problems: &str) -> String {
    let mut s = format!("--- {name}\n{problems}\n  expected:\n");
    for e in expected {
        writeln!(s, "    {}", e.text).unwrap();
    }
    if expected.is_empty() {
        s.push_str("    (nothing)\n");
    }
    s.push_str("  actual:\n");
    for r in actual {
        writeln!(s, "    {}", show(r)).unwrap();
    }
    if actual.is_empty() {
        s.push_str("    (nothing)\n");
    }
    s
}

/// Checks `dir` and asserts its diagnostics are exactly `expected` (lines in
/// the `expected.txt` format).
fn assert_diagnostics(name: &str, dir: &Path, expected: &str) {
    let expected = parse_expected(expected).unwrap();
    let actual = check(dir);
    if let Err(problems) = compare(&expected, &actual) {
        panic!("{}", report(name, &expected, &actual, &problems));
    }
}

#[test]
fn every_invalid_fixture_gives_exactly_its_expected_diagnostics() {
    let root = repo().join("tests/invalid");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("tests/invalid exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no fixtures in {}", root.display());

    let mut failures = Vec::new();
    let mut passed = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected = match fs::read_to_string(dir.join("expected.txt")) {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!("--- {name}\nhas no readable expected.txt ({e})\n"));
                continue;
            }
        };
        let expected = match parse_expected(&expected) {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("--- {name}\n{e}\n"));
                continue;
            }
        };
        if expected.is_empty() {
            failures.push(format!("--- {name}\nexpected.txt lists no diagnostic: an invalid fixture must break a rule\n"));
            continue;
        }
        // The folder name starts with the code the fixture is about.
        let code = name.split('-').next().unwrap_or("");
        if !expected.iter().any(|e| e.key.starts_with(code)) {
            failures.push(format!(
                "--- {name}\nexpected.txt does not list {code}, the code in the folder name\n"
            ));
        }
        let actual = match catch_unwind(AssertUnwindSafe(|| check(dir))) {
            Ok(a) => a,
            Err(_) => {
                failures.push(format!("--- {name}\nthe checker panicked\n"));
                continue;
            }
        };
        match compare(&expected, &actual) {
            Ok(()) => passed.push(name),
            Err(problems) => failures.push(report(&name, &expected, &actual, &problems)),
        }
    }
    if !failures.is_empty() {
        panic!(
            "{} of {} fixtures differ from their expected.txt\n(passed: {})\n\n{}",
            failures.len(),
            dirs.len(),
            passed.join(", "),
            failures.join("\n")
        );
    }
}

#[test]
fn the_minimal_site_has_no_diagnostics() {
    assert_diagnostics(
        "tests/sites/minimal",
        &repo().join("tests/sites/minimal"),
        "",
    );
}

#[test]
fn the_demo_site_has_no_errors_and_no_warnings() {
    let actual = check(&repo());
    let errors = actual
        .iter()
        .filter(|r| r.severity == Severity::Error)
        .count();
    let warnings = actual.len() - errors;
    assert!(
        errors == 0 && warnings == 0,
        "the demo site has {errors} error(s) and {warnings} warning(s):\n{}",
        actual.iter().map(show).collect::<Vec<_>>().join("\n")
    );
}

// ---------------------------------------------------------------------------
// Bad inputs built at test time.

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh copy of the minimal site in a temporary folder, at `<tmp>/site`
/// (so that the test can put things beside it, outside the site).
fn minimal_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    assert_diagnostics("copy of tests/sites/minimal", &site, "");
    (tmp, site)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_50_mb_input_is_refused_and_the_rest_of_the_site_is_still_checked() {
    let (_tmp, site) = minimal_copy();
    let input = site.join(CONSULTATION).join("inputs/i-003.md");
    let mut text = String::from(
        "+++\nreceived = 2026-03-10\nchannel = \"web\"\nlanguage = \"en\"\nauthor = \"anonymous\"\nthemes = [\"affordability\"]\nmoderation = \"published\"\n+++\n",
    );
    let line = "A pasted export that nobody meant to publish as a comment.\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(line);
    }
    fs::write(&input, text).unwrap();
    // And another rule broken elsewhere: it must still be found.
    edit(
        &site.join(CONSULTATION).join("consultation.toml"),
        "unit = \"policy-unit\"",
        "unit = \"nope\"",
    );
    assert_diagnostics(
        "50 MB input",
        &site,
        &format!(
            "E023 {CONSULTATION}/inputs/i-003.md ; message~MB\nE008 {CONSULTATION}/consultation.toml:4:8"
        ),
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_in_content_is_unreadable() {
    use std::os::unix::fs::symlink;
    let (_tmp, site) = minimal_copy();
    // A folder link to one of its own ancestors, and a link to itself.
    symlink(".", site.join("content/loop")).unwrap();
    symlink("selfie", site.join("content/pages/selfie")).unwrap();
    assert_diagnostics(
        "symbolic link loops",
        &site,
        "E025 content/loop\nE025 content/pages/selfie",
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_site_is_refused_and_not_followed() {
    use std::os::unix::fs::symlink;
    let (tmp, site) = minimal_copy();
    let secret_file = tmp.path().join("outside.en.md");
    fs::write(
        &secret_file,
        "+++\ntitle = \"SECRET-FILE\"\n+++\nSECRET-FILE\n",
    )
    .unwrap();
    let secret_dir = tmp.path().join("outside-dir");
    fs::create_dir(&secret_dir).unwrap();
    fs::write(
        secret_dir.join("consultation.toml"),
        "id = \"SECRET-DIR\"\n",
    )
    .unwrap();
    symlink(&secret_file, site.join("content/pages/secret.en.md")).unwrap();
    symlink(&secret_dir, site.join("content/consultations/elsewhere")).unwrap();

    let outcome = check_site(&site, build_date()).unwrap();
    for f in &outcome.sources.files {
        assert!(
            !f.text.contains("SECRET"),
            "{} was read from outside the site",
            f.path
        );
    }
    assert!(outcome
        .sources
        .assets
        .iter()
        .all(|a| !a.path.contains("elsewhere")));
    assert_diagnostics(
        "symbolic links out of the site",
        &site,
        "E024 content/consultations/elsewhere\nE024 content/pages/secret.en.md",
    );
}

#[test]
fn a_folder_nested_200_levels_deep_is_walked_without_panic() {
    let (_tmp, site) = minimal_copy();
    // An empty chain of folders publishes nothing and says nothing; a file at
    // the bottom of another chain is a file the format does not expect (W005).
    let mut empty = site.join("content/empty");
    let mut deep = site.join("content/deep");
    let mut rel = String::from("content/deep");
    for _ in 0..200 {
        empty.push("d");
        deep.push("d");
        rel.push_str("/d");
    }
    fs::create_dir_all(&empty).unwrap();
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join("note.md"), "A note.\n").unwrap();
    let result = catch_unwind(AssertUnwindSafe(|| check(&site)));
    assert!(result.is_ok(), "the checker panicked on a 200-level folder");
    assert_diagnostics("200 levels deep", &site, &format!("W005 {rel}/note.md"));
}

#[test]
fn a_markdown_file_that_is_not_utf8_is_reported_once() {
    let (_tmp, site) = minimal_copy();
    // Saved as Windows-1252 / Latin-1 by an editor: "café", "naïve".
    let en = site.join(CONSULTATION).join("consultation.en.md");
    fs::write(
        &en,
        b"+++\ntitle = \"Water tariffs\"\nsummary = \"We consult you on water tariffs.\"\n+++\nThe caf\xe9 owners' na\xefve question.\n",
    )
    .unwrap();
    // The file exists: it is unreadable (E020), not missing (no E015).
    assert_diagnostics(
        "consultation.en.md in Latin-1",
        &site,
        &format!("E020 {CONSULTATION}/consultation.en.md"),
    );
}

#[test]
fn a_front_matter_with_100000_unknown_keys_gives_50_of_them_and_a_count() {
    // Issue 18: locating each unknown key scanned its table, so 40,000 keys
    // took 36 s and a million never finished (and `serve` hung on them).
    let (_tmp, site) = minimal_copy();
    let input = site.join(CONSULTATION).join("inputs/i-001.md");
    let text = fs::read_to_string(&input).unwrap();
    let body = text.strip_prefix("+++\n").unwrap();
    let mut keys = String::with_capacity(2_000_000);
    // Written in reverse order of their names: they are reported in the
    // order they are written, not as the table sorts them.
    for n in (0..100_000).rev() {
        writeln!(keys, "x{n:06} = {n}").unwrap();
    }
    fs::write(&input, format!("+++\n{keys}{body}")).unwrap();
    // And another rule broken elsewhere: it must still be found.
    edit(
        &site.join(CONSULTATION).join("consultation.toml"),
        "unit = \"policy-unit\"",
        "unit = \"nope\"",
    );
    let mut expected = String::new();
    writeln!(
        expected,
        "E003 {CONSULTATION}/inputs/i-001.md:2:1 ; message~`x099999`"
    )
    .unwrap();
    for line in 3..=51 {
        writeln!(expected, "E003 {CONSULTATION}/inputs/i-001.md:{line}:1").unwrap();
    }
    writeln!(
        expected,
        "E003 {CONSULTATION}/inputs/i-001.md:52:1 ; message~99950 more unknown key(s)"
    )
    .unwrap();
    writeln!(expected, "E008 {CONSULTATION}/consultation.toml:4:8").unwrap();
    assert_diagnostics("100,000 unknown keys", &site, &expected);
}

#[test]
fn a_site_without_inputs_needs_no_moderation_policy_yet() {
    let (_tmp, site) = minimal_copy();
    fs::remove_dir_all(site.join(CONSULTATION).join("inputs")).unwrap();
    fs::remove_dir_all(site.join("content/pages")).unwrap();
    assert_diagnostics("no inputs, no moderation policy", &site, "");
    // With an input, the policy is missing (W002).
    fs::create_dir_all(site.join(CONSULTATION).join("inputs")).unwrap();
    fs::copy(
        repo()
            .join("tests/sites/minimal")
            .join(CONSULTATION)
            .join("inputs/i-001.md"),
        site.join(CONSULTATION).join("inputs/i-001.md"),
    )
    .unwrap();
    assert_diagnostics("an input, no moderation policy", &site, "W002 sablah.toml");
}
