//! Domain types: input is parsed once at the edge into these, so the rest of the code
//! never sees an unchecked value. Parse errors name Fluent message ids.

pub mod code;
pub mod contact;
pub mod form;
pub mod registration;

pub use code::Code;
pub use contact::{Email, Phone};
pub use form::{FieldError, FormErrors};
pub use registration::{AccessNeed, NewRegistration, RegistrationInput};
