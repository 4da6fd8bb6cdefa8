//! Languages and Fluent messages. Every word a person reads comes through here.
//!
//! Each sub-folder of the locales directory is a language (`locales/id`, `locales/en`);
//! adding a language is adding a folder. Indonesian (`id`) is the fallback: a message
//! missing in another language is looked up there. A locale whose region is `XA`
//! (for example `en-XA`) is a pseudo-locale: every message is visibly transformed, so a
//! test can find text that bypassed Fluent. Pseudo-locales are never offered to users.

use anyhow::{Context, bail};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{ArcLoader, Loader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use unic_langid::{CharacterDirection, LanguageIdentifier};

/// The default and fallback language.
pub const FALLBACK: &str = "id";

/// A language the portal speaks, as used in URLs (`/id/...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    /// Parsed identifier, for Fluent.
    pub id: LanguageIdentifier,
    /// The tag as written in URLs and `lang` attributes.
    pub tag: String,
}

impl Locale {
    /// `ltr` or `rtl`, for the `dir` attribute.
    pub fn dir(&self) -> &'static str {
        match self.id.character_direction() {
            CharacterDirection::RTL => "rtl",
            _ => "ltr",
        }
    }

    /// True for the test-only pseudo-locales (region `XA`).
    pub fn is_pseudo(&self) -> bool {
        self.id.region.is_some_and(|r| r.as_str() == "XA")
    }
}

/// All Fluent messages of all languages, loaded once at start-up.
pub struct I18n {
    loader: ArcLoader,
    locales: Vec<Locale>,
    missing: AtomicUsize,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("locales", &self.locales)
            .finish()
    }
}

impl I18n {
    /// Load every language folder under `dir`; a syntax error or duplicate id fails here,
    /// at start-up, rather than at the first lookup.
    pub fn load(dir: &Path) -> anyhow::Result<Self> {
        let fallback: LanguageIdentifier = FALLBACK.parse()?;
        let loader = ArcLoader::builder(dir, fallback)
            .customize(|bundle| {
                let first = bundle.locales.first().cloned();
                if first
                    .as_ref()
                    .and_then(|l| l.region)
                    .is_some_and(|r| r.as_str() == "XA")
                {
                    bundle.set_transform(Some(pseudo_transform));
                }
                // Isolation marks (FSI/PDI) only matter where right-to-left text can meet
                // left-to-right text; in LTR languages text browsers print them as junk.
                let rtl = first.is_some_and(|l| l.character_direction() == CharacterDirection::RTL);
                bundle.set_use_isolating(rtl);
            })
            .build()
            .map_err(|e| anyhow::anyhow!("{e:?}"))
            .with_context(|| format!("loading Fluent files from {}", dir.display()))?;
        let mut locales: Vec<Locale> = loader
            .locales()
            .map(|id| Locale {
                id: id.clone(),
                tag: id.to_string(),
            })
            .collect();
        if !locales.iter().any(|l| l.tag == FALLBACK) {
            bail!(
                "{} has no `{FALLBACK}` folder: Indonesian is the fallback language",
                dir.display()
            );
        }
        // The fallback first, then the others in a stable order.
        locales.sort_by(|a, b| (a.tag != FALLBACK, &a.tag).cmp(&(b.tag != FALLBACK, &b.tag)));
        let i18n = Self {
            loader,
            locales,
            missing: AtomicUsize::new(0),
        };
        Ok(i18n)
    }

    /// Every language that can be routed to, the fallback first.
    pub fn locales(&self) -> &[Locale] {
        &self.locales
    }

    /// The languages offered to people (pseudo-locales left out).
    pub fn offered(&self) -> impl Iterator<Item = &Locale> {
        self.locales.iter().filter(|l| !l.is_pseudo())
    }

    /// The language with this URL tag, if the portal has it.
    pub fn find(&self, tag: &str) -> Option<&Locale> {
        self.locales.iter().find(|l| l.tag == tag)
    }

    /// The fallback language.
    pub fn fallback(&self) -> &Locale {
        // `load` guarantees the fallback exists and sorts it first.
        &self.locales[0]
    }

    /// The best offered language for an `Accept-Language` header.
    pub fn negotiate(&self, accept_language: Option<&str>) -> &Locale {
        let requested = accept_language
            .map(fluent_langneg::parse_accepted_languages)
            .unwrap_or_default();
        let available: Vec<LanguageIdentifier> = self.offered().map(|l| l.id.clone()).collect();
        let fallback = self.fallback().id.clone();
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&fallback),
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        chosen
            .first()
            .and_then(|id| self.locales.iter().find(|l| &l.id == *id))
            .unwrap_or_else(|| self.fallback())
    }

    /// The message `id` (or `id.attribute`) in `locale`, falling back to Indonesian.
    pub fn t(&self, locale: &Locale, id: &str) -> String {
        self.lookup(locale, id, None)
    }

    /// The message with variables.
    pub fn t_args(&self, locale: &Locale, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Owned((*k).to_owned()), v.clone()))
            .collect();
        self.lookup(locale, id, Some(&map))
    }

    /// Like [`I18n::t`], but `None` when no language has the message (for optional hints).
    pub fn try_t(&self, locale: &Locale, id: &str) -> Option<String> {
        self.loader.try_lookup(&locale.id, id)
    }

    /// The language message `id` comes from when `locale` lacks it and it falls back to
    /// Indonesian (`None`: the locale has it), so a page can mark the fallback with its
    /// `lang` (issue 21).
    pub fn fallback_lang(&self, locale: &Locale, id: &str) -> Option<&'static str> {
        if locale.tag == FALLBACK {
            return None;
        }
        match self
            .loader
            .lookup_single_language::<String>(&locale.id, id, None)
        {
            Ok(_) => None,
            // Present, but its variables were not given here: not a fallback.
            Err(e) if format!("{e:?}").starts_with("FluentError") => None,
            Err(_) => Some(FALLBACK),
        }
    }

    /// How many lookups found no message since start-up (tests assert zero).
    pub fn missing_count(&self) -> usize {
        self.missing.load(Ordering::Relaxed)
    }

    fn lookup(
        &self,
        locale: &Locale,
        id: &str,
        args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>>,
    ) -> String {
        match self.loader.try_lookup_complete(&locale.id, id, args) {
            Some(text) => text,
            None => {
                self.missing.fetch_add(1, Ordering::Relaxed);
                tracing::error!(message_id = id, lang = %locale.tag, "missing Fluent message");
                id.to_owned()
            }
        }
    }
}

/// Pseudo-localisation: ASCII letters become accented look-alikes, so any visible
/// ASCII word on a pseudo-locale page did not come through Fluent.
fn pseudo_transform(text: &str) -> Cow<'_, str> {
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: &str = "ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ";
    let map: Vec<(char, char)> = FROM.chars().zip(TO.chars()).collect();
    Cow::Owned(
        text.chars()
            .map(|c| map.iter().find(|(a, _)| *a == c).map_or(c, |(_, b)| *b))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudo_transform_leaves_no_ascii_letters() {
        let out = pseudo_transform("Send a Report, 5 photos!");
        assert!(!out.chars().any(|c| c.is_ascii_alphabetic()), "{out}");
        assert!(out.contains('5') && out.contains('!'));
    }
}
