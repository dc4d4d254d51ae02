//! Fuzzes the loader and the checker only, without rendering: a run is far
//! cheaper than the `input` target's, so many more inputs get through.
//!
//! The fuzzer's bytes are split on NUL into up to four files of one
//! consultation: `consultation.toml`, an input, `decision.toml` and
//! `sablah.toml`; a missing part keeps a valid default. Every diagnostic is
//! then written the way `sablah check` writes it (human and JSON), which
//! runs the location and snippet code on whatever the fuzzer made.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sablah::model::Date;
use sablah::sources::SourceSet;

const CONFIG: &str = "[site]\nbase_url = \"https://x.example.gov.om\"\nlanguages = [\"ar\", \"en\"]\ntitle = { ar = \"ا\", en = \"T\" }\n[agency]\nid = \"x\"\nname = { ar = \"ا\", en = \"A\" }\ncontact = \"c@x.example.gov.om\"\nredress = { ar = \"ا\", en = \"R\" }\n[units.u]\nname = { ar = \"ا\", en = \"U\" }\n[privacy]\npersonal_data = \"warn\"\n";
const CONSULTATION: &str = "id = \"X-1\"\nstage = \"drafting\"\nunit = \"u\"\nopens = 2026-03-01\ncloses = 2026-03-31\ndecision_due = 2026-05-31\n[themes.t]\nlabel = { ar = \"ا\", en = \"T\" }\n";
const TEXT: &str = "+++\ntitle = \"T\"\nsummary = \"S\"\n+++\nBody";
const INPUT: &str = "+++\nreceived = 2026-03-05\nchannel = \"web\"\nlanguage = \"ar\"\nauthor = \"anonymous\"\nthemes = [\"t\"]\nmoderation = \"published\"\n+++\nنص";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.splitn(4, '\0');
    let consultation = parts.next().filter(|s| !s.is_empty()).unwrap_or(CONSULTATION);
    let input = parts.next().unwrap_or(INPUT);
    let decision = parts.next();
    let config = parts.next().unwrap_or(CONFIG);
    let mut files = vec![
        ("sablah.toml", config),
        ("content/consultations/c/consultation.toml", consultation),
        ("content/consultations/c/consultation.ar.md", TEXT),
        ("content/consultations/c/consultation.en.md", TEXT),
        ("content/consultations/c/inputs/i-1.md", input),
    ];
    if let Some(d) = decision {
        files.push(("content/consultations/c/decision.toml", d));
    }
    let sources = SourceSet::from_memory(&files);
    let (site, mut diags) = sablah::load::load(&sources);
    if let Some(site) = &site {
        diags.extend(sablah::check::check(site, &sources));
        let _ = sablah::derive::derive(site, Date::parse("2026-04-01").unwrap());
    }
    diags.sort(&sources);
    let mut human = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    diags.emit_human(&sources, &mut human).expect("writing to memory");
    let mut json = Vec::new();
    diags.emit_json(&sources, &mut json).expect("writing to memory");
    for line in json.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        serde_json::from_slice::<serde_json::Value>(line).expect("each line is a JSON object");
    }
});
