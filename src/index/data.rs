//! The index's files other than pages: the union `consultations.json` and
//! its schema, the figures (`agencies.json`, `agencies.csv`), the harvest
//! record, the Atom feeds, the calendar, the sitemap, the index folder's
//! `static/` files, and last the manifest over everything written.

use serde::Serialize;
use serde_json::{json, Value};

use crate::derive::Status;
use crate::model::{Date, Localized};
use crate::output::{FileRecord, Sink};
use crate::routes::{absolute_under, IndexRoute};

use super::config::{IndexConfig, Location};
use super::figures::{Figures, IndexFigures};
use super::model::Index;
use super::render::IndexTheme;

/// Entries in each Atom feed: the most recent.
pub const FEED_ENTRIES: usize = 200;

fn text(label: &Localized, lang: &str) -> String {
    label
        .get(lang)
        .or_else(|| label.values().next())
        .cloned()
        .unwrap_or_default()
}

/// The files that do not depend on the pages: the union and its schema,
/// the figures, the harvest record, the feeds and the calendar. Written
/// while the pages render (see `super::run`).
pub fn write_records(
    config: &IndexConfig,
    index: &Index,
    figures: &IndexFigures,
    theme: &IndexTheme,
    cache: &super::cache::Cache,
    sink: &dyn Sink,
) -> std::io::Result<()> {
    write_union(config, index, cache, sink)?;
    sink.write(
        &IndexRoute::Schema.file(),
        &serde_json::to_vec_pretty(&union_schema(config)).map_err(std::io::Error::other)?,
    )?;
    write_agencies(index, figures, sink)?;
    write_harvest(index, sink)?;
    for lang in config.languages() {
        write_feed(config, index, theme, &lang, sink)?;
    }
    write_calendar(config, index, theme, sink)
}

/// The sitemap and the manifest, over every file written before them.
pub fn write_listings(
    config: &IndexConfig,
    index: &Index,
    sink: &dyn Sink,
    written: &dyn Fn() -> Vec<FileRecord>,
) -> std::io::Result<()> {
    write_sitemap(config, &written(), sink)?;
    write_manifest(config, index, &written(), sink)
}

/// The union of every available agency's records, each with its
/// `agency` id and its copy's `harvested` date, written a record at a
/// time. The records are read back from the cached copies (the bytes in
/// use, stored by the harvest), a few agencies at a time in parallel, so
/// that they are never all in memory.
fn write_union(
    config: &IndexConfig,
    index: &Index,
    cache: &super::cache::Cache,
    sink: &dyn Sink,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let available: Vec<_> = index
        .agencies
        .iter()
        .filter_map(|a| Some((a, a.data.as_ref()?, a.harvested?)))
        .collect();
    // One agency's records as written in the union, newest first.
    let records = |a: &super::model::Agency, h: Date| -> std::io::Result<Vec<String>> {
        let path = cache.data_path(&a.id);
        let bytes = std::fs::read(&path)
            .map_err(|e| crate::diagnostics::io_at(e, "read the cached copy", &path))?;
        let mut doc: Value = serde_json::from_slice(&bytes).map_err(std::io::Error::other)?;
        let mut list = match doc.get_mut("consultations").map(Value::take) {
            Some(Value::Array(list)) => list,
            _ => Vec::new(),
        };
        let key = |c: &Value| {
            (
                std::cmp::Reverse(c["opens"].as_str().unwrap_or("").to_string()),
                c["id"].as_str().unwrap_or("").to_string(),
            )
        };
        list.sort_by_cached_key(key);
        Ok(list
            .into_iter()
            .map(|mut c| {
                if let Value::Object(o) = &mut c {
                    o.insert("agency".into(), Value::String(a.id.clone()));
                    o.insert("harvested".into(), Value::String(h.iso()));
                }
                c.to_string()
            })
            .collect())
    };
    sink.write_stream(&IndexRoute::ConsultationsJson.file(), &mut |w| {
        let head = json!({
            "$schema": absolute_under(config.base_url(), &IndexRoute::Schema.path()),
            "schema_version": "1.0",
            "generator": crate::output::data::generator(),
            "build_date": index.date.iso(),
            "index": {
                "base_url": config.base_url(),
                "title": config.index.title.get_ref(),
            },
        })
        .to_string();
        // The head object, without its closing brace, then the records.
        w.write_all(&head.as_bytes()[..head.len() - 1])?;
        w.write_all(b",\"consultations\":[\n")?;
        let mut first = true;
        for chunk in available.chunks(8) {
            let parts: Vec<std::io::Result<Vec<String>>> =
                chunk.par_iter().map(|(a, _, h)| records(a, *h)).collect();
            for part in parts {
                for r in part? {
                    if !first {
                        w.write_all(b",\n")?;
                    }
                    first = false;
                    w.write_all(r.as_bytes())?;
                }
            }
        }
        w.write_all(b"\n]}\n")
    })
}

