//! Search over the published text of a site, with no server: the index is
//! built here, with the site, and read by the search page's script.
//!
//! [`normalize`] and [`stem`] turn text into terms (Arabic folded and
//! lightly stemmed, English stemmed); [`index`] builds each language's
//! index from the model and the derived facts (never from the HTML) and
//! writes it, sharded, through the output [`Sink`](crate::output::Sink).

pub mod index;
pub mod normalize;
mod snowball;
pub mod stem;
