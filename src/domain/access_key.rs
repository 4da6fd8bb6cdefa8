//! The access key of a report: with the tracking code it opens the reporter's private
//! view. 140 bits in Crockford's base32 (no I, L, O, U; typing `O` for `0` or `I`/`L` for
//! `1` is forgiven), shown once in groups of four, stored only as a SHA-256 hash.
//!
//! The key is derived with the secret key (HMAC) from the draft id and the draft's
//! receipt (a second random value, set in the reporter's browser when the answers are
//! checked), so the confirmation page can be shown again (refresh, Back and resend)
//! without ever storing the key itself, and a draft id planted in someone's browser
//! does not give the key. Both live only in the reporter's browser, and the draft is
//! deleted an hour after sending.

use crate::security;
use secrecy::SecretString;
use sha2::{Digest, Sha256};
use std::fmt;

const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LEN: usize = 28;

/// An access key, stored here in upper case without separators.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessKey(String);

impl AccessKey {
    /// The key derived from `seed` (a draft id and its receipt).
    pub fn derive(secret: &SecretString, seed: &str) -> Self {
        let mac = security::sign(secret, "access-key", seed);
        let bytes = hex::decode(mac).unwrap_or_default();
        let mut out = String::with_capacity(LEN);
        let mut acc: u32 = 0;
        let mut bits = 0;
        for b in bytes {
            if out.len() == LEN {
                break;
            }
            acc = (acc << 8) | u32::from(b);
            bits += 8;
            while bits >= 5 && out.len() < LEN {
                bits -= 5;
                out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
            }
            acc &= (1 << bits) - 1;
        }
        Self(out)
    }

    /// What a person typed, if it can be a key.
    pub fn parse(input: &str) -> Option<Self> {
        if input.len() > 128 {
            return None;
        }
        let squashed: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}'..='\u{2015}'))
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect();
        let ok = squashed.len() == LEN && squashed.bytes().all(|b| ALPHABET.contains(&b));
        ok.then_some(Self(squashed))
    }

    /// The hash kept in the database.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

impl fmt::Display for AccessKey {
    /// In groups of four for writing down: `7KQ2 M9XA ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, chunk) in self.0.as_bytes().chunks(4).enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(std::str::from_utf8(chunk).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

impl fmt::Debug for AccessKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessKey(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_distinct_and_forgiving() {
        let secret: SecretString = "s".repeat(40).into();
        let a = AccessKey::derive(&secret, "aaaa");
        assert_eq!(a, AccessKey::derive(&secret, "aaaa"));
        assert_ne!(a, AccessKey::derive(&secret, "aaab"));
        let shown = a.to_string();
        assert_eq!(shown.len(), LEN + LEN / 4 - 1);
        assert_eq!(AccessKey::parse(&shown.to_lowercase()), Some(a.clone()));
        let sloppy = shown.replace('0', "o").replace('1', "l").replace(' ', "-");
        assert_eq!(AccessKey::parse(&sloppy), Some(a.clone()));
        assert_eq!(AccessKey::parse("short"), None);
        assert_eq!(AccessKey::parse(&"A".repeat(10_000)), None);
        assert_eq!(a.hash().len(), 64);
        assert!(!format!("{a:?}").contains(&shown[..4]));
    }
}
