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
