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

/// The time zone of a site that names none (content format 1.1).
pub const DEFAULT_TIME_ZONE: chrono_tz::Tz = chrono_tz::Asia::Muscat;

/// Reads an IANA time-zone name (`Asia/Muscat`).
pub fn time_zone(name: &str) -> Option<chrono_tz::Tz> {
    name.parse().ok()
}

impl Date {
    /// The date at `instant` in `zone`.
    pub fn at(instant: chrono::DateTime<chrono::Utc>, zone: chrono_tz::Tz) -> Date {
        Date(instant.with_timezone(&zone).date_naive())
    }
    /// Today in `zone`, whatever the machine's own time zone.
    pub fn today_in(zone: chrono_tz::Tz) -> Date {
        Date::at(chrono::Utc::now(), zone)
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

/// When a consultation opens or closes (content format 1.1): a day, or a
/// date-time. A local date-time is in the site's time zone; one with an
/// offset is converted into it when the site is loaded
/// ([`Moment::in_zone`]), so that `date` is always the day in the site's
/// zone, the day the status rule counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    /// The day, in the site's time zone.
    pub date: Date,
    /// The time of day in the site's time zone, when one was given.
    pub time: Option<chrono::NaiveTime>,
    /// The offset as written (`+01:00`), before conversion; `None` for a
    /// day or a local date-time.
    offset: Option<chrono::FixedOffset>,
}

impl Moment {
    pub fn day(date: Date) -> Moment {
        Moment {
            date,
            time: None,
            offset: None,
        }
    }

    /// Moves a date-time written with an offset into the zone `tz`.
    pub fn in_zone(&self, tz: chrono_tz::Tz) -> Moment {
        use chrono::TimeZone;
        let (Some(offset), Some(time)) = (self.offset, self.time) else {
            return self.clone();
        };
        let Some(at) = offset
            .from_local_datetime(&self.date.0.and_time(time))
            .single()
        else {
            return self.clone();
        };
        let local = at.with_timezone(&tz).naive_local();
        Moment {
            date: Date(local.date()),
            time: Some(local.time()),
            offset: None,
        }
    }

    /// The instant in UTC, in the zone `tz`: the end of the day for a day
    /// without a time when `end_of_day`, else its start.
    pub fn utc(&self, tz: chrono_tz::Tz, end_of_day: bool) -> chrono::DateTime<chrono::Utc> {
        use chrono::TimeZone;
        let time = self.time.unwrap_or(if end_of_day {
            chrono::NaiveTime::from_hms_opt(23, 59, 59).expect("a time of day")
        } else {
            chrono::NaiveTime::MIN
        });
        let naive = self.date.0.and_time(time);
        match self.offset {
            Some(o) => o
                .from_local_datetime(&naive)
                .single()
                .map(|d| d.with_timezone(&chrono::Utc)),
            None => tz
                .from_local_datetime(&naive)
                .earliest()
                .map(|d| d.with_timezone(&chrono::Utc)),
        }
        .unwrap_or_else(|| chrono::Utc.from_utc_datetime(&naive))
    }

    /// `HH:MM`, when a time was given.
    pub fn hhmm(&self) -> Option<String> {
        self.time.map(|t| t.format("%H:%M").to_string())
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Moment, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)?;
        let Some(date) = dt.date else {
            return Err(serde::de::Error::custom(format!(
                "expected a date such as 2026-03-31 or a date-time such as 2026-03-31T23:59:00, found {dt}"
            )));
        };
        let date = to_date(date)?;
        let time = match dt.time {
            Some(t) => Some(
                chrono::NaiveTime::from_hms_nano_opt(
                    t.hour as u32,
                    t.minute as u32,
                    t.second.unwrap_or(0) as u32,
                    t.nanosecond.unwrap_or(0),
                )
                .ok_or_else(|| serde::de::Error::custom(format!("{t} is not a time of day")))?,
            ),
            None => None,
        };
        let offset = match dt.offset {
            None => None,
            Some(toml::value::Offset::Z) => chrono::FixedOffset::east_opt(0),
            Some(toml::value::Offset::Custom { minutes }) => Some(
                chrono::FixedOffset::east_opt(minutes as i32 * 60).ok_or_else(|| {
                    serde::de::Error::custom(format!("{minutes} minutes is not a time-zone offset"))
                })?,
            ),
        };
        Ok(Moment { date, time, offset })
    }
}

/// Orders ids as people read them: digits by their value, so `gh-90`
/// comes before `gh-207` and `i-9` before `i-10`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let db = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (na, nb) = (&a[..da], &b[..db]);
                let ta = na.iter().skip_while(|c| **c == b'0').count();
                let tb = nb.iter().skip_while(|c| **c == b'0').count();
                let ord = ta
                    .cmp(&tb)
                    .then_with(|| na[da - ta..].cmp(&nb[db - tb..]))
                    .then_with(|| da.cmp(&db));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_the_value_of_their_numbers() {
        let mut ids = vec!["gh-207", "gh-90", "i-10", "i-9", "i-009", "a", "gh-1000"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            ids,
            ["a", "gh-90", "gh-207", "gh-1000", "i-9", "i-009", "i-10"]
        );
    }

    #[test]
    fn an_offset_date_time_moves_into_the_site_zone() {
        let m: Moment = toml::from_str::<toml::Table>("c = 2016-06-17T23:45:00+01:00").unwrap()
            ["c"]
            .clone()
            .try_into()
            .unwrap();
        let muscat = m.in_zone(chrono_tz::Asia::Muscat);
        assert_eq!(muscat.date, Date::parse("2016-06-18").unwrap());
        assert_eq!(muscat.hhmm().as_deref(), Some("02:45"));
        let london = m.in_zone(chrono_tz::Europe::London);
        assert_eq!(london.date, Date::parse("2016-06-17").unwrap());
        assert_eq!(london.hhmm().as_deref(), Some("23:45"));
        assert_eq!(
            m.utc(chrono_tz::Asia::Muscat, true).to_rfc3339(),
            "2016-06-17T22:45:00+00:00"
        );
        let local: Moment = toml::from_str::<toml::Table>("c = 2026-03-31T23:59:00").unwrap()["c"]
            .clone()
            .try_into()
            .unwrap();
        assert_eq!(local.in_zone(chrono_tz::Asia::Muscat), local);
        assert_eq!(
            local.utc(chrono_tz::Asia::Muscat, true).to_rfc3339(),
            "2026-03-31T19:59:00+00:00"
        );
    }
}
