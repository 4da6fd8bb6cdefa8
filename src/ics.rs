//! iCalendar (RFC 5545) files for workshops: one event with its own time zone, so a
//! calendar shows the time in WIB, WITA or WIT correctly wherever the reader is.

use crate::content::Workshop;
use time::OffsetDateTime;

/// Escape text for a property value (backslash, semicolon, comma, newline).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Fold a content line at 75 octets, never inside a character.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

fn local(t: OffsetDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The calendar file for `w`; `url` is the workshop page's absolute address (from
/// `BALAI_PUBLIC_URL`), which DESCRIPTION carries.
pub fn workshop(w: &Workshop, url: &str, stamp: OffsetDateTime) -> String {
    let zone = w.zone;
    let offset = format!("+{:02}00", zone.hours());
    let start = w.start.to_offset(zone.offset());
    let end = w.end.to_offset(zone.offset());
    let location = match (&w.venue, &w.address) {
        (Some(v), Some(a)) => format!("{v}, {a}"),
        _ => w.online_note.clone().unwrap_or_default(),
    };
    let stamp = stamp.to_offset(time::UtcOffset::UTC);
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Balai//Workshops//ID".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", zone.iana()),
        "BEGIN:STANDARD".to_owned(),
        "DTSTART:19700101T000000".to_owned(),
        format!("TZOFFSETFROM:{offset}"),
        format!("TZOFFSETTO:{offset}"),
        format!("TZNAME:{}", zone.label()),
        "END:STANDARD".to_owned(),
        "END:VTIMEZONE".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@balai", w.slug),
        format!("DTSTAMP:{}Z", local(stamp)),
        format!("DTSTART;TZID={}:{}", zone.iana(), local(start)),
        format!("DTEND;TZID={}:{}", zone.iana(), local(end)),
        format!("SUMMARY:{}", escape(&w.title)),
        format!("DESCRIPTION:{}", escape(&format!("{}\n\n{url}", w.summary))),
        format!("LOCATION:{}", escape(&location)),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "é".repeat(60)), &mut out);
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(60))
        );
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }
}
