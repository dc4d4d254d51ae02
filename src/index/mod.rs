//! `sablah index`: the national e-participation index (`central-index.md`).
//!
//! The same shape as a site build, one stage per module:
//!
//! 1. [`config`]: `index.toml` into a typed [`config::IndexConfig`], with
//!    located diagnostics;
//! 2. [`harvest`]: each source's bytes, by path or over HTTP;
//! 3. [`validate`]: JSON, schema version, JSON Schema, manifest hash,
//!    agency id; a failing source falls back on its [`cache`]d copy;
//! 4. [`model`]: the immutable [`model::Index`];
//! 5. [`figures`]: section 4's figures, pure functions of the model;
//! 6. [`render`]: the pages (Tera templates under
//!    `themes/default/templates/index/`) and [`data`]: the other files,
//!    all at the routes of [`crate::routes::IndexRoute`], written by the
//!    one [`crate::output::DirSink`] (staging folder and swap).
//!
//! A source that fails never stops the index: it is a diagnostic that
//! names it, and the rest is built.

pub mod cache;
pub mod config;
pub mod data;
pub mod figures;
pub mod harvest;
pub mod model;
pub mod render;
pub mod search;
pub mod validate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::Date;
use crate::sources::{SourceFile, SourceSet};
use crate::toml_doc::Origin;

use cache::{Cache, Meta};
use config::{IndexConfig, Source};
use harvest::{Fetched, Harvester, Problem};
use model::{Agency, AgencyData, Index, SourceStatus};
use validate::Validator;

pub const CONFIG_FILE: &str = "index.toml";
pub const DEFAULT_CACHE: &str = ".sablah-cache";

pub struct IndexOptions {
    pub output: Option<PathBuf>,
    pub date: Date,
    /// Build from the cache alone.
    pub offline: bool,
    /// A failed source means nothing is written.
    pub strict: bool,
    pub verbose: bool,
}

pub struct Written {
    pub output: PathBuf,
    pub pages: usize,
    pub other_files: usize,
    pub seconds: f64,
}

/// What `sablah index` did.
pub struct IndexOutcome {
    /// `index.toml`, for locating diagnostics.
    pub sources: SourceSet,
    pub diagnostics: Diagnostics,
    /// `None` when nothing was written.
    pub written: Option<Written>,
    /// Sources that failed (used their cached copy or none).
    pub failed: usize,
    /// `index.toml` could not be used: nothing was harvested or written.
    pub config_failed: bool,
    pub notes: Vec<String>,
    /// How each source stands, sorted by id (for the summary line).
    pub statuses: Vec<(String, SourceStatus)>,
}

impl IndexOutcome {
    /// The exit status: 0 when every source is usable and fresh or cached,
    /// 1 when some source failed, 2 when index.toml is unusable (nothing
    /// written).
    pub fn exit_status(&self) -> i32 {
        if self.config_failed {
            2
        } else if self.failed > 0 {
            1
        } else {
            0
        }
    }
}

/// Reads `index.toml` of `dir` into a one-file source set, with the
/// folder's `templates/` and `i18n/` (overrides) and `static/` (assets).
fn read_config(dir: &Path) -> std::io::Result<(SourceSet, Diagnostics)> {
    let root = dir
        .canonicalize()
        .map_err(|e| crate::diagnostics::io_at(e, "read the index folder", dir))?;
    let path = root.join(CONFIG_FILE);
    let mut set = SourceSet {
        root: root.clone(),
        ..SourceSet::default()
    };
    match std::fs::read(&path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|_| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{} is not UTF-8 text", path.display()),
                )
            })?;
            set.files.push(SourceFile {
                path: CONFIG_FILE.into(),
                text: Arc::from(text),
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(crate::diagnostics::io_at(e, "read", &path)),
    }
    // Theme overrides and static files of the index, read by the site's
    // rules (links that lead out of the folder are refused, loops reported).
    let mut diags = Diagnostics::default();
    for top in ["templates", "i18n", "static"] {
        let (part, d) = crate::sources::read_folder(&root, top)?;
        set.overrides.extend(part.overrides);
        set.assets.extend(part.assets);
        set.unreadable.extend(part.unreadable);
        diags.extend(d);
    }
    Ok((set, diags))
}

