//! A build must never delete an agency's files: the output location is
//! checked before anything is written, removal never follows a symbolic
//! link, the swap leaves either the old or the new site in place, and
//! leftovers of an earlier build never break the next one. Each test runs
//! the real `sablah` command on a copy of the minimal fixture site.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{copy_dir, root};

fn site_copy(tmp: &Path) -> PathBuf {
    let site = tmp.join("site");
    copy_dir(&root().join("tests/sites/minimal"), &site);
    site
}

fn sablah(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sablah"))
        .args(args)
        .args(["--date", "2026-11-27"])
        .output()
        .unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file below `dir` with its bytes, to compare before and after.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

fn assert_refused(out: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("refusing"), "{stderr}");
    assert!(stderr.contains(needle), "{needle:?} not in {stderr}");
}

#[test]
fn an_output_that_is_the_site_folder_is_refused_and_nothing_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let before = snapshot(&site);
    assert_refused(
        &sablah(&["build", s(&site), "--output", s(&site)]),
        "site folder itself",
    );
    assert_eq!(snapshot(&site), before);
    // The folder that contains the site.
    assert_refused(
        &sablah(&["build", s(&site), "--output", s(tmp.path())]),
        "contains the site folder",
    );
    assert_eq!(snapshot(&site), before);
}

#[test]
fn an_output_in_sablah_toml_that_names_the_sources_is_refused() {
    for (output, needle) in [
        ("", "empty"),
        ("content", "inside"),
        (".", "itself"),
        ("static/out", "inside"),
        ("..", "contains the site folder"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let site = site_copy(tmp.path());
        std::fs::create_dir_all(site.join("static")).unwrap();
        std::fs::write(site.join("static/keep.txt"), "kept").unwrap();
        let config = std::fs::read_to_string(site.join("sablah.toml")).unwrap();
        let config = config.replacen("[site]\n", &format!("[site]\noutput = {output:?}\n"), 1);
        std::fs::write(site.join("sablah.toml"), config).unwrap();
        let before = snapshot(&site);
        let out = sablah(&["build", s(&site)]);
        assert_refused(&out, needle);
        assert!(String::from_utf8_lossy(&out.stderr).contains("sablah.toml"));
        assert_eq!(snapshot(&site), before, "output = {output:?}");
    }
}

#[test]
fn a_folder_of_someone_elses_files_is_not_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let home = tmp.path().join("home");
    std::fs::create_dir_all(home.join("docs")).unwrap();
    std::fs::write(home.join("docs/thesis.txt"), "years of work").unwrap();
    assert_refused(
        &sablah(&["build", s(&site), "--output", s(&home)]),
        "did not write",
    );
    assert_eq!(
        std::fs::read_to_string(home.join("docs/thesis.txt")).unwrap(),
        "years of work"
    );
    // Another site's sources, and a folder inside them.
    let other = tmp.path().join("other");
    copy_dir(&root().join("tests/sites/minimal"), &other);
    let before = snapshot(&other);
    assert_refused(
        &sablah(&["build", s(&site), "--output", s(&other)]),
        "sablah.toml",
    );
    assert_refused(
        &sablah(&["build", s(&site), "--output", s(&other.join("content"))]),
        "inside",
    );
    assert_eq!(snapshot(&other), before);
}