/// The union's JSON Schema: the agency schema's records, each with
/// `agency` and `harvested`.
pub fn union_schema(config: &IndexConfig) -> Value {
    let agency: Value = serde_json::from_str(super::validate::SCHEMA).unwrap_or(Value::Null);
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute_under(config.base_url(), &IndexRoute::Schema.path()),
        "title": "Sablah national index: consultations.json",
        "description": "Every consultation of every agency of the national index, as each agency publishes it in its own /data/consultations.json (see the agency schema's descriptions), with the agency's id and the date the index harvested that agency's copy. Statuses are as of each agency's build date; the index's pages recompute them as of build_date.",
        "type": "object",
        "required": ["$schema", "schema_version", "generator", "build_date", "index", "consultations"],
        "properties": {
            "$schema": {"$ref": "#/$defs/url"},
            "schema_version": {"type": "string", "pattern": "^1\\.[0-9]+$"},
            "generator": {"type": "string"},
            "build_date": {"$ref": "#/$defs/date"},
            "index": {
                "type": "object",
                "required": ["base_url", "title"],
                "properties": {"base_url": {"$ref": "#/$defs/url"}, "title": {"$ref": "#/$defs/localized"}}
            },
            "consultations": {
                "type": "array",
                "description": "Sorted by agency id, then newest opening first.",
                "items": {
                    "allOf": [
                        {"$ref": "#/$defs/consultation"},
                        {
                            "type": "object",
                            "required": ["agency", "harvested"],
                            "properties": {
                                "agency": {"$ref": "#/$defs/key", "description": "The agency's id (data/agencies.json)."},
                                "harvested": {"$ref": "#/$defs/date", "description": "The date the index harvested the agency's copy in use."}
                            }
                        }
                    ]
                }
            }
        },
        "$defs": agency.get("$defs").cloned().unwrap_or(Value::Null),
    })
}

#[derive(Serialize)]
struct FigureOut<'a> {
    held: u64,
    open: u64,
    decided: u64,
    inputs_received: u64,
    inputs_withheld: u64,
    inputs_withheld_by_reason: &'a std::collections::BTreeMap<String, u64>,
    published_inputs_of_decided: u64,
    published_inputs_answered: u64,
    answered_percent: Option<u64>,
    median_days_to_decision: Option<f64>,
    decisions_on_time: u64,
    on_time_percent: Option<u64>,
    overdue_now: u64,
    overdue_days_total: u64,
    overdue_days_max: Option<u64>,
    milestones: u64,
    milestones_met: u64,
    milestones_late: u64,
}

