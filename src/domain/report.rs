//! A report as typed, step by step (`Answers`, the draft: every field a string, kept
//! even when wrong so nothing typed is lost) and as parsed (`NewReport`, only built when
//! every step is right). Each step has its own check, which names the fields in error.

use super::form::{FormErrors, check_length, clean_text};
use super::{Email, Phone};
use crate::content::ContentStore;
use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// Longest title, in characters.
pub const TITLE_MAX: usize = 150;
/// Longest description, in characters.
pub const DESCRIPTION_MAX: usize = 4000;
/// Longest place description, relationship, name; in characters.
pub const SHORT_MAX: usize = 200;
/// Longest photo description (its alt text).
pub const PHOTO_DESCRIPTION_MAX: usize = 300;
/// Most photos on one report.
pub const MAX_PHOTOS: usize = 5;
/// Most a draft's answers may take when stored (JSON bytes): every field at its limit in
/// four-byte characters fits several times over; a draft of megabytes is an attack.
pub const DRAFT_MAX_BYTES: usize = 64 * 1024;
/// Earliest year a report may be about.
pub const EARLIEST_YEAR: i32 = 1945;

crate::closed_set! {
    /// What kind of report.
    pub enum Kind {
        /// Pengaduan.
        Complaint = "complaint" => "report-kind-complaint",
        /// Aspirasi.
        Aspiration = "aspiration" => "report-kind-aspiration",
        /// Permintaan informasi.
        Information = "information" => "report-kind-information",
    }
}

impl Kind {
    /// The Fluent id of the hint under its name on the form.
    pub fn hint_message_id(self) -> &'static str {
        match self {
            Self::Complaint => "report-kind-complaint-hint",
            Self::Aspiration => "report-kind-aspiration-hint",
            Self::Information => "report-kind-information-hint",
        }
    }
}

crate::closed_set! {
    /// Who may see a report (every level, safest last: the form lists them all, none
    /// behind a link).
    pub enum Privacy {
        /// The report is published once verified; the name is not.
        Public = "public" => "report-privacy-public",
        /// Published once verified; the name is hidden from the public and from the agency.
        Anonymous = "anonymous" => "report-privacy-anonymous",
        /// Nothing is published.
        Confidential = "confidential" => "report-privacy-confidential",
    }
}

impl Privacy {
    /// The Fluent id of the hint under its name on the form.
    pub fn hint_message_id(self) -> &'static str {
        match self {
            Self::Public => "report-privacy-public-hint",
            Self::Anonymous => "report-privacy-anonymous-hint",
            Self::Confidential => "report-privacy-confidential-hint",
        }
    }
}

crate::closed_set! {
    /// The channel a report came by (issue #19): the web form, a partner system through
    /// the API (its name is the partner's, `reports.partner_id`), or the assisted-intake
    /// desk, where staff file it for a citizen who came in person, phoned, wrote a letter
    /// or wrote on social media.
    pub enum Channel {
        /// Balai's own web form.
        Web = "web" => "channel-web",
        /// A partner system, through the API.
        Partner = "partner" => "channel-partner",
        /// The desk: the citizen came in person.
        WalkIn = "walk_in" => "channel-walk-in",
        /// The desk: the citizen phoned.
        Phone = "phone" => "channel-phone",
        /// The desk: the citizen wrote a letter.
        Letter = "letter" => "channel-letter",
        /// The desk: the citizen wrote on social media.
        SocialMedia = "social_media" => "channel-social-media",
    }
}

impl Channel {
    /// The channels staff choose from at the assisted-intake desk.
    pub const DESK: [Self; 4] = [Self::WalkIn, Self::Phone, Self::Letter, Self::SocialMedia];

    /// Whether reports of this channel are filed by staff at the desk.
    pub fn is_desk(self) -> bool {
        Self::DESK.contains(&self)
    }
}

