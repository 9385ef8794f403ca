//! Civil dates in UTC, both ways: the days of the failure history shown as
//! `YYYY-MM-DD`, and the HTTP dates a server may give in `Retry-After`. Written out
//! (Howard Hinnant's algorithms) rather than taken from a date crate: these two are
//! all the checks need.

use super::history::DAY;

/// A day since the epoch as `YYYY-MM-DD` (proleptic Gregorian, UTC).
pub fn date(day: u64) -> String {
    // civil_from_days, for days on or after 1970-01-01.
    let z = day + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The days from 1970-01-01 to a civil date on or after it (days_from_civil).
fn days_from_civil(year: u64, month: u64, day: u64) -> Option<u64> {
    let y = if month <= 2 {
        year.checked_sub(1)?
    } else {
        year
    };
    let era = y / 400;
    let yoe = y % 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe).checked_sub(719_468)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An HTTP date in the IMF-fixdate form every server sends since RFC 7231
/// (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7), in seconds since the epoch;
/// `None` for anything else, the obsolete RFC 850 and asctime forms included.
pub fn parse_http_date(text: &str) -> Option<u64> {
    let (weekday, rest) = text.trim().split_once(", ")?;
    let mut fields = rest.split(' ');
    let (day, month, year, time, zone) = (
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
    );
    if weekday.len() != 3 || zone != "GMT" || fields.next().is_some() {
        return None;
    }
    let number = |digits: &str, len: usize| {
        (digits.len() == len && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<u64>().ok())
            .flatten()
    };
    let day = number(day, 2).filter(|d| (1..=31).contains(d))?;
    let month = MONTHS.iter().position(|m| *m == month)? as u64 + 1;
    let year = number(year, 4)?;
    let mut clock = time.split(':');
    let (h, m, s) = (clock.next()?, clock.next()?, clock.next()?);
    let (h, m, s) = (number(h, 2)?, number(m, 2)?, number(s, 2)?);
    if clock.next().is_some() || h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day)? * DAY + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(11_016), "2000-02-29");
        assert_eq!(date(20_423), "2025-12-01");
    }

    #[test]
    fn civil_days_invert_dates() {
        for day in [0, 59, 60, 11_016, 20_423, 100_000] {
            let text = date(day);
            let parts: Vec<u64> = text.split('-').map(|p| p.parse().unwrap()).collect();
            assert_eq!(days_from_civil(parts[0], parts[1], parts[2]), Some(day));
        }
    }

    #[test]
    fn http_dates_are_read_in_the_imf_fixdate_form_only() {
        // RFC 9110's example: 784,111,777 s after the epoch.
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_http_date("Mon, 01 Dec 2025 00:00:00 GMT"),
            Some(20_423 * DAY)
        );
        assert_eq!(
            parse_http_date("Thu, 29 Feb 2024 23:59:59 GMT"),
            Some(19_782 * DAY + DAY - 1)
        );
        for other in [
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1969 08:49:37 GMT",
            "120",
            "",
        ] {
            assert_eq!(parse_http_date(other), None, "{other}");
        }
    }
}