fn out(f: &Figures) -> FigureOut<'_> {
    FigureOut {
        held: f.held,
        open: f.open,
        decided: f.decided,
        inputs_received: f.received,
        inputs_withheld: f.withheld,
        inputs_withheld_by_reason: &f.withheld_by_reason,
        published_inputs_of_decided: f.published,
        published_inputs_answered: f.answered,
        answered_percent: f.answered_percent(),
        median_days_to_decision: f.median_days(),
        decisions_on_time: f.on_time,
        on_time_percent: f.on_time_percent(),
        overdue_now: f.overdue,
        overdue_days_total: f.overdue_days_total,
        overdue_days_max: f.overdue_days_max,
        milestones: f.milestones,
        milestones_met: f.milestones_met,
        milestones_late: f.milestones_late,
    }
}

const DEFINITIONS: &[(&str, &str)] = &[
    ("held", "consultations opened on or before build_date, withdrawn ones included"),
    ("open", "consultations open on build_date"),
    ("decided", "consultations with a published decision"),
    ("inputs_received", "inputs received, over all consultations"),
    ("inputs_withheld", "inputs withheld, over all consultations (and by reason)"),
    ("published_inputs_of_decided", "published inputs of decided consultations: the denominator of answered_percent"),
    ("published_inputs_answered", "of those, inputs answered by at least one response"),
    ("answered_percent", "published_inputs_answered / published_inputs_of_decided, in percent, rounded down; null when the denominator is 0"),
    ("median_days_to_decision", "median of the days from closing to the decision, over decided consultations; null when none"),
    ("decisions_on_time", "decisions published on or before decision_due"),
    ("on_time_percent", "decisions_on_time / decided, in percent, rounded down; null when nothing is decided"),
    ("overdue_now", "consultations past decision_due with no decision on build_date"),
    ("overdue_days_total", "the days past decision_due of those, added up"),
    ("overdue_days_max", "the largest of those; null when none is overdue"),
    ("milestones", "implementation milestones of decided consultations"),
    ("milestones_met", "of those, marked met"),
    ("milestones_late", "of those, still scheduled and past their due date"),
];

fn location_fields(l: &Location) -> (Option<&str>, Option<&str>) {
    match l {
        Location::Url(u) => (Some(u.as_str()), None),
        Location::Path(p) => (None, Some(p.as_str())),
    }
}

fn write_agencies(index: &Index, figures: &IndexFigures, sink: &dyn Sink) -> std::io::Result<()> {
    let agencies: Vec<Value> = index
        .agencies
        .iter()
        .zip(&figures.agencies)
        .map(|(a, f)| {
            json!({
                "id": a.id,
                "name": a.data.as_ref().map(|d| &d.name),
                "status": a.status.as_str(),
                "harvested": a.harvested.map(|d| d.iso()),
                "figures": f.as_ref().map(|f| json!({
                    "all": out(&f.all),
                    "years": f.years.iter().map(|(y, fy)| (y.to_string(), serde_json::to_value(out(fy)).unwrap_or(Value::Null))).collect::<serde_json::Map<String, Value>>(),
                })),
            })
        })
        .collect();
    let doc = json!({
        "generator": crate::output::data::generator(),
        "build_date": index.date.iso(),
        "definitions": DEFINITIONS.iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string()))).collect::<serde_json::Map<String, Value>>(),
        "national": out(&figures.national),
        "agencies": agencies,
    });
    let mut bytes = serde_json::to_vec_pretty(&doc).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    sink.write(&IndexRoute::AgenciesJson.file(), &bytes)?;

    let mut csv = csv::Writer::from_writer(Vec::new());
    let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    let header = [
        "agency",
        "period",
        "status",
        "harvested",
        "held",
        "open",
        "decided",
        "inputs_received",
        "inputs_withheld",
        "published_inputs_of_decided",
        "published_inputs_answered",
        "answered_percent",
        "median_days_to_decision",
        "decisions_on_time",
        "on_time_percent",
        "overdue_now",
        "overdue_days_total",
        "overdue_days_max",
        "milestones",
        "milestones_met",
        "milestones_late",
    ];
    csv.write_record(header).map_err(std::io::Error::other)?;
    for (a, f) in index.agencies.iter().zip(&figures.agencies) {
        let Some(f) = f else { continue };
        let periods = f
            .years
            .iter()
            .map(|(y, fy)| (y.to_string(), fy))
            .chain(std::iter::once(("all".to_string(), &f.all)));
        for (period, fy) in periods {
            let row = [
                a.id.clone(),
                period,
                a.status.as_str().into(),
                a.harvested.map(|d| d.iso()).unwrap_or_default(),
                fy.held.to_string(),
                fy.open.to_string(),
                fy.decided.to_string(),
                fy.received.to_string(),
                fy.withheld.to_string(),
                fy.published.to_string(),
                fy.answered.to_string(),
                opt(fy.answered_percent()),
                fy.median_days().map(|m| m.to_string()).unwrap_or_default(),
                fy.on_time.to_string(),
                opt(fy.on_time_percent()),
                fy.overdue.to_string(),
                fy.overdue_days_total.to_string(),
                opt(fy.overdue_days_max),
                fy.milestones.to_string(),
                fy.milestones_met.to_string(),
                fy.milestones_late.to_string(),
            ];
            csv.write_record(&row).map_err(std::io::Error::other)?;
        }
    }
    let bytes = csv
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    sink.write(&IndexRoute::AgenciesCsv.file(), &bytes)
}

