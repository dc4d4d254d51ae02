//! `sablah serve`: the site in memory on 127.0.0.1, rebuilt as its sources
//! change, with open pages reloading themselves.
//!
//! Three parts, one per file: the [`workspace`] builds the site into memory
//! and rebuilds what a change affects; [`watch`] reports which sources
//! changed; [`reload`] is what the browser gets besides the site (the
//! live-reload script, the problems panel). This file ties them together:
//! a thread that rebuilds, and an HTTP server (axum) that answers from the
//! rebuilt files. Nothing is written to disk, and the script is added to
//! HTML responses only as they leave the server, so it can never reach a
//! built site.

pub mod reload;
pub mod watch;
pub mod workspace;

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::{IsTerminal, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast;

use watch::{Batch, Watcher};
use workspace::{BuildDate, FileBytes, Outcome, Problem, Workspace};

/// The port tried first, as Zola does; the next free one is taken when it
/// is in use.
pub const DEFAULT_PORT: u16 = 1111;

/// How many ports after the asked one are tried.
const PORTS_TRIED: u16 = 50;

/// More changed pages than this reload every open page.
const MANY_PAGES: usize = 500;

pub struct ServeOptions {
    pub site: PathBuf,
    /// 0: any free port.
    pub port: u16,
    pub date: BuildDate,
    /// Print nothing but errors.
    pub quiet: bool,
    /// Print each rebuild step and its time.
    pub verbose: bool,
}

/// What the HTTP handlers read, as the rebuild thread last left it.
struct Served {
    files: HashMap<String, FileBytes>,
    base_path: String,
    problems: Vec<Problem>,
    has_site: bool,
}

struct Shared {
    served: RwLock<Served>,
    /// Reload messages (JSON) for the open pages.
    reload: broadcast::Sender<String>,
    /// Changes each time the server starts, so that pages reload then.
    server_id: String,
}

/// Builds and serves the site until interrupted.
pub fn serve(options: ServeOptions) -> std::io::Result<()> {
    let term = Terminal::new(options.quiet, options.verbose);
    term.info(&format!("building {} in memory…", options.site.display()));
    let (workspace, outcome) = Workspace::open(&options.site, options.date)?;
    if !workspace.problems().is_empty() {
        term.problems(&workspace.problems());
    }
    if workspace.has_site() {
        term.info(&format!(
            "built {} files in {:.2} s",
            workspace.files().len(),
            outcome.elapsed.as_secs_f64()
        ));
    } else {
        term.info("the site cannot be built yet: fix the errors above, the server shows them too");
    }

    let listener = bind(options.port)?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    let shared = Arc::new(Shared {
        served: RwLock::new(Served {
            files: workspace
                .files()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            base_path: workspace.base_path(),
            problems: workspace.problems(),
            has_site: workspace.has_site(),
        }),
        reload: broadcast::channel(64).0,
        server_id: format!(
            "{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ),
    });

    let (batches, received) = std::sync::mpsc::channel();
    let watcher = Watcher::start(workspace.root(), batches).map_err(std::io::Error::other)?;
    // The address on standard output, alone on its line, for scripts.
    let url = format!("http://{address}{}/", workspace.base_path());
    println!("serving {} at {url}", workspace.root().display());
    let _ = std::io::stdout().flush();
    term.info("watching for changes; press Ctrl+C to stop");

    let rebuild_shared = shared.clone();
    std::thread::Builder::new()
        .name("sablah-rebuild".into())
        .spawn(move || rebuild_loop(workspace, watcher, received, rebuild_shared, term))?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = router(shared);
        // Open event streams never end by themselves: stop without waiting.
        tokio::select! {
            served = accept_loop(listener, app, address.port()) => served,
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

/// A client that has not sent its whole request head by then is dropped
/// (one that trickles a header a byte at a time holds nothing for long).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves each connection with HTTP/1.1, a header-read timeout, and the
/// Host check before the router sees the request.
async fn accept_loop(
    listener: tokio::net::TcpListener,
    app: Router,
    port: u16,
) -> std::io::Result<()> {
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of descriptors, a connection reset before accept: go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let app = app.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(
                move |request: axum::http::Request<hyper::body::Incoming>| {
                    let app = app.clone();
                    async move {
                        if !host_allowed(request.headers().get(header::HOST), port) {
                            return Ok::<_, Infallible>(misdirected());
                        }
                        let request = request.map(axum::body::Body::new);
                        tower_service::Service::call(&mut app.clone(), request).await
                    }
                },
            );
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT);
            let io = hyper_util::rt::TokioIo::new(stream);
            // A connection that fails (closed, timed out) is the client's end.
            let _ = builder.serve_connection(io, service).await;
        });
    }
}

