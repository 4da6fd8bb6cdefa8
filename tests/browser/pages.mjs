// THE LIST OF EVERY PAGE AND EVERY STATE of Balai that the browser suite checks.
// A new page, form state, confirmation page or error page joins here, or it is not tested.
//
// Each entry in `states` is checked in every language of `LANGS` (unless it sets `langs`),
// in a normal browser context, with all the checks (axe-core, Nu Html Checker, reflow,
// text spacing, keyboard, target size, accessible names, no script; see README.md):
//
//   name     unique, short; used in the report and in file names of screenshots/HTML.
//   path     how to reach it by address: '/{lang}/pages/about' ({lang} is the state's
//            language, {other} the other one). Use `path` OR `steps`.
//   steps    async (t) => { ... } for states a person reaches by acting: fill a form and
//            submit it, follow a link, get a cookie. `t` is lib/steps.mjs: t.goto(path),
//            t.fill(label, value), t.check(label), t.select(label, option),
//            t.attach(label, files), t.submit(buttonName), t.follow(linkName), t.tab(),
//            t.focused(), t.tabUntil(pred), t.expect(cond, msg), t.postForm(action, fields),
//            t.oversizedPost(action); t.lang, t.page (Playwright) when nothing else will do.
//            Whatever page the browser shows when steps end is the state checked.
//   status   the HTTP status the state's page must have (of the last navigation).
//   errorTitle  true for a form shown again with errors: its <title> must start with the
//            "Error: " text of the page's language (DESIGN.md section 5).
//   lynx     true: `lynx -dump` of it must show the skip link first, then its headings,
//            labels and legends in reading order (lynx opens the state's address afresh,
//            so the state's last page must have been a GET).
//   runLast  true: reaching it uses something up for the rest of the run (a rate limit):
//            it runs after every other state and flow.
//   langs    override the languages (rarely: every page exists in both).
//
// Steps may call t.skip(reason) when the state cannot be reached today (no workshop has
// its registration open): listed as SKIPPED in the report, not failed.
//
// `flows` run in a SEPARATE context with JavaScript disabled, the way a person without
// script gets through: each `steps(t)` must end where it says (t.expect). Add one flow per
// form: submit it with an error first, correct it, reach the confirmation page.

import { msg } from './lib/fluent.mjs';

export const LANGS = ['id', 'en'];
/** How a page showing form errors starts its title (page-title-error in locales/{id,en}/common.ftl). */
export const ERROR_TITLE_PREFIX = Object.fromEntries(LANGS.map((l) => [l, msg(l, 'page-title-error', { raw: true }).split('{')[0]]));

const contentPage = (slug) => ({ name: slug, path: `/{lang}/pages/${slug}`, status: 200, lynx: true });

// ── Workshops: which one can a person register for today? ────────────────────────────
// Registration windows follow the real clock, so the workshop is found, not named: one
// whose register page shows the form, preferring one with both ways to take part (the
// attendance radios) and wheelchair places (the most fields and errors).
let openCache;
async function findOpenWorkshop(t) {
  const list = await (await fetch(t.url('/en/workshops'))).text();
  const slugs = [...new Set([...list.matchAll(/href="\/en\/workshops\/([a-z0-9-]+)"/g)].map((m) => m[1]))];
  const open = [];
  for (const slug of slugs) {
    const html = await (await fetch(t.url(`/en/workshops/${slug}/register`))).text();
    if (html.includes('id="registration-form"')) {
      open.push({ slug, both: html.includes('name="attendance"'), wheelchair: html.includes('name="need_wheelchair"') });
    }
  }
  open.sort((a, b) => (b.both + b.wheelchair) - (a.both + a.wheelchair));
  return open[0] || null;
}
async function openWorkshop(t) {
  openCache ||= findOpenWorkshop(t); // once per run, shared by concurrent states
  const w = await openCache;
  if (!w) t.skip('no workshop has its registration open today (the content dates are past); a fixed clock for the server would keep this state testable');
  return w;
}

let registrations = 0;
const uniqueEmail = () => `peserta.${Date.now().toString(36)}.${registrations++}@example.id`;

/** Open the registration form of the open workshop the way a person does: from its page. */
async function openRegisterForm(t) {
  const w = await openWorkshop(t);
  await t.goto(`/{lang}/workshops/${w.slug}`);
  await t.follow(t.msg('workshop-register-button'));
  return w;
}

