//! Helpers shared by the integration tests that build fixture sites.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use sablah::build::{build_site, BuildOptions, BuildOutcome};
use sablah::model::Date;

/// The repository root (the demo site).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The build date every test uses.
pub fn date() -> Date {
    Date::parse("2026-11-27").unwrap()
}

/// Builds `site` into `out` on the test date.
pub fn build(site: &Path, out: &Path) -> BuildOutcome {
    build_site(
        site,
        &BuildOptions {
            output: Some(out.to_path_buf()),
            date: date(),
            verbose: false,
        },
    )
    .unwrap()
}

/// Builds and insists that the build wrote the site.
pub fn build_ok(site: &Path, out: &Path) {
    let outcome = build(site, out);
    assert!(
        outcome.written.is_some(),
        "{} did not build: {:?}",
        site.display(),
        outcome.diagnostics
    );
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Runs `tests/search/run.mjs` (the search page's own engine, in Node) on a
/// JSON request and returns its JSON answer.
pub fn node(request: &serde_json::Value) -> serde_json::Value {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("node")
        .arg(root().join("tests/search/run.mjs"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs the search scripts (install Node.js)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(request.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
