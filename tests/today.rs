//! Without `--date`, "today" is the date in the site's time zone
//! (`[site] timezone`, Asia/Muscat by default), never the machine's: the
//! same site built at the same moment on machines set to any time zone
//! gives the same statuses.

mod common;

use std::path::Path;
use std::process::Command;

use chrono::TimeZone;
use common::{copy_dir, root};

/// The `build_date` of consultations.json after building `site` with
/// `env` and no `--date`.
fn built_date(site: &Path, out: &Path, env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sablah"));
    cmd.args([
        "build",
        site.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ])
    .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let run = cmd.output().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/consultations.json")).unwrap())
            .unwrap();
    json["build_date"].as_str().unwrap().to_string()
}

fn muscat_today() -> String {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Muscat)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

#[test]
fn today_is_the_date_in_muscat_whatever_the_machine_zone() {
    let tmp = tempfile::tempdir().unwrap();
    let site = root().join("tests/sites/minimal");
    let before = muscat_today();
    // 26 hours apart: the two machines never share a date.
    let west = built_date(&site, &tmp.path().join("w"), &[("TZ", "Etc/GMT+12")]);
    let east = built_date(&site, &tmp.path().join("e"), &[("TZ", "Etc/GMT-14")]);
    let after = muscat_today();
    assert_eq!(west, east, "the machine's time zone changed the date");
    assert!(
        west == before || west == after,
        "{west}, in Muscat {before}"
    );
}

#[test]
fn source_date_epoch_is_read_in_the_site_time_zone() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&root().join("tests/sites/minimal"), &site);
    // 2026-03-31 21:30 UTC is already 1 April in Muscat (UTC+4).
    let epoch = chrono::Utc
        .with_ymd_and_hms(2026, 3, 31, 21, 30, 0)
        .unwrap()
        .timestamp()
        .to_string();
    let env = [("TZ", "UTC"), ("SOURCE_DATE_EPOCH", epoch.as_str())];
    assert_eq!(built_date(&site, &tmp.path().join("a"), &env), "2026-04-01");
    // `[site] timezone` (content format 1.1) is followed: 10:30 UTC is
    // 00:30 the next day in Kiritimati (UTC+14), the same day in Muscat.
    let epoch = chrono::Utc
        .with_ymd_and_hms(2026, 3, 31, 10, 30, 0)
        .unwrap()
        .timestamp()
        .to_string();
    let env = [("TZ", "UTC"), ("SOURCE_DATE_EPOCH", epoch.as_str())];
    assert_eq!(built_date(&site, &tmp.path().join("b"), &env), "2026-03-31");
    let config = site.join("sablah.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replacen("[site]\n", "[site]\ntimezone = \"Pacific/Kiritimati\"\n", 1),
    )
    .unwrap();
    assert_eq!(built_date(&site, &tmp.path().join("c"), &env), "2026-04-01");
}

#[test]
fn an_unknown_time_zone_is_refused_at_its_key() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&root().join("tests/sites/minimal"), &site);
    let config = site.join("sablah.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replacen("[site]\n", "[site]\ntimezone = \"Asia/Muscatt\"\n", 1),
    )
    .unwrap();
    let checked = sablah::build::check_site(&site, common::date()).unwrap();
    let d: Vec<_> = checked.diagnostics.resolved(&checked.sources).collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "E034");
    assert_eq!(
        (d[0].file.as_deref(), d[0].line, d[0].column),
        (Some("sablah.toml"), Some(2), Some(12))
    );
    assert!(
        d[0].help.as_deref().unwrap().contains("Asia/Muscat"),
        "{d:?}"
    );
}
