//! Fetching a source: a file on this machine, or an `http(s)` URL.
//!
//! The contract (`central-index.md`, section 2): 10 s to connect and 60 s
//! in all, at most 5 redirects, at most 64 MiB, gzip accepted, a
//! `User-Agent` naming the program and its version, and conditional
//! requests (`If-None-Match`, `If-Modified-Since`) from the cached copy's
//! validators, so that an unchanged source costs a `304` and no body.
//! Nothing here decides whether the bytes are good: [`super::validate`]
//! does. Every failure is a [`Problem`] with its own code.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use crate::diagnostics::Code;

use super::config::Location;

/// The largest source accepted, after decompression.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;
pub const MAX_REDIRECTS: u32 = 5;
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a source could not be used: a code, what happened, what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: Code,
    pub message: String,
    pub help: String,
}

impl Problem {
    pub fn new(code: Code, message: impl Into<String>, help: impl Into<String>) -> Problem {
        Problem {
            code,
            message: message.into(),
            help: help.into(),
        }
    }
}

/// The validators of a copy, as the server gave them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What a fetch gave.
#[derive(Debug)]
pub enum Fetched {
    /// A new body, with the validators to send next time.
    Body {
        bytes: Vec<u8>,
        validators: Validators,
    },
    /// `304 Not Modified`: the cached copy is still the source's.
    NotModified,
}

/// The HTTP client, built once per run and shared by the threads that
/// fetch.
pub struct Harvester {
    agent: ureq::Agent,
    /// Without the environment's proxy: for sources on this machine
    /// (127.0.0.1, localhost), which a proxy cannot reach.
    direct: ureq::Agent,
}

pub fn user_agent() -> String {
    format!(
        "sablah/{} (national e-participation index; +https://github.com/sablah)",
        env!("CARGO_PKG_VERSION")
    )
}

fn agent(timeout: Duration, proxy: bool) -> ureq::Agent {
    let mut config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(MAX_REDIRECTS)
        .max_redirects_will_error(true)
        .user_agent(user_agent())
        .accept("application/json")
        .timeout_global(Some(timeout))
        .timeout_connect(Some(CONNECT_TIMEOUT.min(timeout)));
    if !proxy {
        config = config.proxy(None);
    }
    config.build().new_agent()
}

fn is_loopback(url: &str) -> bool {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = if host.starts_with('[') {
        host.split(']')
            .next()
            .unwrap_or(host)
            .trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or(host)
    };
    host == "localhost" || host.starts_with("127.") || host == "::1"
}

impl Harvester {
    pub fn new(timeout_seconds: u64) -> Harvester {
        let timeout = Duration::from_secs(timeout_seconds.max(1));
        Harvester {
            agent: agent(timeout, true),
            direct: agent(timeout, false),
        }
    }

    /// Fetches a source; `validators` are the cached copy's, if any.
    /// `root` is the index folder, which relative paths start from.
    pub fn fetch(
        &self,
        location: &Location,
        root: &Path,
        validators: Option<&Validators>,
    ) -> Result<Fetched, Problem> {
        match location {
            Location::Path(p) => read_file(&root.join(p)).map(|bytes| Fetched::Body {
                bytes,
                validators: Validators::default(),
            }),
            Location::Url(u) => self.get(u, validators),
        }
    }

    /// The `manifest.json` beside a source.
    pub fn fetch_manifest(&self, location: &Location, root: &Path) -> Result<Vec<u8>, Problem> {
        match location {
            Location::Path(p) => {
                let path = root.join(p);
                let beside = path
                    .parent()
                    .map(|d| d.join("manifest.json"))
                    .unwrap_or_else(|| Path::new("manifest.json").to_path_buf());
                read_file(&beside)
            }
            Location::Url(u) => match self.get(&manifest_url(u), None)? {
                Fetched::Body { bytes, .. } => Ok(bytes),
                Fetched::NotModified => Err(Problem::new(
                    Code::SourceHttpError,
                    "the manifest answered 304 to a request that was not conditional",
                    "check the web server's configuration",
                )),
            },
        }
    }

