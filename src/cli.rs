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
use crate::progress::Progress;
use crate::scaffold;
use crate::serve::workspace::BuildDate;
use crate::serve::ServeOptions;

#[derive(Parser, Debug)]
#[command(
    name = "sablah",
    version,
    about = "Builds a bilingual public-consultation transparency site from Markdown and TOML"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Print more: the time each stage takes, each file that changed.
    #[arg(long, short, global = true, conflicts_with = "quiet")]
    verbose: bool,
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
    },
    /// Build the site in memory and serve it on 127.0.0.1, rebuilding what
    /// each change affects and reloading the open pages.
    Serve {
        #[arg(default_value = ".")]
        site: PathBuf,
        /// The port to listen on; the next free one is taken when it is in
        /// use, and 0 takes any free port.
        #[arg(long, short, default_value_t = crate::serve::DEFAULT_PORT)]
        port: u16,
        #[command(flatten)]
        date: DateArg,
    },
    /// Write a skeleton that `sablah check` accepts: a consultation or an input.
    New {
        #[command(subcommand)]
        what: New,
    },
    /// Bring inputs in from a form tool's or a social-media export.
    Import {
        #[command(subcommand)]
        what: Import,
    },
    /// Make a new site folder: sablah.toml, a moderation policy in both
    /// languages, and a sample consultation.
    Init {
        /// The folder to make; it must not exist or be empty.
        dir: PathBuf,
        /// Make a national index folder (index.toml over a sample agency
        /// site) instead of a site folder.
        #[arg(long)]
        index: bool,
        #[command(flatten)]
        date: DateArg,
    },
    /// Harvest agencies' open data (data/consultations.json) into the
    /// national index site. Exit status: 0 every source fresh or cached, 1
    /// some source failed (the index is still written, unless --strict), 2
    /// usage, index.toml or I/O failure (nothing written).
    Index {
        /// The index folder (the one holding index.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Where to write the index (default: `output` in index.toml, else `public`).
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        date: DateArg,
        /// Build from the harvest cache alone, fetching nothing.
        #[arg(long)]
        offline: bool,
        /// A source that fails means nothing is written.
        #[arg(long)]
        strict: bool,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(Subcommand, Debug)]
enum New {
    /// A consultation folder: consultation.toml (next free id, opening today)
    /// and one consultation.<lang>.md per language of the site.
    Consultation {
        /// Its folder name, which becomes its URL: lower-case letters, digits, hyphens.
        slug: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        #[command(flatten)]
        date: DateArg,
    },
    /// An input of a consultation, received today, with the next free id: the
    /// original, and a translation file for each other language of the site.
    Input {
        /// The consultation's slug (its folder name).
        consultation: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// The language the participant wrote in (default: the site's first).
        #[arg(long)]
        language: Option<String>,
        #[command(flatten)]
        date: DateArg,
    },
}

