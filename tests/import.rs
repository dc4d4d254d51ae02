//! `sablah import inputs`, run as a user runs it: on a copy of the 1.1
//! fixture site, twice on a growing export, and on a broken one.

mod common;

use std::path::Path;
use std::process::Command;

fn sablah(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sablah"))
        .args(args)
        .output()
        .unwrap()
}

fn inputs(site: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(site.join("content/consultations/open-call/inputs"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
    names.sort();
    names
}

#[test]
fn an_export_becomes_pending_inputs_and_a_second_run_adds_only_new_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_dir(&common::root().join("tests/sites/format-1-1"), &site);
    let csv = tmp.path().join("export.csv");
    std::fs::write(
        &csv,
        "Timestamp,Email address,Comment\n2026-11-12 09:15:00,a@example.om,Lower the tariff for large families.\n2026-11-13 17:40:00,b@example.om,التعرفة الحالية مناسبة\n",
    )
    .unwrap();
    let site_arg = site.to_str().unwrap();
    let out = sablah(&[
        "import",
        "inputs",
        "open-call",
        csv.to_str().unwrap(),
        "--site",
        site_arg,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("imported 2 input(s) (i-2 to i-3)"), "{said}");
    assert_eq!(inputs(&site), ["i-1.md", "i-2.md", "i-3.md"]);
    let i2 = std::fs::read_to_string(site.join("content/consultations/open-call/inputs/i-2.md"))
        .unwrap();
    assert!(i2.contains("moderation = \"pending\""));
    assert!(
        !i2.contains("a@example.om"),
        "an e-mail address is not copied"
    );
    // The site still checks: pending inputs of an open consultation are fine.
    let check = sablah(&["check", site_arg, "--date", "2026-11-27"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // The export grew by one row; the first two are skipped.
    let mut grown = std::fs::read_to_string(&csv).unwrap();
    grown.push_str("2026-11-14 08:00:00,c@example.om,A third view arrived later.\n");
    std::fs::write(&csv, grown).unwrap();
    let again = sablah(&[
        "import",
        "inputs",
        "open-call",
        csv.to_str().unwrap(),
        "--site",
        site_arg,
    ]);
    assert!(again.status.success());
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(
        said.contains("imported 1 input(s) (i-4)") && said.contains("skipped 2"),
        "{said}"
    );
    assert_eq!(inputs(&site), ["i-1.md", "i-2.md", "i-3.md", "i-4.md"]);
}

#[test]
fn a_broken_export_is_reported_row_by_row_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_dir(&common::root().join("tests/sites/format-1-1"), &site);
    let csv = tmp.path().join("broken.csv");
    std::fs::write(
        &csv,
        "Date,Comment\nlast week,One\n2026-11-12,\n2026-11-13,Fine\n",
    )
    .unwrap();
    let out = sablah(&[
        "import",
        "inputs",
        "open-call",
        csv.to_str().unwrap(),
        "--site",
        site.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("E035") && err.contains("broken.csv:2:1"),
        "{err}"
    );
    assert!(err.contains("broken.csv:3:1"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(inputs(&site), ["i-1.md"]);
}

/// Imports `sample` (a file of tests/import/) into a fresh copy of the 1.1
/// site; returns the site folder, stdout+stderr, and the new inputs' texts.
fn import_sample(sample: &str, tmp: &Path) -> (std::path::PathBuf, String, Vec<String>) {
    let site = tmp.join("site");
    common::copy_dir(&common::root().join("tests/sites/format-1-1"), &site);
    let file = common::root().join("tests/import").join(sample);
    let out = sablah(&[
        "import",
        "inputs",
        "open-call",
        file.to_str().unwrap(),
        "--site",
        site.to_str().unwrap(),
    ]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{sample}: {said}");
    let dir = site.join("content/consultations/open-call/inputs");
    let texts = inputs(&site)
        .iter()
        .filter(|n| *n != "i-1.md")
        .map(|n| std::fs::read_to_string(dir.join(n)).unwrap())
        .collect();
    let check = sablah(&["check", site.to_str().unwrap(), "--date", "2026-11-27"]);
    assert!(
        check.status.success(),
        "{sample}: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    (site, said, texts)
}

#[test]
fn exports_of_common_tools_import_without_a_map() {
    let tmp = tempfile::tempdir().unwrap();
    // Google Forms (day-first timestamps, a column per question, e-mails).
    let (_, said, g) = import_sample("google-forms.csv", &tmp.path().join("g"));
    assert_eq!(g.len(), 2, "{said}");
    assert!(
        g[0].contains("received = 2026-11-05T10:30:00") && g[0].contains("questions = [\"q1\"]")
    );
    assert!(g.iter().all(|t| !t.contains("salim@example.om")));
    assert!(g[1].contains("language = \"ar\""));
    assert!(said.contains("%d/%m/%Y"), "the date form is said: {said}");
    // Microsoft Forms (a byte order mark, month-first short years; the
    // completion time, not the start time).
    let (_, said, m) = import_sample("microsoft-forms.csv", &tmp.path().join("m"));
    assert_eq!(m.len(), 2, "{said}");
    assert!(m[0].contains("received = 2026-11-05T10:30:45"), "{}", m[0]);
    assert!(m[1].contains("received = 2026-11-14T09:05:31"));
    // KoboToolbox (semicolons, the submission time with an offset).
    let (_, said, k) = import_sample("kobotoolbox.csv", &tmp.path().join("k"));
    assert_eq!(k.len(), 2, "{said}");
    assert!(
        k[0].contains("received = 2026-11-05T10:31:02+04:00"),
        "{}",
        k[0]
    );
    assert!(k[0].contains("Fair, if leaks are fixed"));
    // Social comments (UTF-16 "Unicode text", tabs, platform and permalink).
    let (_, said, s) = import_sample("social-comments.txt", &tmp.path().join("s"));
    assert_eq!(s.len(), 2, "{said}");
    assert!(
        s[0].contains("channel = \"social\"\nplatform = \"x\""),
        "{}",
        s[0]
    );
    assert!(s[1].contains("platform = \"instagram\""));
    assert!(s[0].contains("name = \"@citizen1\"\npublish_name = false"));
    assert!(s[0].contains("source_url = \"https://x.com/citizen1/status/11\""));
}

#[test]
fn a_hostile_export_loses_nothing_and_cannot_half_import() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_dir(&common::root().join("tests/sites/format-1-1"), &site);
    let run = |name: &str, bytes: &[u8]| {
        let f = tmp.path().join(name);
        std::fs::write(&f, bytes).unwrap();
        sablah(&[
            "import",
            "inputs",
            "open-call",
            f.to_str().unwrap(),
            "--site",
            site.to_str().unwrap(),
        ])
    };
    // Mixed encodings: a Windows-1256 row in a UTF-8 file is refused.
    let mut mixed = b"date,comment\n2026-11-05,fine\n2026-11-06,".to_vec();
    mixed.extend_from_slice(&[0xC7, 0xE1, 0xE3, b'\n']);
    let out = run("mixed.csv", &mixed);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 3 is not UTF-8"));
    // Broken quoting and a row without text: every problem, nothing written.
    let out = run(
        "broken.csv",
        b"date,comment\n2026-11-05,\"never closed\n2026-11-06,\n",
    );
    assert_ne!(out.status.code(), Some(0));
    assert_eq!(inputs(&site), ["i-1.md"]);
    // Formula cells and a 1 MB cell stay text; 100,000 rows import.
    let mut big = String::from("date,comment\n");
    big.push_str("2026-11-05,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\n");
    big.push_str(&format!("2026-11-05,{}\n", "a".repeat(1 << 20)));
    for n in 0..100_000 {
        big.push_str(&format!("2026-11-06,comment number {n}\n"));
    }
    let out = run("big.csv", big.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("read 100002 row(s): imported 100002"));
    let first = std::fs::read_to_string(site.join("content/consultations/open-call/inputs/i-2.md"))
        .unwrap();
    assert!(
        first.contains("=HYPERLINK(\"http://evil.example\",\"x\")"),
        "kept as the citizen wrote it"
    );
    assert_eq!(inputs(&site).len(), 100_003);
}
