//! A workshop registration as typed (`RegistrationInput`, every field a string so a
//! missing one becomes a field error, not a bare 400) and as parsed (`NewRegistration`).

use super::form::{FormErrors, check_length, clean_text};
use super::{Email, Phone};
use crate::content::workshops::Format;
use serde::Deserialize;

/// Access needs a registrant can ask for; each has a status staff set later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessNeed {
    /// Indonesian Sign Language interpreter.
    Bisindo,
    /// Signed Indonesian (SIBI) interpreter.
    Sibi,
    /// Live captions.
    Captions,
    /// A wheelchair space (its own pool of places).
    Wheelchair,
    /// A place for a companion or personal assistant.
    Companion,
    /// Materials in braille.
    Braille,
    /// Materials in large print.
    LargePrint,
    /// Easy-read materials.
    EasyRead,
    /// A quiet room.
    QuietRoom,
    /// Dietary needs (with detail).
    Dietary,
    /// Anything else (with detail).
    Other,
}

impl AccessNeed {
    /// Every need, in the order of the form.
    pub const ALL: [Self; 11] = [
        Self::Bisindo,
        Self::Sibi,
        Self::Captions,
        Self::Wheelchair,
        Self::Companion,
        Self::Braille,
        Self::LargePrint,
        Self::EasyRead,
        Self::QuietRoom,
        Self::Dietary,
        Self::Other,
    ];

    /// Stored value and form field suffix.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bisindo => "bisindo",
            Self::Sibi => "sibi",
            Self::Captions => "captions",
            Self::Wheelchair => "wheelchair",
            Self::Companion => "companion",
            Self::Braille => "braille",
            Self::LargePrint => "large-print",
            Self::EasyRead => "easy-read",
            Self::QuietRoom => "quiet-room",
            Self::Dietary => "dietary",
            Self::Other => "other",
        }
    }

    /// Parse a stored value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.as_str() == s)
    }

    /// The form field of this need's checkbox.
    pub fn field(self) -> &'static str {
        match self {
            Self::Bisindo => "need_bisindo",
            Self::Sibi => "need_sibi",
            Self::Captions => "need_captions",
            Self::Wheelchair => "need_wheelchair",
            Self::Companion => "need_companion",
            Self::Braille => "need_braille",
            Self::LargePrint => "need_large_print",
            Self::EasyRead => "need_easy_read",
            Self::QuietRoom => "need_quiet_room",
            Self::Dietary => "need_dietary",
            Self::Other => "need_other",
        }
    }

    /// Fluent id of its label.
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Bisindo => "need-bisindo",
            Self::Sibi => "need-sibi",
            Self::Captions => "need-captions",
            Self::Wheelchair => "need-wheelchair",
            Self::Companion => "need-companion",
            Self::Braille => "need-braille",
            Self::LargePrint => "need-large-print",
            Self::EasyRead => "need-easy-read",
            Self::QuietRoom => "need-quiet-room",
            Self::Dietary => "need-dietary",
            Self::Other => "need-other",
        }
    }
}

crate::closed_set! {
    /// Where a registration stands.
    pub enum RegistrationStatus {
        /// Has a place.
        Confirmed = "confirmed" => "staff-registration-confirmed",
        /// Waits for a place (first come, first served, per pool).
        Waitlisted = "waitlisted" => "staff-registration-waitlisted",
        /// Cancelled by the registrant.
        Cancelled = "cancelled" => "staff-registration-cancelled",
        /// Suspected spam: kept for staff, no place.
        Held = "held" => "staff-registration-held",
    }
}

crate::closed_set! {
    /// Where an access need stands (staff set it).
    pub enum NeedStatus {
        Requested = "requested" => "staff-need-requested",
        Arranged = "arranged" => "staff-need-arranged",
        NotPossible = "not-possible" => "staff-need-not-possible",
    }
}

impl NeedStatus {
    /// What the registrant reads about it on their status page.
    pub fn registrant_message_id(self) -> &'static str {
        match self {
            Self::Requested => "need-status-requested",
            Self::Arranged => "need-status-arranged",
            Self::NotPossible => "need-status-not-possible",
        }
    }
}

/// A stored registration.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Registration {
    pub id: i64,
    pub code: String,
    pub workshop: String,
    pub lang: String,
    /// `general` or `wheelchair`: which places it counts against.
    pub pool: String,
    #[sqlx(try_from = "String")]
    pub status: RegistrationStatus,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation: Option<String>,
    pub attendance: String,
    pub created_at: time::OffsetDateTime,
}

