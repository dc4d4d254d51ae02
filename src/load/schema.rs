//! Which keys each table of each source file takes, for "did you mean"
//! suggestions and for saying where a misplaced key belongs.
//!
//! The keys are not listed by hand: each table's keys are read from the
//! model's own `Deserialize` implementation (serde hands every struct's
//! field names to the deserializer), so a key added to the model is known
//! here at once. What is listed here is only where each struct sits: which
//! file, which table path, and how to name that place in a message.

use std::any::TypeId;
use std::sync::OnceLock;

use serde::de::{self, DeserializeOwned, Visitor};

use crate::config::{Agency, Config, Legal, Privacy, SiteSettings, SocialAccount, Topic, Unit};
use crate::model::{
    Change, ConsultationFront, ConsultationMeta, DecisionMeta, Document, InputMeta, Milestone,
    Participation, Question, Reply, Response, SocialPost, Theme, TimelineEvent, TitleFront,
    Withdrawn,
};
use crate::toml_doc::Seg;

/// A step of a table's path: a named key, any key of a map, any array index.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    Key(&'static str),
    AnyKey,
    AnyIndex,
}

/// One table of one kind of file.
#[derive(Debug)]
pub struct Table {
    /// The type of the whole document this table is in.
    pub doc: TypeId,
    pub path: &'static [Step],
    /// How to name this place in a message.
    pub place: &'static str,
    pub keys: &'static [&'static str],
}

impl Table {
    fn matches(&self, doc: TypeId, path: &[Seg]) -> bool {
        self.doc == doc
            && self.path.len() == path.len()
            && self
                .path
                .iter()
                .zip(path)
                .all(|(step, seg)| match (step, seg) {
                    (Step::Key(k), Seg::Key(s)) => k == s,
                    (Step::AnyKey, Seg::Key(_)) => true,
                    (Step::AnyIndex, Seg::Index(_)) => true,
                    _ => false,
                })
    }
}

/// Every table of the content format.
pub fn tables() -> &'static [Table] {
    static TABLES: OnceLock<Vec<Table>> = OnceLock::new();
    TABLES.get_or_init(|| {
        use Step::*;
        fn t<D: 'static, T: DeserializeOwned>(path: &'static [Step], place: &'static str) -> Table {
            Table {
                doc: TypeId::of::<D>(),
                path,
                place,
                keys: fields_of::<T>(),
            }
        }
        vec![
            t::<Config, Config>(&[], "the top of sablah.toml"),
            t::<Config, SiteSettings>(&[Key("site")], "[site] in sablah.toml"),
            t::<Config, Agency>(&[Key("agency")], "[agency] in sablah.toml"),
            t::<Config, Unit>(
                &[Key("units"), AnyKey],
                "a [units.<key>] table in sablah.toml",
            ),
            t::<Config, Topic>(
                &[Key("topics"), AnyKey],
                "a [topics.<key>] table in sablah.toml",
            ),
            t::<Config, Legal>(&[Key("legal")], "[legal] in sablah.toml"),
            t::<Config, Privacy>(&[Key("privacy")], "[privacy] in sablah.toml"),
            t::<Config, Participation>(
                &[Key("participation"), AnyIndex],
                "a [[participation]] entry of sablah.toml",
            ),
            t::<Config, SocialAccount>(
                &[Key("social"), AnyIndex],
                "a [[social]] entry of sablah.toml",
            ),
            t::<ConsultationMeta, ConsultationMeta>(&[], "consultation.toml"),
            t::<ConsultationMeta, Withdrawn>(
                &[Key("withdrawn")],
                "[withdrawn] in consultation.toml",
            ),
            t::<ConsultationMeta, Question>(
                &[Key("questions"), AnyIndex],
                "a [[questions]] entry of consultation.toml",
            ),
            t::<ConsultationMeta, Theme>(
                &[Key("themes"), AnyKey],
                "a [themes.<key>] table of consultation.toml",
            ),
            t::<ConsultationMeta, TimelineEvent>(
                &[Key("timeline"), AnyIndex],
                "a [[timeline]] entry of consultation.toml",
            ),
            t::<ConsultationMeta, Document>(
                &[Key("documents"), AnyIndex],
                "a [[documents]] entry of consultation.toml",
            ),
            t::<ConsultationMeta, Change>(
                &[Key("changes"), AnyIndex],
                "a [[changes]] entry of consultation.toml",
            ),
            t::<ConsultationMeta, Participation>(
                &[Key("participation"), AnyIndex],
                "a [[participation]] entry of consultation.toml",
            ),
            t::<ConsultationMeta, SocialPost>(
                &[Key("social_posts"), AnyIndex],
                "a [[social_posts]] entry of consultation.toml",
            ),
            t::<ConsultationFront, ConsultationFront>(
                &[],
                "the front matter of consultation.<lang>.md",
            ),
            t::<InputMeta, InputMeta>(&[], "the front matter of an input (inputs/<id>.md)"),
            t::<DecisionMeta, DecisionMeta>(&[], "decision.toml"),
            t::<DecisionMeta, Response>(
                &[Key("responses"), AnyIndex],
                "a [[responses]] entry of decision.toml",
            ),
            t::<DecisionMeta, Milestone>(
                &[Key("implementation"), AnyIndex],
                "an [[implementation]] entry of decision.toml",
            ),
            t::<DecisionMeta, Document>(
                &[Key("documents"), AnyIndex],
                "a [[documents]] entry of decision.toml",
            ),
            t::<DecisionMeta, Reply>(
                &[Key("replies"), AnyIndex],
                "a [[replies]] entry of decision.toml",
            ),
            t::<TitleFront, TitleFront>(&[], "the front matter of a page or of decision.<lang>.md"),
        ]
    })
}