/// Runs the whole index: read the configuration, harvest, build, write.
pub fn run(dir: &Path, options: &IndexOptions) -> std::io::Result<IndexOutcome> {
    let started = Instant::now();
    let step = |name: &str, since: Instant| {
        if options.verbose {
            eprintln!(
                "{name:>10}: {:>8.1} ms",
                since.elapsed().as_secs_f64() * 1000.0
            );
        }
    };
    let (set, mut diags) = read_config(dir)?;
    let stopped = |set: SourceSet, diagnostics: Diagnostics| IndexOutcome {
        sources: set,
        diagnostics,
        written: None,
        failed: 0,
        config_failed: true,
        notes: Vec::new(),
        statuses: Vec::new(),
    };
    if set.files.is_empty() {
        diags.push(
            Diagnostic::error(Code::MissingConfig, format!("{} has no index.toml", set.root.display()))
                .help("make one with `sablah init --index <dir>`, or give the index folder as the first argument"),
        );
        return Ok(stopped(set, diags));
    }
    let text = set.files[0].text.clone();
    let Some((config, sources)) = config::read(&text, Origin { file: 0, offset: 0 }, &mut diags)
    else {
        return Ok(stopped(set, diags));
    };
    let theme = match render::load_theme(&set, &config.languages()) {
        Ok(t) => t,
        Err(d) => {
            diags.extend(d);
            return Ok(stopped(set, diags));
        }
    };
    if diags.has_errors() {
        // A link out of the index folder, an unreadable override: nothing
        // is harvested or written until it is mended.
        return Ok(stopped(set, diags));
    }
    let root = set.root.clone();
    let location = output_location(&root, options.output.as_deref(), &config)?;
    let cache_dir = root.join(config.index.cache.as_deref().unwrap_or(DEFAULT_CACHE));
    if cache_dir.starts_with(&location.target) || location.target.starts_with(&cache_dir) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "refusing to write the index to {}: the harvest cache {} is in it, or it is in the cache; nothing was written or removed. Choose another output folder, or move `cache` in index.toml",
                location.target.display(),
                cache_dir.display()
            ),
        ));
    }
    // Held until the run ends: two runs on one folder would remove each
    // other's staging folder and interleave cache writes.
    let _lock = lock_cache(&cache_dir)?;
    let mut notes: Vec<String> = crate::output::recover_interrupted(&location.target)?
        .into_iter()
        .collect();

    let t = Instant::now();
    let cache = Cache::new(cache_dir);
    let (index, harvest_diags) = harvest_all(&config, &sources, &root, &cache, options)?;
    diags.extend(harvest_diags);
    step("harvest", t);
    let failed = index
        .agencies
        .iter()
        .filter(|a| a.problem.is_some())
        .count();
    let statuses = index
        .agencies
        .iter()
        .map(|a| (a.id.clone(), a.status))
        .collect();
    if options.strict && failed > 0 {
        return Ok(IndexOutcome {
            sources: set,
            diagnostics: diags,
            written: None,
            failed,
            config_failed: false,
            notes,
            statuses,
        });
    }

    let t = Instant::now();
    let figures = figures::all(&index);
    step("figures", t);
    let sink = crate::output::DirSink::new(&location.target)?;
    let t = Instant::now();
    // The pages and the files that do not depend on them (the union,
    // figures, feeds) at once; then what lists every file.
    let built = copy_static(&set, &sink).and_then(|()| {
        let (pages, records) = rayon::join(
            || {
                let pages = render::render_all(&config, &index, &figures, &theme, &sink);
                step("pages", t);
                pages
            },
            || {
                let t = Instant::now();
                let records = data::write_records(&config, &index, &figures, &theme, &cache, &sink);
                step("data", t);
                records
            },
        );
        records?;
        let pages = pages?;
        let robots = crate::output::sitemap::robots_text(
            &crate::routes::absolute_under(config.base_url(), crate::routes::SITEMAP),
            &set,
        );
        crate::output::Sink::write(
            &sink,
            &crate::routes::IndexRoute::Robots.file(),
            robots.as_bytes(),
        )?;
        let t = Instant::now();
        data::write_listings(&config, &index, &sink, &|| sink.written())?;
        step("listings", t);
        Ok(pages)
    });
    let pages = match built {
        Ok(Ok(pages)) => pages,
        Ok(Err(d)) => {
            diags.extend(d);
            sink.abandon();
            return Ok(IndexOutcome {
                sources: set,
                diagnostics: diags,
                written: None,
                failed,
                config_failed: true,
                notes,
                statuses,
            });
        }
        Err(e) => {
            sink.abandon();
            return Err(e);
        }
    };
    let files = sink.files.load(std::sync::atomic::Ordering::Relaxed);
    let committed = sink.commit()?;
    notes.extend(committed.notes);
    Ok(IndexOutcome {
        sources: set,
        diagnostics: diags,
        written: Some(Written {
            output: committed.output,
            pages,
            other_files: files.saturating_sub(pages),
            seconds: started.elapsed().as_secs_f64(),
        }),
        failed,
        config_failed: false,
        notes,
        statuses,
    })
}

