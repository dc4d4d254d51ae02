//! `sablah index` end to end: agency fixture sites are built with the
//! library, served by a small HTTP server this test starts on 127.0.0.1,
//! and harvested with every kind of failing source beside the good ones.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use sablah::index::{run, IndexOptions, IndexOutcome};
use sablah::model::Date;

/// What the server answers on a path prefix.
#[derive(Clone)]
enum Behaviour {
    /// The files of a built site's `data/` folder, with an ETag; `304`
    /// when the ETag is sent back; gzip when asked.
    Serve(PathBuf),
    /// [`Behaviour::Serve`] until the switch is set, then 500.
    Flaky(PathBuf, Arc<AtomicBool>),
    /// These bytes as data/consultations.json (and the given manifest).
    Bytes(Vec<u8>, Option<Vec<u8>>),
    Status(u16),
    Html,
    Slow(Duration),
}

#[derive(Default)]
struct Counts {
    requests: AtomicUsize,
    bodies: AtomicUsize,
    /// Bodies served, by request path.
    bodies_by_path: Mutex<BTreeMap<String, usize>>,
    not_modified: AtomicUsize,
    gzipped: AtomicUsize,
    user_agents: Mutex<Vec<String>>,
}

struct Server {
    port: u16,
    counts: Arc<Counts>,
}

fn start(routes: HashMap<String, Behaviour>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let counts = Arc::new(Counts::default());
    let routes = Arc::new(routes);
    let c = counts.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let routes = routes.clone();
            let counts = c.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &routes, &counts);
            });
        }
    });
    Server { port, counts }
}

fn etag(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!(
        "\"{}\"",
        sablah::output::hex(&sha2::Sha256::digest(bytes)[..8])
    )
}

/// The path of a request and its headers (names in lower case).
fn read_request(stream: &TcpStream) -> std::io::Result<(String, BTreeMap<String, String>)> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = BTreeMap::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h)?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    Ok((path, headers))
}

fn answer(
    stream: TcpStream,
    routes: &HashMap<String, Behaviour>,
    counts: &Counts,
) -> std::io::Result<()> {
    let (path, headers) = read_request(&stream)?;
    counts.requests.fetch_add(1, Ordering::SeqCst);
    if let Some(ua) = headers.get("user-agent") {
        counts.user_agents.lock().unwrap().push(ua.clone());
    }
    let mut out = stream;
    let (prefix, file) = path
        .trim_start_matches('/')
        .split_once('/')
        .unwrap_or(("", ""));
    let send = |out: &mut TcpStream, status: &str, extra: &str, body: &[u8]| {
        write!(
            out,
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
            body.len()
        )?;
        out.write_all(body)
    };
    let serve = |out: &mut TcpStream, bytes: Vec<u8>| -> std::io::Result<()> {
        let tag = etag(&bytes);
        if headers.get("if-none-match") == Some(&tag) {
            counts.not_modified.fetch_add(1, Ordering::SeqCst);
            return send(out, "304 Not Modified", &format!("ETag: {tag}\r\n"), b"");
        }
        counts.bodies.fetch_add(1, Ordering::SeqCst);
        *counts
            .bodies_by_path
            .lock()
            .unwrap()
            .entry(path.clone())
            .or_default() += 1;
        let gzip = headers
            .get("accept-encoding")
            .is_some_and(|a| a.contains("gzip"));
        let extra = format!("ETag: {tag}\r\nContent-Type: application/json\r\n");
        if gzip {
            counts.gzipped.fetch_add(1, Ordering::SeqCst);
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&bytes)?;
            let z = e.finish()?;
            send(
                out,
                "200 OK",
                &format!("{extra}Content-Encoding: gzip\r\n"),
                &z,
            )
        } else {
            send(out, "200 OK", &extra, &bytes)
        }
    };
    match routes.get(prefix) {
        None => send(&mut out, "404 Not Found", "", b"no such source"),
        Some(Behaviour::Serve(dir)) => match std::fs::read(dir.join(file)) {
            Ok(bytes) => serve(&mut out, bytes),
            Err(_) => send(&mut out, "404 Not Found", "", b""),
        },
        Some(Behaviour::Flaky(dir, broken)) => {
            if broken.load(Ordering::SeqCst) {
                send(&mut out, "500 Internal Server Error", "", b"down")
            } else {
                serve(&mut out, std::fs::read(dir.join(file))?)
            }
        }
        Some(Behaviour::Bytes(data, manifest)) => match (file, manifest) {
            ("data/consultations.json", _) => serve(&mut out, data.clone()),
            ("data/manifest.json", Some(m)) => serve(&mut out, m.clone()),
            _ => send(&mut out, "404 Not Found", "", b""),
        },
        Some(Behaviour::Status(s)) => send(
            &mut out,
            &format!("{s} Error"),
            "",
            b"<h1>Internal error</h1>",
        ),
        Some(Behaviour::Html) => send(
            &mut out,
            "200 OK",
            "Content-Type: text/html\r\n",
            b"<!DOCTYPE html><html><body><h1>Site under maintenance</h1></body></html>",
        ),
        Some(Behaviour::Slow(d)) => {
            std::thread::sleep(*d);
            send(&mut out, "200 OK", "", b"{}")
        }
    }
}

