//! The whole pipeline, as one readable list of steps.
//!
//! `check_site` runs the stages up to checking; `build_site` goes on to
//! derive, render and write. Each step is a function of the previous step's
//! value; this module only calls them in order and times them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diagnostics::Diagnostics;
use crate::model::{Date, Site};
use crate::output::DirSink;
use crate::pipeline;
use crate::progress::Progress;
use crate::render::theme::Theme;
use crate::sources::SourceSet;

pub struct BuildOptions {
    pub output: Option<PathBuf>,
    pub date: Date,
    pub verbose: bool,
}

/// What `check` found.
pub struct CheckOutcome {
    pub sources: SourceSet,
    pub site: Option<Site>,
    pub diagnostics: Diagnostics,
}

/// What `build` wrote.
pub struct Written {
    pub output: PathBuf,
    pub pages: usize,
    pub other_files: usize,
    pub seconds: f64,
}

pub struct BuildOutcome {
    pub sources: SourceSet,
    pub diagnostics: Diagnostics,
    /// `None` when errors stopped the build before anything was written.
    pub written: Option<Written>,
    /// What did not stop the build but should be said (a previous site put
    /// back after an interrupted build, one that could not be removed whole,
    /// a stale folder set aside).
    pub notes: Vec<String>,
}

/// Reads, loads and checks a site folder, its theme included. I/O errors
/// (no such folder) are `Err`; problems in the content are diagnostics. A
/// site that overrides templates has its pages rendered in memory as of
/// `date` ([`pipeline::render_check`]), so that `check` finds what `build`
/// would.
pub fn check_site(dir: &Path, date: Date) -> std::io::Result<CheckOutcome> {
    let (sources, diagnostics) = pipeline::read(dir)?;
    let checked = pipeline::render_check(pipeline::check(sources, diagnostics), date);
    Ok(CheckOutcome {
        sources: checked.sources,
        site: checked.site,
        diagnostics: checked.diagnostics,
    })
}

pub fn build_site(dir: &Path, options: &BuildOptions) -> std::io::Result<BuildOutcome> {
    build_site_with_progress(dir, options, &Progress::hidden())
}

/// [`build_site`], advancing `progress` as files are written. The whole
/// build, step by step.
pub fn build_site_with_progress(
    dir: &Path,
    options: &BuildOptions,
    progress: &Progress,
) -> std::io::Result<BuildOutcome> {
    let started = Instant::now();
    let step = |name: &str, since: Instant| {
        if options.verbose {
            eprintln!(
                "{name:>10}: {:>8.1} ms",
                since.elapsed().as_secs_f64() * 1000.0
            );
        }
    };
    let stopped = |checked: pipeline::Checked, notes| BuildOutcome {
        sources: checked.sources,
        diagnostics: checked.diagnostics,
        written: None,
        notes,
    };

    let t = Instant::now();
    progress.spin("reading and checking the sources");
    let (sources, diagnostics) = pipeline::read(dir)?;
    let checked = pipeline::check(sources, diagnostics);
    step("check", t);

    // Where the site goes is settled first, so that an output that would
    // replace the sources is refused even when the content has errors, and
    // a site left aside by an interrupted build is back in place before
    // anything says that it is untouched.
    let mut notes = Vec::new();
    let Some(site) = &checked.site else {
        return Ok(stopped(checked, notes));
    };
    let location = output_location(&checked.sources.root, options.output.as_deref(), site)?;
    notes.extend(crate::output::recover_interrupted(&location.target)?);

    let t = Instant::now();
    let ready = match checked.ready(options.date) {
        Ok(ready) => ready,
        Err(checked) => return Ok(stopped(*checked, notes)),
    };
    step("derive+plan", t);
    let pipeline::Ready {
        sources,
        site,
        theme,
        facts,
        plan,
        hidden,
        mut diagnostics,
    } = ready;

    let sink = DirSink::new(&location.target)?;
    progress.start(crate::progress::estimate_files(&plan, &sources));
    let counted = progress.sink(&sink);
    let t = Instant::now();
    // The previous site, which `location` found to be Sablah's own (or
    // nothing): its share images are reused where nothing drawn changed.
    let previous = |path: &str| std::fs::read(location.target.join(path)).ok();
    let rendered = pipeline::render(
        &site,
        &facts,
        &sources,
        &theme,
        &plan,
        &|_| true,
        &previous,
        &|_, files| pipeline::write_files(&counted, files),
    );
    step("render", t);
    let pages = match rendered {
        Ok(Ok(pages)) => pages,
        Ok(Err(d)) => {
            diagnostics.extend(d);
            progress.finish();
            sink.abandon();
            return Ok(BuildOutcome {
                sources,
                diagnostics,
                written: None,
                notes,
            });
        }
        Err(e) => {
            progress.finish();
            sink.abandon();
            return Err(e);
        }
    };
    let t = Instant::now();
    if let Err(e) = crate::output::copy_assets(&sources, site.config.theme(), &hidden, &counted) {
        progress.finish();
        sink.abandon();
        return Err(e);
    }
    step("assets", t);
    let machine_readable = write_machine_readable(
        &site,
        &facts,
        &sources,
        &theme,
        &plan,
        &counted,
        &|| sink.written(),
        &step,
    );
    progress.finish();
    if let Err(e) = machine_readable {
        sink.abandon();
        return Err(e);
    }
    let t = Instant::now();
    if let Err(e) = crate::output::compress::write_copies(
        &sink.written(),
        &|path| sink.read_written(path),
        &sink,
    ) {
        sink.abandon();
        return Err(e);
    }
    step("compress", t);
    let files = sink.files.load(std::sync::atomic::Ordering::Relaxed);
    let t = Instant::now();
    let committed = sink.commit()?;
    step("swap", t);
    Ok(BuildOutcome {
        sources,
        diagnostics,
        written: Some(Written {
            output: committed.output,
            pages,
            other_files: files - pages,
            seconds: started.elapsed().as_secs_f64(),
        }),
        notes: notes.into_iter().chain(committed.notes).collect(),
    })
}