/// An access need of a registration and where it stands.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Need {
    pub need: String,
    pub detail: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: NeedStatus,
}

/// An access need of one registration, with its registration id (staff lists).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WorkshopNeed {
    pub registration_id: i64,
    pub need: String,
    pub detail: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: NeedStatus,
}

/// The registration form as posted. Unknown fields are ignored; missing ones are empty.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RegistrationInput {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub organisation: String,
    pub attendance: String,
    pub need_bisindo: String,
    pub need_sibi: String,
    pub need_captions: String,
    pub need_wheelchair: String,
    pub need_companion: String,
    pub need_braille: String,
    pub need_large_print: String,
    pub need_easy_read: String,
    pub need_quiet_room: String,
    pub need_dietary: String,
    pub dietary_detail: String,
    pub need_other: String,
    pub other_detail: String,
    pub consent: String,
    /// Honeypot: hidden from people and from autofill; a bot fills it.
    pub website: String,
    /// Signed moment the form was rendered (`{unix}.{signature}`).
    pub form_token: String,
    /// Random id of this rendering of the form, so a resend creates nothing twice.
    pub form_id: String,
    /// Set by the language switch button: show the form in the other language, keep input.
    pub switch_lang: String,
}

impl RegistrationInput {
    /// Whether the checkbox of `need` was ticked.
    pub fn has(&self, need: AccessNeed) -> bool {
        let v = match need {
            AccessNeed::Bisindo => &self.need_bisindo,
            AccessNeed::Sibi => &self.need_sibi,
            AccessNeed::Captions => &self.need_captions,
            AccessNeed::Wheelchair => &self.need_wheelchair,
            AccessNeed::Companion => &self.need_companion,
            AccessNeed::Braille => &self.need_braille,
            AccessNeed::LargePrint => &self.need_large_print,
            AccessNeed::EasyRead => &self.need_easy_read,
            AccessNeed::QuietRoom => &self.need_quiet_room,
            AccessNeed::Dietary => &self.need_dietary,
            AccessNeed::Other => &self.need_other,
        };
        !v.is_empty()
    }
}

/// The fields in the order the form shows them.
const FIELD_ORDER: [&str; 20] = [
    "name",
    "email",
    "phone",
    "organisation",
    "attendance",
    "need_bisindo",
    "need_sibi",
    "need_captions",
    "need_wheelchair",
    "need_companion",
    "need_braille",
    "need_large_print",
    "need_easy_read",
    "need_quiet_room",
    "need_dietary",
    "need_other",
    "dietary_detail",
    "other_detail",
    "consent",
    "website",
];

/// A checked registration, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRegistration {
    pub name: String,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub organisation: Option<String>,
    /// `in-person` or `online`.
    pub attendance: Format,
    /// Needs with their detail text (dietary and other).
    pub needs: Vec<(AccessNeed, Option<String>)>,
}

impl NewRegistration {
    /// True when the registrant needs a wheelchair space (the separate pool).
    pub fn wants_wheelchair_space(&self) -> bool {
        self.needs.iter().any(|(n, _)| *n == AccessNeed::Wheelchair)
    }

    /// Parse the form for a workshop of `format`; collect every problem.
    pub fn parse(
        input: &RegistrationInput,
        format: Format,
        has_wheelchair_spaces: bool,
    ) -> Result<Self, FormErrors> {
        let mut errors = FormErrors::default();
        // Each field has its own "too long" message, so the error summary says which.
        let mut text = |field: &'static str,
                        raw: &str,
                        max: usize,
                        required: Option<&'static str>,
                        too_long: &'static str| {
            let multiline = field.ends_with("_detail");
            match clean_text(raw, multiline) {
                Err(id) => errors.add(field, id),
                Ok(t) if t.is_empty() => {
                    if let Some(id) = required {
                        errors.add(field, id);
                    }
                }
                Ok(t) => match check_length(&t, max) {
                    Err(over) => {
                        errors.add_with(field, too_long, vec![("max", max as i64), ("over", over)])
                    }
                    Ok(()) => return Some(t),
                },
            }
            None
        };
        let name = text(
            "name",
            &input.name,
            100,
            Some("reg-error-name-required"),
            "reg-error-name-too-long",
        );
        let email_raw = text("email", &input.email, 254, None, "reg-error-email-too-long");
        let phone_raw = text("phone", &input.phone, 40, None, "reg-error-phone-invalid");
        let organisation = text(
            "organisation",
            &input.organisation,
            150,
            None,
            "reg-error-organisation-too-long",
        );
        let dietary = input
            .has(AccessNeed::Dietary)
            .then(|| {
                text(
                    "dietary_detail",
                    &input.dietary_detail,
                    300,
                    Some("reg-error-dietary-detail"),
                    "reg-error-dietary-too-long",
                )
            })
            .flatten();
        let other = input
            .has(AccessNeed::Other)
            .then(|| {
                text(
                    "other_detail",
                    &input.other_detail,
                    500,
                    Some("reg-error-other-detail"),
                    "reg-error-other-too-long",
                )
            })
            .flatten();