/// The steps of the form, in order. `PersonalData` appears only when the text looks
/// like it holds personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Kind,
    Details,
    PersonalData,
    Province,
    Place,
    Date,
    Agency,
    Photos,
    Privacy,
    About,
    Check,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Self; 11] = [
        Self::Kind,
        Self::Details,
        Self::PersonalData,
        Self::Province,
        Self::Place,
        Self::Date,
        Self::Agency,
        Self::Photos,
        Self::Privacy,
        Self::About,
        Self::Check,
    ];

    /// Its URL segment under `/reports/new/`.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Kind => "kind",
            Self::Details => "details",
            Self::PersonalData => "personal-data",
            Self::Province => "province",
            Self::Place => "place",
            Self::Date => "date",
            Self::Agency => "agency",
            Self::Photos => "photos",
            Self::Privacy => "privacy",
            Self::About => "about-you",
            Self::Check => "check",
        }
    }

    /// The step with this URL segment.
    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == s)
    }

    /// The step before (for the Back link); the personal-data step is skipped unless needed.
    pub fn previous(self, answers: &Answers) -> Option<Self> {
        let i = Self::ALL.iter().position(|s| *s == self)?;
        let mut prev = Self::ALL.get(i.checked_sub(1)?).copied()?;
        if prev == Self::PersonalData && answers.personal_data_findings().is_empty() {
            prev = Self::Details;
        }
        Some(prev)
    }

    /// The step after this one.
    pub fn next(self) -> Option<Self> {
        let i = Self::ALL.iter().position(|s| *s == self)?;
        Self::ALL.get(i + 1).copied()
    }

    /// Fluent id of the step's question (its `h1`).
    pub fn title_id(self) -> &'static str {
        match self {
            Self::Kind => "report-step-kind",
            Self::Details => "report-step-details",
            Self::PersonalData => "report-step-personal-data",
            Self::Province => "report-step-province",
            Self::Place => "report-step-place",
            Self::Date => "report-step-date",
            Self::Agency => "report-step-agency",
            Self::Photos => "report-step-photos",
            Self::Privacy => "report-step-privacy",
            Self::About => "report-step-about",
            Self::Check => "report-step-check",
        }
    }

    /// The fields this step posts, in page order (the error summary follows it).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Self::Kind => &["kind"],
            Self::Details => &["title", "description", "category"],
            Self::PersonalData => &["personal_data_choice"],
            Self::Province => &["province"],
            Self::Place => &["regency", "place"],
            Self::Date => &["day", "month", "year"],
            Self::Agency => &["agency"],
            Self::Photos => &["photo", "photo_description"],
            Self::Privacy => &["privacy"],
            Self::About => &[
                "name",
                "email",
                "notify",
                "phone",
                "behalf",
                "relationship",
                "other_agreed",
                "consent",
            ],
            Self::Check => &[],
        }
    }
}

/// The draft: what was typed at each step, valid or not. Serialised as JSON in the
/// database; unknown or missing fields default, so old drafts keep loading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    pub kind: String,
    pub title: String,
    pub description: String,
    /// The language of the page the title and description were last written on.
    pub text_lang: String,
    pub category: String,
    /// `edit` or `keep`, the answer to the personal-data warning.
    pub personal_data_choice: String,
    /// Fingerprint of the text the person chose to keep as it is.
    pub personal_data_kept: String,
    pub province: String,
    pub regency: String,
    pub place: String,
    pub day: String,
    pub month: String,
    pub year: String,
    pub agency: String,
    pub privacy: String,
    pub name: String,
    pub email: String,
    /// `yes`: tell me by email when my report changes (only with an email address).
    pub notify: String,
    pub phone: String,
    /// `self` or `other`.
    pub behalf: String,
    pub relationship: String,
    pub other_agreed: String,
    pub consent: String,
    /// The honeypot was filled on some step: held for staff as possible spam.
    pub honeypot: bool,
}

/// What one step's form sends: every field any step may post, each a string (a
/// missing field is an empty answer, never a bare 400).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StepInput {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub personal_data_choice: String,
    pub province: String,
    pub regency: String,
    pub place: String,
    pub day: String,
    pub month: String,
    pub year: String,
    pub agency: String,
    pub privacy: String,
    pub name: String,
    pub email: String,
    pub notify: String,
    pub phone: String,
    pub behalf: String,
    pub relationship: String,
    pub other_agreed: String,
    pub consent: String,
    /// Honeypot.
    pub website: String,
    /// Set by the language switch: save and show the step in that language.
    pub switch_lang: String,
    /// `check` when the step was reached from "check your answers".
    #[serde(rename = "return")]
    pub return_to: String,
}