/// Takes the cache folder's lock file, or says that another run holds it.
/// The lock is the system's (`flock` on Unix, `LockFileEx` on Windows): it
/// goes with the process, so a killed run never leaves it held.
fn lock_cache(dir: &Path) -> std::io::Result<std::fs::File> {
    use crate::diagnostics::io_at;
    std::fs::create_dir_all(dir).map_err(|e| io_at(e, "create", dir))?;
    let path = dir.join(".lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| io_at(e, "open", &path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(std::io::Error::new(
            std::io::ErrorKind::WouldBlock,
            format!(
                "another `sablah index` is running on this index folder (it holds {}); nothing was harvested, written or removed. Wait for it to finish and run again",
                path.display()
            ),
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(io_at(e, "lock", &path)),
    }
}

/// The index folder's `static/` at the output root. Copied first, so that
/// the index's own pages and files, written after, win over a static file
/// of the same path.
fn copy_static(set: &SourceSet, sink: &dyn crate::output::Sink) -> std::io::Result<()> {
    for asset in &set.assets {
        if let Some(rest) = asset.path.strip_prefix("static/") {
            let route = crate::routes::IndexRoute::Static { path: rest.into() };
            sink.copy(&route.file(), &asset.absolute)?;
        }
    }
    Ok(())
}

fn output_location(
    root: &Path,
    flag: Option<&Path>,
    config: &IndexConfig,
) -> std::io::Result<crate::output::location::Location> {
    use crate::output::location::{resolve, Origin};
    match (flag, config.index.output.as_deref()) {
        (Some(flag), _) => resolve(root, flag, Origin::Flag),
        (None, Some(configured)) => {
            resolve(root, Path::new(configured), Origin::Config(CONFIG_FILE))
        }
        (None, None) => resolve(root, Path::new("public"), Origin::Default),
    }
}

/// One source after fetching and checking, before the cross-source checks.
struct Outcome {
    /// The copy to use: checked data, its bytes' hash and date.
    copy: Option<(AgencyData, String, Date)>,
    status: SourceStatus,
    problem: Option<Problem>,
    /// What to store in the cache if the copy stays in use.
    store: Option<Store>,
    /// The cache holds another good copy, under the new one in use (read
    /// back only if the new copy is refused by the cross-source checks).
    fallback: bool,
}

enum Store {
    /// A new copy, in memory while its source is checked.
    New(Vec<u8>, Meta),
    /// A new copy written beside the cached one (see [`Cache::stage`]),
    /// so that 300 agencies' copies are not all held in memory until the
    /// cross-source checks are done.
    Staged(PathBuf, Meta),
    Touch(Meta),
}

