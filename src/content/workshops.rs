//! Campaigns (`content/campaigns/{slug}.{lang}.md`) and workshops
//! (`content/workshops/{slug}.{lang}.md`): front matter parsed into types once, checked
//! field by field (each problem names the file, line and field), and checked across
//! translations, whose dates, places and capacities must agree.

use super::{ContentStore, Findings, SourceFile, parse_meta, read_sources, toml_date};
use serde::Deserialize;
use std::path::Path;
use time::{Date, OffsetDateTime, UtcOffset};

/// An image shown by a content item, with its required description.
#[derive(Debug, Clone)]
pub struct ImageRef {
    /// File name under `content/images`.
    pub file: String,
    /// Alt text, in the item's language.
    pub alt: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CampaignMeta {
    title: String,
    summary: String,
    image: String,
    image_alt: String,
    updated: toml::value::Datetime,
}

/// A campaign in one language.
#[derive(Debug, Clone)]
pub struct Campaign {
    /// URL slug.
    pub slug: String,
    /// Language of this version.
    pub lang: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub summary: String,
    /// Its picture.
    pub image: ImageRef,
    /// Body HTML.
    pub html: String,
    /// Last updated.
    pub updated: Option<Date>,
}

/// Indonesian time zones, as workshop times are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Western Indonesia Time, UTC+7.
    Wib,
    /// Central Indonesia Time, UTC+8.
    Wita,
    /// Eastern Indonesia Time, UTC+9.
    Wit,
}

impl Zone {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "WIB" => Some(Self::Wib),
            "WITA" => Some(Self::Wita),
            "WIT" => Some(Self::Wit),
            _ => None,
        }
    }

    /// Hours ahead of UTC.
    pub fn hours(self) -> i8 {
        match self {
            Self::Wib => 7,
            Self::Wita => 8,
            Self::Wit => 9,
        }
    }

    /// The label people read (WIB, WITA, WIT).
    pub fn label(self) -> &'static str {
        match self {
            Self::Wib => "WIB",
            Self::Wita => "WITA",
            Self::Wit => "WIT",
        }
    }

    /// Fluent id of its label (the label is the same in Indonesian and English).
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Wib => "zone-wib",
            Self::Wita => "zone-wita",
            Self::Wit => "zone-wit",
        }
    }

    /// IANA name, for calendar files.
    pub fn iana(self) -> &'static str {
        match self {
            Self::Wib => "Asia/Jakarta",
            Self::Wita => "Asia/Makassar",
            Self::Wit => "Asia/Jayapura",
        }
    }

    /// The UTC offset.
    pub fn offset(self) -> UtcOffset {
        UtcOffset::from_hms(self.hours(), 0, 0).unwrap_or(UtcOffset::UTC)
    }
}

/// How people attend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// At the venue.
    InPerson,
    /// Over a video call.
    Online,
    /// Either.
    Both,
}

impl Format {
    /// The value used in files and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InPerson => "in-person",
            Self::Online => "online",
            Self::Both => "both",
        }
    }

    /// Parse the value used in files and URLs.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "in-person" => Some(Self::InPerson),
            "online" => Some(Self::Online),
            "both" => Some(Self::Both),
            _ => None,
        }
    }
}

/// What the venue and the event offer.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct AccessFacts {
    /// Step-free access to the room.
    pub step_free: bool,
    /// An accessible toilet.
    pub accessible_toilet: bool,
    /// A BISINDO sign-language interpreter.
    pub sign_language: bool,
    /// Live captions.
    pub live_captions: bool,
    /// Materials in large print.
    pub large_print: bool,
    /// Materials in braille.
    pub braille: bool,
    /// A quiet room.
    pub quiet_room: bool,
    /// Companions and personal assistants welcome.
    pub companion_welcome: bool,
}