impl Answers {
    /// Whether the answers are too large to store (see [`DRAFT_MAX_BYTES`]).
    pub fn too_large_to_store(&self) -> bool {
        serde_json::to_vec(self).map_or(true, |json| json.len() > DRAFT_MAX_BYTES)
    }

    /// Copy what `step` posts from `input` into the draft (nothing else changes).
    pub fn take(&mut self, step: Step, input: StepInput) {
        if !input.website.is_empty() {
            self.honeypot = true;
        }
        match step {
            Step::Kind => self.kind = input.kind,
            Step::Details => {
                self.title = input.title;
                self.description = input.description;
                self.category = input.category;
            }
            Step::PersonalData => self.personal_data_choice = input.personal_data_choice,
            Step::Province => {
                if self.province != input.province {
                    // A regency of the old province would no longer fit.
                    self.regency.clear();
                }
                self.province = input.province;
            }
            Step::Place => {
                self.regency = input.regency;
                self.place = input.place;
            }
            Step::Date => {
                self.day = input.day;
                self.month = input.month;
                self.year = input.year;
            }
            Step::Agency => self.agency = input.agency,
            Step::Privacy => self.privacy = input.privacy,
            Step::About => {
                self.name = input.name;
                self.email = input.email;
                self.notify = input.notify;
                self.phone = input.phone;
                self.behalf = input.behalf;
                self.relationship = input.relationship;
                self.other_agreed = input.other_agreed;
                self.consent = input.consent;
            }
            Step::Photos | Step::Check => {}
        }
    }

    /// What in the title and description looks like personal data.
    pub fn personal_data_findings(&self) -> Vec<Finding> {
        let mut found = find_personal_data(&self.title);
        found.extend(find_personal_data(&self.description));
        found
    }