/** Fill the registration form correctly (a fresh email unless given). */
async function fillRegistration(t, w, email = uniqueEmail()) {
  await t.fill(t.msg('register-name'), 'Sari Wulandari');
  await t.fill(t.msg('register-email'), email);
  await t.fill(t.msg('register-phone'), '0812 3456 7890');
  if (w.both) await t.check(t.msg('workshop-format-in-person'));
  await t.check(t.msg('need-captions'));
  await t.check(t.msg('register-consent'));
  return email;
}

/**
 * Register through the form; ends on the registration's status page. With `asPerson`, wait
 * as long as a person takes (min_form_seconds is 2: faster submissions are held as
 * possible spam, whose status page says so; the other states do not need to wait).
 */
async function register(t, { asPerson = false } = {}) {
  const w = await openRegisterForm(t);
  const email = await fillRegistration(t, w);
  if (asPerson) await t.wait(2100);
  await t.submit(t.msg('register-submit'));
  t.expect(/\/workshops\/registrations\/[^/?]+\?t=/.test(t.page.url()), `registering led to ${t.page.url()}, not a status page`);
  const code = await t.text('.code-display');
  return { w, email, code };
}

export const states = [
  // ── Ordinary pages ─────────────────────────────────────────────────────────────────
  { name: 'home', path: '/{lang}/', status: 200, lynx: true },
  contentPage('about'),
  contentPage('help'),
  contentPage('privacy'),
  contentPage('accessibility'),

  // ── Campaigns ──────────────────────────────────────────────────────────────────────
  { name: 'campaigns', path: '/{lang}/campaigns', status: 200, lynx: true },
  ...['lapor-tanpa-hambatan', 'muda-bersuara', 'suara-setara']
    .map((slug) => ({ name: `campaign-${slug}`, path: `/{lang}/campaigns/${slug}`, status: 200 })),

  // ── Workshops: list, filters (a GET form), pages ───────────────────────────────────
  { name: 'workshops', path: '/{lang}/workshops', status: 200, lynx: true },
  {
    name: 'workshops-filtered', status: 200,
    steps: async (t) => {
      await t.goto('/{lang}/workshops');
      await t.select(t.msg('workshops-filter-province'), 'Bali');
      await t.submit(t.msg('workshops-filter-submit'));
    },
  },
  {
    name: 'workshops-filtered-none', status: 200,
    steps: async (t) => {
      await t.goto('/{lang}/workshops');
      await t.select(t.msg('workshops-filter-province'), 'Bali');
      await t.select(t.msg('workshops-filter-format'), t.msg('workshop-format-online'));
      await t.submit(t.msg('workshops-filter-submit'));
    },
  },
  {
    name: 'workshop-open', status: 200,
    steps: async (t) => { const w = await openWorkshop(t); await t.goto(`/{lang}/workshops/${w.slug}`); },
  },
  { name: 'workshop-past', path: '/{lang}/workshops/suara-setara-yogyakarta-2026-08', status: 200 },
  { name: 'workshop-online', path: '/{lang}/workshops/muda-bersuara-daring-2027-01', status: 200 },

  // ── Form: workshop registration ────────────────────────────────────────────────────
  { name: 'register', status: 200, lynx: true, steps: openRegisterForm },
  {
    // Every "missing" error: name, contact, attendance (when both), consent.
    name: 'register-errors-required', status: 422, errorTitle: true,
    steps: async (t) => { await openRegisterForm(t); await t.submit(t.msg('register-submit')); },
  },
  {
    // Every "wrong" error: too long, email and phone format, details missing for ticked
    // needs, a wheelchair space online (when the workshop has both and wheelchair places).
    name: 'register-errors-invalid', status: 422, errorTitle: true,
    steps: async (t) => {
      const w = await openRegisterForm(t);
      await t.fill(t.msg('register-name'), 'S'.repeat(101));
      await t.fill(t.msg('register-email'), 'sari@');
      await t.fill(t.msg('register-phone'), '12');
      if (w.both) await t.check(t.msg('workshop-format-online'));
      if (w.wheelchair) await t.check(t.msg('need-wheelchair'));
      await t.check(t.msg('need-dietary'));
      await t.check(t.msg('need-other'));
      await t.check(t.msg('register-consent'));
      await t.submit(t.msg('register-submit'));
    },
  },
  {
    name: 'register-errors-email-taken', status: 422, errorTitle: true,
    steps: async (t) => {
      const first = await register(t);
      const w = await openRegisterForm(t);
      await fillRegistration(t, w, first.email);
      await t.submit(t.msg('register-submit'));
    },
  },
  { name: 'register-done', status: 200, steps: (t) => register(t, { asPerson: true }) },
  { name: 'register-closed', path: '/{lang}/workshops/suara-setara-yogyakarta-2026-08/register', status: 200 },
  // register 409 (closed while filling in): needs the clock to move; not reachable.

  // ── Form: look-up; a registration's status; cancelling ─────────────────────────────
  { name: 'lookup', path: '/{lang}/workshops/registrations', status: 200, lynx: true },
  {
    name: 'lookup-errors-required', status: 422, errorTitle: true,
    steps: async (t) => { await t.goto('/{lang}/workshops/registrations'); await t.submit(t.msg('lookup-submit')); },
  },
  {
    name: 'lookup-errors-not-found', status: 422, errorTitle: true,
    steps: async (t) => {
      await t.goto('/{lang}/workshops/registrations');
      await t.fill(t.msg('lookup-code'), 'K7M-4QX-92B');
      await t.fill(t.msg('lookup-contact'), 'nobody@example.id');
      await t.submit(t.msg('lookup-submit'));
    },
  },
  {
    name: 'registration-status', status: 200,
    steps: async (t) => {
      const r = await register(t);
      await t.goto('/{lang}/workshops/registrations');
      await t.fill(t.msg('lookup-code'), r.code);
      await t.fill(t.msg('lookup-contact'), r.email);
      await t.submit(t.msg('lookup-submit'));
    },
  },
  {
    name: 'cancel-confirm', status: 200,
    steps: async (t) => { await register(t); await t.follow(t.msg('registration-cancel-link')); },
  },
  {
    name: 'cancel-done', status: 200,
    steps: async (t) => {
      await register(t);
      await t.follow(t.msg('registration-cancel-link'));
      await t.submit(t.msg('cancel-submit'));
    },
  },

  // ── Forms still to come (reports, staff pages signed in): add them here the same
  //    way: each step empty, with every kind of error, and each confirmation page. ──

  // ── Error pages ────────────────────────────────────────────────────────────────────
  { name: 'error-404', path: '/{lang}/does-not-exist', status: 404 },
  {
    name: 'error-405',
    status: 405,
    // No visible form posts to a GET-only page: the browser submits a made-up one.
    steps: async (t) => { await t.goto('/{lang}/'); await t.postForm('/{lang}/', { text: 'x' }); },
  },
  {
    name: 'error-413',
    status: 413,
    // The browser's POST gets the server's real answer to a 60 MB Content-Length.
    steps: async (t) => { await t.goto('/{lang}/'); await t.oversizedPost('/{lang}/'); },
  },
  {
    // 429: the look-up form past its limit (lookups_per_hour, 20 per address): plain
    // requests use the limit up, then the person's own submission is refused. It uses the
    // limit up for the rest of the run, hence runLast.
    name: 'error-429', status: 429, errorTitle: true, runLast: true,
    steps: async (t) => {
      await t.goto('/{lang}/workshops/registrations');
      let limited = false;
      for (let i = 0; i < 60 && !limited; i++) {
        limited = (await t.post('/{lang}/workshops/registrations', { code: 'K7M-4QX-92B', contact: 'nobody@example.id' })) === 429;
      }
      t.expect(limited, 'sixty look-ups did not reach the rate limit');
      await t.fill(t.msg('lookup-code'), 'K7M-4QX-92B');
      await t.fill(t.msg('lookup-contact'), 'nobody@example.id');
      await t.submit(t.msg('lookup-submit'));
    },
  },
  // 429 of the registration form (submissions_per_hour, 30): the same page as a
  //   registration error with a notice; not provoked (30 registrations), the look-up's is.
  // 500: cannot be provoked from outside (only a panicking handler gives one; the Rust
  //   tests reach it with an extra route, tests/api/errors.rs). No entry.
];