/// The agency sites, built once.
struct Sites {
    _dir: tempfile::TempDir,
    /// id -> built site's output folder.
    built: BTreeMap<&'static str, PathBuf>,
}

fn sites() -> &'static Sites {
    static SITES: std::sync::OnceLock<Sites> = std::sync::OnceLock::new();
    SITES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut built = BTreeMap::new();
        for (id, src) in [
            ("mwre", common::root()),
            (
                "sur-municipality",
                common::root().join("examples/municipality"),
            ),
            ("moh", common::root().join("tests/sites/minimal")),
        ] {
            let out = dir.path().join(id);
            common::build_ok(&src, &out);
            built.insert(id, out);
        }
        Sites { _dir: dir, built }
    })
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn data_of(id: &str) -> Value {
    read_json(&sites().built[id].join("data/consultations.json"))
}

/// The minimal site's data with another agency id and consultation ids.
fn renamed(id: &str, prefix: &str) -> Value {
    let mut v = data_of("moh");
    v["agency"]["id"] = Value::String(id.into());
    for c in v["consultations"].as_array_mut().unwrap() {
        let old = c["id"].as_str().unwrap().to_string();
        c["id"] = Value::String(format!("{prefix}-{old}"));
    }
    v
}

fn bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}

const MARKUP_TITLE: &str = "<script>alert('title')</script><b>bold</b> & more";
const MARKUP_SUMMARY: &str = "<img src=x onerror=alert(1)> summary";
const MARKUP_NAME: &str = "<i>Evil</i> Agency";
const HOSTILE_URL: &str = "https://evil.example/\"><script>alert(2)</script>";

struct Fixture {
    dir: tempfile::TempDir,
    server: Server,
    flaky: Arc<AtomicBool>,
}

impl Fixture {
    fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }
    fn out(&self) -> PathBuf {
        self.dir.path().join("index/public")
    }
    fn run(&self, date: &str, offline: bool) -> IndexOutcome {
        run(
            &self.index_dir(),
            &IndexOptions {
                output: None,
                date: Date::parse(date).unwrap(),
                offline,
                strict: false,
                verbose: false,
            },
        )
        .unwrap()
    }
}