impl AccessFacts {
    /// Each fact with its Fluent id, in display order.
    pub fn list(&self) -> [(&'static str, bool); 8] {
        [
            ("access-step-free", self.step_free),
            ("access-accessible-toilet", self.accessible_toilet),
            ("access-sign-language", self.sign_language),
            ("access-live-captions", self.live_captions),
            ("access-large-print", self.large_print),
            ("access-braille", self.braille),
            ("access-quiet-room", self.quiet_room),
            ("access-companion-welcome", self.companion_welcome),
        ]
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkshopMeta {
    title: String,
    summary: String,
    campaign: String,
    image: Option<String>,
    image_alt: Option<String>,
    start: toml::value::Datetime,
    end: toml::value::Datetime,
    timezone: String,
    format: String,
    venue: Option<String>,
    address: Option<String>,
    online_note: Option<String>,
    meeting_url: Option<String>,
    province: String,
    regency: String,
    capacity: i64,
    #[serde(default)]
    wheelchair_spaces: i64,
    registration_opens: toml::value::Datetime,
    registration_closes: toml::value::Datetime,
    contact: String,
    contact_email: Option<String>,
    #[serde(default)]
    needs_notice_days: i64,
    updated: toml::value::Datetime,
    #[serde(default)]
    accessibility: AccessFacts,
}

/// A workshop in one language.
#[derive(Debug, Clone)]
pub struct Workshop {
    /// URL slug.
    pub slug: String,
    /// Language of this version.
    pub lang: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub summary: String,
    /// The campaign it belongs to.
    pub campaign: String,
    /// Optional picture.
    pub image: Option<ImageRef>,
    /// Start, in the workshop's zone.
    pub start: OffsetDateTime,
    /// End, in the workshop's zone.
    pub end: OffsetDateTime,
    /// WIB, WITA or WIT.
    pub zone: Zone,
    /// How people attend.
    pub format: Format,
    /// Venue name (in person or both).
    pub venue: Option<String>,
    /// Street address (in person or both).
    pub address: Option<String>,
    /// How to join online (online or both).
    pub online_note: Option<String>,
    /// The video call's address (online or both): never on public pages, only on a
    /// confirmed participant's registration page and in the message the day before.
    pub meeting_url: Option<String>,
    /// Province code.
    pub province: String,
    /// Regency or city code.
    pub regency: String,
    /// General places.
    pub capacity: u32,
    /// Wheelchair spaces, a separate pool.
    pub wheelchair_spaces: u32,
    /// Registration opens.
    pub registration_opens: OffsetDateTime,
    /// Registration closes.
    pub registration_closes: OffsetDateTime,
    /// Who to contact.
    pub contact: String,
    /// Where the organisers are told of new access-need requests.
    pub contact_email: Option<String>,
    /// Access needs should be asked for this many days before the start.
    pub needs_notice_days: u32,
    /// Accessibility facts.
    pub access: AccessFacts,
    /// Body HTML.
    pub html: String,
    /// Last updated.
    pub updated: Option<Date>,
}

/// Where registration stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegistrationWindow {
    /// Not open yet.
    NotYetOpen,
    /// Open.
    Open,
    /// Closed (or the workshop has started).
    Closed,
}

impl Workshop {
    /// Registration state at `now`.
    pub fn window(&self, now: OffsetDateTime) -> RegistrationWindow {
        if now < self.registration_opens {
            RegistrationWindow::NotYetOpen
        } else if now < self.registration_closes && now < self.start {
            RegistrationWindow::Open
        } else {
            RegistrationWindow::Closed
        }
    }

    /// True once the workshop has ended.
    pub fn is_past(&self, now: OffsetDateTime) -> bool {
        self.end <= now
    }

    /// The last day to ask for access needs.
    pub fn needs_deadline(&self) -> Date {
        (self.start - time::Duration::days(i64::from(self.needs_notice_days))).date()
    }
}

/// Load campaigns and workshops into `store`, checking each field.
pub(super) fn load(content_dir: &Path, store: &mut ContentStore, f: &mut Findings) {
    for source in read_sources(&content_dir.join("campaigns"), &mut f.errors) {
        if let Some(c) = parse_campaign(&source, store, f) {
            store.campaigns.insert(&source.slug, &source.lang, c);
        }
    }
    let mut sources = Vec::new();
    for source in read_sources(&content_dir.join("workshops"), &mut f.errors) {
        if let Some(w) = parse_workshop(&source, store, f) {
            sources.push((source, w));
        }
    }
    // Facts that do not depend on the language must agree between translations.
    for (source, w) in &sources {
        let first = sources
            .iter()
            .find(|(s, _)| s.slug == source.slug)
            .map(|(_, w)| w);
        if let Some(first) = first.filter(|first| first.lang != w.lang) {
            for (key, same) in shared_facts(first, w) {
                if !same {
                    f.errors.push(
                        source
                            .field_problem(key, format!("differs from the {} version", first.lang)),
                    );
                }
            }
        }
    }
    for (source, w) in sources {
        store.workshops.insert(&source.slug, &source.lang, w);
    }
}

fn shared_facts(a: &Workshop, b: &Workshop) -> [(&'static str, bool); 14] {
    [
        ("meeting_url", a.meeting_url == b.meeting_url),
        ("contact_email", a.contact_email == b.contact_email),
        ("campaign", a.campaign == b.campaign),
        ("start", a.start == b.start),
        ("end", a.end == b.end),
        ("timezone", a.zone == b.zone),
        ("format", a.format == b.format),
        ("province", a.province == b.province),
        ("regency", a.regency == b.regency),
        ("capacity", a.capacity == b.capacity),
        (
            "wheelchair_spaces",
            a.wheelchair_spaces == b.wheelchair_spaces,
        ),
        (
            "registration_opens",
            a.registration_opens == b.registration_opens,
        ),
        (
            "registration_closes",
            a.registration_closes == b.registration_closes,
        ),
        (
            "accessibility",
            a.access == b.access && a.needs_notice_days == b.needs_notice_days,
        ),
    ]
}

fn image_ref(
    source: &SourceFile,
    store: &ContentStore,
    f: &mut Findings,
    image: Option<String>,
    alt: Option<String>,
) -> Option<ImageRef> {
    let file = image?;
    if store.images.get(&file).is_none() {
        f.errors
            .push(source.field_problem("image", format!("no file content/images/{file}")));
    }
    let alt = alt.map(|a| a.trim().to_owned()).unwrap_or_default();
    if alt.is_empty() {
        f.errors.push(source.field_problem(
            "image_alt",
            "an image needs alt text: describe what it shows",
        ));
    }
    Some(ImageRef { file, alt })
}

pub(super) fn parse_campaign(
    source: &SourceFile,
    store: &ContentStore,
    f: &mut Findings,
) -> Option<Campaign> {
    let meta = parse_meta::<CampaignMeta>(source)
        .map_err(|p| f.errors.push(p))
        .ok()?;
    let before = f.errors.len();
    let image = image_ref(source, store, f, Some(meta.image), Some(meta.image_alt))?;
    let html = source.render_body(f);
    (f.errors.len() == before).then(|| Campaign {
        slug: source.slug.clone(),
        lang: source.lang.clone(),
        title: meta.title,
        summary: meta.summary,
        image,
        html,
        updated: toml_date(&meta.updated),
    })
}

/// An `https://` address with a host and no spaces or quotes.
fn is_https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
}

fn datetime(
    source: &SourceFile,
    f: &mut Findings,
    key: &str,
    value: &toml::value::Datetime,
) -> Option<OffsetDateTime> {
    if value.offset.is_none() || value.time.is_none() {
        f.errors.push(source.field_problem(
            key,
            "needs a date, a time and an offset, like 2026-12-10T09:00:00+08:00",
        ));
        return None;
    }
    match OffsetDateTime::parse(
        &value.to_string(),
        &time::format_description::well_known::Rfc3339,
    ) {
        Ok(t) => Some(t),
        Err(e) => {
            f.errors.push(source.field_problem(key, e));
            None
        }
    }
}

pub(super) fn parse_workshop(
    source: &SourceFile,
    store: &ContentStore,
    f: &mut Findings,
) -> Option<Workshop> {
    let meta = parse_meta::<WorkshopMeta>(source)
        .map_err(|p| f.errors.push(p))
        .ok()?;
    let before = f.errors.len();
    let problem =
        |f: &mut Findings, key: &str, msg: &str| f.errors.push(source.field_problem(key, msg));
    let zone = Zone::parse(&meta.timezone);
    if zone.is_none() {
        problem(f, "timezone", "must be WIB, WITA or WIT");
    }
    let format = Format::parse(&meta.format);
    if format.is_none() {
        problem(f, "format", "must be in-person, online or both");
    }
    let start = datetime(source, f, "start", &meta.start);
    let end = datetime(source, f, "end", &meta.end);
    let opens = datetime(source, f, "registration_opens", &meta.registration_opens);
    let closes = datetime(source, f, "registration_closes", &meta.registration_closes);
    if let (Some(z), Some(s)) = (zone, start)
        && s.offset() != z.offset()
    {
        problem(f, "start", "the offset does not match the timezone");
    }
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        problem(f, "end", "the workshop ends before it starts");
    }
    if let (Some(o), Some(c)) = (opens, closes)
        && c <= o
    {
        problem(
            f,
            "registration_closes",
            "registration closes before it opens",
        );
    }
    if let (Some(c), Some(s)) = (closes, start)
        && c > s
    {
        problem(
            f,
            "registration_closes",
            "registration must close before the workshop starts",
        );
    }
    if meta.capacity <= 0 || meta.capacity > 100_000 {
        problem(f, "capacity", "must be a number of places above zero");
    }
    if !(0..=10_000).contains(&meta.wheelchair_spaces) {
        problem(f, "wheelchair_spaces", "must be zero or more");
    }
    if !(0..=365).contains(&meta.needs_notice_days) {
        problem(f, "needs_notice_days", "must be between 0 and 365");
    }
    let in_person = matches!(format, Some(Format::InPerson | Format::Both));
    let online = matches!(format, Some(Format::Online | Format::Both));
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
    if in_person && blank(&meta.venue) {
        problem(f, "venue", "an in-person workshop needs a venue");
    }
    if in_person && blank(&meta.address) {
        problem(f, "address", "an in-person workshop needs an address");
    }
    if online && blank(&meta.online_note) {
        problem(f, "online_note", "an online workshop must say how to join");
    }
    if store.areas.province(&meta.province).is_none() {
        problem(
            f,
            "province",
            "unknown province code (see content/areas/provinces.csv)",
        );
    } else if !store.areas.regency_in(&meta.regency, &meta.province) {
        problem(
            f,
            "regency",
            "unknown regency code, or not in the province (see content/areas/regencies.csv)",
        );
    }
    if store.campaigns.get(&meta.campaign, &source.lang).is_none() {
        problem(
            f,
            "campaign",
            "no campaign with this slug in content/campaigns",
        );
    }
    if meta.contact.trim().is_empty() {
        problem(f, "contact", "say how to reach the organisers");
    }
    let contact_email = meta.contact_email.as_deref().map(|e| {
        let parsed = crate::domain::contact::Email::parse(e).map(|e| e.as_str().to_owned());
        if parsed.is_none() {
            problem(f, "contact_email", "must be one email address");
        }
        parsed
    });
    if let Some(url) = &meta.meeting_url {
        if !online {
            problem(
                f,
                "meeting_url",
                "only an online workshop has a meeting link",
            );
        } else if !is_https_url(url) {
            problem(
                f,
                "meeting_url",
                "must be an https:// address, like https://meet.example.id/abc",
            );
        }
    }
    let image = image_ref(source, store, f, meta.image, meta.image_alt);
    let html = source.render_body(f);
    if f.errors.len() != before {
        return None;
    }
    Some(Workshop {
        slug: source.slug.clone(),
        lang: source.lang.clone(),
        title: meta.title,
        summary: meta.summary,
        campaign: meta.campaign,
        image,
        start: start?,
        end: end?,
        zone: zone?,
        format: format?,
        venue: meta.venue,
        address: meta.address,
        online_note: meta.online_note,
        meeting_url: meta.meeting_url,
        province: meta.province,
        regency: meta.regency,
        capacity: u32::try_from(meta.capacity).ok()?,
        wheelchair_spaces: u32::try_from(meta.wheelchair_spaces).ok()?,
        registration_opens: opens?,
        registration_closes: closes?,
        contact: meta.contact,
        contact_email: contact_email.flatten(),
        needs_notice_days: u32::try_from(meta.needs_notice_days).ok()?,
        access: meta.accessibility,
        html,
        updated: toml_date(&meta.updated),
    })
}
