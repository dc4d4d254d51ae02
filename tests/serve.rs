//! `sablah serve`, `sablah new` and `sablah init`.
//!
//! The server is driven over HTTP on 127.0.0.1 (an ephemeral port), on a
//! temporary copy of `tests/sites/minimal`; every wait is bounded. The
//! incremental rebuild is compared with a full `build`, file for file,
//! after each kind of change.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use sablah::build::{build_site, check_site, BuildOptions};
use sablah::model::Date;
use sablah::scaffold;
use sablah::serve::workspace::{BuildDate, Workspace};

const SLUG: &str = "water-tariffs";

fn date() -> Date {
    Date::parse("2026-06-01").unwrap()
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/minimal")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the minimal site.
fn site_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture(), &site);
    (dir, site)
}

fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// What `sablah build` writes for the site as it is now.
fn full_build(site: &Path, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let outcome = build_site(
        site,
        &BuildOptions {
            output: Some(out.to_path_buf()),
            date: date(),
            verbose: false,
        },
    )
    .unwrap();
    assert!(
        outcome.written.is_some(),
        "the full build failed: {:?}",
        outcome.diagnostics.items
    );
    read_tree(out)
}

fn assert_same_as_full_build(ws: &Workspace, site: &Path, out: &Path, after: &str) {
    assert!(!ws.has_errors(), "after {after}: {:?}", ws.problems());
    let mut full = full_build(site, out);
    // The compressed copies are for hosts; serve compresses nothing.
    let copies: Vec<String> = full
        .keys()
        .filter(|k| {
            let stem = k.strip_suffix(".gz").or_else(|| k.strip_suffix(".br"));
            stem.is_some_and(|s| full.contains_key(s))
        })
        .cloned()
        .collect();
    assert!(
        !copies.is_empty(),
        "the full build wrote no compressed copy"
    );
    for k in copies {
        full.remove(&k);
    }
    let served: BTreeMap<String, Vec<u8>> = ws
        .files()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_ref().clone()))
        .collect();
    let only_full: Vec<&String> = full.keys().filter(|k| !served.contains_key(*k)).collect();
    let only_served: Vec<&String> = served.keys().filter(|k| !full.contains_key(*k)).collect();
    assert!(only_full.is_empty() && only_served.is_empty(), "after {after}: only in the full build {only_full:?}, only in the incremental one {only_served:?}");
    let differ: Vec<&String> = full
        .iter()
        .filter(|(k, v)| served[*k] != **v)
        .map(|(k, _)| k)
        .collect();
    assert!(
        differ.is_empty(),
        "after {after}: these files differ from a full build: {differ:?}"
    );
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn paths(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn incremental_rebuilds_equal_a_full_build_file_for_file() {
    let (tmp, site) = site_copy();
    let out = tmp.path().join("public");
    let (mut ws, first) = Workspace::open(&site, BuildDate::Fixed(date())).unwrap();
    assert!(first.full);
    assert_same_as_full_build(&ws, &site, &out, "the first build");

    let folder = site.join("content/consultations").join(SLUG);
    let input = format!("content/consultations/{SLUG}/inputs/i-001.md");

    // One input's words: its pages only, then the open data.
    edit(&site.join(&input), "التعرفة مرتفعة", "التعرفة مرتفعة جدا");
    let outcome = ws.rebuild(&paths(&[&input]));
    assert!(!outcome.full, "an input's change rebuilt everything");
    assert!(
        outcome
            .changed
            .iter()
            .any(|p| p == &format!("ar/consultations/{SLUG}/inputs/i-001/index.html")),
        "{:?}",
        outcome.changed
    );
    assert_same_as_full_build(&ws, &site, &out, "editing an input");

    // A new input: new pages, and counts on the listings.
    let written = scaffold::new_input(&site, SLUG, None, date()).unwrap();
    let changed: BTreeSet<String> = written
        .iter()
        .map(|p| {
            p.strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert!(!ws.rebuild(&changed).full);
    assert_same_as_full_build(&ws, &site, &out, "adding an input");

    // Withholding it: its page disappears.
    edit(
        &written[0],
        "moderation = \"published\"",
        "moderation = \"withheld\"\nreason = \"duplicate\"",
    );
    ws.rebuild(&changed);
    assert_same_as_full_build(&ws, &site, &out, "withholding an input");

    // The consultation's title, shown on every listing.
    let text = format!("content/consultations/{SLUG}/consultation.en.md");
    let title = std::fs::read_to_string(site.join(&text)).unwrap();
    let first_line = title
        .lines()
        .find(|l| l.starts_with("title"))
        .unwrap()
        .to_string();
    edit(
        &site.join(&text),
        &first_line,
        "title = \"Water tariffs, revised\"",
    );
    ws.rebuild(&paths(&[&text]));
    assert_same_as_full_build(&ws, &site, &out, "retitling a consultation");

    // A document's size, shown on the consultation's page.
    let document = format!("content/consultations/{SLUG}/files/draft.txt");
    std::fs::write(
        site.join(&document),
        "A longer draft than before, to change its size.\n".repeat(40),
    )
    .unwrap();
    ws.rebuild(&paths(&[&document]));
    assert_same_as_full_build(&ws, &site, &out, "changing a document");

    // A new consultation, then its removal.
    let added = scaffold::new_consultation(&site, "road-safety", date()).unwrap();
    let changed: BTreeSet<String> = added
        .iter()
        .map(|p| {
            p.strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert!(!ws.rebuild(&changed).full);
    assert!(ws
        .files()
        .contains_key("en/consultations/road-safety/index.html"));
    assert_same_as_full_build(&ws, &site, &out, "adding a consultation");
    std::fs::remove_dir_all(site.join("content/consultations/road-safety")).unwrap();
    ws.rebuild(&changed);
    assert!(!ws
        .files()
        .contains_key("en/consultations/road-safety/index.html"));
    assert_same_as_full_build(&ws, &site, &out, "removing a consultation");

    // A free page's words.
    let page = "content/pages/moderation-policy.en.md";
    let body = std::fs::read_to_string(site.join(page)).unwrap();
    std::fs::write(
        site.join(page),
        format!("{body}\nWithheld inputs are counted by reason.\n"),
    )
    .unwrap();
    assert!(!ws.rebuild(&paths(&[page])).full);
    assert_same_as_full_build(&ws, &site, &out, "editing a free page");

    // The configuration: everything.
    edit(
        &site.join("sablah.toml"),
        "en = \"Consultations\"",
        "en = \"Public consultations\"",
    );
    assert!(ws.rebuild(&paths(&["sablah.toml"])).full);
    assert_same_as_full_build(&ws, &site, &out, "editing sablah.toml");

    // An error keeps the last good files; fixing it catches up.
    let before = ws.files().clone();
    edit(
        &folder.join("consultation.toml"),
        "stage = \"policy-design\"",
        "stage = \"policy-desing\"",
    );
    let outcome = ws.rebuild(&paths(&[&format!(
        "content/consultations/{SLUG}/consultation.toml"
    )]));
    assert!(outcome.changed.is_empty() && outcome.removed.is_empty());
    assert!(ws.has_errors());
    assert!(
        ws.problems()
            .iter()
            .any(|p| p.plain.contains("consultation.toml")),
        "{:?}",
        ws.problems()
    );
    assert_eq!(ws.files().len(), before.len());
    edit(
        &folder.join("consultation.toml"),
        "policy-desing",
        "policy-design",
    );
    ws.rebuild(&paths(&[&format!(
        "content/consultations/{SLUG}/consultation.toml"
    )]));
    assert_same_as_full_build(&ws, &site, &out, "fixing an error");
}

/// A `sablah serve` process, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(site: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sablah"))
        .args(["serve", "--port", "0", "--date", "2026-06-01"])
        .arg(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut server = Server { child, port: 0 };
    let line = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("serve printed no address within 60 s");
    let address = line
        .split("http://127.0.0.1:")
        .nth(1)
        .unwrap_or_else(|| panic!("no loopback address in {line:?}"));
    server.port = address.trim_end_matches('/').parse().unwrap();
    server
}

/// GET over a plain TCP connection: status and body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, body.to_string())
}

/// An open Server-Sent Events stream.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            stream,
            "GET /__sablah/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut events = Events {
            stream,
            seen: String::new(),
        };
        events.wait_for("event: hello", Duration::from_secs(10));
        events
    }

    /// Reads until a `reload` event whose data contains `needle`; returns
    /// its data line.
    fn reload(&mut self, needle: &str) -> String {
        let deadline = Duration::from_secs(20);
        let started = Instant::now();
        loop {
            if let Some(at) = self.seen.find("event: reload\ndata: ") {
                let rest = &self.seen[at + "event: reload\ndata: ".len()..];
                if let Some(end) = rest.find('\n') {
                    let data = rest[..end].to_string();
                    self.seen = rest[end..].to_string();
                    if data.contains(needle) {
                        return data;
                    }
                    continue;
                }
            }
            assert!(
                started.elapsed() < deadline,
                "no reload event with {needle:?} within {deadline:?}; seen: {}",
                self.seen
            );
            self.read_some();
        }
    }

    fn wait_for(&mut self, text: &str, deadline: Duration) {
        let started = Instant::now();
        while !self.seen.contains(text) {
            assert!(
                started.elapsed() < deadline,
                "no {text:?} within {deadline:?}; seen: {}",
                self.seen
            );
            self.read_some();
        }
        let at = self.seen.find(text).unwrap() + text.len();
        self.seen = self.seen[at..].to_string();
    }

    fn read_some(&mut self) {
        let mut buf = [0u8; 8192];
        match self.stream.read(&mut buf) {
            Ok(0) => panic!("the event stream closed"),
            Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) => panic!("reading the event stream: {e}"),
        }
    }
}