fn write_harvest(index: &Index, sink: &dyn Sink) -> std::io::Result<()> {
    let sources: Vec<Value> = index
        .agencies
        .iter()
        .map(|a| {
            let (url, path) = location_fields(&a.location);
            let mut o = serde_json::Map::new();
            o.insert("id".into(), json!(a.id));
            match (url, path) {
                (Some(u), _) => o.insert("url".into(), json!(u)),
                (_, p) => o.insert("path".into(), json!(p)),
            };
            o.insert("status".into(), json!(a.status.as_str()));
            o.insert("harvested".into(), json!(a.harvested.map(|d| d.iso())));
            o.insert("sha256".into(), json!(a.sha256));
            o.insert(
                "problem".into(),
                match &a.problem {
                    Some(p) => {
                        json!({"code": p.code.code(), "name": p.code.name(), "message": p.message})
                    }
                    None => Value::Null,
                },
            );
            Value::Object(o)
        })
        .collect();
    let doc = json!({
        "generator": crate::output::data::generator(),
        "build_date": index.date.iso(),
        "sources": sources,
    });
    let mut bytes = serde_json::to_vec_pretty(&doc).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    sink.write(&IndexRoute::Harvest.file(), &bytes)
}

fn host(config: &IndexConfig) -> String {
    let url = config.base_url();
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.split(':').next().unwrap_or(host).to_ascii_lowercase()
}