fn harvest_one(
    source: &Source,
    root: &Path,
    cache: &Cache,
    harvester: &Harvester,
    validator: &Validator,
    options: &IndexOptions,
) -> Outcome {
    // The cached copy passed every check when it was stored; it is read
    // into the model (without the schema again) only when it is used.
    let cached_raw = cache.get(&source.id);
    let load = |c: cache::Cached| {
        let data = validator.check(&source.id, &c.bytes, false).ok()?;
        Some((c, data))
    };
    let today = options.date;
    let fall_back = |cached: Option<(cache::Cached, AgencyData)>, problem: Problem| match cached {
        Some((c, data)) => Outcome {
            copy: Some((data, c.meta.sha256, c.meta.harvested)),
            status: SourceStatus::Stale,
            problem: Some(problem),
            store: None,
            fallback: false,
        },
        None => Outcome {
            copy: None,
            status: SourceStatus::Failed,
            problem: Some(problem),
            store: None,
            fallback: false,
        },
    };
    if options.offline {
        return match cached_raw.and_then(load) {
            Some((c, data)) => Outcome {
                copy: Some((data, c.meta.sha256, c.meta.harvested)),
                status: SourceStatus::Cached,
                problem: None,
                store: None,
                fallback: false,
            },
            None => fall_back(
                None,
                Problem::new(
                    Code::NotCached,
                    "--offline, and the cache holds no good copy of this source",
                    "run `sablah index` once with the network, or check `cache` in index.toml",
                ),
            ),
        };
    }
    let validators = cached_raw.as_ref().map(|c| &c.meta.validators);
    match harvester.fetch(&source.location, root, validators) {
        Err(p) => fall_back(cached_raw.and_then(load), p),
        Ok(Fetched::NotModified) => {
            let Some((c, data)) = cached_raw.and_then(load) else {
                return fall_back(
                    None,
                    Problem::new(
                        Code::SourceHttpError,
                        "the source answered 304 Not Modified, but no copy is cached",
                        "ask the agency's web team to check the server's caching configuration",
                    ),
                );
            };
            let meta = Meta {
                harvested: today,
                ..c.meta
            };
            Outcome {
                copy: Some((data, meta.sha256.clone(), today)),
                status: SourceStatus::Fresh,
                problem: None,
                store: Some(Store::Touch(meta)),
                fallback: false,
            }
        }
        Ok(Fetched::Body { bytes, validators }) => {
            let sha = cache::sha256_hex(&bytes);
            let known = cached_raw.as_ref().is_some_and(|c| c.meta.sha256 == sha);
            let checked = validator.check(&source.id, &bytes, !known).and_then(|data| {
                if source.verify {
                    let manifest = harvester.fetch_manifest(&source.location, root).map_err(|p| {
                        Problem::new(
                            Code::ManifestMismatch,
                            format!("verify = true, but the manifest beside the source cannot be read: {}", p.message),
                            "publish data/manifest.json beside consultations.json (sablah build does), or set verify = false",
                        )
                    })?;
                    validate::check_manifest(&bytes, &manifest)?;
                }
                Ok(data)
            });
            match checked {
                Err(p) => fall_back(cached_raw.and_then(load), p),
                Ok(data) => {
                    let meta = Meta {
                        source: source.location.describe().to_string(),
                        harvested: today,
                        sha256: sha.clone(),
                        validators,
                    };
                    Outcome {
                        copy: Some((data, sha.clone(), today)),
                        status: SourceStatus::Fresh,
                        problem: None,
                        // The same bytes as the cached copy: only its date
                        // and validators change.
                        store: Some(if known {
                            Store::Touch(meta)
                        } else {
                            Store::New(bytes, meta)
                        }),
                        fallback: cached_raw.is_some_and(|c| c.meta.sha256 != sha),
                    }
                }
            }
        }
    }
}

