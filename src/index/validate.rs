//! Whether harvested bytes are an agency's `consultations.json`: JSON, a
//! `schema_version` of major 1, valid against the JSON Schema that agency
//! sites publish (`schemas/consultations.schema.json`, compiled in), the
//! agency id the source is listed under, unique consultation ids; and,
//! with `verify = true`, the SHA-256 the manifest beside it gives.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostics::Code;

use super::harvest::Problem;
use super::model::{is_http, AgencyData, SourceDoc};

/// The schema agency sites publish at `/data/consultations.schema.json`.
pub const SCHEMA: &str = include_str!("../../schemas/consultations.schema.json");

/// How many schema errors a diagnostic quotes.
const SHOWN_ERRORS: usize = 3;

pub struct Validator {
    schema: jsonschema::Validator,
}

impl Default for Validator {
    fn default() -> Self {
        Validator::new()
    }
}

impl Validator {
    pub fn new() -> Validator {
        let schema: Value = serde_json::from_str(SCHEMA).expect("the built-in schema is JSON");
        Validator {
            schema: jsonschema::validator_for(&schema).expect("the built-in schema compiles"),
        }
    }

    /// Checks the bytes of source `id` and reads them into the model.
    /// `schema`: run the JSON Schema (skipped for bytes identical to a copy
    /// that passed it before).
    pub fn check(&self, id: &str, bytes: &[u8], schema: bool) -> Result<AgencyData, Problem> {
        let value: Value = serde_json::from_slice(bytes).map_err(|e| {
            let start = bytes
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                .copied()
                .unwrap_or(b' ');
            let what = if start == b'<' {
                "an HTML page, not JSON".to_string()
            } else {
                format!("not JSON ({e})")
            };
            Problem::new(
                Code::SourceNotJson,
                format!("the source is {what}"),
                "the url or path must name the agency's data/consultations.json; a page usually means the site shows an error or moved",
            )
        })?;
        match value.get("schema_version").and_then(Value::as_str) {
            Some(v) if v.split('.').next() != Some("1") => {
                return Err(Problem::new(
                    Code::SourceVersion,
                    format!("the source has schema_version \"{}\"; this index reads major version 1", clip(v)),
                    "a newer major version changes fields: upgrade sablah to a version that reads it, or ask the agency to publish version 1 beside it",
                ))
            }
            _ => {}
        }
        let errors: Vec<String> = if !schema {
            Vec::new()
        } else {
            self.schema
                .iter_errors(&value)
                .take(SHOWN_ERRORS + 1)
                .map(|e| {
                    let path = e.instance_path().to_string();
                    format!(
                        "at {}: {}",
                        if path.is_empty() {
                            "/".into()
                        } else {
                            clip(&path)
                        },
                        clip(&e.masked().to_string())
                    )
                })
                .collect()
        };
        if !errors.is_empty() {
            let more = if errors.len() > SHOWN_ERRORS {
                "; …"
            } else {
                ""
            };
            return Err(Problem::new(
                Code::SourceSchema,
                format!(
                    "the source does not follow the consultations.json schema: {}{more}",
                    errors[..errors.len().min(SHOWN_ERRORS)].join("; ")
                ),
                "the agency's site must be built by a generator that writes schema 1.x (sablah build does); tell its web team what the message says",
            ));
        }
        let doc: SourceDoc = serde_json::from_value(value).map_err(|e| {
            Problem::new(
                Code::SourceSchema,
                format!(
                    "the source cannot be read as consultations.json: {}",
                    clip(&e.to_string())
                ),
                "tell the agency's web team what the message says",
            )
        })?;
        if doc.agency.id != id {
            return Err(Problem::new(
                Code::AgencyMismatch,
                format!(
                    "the data is agency \"{}\"'s, but index.toml lists it as \"{id}\"",
                    clip(&doc.agency.id)
                ),
                format!(
                    "if the url or path is right, set id = \"{}\" in index.toml; else correct the url or path",
                    clip(&doc.agency.id)
                ),
            ));
        }
        let mut seen = BTreeSet::new();
        for c in &doc.consultations {
            if !seen.insert(c.id.as_str()) {
                return Err(Problem::new(
                    Code::DuplicateConsultation,
                    format!(
                        "the source lists the consultation id \"{}\" twice",
                        clip(&c.id)
                    ),
                    "consultation ids are unique within an agency: tell its web team",
                ));
            }
            if c.agency.is_some() || c.harvested.is_some() {
                return Err(Problem::new(
                    Code::SourceSchema,
                    format!("the consultation \"{}\" sets `agency` or `harvested`, which only the index may set", clip(&c.id)),
                    "tell the agency's web team: these fields are not part of the agency format",
                ));
            }
        }
        // The records in the order the index shows them, newest first.
        let mut consultations = doc.consultations;
        consultations.sort_by(|x, y| y.opens.cmp(&x.opens).then_with(|| x.id.cmp(&y.id)));
        Ok(AgencyData {
            name: doc.agency.name,
            contact: doc.agency.contact,
            redress: doc.agency.redress,
            site_title: doc.site.title,
            home: doc
                .site
                .home
                .into_iter()
                .filter(|(_, u)| is_http(u))
                .collect(),
            build_date: doc.build_date,
            consultations,
        })
    }
}

/// Checks `bytes` against the manifest beside them: its entry for
/// `data/consultations.json` must give their SHA-256.
pub fn check_manifest(bytes: &[u8], manifest: &[u8]) -> Result<(), Problem> {
    let help = "the data changed after the site was built, or the copy was altered on the way: ask the agency to rebuild its site, and do not trust this copy";
    let manifest: Value = serde_json::from_slice(manifest).map_err(|_| {
        Problem::new(
            Code::ManifestMismatch,
            "the manifest beside the source is not JSON",
            "with verify = true the agency's data/manifest.json must be published beside consultations.json",
        )
    })?;
    let listed = manifest
        .get("files")
        .and_then(Value::as_array)
        .and_then(|files| {
            files.iter().find(|f| {
                f.get("path").and_then(Value::as_str) == Some(crate::routes::CONSULTATIONS_JSON)
            })
        })
        .and_then(|f| f.get("sha256"))
        .and_then(Value::as_str)
        .ok_or_else(|| {
            Problem::new(
                Code::ManifestMismatch,
                "the manifest does not list data/consultations.json",
                help,
            )
        })?;
    let actual = super::cache::sha256_hex(bytes);
    if listed != actual {
        return Err(Problem::new(
            Code::ManifestMismatch,
            format!(
                "the source's SHA-256 is {actual}, but its manifest gives {}",
                clip(listed)
            ),
            help,
        ));
    }
    Ok(())
}

/// An untrusted text cut to a length a message can quote, without
/// control characters.
pub fn clip(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(120).collect();
    if s.chars().count() > 120 {
        out.push('…');
    }
    out
}