fn write_feed(
    config: &IndexConfig,
    index: &Index,
    theme: &IndexTheme,
    lang: &str,
    sink: &dyn Sink,
) -> std::io::Result<()> {
    use crate::output::feed::{escape, timestamp};
    let tr = &theme.tr;
    let today = index.date;
    // (date, kind, agency, record)
    let mut entries: Vec<(Date, &str, usize, usize)> = Vec::new();
    for (a, agency) in index.agencies.iter().enumerate() {
        let Some(d) = &agency.data else { continue };
        for (i, c) in d.consultations.iter().enumerate() {
            if c.opens <= today && c.withdrawn.is_none() {
                entries.push((c.opens, "opening", a, i));
            }
            if let Some(dec) = &c.decision {
                entries.push((dec.published, "decision", a, i));
            }
        }
    }
    entries.sort_by(|x, y| {
        y.0.cmp(&x.0)
            .then(x.2.cmp(&y.2))
            .then(x.3.cmp(&y.3))
            .then(x.1.cmp(y.1))
    });
    entries.truncate(FEED_ENTRIES);
    let host = host(config);
    let feed_url = absolute_under(
        config.base_url(),
        &IndexRoute::Feed { lang: lang.into() }.path(),
    );
    let home = absolute_under(
        config.base_url(),
        &IndexRoute::Home { lang: lang.into() }.path(),
    );
    let updated = entries.first().map(|e| e.0).unwrap_or(today);
    let mut x = String::with_capacity(4096 + entries.len() * 800);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n"
    ));
    x.push_str(&format!("<id>{}</id>\n", escape(&feed_url)));
    x.push_str(&format!(
        "<title>{}</title>\n",
        escape(&format!(
            "{} · {}",
            text(config.index.title.get_ref(), lang),
            tr.get(lang, "ix-feed-title", &[])
        ))
    ));
    x.push_str(&format!(
        "<updated>{}</updated>\n",
        timestamp(updated, chrono_tz::Asia::Muscat)
    ));
    x.push_str(&format!(
        "<author><name>{}</name></author>\n",
        escape(&text(config.index.operator.get_ref(), lang))
    ));
    x.push_str(&format!(
        "<link rel=\"self\" href=\"{}\"/>\n",
        escape(&feed_url)
    ));
    x.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&home)
    ));
    for (date, kind, a, i) in entries {
        let agency = &index.agencies[a];
        let c = &agency.data.as_ref().expect("listed").consultations[i];
        let title = text(&c.title, lang);
        let key = if kind == "opening" {
            "ix-feed-opening"
        } else {
            "ix-feed-decision"
        };
        let heading = tr.get(lang, key, &[("title", title.into())]);
        let agency_name = agency
            .data
            .as_ref()
            .map(|d| text(&d.name, lang))
            .unwrap_or_default();
        let link = c.page_url(lang).map(str::to_string).unwrap_or_else(|| {
            absolute_under(
                config.base_url(),
                &IndexRoute::Agency {
                    lang: lang.into(),
                    id: agency.id.clone(),
                }
                .path(),
            )
        });
        let summary = crate::output::calendar::plain(&text(&c.summary, lang));
        x.push_str("<entry>\n");
        x.push_str(&format!(
            "<id>tag:{host},{}:{}/{}/{kind}</id>\n",
            date.iso(),
            agency.id,
            crate::routes::encode_path(&c.slug)
        ));
        x.push_str(&format!("<title>{}</title>\n", escape(&heading)));
        x.push_str(&format!(
            "<updated>{}</updated>\n",
            timestamp(date, chrono_tz::Asia::Muscat)
        ));
        x.push_str(&format!(
            "<author><name>{}</name></author>\n",
            escape(&agency_name)
        ));
        x.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&link)
        ));
        x.push_str(&format!("<summary>{}</summary>\n", escape(&summary)));
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    sink.write(&IndexRoute::Feed { lang: lang.into() }.file(), x.as_bytes())
}

