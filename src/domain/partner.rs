//! Partner systems and their API keys (issue #19): another app, a regional government's
//! complaint system or an agency's case system that talks to Balai's machine APIs (Open311
//! `GeoReport` v2 under `/open311/v2/`, the agency API under `/api/v1/`).
//!
//! A key is `balai_` and 32 random bytes in unpadded base64url (256 bits). It is shown
//! once, when it is made; Balai keeps only its SHA-256 (hex) and a short prefix for people
//! to tell keys apart. A fast hash is right here, unlike for passwords: a password is
//! chosen by a person and can be guessed, so it needs a slow, salted hash (Argon2) to make
//! each guess expensive; a key is 256 random bits, so there is nothing to guess, and a
//! plain SHA-256 can be looked up directly (`partners.key_hash` is unique and indexed)
//! without a per-row salt and without spending 50 ms of CPU on every API request. Keys
//! are compared by that lookup, never by a loop over stored keys.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// What every key starts with (so a leaked key is recognisable by secret scanners).
pub const KEY_PREFIX: &str = "balai_";
/// Random bytes in a key.
const KEY_BYTES: usize = 32;
/// Characters of the key kept for display (`balai_` and 8 more: 48 bits, no help to
/// anyone guessing the remaining 208).
const DISPLAY_CHARS: usize = 14;
/// Longest key text looked at (anything longer is not a key and is not hashed).
pub const KEY_MAX: usize = 100;
/// Longest partner name.
pub const NAME_MAX: usize = 100;

crate::closed_set! {
    /// What a key may do. Stored as a comma list in `partners.scopes`. New scopes are new
    /// values here (the agency API adds its own); a stored scope this build does not know
    /// is ignored when read (an older build meeting a newer key's scope), never granted.
    pub enum Scope {
        /// Create reports (Open311 `POST requests`).
        Submit = "submit",
        /// Read what the key may read beyond the public (its agency's queue).
        Read = "read",
        /// Take workflow actions on its agency's cases (the agency API's POSTs).
        Update = "update",
    }
}

/// Parse a comma list of scopes (`submit,read`); `Err` names the first unknown one.
pub fn parse_scopes(list: &str) -> Result<Vec<Scope>, String> {
    let mut out = Vec::new();
    for s in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let scope = Scope::parse(s).ok_or_else(|| s.chars().take(40).collect::<String>())?;
        if !out.contains(&scope) {
            out.push(scope);
        }
    }
    if out.is_empty() {
        return Err(String::new());
    }
    Ok(out)
}

