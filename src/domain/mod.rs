//! Domain types: input is parsed once at the edge into these, so the rest of the code
//! never sees an unchecked value. Parse errors name Fluent message ids.

pub mod access;
pub mod access_key;
pub mod case;
pub mod closed_set;
pub mod code;
pub mod contact;
pub mod deadlines;
pub mod desk;
pub mod form;
pub mod outbox;
pub mod partner;
pub mod public;
pub mod registration;
pub mod report;
pub mod staff;
pub mod webhook;
pub mod workflow;

#[cfg(test)]
mod properties;

pub use code::Code;
pub use contact::{Email, Phone};
pub use form::{FieldError, FormErrors};
pub use registration::{AccessNeed, NewRegistration, RegistrationInput};
