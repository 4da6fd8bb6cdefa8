//! One-click stop links (RFC 8058): the link names a list (`report:12`, `reminders:34`,
//! `digest:5`) and carries a signature of it, so it works without a session or cookie
//! and cannot be forged for another list.

use crate::security::{sign, verify};
use secrecy::SecretString;

const PURPOSE: &str = "mail-stop";

/// The token for `list`: `{list}.{signature}` (lists are ASCII words, numbers and `:`, so
/// the token stays readable in a link).
pub fn token(key: &SecretString, list: &str) -> String {
    format!("{list}.{}", sign(key, PURPOSE, list))
}

/// The list a token names, when its signature is genuine.
pub fn list_of(key: &SecretString, token: &str) -> Option<String> {
    let (list, sig) = token.rsplit_once('.')?;
    if list.len() > 80
        || !list
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b':' || b == b'-')
    {
        return None;
    }
    verify(key, PURPOSE, list, sig).then(|| list.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_names_its_list_and_cannot_be_moved_to_another() {
        let key: SecretString = "k".repeat(40).into();
        let t = token(&key, "report:12");
        assert_eq!(list_of(&key, &t).as_deref(), Some("report:12"));
        let forged = t.replace("report:12", "report:13");
        assert_eq!(list_of(&key, &forged), None);
        assert_eq!(list_of(&key, "report:12"), None);
        assert_eq!(list_of(&key, "<b>.00"), None);
    }
}