#[derive(Subcommand, Debug)]
enum Import {
    /// Turn each row of a CSV export into an input of CONSULTATION, with the
    /// next free id, moderation = "pending" and no name published. Rows
    /// imported before (same permalink, or same text and date) are skipped,
    /// so it can be run again on a growing export. Nothing is written when
    /// a row has a problem: every problem is reported.
    Inputs {
        /// The consultation's slug (its folder name).
        consultation: String,
        /// The export: UTF-8 CSV with a header row.
        file: PathBuf,
        /// A TOML file naming the export's columns ([columns] received =
        /// "…", text = "…", name = "…", source_url = "…", title = "…",
        /// language = "…", or a question id), and channel, platform,
        /// language, date_format for every row. Common exports need none.
        #[arg(long)]
        map: Option<PathBuf>,
        /// The site folder.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Say what would be imported, and write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
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
    Date::parse(s)
        .ok_or_else(|| format!("\"{s}\" is not a date: write YYYY-MM-DD, such as 2026-03-01"))
}

/// The build date when `--date` is not given: the date of
/// `SOURCE_DATE_EPOCH`, or of now, in the site's time zone (never the
/// machine's: a build server in UTC publishes what one in Muscat does).
fn default_date(site: &std::path::Path) -> Result<Date, String> {
    let zone = crate::config::site_zone(site);
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=\"{epoch}\" is not a number of seconds"))?;
        let dt = chrono::DateTime::from_timestamp(secs, 0)
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH={secs} is out of range"))?;
        return Ok(Date::at(dt, zone));
    }
    Ok(Date::today_in(zone))
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
    let Cli {
        command,
        quiet,
        verbose,
    } = cli;
    match command {
        Command::Check { site, date, format } => {
            let date = date.date.map(Ok).unwrap_or_else(|| default_date(&site))?;
            let mut outcome = build::check_site(&site, date).map_err(|e| e.to_string())?;
            if quiet {
                outcome
                    .diagnostics
                    .items
                    .retain(|d| d.severity == crate::diagnostics::Severity::Error);
            }
            report(&outcome.sources, &outcome.diagnostics, format);
            Ok(if outcome.diagnostics.has_errors() {
                1
            } else {
                0
            })
        }
        Command::Build {
            site,
            output,
            date,
            format,
        } => {
            let date = date.date.map(Ok).unwrap_or_else(|| default_date(&site))?;
            let options = BuildOptions {
                output,
                date,
                verbose,
            };
            // The bar would garble the stage timings that --verbose prints.
            let progress = if quiet || verbose {
                Progress::hidden()
            } else {
                Progress::for_terminal()
            };
            let outcome = build::build_site_with_progress(&site, &options, &progress);
            // Cleared before anything else is printed, however the build ended.
            progress.finish();
            let mut outcome = outcome.map_err(|e| e.to_string())?;
            print_problems(
                &outcome.sources,
                &mut outcome.diagnostics,
                &outcome.notes,
                quiet,
                format,
            );
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
        Command::Serve { site, port, date } => {
            // A date given, or fixed by SOURCE_DATE_EPOCH, stays; else the
            // site follows the calendar while it is served.
            let date = match date.date {
                Some(d) => BuildDate::Fixed(d),
                None if std::env::var_os("SOURCE_DATE_EPOCH").is_some() => {
                    BuildDate::Fixed(default_date(&site)?)
                }
                None => BuildDate::Today(crate::config::site_zone(&site)),
            };
            crate::serve::serve(ServeOptions {
                site: site.clone(),
                port,
                date,
                quiet,
                verbose,
            })
            .map_err(|e| format!("{}: {e}", site.display()))?;
            Ok(0)
        }
        Command::New { what } => {
            let (written, next) = match what {
                New::Consultation { slug, site, date } => {
                    let today = date.date.map(Ok).unwrap_or_else(|| default_date(&site))?;
                    let written = scaffold::new_consultation(&site, &slug, today)?;
                    (
                        written,
                        format!("write its texts, then add inputs with `sablah new input {slug}`"),
                    )
                }
                New::Input {
                    consultation,
                    site,
                    language,
                    date,
                } => {
                    let today = date.date.map(Ok).unwrap_or_else(|| default_date(&site))?;
                    let written =
                        scaffold::new_input(&site, &consultation, language.as_deref(), today)?;
                    (written, "paste the participant's words into the original, and the agency's translation into the other".into())
                }
            };
            created(&written, &next, quiet);
            Ok(0)
        }
        Command::Import {
            what:
                Import::Inputs {
                    consultation,
                    file,
                    map,
                    site,
                    dry_run,
                    format,
                },
        } => import_inputs(
            &site,
            &consultation,
            &file,
            map.as_deref(),
            dry_run,
            format,
            quiet,
        ),
        Command::Index {
            dir,
            output,
            date,
            offline,
            strict,
            format,
        } => {
            let date = date.date.map(Ok).unwrap_or_else(|| default_date(&dir))?;
            let options = crate::index::IndexOptions {
                output,
                date,
                offline,
                strict,
                verbose,
            };
            let mut outcome = crate::index::run(&dir, &options).map_err(|e| e.to_string())?;
            print_problems(
                &outcome.sources,
                &mut outcome.diagnostics,
                &outcome.notes,
                quiet,
                format,
            );
            let count = |s: crate::index::model::SourceStatus| {
                outcome.statuses.iter().filter(|(_, x)| *x == s).count()
            };
            use crate::index::model::SourceStatus as S;
            match &outcome.written {
                Some(w) => {
                    if !quiet {
                        eprintln!(
                            "indexed {} sources ({} fresh, {} cached, {} stale, {} failed): {} pages and {} other files into {} in {:.2} s",
                            outcome.statuses.len(),
                            count(S::Fresh),
                            count(S::Cached),
                            count(S::Stale),
                            count(S::Failed),
                            w.pages,
                            w.other_files,
                            w.output.display(),
                            w.seconds
                        );
                    }
                }
                None if outcome.config_failed => {
                    eprintln!("nothing was written: fix index.toml and run again (the previous index, if any, is untouched)");
                }
                None => {
                    eprintln!("nothing was written (--strict and a source failed): the previous index, if any, is untouched");
                    return Ok(2);
                }
            }
            Ok(outcome.exit_status())
        }
        Command::Init {
            dir,
            index: true,
            date,
        } => {
            let today = date.date.map(Ok).unwrap_or_else(|| default_date(&dir))?;
            let written = scaffold::init_index(&dir, today)?;
            created(
                &written,
                &format!(
                    "replace the placeholders in index.toml, list the agencies as [[sources]], then run `sablah index {}`",
                    dir.display()
                ),
                quiet,
            );
            Ok(0)
        }
        Command::Init { dir, date, .. } => {
            let today = date.date.map(Ok).unwrap_or_else(|| default_date(&dir))?;
            let written = scaffold::init(&dir, today)?;
            created(
                &written,
                &format!(
                    "replace the placeholders in sablah.toml, then preview with `sablah serve {}`",
                    dir.display()
                ),
                quiet,
            );
            Ok(0)
        }
    }
}