/// Whether a request's `Host` names this server: 127.0.0.1, localhost or
/// [::1], with this server's port or none. Anything else (a page of another
/// site whose name was made to resolve to 127.0.0.1, DNS rebinding) is
/// refused, so drafts and the problems panel stay on this machine.
pub fn host_allowed(host: Option<&HeaderValue>, port: u16) -> bool {
    let Some(host) = host.and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let (name, given_port) = match host.rsplit_once(':') {
        // `[::1]` alone has colons but no port.
        Some((name, p)) if !p.contains(']') => (name, Some(p)),
        _ => (host, None),
    };
    let name_ok = name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "[::1]";
    let port_ok = given_port.is_none_or(|p| p.parse::<u16>() == Ok(port));
    name_ok && port_ok
}

fn misdirected() -> Response {
    (
        StatusCode::MISDIRECTED_REQUEST,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        "sablah serve answers only requests for 127.0.0.1, localhost or [::1] at its own port\n",
    )
        .into_response()
}

/// A listener on 127.0.0.1 at `port`, or the next free port after it; `0`
/// asks the system for any free port.
pub fn bind(port: u16) -> std::io::Result<TcpListener> {
    if port == 0 {
        return TcpListener::bind((Ipv4Addr::LOCALHOST, 0));
    }
    let mut last = None;
    for p in port..=port.saturating_add(PORTS_TRIED) {
        match TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, p))) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free port")))
}

/// Rebuilds on each batch of changes; the slower steps run only while no
/// newer change waits.
fn rebuild_loop(
    mut workspace: Workspace,
    mut watcher: Watcher,
    batches: Receiver<Batch>,
    shared: Arc<Shared>,
    term: Terminal,
) {
    let mut next: Option<Batch> = None;
    loop {
        let mut batch = match next.take() {
            Some(batch) => batch,
            None => match batches.recv_timeout(Duration::from_secs(30)) {
                Ok(batch) => batch,
                // A new day changes statuses: rebuild everything.
                Err(RecvTimeoutError::Timeout) if workspace.date_changed() => Batch {
                    paths: ["sablah.toml".to_string()].into(),
                    since: Instant::now(),
                },
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return,
            },
        };
        while let Ok(more) = batches.try_recv() {
            batch.merge(more);
        }
        watcher.follow();
        term.changed(&batch);
        let outcome = workspace.update(&batch.paths);
        publish(&workspace, &shared, &outcome, Some(batch.since), &term);
        while workspace.has_pending() {
            if let Ok(more) = batches.try_recv() {
                next = Some(more);
                break;
            }
            if let Some(outcome) = workspace.step() {
                publish(&workspace, &shared, &outcome, None, &term);
            }
        }
    }
}

