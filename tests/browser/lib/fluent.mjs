// The site's own words, read from locales/{lang}/*.ftl, so that entries and flows name
// labels and buttons the way the page does in each language (simple messages only: no
// placeables; multi-line values are joined with spaces).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LOCALES = process.env.BALAI_LOCALES_DIR
  || path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'locales');
const cache = new Map();

function load(lang) {
  const dir = path.join(LOCALES, lang);
  const messages = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ftl')).sort()) {
    let current = null;
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const m = /^([a-zA-Z][\w-]*)\s*=\s*(.*)$/.exec(line);
      if (m) { current = m[1]; messages.set(current, m[2].trim()); continue; }
      if (current && /^\s+\S/.test(line) && !/^\s*[.*[]/.test(line)) {
        messages.set(current, `${messages.get(current)} ${line.trim()}`.trim());
      } else current = null;
    }
  }
  return messages;
}

/** The text of message `id` in `lang`; throws when it is missing or (unless `raw`) has placeables. */
export function msg(lang, id, { raw = false } = {}) {
  if (!cache.has(lang)) cache.set(lang, load(lang));
  const text = cache.get(lang).get(id);
  if (text === undefined) throw new Error(`no message ${id} in locales/${lang}`);
  if (!raw && text.includes('{')) throw new Error(`message ${id} has placeables: use a literal instead`);
  return text;
}
