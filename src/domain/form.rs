//! Field errors for forms: which field, which Fluent message, with which numbers.
//! Parsing collects every error, because the error summary lists them all.

/// One problem with one field; `message_id` is a Fluent id that says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's `name` and `id` (the error summary links to `#field`).
    pub field: &'static str,
    /// Fluent message id.
    pub message_id: &'static str,
    /// Numbers the message needs (`max`, `over`).
    pub args: Vec<(&'static str, i64)>,
}

/// All errors of one submission, in the order of the fields on the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormErrors(Vec<FieldError>);

/// No errors, for pages that show a form with none.
static NO_ERRORS: FormErrors = FormErrors(Vec::new());

impl FormErrors {
    /// No errors, borrowed for as long as needed.
    pub fn none() -> &'static Self {
        &NO_ERRORS
    }

    /// Add an error for `field`.
    pub fn add(&mut self, field: &'static str, message_id: &'static str) {
        self.0.push(FieldError {
            field,
            message_id,
            args: Vec::new(),
        });
    }

    /// Add an error with numbers for its message.
    pub fn add_with(
        &mut self,
        field: &'static str,
        message_id: &'static str,
        args: Vec<(&'static str, i64)>,
    ) {
        self.0.push(FieldError {
            field,
            message_id,
            args,
        });
    }

    /// The error of `field`, if any (the first, when there are several).
    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }

    /// Every error, in order.
    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// Put the errors in the order the fields stand on the page (the summary reads in
    /// that order); fields not named keep their place at the end.
    pub fn order_by(&mut self, fields: &[&str]) {
        self.0.sort_by_key(|e| {
            fields
                .iter()
                .position(|f| *f == e.field)
                .unwrap_or(fields.len())
        });
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Trim, and refuse control characters (other than newlines and tabs in long text).
pub fn clean_text(raw: &str, multiline: bool) -> Result<String, &'static str> {
    let trimmed = raw.trim();
    let bad = trimmed.chars().any(|c| {
        (c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
            // Bidirectional overrides can disguise text; isolates are harmless.
            || matches!(c, '\u{202A}'..='\u{202E}')
    });
    if bad {
        Err("form-error-control-characters")
    } else {
        Ok(trimmed.to_owned())
    }
}

/// Check a text field's length in characters; `Err` carries how many are over.
pub fn check_length(text: &str, max: usize) -> Result<(), i64> {
    let n = text.chars().count();
    if n > max {
        Err(i64::try_from(n - max).unwrap_or(i64::MAX))
    } else {
        Ok(())
    }
}