/// Hands a rebuild's files to the server, tells the open pages, and the
/// person at the terminal.
fn publish(
    workspace: &Workspace,
    shared: &Shared,
    outcome: &Outcome,
    since: Option<Instant>,
    term: &Terminal,
) {
    let touched = !outcome.changed.is_empty() || !outcome.removed.is_empty();
    if touched || outcome.problems_changed {
        let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
        for path in &outcome.changed {
            if let Some(bytes) = workspace.files().get(path) {
                served.files.insert(path.clone(), bytes.clone());
            }
        }
        for path in &outcome.removed {
            served.files.remove(path);
        }
        served.problems = workspace.problems();
        served.has_site = workspace.has_site();
        served.base_path = workspace.base_path();
        let all = outcome.full
            || outcome.problems_changed
            || outcome.changed.len() + outcome.removed.len() > MANY_PAGES;
        let base = served.base_path.clone();
        drop(served);
        let paths: Vec<String> = if all {
            Vec::new()
        } else {
            outcome
                .changed
                .iter()
                .chain(&outcome.removed)
                .map(|p| page_url(&base, p))
                .collect()
        };
        let message = serde_json::json!({ "all": all, "paths": paths }).to_string();
        // No open page is no error.
        let _ = shared.reload.send(message);
    }
    if outcome.problems_changed {
        term.problems(&workspace.problems());
    }
    term.rebuilt(outcome, since.map(|s| s.elapsed()), touched);
}

/// The URL path of an output file: `ar/x/index.html` → `/ar/x/`.
fn page_url(base: &str, path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("{base}/{dir}"),
        None => format!("{base}/{path}"),
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(
            reload::SCRIPT_PATH,
            get(|| async { with_type("text/javascript; charset=utf-8", reload::SCRIPT) }),
        )
        .route(
            reload::STYLE_PATH,
            get(|| async { with_type("text/css; charset=utf-8", reload::STYLE) }),
        )
        .route(reload::EVENTS_PATH, get(events))
        .route(reload::STATUS_PATH, get(status))
        .fallback(page)
        .with_state(shared)
}

fn with_type(content_type: &'static str, body: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let hello = Event::default()
        .event("hello")
        .data(shared.server_id.clone());
    let changes = stream::unfold(shared.reload.subscribe(), |mut receiver| async move {
        let data = match receiver.recv().await {
            Ok(message) => message,
            // Too far behind to know what changed: reload.
            Err(broadcast::error::RecvError::Lagged(_)) => r#"{"all":true,"paths":[]}"#.to_string(),
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok(Event::default().event("reload").data(data)), receiver))
    });
    Sse::new(stream::once(async move { Ok(hello) }).chain(changes)).keep_alive(KeepAlive::default())
}

/// The server's state, for tools and tests.
async fn status(State(shared): State<Arc<Shared>>) -> Response {
    let served = shared.served.read().unwrap_or_else(|e| e.into_inner());
    let errors = served.problems.iter().filter(|p| p.error).count();
    let body = serde_json::json!({
        "site": served.has_site,
        "files": served.files.len(),
        "errors": errors,
        "warnings": served.problems.len() - errors,
    });
    with_type("application/json", body.to_string())
}

async fn page(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let served = shared.served.read().unwrap_or_else(|e| e.into_inner());
    if !served.has_site {
        let html = reload::problems_page(&served.problems);
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            html,
        )
            .into_response();
    }
    let Some(path) = percent_decode(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    let base = served.base_path.as_str();
    let rest = match path.strip_prefix(base) {
        Some(rest) if rest.starts_with('/') => rest,
        _ if path == "/" => return redirect(&format!("{base}/")),
        _ => return not_found(&served),
    };
    let rel = rest.trim_start_matches('/');
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if let Some(bytes) = served.files.get(&file) {
        return file_response(StatusCode::OK, &file, bytes, &served.problems);
    }
    if served.files.contains_key(&format!("{rel}/index.html")) {
        // Built from the path as served (never from the request's own
        // spelling, which may start with `//` and name another host).
        return redirect(&format!("{base}/{}/", crate::routes::encode_path(rel)));
    }
    not_found(&served)
}

