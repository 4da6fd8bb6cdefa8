//! The assisted-intake desk (issue #19, item 4): staff file a report for a citizen who
//! came in person, phoned, wrote a letter or wrote on social media. One page holds every
//! field of the web form (no photos) plus the channel and the citizen's consent; the
//! checks are the web form's own ([`Answers::check_step`]), step by step, so a desk
//! report is valid exactly when a web report would be.

use super::FormErrors;
use super::report::{Answers, Channel, NewReport, Step};
use crate::content::ContentStore;
use time::Date;

/// The fields of the desk form in page order (the error summary follows it).
pub const FIELDS: &[&str] = &[
    "channel",
    "kind",
    "title",
    "description",
    "category",
    "province",
    "regency",
    "place",
    "day",
    "month",
    "year",
    "agency",
    "privacy",
    "name",
    "email",
    "notify",
    "phone",
    "consent",
];

/// The steps of the web form whose checks the desk runs (the personal-data warning, the
/// photos, on whose behalf and the web consent are not asked at the desk).
const STEPS: [Step; 8] = [
    Step::Kind,
    Step::Details,
    Step::Province,
    Step::Place,
    Step::Date,
    Step::Agency,
    Step::Privacy,
    Step::About,
];

/// What the desk form sends, every field a string (kept as typed on error).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct DeskInput {
    pub channel: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub category: String,
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
    /// `yes`: the citizen agreed that Balai stores and sends this report.
    pub consent: String,
    /// Makes a resent form one report (it becomes the draft's id).
    pub form_id: String,
    pub csrf: String,
}

impl DeskInput {
    /// The web form's answers for what was typed: the citizen reports for themselves,
    /// and the text as typed by staff is kept even when it holds personal data (staff
    /// wrote it down on purpose; the report is marked as holding it, as on the web).
    pub fn answers(&self) -> Answers {
        let mut a = Answers {
            kind: self.kind.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            category: self.category.clone(),
            province: self.province.clone(),
            regency: self.regency.clone(),
            place: self.place.clone(),
            day: self.day.clone(),
            month: self.month.clone(),
            year: self.year.clone(),
            agency: self.agency.clone(),
            privacy: self.privacy.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
            notify: self.notify.clone(),
            phone: self.phone.clone(),
            behalf: "self".into(),
            consent: "yes".into(),
            ..Answers::default()
        };
        a.personal_data_choice = "keep".into();
        a.personal_data_kept = a.text_fingerprint();
        a
    }

    /// The report and its channel, or every error in page order.
    pub fn parse(
        &self,
        content: &ContentStore,
        today: Date,
    ) -> Result<(NewReport, Channel), FormErrors> {
        let mut e = FormErrors::default();
        let channel = Channel::parse(&self.channel).filter(|c| c.is_desk());
        if channel.is_none() {
            e.add("channel", "desk-error-channel");
        }
        let answers = self.answers();
        for step in STEPS {
            for err in answers.check_step(step, content, today).iter() {
                e.add_with(err.field, err.message_id, err.args.clone());
            }
        }
        if self.consent != "yes" {
            e.add("consent", "desk-error-consent");
        }
        e.order_by(FIELDS);
        match (channel, e.is_empty()) {
            (Some(channel), true) => {
                answers
                    .parse(content, today)
                    .map(|r| (r, channel))
                    .map_err(|step| {
                        // Every step was checked above: only a step this list missed lands here.
                        let mut e = FormErrors::default();
                        e.add(
                            step.fields().first().copied().unwrap_or("kind"),
                            "desk-error-recheck",
                        );
                        e
                    })
            }
            _ => Err(e),
        }
    }
}

/// Who brought a report in, by name (for staff).
#[derive(Debug, Clone, Default)]
pub struct OriginNames {
    /// The partner whose system posted it.
    pub partner: Option<String>,
    /// The staff member who filed it at the desk (name and email).
    pub filed_by: Option<String>,
}
