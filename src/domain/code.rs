//! Codes people read aloud and type back: registration codes (and later tracking
//! codes). Nine characters from an alphabet without look-alikes (no 0/O, 1/I/L, no U),
//! about 44 bits of entropy, shown in groups of three (`K7M-4QX-92B`). Input is
//! case-insensitive and ignores spaces and dashes.

use std::fmt;

const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
const LEN: usize = 9;

/// A parsed or generated code, stored without dashes in upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Code(String);

impl Code {
    /// A new random code.
    pub fn generate() -> anyhow::Result<Self> {
        let mut bytes = [0u8; LEN * 2];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
        let mut out = String::with_capacity(LEN);
        // Rejection sampling keeps every character equally likely.
        let limit = 256 - (256 % ALPHABET.len());
        let mut pool = bytes.iter().copied().filter(|b| usize::from(*b) < limit);
        while out.len() < LEN {
            match pool.next() {
                Some(b) => out.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()])),
                None => return Self::generate(),
            }
        }
        Ok(Self(out))
    }

    /// Parse what a person typed; `None` when it cannot be a code.
    pub fn parse(input: &str) -> Option<Self> {
        if input.len() > 64 {
            return None;
        }
        let squashed: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}'..='\u{2015}'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let ok = squashed.len() == LEN && squashed.bytes().all(|b| ALPHABET.contains(&b));
        ok.then_some(Self(squashed))
    }

    /// The stored form, without dashes.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Code {
    /// Grouped for reading aloud: `K7M-4QX-92B`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.0;
        write!(f, "{}-{}-{}", &s[0..3], &s[3..6], &s[6..9])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_parse_back_in_any_case_with_spaces_or_dashes() {
        for _ in 0..200 {
            let code = Code::generate().unwrap();
            let shown = code.to_string();
            assert_eq!(shown.len(), 11);
            assert_eq!(Code::parse(&shown), Some(code.clone()));
            assert_eq!(
                Code::parse(&shown.to_lowercase().replace('-', " ")),
                Some(code.clone())
            );
            assert!(!shown.contains(['0', 'O', '1', 'I', 'L']));
        }
    }

    #[test]
    fn junk_is_not_a_code() {
        for bad in [
            "",
            "ABC",
            "K7M-4QX-92B-X",
            "K0M-4QX-92B",
            "<script>",
            &"A".repeat(10_000),
        ] {
            assert_eq!(Code::parse(bad), None, "{bad}");
        }
    }
}