fn not_found(served: &Served) -> Response {
    match served.files.get("404.html") {
        Some(bytes) => file_response(StatusCode::NOT_FOUND, "404.html", bytes, &served.problems),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn redirect(to: &str) -> Response {
    (
        StatusCode::MOVED_PERMANENTLY,
        [
            (header::LOCATION, to.to_string()),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
    )
        .into_response()
}

fn file_response(
    status: StatusCode,
    file: &str,
    bytes: &FileBytes,
    problems: &[Problem],
) -> Response {
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    let content_type = if mime.type_() == mime_guess::mime::TEXT {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    };
    let body = if mime.subtype() == mime_guess::mime::HTML {
        reload::inject(&String::from_utf8_lossy(bytes), problems).into_bytes()
    } else {
        bytes.as_ref().clone()
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Decodes `%XX` escapes; `None` if the result is not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// What the person at the terminal sees.
struct Terminal {
    quiet: bool,
    verbose: bool,
    colour: bool,
}

impl Terminal {
    fn new(quiet: bool, verbose: bool) -> Terminal {
        Terminal {
            quiet,
            verbose: verbose && !quiet,
            colour: std::io::stderr().is_terminal(),
        }
    }

    fn info(&self, line: &str) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }

    fn changed(&self, batch: &Batch) {
        if self.verbose {
            for path in &batch.paths {
                eprintln!("changed: {path}");
            }
        }
    }

    fn problems(&self, problems: &[Problem]) {
        let errors = problems.iter().filter(|p| p.error).count();
        for p in problems.iter().filter(|p| p.error || !self.quiet) {
            eprintln!("{}\n", if self.colour { &p.coloured } else { &p.plain });
        }
        if problems.is_empty() {
            self.info("no problems left");
        } else if errors > 0 || !self.quiet {
            let warnings = problems.len() - errors;
            eprintln!(
                "{errors} error{}, {warnings} warning{}",
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            );
        }
    }

    fn rebuilt(&self, outcome: &Outcome, since_save: Option<Duration>, touched: bool) {
        if self.quiet || (!touched && !self.verbose) {
            return;
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let files = outcome.changed.len() + outcome.removed.len();
        let mut line = format!(
            "rebuilt {}: {files} file{} changed in {:.0} ms",
            outcome.what,
            if files == 1 { "" } else { "s" },
            ms(outcome.elapsed)
        );
        if let Some(since) = since_save {
            line.push_str(&format!(" ({:.0} ms from save to reload)", ms(since)));
        }
        eprintln!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_of_pages_end_in_a_slash() {
        assert_eq!(
            page_url("", "ar/consultations/x/index.html"),
            "/ar/consultations/x/"
        );
        assert_eq!(page_url("/consult", "index.html"), "/consult/");
        assert_eq!(
            page_url("", "data/consultations.json"),
            "/data/consultations.json"
        );
    }

    #[test]
    fn only_this_machine_at_this_port_is_a_host_we_answer() {
        let ok = |h: &str| host_allowed(Some(&HeaderValue::from_str(h).unwrap()), 4000);
        for h in [
            "127.0.0.1:4000",
            "localhost:4000",
            "LOCALHOST:4000",
            "[::1]:4000",
            "[::1]",
            "localhost",
        ] {
            assert!(ok(h), "{h}");
        }
        for h in [
            "evil.example:4000",
            "127.0.0.1:4001",
            "localhost:",
            "127.0.0.1.evil.example:4000",
            "[::1]:80",
            "",
            "localhost:4000:4000",
        ] {
            assert!(!ok(h), "{h}");
        }
        assert!(!host_allowed(None, 4000));
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(percent_decode("/a%20b/%D8%B9").as_deref(), Some("/a b/ع"));
        assert_eq!(percent_decode("/%ff"), None);
        assert_eq!(percent_decode("/100%").as_deref(), Some("/100%"));
    }

    #[test]
    fn a_taken_port_gives_the_next_free_one() {
        let first = bind(0).unwrap();
        let taken = first.local_addr().unwrap().port();
        if taken < u16::MAX - PORTS_TRIED {
            let second = bind(taken).unwrap();
            assert_ne!(second.local_addr().unwrap().port(), taken);
        }
    }
}