        let email = email_raw.as_deref().and_then(|e| {
            let parsed = Email::parse(e);
            if parsed.is_none() {
                errors.add("email", "reg-error-email-invalid");
            }
            parsed
        });
        let phone = phone_raw.as_deref().and_then(|p| {
            let parsed = Phone::parse(p);
            if parsed.is_none() {
                errors.add("phone", "reg-error-phone-invalid");
            }
            parsed
        });
        if email_raw.is_none()
            && phone_raw.is_none()
            && errors.get("email").is_none()
            && errors.get("phone").is_none()
        {
            errors.add("email", "reg-error-contact-required");
        }
        let attendance = match format {
            Format::Both => match Format::parse(&input.attendance) {
                Some(f @ (Format::InPerson | Format::Online)) => Some(f),
                _ => {
                    errors.add("attendance", "reg-error-attendance-required");
                    None
                }
            },
            other => Some(other),
        };
        let mut needs = Vec::new();
        for need in AccessNeed::ALL {
            if !input.has(need) {
                continue;
            }
            let detail = match need {
                AccessNeed::Dietary => dietary.clone(),
                AccessNeed::Other => other.clone(),
                _ => None,
            };
            needs.push((need, detail));
        }
        if input.has(AccessNeed::Wheelchair)
            && (!has_wheelchair_spaces || attendance == Some(Format::Online))
        {
            errors.add("need_wheelchair", "reg-error-wheelchair-online");
        }
        if input.consent.is_empty() {
            errors.add("consent", "reg-error-consent-required");
        }
        errors.order_by(&FIELD_ORDER);
        match (errors.is_empty(), name, attendance) {
            (true, Some(name), Some(attendance)) => Ok(Self {
                name,
                email,
                phone,
                organisation,
                attendance,
                needs,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> RegistrationInput {
        RegistrationInput {
            name: "Siti Rahma".into(),
            email: "siti@contoh.id".into(),
            consent: "yes".into(),
            ..RegistrationInput::default()
        }
    }

    #[test]
    fn a_valid_form_parses() {
        let r = NewRegistration::parse(&valid(), Format::InPerson, true).unwrap();
        assert_eq!(r.name, "Siti Rahma");
        assert_eq!(r.attendance, Format::InPerson);
    }

    #[test]
    fn every_error_is_collected_in_field_order() {
        let input = RegistrationInput {
            need_other: "on".into(),
            name: "x".repeat(101),
            ..RegistrationInput::default()
        };
        let errors = NewRegistration::parse(&input, Format::Both, true).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["name", "email", "attendance", "other_detail", "consent"]
        );
        assert_eq!(
            errors.get("name").unwrap().args,
            vec![("max", 100), ("over", 1)]
        );
    }

    #[test]
    fn hostile_text_is_refused_or_kept_as_text() {
        let mut input = valid();
        input.name = "Siti\u{202E}evil".into();
        assert_eq!(
            NewRegistration::parse(&input, Format::InPerson, true)
                .unwrap_err()
                .get("name")
                .unwrap()
                .message_id,
            "form-error-control-characters"
        );
        input.name = "<script>alert(1)</script>'; DROP TABLE x;--".into();
        assert_eq!(
            NewRegistration::parse(&input, Format::InPerson, true)
                .unwrap()
                .name,
            input.name
        );
    }

    #[test]
    fn wheelchair_space_is_for_people_who_come_in_person() {
        let mut input = valid();
        input.need_wheelchair = "on".into();
        input.attendance = "online".into();
        assert!(
            NewRegistration::parse(&input, Format::Both, true)
                .unwrap_err()
                .get("need_wheelchair")
                .is_some()
        );
        input.attendance = "in-person".into();
        assert!(
            NewRegistration::parse(&input, Format::Both, true)
                .unwrap()
                .wants_wheelchair_space()
        );
    }
}