fn fixture() -> Fixture {
    let s = sites();
    let flaky = Arc::new(AtomicBool::new(false));
    let mut routes = HashMap::new();
    routes.insert(
        "mwre".to_string(),
        Behaviour::Serve(s.built["mwre"].clone()),
    );
    routes.insert(
        "sur".to_string(),
        Behaviour::Flaky(s.built["sur-municipality"].clone(), flaky.clone()),
    );
    routes.insert("moh".to_string(), Behaviour::Serve(s.built["moh"].clone()));
    routes.insert("broken".to_string(), Behaviour::Status(500));
    routes.insert("page".to_string(), Behaviour::Html);
    routes.insert("slow".to_string(), Behaviour::Slow(Duration::from_secs(4)));
    // A topic key and a slug that would climb out of the output folders.
    let mut invalid = renamed("invalid", "INV");
    invalid["consultations"][0]["slug"] = Value::String("../../escape".into());
    invalid["consultations"][0]["topics"][0]["key"] = Value::String("../../../escape".into());
    routes.insert(
        "invalid".to_string(),
        Behaviour::Bytes(bytes(&invalid), None),
    );
    let mut future = renamed("future", "FUT");
    future["schema_version"] = Value::String("2.0".into());
    routes.insert("future".to_string(), Behaviour::Bytes(bytes(&future), None));
    // The minimal site's own manifest beside altered data.
    let mut tampered = data_of("moh");
    tampered["agency"]["id"] = Value::String("tampered".into());
    tampered["consultations"][0]["id"] = Value::String("TAMPERED-1".into());
    let manifest = std::fs::read(s.built["moh"].join("data/manifest.json")).unwrap();
    routes.insert(
        "tampered".to_string(),
        Behaviour::Bytes(bytes(&tampered), Some(manifest)),
    );
    // Listed as "other", the data is "moh"'s.
    routes.insert(
        "other".to_string(),
        Behaviour::Serve(s.built["moh"].clone()),
    );
    // A consultation id of mwre's under another agency.
    let mut twin = renamed("twin", "TWIN");
    twin["consultations"][0]["id"] = data_of("mwre")["consultations"][0]["id"].clone();
    routes.insert("twin".to_string(), Behaviour::Bytes(bytes(&twin), None));
    let mut hostile = renamed("hostile", "HOST");
    hostile["agency"]["name"]["en"] = Value::String(MARKUP_NAME.into());
    let c = &mut hostile["consultations"][0];
    c["title"]["en"] = Value::String(MARKUP_TITLE.into());
    c["summary"]["en"] = Value::String(MARKUP_SUMMARY.into());
    c["urls"]["en"]["page"] = Value::String(HOSTILE_URL.into());
    routes.insert(
        "hostile".to_string(),
        Behaviour::Bytes(bytes(&hostile), None),
    );
    let server = start(routes);

    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    std::fs::create_dir_all(&index).unwrap();
    let url = |p: &str| {
        format!(
            "http://127.0.0.1:{}/{p}/data/consultations.json",
            server.port
        )
    };
    let source = |id: &str, url: String, verify: bool| {
        format!("[[sources]]\nid = \"{id}\"\nurl = \"{url}\"\nverify = {verify}\n\n")
    };
    let mut toml = String::from(
        r#"[index]
base_url = "https://participate.example.gov.om"
languages = ["ar", "en"]
title = { ar = "الفهرس الوطني", en = "National index" }
operator = { ar = "الوزارة", en = "The Ministry" }
contact = "index@example.gov.om"
timeout_seconds = 2

"#,
    );
    toml += &source("mwre", url("mwre"), true);
    toml += &source("sur-municipality", url("sur"), false);
    toml += &source("moh", url("moh"), true);
    toml += &source("hostile", url("hostile"), false);
    // Port 1 on the loopback: nothing listens there.
    toml += &source(
        "down",
        "http://127.0.0.1:1/data/consultations.json".into(),
        false,
    );
    toml += &source("broken", url("broken"), false);
    toml += &source("slow", url("slow"), false);
    toml += &source("page", url("page"), false);
    toml += &source("invalid", url("invalid"), false);
    toml += &source("future", url("future"), false);
    toml += &source("tampered", url("tampered"), true);
    toml += &source("other", url("other"), false);
    toml += &source("twin", url("twin"), false);
    toml +=
        "[topics.water]\nlabel = { ar = \"المياه\", en = \"Water\" }\nincludes = [\"moh:water\"]\n";
    std::fs::write(index.join("index.toml"), toml).unwrap();
    Fixture { dir, server, flaky }
}

const GOOD: &[&str] = &["hostile", "moh", "mwre", "sur-municipality"];
const FAILING: &[(&str, &str)] = &[
    ("down", "E101"),
    ("slow", "E102"),
    ("broken", "E103"),
    ("page", "E105"),
    ("invalid", "E106"),
    ("future", "E107"),
    ("tampered", "E108"),
    ("other", "E109"),
    ("twin", "E110"),
];

fn hrefs(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let a = scraper::Selector::parse("a[href]").unwrap();
    doc.select(&a)
        .filter_map(|e| e.value().attr("href"))
        .map(str::to_string)
        .collect()
}

