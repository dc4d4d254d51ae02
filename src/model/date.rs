//! Calendar dates as the sources write them (TOML dates).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize};

/// A day, written `2026-03-01` in TOML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(y, m, d).map(Date)
    }
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(Date)
    }
    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).num_days()
    }
    pub fn iso(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }
    pub fn year(self) -> i32 {
        self.0.year()
    }
    pub fn month(self) -> u32 {
        self.0.month()
    }
    pub fn day(self) -> u32 {
        self.0.day()
    }
    pub fn succ(self) -> Date {
        Date(self.0.succ_opt().unwrap_or(self.0))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn to_date<E: serde::de::Error>(d: toml::value::Date) -> Result<Date, E> {
    Date::from_ymd(d.year as i32, d.month as u32, d.day as u32)
        .ok_or_else(|| E::custom(format!("{d} is not a day of the calendar")))
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)?;
        match (dt.date, dt.time) {
            (Some(date), None) => to_date(date),
            _ => Err(serde::de::Error::custom(format!(
                "expected a date such as 2026-03-01, found {dt}"
            ))),
        }
    }
}

/// When an input arrived: a date, or a date-time (its date is what counts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub date: Date,
    /// The date-time as written, when a time was given.
    pub datetime: Option<String>,
}

impl<'de> Deserialize<'de> for Received {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Received, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)?;
        match dt.date {
            Some(date) => Ok(Received {
                date: to_date(date)?,
                datetime: dt.time.map(|_| dt.to_string()),
            }),
            None => Err(serde::de::Error::custom(format!(
                "expected a date such as 2026-03-01 or a date-time such as 2026-03-01T10:30:00+04:00, found {dt}"
            ))),
        }
    }
}