    /// A fingerprint of the title and description, to know whether the text the person
    /// chose to keep is still the text of the draft.
    pub fn text_fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(self.title.as_bytes());
        h.update([0]);
        h.update(self.description.as_bytes());
        hex::encode(&h.finalize()[..12])
    }

    /// True when the text looks like it holds personal data and the person has not
    /// (for this very text) chosen to keep it.
    pub fn needs_personal_data_warning(&self) -> bool {
        !self.personal_data_findings().is_empty()
            && self.personal_data_kept != self.text_fingerprint()
    }

    /// Check one step's answers.
    pub fn check_step(&self, step: Step, content: &ContentStore, today: Date) -> FormErrors {
        let mut e = FormErrors::default();
        match step {
            Step::Kind => {
                if Kind::parse(&self.kind).is_none() {
                    e.add("kind", "report-error-kind");
                }
            }
            Step::Details => {
                text_field(
                    &mut e,
                    "title",
                    &self.title,
                    TITLE_MAX,
                    false,
                    "report-error-title-missing",
                    "report-error-title-long",
                );
                text_field(
                    &mut e,
                    "description",
                    &self.description,
                    DESCRIPTION_MAX,
                    true,
                    "report-error-description-missing",
                    "report-error-description-long",
                );
                if content.taxonomy.category(&self.category).is_none() {
                    e.add("category", "report-error-category");
                }
            }
            Step::PersonalData => {
                if !matches!(self.personal_data_choice.as_str(), "edit" | "keep") {
                    e.add("personal_data_choice", "report-error-personal-data-choice");
                }
            }
            Step::Province => {
                if content.areas.province(&self.province).is_none() {
                    e.add("province", "report-error-province");
                }
            }
            Step::Place => {
                if !content.areas.regency_in(&self.regency, &self.province) {
                    e.add("regency", "report-error-regency");
                }
                optional_text(
                    &mut e,
                    "place",
                    &self.place,
                    SHORT_MAX,
                    false,
                    "report-error-place-long",
                );
            }
            Step::Date => {
                if let Err(field_error) = self.date(today) {
                    let (field, id) = field_error;
                    e.add(field, id);
                }
            }
            Step::Agency => {
                if !self.agency.is_empty()
                    && content
                        .taxonomy
                        .agency(&self.agency, &content.areas)
                        .is_none()
                {
                    e.add("agency", "report-error-agency");
                }
            }
            Step::Photos | Step::Check => {}
            Step::Privacy => {
                if Privacy::parse(&self.privacy).is_none() {
                    e.add("privacy", "report-error-privacy");
                }
            }
            Step::About => self.check_about(&mut e),
        }
        e.order_by(step.fields());
        e
    }

    fn check_about(&self, e: &mut FormErrors) {
        let anonymous = self.privacy == Privacy::Anonymous.as_str();
        optional_text(
            e,
            "name",
            &self.name,
            SHORT_MAX,
            false,
            "report-error-name-long",
        );
        if !anonymous && self.name.trim().is_empty() {
            e.add("name", "report-error-name-missing");
        }
        if !self.email.trim().is_empty() && Email::parse(&self.email).is_none() {
            e.add("email", "reg-error-email-invalid");
        }
        if self.notify == "yes" && self.email.trim().is_empty() {
            e.add("notify", "report-error-notify-email");
        }
        if !self.phone.trim().is_empty() && Phone::parse(&self.phone).is_none() {
            e.add("phone", "reg-error-phone-invalid");
        }
        if !anonymous && self.email.trim().is_empty() && self.phone.trim().is_empty() {
            e.add("email", "report-error-contact-missing");
        }
        match self.behalf.as_str() {
            "self" => {}
            "other" => {
                optional_text(
                    e,
                    "relationship",
                    &self.relationship,
                    SHORT_MAX,
                    false,
                    "report-error-relationship-long",
                );
                if self.relationship.trim().is_empty() {
                    e.add("relationship", "report-error-relationship-missing");
                }
                if self.other_agreed != "yes" {
                    e.add("other_agreed", "report-error-other-agreed");
                }
            }
            _ => e.add("behalf", "report-error-behalf"),
        }
        if self.consent != "yes" {
            e.add("consent", "report-error-consent");
        }
    }

    /// The date the report is about, or the field and message of what is wrong.
    pub fn date(&self, today: Date) -> Result<Date, (&'static str, &'static str)> {
        let num = |s: &str| s.trim().parse::<i32>().ok();
        let (d, m, y) = (num(&self.day), num(&self.month), num(&self.year));
        let Some(d) = d.filter(|d| (1..=31).contains(d)) else {
            return Err(("day", "report-error-day"));
        };
        let Some(m) = m.filter(|m| (1..=12).contains(m)) else {
            return Err(("month", "report-error-month"));
        };
        let Some(y) = y.filter(|y| (1000..=9999).contains(y)) else {
            return Err(("year", "report-error-year"));
        };
        let month = u8::try_from(m)
            .ok()
            .and_then(|m| Month::try_from(m).ok())
            .ok_or(("month", "report-error-month"))?;
        let day = u8::try_from(d).map_err(|_| ("day", "report-error-day"))?;
        let date = Date::from_calendar_date(y, month, day)
            .map_err(|_| ("day", "report-error-date-invalid"))?;
        if y < EARLIEST_YEAR {
            return Err(("year", "report-error-date-early"));
        }
        if date > today {
            return Err(("day", "report-error-date-future"));
        }
        Ok(date)
    }

    /// The first step whose answers are wrong or missing; `None` when the report can be sent.
    pub fn first_incomplete(&self, content: &ContentStore, today: Date) -> Option<Step> {
        Step::ALL.into_iter().find(|s| match s {
            Step::PersonalData => self.needs_personal_data_warning(),
            Step::Check => false,
            other => !self.check_step(*other, content, today).is_empty(),
        })
    }

    /// The whole report, parsed; `Err` names the first step to fix.
    pub fn parse(&self, content: &ContentStore, today: Date) -> Result<NewReport, Step> {
        if let Some(step) = self.first_incomplete(content, today) {
            return Err(step);
        }
        let kind = Kind::parse(&self.kind).ok_or(Step::Kind)?;
        let privacy = Privacy::parse(&self.privacy).ok_or(Step::Privacy)?;
        let occurred_on = self.date(today).map_err(|_| Step::Date)?;
        let clean = |s: &str, multiline| clean_text(s, multiline).unwrap_or_default();
        let opt = |s: String| (!s.is_empty()).then_some(s);
        let other = self.behalf == "other";
        Ok(NewReport {
            kind,
            category: self.category.clone(),
            title: clean(&self.title, false),
            description: clean(&self.description, true),
            province: self.province.clone(),
            regency: self.regency.clone(),
            place: opt(clean(&self.place, false)),
            occurred_on,
            agency: opt(self.agency.clone()),
            privacy,
            name: opt(clean(&self.name, false)),
            email: Email::parse(&self.email).map(|e| e.as_str().to_owned()),
            notify_by_email: self.notify == "yes" && Email::parse(&self.email).is_some(),
            phone: Phone::parse(&self.phone).map(|p| p.as_str().to_owned()),
            on_behalf: other,
            relationship: if other {
                opt(clean(&self.relationship, false))
            } else {
                None
            },
            personal_data_kept: !self.personal_data_findings().is_empty(),
        })
    }
}

