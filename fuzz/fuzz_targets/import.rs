//! Fuzzes `sablah import inputs` without touching a disk: the CSV decoder,
//! the dialect and date-form detection, the column mapping and the planner.
//!
//! The fuzzer's bytes are split at the first `\0MAP\0` into an export (raw
//! bytes, so the byte-order-mark and UTF-16 paths are reached; UTF-16 text
//! is full of NULs, hence the longer mark) and a `MAP.toml`.
//! Whatever the planner accepts must be something the loader accepts back:
//! every planned input file is loaded into the consultation and must give no
//! error, and every diagnostic is written as the command writes it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sablah::sources::{SourceFile, SourceSet};

const CONFIG: &str = "[site]\nbase_url = \"https://x.example.gov.om\"\nlanguages = [\"ar\", \"en\"]\ntitle = { ar = \"ا\", en = \"T\" }\n[agency]\nid = \"x\"\nname = { ar = \"ا\", en = \"A\" }\ncontact = \"c@x.example.gov.om\"\nredress = { ar = \"ا\", en = \"R\" }\n[units.u]\nname = { ar = \"ا\", en = \"U\" }\n[privacy]\npersonal_data = \"warn\"\n";
const CONSULTATION: &str = "id = \"X-1\"\nstage = \"drafting\"\nunit = \"u\"\nopens = 2026-03-01\ncloses = 2026-03-31\ndecision_due = 2026-05-31\nchannels = [\"web\", \"email\", \"social\"]\n[[questions]]\nid = \"q1\"\ntext = { ar = \"س\", en = \"What do you think of the tariff?\" }\n[themes.t]\nlabel = { ar = \"ا\", en = \"T\" }\n";
const TEXT: &str = "+++\ntitle = \"T\"\nsummary = \"S\"\n+++\nBody";
const EXISTING: &str = "+++\nreceived = 2026-03-05\nchannel = \"web\"\nlanguage = \"ar\"\nauthor = \"anonymous\"\nmoderation = \"published\"\n+++\nنص";

fn site(inputs: &[(String, String)]) -> SourceSet {
    let mut files: Vec<(String, String)> = vec![
        ("sablah.toml".into(), CONFIG.into()),
        ("content/consultations/c/consultation.toml".into(), CONSULTATION.into()),
        ("content/consultations/c/consultation.ar.md".into(), TEXT.into()),
        ("content/consultations/c/consultation.en.md".into(), TEXT.into()),
        ("content/consultations/c/inputs/i-1.md".into(), EXISTING.into()),
    ];
    for (id, text) in inputs {
        files.push((format!("content/consultations/c/inputs/{id}.md"), text.clone()));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    SourceSet::from_memory(&refs)
}

fn emit(sources: &SourceSet, diags: &sablah::diagnostics::Diagnostics) {
    let mut human = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    diags.emit_human(sources, &mut human).expect("writing to memory");
    let mut json = Vec::new();
    diags.emit_json(sources, &mut json).expect("writing to memory");
}

fuzz_target!(|data: &[u8]| {
    const MARK: &[u8] = b"\0MAP\0";
    let (csv_bytes, map) = match data.windows(MARK.len()).position(|w| w == MARK) {
        Some(i) => (&data[..i], std::str::from_utf8(&data[i + MARK.len()..]).ok()),
        None => (data, None),
    };
    let Ok(csv_text) = sablah::import::decode(csv_bytes) else { return };
    let base = site(&[]);
    let (Some(loaded), _) = sablah::load::load(&base) else {
        panic!("the fixed site loads")
    };
    let c = loaded.consultation("c").expect("the fixed consultation");
    let mut sources = SourceSet::from_memory(&[]);
    sources.files.push(SourceFile { path: "export.csv".into(), text: csv_text.into() });
    let map_id = map.map(|m| {
        sources.files.push(SourceFile { path: "map.toml".into(), text: m.to_string().into() });
        1
    });
    let mapping = match map_id {
        Some(id) => match sablah::import::mapping(&sources, id) {
            Ok(m) => m,
            Err(d) => return emit(&sources, &d),
        },
        None => sablah::import::Mapping::default(),
    };
    let languages = loaded.config.languages();
    let plan = sablah::import::plan(&sources, 0, c, &languages, &mapping, map_id, &["i-1".to_string()]);
    let plan = match plan {
        Ok(p) => p,
        Err(d) => return emit(&sources, &d),
    };
    assert_eq!(plan.skipped.len(), plan.skipped_why.len());
    let written: Vec<(String, String)> =
        plan.inputs.iter().map(|i| (i.id.clone(), i.text.clone())).collect();
    let back = site(&written);
    let (site, diags) = sablah::load::load(&back);
    if diags.has_errors() {
        let mut human = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        diags.emit_human(&back, &mut human).expect("writing to memory");
        panic!(
            "the importer planned files the loader refuses:\n{}",
            String::from_utf8_lossy(&human.into_inner())
        );
    }
    let site = site.expect("no errors, so a site");
    assert_eq!(site.consultation("c").map(|c| c.inputs.len()), Some(1 + written.len()));
});