/// Harvests every source (in parallel), then checks what concerns several
/// sources (consultation ids), then stores the good copies.
fn harvest_all(
    config: &IndexConfig,
    sources: &[Source],
    root: &Path,
    cache: &Cache,
    options: &IndexOptions,
) -> std::io::Result<(Index, Diagnostics)> {
    let harvester = Harvester::new(config.timeout_seconds());
    let validator = Validator::new();
    let outcomes: Vec<Outcome> = sources
        .par_iter()
        .with_max_len(1)
        .map(|s| {
            let mut o = harvest_one(s, root, cache, &harvester, &validator, options);
            if let Some(Store::New(bytes, meta)) = o.store.take() {
                o.store = Some(Store::Staged(cache.stage(&s.id, &bytes)?, meta));
            }
            Ok(o)
        })
        .collect::<std::io::Result<_>>()?;
    let mut diags = Diagnostics::default();
    // Consultation ids are unique across the index: a source whose copy
    // repeats an id of an agency before it (by id) falls back on its
    // cached copy if that one does not, else is left out.
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    let mut agencies = Vec::with_capacity(sources.len());
    for (source, mut o) in sources.iter().zip(outcomes) {
        let clash = |data: &AgencyData, owners: &BTreeMap<String, String>| {
            data.consultations
                .iter()
                .find_map(|c| owners.get(&c.id).map(|a| (c.id.clone(), a.clone())))
        };
        if let Some((data, _, _)) = &o.copy {
            if let Some((cid, other)) = clash(data, &owners) {
                let problem = Problem::new(
                    Code::DuplicateConsultation,
                    format!(
                        "the consultation id \"{}\" is also agency \"{other}\"'s",
                        validate::clip(&cid)
                    ),
                    "consultation ids are unique across the national index: ask one of the two agencies to renumber (agencies usually prefix their ids with their own code)",
                );
                if let Some(Store::Staged(path, _)) = o.store.take() {
                    let _ = std::fs::remove_file(path);
                }
                let fallback = o
                    .fallback
                    .then(|| cache.get(&source.id))
                    .flatten()
                    .and_then(|c| {
                        let data = validator.check(&source.id, &c.bytes, false).ok()?;
                        Some((data, c.meta.sha256, c.meta.harvested))
                    });
                match fallback {
                    Some(f) if clash(&f.0, &owners).is_none() => {
                        o.copy = Some(f);
                        o.status = SourceStatus::Stale;
                    }
                    _ => {
                        o.copy = None;
                        o.status = SourceStatus::Failed;
                    }
                }
                o.problem = Some(problem);
            }
        }
        if let Some((data, _, _)) = &o.copy {
            for c in &data.consultations {
                owners.insert(c.id.clone(), source.id.clone());
            }
        }
        match o.store.take() {
            Some(Store::New(bytes, meta)) => cache.put(&source.id, &bytes, &meta)?,
            Some(Store::Staged(path, meta)) => cache.commit_staged(&source.id, &path, &meta)?,
            Some(Store::Touch(meta)) => cache.touch(&source.id, &meta)?,
            None => {}
        }
        if let Some(p) = &o.problem {
            let mut d = Diagnostic::error(
                p.code,
                format!(
                    "source \"{}\" ({}): {}",
                    source.id,
                    source.location.describe(),
                    p.message
                ),
            )
            .at(source.span.clone())
            .label("this source")
            .help(p.help.clone());
            d = match &o.copy {
                Some((_, _, date)) => d.note(format!(
                    "the copy harvested on {date} is used; the agency's pages say so"
                )),
                None => d.note("no copy is cached: the agency is listed as not available and left out of the figures"),
            };
            diags.push(d);
        }
        if let Some((_, _, date)) = &o.copy {
            let age = date.days_until(options.date);
            if age > config.stale_after_days() {
                if o.problem.is_none() {
                    diags.push(
                        Diagnostic::warning(
                            Code::SourceStale,
                            format!(
                                "source \"{}\": the copy in use was harvested on {date}, {age} days ago",
                                source.id
                            ),
                        )
                        .at(source.span.clone())
                        .label("this source")
                        .help(format!(
                            "run the index with the network (without --offline); copies older than {} days are shown as stale",
                            config.stale_after_days()
                        )),
                    );
                }
                o.status = SourceStatus::Stale;
            }
        }
        let (data, sha256, harvested) = match o.copy {
            Some((d, s, h)) => (Some(d), Some(s), Some(h)),
            None => (None, None, None),
        };
        agencies.push(Agency {
            id: source.id.clone(),
            location: source.location.clone(),
            status: o.status,
            harvested,
            sha256,
            problem: o.problem,
            data,
        });
    }
    Ok((
        Index {
            date: options.date,
            agencies,
        },
        diags,
    ))
}