/// A required text field: cleaned, not empty, not too long.
fn text_field(
    e: &mut FormErrors,
    field: &'static str,
    value: &str,
    max: usize,
    multiline: bool,
    missing: &'static str,
    long: &'static str,
) {
    if value.trim().is_empty() {
        e.add(field, missing);
        return;
    }
    optional_text(e, field, value, max, multiline, long);
}

/// An optional text field: cleaned and not too long when given.
fn optional_text(
    e: &mut FormErrors,
    field: &'static str,
    value: &str,
    max: usize,
    multiline: bool,
    long: &'static str,
) {
    match clean_text(value, multiline) {
        Err(id) => e.add(field, id),
        Ok(text) => {
            if let Err(over) = check_length(&text, max) {
                e.add_with(field, long, vec![("max", max as i64), ("over", over)]);
            }
        }
    }
}

/// A report ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    pub kind: Kind,
    pub category: String,
    pub title: String,
    pub description: String,
    pub province: String,
    pub regency: String,
    pub place: Option<String>,
    pub occurred_on: Date,
    pub agency: Option<String>,
    pub privacy: Privacy,
    pub name: Option<String>,
    pub email: Option<String>,
    /// Tell the reporter by email when the report changes (asked for, with an address).
    pub notify_by_email: bool,
    pub phone: Option<String>,
    pub on_behalf: bool,
    pub relationship: Option<String>,
    /// The text looks like it holds personal data and the person chose to keep it.
    pub personal_data_kept: bool,
}

/// What kind of personal data a piece of text seems to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// A 16-digit number, like a NIK (identity number).
    Nik,
    /// A phone number.
    Phone,
    /// An email address.
    Email,
}

impl FindingKind {
    /// Fluent id of its explanation.
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Nik => "report-personal-data-nik",
            Self::Phone => "report-personal-data-phone",
            Self::Email => "report-personal-data-email",
        }
    }
}

/// One piece of text that looks like personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// The text found, as typed.
    pub text: String,
}