/// Where the site goes: `--output` (relative to the working folder), else
/// `output` in sablah.toml (relative to the site), else `public` beside it;
/// refused when it would replace the sources or someone's files.
fn output_location(
    root: &Path,
    flag: Option<&Path>,
    site: &Site,
) -> std::io::Result<crate::output::location::Location> {
    use crate::output::location::{resolve, Origin};
    match (flag, site.config.site.output.as_deref()) {
        (Some(flag), _) => resolve(root, flag, Origin::Flag),
        (None, Some(configured)) => {
            resolve(root, Path::new(configured), Origin::Config("sablah.toml"))
        }
        (None, None) => resolve(root, Path::new("public"), Origin::Default),
    }
}

/// The machine-readable files, then the manifest over everything written:
/// the steps after the pages and assets, shared by `build` and `serve`.
/// `written` lists every file the sink holds so far, sorted by path.
#[allow(clippy::too_many_arguments)]
pub fn write_machine_readable(
    site: &Site,
    facts: &crate::derive::Facts,
    sources: &SourceSet,
    theme: &Theme,
    plan: &crate::render::Plan,
    sink: &dyn crate::output::Sink,
    written: &dyn Fn() -> Vec<crate::output::FileRecord>,
    step: &dyn Fn(&str, Instant),
) -> std::io::Result<()> {
    let tr = &theme.translations;
    // Open data, feeds and calendars are independent: written side by side.
    let t = Instant::now();
    let ((data, search), (feeds, calendars)) = rayon::join(
        || {
            rayon::join(
                || crate::output::data::write(site, facts, tr, sink),
                || crate::search::index::write(site, facts, sink),
            )
        },
        || {
            rayon::join(
                || crate::output::feed::write(site, facts, tr, sink),
                || crate::output::calendar::write(site, facts, tr, sink),
            )
        },
    );
    data?;
    search?;
    feeds?;
    calendars?;
    crate::output::social::write(site, tr, sink)?;
    step("data+feeds+search", t);
    let t = Instant::now();
    crate::output::sitemap::write(site, facts, sources, plan, sink)?;
    step("sitemap", t);
    let t = Instant::now();
    crate::output::headers::write(
        site.config.base_path(),
        theme.csp.as_deref(),
        &written(),
        sink,
    )?;
    step("headers", t);
    let t = Instant::now();
    crate::output::manifest::write(site, facts, &written(), sink)?;
    step("manifest", t);
    Ok(())
}
