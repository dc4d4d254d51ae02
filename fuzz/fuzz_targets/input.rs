//! Fuzzes an input file (front matter and body) through the real loader,
//! checker, derivation and renderer, in memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sablah::model::Date;
use sablah::output::MemorySink;
use sablah::sources::SourceSet;

const CONFIG: &str = "[site]\nbase_url = \"https://x.example.gov.om\"\nlanguages = [\"ar\", \"en\"]\ntitle = { ar = \"ا\", en = \"T\" }\n[agency]\nid = \"x\"\nname = { ar = \"ا\", en = \"A\" }\ncontact = \"c@x.example.gov.om\"\nredress = { ar = \"ا\", en = \"R\" }\n[units.u]\nname = { ar = \"ا\", en = \"U\" }\n[privacy]\npersonal_data = \"warn\"\n";
const CONSULTATION: &str = "id = \"X-1\"\nstage = \"drafting\"\nunit = \"u\"\nopens = 2026-03-01\ncloses = 2026-03-31\ndecision_due = 2026-05-31\n[themes.t]\nlabel = { ar = \"ا\", en = \"T\" }\n";
const TEXT: &str = "+++\ntitle = \"T\"\nsummary = \"S\"\n+++\nBody";

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let sources = SourceSet::from_memory(&[
        ("sablah.toml", CONFIG),
        ("content/consultations/c/consultation.toml", CONSULTATION),
        ("content/consultations/c/consultation.ar.md", TEXT),
        ("content/consultations/c/consultation.en.md", TEXT),
        ("content/consultations/c/inputs/i-1.md", input),
        ("content/consultations/c/inputs/i-1.en.md", input),
    ]);
    let (site, _) = sablah::load::load(&sources);
    let Some(site) = site else { return };
    let _ = sablah::check::check(&site, &sources);
    let date = Date::parse("2026-04-01").unwrap();
    let facts = sablah::derive::derive(&site, date);
    // The theme (templates parsed, strings loaded) is the same every run.
    static THEME: std::sync::OnceLock<sablah::render::theme::Theme> = std::sync::OnceLock::new();
    let theme = THEME.get_or_init(|| {
        sablah::render::theme::Theme::load(&sources, &site.config.languages(), site.config.site.digits, None)
            .unwrap_or_else(|_| panic!("the default theme loads"))
    });
    let sink = MemorySink::default();
    // Rendering may refuse (a template error is a diagnostic), never panic.
    let plan = sablah::render::plan::plan(&site, &facts);
    let _ = sablah::pipeline::render(&site, &facts, &sources, theme, &plan, &|_| true, &|_, files| {
        sablah::pipeline::write_files(&sink, files)
    });
    // Citizens' text never carries a script into a page.
    for (path, bytes) in sink.files.lock().unwrap().iter() {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            assert!(!html.contains("<script"), "script in {path}");
        }
    }
});
