// What an entry's or a flow's `steps` can do: the actions of a person in a browser, and a
// few ways to reach states that no visible control reaches (a 405, a 413). Each helper
// waits for the page it leads to. Paths may contain {lang} (the state's language) and
// {other} (the other language).
import http from 'node:http';
import { msg } from './fluent.mjs';

export class StepError extends Error {}
/** Thrown by t.skip(): the state cannot be reached today; listed, not failed. */
export class SkipError extends Error {}

const OTHER = { id: 'en', en: 'id' };

export function makeSteps(page, { base, lang }) {
  const path = (p) => p.replaceAll('{lang}', lang).replaceAll('{other}', OTHER[lang] ?? lang);
  const url = (p) => new URL(path(p), base).href;

  // Run `action`, which starts a navigation, and wait until the new page has loaded.
  async function navigating(action) {
    const nav = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 15000 });
    await action();
    await nav;
    await page.waitForLoadState('load');
  }

  // Where to look: the whole page, a region named `within` (a section with a heading, like
  // one action's form on a staff case page), or a Playwright locator.
  const scope = (within) => {
    if (!within) return page;
    if (typeof within === 'string' || within instanceof RegExp) return page.getByRole('region', { name: within, exact: true });
    return within;
  };
  const where = (within) => (within ? ` in "${typeof within === 'string' || within instanceof RegExp ? within : 'the part given'}"` : '');

  // The one control labelled `label`, or a StepError that says there is none.
  async function labelled(label, within) {
    const loc = scope(within).getByLabel(label, { exact: true });
    const n = await loc.count();
    if (n !== 1) throw new StepError(n ? `${n} fields are labelled "${label}"${where(within)}` : `no field is labelled "${label}"${where(within)}`);
    return loc;
  }

  const t = {
    page,
    lang,
    other: OTHER[lang] ?? lang,
    url,
    path,

    /** Fail the step with a message. */
    expect(cond, message) {
      if (!cond) throw new StepError(message);
    },
    /** The state cannot be reached (say why): listed as skipped, not failed. */
    skip(reason) {
      throw new SkipError(reason);
    },
    /** The site's text `id` in this state's language (locales/{lang}/*.ftl). */
    msg(id) {
      return msg(lang, id);
    },
    /** Wait like a person reading or typing would. */
    async wait(ms) {
      await page.waitForTimeout(ms);
    },
    /** The trimmed text of the first element matching `selector`. */
    async text(selector) {
      return ((await page.locator(selector).first().textContent({ timeout: 5000 })) || '').trim().replace(/\s+/g, ' ');
    },
    /** The value of the field labelled `label`. */
    async value(label) {
      return (await labelled(label)).inputValue();
    },
    /**
     * A plain POST from the browser's context, not a page: it sends the context's cookies
     * and keeps the ones it sets (a draft, a session). Returns the status.
     */
    async post(p, form) {
      const r = await page.request.post(url(p), { form, maxRedirects: 0 });
      return r.status();
    },
    /**
     * A plain multipart POST from the browser's context (its cookies), as a form with a
     * file input sends: `fields` values are strings or { name, mimeType, buffer } files.
     * Returns the status.
     */
    async postFiles(p, fields) {
      const r = await page.request.post(url(p), { multipart: fields, maxRedirects: 0 });
      return r.status();
    },
    /**
     * Give the browser a cookie for the site, as an earlier visit would have (`options`:
     * its attributes as the site sets them, e.g. { httpOnly: true, sameSite: 'Strict' }).
     */
    async setCookie(name, value, options = {}) {
      await page.context().addCookies([{ name, value, url: base, ...options }]);
    },
    /** Forget the site's cookies (a lost or expired session, another device). */
    async clearCookies() {
      await page.context().clearCookies();
    },

    /** Open a page by its address, as typing it would. */
    async goto(p) {
      return page.goto(url(p), { waitUntil: 'load' });
    },

    // `within` (optional, last): only the controls of a region of that name (or a locator),
    // for pages where several forms use the same label (a staff case: "Reason" twice).
    /** Type into the text field whose label is `label` (exact text). */
    async fill(label, value, within) {
      await (await labelled(label, within)).fill(value);
    },
    /** Tick a checkbox or choose a radio button by its label. */
    async check(label, within) {
      await (await labelled(label, within)).check();
    },
    /**
     * Choose `option` in the select whose label is `label`: its visible text, or
     * { value } for lists from content (provinces, regencies) named by their code.
     */
    async select(label, option, within) {
      await (await labelled(label, within)).selectOption(typeof option === 'string' ? { label: option } : option);
    },
    /**
     * Attach a file to the file input whose label is `label`: a path, or
     * { name, mimeType, buffer } for a file made on the spot.
     */
    async attach(label, files) {
      await (await labelled(label)).setInputFiles(files);
    },
    /**
     * Press the submit button named `name` (exact text, or a RegExp), by keyboard (focus
     * it, press Enter); `within` as for fill.
     */
    async submit(name, within) {
      const button = scope(within).getByRole('button', { name, exact: true });
      if ((await button.count()) !== 1) throw new StepError(`no single button named "${name}"${where(within)}`);
      await button.focus();
      await navigating(() => page.keyboard.press('Enter'));
    },
    /**
     * Follow the link named `name` (exact text, or a RegExp) by keyboard; `within`: only in
     * the navigation landmark of that name (or a locator), when another link has the name.
     */
    async follow(name, within) {
      const area = typeof within === 'string' ? page.getByRole('navigation', { name: within, exact: true }) : within || page;
      const link = area.getByRole('link', { name, exact: true }).first();
      if ((await link.count()) === 0) throw new StepError(`no link named "${name}"${within ? ` in "${within}"` : ''}`);
      await link.focus();
      await navigating(() => page.keyboard.press('Enter'));
    },

    /** Press Tab (or Shift+Tab) and say what has focus. */
    async tab(shift = false) {
      await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
      return t.focused();
    },
    /** Press Enter; when `navigates`, wait for the page it leads to. */
    async enter(navigates = false) {
      if (navigates) await navigating(() => page.keyboard.press('Enter'));
      else await page.keyboard.press('Enter');
    },
    /** What has focus: tag, text, attributes (works with JavaScript disabled too). */
    async focused() {
      const loc = page.locator(':focus');
      if ((await loc.count()) === 0) return { tag: 'body', text: '' };
      return loc.first().evaluate((el) => ({
        tag: el.localName,
        text: (el.textContent || el.value || '').trim().replace(/\s+/g, ' '),
        id: el.id,
        href: el.getAttribute('href'),
        hreflang: el.getAttribute('hreflang'),
        className: el.className,
        type: el.getAttribute('type'),
        lang: el.getAttribute('lang'),
        name: el.getAttribute('name'),
      }));
    },
    /** Press Tab until `pred(focused)` holds (at most `max` presses); returns what has focus. */
    async tabUntil(pred, what, max = 60) {
      for (let i = 0; i < max; i++) {
        const f = await t.tab();
        if (pred(f)) return f;
      }
      throw new StepError(`pressed Tab ${max} times without reaching ${what}`);
    },

    /**
     * POST a form from the current page, for states that no visible form reaches (a POST
     * to a GET-only page). The browser submits it and renders the answer as served.
     */
    async postForm(action, fields = {}) {
      await navigating(() => page.evaluate(([a, f]) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = a;
        for (const [k, v] of Object.entries(f)) {
          const i = document.createElement('input');
          i.type = 'hidden'; i.name = k; i.value = v;
          form.append(i);
        }
        document.body.append(form);
        form.requestSubmit();
      }, [url(action), fields]));
    },

    /**
     * A POST whose body is over the server's limit (a 413), without sending 55 MB: the
     * browser's POST is answered with what the real server says to a request that declares
     * a Content-Length of 60,000,000 bytes (same URL, same cookies).
     */
    async oversizedPost(action, declaredBytes = 60_000_000) {
      const target = url(action);
      const handler = async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const cookies = (await page.context().cookies(target)).map((c) => `${c.name}=${c.value}`).join('; ');
        const res = await rawPost(target, declaredBytes, { cookie: cookies, 'accept-language': lang });
        const headers = { ...res.headers };
        for (const h of ['content-length', 'transfer-encoding', 'connection', 'keep-alive']) delete headers[h];
        return route.fulfill({ status: res.status, headers, body: res.body });
      };
      await page.route(target, handler);
      try {
        await t.postForm(action, { text: 'x' });
      } finally {
        await page.unroute(target, handler);
      }
    },
  };
  return t;
}

// Send only the headers of a POST that declares `declaredBytes`, and read the answer.
function rawPost(target, declaredBytes, extra) {
  return new Promise((resolve, reject) => {
    const u = new URL(target);
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(declaredBytes) };
    for (const [k, v] of Object.entries(extra)) if (v) headers[k] = v;
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', headers });
    const timer = setTimeout(() => { req.destroy(); reject(new Error(`no answer from ${target} in 10 s`)); }, 10000);
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', (e) => { clearTimeout(timer); if (!req.destroyed) reject(e); });
    req.write('text=x');
  });
}