fn diagnostics(outcome: &IndexOutcome) -> Vec<sablah::diagnostics::Resolved> {
    outcome.diagnostics.resolved(&outcome.sources).collect()
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn statuses(out: &Path) -> BTreeMap<String, String> {
    read_json(&out.join("data/harvest.json"))["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_string(),
                s["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Section 4's figures over an agency's published records, computed here
/// from the JSON alone.
fn expected_figures(data: &Value, today: &str) -> Value {
    let cs = data["consultations"].as_array().unwrap();
    let s = |c: &Value, k: &str| c["statistics"][k].as_u64().unwrap();
    let decided: Vec<&Value> = cs.iter().filter(|c| !c["decision"].is_null()).collect();
    let published: u64 = decided.iter().map(|c| s(c, "published")).sum();
    let answered: u64 = decided.iter().map(|c| s(c, "answered")).sum();
    let on_time = decided
        .iter()
        .filter(|c| c["decision"]["published"].as_str() <= c["decision_due"].as_str())
        .count() as u64;
    let open = cs
        .iter()
        .filter(|c| {
            c["withdrawn"].is_null()
                && c["opens"].as_str().unwrap() <= today
                && today <= c["closes"].as_str().unwrap()
        })
        .count() as u64;
    let overdue = cs
        .iter()
        .filter(|c| {
            c["withdrawn"].is_null()
                && c["decision"].is_null()
                && c["closes"].as_str().unwrap() < today
                && c["decision_due"].as_str().unwrap() < today
        })
        .count() as u64;
    let milestones: Vec<&Value> = decided
        .iter()
        .flat_map(|c| c["decision"]["implementation"].as_array().unwrap())
        .collect();
    serde_json::json!({
        "held": cs.iter().filter(|c| c["opens"].as_str().unwrap() <= today).count(),
        "open": open,
        "decided": decided.len(),
        "inputs_received": cs.iter().map(|c| s(c, "received")).sum::<u64>(),
        "inputs_withheld": cs.iter().map(|c| s(c, "withheld")).sum::<u64>(),
        "published_inputs_of_decided": published,
        "published_inputs_answered": answered,
        "answered_percent": (answered * 100).checked_div(published),
        "decisions_on_time": on_time,
        "on_time_percent": (on_time * 100).checked_div(decided.len() as u64),
        "overdue_now": overdue,
        "milestones": milestones.len(),
        "milestones_met": milestones.iter().filter(|m| m["status"] == "met").count(),
        "milestones_late": milestones.iter().filter(|m| m["status"] == "scheduled" && m["due"].as_str().unwrap() < today).count(),
    })
}

#[test]
fn the_index_harvests_good_sources_and_reports_each_failing_one_by_name() {
    let f = fixture();
    let out = f.out();

    // Run 1: every source fetched.
    let first = f.run("2026-12-03", false);
    assert_eq!(first.exit_status(), 1, "a source failed: exit status 1");
    let written = first
        .written
        .as_ref()
        .expect("the index is written despite failing sources");
    assert_eq!(written.output, out.canonicalize().unwrap());
    let diags = diagnostics(&first);
    let mut printed = Vec::new();
    first
        .diagnostics
        .emit_human(
            &first.sources,
            &mut codespan_reporting::term::termcolor::NoColor::new(&mut printed),
        )
        .unwrap();
    println!("{}", String::from_utf8_lossy(&printed));
    for (id, code) in FAILING {
        let named: Vec<_> = diags
            .iter()
            .filter(|d| d.message.starts_with(&format!("source \"{id}\"")))
            .collect();
        assert_eq!(named.len(), 1, "{id}: {diags:#?}");
        assert_eq!(named[0].code, *code, "{id}: {:?}", named[0]);
        assert_eq!(named[0].file.as_deref(), Some("index.toml"));
        assert!(named[0].line.is_some() && named[0].help.is_some());
    }
    assert_eq!(diags.len(), FAILING.len(), "{diags:#?}");
    let st = statuses(&out);
    for id in GOOD {
        assert_eq!(st[*id], "fresh", "{id}");
    }
    for (id, _) in FAILING {
        assert_eq!(st[*id], "failed", "{id}");
    }
    // Client: named, and gzip asked for and understood.
    assert!(f
        .server
        .counts
        .user_agents
        .lock()
        .unwrap()
        .iter()
        .all(|ua| ua.starts_with("sablah/")));
    assert!(f.server.counts.gzipped.load(Ordering::SeqCst) > 0);

    // The good agencies' figures, computed independently.
    let agencies = read_json(&out.join("data/agencies.json"));
    let by_id: BTreeMap<&str, &Value> = agencies["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a))
        .collect();
    for id in ["mwre", "sur-municipality", "moh"] {
        let expected = expected_figures(&data_of(id), "2026-12-03");
        let got = &by_id[id]["figures"]["all"];
        for (k, v) in expected.as_object().unwrap() {
            assert_eq!(&got[k], v, "{id}: {k}");
        }
    }
    for (id, _) in FAILING {
        assert!(
            by_id[id]["figures"].is_null(),
            "{id} is left out of the figures"
        );
    }

    // The union: every good record once, with its agency, valid against the
    // index's own schema.
    let union = read_json(&out.join("data/consultations.json"));
    let schema = read_json(&out.join("data/consultations.schema.json"));
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&union)
        .take(5)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let records = union["consultations"].as_array().unwrap();
    let expected: usize = ["mwre", "sur-municipality", "moh"]
        .iter()
        .map(|id| data_of(id)["consultations"].as_array().unwrap().len())
        .sum::<usize>()
        + 1;
    assert_eq!(records.len(), expected);
    assert!(records.iter().all(|r| r["harvested"] == "2026-12-03"));
    let mwre_first = &data_of("mwre")["consultations"][0];
    let in_union = records
        .iter()
        .find(|r| r["id"] == mwre_first["id"])
        .unwrap();
    assert_eq!(in_union["agency"], "mwre");

    // Each consultation links to its page on its agency's site.
    let listing =
        std::fs::read_to_string(out.join("en/consultations/agency/mwre/index.html")).unwrap();
    let links = hrefs(&listing);
    for c in data_of("mwre")["consultations"].as_array().unwrap() {
        let page = c["urls"]["en"]["page"].as_str().unwrap();
        assert!(links.iter().any(|l| l == page), "{page}");
    }
    // A failed agency is listed as not available.
    let down = std::fs::read_to_string(out.join("en/agencies/down/index.html")).unwrap();
    assert!(down.contains("could not be harvested"));

    // The hostile source's markup is text in every page and feed (the JSON,
    // CSV and calendar carry it as the plain data it is).
    for (path, bytes) in tree(&out) {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        // The search page's own script is the one script of the index.
        let text = String::from_utf8_lossy(&bytes).replace(
            r#"<script type="module" src="&#x2F;theme&#x2F;search&#x2F;search.js"></script>"#,
            "",
        );
        assert!(!text.contains("<script"), "{path}: a <script> got through");
        assert!(!text.contains("<img src=x"), "{path}: an <img> got through");
        assert!(
            !text.contains("<i>Evil"),
            "{path}: markup in a name got through"
        );
    }
    let hostile = std::fs::read_to_string(out.join("en/agencies/hostile/index.html")).unwrap();
    assert!(
        hostile.contains("&lt;script&gt;alert("),
        "the title is shown as text"
    );
    assert!(
        hostile.contains("&lt;i&gt;Evil&lt;&#x2F;i&gt; Agency")
            || hostile.contains("&lt;i&gt;Evil&lt;/i&gt; Agency")
    );
    assert!(
        hrefs(&hostile).iter().any(|l| l == HOSTILE_URL),
        "the link stays inside its attribute"
    );
    // In the search index the hostile title and link are data (JSON
    // strings), which the page's script inserts as text and as an href.
    let chunks: Vec<Value> = tree(&out)
        .into_iter()
        .filter(|(p, _)| p.starts_with("en/search/d/"))
        .flat_map(|(_, b)| serde_json::from_slice::<Vec<Value>>(&b).unwrap())
        .collect();
    let row = chunks
        .iter()
        .find(|r| r[1] == MARKUP_TITLE)
        .expect("the hostile consultation is searchable");
    assert_eq!(row[2], HOSTILE_URL);
    let script = String::from_utf8(tree(&out)["theme/search/search.js"].clone()).unwrap();
    assert!(!script.contains("innerHTML") && script.contains("a.href = url"));
    // Nothing climbed out: no file named after the invalid source's paths.
    for e in walkdir::WalkDir::new(f.dir.path())
        .into_iter()
        .filter_map(Result::ok)
    {
        assert!(
            !e.file_name().to_string_lossy().contains("escape"),
            "{}",
            e.path().display()
        );
    }

    // Run 2: the server answers 304 to every good source; nothing is
    // refetched and the output is byte-identical.
    let before = tree(&out);
    let bodies = f.server.counts.bodies_by_path.lock().unwrap().clone();
    let not_modified = f.server.counts.not_modified.load(Ordering::SeqCst);
    let second = f.run("2026-12-03", false);
    assert_eq!(second.exit_status(), 1);
    let good_data =
        ["mwre", "sur", "moh", "hostile"].map(|p| format!("/{p}/data/consultations.json"));
    for path in &good_data {
        assert_eq!(bodies[path], 1, "{path} was served once in the first run");
        assert_eq!(
            f.server.counts.bodies_by_path.lock().unwrap()[path],
            1,
            "{path} was fetched again"
        );
    }
    assert_eq!(
        f.server.counts.not_modified.load(Ordering::SeqCst),
        not_modified + good_data.len(),
        "every good source answered 304"
    );
    assert_eq!(
        tree(&out),
        before,
        "two runs with the same cache and date are byte-identical"
    );

    // Run 3: an agency site goes down; its cached copy is used, shown stale.
    f.flaky.store(true, Ordering::SeqCst);
    let third = f.run("2026-12-10", false);
    assert_eq!(third.exit_status(), 1);
    let sur: Vec<_> = diagnostics(&third)
        .into_iter()
        .filter(|d| d.message.starts_with("source \"sur-municipality\""))
        .collect();
    assert_eq!(sur.len(), 1);
    assert_eq!(sur[0].code, "E103");
    assert_eq!(statuses(&out)["sur-municipality"], "stale");
    let page =
        std::fs::read_to_string(out.join("en/agencies/sur-municipality/index.html")).unwrap();
    assert!(
        page.contains("Last harvested on") || page.contains("harvested on 3 December 2026"),
        "the stale copy says its date"
    );
    let union = read_json(&out.join("data/consultations.json"));
    assert!(union["consultations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["agency"] == "sur-municipality")
        .all(|r| r["harvested"] == "2026-12-03"));

    // Run 4: --offline builds from the cache alone, asking nothing.
    let requests = f.server.counts.requests.load(Ordering::SeqCst);
    let fourth = f.run("2026-12-10", true);
    assert_eq!(
        f.server.counts.requests.load(Ordering::SeqCst),
        requests,
        "--offline makes no request"
    );
    let st = statuses(&out);
    for id in GOOD {
        assert_eq!(st[*id], "cached", "{id}");
    }
    for (id, _) in FAILING {
        assert_eq!(st[*id], "failed", "{id}");
    }
    assert!(
        diagnostics(&fourth)
            .iter()
            .filter(|d| d.code == "E111")
            .count()
            == FAILING.len()
    );
    assert!(out.join("en/agencies/mwre/index.html").is_file());
}

#[test]
fn strict_writes_nothing_when_a_source_fails() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    std::fs::create_dir_all(&index).unwrap();
    let moh = sites().built["moh"].join("data/consultations.json");
    std::fs::write(
        index.join("index.toml"),
        format!(
            "[index]\nbase_url = \"https://i.example.gov.om\"\nlanguages = [\"ar\", \"en\"]\ntitle = {{ ar = \"ف\", en = \"I\" }}\noperator = {{ ar = \"و\", en = \"M\" }}\ncontact = \"i@example.gov.om\"\n\n[[sources]]\nid = \"moh\"\npath = {:?}\n\n[[sources]]\nid = \"gone\"\npath = \"no/such/file.json\"\n",
            moh.display().to_string()
        ),
    )
    .unwrap();
    let options = |strict| IndexOptions {
        output: None,
        date: Date::parse("2026-12-03").unwrap(),
        offline: false,
        strict,
        verbose: false,
    };
    let outcome = run(&index, &options(true)).unwrap();
    assert!(outcome.written.is_none());
    assert!(!index.join("public").exists());
    let outcome = run(&index, &options(false)).unwrap();
    assert_eq!(outcome.exit_status(), 1);
    assert!(index.join("public/en/agencies/moh/index.html").is_file());
    let d = diagnostics(&outcome);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "E101");
    assert!(d[0].message.contains("source \"gone\""));
}

#[test]
fn init_index_makes_a_folder_that_indexes_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("national");
    let bin = env!("CARGO_BIN_EXE_sablah");
    let status = std::process::Command::new(bin)
        .args(["init", "--index", "--date", "2026-12-03", "-q"])
        .arg(&target)
        .status()
        .unwrap();
    assert!(status.success());
    let output = std::process::Command::new(bin)
        .args(["index", "--date", "2026-12-03", "--format", "json"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stdout.is_empty(),
        "no diagnostic: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(target.join("public/ar/index.html").is_file());
    assert!(target.join("public/index.html").is_file());
    // The index folder's own sources are refused as an output.
    let refused = std::process::Command::new(bin)
        .args(["index", "--date", "2026-12-03", "--output"])
        .arg(&target)
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(target.join("index.toml").is_file());
}

#[test]
fn a_bad_index_toml_is_located_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.toml"),
        "[index]\nbase_url = \"ftp://x\"\nlanguages = [\"ar\"]\ntitle = { ar = \"ف\" }\noperator = { ar = \"و\" }\ncontact = \"i@example.gov.om\"\n\n[[sources]]\nid = \"a\"\nurl = \"https://a.example/data/consultations.json\"\npath = \"x\"\n",
    )
    .unwrap();
    let outcome = run(
        dir.path(),
        &IndexOptions {
            output: None,
            date: Date::parse("2026-12-03").unwrap(),
            offline: false,
            strict: false,
            verbose: false,
        },
    )
    .unwrap();
    assert_eq!(outcome.exit_status(), 2);
    assert!(outcome.written.is_none());
    let d = diagnostics(&outcome);
    let codes: Vec<&str> = d.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E018", "E002"], "{d:#?}");
    assert_eq!((d[0].line, d[0].column), (Some(2), Some(12)));
    assert!(!dir.path().join("public").exists());
}

/// A response of [`start_fn`]'s server: status line, extra headers, body.
type Reply = (String, String, Vec<u8>);

/// A server whose answer is a function of the request's path and headers
/// (lower-case names), on 127.0.0.1; returns its port.
fn start_fn(
    answer: impl Fn(&str, &BTreeMap<String, String>) -> Reply + Send + Sync + 'static,
) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let answer = Arc::new(answer);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let answer = answer.clone();
            std::thread::spawn(move || -> std::io::Result<()> {
                let (path, headers) = read_request(&stream)?;
                let (status, extra, body) = answer(&path, &headers);
                let mut out = stream;
                write!(
                    out,
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
                    body.len()
                )?;
                out.write_all(&body)
            });
        }
    });
    port
}

