//! T-PROP-1: properties of the domain types over generated input (256 cases each by
//! default; `PROPTEST_CASES=10000 cargo test` for the long run).

use super::access_key::AccessKey;
use super::form::{check_length, clean_text};
use super::report::{Answers, find_personal_data};
use super::{Code, Email, Phone};
use proptest::prelude::*;
use secrecy::SecretString;

proptest! {
    #[test]
    fn codes_survive_display_and_sloppy_typing(_seed in any::<u64>(), lower in any::<bool>(), sep in prop::sample::select(vec!["-", " ", "", "  "])) {
        let code = Code::generate().unwrap();
        let mut shown = code.to_string().replace('-', sep);
        if lower { shown = shown.to_lowercase(); }
        prop_assert_eq!(Code::parse(&shown), Some(code.clone()));
        // Normalising twice changes nothing.
        prop_assert_eq!(Code::parse(code.as_str()), Some(code));
    }

    #[test]
    fn anything_else_is_not_a_code(s in "\\PC{0,40}") {
        if let Some(c) = Code::parse(&s) {
            prop_assert_eq!(c.as_str().len(), 9);
            prop_assert!(c.as_str().bytes().all(|b| b"23456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b)));
        }
    }

    #[test]
    fn access_keys_round_trip(draft in "[0-9a-f]{32}") {
        let secret: SecretString = "p".repeat(40).into();
        let key = AccessKey::derive(&secret, &draft);
        let shown = key.to_string();
        prop_assert_eq!(AccessKey::parse(&shown), Some(key.clone()));
        prop_assert_eq!(AccessKey::parse(&shown.to_lowercase().replace(' ', "-")), Some(key));
    }

    #[test]
    fn emails_and_phones_normalise_once(s in "\\PC{0,60}") {
        if let Some(e) = Email::parse(&s) {
            prop_assert_eq!(Email::parse(e.as_str()).map(|x| x.as_str().to_owned()), Some(e.as_str().to_owned()));
        }
        if let Some(p) = Phone::parse(&s) {
            prop_assert_eq!(Phone::parse(p.as_str()).map(|x| x.as_str().to_owned()), Some(p.as_str().to_owned()));
        }
    }

    #[test]
    fn length_limits_count_characters_not_bytes(s in "[\\u{0}-\\u{10FFFF}]{0,300}", max in 0usize..300) {
        let n = s.chars().count();
        match check_length(&s, max) {
            Ok(()) => prop_assert!(n <= max),
            Err(over) => prop_assert_eq!(usize::try_from(over).unwrap(), n - max),
        }
    }

    #[test]
    fn cleaned_text_has_no_controls_or_overrides(s in "\\PC{0,80}|[\\u{0}-\\u{2030}]{0,80}", multiline in any::<bool>()) {
        if let Ok(t) = clean_text(&s, multiline) {
            let is_override = |c: char| ('\u{202A}'..='\u{202E}').contains(&c);
            let overrides = t.chars().any(is_override);
            prop_assert!(!overrides);
            prop_assert!(t.chars().all(|c| !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t'))));
            prop_assert_eq!(clean_text(&t, multiline), Ok(t.clone()), "idempotent");
        }
    }

    #[test]
    fn personal_data_search_and_dates_never_panic(s in "\\PC{0,200}", d in "\\PC{0,6}", m in "\\PC{0,6}", y in "\\PC{0,6}") {
        let _ = find_personal_data(&s);
        let a = Answers { day: d, month: m, year: y, ..Answers::default() };
        let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
        if let Ok(date) = a.date(today) {
            prop_assert!(date <= today && date.year() >= 1945);
        }
    }

    #[test]
    fn every_nik_is_found(nik in "[1-9][0-9]{15}", before in "[a-z ]{0,20}", after in "[a-z ]{0,20}") {
        let text = format!("{before} {nik} {after}");
        prop_assert!(find_personal_data(&text).iter().any(|f| f.text == nik));
    }
}