/// The stored form of a scope list.
pub fn scopes_text(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// A new key: the secret to show once, and what is stored of it.
pub struct NewKey {
    /// The key itself: shown once, never stored or logged.
    pub secret: secrecy::SecretString,
    /// SHA-256 of the key, hex (`partners.key_hash`).
    pub hash: String,
    /// The key's first characters (`partners.key_prefix`), for display.
    pub prefix: String,
}

/// Make a key from the system's random source.
pub fn generate() -> anyhow::Result<NewKey> {
    let mut bytes = [0u8; KEY_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let key = format!("{KEY_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    let hash = key_hash(&key);
    let prefix = key.chars().take(DISPLAY_CHARS).collect();
    Ok(NewKey {
        secret: key.into(),
        hash,
        prefix,
    })
}

/// The stored hash of a key as presented, or `None` when it cannot be a key (wrong
/// prefix, too long, not base64url), so garbage never reaches the database.
pub fn key_hash_of_presented(presented: &str) -> Option<String> {
    let p = presented.trim();
    let rest = p.strip_prefix(KEY_PREFIX)?;
    let plausible = p.len() <= KEY_MAX
        && !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plausible.then(|| key_hash(p))
}

/// SHA-256 of a key, hex.
pub fn key_hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// A partner system and its key (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    /// The agency whose cases the key acts on (`None`: no agency's cases).
    pub agency: Option<String>,
    /// Stored comma list; see [`Partner::scopes`].
    #[sqlx(rename = "scopes")]
    pub scopes_text: String,
    /// The key's first characters, for display.
    pub key_prefix: String,
    /// Requests a minute this key may make.
    pub per_minute: i64,
    pub created_at: OffsetDateTime,
    /// The staff account that made the key (`None`: the command line).
    pub created_by: Option<i64>,
    pub revoked_at: Option<OffsetDateTime>,
}

impl Partner {
    /// The key's scopes that this build knows.
    pub fn scopes(&self) -> Vec<Scope> {
        self.scopes_text
            .split(',')
            .filter_map(|s| Scope::parse(s.trim()))
            .collect()
    }

    /// Whether the key may do what `scope` allows.
    pub fn may(&self, scope: Scope) -> bool {
        self.scopes().contains(&scope)
    }

    /// Whether the key may act on a case of `agency` (a key tied to an agency acts only on
    /// that agency's cases; a key with no agency acts on none).
    pub fn acts_on(&self, agency: Option<&str>) -> bool {
        matches!((self.agency.as_deref(), agency), (Some(a), Some(b)) if a == b)
    }

    /// Whether the key has been revoked.
    pub fn is_revoked(&self) -> bool {
        self.revoked_at.is_some()
    }
}

crate::closed_set! {
    /// What the partner audit log records (`partner_audit.action`).
    pub enum PartnerEvent {
        /// The key was made.
        Created = "created",
        /// The key was revoked.
        Revoked = "revoked",
        /// A request authenticated with the key (method and path in `detail`).
        Used = "used",
        /// A request with the key was refused by its rate limit.
        Limited = "limited",
        /// A request with the key asked for a scope the key lacks.
        Refused = "refused",
        /// A report was created with the key.
        ReportCreated = "report-created",
        /// A workflow action on its agency's case through the agency API (`detail`: the
        /// action and the states, never a text).
        CaseAction = "case-action",
    }
}

/// One line of the partner audit log.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PartnerAuditEntry {
    pub at: OffsetDateTime,
    pub partner_id: i64,
    #[sqlx(try_from = "String")]
    pub action: PartnerEvent,
    pub report_id: Option<i64>,
    pub detail: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn keys_are_long_random_and_stored_only_as_their_hash() {
        let a = generate().unwrap();
        let b = generate().unwrap();
        let ka = a.secret.expose_secret();
        assert!(ka.starts_with(KEY_PREFIX));
        assert_eq!(ka.len(), KEY_PREFIX.len() + 43);
        assert_ne!(ka, b.secret.expose_secret());
        assert_eq!(a.hash, key_hash(ka));
        assert_eq!(key_hash_of_presented(ka).as_deref(), Some(a.hash.as_str()));
        assert!(!a.hash.contains(&ka[KEY_PREFIX.len()..]));
        assert!(ka.starts_with(&a.prefix) && a.prefix.len() == DISPLAY_CHARS);
    }

    #[test]
    fn presented_garbage_is_not_a_key() {
        for bad in [
            "",
            "balai_",
            "nope",
            "balai_a b",
            "balai_<x>",
            &"balai_a".repeat(40),
        ] {
            assert_eq!(key_hash_of_presented(bad), None, "{bad}");
        }
    }

    #[test]
    fn scopes_parse_as_a_closed_comma_list() {
        assert_eq!(
            parse_scopes(" submit, read,submit").unwrap(),
            vec![Scope::Submit, Scope::Read]
        );
        assert_eq!(parse_scopes("submit,admin"), Err("admin".to_owned()));
        assert!(parse_scopes(" , ").is_err());
        assert_eq!(scopes_text(&[Scope::Submit, Scope::Read]), "submit,read");
    }

    #[test]
    fn a_key_acts_only_on_its_agencys_cases() {
        let p = Partner {
            id: 1,
            name: "x".into(),
            agency: Some("kemenkes".into()),
            scopes_text: "read,future-scope".into(),
            key_prefix: "balai_x".into(),
            per_minute: 1,
            created_at: OffsetDateTime::UNIX_EPOCH,
            created_by: None,
            revoked_at: None,
        };
        assert!(p.acts_on(Some("kemenkes")));
        assert!(!p.acts_on(Some("kemendag")) && !p.acts_on(None));
        assert!(p.may(Scope::Read) && !p.may(Scope::Submit));
        let none = Partner { agency: None, ..p };
        assert!(!none.acts_on(Some("kemenkes")));
    }
}