const LAST_MODIFIED: &str = "Wed, 02 Dec 2026 10:00:00 GMT";

#[test]
fn redirects_the_size_cap_and_last_modified_follow_the_spec() {
    let redirected = bytes(&renamed("redir", "RED"));
    let dated = bytes(&renamed("dated", "DAT"));
    let conditional = Arc::new(AtomicUsize::new(0));
    let seen = conditional.clone();
    let over = (64 * 1024 * 1024 + 1) as usize;
    // 65 MiB of spaces, gzipped to a few tens of KiB: a decompression bomb.
    let bomb = {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..65 {
            e.write_all(&chunk).unwrap();
        }
        e.finish().unwrap()
    };
    assert!(bomb.len() < 1024 * 1024);
    let port = start_fn(move |path, headers| {
        let ok =
            |extra: &str, body: &[u8]| ("200 OK".to_string(), extra.to_string(), body.to_vec());
        let json = "Content-Type: application/json\r\n";
        match path {
            // Two hops, one relative and one absolute-path.
            "/moved/data/consultations.json" => (
                "301 Moved Permanently".into(),
                "Location: /moved-again/data/consultations.json\r\n".into(),
                Vec::new(),
            ),
            "/moved-again/data/consultations.json" => (
                "302 Found".into(),
                "Location: /redir/data/consultations.json\r\n".into(),
                Vec::new(),
            ),
            "/redir/data/consultations.json" => ok(json, &redirected),
            p if p.starts_with("/loop/") => {
                let n: usize = p
                    .trim_start_matches("/loop/")
                    .split('/')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                (
                    "302 Found".into(),
                    format!("Location: /loop/{}/data/consultations.json\r\n", n + 1),
                    Vec::new(),
                )
            }
            "/bomb/data/consultations.json" => {
                ok(&format!("{json}Content-Encoding: gzip\r\n"), &bomb)
            }
            "/huge/data/consultations.json" => ok(json, &vec![b' '; over]),
            "/dated/data/consultations.json" => {
                if headers.get("if-modified-since").map(String::as_str) == Some(LAST_MODIFIED) {
                    seen.fetch_add(1, Ordering::SeqCst);
                    ("304 Not Modified".into(), String::new(), Vec::new())
                } else {
                    ok(&format!("{json}Last-Modified: {LAST_MODIFIED}\r\n"), &dated)
                }
            }
            _ => ("404 Not Found".into(), String::new(), Vec::new()),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    std::fs::create_dir_all(index.join("static/extra")).unwrap();
    std::fs::create_dir_all(index.join("static/data")).unwrap();
    std::fs::write(index.join("static/extra/about.txt"), "about the index\n").unwrap();
    // A static file cannot replace one of the index's own.
    std::fs::write(index.join("static/data/harvest.json"), "not the harvest").unwrap();
    let url = |p: &str| format!("http://127.0.0.1:{port}/{p}/data/consultations.json");
    let mut toml = String::from(
        "[index]\nbase_url = \"https://i.example.gov.om\"\nlanguages = [\"ar\", \"en\"]\ntitle = { ar = \"ف\", en = \"I\" }\noperator = { ar = \"و\", en = \"M\" }\ncontact = \"i@example.gov.om\"\n\n",
    );
    for (id, prefix) in [
        ("redir", "moved"),
        ("loop", "loop/0"),
        ("bomb", "bomb"),
        ("huge", "huge"),
        ("dated", "dated"),
    ] {
        toml += &format!("[[sources]]\nid = \"{id}\"\nurl = \"{}\"\n\n", url(prefix));
    }
    std::fs::write(index.join("index.toml"), toml).unwrap();
    let go = || {
        run(
            &index,
            &IndexOptions {
                output: None,
                date: Date::parse("2026-12-03").unwrap(),
                offline: false,
                strict: false,
                verbose: false,
            },
        )
        .unwrap()
    };
    let first = go();
    let mut codes: Vec<(String, &str)> = diagnostics(&first)
        .iter()
        .map(|d| {
            let id = d.message.split('"').nth(1).unwrap_or_default().to_string();
            (id, d.code)
        })
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            ("bomb".to_string(), "E104"),
            ("huge".to_string(), "E104"),
            ("loop".to_string(), "E101"),
        ],
        "{:#?}",
        diagnostics(&first)
    );
    let loop_message = diagnostics(&first)
        .into_iter()
        .find(|d| d.code == "E101")
        .unwrap()
        .message;
    assert!(loop_message.contains("redirect"), "{loop_message}");
    let out = index.join("public");
    let st = statuses(&out);
    assert_eq!(st["redir"], "fresh");
    assert_eq!(st["dated"], "fresh");
    assert!(out.join("en/agencies/redir/index.html").is_file());

    // Second run: the source with only Last-Modified is asked with
    // If-Modified-Since and answers 304.
    assert_eq!(conditional.load(Ordering::SeqCst), 0);
    let second = go();
    assert_eq!(conditional.load(Ordering::SeqCst), 1);
    assert_eq!(statuses(&out)["dated"], "fresh");
    assert_eq!(second.exit_status(), 1);

    // What the host needs beside the pages: the static folder, a 404 page
    // and robots.txt.
    assert_eq!(
        std::fs::read_to_string(out.join("extra/about.txt")).unwrap(),
        "about the index\n"
    );
    let harvest = read_json(&out.join("data/harvest.json"));
    assert!(harvest.is_object() || harvest.is_array());
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(
        robots.contains("Sitemap: https://i.example.gov.om/sitemap.xml"),
        "{robots}"
    );
    let not_found = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(not_found.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(!not_found.contains("rel=\"canonical\""));
    let links = hrefs(&not_found);
    assert!(links.iter().any(|h| h == "/ar/"), "{links:?}");
    assert!(links.iter().any(|h| h == "/en/"), "{links:?}");
    assert!(not_found.contains("lang=\"ar\" dir=\"rtl\""));
    let manifest = std::fs::read_to_string(out.join("data/manifest.json")).unwrap();
    for f in ["404.html", "robots.txt", "extra/about.txt"] {
        assert!(
            manifest.contains(&format!("\"{f}\"")),
            "{f} in the manifest"
        );
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("404"));
}

#[test]
fn a_second_run_on_the_same_folder_stops_while_the_first_holds_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    std::fs::create_dir_all(index.join(".sablah-cache")).unwrap();
    let moh = sites().built["moh"].join("data/consultations.json");
    std::fs::write(
        index.join("index.toml"),
        format!(
            "[index]\nbase_url = \"https://i.example.gov.om\"\nlanguages = [\"ar\", \"en\"]\ntitle = {{ ar = \"ف\", en = \"I\" }}\noperator = {{ ar = \"و\", en = \"M\" }}\ncontact = \"i@example.gov.om\"\n\n[[sources]]\nid = \"moh\"\npath = {:?}\n",
            moh.display().to_string()
        ),
    )
    .unwrap();
    let options = IndexOptions {
        output: None,
        date: Date::parse("2026-12-03").unwrap(),
        offline: false,
        strict: false,
        verbose: false,
    };
    // Another run holds the lock (as a running `sablah index` would).
    let held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(index.join(".sablah-cache/.lock"))
        .unwrap();
    held.lock().unwrap();
    let refused = match run(&index, &options) {
        Err(e) => e,
        Ok(_) => panic!("ran beside another run"),
    };
    assert!(
        refused
            .to_string()
            .contains("another `sablah index` is running"),
        "{refused}"
    );
    assert!(!index.join("public").exists());
    drop(held);
    let outcome = run(&index, &options).unwrap();
    assert_eq!(outcome.exit_status(), 0);
    assert!(index.join("public/en/agencies/moh/index.html").is_file());
}