/// The table of document type `D` at `path`, if the format defines one.
pub fn table<D: 'static>(path: &[Seg]) -> Option<&'static Table> {
    let doc = TypeId::of::<D>();
    tables().iter().find(|t| t.matches(doc, path))
}

/// Whether the format has a schema for document type `D`.
pub fn knows<D: 'static>() -> bool {
    let doc = TypeId::of::<D>();
    tables().iter().any(|t| t.doc == doc)
}

/// The places where `key` is a key, other than `except`.
pub fn places_of(key: &str, except: Option<&Table>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = tables()
        .iter()
        .filter(|t| except.map(|e| !std::ptr::eq(*t, e)).unwrap_or(true))
        .filter(|t| t.keys.contains(&key))
        .map(|t| t.place)
        .collect();
    out.dedup();
    out
}

/// The field names of the struct `T`, as its `Deserialize` gives them.
fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Recorder(&mut fields));
    fields
}

/// A deserializer that records the field names it is asked for and stops.
struct Recorder<'a>(&'a mut &'static [&'static str]);

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stop")
    }
}
impl std::error::Error for Stop {}
impl de::Error for Stop {
    fn custom<M: std::fmt::Display>(_: M) -> Stop {
        Stop
    }
}

impl<'de> de::Deserializer<'de> for Recorder<'_> {
    type Error = Stop;
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        *self.0 = fields;
        Err(Stop)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_the_model() {
        let input = table::<InputMeta>(&[]).unwrap();
        assert!(input.keys.contains(&"channel"));
        assert!(input.keys.contains(&"organisation"));
        let response =
            table::<DecisionMeta>(&[Seg::Key("responses".into()), Seg::Index(3)]).unwrap();
        assert!(response.keys.contains(&"result"));
        assert!(table::<DecisionMeta>(&[Seg::Key("nothing".into())]).is_none());
        // Every table has keys: a struct whose fields could not be read
        // would make every key of it unknown.
        for t in tables() {
            assert!(!t.keys.is_empty(), "{}", t.place);
        }
    }

    #[test]
    fn a_key_is_found_where_it_belongs() {
        let consultation = table::<ConsultationMeta>(&[]).unwrap();
        assert_eq!(
            places_of("organisation", Some(consultation)),
            vec!["the front matter of an input (inputs/<id>.md)"]
        );
        let decision = table::<DecisionMeta>(&[]).unwrap();
        assert_eq!(places_of("unit", Some(decision)), vec!["consultation.toml"]);
    }
}