// ── No-JavaScript flows ─────────────────────────────────────────────────────────────
const ordinaryPages = states.filter((s) => s.path && s.status === 200);

/** Skip link by keyboard to main, then the language switch by keyboard: same page, other language. */
async function skipLinkThenLanguageSwitch(t, path) {
  const res = await t.goto(path);
  t.expect(res && res.status() === 200, `${t.path(path)} answered ${res && res.status()}`);
  const first = await t.tab();
  t.expect(first.href === '#main', `first Tab went to <${first.tag}> "${first.text}", not the skip link`);
  await t.enter();
  const inMain = await t.focused();
  t.expect(inMain.tag === 'main', `after Enter on the skip link focus is on <${inMain.tag}>, not <main>`);
  t.expect(t.page.url().endsWith('#main'), `after the skip link the address is ${t.page.url()}`);

  await t.goto(path);
  const sw = await t.tabUntil((f) => f.hreflang === t.other || (f.tag === 'button' && f.lang === t.other),
    `the language switch to "${t.other}"`);
  await t.enter(true);
  const expected = t.url(path.replace('/{lang}/', '/{other}/'));
  t.expect(t.page.url() === expected, `language switch "${sw.text}" led to ${t.page.url()}, expected ${expected}`);
  const lang = await t.page.locator('html').getAttribute('lang');
  t.expect(lang === t.other, `the page after the switch has lang="${lang}", expected "${t.other}"`);
  const back = await t.page.locator(`link[rel=alternate][hreflang="${t.lang}"]`).getAttribute('href');
  t.expect(back && t.url(back) === t.url(path), `the switched page's way back is ${back}, expected ${t.path(path)}`);
}