/// `sablah import inputs`: reads the export (and its map) at the edge,
/// plans in [`crate::import::plan`], and writes only a clean plan.
fn import_inputs(
    site: &std::path::Path,
    consultation: &str,
    file: &std::path::Path,
    map: Option<&std::path::Path>,
    dry_run: bool,
    format: Format,
    quiet: bool,
) -> Result<i32, String> {
    let folder = format!("content/consultations/{consultation}");
    let loaded = scaffold::site_with(site, &folder)?;
    let Some(c) = loaded.consultation(consultation) else {
        return Err(format!(
            "there is no consultation \"{consultation}\" in {}/content/consultations, or its consultation.toml has errors (run `sablah check`)",
            site.display()
        ));
    };
    let read = |p: &std::path::Path| {
        std::fs::read(p)
            .map_err(|e| format!("{}: {e}", p.display()))
            .and_then(|b| {
                String::from_utf8(b).map_err(|_| {
                    format!("{} is not UTF-8: export it again as UTF-8 CSV", p.display())
                })
            })
    };
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let csv_text = crate::import::decode(&bytes).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut sources = crate::sources::SourceSet::from_memory(&[]);
    sources.files.push(crate::sources::SourceFile {
        path: file.display().to_string(),
        text: csv_text.into(),
    });
    let map_id = match map {
        Some(m) => {
            sources.files.push(crate::sources::SourceFile {
                path: m.display().to_string(),
                text: read(m)?.into(),
            });
            Some(1)
        }
        None => None,
    };
    let mapping = match map_id {
        Some(id) => match crate::import::mapping(&sources, id) {
            Ok(m) => m,
            Err(d) => {
                report(&sources, &d, format);
                return Ok(1);
            }
        },
        None => crate::import::Mapping::default(),
    };
    let inputs_dir = site.join(&folder).join("inputs");
    let existing: Vec<String> = std::fs::read_dir(&inputs_dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.strip_suffix(".md")
                        .map(|s| s.split('.').next().unwrap_or(s).to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    let plan = match crate::import::plan(
        &sources,
        0,
        c,
        &loaded.config.languages(),
        &mapping,
        map_id,
        &existing,
    ) {
        Ok(p) => p,
        Err(d) => {
            report(&sources, &d, format);
            if !quiet {
                eprintln!("nothing was imported: fix the problems above and run the import again");
            }
            return Ok(1);
        }
    };
    let ids: Vec<&str> = plan.inputs.iter().map(|i| i.id.as_str()).collect();
    let span = match (ids.first(), ids.last()) {
        (Some(a), Some(b)) if a != b => format!(" ({a} to {b})"),
        (Some(a), _) => format!(" ({a})"),
        _ => String::new(),
    };
    if !quiet {
        if let Some(form) = &plan.date_form {
            eprintln!(
                "note: dates read in the form {form} (set date_format in the map if that is wrong)"
            );
        }
        for (line, why) in plan.skipped.iter().zip(&plan.skipped_why) {
            eprintln!("skipped line {line}: {why}");
        }
    }
    if dry_run {
        if !quiet {
            println!(
                "read {} row(s): would import {} input(s){span} into {folder}/inputs, and skip {} already imported",
                plan.rows,
                ids.len(),
                plan.skipped.len()
            );
        }
        return Ok(0);
    }
    crate::import::write(&inputs_dir, &plan).map_err(|e| e.to_string())?;
    if !quiet {
        println!(
            "read {} row(s): imported {} input(s){span} into {folder}/inputs, all pending moderation; skipped {} already imported",
            plan.rows,
            ids.len(),
            plan.skipped.len()
        );
        if !ids.is_empty() {
            println!("next: review each (moderation = \"published\" or \"withheld\" with a reason), give it its themes, then `sablah check`");
        }
    }
    Ok(0)
}

/// The problems of a build or an index run, and its notes (`--quiet`
/// keeps only the errors).
fn print_problems(
    sources: &crate::sources::SourceSet,
    diagnostics: &mut crate::diagnostics::Diagnostics,
    notes: &[String],
    quiet: bool,
    format: Format,
) {
    if quiet {
        diagnostics
            .items
            .retain(|d| d.severity == crate::diagnostics::Severity::Error);
    }
    if !quiet || diagnostics.has_errors() {
        report(sources, diagnostics, format);
    }
    for note in notes {
        eprintln!("warning: {note}");
    }
}

fn created(written: &[PathBuf], next: &str, quiet: bool) {
    if quiet {
        return;
    }
    for path in written {
        eprintln!("created {}", path.display());
    }
    eprintln!("next: {next}");
}

fn report(
    sources: &crate::sources::SourceSet,
    diags: &crate::diagnostics::Diagnostics,
    format: Format,
) {
    match format {
        Format::Human => {
            let choice = if std::io::stderr().is_terminal() {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            };
            let mut out = StandardStream::stderr(choice);
            let _ = diags.emit_human(sources, &mut out);
        }
        Format::Json => {
            let stdout = std::io::stdout();
            let _ = diags.emit_json(sources, &mut stdout.lock());
        }
    }
}
