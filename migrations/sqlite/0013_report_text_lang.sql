-- Issue 21: the language a report's title and description were written in (the language
-- of the page they were typed on), so pages can mark the citizen's text with `lang` and
-- screen readers pronounce it in its own language. Existing reports stay NULL: unknown.
-- Guessing 'id' (or the interface language at sending) would mark English text as
-- Indonesian, which reads worse than no mark at all (the text then takes the page's
-- language, as before).
ALTER TABLE reports ADD COLUMN text_lang TEXT;
