//! `closed_set!`: an enum for a closed set of values kept as text in the database (a
//! report's status, an event's kind, a role...), with each value's database text and its
//! Fluent message id written side by side, once.
//!
//! It gives `ALL` (in the order written), `as_str` (the stored text), `parse` (from the
//! stored or submitted text), `message_id` (when the values have one) and
//! `TryFrom<String>`, which rows use (`#[sqlx(try_from = "String")]`): an unknown value in
//! the database is an error, never a silent default.

/// A stored text that is not one of a closed set's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {set} value {value:?}")]
pub struct UnknownValue {
    /// The set's name (`Status`, `EventKind`...).
    pub set: &'static str,
    /// What was found (bounded, so a hostile value cannot fill a log line).
    pub value: String,
}

impl UnknownValue {
    /// The error for `value` in `set`.
    pub fn new(set: &'static str, value: &str) -> Self {
        Self {
            set,
            value: value.chars().take(40).collect(),
        }
    }
}

/// Define a closed set; see the module documentation. Each value is written
/// `Variant = "stored-text" => "message-id"`, or `Variant = "stored-text"` for sets that
/// are never shown by name.
#[macro_export]
macro_rules! closed_set {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal => $msg:literal, )+
        }
    ) => {
        $crate::closed_set!(@base $(#[$meta])* $name { $( $(#[$vmeta])* $variant = $text, )+ });
        impl $name {
            /// The Fluent id of the value's name.
            pub fn message_id(self) -> &'static str {
                match self { $( Self::$variant => $msg, )+ }
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $crate::closed_set!(@base $(#[$meta])* $name { $( $(#[$vmeta])* $variant = $text, )+ });
    };
    (@base $(#[$meta:meta])* $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the order written.
            pub const ALL: &'static [Self] = &[ $( Self::$variant, )+ ];

            /// The stored (and submitted) text.
            pub fn as_str(self) -> &'static str {
                match self { $( Self::$variant => $text, )+ }
            }

            /// The value of a stored or submitted text.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $( $text => Some(Self::$variant), )+ _ => None }
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::domain::closed_set::UnknownValue;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s).ok_or_else(|| {
                    $crate::domain::closed_set::UnknownValue::new(stringify!($name), &s)
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::closed_set! {
        /// A test set.
        pub enum Colour {
            /// Red.
            Red = "red" => "colour-red",
            Dark = "dark-blue" => "colour-dark-blue",
        }
    }

    #[test]
    fn text_message_and_unknown_values() {
        assert_eq!(Colour::ALL, &[Colour::Red, Colour::Dark]);
        assert_eq!(Colour::Dark.as_str(), "dark-blue");
        assert_eq!(Colour::Dark.message_id(), "colour-dark-blue");
        assert_eq!(Colour::try_from("red".to_owned()), Ok(Colour::Red));
        let err = Colour::try_from("green".to_owned()).unwrap_err();
        assert_eq!(err.set, "Colour");
        assert!(err.to_string().contains("green"));
        assert_eq!(Colour::parse("Red"), None, "exact text only");
    }
}