#[test]
fn an_output_folder_sablah_wrote_is_replaced_and_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let out = tmp.path().join("out");
    for _ in 0..2 {
        let o = sablah(&["build", s(&site), "--output", s(&out)]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert!(out.join("data/manifest.json").is_file());
    assert!(!tmp.path().join(".out.staging").exists());
    assert!(!tmp.path().join(".out.staging.old").exists());
}

#[cfg(unix)]
#[test]
fn a_linked_output_keeps_its_link_and_the_folder_it_names_gets_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let www = tmp.path().join("srv/www");
    std::fs::create_dir_all(&www).unwrap();
    std::os::unix::fs::symlink(&www, site.join("public")).unwrap();
    for _ in 0..2 {
        let o = sablah(&["build", s(&site)]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let link = std::fs::symlink_metadata(site.join("public")).unwrap();
        assert!(link.file_type().is_symlink(), "public is still a link");
        assert!(www.join("data/manifest.json").is_file());
        assert!(www.join("ar/index.html").is_file());
    }
    // Nothing but the site (and no staging left) beside the real folder.
    let beside: Vec<_> = std::fs::read_dir(tmp.path().join("srv"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(beside, ["www"]);
}

#[cfg(unix)]
#[test]
fn a_link_left_where_staging_goes_is_removed_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let precious = tmp.path().join("precious");
    std::fs::create_dir_all(&precious).unwrap();
    std::fs::write(precious.join("a.txt"), "keep me").unwrap();
    // Built once so that the second build has an old site to remove.
    assert_eq!(sablah(&["build", s(&site)]).status.code(), Some(0));
    for name in [".public.staging", ".public.staging.old"] {
        std::os::unix::fs::symlink(&precious, site.join(name)).unwrap();
        let o = sablah(&["build", s(&site)]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(
            std::fs::read_to_string(precious.join("a.txt")).unwrap(),
            "keep me",
            "{name} was followed"
        );
        let _ = std::fs::remove_file(site.join(name));
    }
}

#[test]
fn a_stale_staging_file_does_not_break_the_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    std::fs::write(site.join(".public.staging"), "left by a crash").unwrap();
    let o = sablah(&["build", s(&site)]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(site.join("public/ar/index.html").is_file());
}

#[test]
fn a_site_left_aside_by_an_interrupted_swap_is_put_back() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    assert_eq!(sablah(&["build", s(&site)]).status.code(), Some(0));
    // What a build killed between the two renames of the fallback swap leaves.
    std::fs::rename(site.join("public"), site.join(".public.staging.old")).unwrap();
    let index = site.join("content/consultations/water-tariffs/consultation.toml");
    let good = std::fs::read_to_string(&index).unwrap();
    std::fs::write(&index, "id = ").unwrap(); // a failing build
    let o = sablah(&["build", s(&site)]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("put back the previous site"), "{stderr}");
    assert!(
        site.join("public/ar/index.html").is_file(),
        "previous site back"
    );
    assert!(!site.join(".public.staging.old").exists());
    std::fs::write(&index, good).unwrap();
    assert_eq!(sablah(&["build", s(&site)]).status.code(), Some(0));
}

#[test]
fn an_io_error_names_the_path_that_failed() {
    let tmp = tempfile::tempdir().unwrap();
    let o = sablah(&["build", s(&tmp.path().join("no-such-site"))]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr.contains("no-such-site"), "{stderr}");
    // A file where the output's parent folder should be.
    let site = site_copy(tmp.path());
    std::fs::write(tmp.path().join("blocker"), "").unwrap();
    let o = sablah(&[
        "build",
        s(&site),
        "--output",
        s(&tmp.path().join("blocker/out")),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("blocker"), "{stderr}");
}

/// A file nobody can remove, as root too (`chattr +i` on this file system),
/// made removable again when the test ends.
#[cfg(target_os = "linux")]
struct Undeletable(PathBuf);

#[cfg(target_os = "linux")]
impl Undeletable {
    fn new(path: &Path) -> Undeletable {
        let ok = if unsafe_is_root() {
            Command::new("chattr")
                .arg("+i")
                .arg(path)
                .status()
                .unwrap()
                .success()
        } else {
            use std::os::unix::fs::PermissionsExt;
            let dir = path.parent().unwrap();
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).is_ok()
        };
        assert!(ok, "could not make {} undeletable", path.display());
        assert!(std::fs::remove_file(path).is_err(), "still deletable");
        Undeletable(path.to_path_buf())
    }
}

#[cfg(target_os = "linux")]
impl Drop for Undeletable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(
            self.0.parent().unwrap(),
            std::fs::Permissions::from_mode(0o755),
        );
    }
}

#[cfg(target_os = "linux")]
fn unsafe_is_root() -> bool {
    String::from_utf8_lossy(&Command::new("id").arg("-u").output().unwrap().stdout).trim() == "0"
}

#[cfg(target_os = "linux")]
#[test]
fn an_undeletable_file_in_the_old_site_does_not_break_later_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    assert_eq!(sablah(&["build", s(&site)]).status.code(), Some(0));
    let _stuck = Undeletable::new(&site.join("public/ar/index.html"));
    for round in 0..3 {
        let o = sablah(&["build", s(&site)]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "round {round}: {stderr}");
        assert!(stderr.contains("warning"), "round {round}: {stderr}");
        assert!(stderr.contains("index.html"), "the path is named: {stderr}");
        assert!(site.join("public/en/index.html").is_file());
    }
}