export const flows = [
  ...ordinaryPages.map((s) => ({
    name: `skip link and language switch (${s.name})`,
    steps: (t) => skipLinkThenLanguageSwitch(t, s.path),
  })),
  {
    name: 'root redirects by Accept-Language',
    steps: async (t) => {
      await t.page.setExtraHTTPHeaders({ 'Accept-Language': t.lang });
      await t.goto('/');
      t.expect(t.page.url() === t.url('/{lang}/'), `/ with Accept-Language ${t.lang} led to ${t.page.url()}`);
    },
  },
  {
    name: 'workshop filters',
    steps: async (t) => {
      await t.goto('/{lang}/workshops');
      await t.select(t.msg('workshops-filter-province'), 'Bali');
      await t.submit(t.msg('workshops-filter-submit'));
      t.expect(new URL(t.page.url()).searchParams.get('province') === '51', `filtering led to ${t.page.url()}`);
      t.expect((await t.page.locator('.workshop-list li').count()) >= 1, 'no workshop in Bali listed');
    },
  },
  {
    name: 'register: errors first, then corrected, then cancel',
    steps: async (t) => {
      const w = await openRegisterForm(t);
      await t.submit(t.msg('register-submit'));
      t.expect((await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.lang]), `after an empty submission the title is "${await t.page.title()}"`);
      const f = await t.focused();
      t.expect(f.className.includes('error-summary'), `the error summary is not focused on arrival (focus: <${f.tag}> "${f.text.slice(0, 40)}")`);
      await fillRegistration(t, w);
      await t.wait(2100); // as long as a person takes (faster is held as possible spam)
      await t.submit(t.msg('register-submit'));
      t.expect((await t.text('.notice')) === t.msg('registration-notice-registered'), `no "registered" notice at ${t.page.url()}`);
      t.expect((await t.text('.registration-status')) === t.msg('registration-status-confirmed'), `status says "${await t.text('.registration-status')}"`);
      await t.follow(t.msg('registration-cancel-link'));
      await t.submit(t.msg('cancel-submit'));
      t.expect((await t.text('.notice')) === t.msg('registration-notice-cancelled'), `no "cancelled" notice at ${t.page.url()}`);
    },
  },
  {
    name: 'registration form language switch keeps what was typed',
    steps: async (t) => {
      await openRegisterForm(t);
      await t.fill(t.msg('register-name'), 'Sari Wulandari');
      const sw = await t.tabUntil((f) => f.tag === 'button' && f.lang === t.other, `the language switch button to "${t.other}"`);
      await t.enter(true);
      const lang = await t.page.locator('html').getAttribute('lang');
      t.expect(lang === t.other, `after "${sw.text}" the page has lang="${lang}"`);
      const kept = await t.page.locator('#name').inputValue();
      t.expect(kept === 'Sari Wulandari', `the name typed became "${kept}" after the switch`);
      t.expect(!(await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.other]), 'the switch showed errors');
    },
  },
  {
    name: 'look-up: errors first, then found',
    steps: async (t) => {
      const r = await register(t);
      await t.goto('/{lang}/workshops/registrations');
      await t.submit(t.msg('lookup-submit'));
      t.expect((await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.lang]), 'an empty look-up does not say Error in the title');
      await t.fill(t.msg('lookup-code'), r.code);
      await t.fill(t.msg('lookup-contact'), r.email);
      await t.submit(t.msg('lookup-submit'));
      t.expect(t.page.url().includes(`/workshops/registrations/`), `the look-up led to ${t.page.url()}`);
      t.expect((await t.text('.code-display')) === r.code, 'the status page shows another code');
    },
  },
];