/// Polls `path` until its body satisfies `ok`.
fn get_until(port: u16, path: &str, ok: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let (_, body) = get(port, path);
        if ok(&body) {
            return body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{path} never became as expected; last body:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_shows_a_change_with_a_reload_signal_then_problems_then_the_fix() {
    let (_tmp, site) = site_copy();
    let server = start_server(&site);
    let page = format!("/ar/consultations/{SLUG}/inputs/i-001/");

    let (status, body) = get(server.port, &page);
    assert_eq!(status, 200);
    assert!(body.contains("التعرفة مرتفعة على الأسر"), "{body}");
    assert!(
        body.contains("<script src=\"/__sablah/reload.js\" defer></script>"),
        "the reload script is not injected"
    );
    assert!(
        body.contains("script-src 'self'") && body.contains("connect-src 'self'"),
        "the CSP does not allow the reload script"
    );
    let (status, script) = get(server.port, "/__sablah/reload.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));

    // A change: a reload signal naming the page, and the new words.
    let mut events = Events::open(server.port);
    let input = site.join(format!("content/consultations/{SLUG}/inputs/i-001.md"));
    edit(
        &input,
        "التعرفة مرتفعة على الأسر",
        "التعرفة مرتفعة جدا على الأسر",
    );
    let data = events.reload(&page);
    assert!(data.contains("\"all\":false"), "{data}");
    let (_, body) = get(server.port, &page);
    assert!(
        body.contains("التعرفة مرتفعة جدا على الأسر"),
        "the change is not served"
    );

    // A broken file: the problem on every page, over the last good version.
    let toml = site.join(format!("content/consultations/{SLUG}/consultation.toml"));
    edit(&toml, "closes = 2026-03-31", "closes = 2026-03-31x");
    events.reload("\"all\":true");
    let body = get_until(server.port, &page, |b| b.contains("sablah-problems"));
    assert!(
        body.contains("E001"),
        "no diagnostic code in the page:\n{body}"
    );
    assert!(
        body.contains("consultation.toml:"),
        "the diagnostic does not name the file and line"
    );
    assert!(
        body.contains("التعرفة مرتفعة جدا على الأسر"),
        "the last good page is not served"
    );
    let (_, status) = get(server.port, "/__sablah/status");
    assert!(status.contains("\"errors\":1"), "{status}");

    // Fixed: reloaded, clean.
    edit(&toml, "2026-03-31x", "2026-03-31");
    events.reload("\"all\":true");
    get_until(server.port, &page, |b| {
        !b.contains("sablah-problems") && b.contains("التعرفة مرتفعة جدا")
    });

    // The built site never carries the server's script.
    let out = site.parent().unwrap().join("built");
    for (path, bytes) in full_build(&site, &out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__sablah"),
            "{path} carries the live-reload script"
        );
    }
}

#[test]
fn serve_without_a_buildable_site_shows_the_problems_then_the_site() {
    let (_tmp, site) = site_copy();
    let config = site.join("sablah.toml");
    let good = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, good.replace("languages = [", "languages = [[")).unwrap();
    let server = start_server(&site);
    let (status, body) = get(server.port, "/en/");
    assert_eq!(status, 503);
    assert!(
        body.contains("sablah-problems") && body.contains("sablah.toml"),
        "{body}"
    );
    assert!(body.contains("/__sablah/reload.js"));
    let mut events = Events::open(server.port);
    std::fs::write(&config, good).unwrap();
    events.reload("\"all\":true");
    let body = get_until(server.port, "/en/", |b| b.contains("<html lang=\"en\""));
    assert!(!body.contains("sablah-problems"));
}

fn assert_checks_clean(site: &Path) {
    let outcome = check_site(site, date()).unwrap();
    let errors: Vec<_> = outcome
        .diagnostics
        .items
        .iter()
        .filter(|d| d.severity == sablah::diagnostics::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "check rejects the skeleton: {errors:?}");
}

#[test]
fn init_makes_a_site_that_checks_without_a_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("new-site");
    let written = scaffold::init(&site, date()).unwrap();
    for file in [
        "sablah.toml",
        "content/pages/moderation-policy.ar.md",
        "content/pages/moderation-policy.en.md",
    ] {
        assert!(
            written.contains(&site.join(file)),
            "{file} not written: {written:?}"
        );
    }
    // It builds: no error, only a warning at each placeholder left (W010),
    // until it is replaced.
    let outcome = check_site(&site, date()).unwrap();
    let items = &outcome.diagnostics.items;
    assert!(
        !items.is_empty() && items.iter().all(|d| d.code.code() == "W010"),
        "{items:?}"
    );
    let in_config = items
        .iter()
        .filter(|d| {
            outcome
                .sources
                .files
                .iter()
                .position(|f| f.path == "sablah.toml")
                == match &d.location {
                    sablah::diagnostics::Location::Span(s) => Some(s.file),
                    _ => None,
                }
        })
        .count();
    assert_eq!(
        in_config, 6,
        "base_url, id, name, contact, redress, the web address: {items:?}"
    );
    assert!(
        scaffold::init(&site, date()).is_err(),
        "init wrote into a folder that is not empty"
    );
}