fn write_calendar(
    config: &IndexConfig,
    index: &Index,
    theme: &IndexTheme,
    sink: &dyn Sink,
) -> std::io::Result<()> {
    use crate::output::calendar::{escape, fold};
    let lang = &config.languages()[0];
    let tr = &theme.tr;
    let today = index.date;
    let host = host(config);
    let ymd = |d: Date| d.0.format("%Y%m%d").to_string();
    let mut out = String::new();
    let line = |l: String, out: &mut String| fold(&l, out);
    line("BEGIN:VCALENDAR".into(), &mut out);
    line("VERSION:2.0".into(), &mut out);
    line(
        format!(
            "PRODID:-//Sablah//{}//{}",
            env!("CARGO_PKG_VERSION"),
            lang.to_uppercase()
        ),
        &mut out,
    );
    line("CALSCALE:GREGORIAN".into(), &mut out);
    line(
        format!(
            "X-WR-CALNAME:{}",
            escape(&text(config.index.title.get_ref(), lang))
        ),
        &mut out,
    );
    for agency in &index.agencies {
        let Some(d) = &agency.data else { continue };
        for c in &d.consultations {
            let status = c.status(today);
            let title = text(&c.title, lang);
            let url = c.page_url(lang);
            let event = |kind: &str, start: Date, end: Date, summary: String, out: &mut String| {
                line("BEGIN:VEVENT".into(), out);
                line(format!("UID:{}-{}-{kind}@{host}", agency.id, c.slug), out);
                line(format!("DTSTAMP:{}T000000Z", ymd(today)), out);
                line(format!("DTSTART;VALUE=DATE:{}", ymd(start)), out);
                line(format!("DTEND;VALUE=DATE:{}", ymd(end)), out);
                line(format!("SUMMARY:{}", escape(&summary)), out);
                if let Some(u) = url {
                    line(format!("URL:{}", escape(u)), out);
                }
                line("END:VEVENT".into(), out);
            };
            if status == Status::Open {
                event(
                    "window",
                    c.opens,
                    c.closes.succ(),
                    tr.get(
                        lang,
                        "ix-calendar-window",
                        &[("title", title.clone().into())],
                    ),
                    &mut out,
                );
            }
            if c.decision.is_none() && c.withdrawn.is_none() {
                event(
                    "decision-due",
                    c.decision_due,
                    c.decision_due.succ(),
                    tr.get(lang, "ix-calendar-decision-due", &[("title", title.into())]),
                    &mut out,
                );
            }
        }
    }
    line("END:VCALENDAR".into(), &mut out);
    sink.write(&IndexRoute::Calendar.file(), out.as_bytes())
}

fn write_sitemap(
    config: &IndexConfig,
    files: &[FileRecord],
    sink: &dyn Sink,
) -> std::io::Result<()> {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for f in files {
        let Some(dir) = f.path.strip_suffix("index.html") else {
            continue;
        };
        x.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            crate::output::feed::escape(&absolute_under(config.base_url(), dir))
        ));
    }
    x.push_str("</urlset>\n");
    sink.write(&IndexRoute::Sitemap.file(), x.as_bytes())
}

fn write_manifest(
    config: &IndexConfig,
    index: &Index,
    files: &[FileRecord],
    sink: &dyn Sink,
) -> std::io::Result<()> {
    let listed = crate::output::manifest::listed(files);
    let sums = crate::output::manifest::checksums(&listed);
    sink.write(&IndexRoute::Checksums.file(), sums.as_bytes())?;
    let root = super::cache::sha256_hex(sums.as_bytes());
    // Field order as a site's manifest: generator first, which is how a
    // later run knows the folder is Sablah's (output::location).
    #[derive(Serialize)]
    struct Entry<'a> {
        path: &'a str,
        size: u64,
        sha256: String,
    }
    #[derive(Serialize)]
    struct Manifest<'a> {
        manifest_version: u32,
        generator: String,
        base_url: &'a str,
        build_date: String,
        algorithm: &'static str,
        root_sha256: String,
        root_method: &'static str,
        file_count: usize,
        total_bytes: u64,
        files: Vec<Entry<'a>>,
    }
    let doc = Manifest {
        manifest_version: crate::output::manifest::MANIFEST_VERSION,
        generator: crate::output::data::generator(),
        base_url: config.base_url(),
        build_date: index.date.iso(),
        algorithm: "sha256",
        root_sha256: root,
        root_method: "SHA-256 of data/SHA256SUMS, which lists every file below as sha256sum prints it (\"<sha256>  <path>\\n\"), sorted by path byte by byte; data/manifest.json and data/SHA256SUMS are the only files not listed",
        file_count: listed.len(),
        total_bytes: listed.iter().map(|f| f.size).sum::<u64>(),
        files: listed
            .iter()
            .map(|f| Entry {
                path: &f.path,
                size: f.size,
                sha256: f.sha256_hex(),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&doc).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    sink.write(&IndexRoute::Manifest.file(), &bytes)
}
