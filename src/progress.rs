//! A progress bar for long builds, shown only to a person at a terminal.
//!
//! The bar counts files as they reach the output [`Sink`]. It is drawn on
//! standard error when that is a terminal and the `CI` variable is unset;
//! piped, redirected or in CI it draws nothing, so logs stay clean. This
//! module does not decide when to be quiet: the command line does, with
//! [`Progress::for_terminal`] or [`Progress::hidden`].

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::Sink;
use crate::render::plan::{Owner, Plan};
use crate::sources::SourceSet;

/// A progress bar, or nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Shows nothing.
    pub fn hidden() -> Progress {
        Progress { bar: None }
    }

    /// A bar on standard error if it is a terminal outside CI, else nothing.
    pub fn for_terminal() -> Progress {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
        if ci || !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        Progress { bar: Some(bar) }
    }

    /// Shows that `what` is being done, for work that is not counted.
    pub fn spin(&self, what: &str) {
        if let Some(bar) = &self.bar {
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg}, {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_message(what.to_string());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    /// Starts counting files written, towards about `files`.
    pub fn start(&self, files: u64) {
        if let Some(bar) = &self.bar {
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} writing the site {bar:30} {pos}/{len} files, {elapsed}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_length(files.max(1));
            bar.set_position(0);
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// A sink that writes into `inner` and counts each file.
    pub fn sink<'a>(&'a self, inner: &'a dyn Sink) -> CountingSink<'a> {
        CountingSink {
            inner,
            bar: self.bar.as_ref(),
        }
    }
}

/// Counts what it passes on; see [`Progress::sink`].
pub struct CountingSink<'a> {
    inner: &'a dyn Sink,
    bar: Option<&'a ProgressBar>,
}

impl CountingSink<'_> {
    fn tick(&self) {
        if let Some(bar) = self.bar {
            bar.inc(1);
            // The length is an estimate: grow it rather than overflow.
            if bar.length().is_some_and(|len| bar.position() > len) {
                bar.set_length(bar.position());
            }
        }
    }
}

impl Sink for CountingSink<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.inner.write(path, bytes)?;
        self.tick();
        Ok(())
    }
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        self.inner.copy(path, from)?;
        self.tick();
        Ok(())
    }
    fn write_stream(
        &self,
        path: &str,
        body: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.inner.write_stream(path, body)?;
        self.tick();
        Ok(())
    }
}

/// About how many files a build writes: every page of the plan exactly,
/// the assets, and the machine-readable files roughly (each language's
/// feed and calendar, each consultation's, and the data files).
pub fn estimate_files(plan: &Plan, sources: &SourceSet) -> u64 {
    let consultations = plan
        .groups
        .iter()
        .filter(|g| matches!(g.owner, Owner::Consultation(_)))
        .count();
    let languages = plan
        .groups
        .iter()
        .filter(|g| matches!(g.owner, Owner::Language(_)))
        .count();
    (plan.page_count() + 1 + sources.assets.len() + (consultations + 1) * 2 * languages
        // a share image per consultation and language
        + consultations * languages
        + 12) as u64
}
