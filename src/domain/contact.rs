//! Contact details: an email address or an Indonesian (or international) phone number.

/// A plausible email address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Parse; `None` when it is not shaped like `name@domain.tld`.
    pub fn parse(raw: &str) -> Option<Self> {
        let s = raw.trim().to_lowercase();
        if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let (local, domain) = s.rsplit_once('@')?;
        let ok = !local.is_empty()
            && !local.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'));
        ok.then_some(Self(s))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number kept as typed digits with an optional leading `+`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Parse: digits with spaces, dashes, dots or brackets; 8 to 15 digits.
    pub fn parse(raw: &str) -> Option<Self> {
        let s = raw.trim();
        if s.len() > 40 {
            return None;
        }
        let plus = s.starts_with('+');
        let body = if plus { &s[1..] } else { s };
        if !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
        {
            return None;
        }
        let digits: String = body.chars().filter(char::is_ascii_digit).collect();
        if !(8..=15).contains(&digits.len()) {
            return None;
        }
        Some(Self(if plus { format!("+{digits}") } else { digits }))
    }

    /// The normalised number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" Siti@Contoh.co.id ").unwrap().as_str(),
            "siti@contoh.co.id"
        );
        for bad in [
            "", "siti", "siti@", "@x.id", "a b@x.id", "a@x", "a@.x.id", "a@x.id.",
        ] {
            assert!(Email::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn phones() {
        assert_eq!(
            Phone::parse("0812-3456-7890").unwrap().as_str(),
            "081234567890"
        );
        assert_eq!(
            Phone::parse("+62 (361) 123 456").unwrap().as_str(),
            "+62361123456"
        );
        for bad in ["", "12345", "0812abc4567", "++62812345678", &"1".repeat(16)] {
            assert!(Phone::parse(bad).is_none(), "{bad}");
        }
    }
}