    fn get(&self, url: &str, validators: Option<&Validators>) -> Result<Fetched, Problem> {
        let agent = if is_loopback(url) {
            &self.direct
        } else {
            &self.agent
        };
        let mut request = agent.get(url);
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(lm) = &v.last_modified {
                request = request.header("If-Modified-Since", lm);
            }
        }
        let mut response = request.call().map_err(|e| problem_of(&e, url))?;
        let status = response.status().as_u16();
        if status == 304 {
            return if validators.is_some() {
                Ok(Fetched::NotModified)
            } else {
                Err(Problem::new(
                    Code::SourceHttpError,
                    format!(
                        "{url} answered 304 Not Modified to a request that was not conditional"
                    ),
                    "ask the agency's web team to check the server's caching configuration",
                ))
            };
        }
        if !(200..300).contains(&status) {
            return Err(Problem::new(
                Code::SourceHttpError,
                format!("{url} answered HTTP {status}"),
                if status == 404 {
                    "check the url in index.toml (it ends in /data/consultations.json), or ask the agency whether its site moved"
                } else {
                    "the agency's site is failing: tell its web team; the last good copy, if any, is used meanwhile"
                },
            ));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_BYTES)
            .read_to_vec()
            .map_err(|e| problem_of(&e, url))?;
        Ok(Fetched::Body { bytes, validators })
    }
}

/// `…/data/manifest.json` for `…/data/consultations.json`.
pub fn manifest_url(url: &str) -> String {
    let cut = url.split(['?', '#']).next().unwrap_or(url);
    match cut.rfind('/') {
        Some(i) => format!("{}manifest.json", &cut[..=i]),
        None => format!("{cut}/manifest.json"),
    }
}

fn problem_of(e: &ureq::Error, url: &str) -> Problem {
    use ureq::Error as E;
    match e {
        E::Timeout(_) => Problem::new(
            Code::SourceTimeout,
            format!("{url} did not answer in time"),
            "the agency's site is slow or down: try again later; the last good copy, if any, is used meanwhile",
        ),
        E::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Problem::new(
            Code::SourceTimeout,
            format!("{url} did not answer in time"),
            "the agency's site is slow or down: try again later; the last good copy, if any, is used meanwhile",
        ),
        E::BodyExceedsLimit(_) => Problem::new(
            Code::SourceTooLarge,
            format!("{url} is larger than {} MiB", MAX_BYTES / 1_048_576),
            "check that the url names the agency's consultations.json, not an archive or a page",
        ),
        E::StatusCode(s) => Problem::new(
            Code::SourceHttpError,
            format!("{url} answered HTTP {s}"),
            "the agency's site is failing: tell its web team",
        ),
        E::Decompress(_, _) => Problem::new(
            Code::SourceNotJson,
            format!("{url} sent a compressed body that cannot be decompressed"),
            "ask the agency's web team to check the server's gzip configuration",
        ),
        E::HostNotFound => Problem::new(
            Code::SourceUnreachable,
            format!("the host of {url} does not exist"),
            "check the url in index.toml for a typo, or whether the agency's site moved",
        ),
        E::TooManyRedirects => Problem::new(
            Code::SourceUnreachable,
            format!("{url} redirects more than {MAX_REDIRECTS} times"),
            "write the final address in index.toml, or ask the agency to fix the redirect loop",
        ),
        other => Problem::new(
            Code::SourceUnreachable,
            format!("{url} cannot be reached: {other}"),
            "check that the agency's site is up and that this machine can reach it; the last good copy, if any, is used meanwhile",
        ),
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, Problem> {
    let shown = path.display();
    let file = std::fs::File::open(path).map_err(|e| {
        Problem::new(
            Code::SourceUnreachable,
            format!("{shown} cannot be read: {e}"),
            "build the agency's site first (sablah build), or correct the path in index.toml (relative to the index folder)",
        )
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Problem::new(
                Code::SourceUnreachable,
                format!("{shown} cannot be read: {e}"),
                "check that the file exists and that its permissions let you read it",
            )
        })?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Problem::new(
            Code::SourceTooLarge,
            format!("{shown} is larger than {} MiB", MAX_BYTES / 1_048_576),
            "check that the path names the agency's consultations.json",
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_lies_beside_the_data() {
        assert_eq!(
            manifest_url("https://a.example/data/consultations.json?x=1"),
            "https://a.example/data/manifest.json"
        );
    }

    #[test]
    fn loopback_hosts_skip_the_proxy() {
        assert!(is_loopback("http://127.0.0.1:8080/data/consultations.json"));
        assert!(is_loopback("http://localhost/x"));
        assert!(!is_loopback("https://consult.mwre.example.gov.om/data/x"));
    }
}