#[test]
fn new_consultations_and_inputs_are_valid_and_numbered() {
    let (_tmp, site) = site_copy();
    let written = scaffold::new_consultation(&site, "road-safety", date()).unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "consultation.toml",
            "consultation.ar.md",
            "consultation.en.md"
        ]
    );
    let meta = std::fs::read_to_string(&written[0]).unwrap();
    assert!(
        meta.contains("id = \"MOH-2026-002\""),
        "the next id after MOH-2026-001: {meta}"
    );
    assert!(
        meta.contains("opens = 2026-06-01") && meta.contains("closes = 2026-07-01"),
        "{meta}"
    );
    assert!(
        scaffold::new_consultation(&site, "road-safety", date()).is_err(),
        "a consultation was overwritten"
    );
    assert!(
        scaffold::new_consultation(&site, "Road Safety", date()).is_err(),
        "an invalid slug was accepted"
    );

    let first = scaffold::new_input(&site, "road-safety", None, date()).unwrap();
    let second = scaffold::new_input(&site, "road-safety", Some("ur"), date()).unwrap();
    let name = |p: &PathBuf| p.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        first.iter().map(name).collect::<Vec<_>>(),
        ["i-001.md", "i-001.en.md"]
    );
    assert_eq!(
        second.iter().map(name).collect::<Vec<_>>(),
        ["i-002.md", "i-002.ar.md", "i-002.en.md"]
    );
    assert!(std::fs::read_to_string(&second[0])
        .unwrap()
        .contains("language = \"ur\""));
    // In a decided consultation, the new input is answered.
    let third = scaffold::new_input(&site, SLUG, None, date()).unwrap();
    assert_eq!(name(&third[0]), "i-003.md");
    // Received today, after that consultation closed: a warning, no error.
    assert_checks_clean(&site);
}

