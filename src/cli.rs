//! The command-line surface: every command and flag, and nothing else.
//!
//! Exit status: 0 when the content is clean (warnings allowed), 1 when it
//! has errors, 2 for usage or I/O failures (clap exits with 2 on bad usage).

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use crate::build::{self, BuildOptions};
use crate::model::Date;

#[derive(Parser, Debug)]
#[command(name = "sablah", version, about = "Builds a bilingual public-consultation transparency site from Markdown and TOML")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check a site's sources and report every problem, without writing anything.
    Check {
        /// The site folder (the one holding sablah.toml).
        #[arg(default_value = ".")]
        site: PathBuf,
        #[command(flatten)]
        date: DateArg,
        /// How to print diagnostics: for people, or one JSON object per line.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Check the sources, then write the site.
    Build {
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Where to write the site (default: `output` in sablah.toml, else `public`).
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        date: DateArg,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
        /// Print the time each stage takes.
        #[arg(long, short)]
        verbose: bool,
    },
}

#[derive(clap::Args, Debug)]
struct DateArg {
    /// The build date, YYYY-MM-DD: statuses are computed "as of" it.
    /// Default: SOURCE_DATE_EPOCH when set, else today.
    #[arg(long, value_parser = parse_date)]
    date: Option<Date>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("\"{s}\" is not a date: write YYYY-MM-DD, such as 2026-03-01"))
}

/// The build date when `--date` is not given.
fn default_date() -> Result<Date, String> {
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=\"{epoch}\" is not a number of seconds"))?;
        let dt = chrono::DateTime::from_timestamp(secs, 0)
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH={secs} is out of range"))?;
        return Ok(Date(dt.date_naive()));
    }
    Ok(Date(chrono::Local::now().date_naive()))
}

pub fn main() -> i32 {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            2
        }
    }
}

fn run(cli: Cli) -> Result<i32, String> {
    match cli.command {
        Command::Check { site, date, format } => {
            let date = date.date.map(Ok).unwrap_or_else(default_date)?;
            let outcome = build::check_site(&site, date).map_err(|e| format!("{}: {e}", site.display()))?;
            report(&outcome.sources, &outcome.diagnostics, format);
            Ok(if outcome.diagnostics.has_errors() { 1 } else { 0 })
        }
        Command::Build { site, output, date, format, quiet, verbose } => {
            let date = date.date.map(Ok).unwrap_or_else(default_date)?;
            let options = BuildOptions {
                output,
                date,
                verbose: verbose && !quiet,
            };
            let outcome = build::build_site(&site, &options).map_err(|e| format!("{}: {e}", site.display()))?;
            if !quiet || outcome.diagnostics.has_errors() {
                report(&outcome.sources, &outcome.diagnostics, format);
            }
            match &outcome.written {
                Some(w) => {
                    if !quiet {
                        eprintln!(
                            "built {} pages and {} other files into {} in {:.2} s",
                            w.pages,
                            w.other_files,
                            w.output.display(),
                            w.seconds
                        );
                    }
                    Ok(0)
                }
                None => {
                    eprintln!("nothing was written: fix the errors above and build again (the previous site, if any, is untouched)");
                    Ok(1)
                }
            }
        }
    }
}

fn report(sources: &crate::sources::SourceSet, diags: &crate::diagnostics::Diagnostics, format: Format) {
    match format {
        Format::Human => {
            let choice = if std::io::stderr().is_terminal() { ColorChoice::Auto } else { ColorChoice::Never };
            let mut out = StandardStream::stderr(choice);
            let _ = diags.emit_human(sources, &mut out);
        }
        Format::Json => {
            let stdout = std::io::stdout();
            let _ = diags.emit_json(sources, &mut stdout.lock());
        }
    }
}