/// Find NIK-like numbers, phone numbers and email addresses in `text`.
pub fn find_personal_data(text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for word in text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '<' | '>' | '"' | '\'')
    }) {
        let word = word.trim_matches(|c: char| matches!(c, '.' | ':' | '!' | '?'));
        if word.contains('@') && Email::parse(word).is_some() {
            found.push(Finding {
                kind: FindingKind::Email,
                text: word.to_owned(),
            });
        }
    }
    // Numbers may be written with spaces, dots or dashes between groups: join runs of
    // digits and separators, then judge each run by its digits.
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !(chars[i].is_ascii_digit() || chars[i] == '+') {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() || (c == '+' && j == start) {
                j += 1;
                end = j;
            } else if matches!(c, ' ' | '-' | '.')
                && chars.get(j + 1).is_some_and(char::is_ascii_digit)
            {
                j += 1;
            } else {
                break;
            }
        }
        let run: String = chars[start..end].iter().collect();
        let digits: String = run.chars().filter(char::is_ascii_digit).collect();
        let kind = if digits.len() == 16 && !run.starts_with('+') {
            Some(FindingKind::Nik)
        } else if (digits.starts_with('0') || digits.starts_with("62"))
            && (9..=14).contains(&digits.len())
        {
            Some(FindingKind::Phone)
        } else {
            None
        };
        if let Some(kind) = kind {
            found.push(Finding {
                kind,
                text: run.trim().to_owned(),
            });
        }
        i = end.max(start + 1);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<FindingKind> {
        find_personal_data(text)
            .into_iter()
            .map(|f| f.kind)
            .collect()
    }

    #[test]
    fn finds_nik_phone_and_email() {
        assert_eq!(kinds("NIK saya 3171012345678901."), vec![FindingKind::Nik]);
        assert_eq!(kinds("hubungi 0812-3456-7890 ya"), vec![FindingKind::Phone]);
        assert_eq!(kinds("atau +62 812 3456 7890"), vec![FindingKind::Phone]);
        assert_eq!(kinds("tulis ke budi@example.id."), vec![FindingKind::Email]);
        assert!(kinds("Jalan rusak sejak 2019, 300 meter, RT 05/RW 02").is_empty());
        assert!(kinds("Rp 1.500.000 diminta petugas").is_empty());
    }

    #[test]
    fn dates_are_checked() {
        let today = Date::from_calendar_date(2026, Month::November, 27).unwrap();
        let a = |d: &str, m: &str, y: &str| Answers {
            day: d.into(),
            month: m.into(),
            year: y.into(),
            ..Answers::default()
        };
        assert!(a("27", "11", "2026").date(today).is_ok());
        assert_eq!(
            a("28", "11", "2026").date(today),
            Err(("day", "report-error-date-future"))
        );
        assert_eq!(
            a("31", "2", "2026").date(today),
            Err(("day", "report-error-date-invalid"))
        );
        assert_eq!(
            a("1", "1", "1944").date(today),
            Err(("year", "report-error-date-early"))
        );
        assert_eq!(
            a("", "1", "2020").date(today),
            Err(("day", "report-error-day"))
        );
        assert_eq!(
            a("1", "13", "2020").date(today),
            Err(("month", "report-error-month"))
        );
        assert_eq!(
            a("1", "1", "20").date(today),
            Err(("year", "report-error-year"))
        );
    }

    #[test]
    fn email_updates_need_an_email_address() {
        let about = |email: &str, notify: &str| Answers {
            name: "Siti".into(),
            email: email.into(),
            phone: "081234567890".into(),
            notify: notify.into(),
            behalf: "self".into(),
            consent: "yes".into(),
            ..Answers::default()
        };
        let mut e = FormErrors::default();
        about("", "yes").check_about(&mut e);
        assert_eq!(
            e.get("notify").map(|x| x.message_id),
            Some("report-error-notify-email")
        );
        for (email, notify) in [("siti@contoh.id", "yes"), ("", ""), ("siti@contoh.id", "")] {
            let mut e = FormErrors::default();
            about(email, notify).check_about(&mut e);
            assert!(e.is_empty(), "{email} {notify}: {e:?}");
        }
    }

    #[test]
    fn the_personal_data_step_is_skipped_when_not_needed() {
        let plain = Answers::default();
        assert_eq!(Step::Province.previous(&plain), Some(Step::Details));
        let with_nik = Answers {
            description: "NIK 3171012345678901".into(),
            ..Answers::default()
        };
        assert_eq!(Step::Province.previous(&with_nik), Some(Step::PersonalData));
        assert!(with_nik.needs_personal_data_warning());
        let kept = Answers {
            personal_data_kept: with_nik.text_fingerprint(),
            ..with_nik.clone()
        };
        assert!(!kept.needs_personal_data_warning());
    }
}