#[test]
fn the_new_command_writes_through_the_command_line() {
    let (_tmp, site) = site_copy();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sablah"))
            .args(args)
            .output()
            .unwrap()
    };
    let site_arg = site.to_str().unwrap();
    let made = run(&[
        "new",
        "input",
        SLUG,
        "--site",
        site_arg,
        "--date",
        "2026-06-01",
    ]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(site
        .join(format!("content/consultations/{SLUG}/inputs/i-003.md"))
        .is_file());
    let checked = run(&["check", site_arg, "--date", "2026-06-01"]);
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

/// Sends `request` as it is; the status line's code and the head.
fn raw(port: u16, request: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let head = response
        .split_once("\r\n\r\n")
        .map_or(response.as_str(), |(h, _)| h)
        .to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head)
}

fn request(path: &str, host: Option<&str>) -> String {
    match host {
        Some(h) => format!("GET {path} HTTP/1.1\r\nHost: {h}\r\nConnection: close\r\n\r\n"),
        None => format!("GET {path} HTTP/1.0\r\n\r\n"),
    }
}

#[test]
fn serve_answers_only_its_own_host_and_redirects_within_itself() {
    let (_dir, site) = site_copy();
    let server = start_server(&site);
    let port = server.port;
    let other = if port == 65535 { 1 } else { port + 1 };
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
        "127.0.0.1".to_string(),
        "localhost".to_string(),
    ] {
        let (status, head) = raw(port, &request("/en/", Some(&host)));
        assert_eq!(status, 200, "Host: {host}\n{head}");
    }
    // A page of another origin that resolves its name to 127.0.0.1 (DNS
    // rebinding) reads neither pages nor the problems panel.
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("127.0.0.1:{other}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1:{port}@evil.example"),
        String::new(),
    ] {
        for path in ["/en/", "/__sablah/status", "/__sablah/events", "/"] {
            let (status, head) = raw(port, &request(path, Some(&host)));
            assert!(
                status == 421 || status == 400 || status == 403,
                "Host: {host:?} {path} answered {status}\n{head}"
            );
        }
    }
    // No Host at all (HTTP/1.0): refused too.
    let (status, head) = raw(port, &request("/en/", None));
    assert!(status == 421 || status == 400, "{head}");

    // Redirects stay on this server: never `//host/...`.
    let host = format!("127.0.0.1:{port}");
    for (path, to) in [
        ("/en/consultations", "/en/consultations/"),
        ("//en/consultations", "/en/consultations/"),
        ("///en/consultations", "/en/consultations/"),
        ("/en//consultations", "/en/consultations/"),
    ] {
        let (status, head) = raw(port, &request(path, Some(&host)));
        let location = head
            .lines()
            .find_map(|l| {
                l.strip_prefix("location: ")
                    .or(l.strip_prefix("Location: "))
            })
            .map(str::to_string);
        if status == 301 {
            assert_eq!(location.as_deref(), Some(to), "{path}\n{head}");
        } else {
            assert_eq!(status, 404, "{path}\n{head}");
        }
        assert!(
            location
                .as_deref()
                .is_none_or(|l| !l.starts_with("//") && !l.contains('\\')),
            "{path}: protocol-relative redirect\n{head}"
        );
    }
    let (status, _) = raw(port, &request("/en/consultations", Some(&host)));
    assert_eq!(status, 301);
}

#[test]
fn serve_closes_a_connection_that_never_finishes_its_headers() {
    let (_dir, site) = site_copy();
    let server = start_server(&site);
    let port = server.port;
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    let started = Instant::now();
    slow.write_all(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .unwrap();
    // Others are served meanwhile.
    let (status, _) = get(port, "/en/");
    assert_eq!(status, 200);
    let mut buf = Vec::new();
    let read = slow.read_to_end(&mut buf);
    let waited = started.elapsed();
    assert!(
        read.is_ok() || waited < Duration::from_secs(39),
        "the connection was still open after {waited:?}"
    );
    assert!(
        waited < Duration::from_secs(30),
        "closed only after {waited:?}"
    );
    assert!(
        waited >= Duration::from_secs(2),
        "closed at once ({waited:?})"
    );
}
