//! Staff accounts: roles, and passwords (at least 12 characters, not a common one, no
//! composition rules; hashed with argon2id at OWASP's parameters).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// Shortest password accepted (issue #5; see the session note on TEST-PLAN's 15).
pub const PASSWORD_MIN: usize = 12;
/// Longest password accepted (argon2 hashes any length; this bounds the work).
pub const PASSWORD_MAX: usize = 256;

crate::closed_set! {
    /// What a staff account may do.
    pub enum Role {
        /// Everything, including accounts and the audit log.
        Admin = "admin" => "staff-role-admin",
        /// Verifies, rejects, asks for information, routes.
        Verifier = "verifier" => "staff-role-verifier",
        /// Sees and answers the reports routed to their agency only.
        Officer = "officer" => "staff-role-officer",
    }
}

/// A staff account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub agency: Option<String>,
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: time::OffsetDateTime,
}

/// A live session and its account.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub csrf: String,
    pub user: User,
}

/// Why a session cookie opened nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnd {
    /// No such session (or one signed out: read back, it is `None`).
    None,
    /// Signed out (stored when the session ends).
    SignedOut,
    /// Eight hours without a request.
    Idle,
    /// Twelve hours after signing in.
    Expired,
    /// The account was disabled.
    Disabled,
    /// The account's password was changed (from another session of the account).
    PasswordChanged,
}

crate::closed_set! {
    /// What the audit log records besides the actions on reports (those are
    /// [`super::workflow::Action`]s): sign-ins, accounts and passwords, workshop access
    /// needs and downloads of registration lists.
    pub enum AccountEvent {
        SignedIn = "signed-in" => "staff-audit-signed-in",
        PasswordChanged = "password-changed" => "staff-audit-password-changed",
        AccountCreated = "account-created" => "staff-audit-account-created",
        AccountDisabled = "account-disabled" => "staff-audit-account-disabled",
        /// A registrant's access need marked requested, arranged or not possible.
        NeedStatus = "need-status" => "staff-audit-need-status",
        /// A workshop's list of registrations downloaded (personal data).
        RegistrationsDownloaded = "registrations-downloaded" => "staff-audit-registrations-downloaded",
        /// A partner key made or revoked in the back office (issue #19; detail: its prefix).
        PartnerKeyCreated = "partner-key-created" => "staff-audit-partner-key-created",
        PartnerKeyRevoked = "partner-key-revoked" => "staff-audit-partner-key-revoked",
        /// An agency's webhook set, its secret renewed, disabled, or a delivery sent
        /// again (detail: the agency).
        WebhookSet = "webhook-set" => "staff-audit-webhook-set",
        WebhookDisabled = "webhook-disabled" => "staff-audit-webhook-disabled",
        WebhookResent = "webhook-resent" => "staff-audit-webhook-resent",
        /// A report filed at the assisted-intake desk for a citizen (issue #19).
        DeskFiled = "desk-filed" => "staff-audit-desk-filed",
    }
}

impl SessionEnd {
    /// The stored reason, also the sign-in page's `reason`; empty for `None`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "",
            Self::SignedOut => "signed-out",
            Self::Idle => "idle",
            Self::Expired => "expired",
            Self::Disabled => "disabled",
            Self::PasswordChanged => "password-changed",
        }
    }

    /// The end of a stored or submitted reason that the sign-in page explains (`None` for
    /// anything else, a sign-out included).
    pub fn parse(s: &str) -> Self {
        [
            Self::Idle,
            Self::Expired,
            Self::Disabled,
            Self::PasswordChanged,
        ]
        .into_iter()
        .find(|e| e.as_str() == s)
        .unwrap_or(Self::None)
    }
}

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must have at least 12 characters")]
    TooShort,
    #[error("the password is too long")]
    TooLong,
    #[error("this password is too common; choose another")]
    Common,
}

const COMMON: &str = include_str!("common-passwords.txt");

/// Check a new password: length, and not in the list of common passwords.
pub fn check_new_password(pw: &str) -> Result<(), PasswordError> {
    let n = pw.chars().count();
    if n < PASSWORD_MIN {
        return Err(PasswordError::TooShort);
    }
    if n > PASSWORD_MAX {
        return Err(PasswordError::TooLong);
    }
    let lower = pw.to_lowercase();
    if COMMON.lines().any(|l| l.trim() == lower) {
        return Err(PasswordError::Common);
    }
    Ok(())
}

/// OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hash a password (PHC string, `$argon2id$v=19$m=19456,t=2,p=1$...`).
pub fn hash_password(pw: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Ok(hasher()
        .hash_password(pw.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hashing: {e}"))?
        .to_string())
}

/// Whether `pw` matches `stored`; and whether the stored hash should be replaced by one
/// made at the current parameters.
pub fn verify_password(pw: &str, stored: &str) -> (bool, bool) {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return (false, false);
    };
    let ok = hasher().verify_password(pw.as_bytes(), &parsed).is_ok();
    let current = format!("{}", parsed.algorithm) == "argon2id"
        && parsed.params.get_decimal("m") == Some(19 * 1024)
        && parsed.params.get_decimal("t") == Some(2)
        && parsed.params.get_decimal("p") == Some(1);
    (ok, ok && !current)
}

/// A hash to verify against when the account does not exist, so a wrong email costs the
/// same time as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        hash_password("not a real password, only for timing").unwrap_or_default()
    });
    &DUMMY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_owasp_parameters_and_verify() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert_eq!(verify_password("correct horse battery", &h), (true, false));
        assert!(!verify_password("correct horse batteryx", &h).0);
        let long = "x".repeat(64);
        assert!(verify_password(&long, &hash_password(&long).unwrap()).0);
    }

    #[test]
    fn weaker_hashes_are_flagged_for_upgrade() {
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8 * 1024, 1, 1, None).unwrap(),
        );
        let salt = SaltString::encode_b64(&[7u8; 16]).unwrap();
        let h = weak
            .hash_password(b"a long enough password", &salt)
            .unwrap()
            .to_string();
        assert_eq!(verify_password("a long enough password", &h), (true, true));
    }

    #[test]
    fn short_and_common_passwords_are_refused() {
        assert_eq!(check_new_password("short"), Err(PasswordError::TooShort));
        assert_eq!(
            check_new_password("Password1234"),
            Err(PasswordError::Common)
        );
        assert_eq!(check_new_password("kopi tubruk di balai desa"), Ok(()));
        assert_eq!(
            check_new_password(&"x".repeat(300)),
            Err(PasswordError::TooLong)
        );
    }
}
