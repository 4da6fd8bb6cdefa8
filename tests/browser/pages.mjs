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
//            (fill, check, select and submit take a last `within`: a region's name or a
//            locator, where one page has several forms with the same labels; follow takes a
//            navigation's name),
//            t.focused(), t.tabUntil(pred), t.expect(cond, msg), t.postForm(action, fields),
//            t.oversizedPost(action); plain requests in the browser's context (its cookies):
//            t.post(path, fields), t.postFiles(path, fields); t.setCookie(name, value, attrs),
//            t.clearCookies(); t.lang, t.page (Playwright) when nothing else will do.
//            Whatever page the browser shows when steps end is the state checked.
//   status   the HTTP status the state's page must have (of the last navigation).
//   errorTitle  true for a form shown again with errors: its <title> must start with the
//            "Error: " text of the page's language (DESIGN.md section 5).
//   lynx     true: `lynx -dump` of it must show the skip link first, then its headings,
//            labels and legends in reading order (lynx opens the state's address afresh,
//            with the state's cookies, so the state's last page must have been a GET).
//   runLast  true: reaching it uses something up for the rest of the run (a rate limit):
//            it runs after every other state and flow.
//   langs    override the languages (rarely: every page exists in both).
//   titleGroup  states of one group are pages with different content (a search, a filter,
//            page n, a staff list): each must have a <title> of its own (check distinct-title).
//
// Steps may call t.skip(reason) when the state cannot be reached today (no workshop has
// its registration open): listed as SKIPPED in the report, not failed.
//
// `flows` run with JavaScript disabled (each in a context of its own, after the states),
// the way a person without script gets through: each `steps(t)` must end where it says
// (t.expect). Add one flow per form: submit it with an error first, correct it, reach the
// confirmation page.
//
// Staff: the back-office states sign in with the demo accounts `balai seed --demo` prints
// (see "Staff" below: one sign-in per role per run, the session shared).
//
// Reports: states that need a report in a given state use the demo reports of
// `balai seed --demo` (run.sh hands their codes and keys over in BALAI_DEMO_REPORTS);
// without them those states are SKIPPED. States run two at a time and change nothing the
// others rely on: no state adds information to the report whose question is open (that
// would change its status) or rates the report the rating error is shown on.

import fs from 'node:fs';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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


// ── Reports: the form ────────────────────────────────────────────────────────────────
// Every state of the form needs a draft of its own (errors are saved into the draft, so
// states running at once must not share one): `reportDraft` starts one with the start
// page's own POST and answers the steps before the one tested with plain POSTs from the
// browser's context (the draft cookie stays in the browser), then opens the step. What
// the state is about (an empty submission, a wrong answer) is then done through the page.
const HERE = path.dirname(fileURLToPath(import.meta.url));
/** A real photo (from the content), for uploads. */
const PHOTO = path.join(HERE, '..', '..', 'content', 'images', 'campaign-suara-setara.jpg');
const photoFile = () => ({ name: 'ramp.jpg', mimeType: 'image/jpeg', buffer: fs.readFileSync(PHOTO) });
/** Not a photo, though named like one. */
const NOT_A_PHOTO = { name: 'x.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('This is a text file, not a photo.\n') };

// The server's "today" (run.sh starts the clock at BALAI_NOW), for dates in the past and future.
const TODAY = process.env.BALAI_NOW ? new Date(process.env.BALAI_NOW) : new Date();
const PAST = new Date(TODAY.getTime() - 10 * 86400e3);

/** The steps of the report form, in order (slugs of /{lang}/reports/new/{step}). */
const REPORT_STEPS = ['kind', 'details', 'personal-data', 'province', 'place', 'date', 'agency', 'photos', 'privacy', 'about-you', 'check'];
/** A correct answer to each step (the fields each step's form posts). */
const REPORT_ANSWERS = {
  kind: { kind: 'complaint' },
  details: {
    title: 'Ramp at the village office is broken',
    description: 'The ramp at the entrance of the village office has a 20 cm step at the top.\nPeople who use wheelchairs cannot get in.',
    category: 'accessibility-barrier',
  },
  province: { province: '51' },
  place: { regency: '51.71', place: 'Jalan Gatot Subroto 12' },
  date: { day: String(PAST.getUTCDate()), month: String(PAST.getUTCMonth() + 1), year: String(PAST.getUTCFullYear()) },
  agency: { agency: 'reg-51.71' },
  privacy: { privacy: 'public' },
  'about-you': { name: 'Sari Wulandari', email: 'sari@example.id', phone: '0812 3456 7890', behalf: 'self', consent: 'yes' },
};
/** Text that looks like personal data: an identity number (NIK), a phone number, an email. */
const PERSONAL_DATA = 'My NIK is 3171 0123 4567 8901, call me on 0812 3456 7890 or write to sari@example.id.';

/**
 * A draft of its own with every step before `upTo` answered (`answers` overrides some
 * fields by step; `photos` uploads that many; `keepPersonalData` answers the warning that
 * text with personal data brings), then the page of step `upTo`.
 */
async function reportDraft(t, upTo, { answers = {}, photos = 0, keepPersonalData = false } = {}) {
  const start = await t.post('/{lang}/reports/new', {});
  t.expect(start === 303, `"${t.msg('report-start-button')}" answered ${start}, not a redirect to the first step`);
  for (const step of REPORT_STEPS) {
    if (step === upTo) break;
    let status = 303;
    if (step === 'photos') {
      for (let i = 0; i < photos && status === 303; i++) {
        status = await t.postFiles('/{lang}/reports/new/photos', { photo: photoFile(), photo_description: `Photo ${i + 1}: the step at the top of the ramp` });
      }
    } else if (step === 'personal-data') {
      if (keepPersonalData) status = await t.post('/{lang}/reports/new/personal-data', { personal_data_choice: 'keep' });
    } else {
      status = await t.post(`/{lang}/reports/new/${step}`, { ...REPORT_ANSWERS[step], ...answers[step] });
    }
    t.expect(status === 303, `answering step "${step}" correctly answered ${status}`);
  }
  return t.goto(`/{lang}/reports/new/${upTo}`);
}

/** Start a report the way a person does: the start page's button. */
async function startReport(t) {
  await t.goto('/{lang}/reports/new');
  await t.submit(t.msg('report-start-button'));
  t.expect(t.page.url().endsWith(t.path('/{lang}/reports/new/kind')), `"${t.msg('report-start-button')}" led to ${t.page.url()}`);
}

const continueButton = (t) => t.submit(t.msg('report-continue'));
/** The error summary says each of these messages (ids; "a|b" for either), at least their start. */
async function expectErrors(t, ...ids) {
  const summary = await t.text('.error-summary');
  for (const id of ids) {
    const starts = id.split('|').map((one) => msg(t.lang, one, { raw: true }).split('{')[0].trim());
    t.expect(starts.some((x) => summary.includes(x)), `the error summary does not say "${starts.join('" or "')}": it says "${summary.slice(0, 200)}"`);
  }
}
/** A step's page with a draft answered up to it (lynx reads it with the draft's cookie). */
const reportStep = (slug, options) => ({ name: `report-${slug}`, status: 200, lynx: true, steps: (t) => reportDraft(t, slug, options) });
/**
 * A step shown again with errors: `act` does what the person did wrong, then Continue;
 * the error summary must then say each message of `errors`.
 */
const reportStepErrors = (slug, suffix, errors, act, options) => ({
  name: `report-${slug}-errors${suffix ? `-${suffix}` : ''}`, status: 422, errorTitle: true,
  steps: async (t) => {
    await reportDraft(t, slug, options);
    if (act) await act(t);
    await continueButton(t);
    await expectErrors(t, ...errors);
  },
});

// ── Reports: demo reports in every state (`balai seed --demo`, saved by run.sh) ───────
// BALAI_DEMO_REPORTS names a file of lines "report<TAB>label<TAB>code<TAB>key" and
// "staff<TAB>email<TAB>role<TAB>password" (the demo staff accounts, then the spare ones
// run.sh adds to be disabled); any other line is ignored.
const { DEMO, STAFF } = (() => {
  const file = process.env.BALAI_DEMO_REPORTS;
  const found = {};
  const staff = [];
  if (file && fs.existsSync(file)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const [kind, a, b, c] = line.replace(/\r$/, '').split('\t');
      if (kind === 'report' && a && b && c) found[a] = { label: a, code: b, key: c.trim(), slug: b.replace(/[^0-9A-Za-z]/g, '') };
      else if (kind === 'staff' && a && b && c) staff.push({ email: a.trim(), role: b.trim(), password: c.trim() });
    }
  }
  return { DEMO: found, STAFF: staff };
})();
/** The demo report `label`, or skip the state (no demo data: a binary without `seed`). */
function demo(t, label) {
  const r = DEMO[label];
  if (!r) t.skip(`no demo report "${label}": run.sh saves \`balai seed --demo\` to BALAI_DEMO_REPORTS`);
  return r;
}
/** A page of a demo report by address, when the demo data exists (else a skipped state). */
const demoPage = (name, label, at, status) => (DEMO[label]
  ? { name, path: at(DEMO[label]), status, lynx: status === 200 }
  : { name, status, steps: (t) => demo(t, label) });

// The private view opens with the code and key; the cookie it sets is what keeps it open.
// Keys are tried at most lookups_per_hour (20) times per address and 10 times per code an
// hour, so the states share one cookie per report (the form itself is gone through in
// the no-JavaScript flows and in the states of its errors).
const viewCookies = new Map();
async function privateViewCookie(t, r) {
  if (!viewCookies.has(r.label)) {
    viewCookies.set(r.label, (async () => {
      const res = await fetch(t.url('/en/track'), {
        method: 'POST', redirect: 'manual', body: new URLSearchParams({ code: r.code, key: r.key }),
      });
      const cookie = res.headers.getSetCookie().map((c) => /^balai_report=([^;]+)/.exec(c)).find(Boolean);
      if (res.status !== 303 || !cookie) throw new Error(`code and key of demo report ${r.label} answered ${res.status} without a private view`);
      return cookie[1];
    })());
  }
  return viewCookies.get(r.label);
}
/** The private view of demo report `label`, as after giving its code and key. */
async function openPrivateView(t, label) {
  const r = demo(t, label);
  await t.setCookie('balai_report', await privateViewCookie(t, r));
  await t.goto(`/{lang}/track/${r.slug}`);
  t.expect(t.page.url().endsWith(t.path(`/{lang}/track/${r.slug}`)), `the private view of ${r.label} led to ${t.page.url()}`);
  return r;
}
/** Give a code and key on the track form (by keyboard, as a person does). */
async function track(t, code, key) {
  await t.goto('/{lang}/track');
  if (code !== undefined) await t.fill(t.msg('track-code-label'), code);
  if (key !== undefined) await t.fill(t.msg('track-key-label'), key);
  await t.submit(t.msg('track-submit'));
}

// ── Staff: the back office, signed in with the demo accounts ────────────────────────
// A sign-in counts against 20 an hour per account and 50 per address, so each role signs
// in once per run (the form's own POST, from outside the browser) and the states share
// that session's cookie, as the private views share theirs. The states that go through
// the form themselves (its errors; signing in again after a session ended) and the
// no-JavaScript flows add about 15 sign-ins; the state that uses the limit up runs last.
const STAFF_COOKIE = 'balai_staff'; // on plain HTTP; over TLS it is __Host-balai_staff
const STAFF_COOKIE_ATTRS = { httpOnly: true, sameSite: 'Strict' };

/** The demo account of `role` (admin, verifier, officer), or skip the state. */
function staffAccount(t, role) {
  const a = STAFF.find((x) => x.role === role);
  if (!a) t.skip(`no demo ${role} account: run.sh saves the "staff" lines of \`balai seed --demo\` to BALAI_DEMO_REPORTS`);
  return a;
}
const staffSessions = new Map();
/** The session cookie of `role`'s demo account (one sign-in per run). */
function staffSession(t, role) {
  const a = staffAccount(t, role);
  if (!staffSessions.has(role)) {
    staffSessions.set(role, (async () => {
      const res = await fetch(t.url('/en/staff/sign-in'), {
        method: 'POST', redirect: 'manual', body: new URLSearchParams({ email: a.email, password: a.password }),
      });
      const cookie = res.headers.getSetCookie().map((c) => new RegExp(`^${STAFF_COOKIE}=([^;]+)`).exec(c)).find(Boolean);
      if (res.status !== 303 || !cookie) throw new Error(`signing in as ${a.email} answered ${res.status} without a session`);
      return cookie[1];
    })());
  }
  return staffSessions.get(role);
}
/** The browser signed in as `role` (the shared session), then `path` opened (if given). */
async function asStaff(t, role, path) {
  await t.setCookie(STAFF_COOKIE, await staffSession(t, role), STAFF_COOKIE_ATTRS);
  if (path === undefined) return null;
  const res = await t.goto(path);
  t.expect(!new URL(t.page.url()).pathname.endsWith('/staff/sign-in'), `signed in as ${role}, ${t.path(path)} led to the sign-in page (${t.page.url()})`);
  return res;
}

// A case page is addressed by the report's number, which only the queue gives: each
// list's rows (number and code) as the admin's queue shows them.
async function fetchQueue(t, list) {
  const res = await fetch(t.url(`/en/staff?list=${list}`), {
    redirect: 'manual', headers: { cookie: `${STAFF_COOKIE}=${await staffSession(t, 'admin')}` },
  });
  if (res.status !== 200) throw new Error(`the "${list}" list of the queue answered ${res.status}`);
  const html = await res.text();
  return [...html.matchAll(/href="\/en\/staff\/reports\/(\d+)"[^>]*>[^<]*<\/a><br><span class="hint">([0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3})/g)]
    .map((m) => ({ id: m[1], code: m[2] }));
}
const queueCache = new Map();
/** The rows of a list, read once per run (the lists do not change: no state changes a status). */
function queueRows(t, list) {
  if (!queueCache.has(list)) queueCache.set(list, fetchQueue(t, list));
  return queueCache.get(list);
}
/** The case number of demo report `label`. */
async function demoCase(t, label) {
  const r = demo(t, label);
  // A verified report is in no list but Overdue (once it is late): searched last. A closed
  // report whose reporter asked to reopen it (a state of the private view does) has moved
  // to Reopen requests.
  for (const list of ['new', 'info', 'routed', 'answered', 'closed', 'reopen', 'overdue']) {
    const row = (await queueRows(t, list)).find((x) => x.code === r.code);
    if (row) return row.id;
  }
  t.expect(false, `demo report ${label} (${r.code}) is in no list of the queue`);
  return null;
}
/** A demo report's case page, signed in as `role`. */
async function openCase(t, role, label) {
  const id = await demoCase(t, label);
  await asStaff(t, role, `/{lang}/staff/reports/${id}`);
  return id;
}
// States and flows that change a case (a note added, a note sent after signing in again)
// each have a report of their own, one per language: closed synthetic reports (`balai
// seed --reports`), so no two change one report at once (a change makes the other
// forms on that report stale: that is the 409 state, provoked on purpose).
const SPARE_CASE_USES = ['stale', 'note-added', 'flow-note', 'flow-kept'];
async function spareCase(t, use) {
  const demoCodes = new Set(Object.values(DEMO).map((r) => r.code));
  const rows = (await queueRows(t, 'closed')).filter((x) => !demoCodes.has(x.code));
  const i = SPARE_CASE_USES.indexOf(use) * LANGS.length + LANGS.indexOf(t.lang);
  if (i < 0) throw new Error(`spareCase: "${use}" is not in SPARE_CASE_USES`);
  if (!rows[i]) t.skip(`fewer than ${i + 1} closed synthetic reports: run.sh adds them with \`balai seed --reports 60\``);
  return rows[i].id;
}
/**
 * A report sent through the form at once (every step answered in a few seconds: held as
 * possible spam, kept for staff), and its case number.
 */
async function heldCase(t) {
  await reportDraft(t, 'check');
  await t.submit(t.msg('report-send'));
  const code = await t.text('.code-display');
  const row = (await fetchQueue(t, 'held')).find((x) => x.code === code);
  t.expect(row, `the report just sent (${code}) is not in the "held" list`);
  return row.id;
}
/** The hidden fields of the form that posts to `action` on this page (its token, its version). */
async function hiddenFields(t, action) {
  const form = t.page.locator(`form[action="${t.path(action)}"]`);
  const out = {};
  for (const input of await form.locator('input[type=hidden]').all()) out[await input.getAttribute('name')] = await input.inputValue();
  return out;
}
/**
 * A note written on a case, then the session lost (the cookie gone) before it is sent:
 * the sign-in page, 401, keeping the note. Nothing is sent, so a demo report will do.
 */
async function noteAfterSessionEnded(t, id, text = 'The ramp was measured: the step is 20 cm.') {
  if (id === undefined) id = await openCase(t, 'admin', 'closed-public');
  else await asStaff(t, 'admin', `/{lang}/staff/reports/${id}`);
  await t.fill(t.msg('staff-field-note'), text);
  await t.clearCookies();
  await t.submit(t.msg('staff-button-note'));
  t.expect((await t.text('h1')) === t.msg('staff-sign-in-title'), `a note sent without a session led to "${await t.text('h1')}", not the sign-in page`);
  t.expect((await t.text('.notice--warning')) === t.msg('staff-kept-notice'), 'the sign-in page does not say that what was written is kept');
  return id;
}
/** Sign in on the sign-in page shown (the form itself: it counts against the limits). */
async function signInThroughForm(t, role, password) {
  const a = staffAccount(t, role);
  await t.fill(t.msg('staff-email'), a.email);
  await t.fill(t.msg('staff-password'), password ?? a.password);
  await t.submit(t.msg('staff-sign-in-button'));
}
/** A spare staff account (run.sh adds one per language) that a state may disable. */
function spareAccount(t) {
  const a = STAFF.find((x) => x.email.startsWith(`retired.${t.lang}@`));
  if (!a) t.skip(`no spare account retired.${t.lang}@...: run.sh adds it with \`balai user add\``);
  return a;
}
// The staff's workshop pages show one registration with an access need, made once per run
// through the public form (as a person, so it is confirmed, not held), so that the page and
// its count of registrations stay the same while its states run (lynx reads it again).
let staffRegistrationCache;
function staffRegistration(t) {
  staffRegistrationCache ||= (async () => {
    const r = await register(t, { asPerson: true });
    const res = await fetch(t.url(`/en/staff/workshops/${r.w.slug}`), {
      redirect: 'manual', headers: { cookie: `${STAFF_COOKIE}=${await staffSession(t, 'admin')}` },
    });
    const html = await res.text();
    // The back office shows the code as the person was given it (with its dashes).
    const at = html.indexOf(`<dd>${r.code}</dd>`);
    const id = at >= 0 ? [...html.slice(0, at).matchAll(/id="registration-(\d+)"/g)].pop()?.[1] : undefined;
    if (!id) throw new Error(`registration ${r.code} is not on the staff's page of ${r.w.slug} (${res.status})`);
    return { ...r, id };
  })();
  return staffRegistrationCache;
}
/** The name of "Last page (N)" (the message has a placeable), as a RegExp. */
const lastPageLink = (t) => new RegExp(`^${msg(t.lang, 'browse-last', { raw: true }).split('{')[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+\\)$`);

// ── Messages: stop links and the outbox (issue #18: stopping, admins) ──────────────────
// A stop link is `/{lang}/mail/stop/{list}.{HMAC-SHA256 of "mail-stop\0{list}"}` signed
// with the server's secret key (src/mail/stop.rs, security::sign), which run.sh's server
// keeps in BALAI_DATA_DIR/secret.key: the suite signs its own links with it.
function stopLink(t, list) {
  const file = process.env.BALAI_DATA_DIR && path.join(process.env.BALAI_DATA_DIR, 'secret.key');
  if (!file || !fs.existsSync(file)) t.skip('no secret key to sign a stop link with (BALAI_DATA_DIR/secret.key)');
  const key = fs.readFileSync(file, 'utf8').trim();
  const sig = createHmac('sha256', key).update('mail-stop\0').update(list).digest('hex');
  return `/{lang}/mail/stop/${list}.${sig}`;
}
// A digest list of an account that does not exist: stopping it changes nothing another
// state relies on, and each language stops its own.
const spareStopList = (t) => `digest:${t.lang === 'id' ? 900001 : 900002}`;

// ── Reports: email updates and a lost access key (issue #18: reporters) ──────────────
// The one-time link arrives by email: run.sh starts an SMTP server writing each message
// to BALAI_MAIL_DIR/new/*.eml, where the link of a report's message is read back.
/** The token of the newest lost-key link sent for tracking code `code` (grouped). */
async function keyLinkToken(t, code) {
  const dir = process.env.BALAI_MAIL_DIR && path.join(process.env.BALAI_MAIL_DIR, 'new');
  if (!dir) t.skip('no SMTP server for the suite (run.sh starts one when python3-aiosmtpd is installed)');
  for (let i = 0; i < 100; i++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort().reverse() : [];
    for (const f of files) {
      // Quoted-printable soft line breaks undone, so the address reads whole.
      const raw = fs.readFileSync(path.join(dir, f), 'utf8').replace(/=\r?\n/g, '');
      const link = /\/track\/new-key\/([0-9a-f]{32})/.exec(raw);
      if (link && raw.includes(code)) return link[1];
    }
    await t.wait(100);
  }
  throw new Error(`no lost-key message for ${code} arrived in ${dir}`);
}
/** A report of its own (sent through the form), a link asked for it, and the link's page. */
async function openKeyLink(t) {
  await reportDraft(t, 'check');
  await t.submit(t.msg('report-send'));
  const code = await t.text('.code-display');
  await t.goto('/{lang}/track/lost-key');
  await t.fill(t.msg('track-code-label'), code);
  await t.fill(t.msg('lost-key-email-label'), REPORT_ANSWERS['about-you'].email);
  await t.submit(t.msg('lost-key-submit'));
  t.expect((await t.text('h1')) === t.msg('lost-key-sent-title'), `asking for a link led to "${await t.text('h1')}"`);
  await t.goto(`/{lang}/track/new-key/${await keyLinkToken(t, code)}`);
  return code;
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

  // ── Form: sending a report, step by step ───────────────────────────────────────────
  { name: 'report-start', path: '/{lang}/reports/new', status: 200, lynx: true },
  {
    // With a draft not sent yet: "Continue your report" and "Start a new report instead".
    name: 'report-start-resume', status: 200, lynx: true,
    steps: async (t) => { await reportDraft(t, 'place'); await t.goto('/{lang}/reports/new'); },
  },
  { name: 'report-kind', status: 200, lynx: true, steps: startReport },
  reportStepErrors('kind', '', ['report-error-kind'], null),
  reportStep('details'),
  reportStepErrors('details', 'required', ['report-error-title-missing', 'report-error-description-missing', 'report-error-category'], null),
  reportStepErrors('details', 'long', ['report-error-title-long', 'report-error-description-long'], async (t) => {
    await t.fill(t.msg('report-title-label'), 'T'.repeat(151));
    await t.fill(t.msg('report-description-label'), 'D'.repeat(4001));
    await t.select(t.msg('report-category-label'), { value: 'health' });
  }),
  {
    // The warning that the text looks like it holds personal data (NIK, phone, email).
    name: 'report-personal-data', status: 200, lynx: true,
    steps: async (t) => {
      await reportDraft(t, 'details');
      await t.fill(t.msg('report-title-label'), REPORT_ANSWERS.details.title);
      await t.fill(t.msg('report-description-label'), PERSONAL_DATA);
      await t.select(t.msg('report-category-label'), { value: REPORT_ANSWERS.details.category });
      await continueButton(t);
      t.expect(t.page.url().endsWith('/reports/new/personal-data'), `text with personal data led to ${t.page.url()}, not the warning`);
    },
  },
  reportStepErrors('personal-data', '', ['report-error-personal-data-choice'], null, { answers: { details: { description: PERSONAL_DATA } } }),
  reportStep('province'),
  reportStepErrors('province', '', ['report-error-province'], null),
  reportStep('place'),
  reportStepErrors('place', '', ['report-error-regency', 'report-error-place-long'], (t) => t.fill(t.msg('report-place-label'), 'P'.repeat(201))),
  reportStep('date'),
  reportStepErrors('date', 'missing', ['report-error-day'], null),
  reportStepErrors('date', 'invalid', ['report-error-date-invalid'], async (t) => {
    await t.fill(t.msg('report-date-day'), '31');
    await t.fill(t.msg('report-date-month'), '2');
    await t.fill(t.msg('report-date-year'), String(TODAY.getUTCFullYear()));
  }),
  reportStepErrors('date', 'future', ['report-error-date-future'], async (t) => {
    await t.fill(t.msg('report-date-day'), '1');
    await t.fill(t.msg('report-date-month'), '1');
    await t.fill(t.msg('report-date-year'), String(TODAY.getUTCFullYear() + 1));
  }),
  reportStep('agency'),
  // agency: no error a person can make (the list, or "I don't know"); only a made-up value.
  reportStep('photos'),
  {
    name: 'report-photos-one', status: 200, lynx: true,
    steps: async (t) => {
      await reportDraft(t, 'photos');
      await t.attach(t.msg('report-photo-label'), PHOTO);
      await t.fill(t.msg('report-photo-description-label'), 'The 20 cm step at the top of the ramp');
      await t.submit(t.msg('report-photo-upload'));
      t.expect((await t.page.locator('.photo-list li').count()) === 1, `after the upload the page lists ${await t.page.locator('.photo-list li').count()} photos`);
    },
  },
  // Five photos, the most: the upload form gives way to a sentence.
  { name: 'report-photos-full', status: 200, lynx: true, steps: (t) => reportDraft(t, 'photos', { photos: 5 }) },
  {
    // #21: the error says how to go on without a photo, naming the button as it reads.
    name: 'report-photos-errors-missing', status: 422, errorTitle: true,
    steps: async (t) => {
      await reportDraft(t, 'photos');
      await t.submit(t.msg('report-photo-upload'));
      await expectErrors(t, 'report-error-photo-missing');
      const summary = await t.text('.error-summary');
      t.expect(summary.includes(t.msg('report-photos-skip')), `the error does not name "${t.msg('report-photos-skip')}": "${summary}"`);
    },
  },
  {
    // #21: moving on is a real button of the step's form, not a link dressed as one.
    name: 'report-photos-continue', status: 200,
    steps: async (t) => {
      await reportDraft(t, 'photos');
      t.expect((await t.page.locator('main a.button').count()) === 0, 'a link dressed as a button on the photo step');
      await t.submit(t.msg('report-photos-skip'));
      t.expect(t.page.url().endsWith(t.path('/{lang}/reports/new/privacy')), `"${t.msg('report-photos-skip')}" led to ${t.page.url()}`);
    },
  },
  {
    // A text file named x.jpg, and a description over 300 characters.
    name: 'report-photos-errors-invalid', status: 422, errorTitle: true,
    steps: async (t) => {
      await reportDraft(t, 'photos');
      await t.attach(t.msg('report-photo-label'), NOT_A_PHOTO);
      await t.fill(t.msg('report-photo-description-label'), 'A'.repeat(301));
      await t.submit(t.msg('report-photo-upload'));
      await expectErrors(t, 'photo-error-type|photo-error-type-mismatch', 'report-error-photo-description-long');
    },
  },
  reportStep('privacy'),
  reportStepErrors('privacy', '', ['report-error-privacy'], null),
  reportStep('about-you'),
  reportStepErrors('about-you', 'required', ['report-error-name-missing', 'report-error-contact-missing', 'report-error-behalf', 'report-error-consent'], null),
  reportStepErrors('about-you', 'other', ['reg-error-phone-invalid', 'report-error-relationship-missing', 'report-error-other-agreed'], async (t) => {
    // For someone else, without saying how they are related or that they agreed.
    await t.fill(t.msg('report-name-label'), 'Sari Wulandari');
    await t.fill(t.msg('report-email-label'), 'sari@example.id');
    await t.fill(t.msg('report-phone-label'), '12');
    await t.check(t.msg('report-behalf-other'));
    await t.check(t.msg('report-consent'));
  }),
  {
    // Everything the check page can show: a photo, personal data kept, for someone else.
    name: 'report-check', status: 200, lynx: true,
    steps: (t) => reportDraft(t, 'check', {
      photos: 1, keepPersonalData: true,
      answers: {
        details: { description: PERSONAL_DATA },
        'about-you': { behalf: 'other', relationship: 'mother', other_agreed: 'yes' },
      },
    }),
  },
  {
    // "Change" from the check page: the step, with its way back to the check page.
    name: 'report-change-from-check', status: 200, lynx: true,
    steps: async (t) => {
      await reportDraft(t, 'check');
      await t.follow(`${t.msg('report-change')} ${t.msg('report-title-label')}`);
      t.expect(t.page.url().endsWith('/reports/new/details?return=check'), `"Change" led to ${t.page.url()}`);
    },
  },
  {
    name: 'report-sent', status: 200, lynx: true,
    steps: async (t) => {
      await reportDraft(t, 'check');
      await t.submit(t.msg('report-send'));
      t.expect(t.page.url().endsWith('/reports/new/sent'), `"${t.msg('report-send')}" led to ${t.page.url()}`);
      // "Follow your report" opens the tracking form with the code (never the key) filled in.
      const code = (await t.text('.code-display')).trim();
      const href = await t.page.getByRole('link', { name: t.msg('report-sent-track-link'), exact: true }).getAttribute('href');
      t.expect(href === `/${t.lang}/track?code=${code}`, `"${t.msg('report-sent-track-link')}" leads to ${href}, not the form with code ${code}`);
    },
  },
  {
    // The draft was lost (expired, cookies cleared) before a step was sent: a new draft
    // keeps what was typed on the page, and a notice says so.
    name: 'report-draft-restarted', status: 200,
    steps: async (t) => {
      await reportDraft(t, 'kind');
      await t.clearCookies();
      await t.check(t.msg('report-kind-aspiration'));
      await continueButton(t);
      t.expect((await t.text('.notice')) === t.msg('report-draft-restarted'), 'no notice that the draft was started again');
    },
  },

  // ── Reports: public pages; "not found or not public" ─────────────────────────────────
  demoPage('report-public-anonymous', 'verified-anonymous', (r) => `/{lang}/reports/${r.slug}`, 200),
  demoPage('report-public-answered', 'answered-public', (r) => `/{lang}/reports/${r.slug}`, 200),
  demoPage('report-public-closed', 'closed-public', (r) => `/{lang}/reports/${r.slug}`, 200),
  demoPage('report-not-public-submitted', 'submitted-public', (r) => `/{lang}/reports/${r.slug}`, 404),
  demoPage('report-not-public-rejected', 'rejected-public', (r) => `/{lang}/reports/${r.slug}`, 404),
  demoPage('report-not-public-confidential', 'routed-confidential', (r) => `/{lang}/reports/${r.slug}`, 404),
  { name: 'report-not-public-unknown', path: '/{lang}/reports/K7M4QX92B', status: 404 },

  // ── Public browsing: reports, statistics, government bodies, open data ─────────────
  // titleGroup: pages of one group differ in content, so each has a title of its own.
  { name: 'browse', path: '/{lang}/reports', status: 200, lynx: true, titleGroup: 'browse' },
  {
    // Reports may share a title: each result link's name (with its hidden code) is its own.
    name: 'browse-all', status: 200, titleGroup: 'browse',
    steps: async (t) => {
      await t.goto('/{lang}/reports?status=all');
      const names = await t.page.locator('ol.results h3 a').evaluateAll((as) => as.map((a) => a.textContent.replace(/\s+/g, ' ').trim()));
      t.expect(names.length > 0 && new Set(names).size === names.length, `result links with the same name: ${names.filter((n, i) => names.indexOf(n) !== i).join('; ')}`);
    },
  },
  {
    // Filters chosen in the form (a province brings the regency filter).
    name: 'browse-filtered', status: 200, lynx: true, titleGroup: 'browse',
    steps: async (t) => {
      await t.goto('/{lang}/reports');
      await t.select(t.msg('report-check-status'), t.msg('browse-status-all'));
      await t.select(t.msg('report-province-label'), { value: '34' });
      await t.select(t.msg('browse-sort'), t.msg('browse-sort-oldest'));
      await t.submit(t.msg('browse-apply'));
      t.expect((await t.page.getByLabel(t.msg('report-regency-label'), { exact: true }).count()) === 1, 'no regency filter after choosing a province');
    },
  },
  { name: 'browse-search', path: '/{lang}/reports?status=all&q=jalan', status: 200, titleGroup: 'browse' },
  { name: 'browse-no-results', path: '/{lang}/reports?q=zzzz', status: 200 },
  // A filter value not recognised: left out, and a notice says so.
  { name: 'browse-unrecognised', path: '/{lang}/reports?kind=bogus', status: 200 },
  {
    name: 'browse-page-2', status: 200, titleGroup: 'browse',
    steps: async (t) => { await t.goto('/{lang}/reports?status=all'); await t.follow(t.msg('browse-next')); },
  },
  {
    name: 'browse-last-page', status: 200, titleGroup: 'browse',
    steps: async (t) => { await t.goto('/{lang}/reports?status=all'); await t.follow(lastPageLink(t)); },
  },
  { name: 'statistics', path: '/{lang}/statistics', status: 200, lynx: true },
  { name: 'agencies', path: '/{lang}/agencies', status: 200, lynx: true },
  ...['received', 'name'].map((sort) => ({ name: `agencies-by-${sort}`, path: `/{lang}/agencies?sort=${sort}`, status: 200 })),
  { name: 'agency', path: '/{lang}/agencies/kemenhub', status: 200, lynx: true },
  contentPage('open-data'),

  // ── Form: following a report (code, and key for the private view) ───────────────────
  { name: 'track', path: '/{lang}/track', status: 200, lynx: true },
  {
    // A private view asked for without its cookie: the form again, code filled in, a notice.
    name: 'track-expired', status: 200,
    steps: async (t) => {
      const r = demo(t, 'answered-public');
      await t.goto(`/{lang}/track/${r.slug}`);
      t.expect(new URL(t.page.url()).searchParams.get('expired') === '1', `the private view without its cookie led to ${t.page.url()}`);
    },
  },
  {
    name: 'track-errors-required', status: 422, errorTitle: true,
    steps: async (t) => { await track(t); await expectErrors(t, 'track-error-code-missing'); },
  },
  {
    name: 'track-errors-format', status: 422, errorTitle: true,
    steps: async (t) => { await track(t, 'K7M-4QX', '1234'); await expectErrors(t, 'track-error-code-format', 'track-error-key-format'); },
  },
  {
    // A real code with another report's key (well formed, wrong).
    name: 'track-errors-wrong-key', status: 422, errorTitle: true,
    steps: async (t) => {
      await track(t, demo(t, 'submitted-public').code, demo(t, 'rejected-public').key);
      await expectErrors(t, 'track-error-key-wrong');
    },
  },

  // ── Reports: the reporter's private view and its forms ──────────────────────────────
  {
    // Staff asked a question: it shows, with "Answer the question" as the form's heading.
    name: 'track-private-info-requested', status: 200, lynx: true,
    steps: async (t) => {
      await openPrivateView(t, 'info-requested-public');
      t.expect((await t.page.getByRole('heading', { name: t.msg('track-answer-heading'), exact: true }).count()) === 1, `no "${t.msg('track-answer-heading')}" heading`);
    },
  },
  {
    // Answered: the rating form.
    name: 'track-private-answered', status: 200, lynx: true,
    steps: async (t) => {
      await openPrivateView(t, 'answered-public');
      t.expect((await t.page.getByRole('button', { name: t.msg('track-rate-submit'), exact: true }).count()) === 1, 'no rating form');
    },
  },
  {
    // Closed: the rating form and the form to ask to reopen.
    name: 'track-private-closed', status: 200, lynx: true,
    steps: async (t) => {
      await openPrivateView(t, 'closed-public');
      t.expect((await t.page.getByRole('button', { name: t.msg('track-reopen-submit'), exact: true }).count()) === 1, 'no form to ask to reopen');
    },
  },
  {
    name: 'track-private-info-errors', status: 422, errorTitle: true,
    steps: async (t) => {
      await openPrivateView(t, 'info-requested-public');
      t.expect((await t.text('.notice--warning')) === t.msg('track-info-requested'), 'the private view does not say that staff asked a question');
      await t.submit(t.msg('track-info-submit'));
      await expectErrors(t, 'track-error-info-missing');
    },
  },
  {
    // Rating with nothing chosen: on the closed report, which no state rates (a rating,
    // once given, is chosen already when the form shows again).
    name: 'track-private-rate-errors', status: 422, errorTitle: true,
    steps: async (t) => {
      await openPrivateView(t, 'closed-public');
      await t.submit(t.msg('track-rate-submit'));
      await expectErrors(t, 'track-error-rating');
    },
  },
  {
    name: 'track-private-reopen-errors', status: 422, errorTitle: true,
    steps: async (t) => {
      await openPrivateView(t, 'closed-public');
      await t.submit(t.msg('track-reopen-submit'));
      await expectErrors(t, 'track-error-reason-missing');
    },
  },
  {
    // Confirmations (a notice on the private view). Information is added to the answered
    // report, not to the one whose question is open (that would change its status).
    name: 'track-private-info-added', status: 200,
    steps: async (t) => {
      await openPrivateView(t, 'answered-public');
      await t.fill(t.msg('track-info-label'), 'The ramp was fixed, thank you.');
      await t.submit(t.msg('track-info-submit'));
      t.expect((await t.text('.notice')) === t.msg('track-done-info'), `no "${t.msg('track-done-info')}" notice`);
    },
  },
  {
    name: 'track-private-rated', status: 200,
    steps: async (t) => {
      await openPrivateView(t, 'answered-public');
      await t.check(t.msg('track-rating-4'));
      await t.submit(t.msg('track-rate-submit'));
      t.expect((await t.text('.notice')) === t.msg('track-done-rated'), `no "${t.msg('track-done-rated')}" notice`);
    },
  },
  {
    name: 'track-private-reopen-asked', status: 200,
    steps: async (t) => {
      await openPrivateView(t, 'closed-public');
      await t.fill(t.msg('track-reason-label'), 'The school did not answer my second question.');
      await t.submit(t.msg('track-reopen-submit'));
      t.expect((await t.text('.notice')) === t.msg('track-done-reopen'), `no "${t.msg('track-done-reopen')}" notice`);
    },
  },

  {
    // #21 item 1: the private view closed (12 hours, another device) while the reporter
    // typed: the text is kept through giving the key again, then sent.
    name: 'track-private-info-kept', status: 200,
    steps: async (t) => {
      const r = await openPrivateView(t, 'answered-public');
      const text = 'Typed before the view closed: the ramp is fixed.';
      await t.fill(t.msg('track-info-label'), text);
      await t.clearCookies();
      await t.submit(t.msg('track-info-submit'));
      t.expect((await t.text('.notice')) === t.msg('track-view-expired-kept'), `no "${t.msg('track-view-expired-kept')}" notice`);
      t.expect((await t.text('main')).includes(text), 'the typed text is not shown while the key is asked for');
      await t.fill(t.msg('track-key-label'), r.key);
      await t.submit(t.msg('track-submit'));
      t.expect((await t.text('.notice')) === t.msg('track-done-info'), `the kept text was not sent: no "${t.msg('track-done-info')}" notice`);
      t.expect((await t.text('main')).includes(text), 'the sent text is not in the timeline');
    },
  },
  {
    // #21 items 8, 9, 12: the current deadline in words, dates never raw, the Ombudsman a link.
    name: 'track-private-rejected', status: 200, lynx: true,
    steps: async (t) => {
      await openPrivateView(t, 'rejected-public');
      t.expect((await t.page.locator('a[href="https://ombudsman.go.id/"]').count()) === 1, 'no link to Ombudsman RI on a rejected report');
      t.expect(!/\d{4}-\d{2}-\d{2}/.test(await t.text('main')), 'a raw date on the private view');
    },
  },

  // ── Staff: signing in ───────────────────────────────────────────────────────────────
  { name: 'staff-sign-in', path: '/{lang}/staff/sign-in', status: 200, lynx: true },
  {
    name: 'staff-sign-in-errors-required', status: 422, errorTitle: true,
    steps: async (t) => {
      await t.goto('/{lang}/staff/sign-in');
      await t.submit(t.msg('staff-sign-in-button'));
      await expectErrors(t, 'staff-error-email-missing', 'staff-error-password-missing');
    },
  },
  {
    // A wrong password (one message for an unknown email and a wrong password).
    name: 'staff-sign-in-errors-wrong', status: 422, errorTitle: true,
    steps: async (t) => {
      await t.goto('/{lang}/staff/sign-in');
      await signInThroughForm(t, 'verifier', 'not-the-password');
      await expectErrors(t, 'staff-error-sign-in');
    },
  },
  // Why the last session ended, as the sign-in page says it.
  ...['idle', 'expired', 'disabled', 'signed-out'].map((reason) => ({
    name: `staff-sign-in-${reason}`, path: `/{lang}/staff/sign-in?reason=${reason}`, status: 200,
  })),

  // ── Staff: the queue ────────────────────────────────────────────────────────────────
  { name: 'staff-queue', status: 200, lynx: true, titleGroup: 'staff-queue', steps: (t) => asStaff(t, 'admin', '/{lang}/staff') },
  // Each list, by its link in the queue's list navigation.
  ...['info', 'routed', 'overdue', 'answered', 'reopen', 'closed', 'held'].map((list) => ({
    name: `staff-queue-${list}`, status: 200, titleGroup: 'staff-queue',
    steps: async (t) => { await asStaff(t, 'admin', '/{lang}/staff'); await t.follow(t.msg(`staff-list-${list}`), t.msg('staff-lists-label')); },
  })),
  {
    name: 'staff-queue-filtered', status: 200,
    steps: async (t) => {
      await asStaff(t, 'verifier', '/{lang}/staff?list=closed');
      await t.select(t.msg('report-check-kind'), t.msg('report-kind-complaint'));
      await t.submit(t.msg('staff-filter-apply'));
      t.expect((await t.page.locator('main tbody tr').count()) > 0, 'no closed complaint listed');
    },
  },
  {
    // Filters that leave nothing: "No reports in this list."
    name: 'staff-queue-filtered-none', status: 200,
    steps: async (t) => {
      await asStaff(t, 'admin', '/{lang}/staff');
      await t.select(t.msg('report-province-label'), { value: '11' });
      await t.select(t.msg('report-agency-label'), { value: 'kemenhub' });
      await t.submit(t.msg('staff-filter-apply'));
      t.expect((await t.page.locator('main table').count()) === 0, 'the filters that match nothing still list reports');
    },
  },
  // An agency officer: the lists of its agency, without New and Held, no agency filter.
  { name: 'staff-queue-officer', status: 200, steps: (t) => asStaff(t, 'officer', '/{lang}/staff') },
  // A list or filter that does not exist (an address typed or edited by hand): 400.
  { name: 'staff-queue-error-400', status: 400, steps: (t) => asStaff(t, 'admin', '/{lang}/staff?list=everything&category=bogus') },

  // ── Staff: a case, with one form per action the role may take in its state ─────────
  { name: 'staff-case-submitted', status: 200, lynx: true, steps: (t) => openCase(t, 'admin', 'submitted-public') },
  // Verified, anonymous, with photos (a form to describe each) and the route form.
  { name: 'staff-case-verified', status: 200, lynx: true, steps: (t) => openCase(t, 'verifier', 'verified-anonymous') },
  // Routed: answer, ask, postpone, not ours, route again.
  { name: 'staff-case-routed', status: 200, lynx: true, steps: (t) => openCase(t, 'admin', 'routed-confidential') },
  // Answered, as the officer of the agency it was routed to: close.
  { name: 'staff-case-answered-officer', status: 200, lynx: true, steps: (t) => openCase(t, 'officer', 'answered-public') },
  { name: 'staff-case-rejected', status: 200, steps: (t) => openCase(t, 'verifier', 'rejected-public') },
  {
    // Held as possible spam: release or discard.
    name: 'staff-case-held', status: 200, lynx: true,
    steps: async (t) => {
      const id = await heldCase(t);
      await asStaff(t, 'admin', `/{lang}/staff/reports/${id}`);
      t.expect((await t.page.getByRole('button', { name: t.msg('staff-button-release'), exact: true }).count()) === 1, 'no form to release the held report');
    },
  },
  {
    // A reason is needed: the error summary leads to this action's own text field.
    name: 'staff-case-errors-reject', status: 422, errorTitle: true,
    steps: async (t) => {
      await openCase(t, 'admin', 'submitted-public');
      await t.submit(t.msg('staff-button-reject'));
      await expectErrors(t, 'staff-error-text-missing');
      const href = await t.page.locator('.error-summary a').first().getAttribute('href');
      t.expect(href === '#text-reject', `the error summary links to ${href}, not #text-reject`);
    },
  },
  {
    // No reason, and a date in the past.
    name: 'staff-case-errors-postpone', status: 422, errorTitle: true,
    steps: async (t) => {
      await openCase(t, 'admin', 'routed-confidential');
      const form = t.msg('staff-action-postpone');
      await t.fill(t.msg('report-date-day'), '1', form);
      await t.fill(t.msg('report-date-month'), '1', form);
      await t.fill(t.msg('report-date-year'), String(TODAY.getUTCFullYear() - 1), form);
      await t.submit(t.msg('staff-button-postpone'));
      await expectErrors(t, 'staff-error-postpone-reason-missing', 'staff-error-until-past');
      for (const part of ['day', 'month', 'year']) {
        t.expect((await t.page.locator(`#${part}`).getAttribute('aria-invalid')) === 'true', `the ${part} of a date not after today is not marked aria-invalid`);
      }
    },
  },
  {
    // No agency chosen, and a note over 4,000 characters.
    name: 'staff-case-errors-route', status: 422, errorTitle: true,
    steps: async (t) => {
      await openCase(t, 'verifier', 'verified-anonymous');
      const form = t.msg('staff-action-route');
      await t.select(t.msg('report-agency-label'), { value: '' }, form);
      await t.fill(t.msg('staff-field-route-note'), 'R'.repeat(4001), form);
      await t.submit(t.msg('staff-button-route'));
      await expectErrors(t, 'staff-error-agency', 'staff-error-text-long');
    },
  },
  {
    // The public title emptied, the text over 4,000 characters.
    name: 'staff-case-errors-edit', status: 422, errorTitle: true,
    steps: async (t) => {
      await openCase(t, 'admin', 'answered-public');
      const form = t.msg('staff-action-edit');
      await t.fill(t.msg('report-title-label'), '', form);
      await t.fill(t.msg('report-description-label'), 'D'.repeat(4001), form);
      await t.submit(t.msg('staff-button-edit'));
      await expectErrors(t, 'staff-error-text-missing', 'staff-error-text-long');
    },
  },
  {
    // A photo's description (its alternative text) over 300 characters.
    name: 'staff-case-errors-describe', status: 422, errorTitle: true,
    steps: async (t) => {
      await openCase(t, 'verifier', 'verified-anonymous');
      const photo = t.page.locator('.photo-list li').first();
      await photo.getByRole('textbox').fill('A'.repeat(301));
      await t.submit(t.msg('staff-button-describe'), photo);
      await expectErrors(t, 'staff-error-text-long');
    },
  },
  {
    // Someone else changed the report while the page was open: 409, the page as it is
    // now, what was written still in the form.
    name: 'staff-case-stale', status: 409,
    steps: async (t) => {
      const id = await spareCase(t, 'stale');
      await asStaff(t, 'admin', `/{lang}/staff/reports/${id}`);
      const action = `/{lang}/staff/reports/${id}/note`;
      const other = await t.post(action, { ...(await hiddenFields(t, action)), text: 'Called the reporter: the ramp is fixed.' });
      t.expect(other === 303, `the other note (a plain POST with the page's token and version) answered ${other}`);
      await t.fill(t.msg('staff-field-note'), 'Checked on site on Monday.');
      await t.submit(t.msg('staff-button-note'));
      t.expect((await t.text('.notice')) === t.msg('staff-stale'), `no "${t.msg('staff-stale')}" notice`);
      t.expect((await t.value(t.msg('staff-field-note'))) === 'Checked on site on Monday.', 'the note written is not kept in the form');
    },
  },
  {
    // A confirmation: the case again, with a notice.
    name: 'staff-case-note-added', status: 200,
    steps: async (t) => {
      const id = await spareCase(t, 'note-added');
      await asStaff(t, 'admin', `/{lang}/staff/reports/${id}`);
      await t.fill(t.msg('staff-field-note'), 'Checked on site on Monday.');
      await t.submit(t.msg('staff-button-note'));
      t.expect((await t.text('.notice')) === t.msg('staff-done-note'), `no "${t.msg('staff-done-note')}" notice`);
    },
  },
  {
    // The cookie lost while a note was being written: the sign-in page, 401, note kept.
    name: 'staff-session-ended-kept', status: 401,
    steps: (t) => noteAfterSessionEnded(t),
  },
  {
    // Signed in again from there: the note to check and send.
    name: 'staff-kept-confirm', status: 200,
    steps: async (t) => {
      await noteAfterSessionEnded(t);
      await signInThroughForm(t, 'admin');
      t.expect((await t.text('h1')) === t.msg('staff-kept-title'), `signing in again led to "${await t.text('h1')}"`);
      t.expect((await t.value(t.msg('staff-field-text'))) === 'The ramp was measured: the step is 20 cm.', 'the note written is not on the page to check');
    },
  },
  {
    // A staff form with a token that is not the session's: 403, nothing done.
    name: 'staff-error-403', status: 403,
    steps: async (t) => {
      const id = await openCase(t, 'admin', 'answered-public');
      await t.postForm(`/{lang}/staff/reports/${id}/note`, { csrf: 'not-the-session-token', version: '1', text: 'x' });
    },
  },

  // ── Staff: accounts (administrators) ────────────────────────────────────────────────
  {
    name: 'staff-accounts', status: 200, lynx: true,
    steps: async (t) => { await asStaff(t, 'admin', '/{lang}/staff'); await t.follow(t.msg('staff-nav-accounts'), t.msg('staff-nav-label')); },
  },
  {
    // Another account: its audit log and the button to disable it.
    name: 'staff-account', status: 200, lynx: true,
    steps: async (t) => {
      await asStaff(t, 'admin', '/{lang}/staff/accounts');
      await t.follow(staffAccount(t, 'verifier').email);
    },
  },
  {
    // Disabled (a spare account run.sh adds for each language): the page says so.
    name: 'staff-account-disabled', status: 200,
    steps: async (t) => {
      const a = spareAccount(t);
      await asStaff(t, 'admin', '/{lang}/staff/accounts');
      await t.follow(a.email);
      await t.submit(t.msg('staff-account-disable'));
      t.expect((await t.page.getByText(t.msg('staff-account-disabled'), { exact: true }).count()) === 1, 'the account page does not say the account is disabled');
    },
  },
  // Issue 21: accounts are created in the back office; everyone changes their own password.
  {
    name: 'staff-account-new', status: 200, lynx: true,
    steps: async (t) => { await asStaff(t, 'admin', '/{lang}/staff/accounts'); await t.follow(t.msg('staff-account-new-link')); },
  },
  {
    // Nothing chosen: every error in the summary, what was typed kept (never the password).
    name: 'staff-account-new-errors', status: 422, errorTitle: true,
    steps: async (t) => {
      await asStaff(t, 'admin', '/{lang}/staff/accounts/new');
      await t.fill(t.msg('staff-col-name'), 'Dewi Lestari');
      await t.submit(t.msg('staff-account-create'));
      await expectErrors(t, 'staff-error-account-email-missing', 'staff-error-account-role', 'staff-error-account-password-missing');
      t.expect((await t.value(t.msg('staff-col-name'))) === 'Dewi Lestari', 'the name typed is not kept');
    },
  },
  // Issue 19: Integrations (admins): partner keys and agency webhooks.
  {
    name: 'staff-integrations', status: 200, lynx: true,
    steps: async (t) => { await asStaff(t, 'admin', '/{lang}/staff'); await t.follow(t.msg('staff-nav-integrations'), t.msg('staff-nav-label')); },
  },
  {
    // The new-key form sent empty: both errors in the summary, nothing made.
    name: 'staff-integrations-errors', status: 422, errorTitle: true,
    steps: async (t) => {
      await asStaff(t, 'admin', '/{lang}/staff/integrations');
      await t.submit(t.msg('staff-key-create'));
      await expectErrors(t, 'staff-error-key-name-missing', 'staff-error-key-scopes');
    },
  },
  {
    // A key made: shown once, on a page kept by no cache.
    name: 'staff-integrations-key-shown', status: 200,
    steps: async (t) => {
      await asStaff(t, 'admin', '/{lang}/staff/integrations');
      await t.fill(t.msg('staff-key-name'), 'Sistem pengaduan Kota Bandung');
      await t.check(t.msg('staff-scope-read'));
      await t.submit(t.msg('staff-key-create'));
      t.expect((await t.page.locator('#new-key').innerText()).startsWith('balai_'), 'the new key is not shown');
    },
  },
  {
    name: 'staff-password', status: 200, lynx: true,
    steps: async (t) => { await asStaff(t, 'verifier', '/{lang}/staff'); await t.follow(t.msg('staff-nav-password')); },
  },
  {
    name: 'staff-password-errors', status: 422, errorTitle: true,
    steps: async (t) => {
      await asStaff(t, 'verifier', '/{lang}/staff/password');
      await t.fill(t.msg('staff-password-new'), 'short');
      await t.submit(t.msg('staff-password-submit'));
      await expectErrors(t, 'staff-error-password-current-missing', 'staff-error-password-short');
    },
  },
  { name: 'staff-password-done', status: 200, steps: (t) => asStaff(t, 'verifier', '/{lang}/staff/password?done=1') },
  { name: 'staff-sign-in-password-changed', path: '/{lang}/staff/sign-in?reason=password-changed', status: 200 },

  // ── Staff: the assisted-intake desk (issue #19) ─────────────────────────────────────
  {
    name: 'staff-desk', status: 200, lynx: true,
    steps: async (t) => { await asStaff(t, 'verifier', '/{lang}/staff'); await t.follow(t.msg('staff-nav-desk'), t.msg('staff-nav-label')); },
  },
  {
    name: 'staff-desk-errors', status: 422, errorTitle: true,
    steps: async (t) => {
      await asStaff(t, 'officer', '/{lang}/staff/desk');
      await t.fill(t.msg('report-title-label'), 'Kept at the desk');
      await t.submit(t.msg('desk-submit'));
      await expectErrors(t, 'desk-error-channel', 'desk-error-consent');
    },
  },
  {
    // A confidential report (it stays out of the public pages other states read).
    name: 'staff-desk-sent', status: 200,
    steps: async (t) => {
      await asStaff(t, 'verifier', '/{lang}/staff/desk');
      await t.check(t.msg('channel-phone'));
      await t.check(t.msg('report-kind-complaint'));
      await t.fill(t.msg('report-title-label'), 'Puskesmas closed during opening hours');
      await t.fill(t.msg('report-description-label'), 'The citizen phoned: the clinic was closed on Monday morning.');
      await t.select(t.msg('report-category-label'), { value: 'health' });
      await t.select(t.msg('report-province-label'), { value: '51' });
      await t.select(t.msg('report-regency-label'), { value: '51.71' });
      await t.fill(t.msg('report-date-day'), '2');
      await t.fill(t.msg('report-date-month'), '11');
      await t.fill(t.msg('report-date-year'), '2026');
      await t.check(t.msg('report-privacy-confidential'));
      await t.fill(t.msg('report-name-label'), 'Wayan Sudarma');
      await t.fill(t.msg('report-phone-label'), '081234567890');
      await t.check(t.msg('desk-consent'));
      await t.submit(t.msg('desk-submit'));
      t.expect((await t.text('h1')) === t.msg('desk-sent-title'), `the desk led to "${await t.text('h1')}"`);
    },
  },

  // ── Staff: workshop registrations (administrators and verifiers) ───────────────────
  {
    name: 'staff-workshops', status: 200, lynx: true,
    steps: async (t) => {
      await asStaff(t, 'verifier', '/{lang}/staff');
      await t.follow(t.msg('staff-nav-workshops'), t.msg('staff-nav-label'));
      t.expect(new URL(t.page.url()).pathname === t.path('/{lang}/staff/workshops'), `"${t.msg('staff-nav-workshops')}" in the back office's navigation led to ${t.page.url()}`);
    },
  },
  {
    // After a registration with an access need: the needs table, a status form per need.
    name: 'staff-workshop', status: 200, lynx: true,
    steps: async (t) => {
      const r = await staffRegistration(t);
      await asStaff(t, 'admin', `/{lang}/staff/workshops/${r.w.slug}`);
      t.expect((await t.page.getByRole('region', { name: t.msg('staff-workshop-needs-heading'), exact: true }).count()) === 1, 'no table of access needs');
    },
  },
  {
    // A need's status saved: back on the page, at that registration.
    name: 'staff-workshop-need-arranged', status: 200,
    steps: async (t) => {
      const r = await staffRegistration(t);
      await asStaff(t, 'admin', `/{lang}/staff/workshops/${r.w.slug}`);
      const reg = t.page.locator(`article#registration-${r.id}`);
      t.expect((await reg.count()) === 1, `registration ${r.code} is not on the page`);
      await reg.getByRole('combobox').first().selectOption('arranged');
      await t.submit(new RegExp(`^${t.msg('staff-need-save')} `), reg.locator('form').first());
      t.expect(/#registration-\d+$/.test(t.page.url()), `saving led to ${t.page.url()}`);
      t.expect((await t.page.locator(`article#registration-${r.id}`).getByRole('combobox').first().inputValue()) === 'arranged', 'the need is not shown as arranged');
    },
  },
  // A workshop nobody registered for.
  { name: 'staff-workshop-empty', status: 200, steps: (t) => asStaff(t, 'verifier', '/{lang}/staff/workshops/suara-setara-yogyakarta-2026-08') },
  {
    // Sign-in attempts past the limit (50 an hour per address; an account is only slowed): it uses the
    // address's attempts up for the rest of the run, hence runLast.
    name: 'staff-sign-in-limited', status: 429, runLast: true,
    steps: async (t) => {
      await t.goto('/{lang}/staff/sign-in');
      let limited = false;
      for (let i = 0; i < 60 && !limited; i++) {
        limited = (await t.post('/{lang}/staff/sign-in', { email: 'nobody@demo.balai.id', password: 'not-a-password' })) === 429;
      }
      t.expect(limited, 'sixty sign-in attempts did not reach the limit');
      await t.fill(t.msg('staff-email'), 'nobody@demo.balai.id');
      await t.fill(t.msg('staff-password'), 'not-a-password');
      await t.submit(t.msg('staff-sign-in-button'));
    },
  },

  // ── Messages: stop links and the outbox (issue #18: stopping, admins) ───────────────
  {
    // GET only asks (mail scanners open links): the first demo report's updates.
    name: 'mail-stop', status: 200, lynx: true,
    steps: async (t) => { await t.goto(stopLink(t, 'report:1')); },
  },
  {
    name: 'mail-stopped', status: 200,
    steps: async (t) => {
      await t.goto(stopLink(t, spareStopList(t)));
      await t.submit(t.msg('mail-stop-submit'));
      t.expect((await t.text('h1')) === t.msg('mail-stopped-title'), `stopping led to "${await t.text('h1')}"`);
    },
  },
  {
    // A link whose signature is not the server's: the 404 page.
    name: 'mail-stop-forged', status: 404,
    path: `/{lang}/mail/stop/report:1.${'0'.repeat(64)}`,
  },
  {
    name: 'staff-outbox', status: 200, lynx: true,
    steps: async (t) => { await asStaff(t, 'admin', '/{lang}/staff'); await t.follow(t.msg('staff-nav-outbox'), t.msg('staff-nav-label')); },
  },
  {
    // The status filter (a GET form).
    name: 'staff-outbox-filtered', status: 200,
    steps: async (t) => {
      await asStaff(t, 'admin', '/{lang}/staff/outbox');
      await t.select(t.msg('outbox-filter-status'), t.msg('outbox-status-waiting'));
      await t.submit(t.msg('outbox-filter-apply'));
      t.expect(new URL(t.page.url()).searchParams.get('status') === 'waiting', `the filter led to ${t.page.url()}`);
    },
  },

  // ── Reports: email updates and a lost access key (issue #18: reporters) ────────────
  {
    // "Tell me by email when my report changes", ticked (the step answered with it, then
    // opened again, as from "check your answers").
    name: 'report-about-you-notify', status: 200,
    steps: async (t) => {
      await reportDraft(t, 'check', { answers: { 'about-you': { notify: 'yes' } } });
      await t.goto('/{lang}/reports/new/about-you');
      t.expect(await t.page.locator('#notify').isChecked(), 'the email updates box is not ticked');
    },
  },
  // Ticked without an email address: said why, the tick kept.
  reportStepErrors('about-you', 'notify', ['report-error-notify-email'], async (t) => {
    await t.fill(t.msg('report-name-label'), 'Sari Wulandari');
    await t.fill(t.msg('report-phone-label'), '0812 3456 7890');
    await t.check(t.msg('report-notify'));
  }),
  // ── Issue #21, item 13: reporting a barrier of the portal itself ──
  { name: 'barrier', path: '/{lang}/accessibility/report', status: 200, lynx: true },
  {
    name: 'barrier-errors', status: 422, errorTitle: true,
    steps: async (t) => {
      await t.goto('/{lang}/accessibility/report');
      await t.fill(t.msg('barrier-assistive-label'), 'NVDA');
      await t.fill(t.msg('barrier-email-label'), 'dewi-at-example');
      await t.submit(t.msg('barrier-submit'));
      await expectErrors(t, 'barrier-error-location-missing', 'barrier-error-problem-missing', 'reg-error-email-invalid');
      const kept = await t.page.locator('#assistive').inputValue();
      t.expect(kept === 'NVDA', `the assistive technology typed was not kept: "${kept}"`);
    },
  },
  {
    name: 'barrier-sent', status: 200, lynx: true,
    steps: async (t) => {
      await t.goto('/{lang}/accessibility/report');
      await t.fill(t.msg('barrier-location-label'), 'Langkah foto / photo step');
      await t.fill(t.msg('barrier-problem-label'), 'The Upload button is not announced.');
      await t.submit(t.msg('barrier-submit'));
      t.expect(t.page.url().endsWith('/accessibility/report/sent'), `"${t.msg('barrier-submit')}" led to ${t.page.url()}`);
      t.expect((await t.page.locator('.code-display').count()) === 2, 'the confirmation does not show a code and a key');
    },
  },
  { name: 'lost-key', path: '/{lang}/track/lost-key', status: 200, lynx: true },
  {
    name: 'lost-key-errors-required', status: 422, errorTitle: true,
    steps: async (t) => {
      await t.goto('/{lang}/track/lost-key');
      await t.submit(t.msg('lost-key-submit'));
      await expectErrors(t, 'track-error-code-missing', 'lost-key-error-email-missing');
    },
  },
  {
    name: 'lost-key-errors-format', status: 422, errorTitle: true,
    steps: async (t) => {
      await t.goto('/{lang}/track/lost-key');
      await t.fill(t.msg('track-code-label'), 'K7M-4QX');
      await t.fill(t.msg('lost-key-email-label'), 'sari-at-example');
      await t.submit(t.msg('lost-key-submit'));
      await expectErrors(t, 'track-error-code-format', 'reg-error-email-invalid');
    },
  },
  {
    // The same answer whether or not code and address match (here: no such report).
    name: 'lost-key-sent', status: 200,
    steps: async (t) => {
      await t.goto('/{lang}/track/lost-key');
      await t.fill(t.msg('track-code-label'), 'K7M-4QX-92B');
      await t.fill(t.msg('lost-key-email-label'), 'nobody@example.id');
      await t.submit(t.msg('lost-key-submit'));
      t.expect((await t.text('h1')) === t.msg('lost-key-sent-title'), `asking for a link led to "${await t.text('h1')}"`);
    },
  },
  {
    // The emailed link: a button (nothing changes on GET).
    name: 'new-key', status: 200, lynx: true,
    steps: async (t) => {
      await openKeyLink(t);
      t.expect((await t.page.getByRole('button', { name: t.msg('new-key-submit'), exact: true }).count()) === 1, 'no button to make the new key');
    },
  },
  {
    name: 'new-key-made', status: 200,
    steps: async (t) => {
      const code = await openKeyLink(t);
      await t.submit(t.msg('new-key-submit'));
      t.expect((await t.text('.code-display')) === code, `the new key's page shows "${await t.text('.code-display')}", not ${code}`);
    },
  },
  // A link used, expired or never made.
  { name: 'new-key-gone', path: '/{lang}/track/new-key/0123456789abcdef0123456789abcdef', status: 410 },

  // ── Messages: workshop participants and the staff's daily email (issue #18) ───────
  {
    // The email field's hint (tied with aria-describedby) says messages go by email only.
    name: 'register-contact-hint', status: 200,
    steps: async (t) => {
      await openRegisterForm(t);
      t.expect((await t.text('#email-hint')) === t.msg('register-contact-hint'), `the email hint says "${await t.text('#email-hint')}"`);
      const described = await t.page.locator('#email').getAttribute('aria-describedby');
      t.expect((described || '').split(' ').includes('email-hint'), `the email field is described by "${described}"`);
    },
  },
  {
    // A confirmed online participant's registration page shows the meeting link (never a
    // public page): a workshop with both ways to take part and a meeting_url.
    name: 'registration-status-meeting-link', status: 200,
    steps: async (t) => {
      const w = await openRegisterForm(t);
      if (!w.both) t.skip('the open workshop cannot be joined online');
      await t.fill(t.msg('register-name'), 'Sari Wulandari');
      await t.fill(t.msg('register-email'), uniqueEmail());
      await t.check(t.msg('workshop-format-online'));
      await t.check(t.msg('register-consent'));
      await t.wait(2100);
      await t.submit(t.msg('register-submit'));
      if ((await t.text('.registration-status')) !== t.msg('registration-status-confirmed')) t.skip('no confirmed place left');
      if (!(await t.page.content()).includes(t.msg('registration-meeting-link'))) t.skip('the open workshop has no meeting link');
    },
  },
  {
    name: 'staff-digest', status: 200, lynx: true,
    steps: async (t) => { await asStaff(t, 'verifier', '/{lang}/staff'); await t.follow(t.msg('staff-nav-email'), t.msg('staff-nav-label')); },
  },
  { name: 'staff-digest-officer', status: 200, steps: (t) => asStaff(t, 'officer', '/{lang}/staff/email') },
  { name: 'staff-digest-admin', status: 200, steps: (t) => asStaff(t, 'admin', '/{lang}/staff/email') },
  {
    // Turned off (or on again): the page says it is saved.
    name: 'staff-digest-saved', status: 200,
    steps: async (t) => {
      await asStaff(t, 'verifier', '/{lang}/staff/email');
      const on = (await t.text('.registration-status')) === t.msg('staff-digest-is-on');
      await t.submit(t.msg(on ? 'staff-digest-turn-off' : 'staff-digest-turn-on'));
      t.expect((await t.text('.notice')) === t.msg('staff-digest-saved'), `the page says "${await t.text('.notice')}"`);
    },
  },

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
    // Issue #18 (reporters): a lost access key, from the tracking page to the new key.
    name: 'lost key: errors first, then the emailed link, then the new key opens the report',
    steps: async (t) => {
      await reportDraft(t, 'check', { answers: { 'about-you': { email: 'lupa@example.id' } } });
      await t.submit(t.msg('report-send'));
      const code = await t.text('.code-display');
      await t.goto('/{lang}/track');
      await t.follow(t.msg('track-lost-key-link'));
      await t.submit(t.msg('lost-key-submit'));
      t.expect((await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.lang]), `after an empty submission the title is "${await t.page.title()}"`);
      await t.fill(t.msg('track-code-label'), code);
      await t.fill(t.msg('lost-key-email-label'), 'lupa@example.id');
      await t.submit(t.msg('lost-key-submit'));
      t.expect((await t.text('h1')) === t.msg('lost-key-sent-title'), `asking for a link led to "${await t.text('h1')}"`);
      await t.goto(`/{lang}/track/new-key/${await keyLinkToken(t, code)}`);
      await t.submit(t.msg('new-key-submit'));
      const shown = await t.page.locator('.code-display').allTextContents();
      t.expect(shown.length === 2 && shown[0].trim() === code, `the new key's page shows ${JSON.stringify(shown)}`);
      await t.goto('/{lang}/track');
      await t.fill(t.msg('track-code-label'), code);
      await t.fill(t.msg('track-key-label'), shown[1].trim());
      await t.submit(t.msg('track-submit'));
      t.expect(/\/track\/[0-9A-Z]{9}$/.test(t.page.url()), `the new key led to ${t.page.url()}, not the private view`);
    },
  },
  {
    // Issue #21, item 13: a barrier of the portal, reported from the accessibility
    // statement without script: errors first, corrected, then tracked with code and key.
    name: 'barrier: errors first, then corrected, then tracked',
    steps: async (t) => {
      await t.goto('/{lang}/pages/accessibility');
      await t.follow(t.msg('footer-barrier'));
      t.expect(t.page.url().endsWith('/accessibility/report'), `the footer link led to ${t.page.url()}`);
      await t.fill(t.msg('barrier-problem-label'), 'The map cannot be used with a keyboard.');
      await t.submit(t.msg('barrier-submit'));
      t.expect((await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.lang]), `after a submission without the place the title is "${await t.page.title()}"`);
      const kept = await t.page.locator('#problem').inputValue();
      t.expect(kept === 'The map cannot be used with a keyboard.', `what happened was not kept: "${kept}"`);
      await t.fill(t.msg('barrier-location-label'), 'Workshop page');
      await t.submit(t.msg('barrier-submit'));
      const shown = await t.page.locator('.code-display').allTextContents();
      t.expect(shown.length === 2, `the confirmation shows ${JSON.stringify(shown)}`);
      await t.goto('/{lang}/track');
      await t.fill(t.msg('track-code-label'), shown[0].trim());
      await t.fill(t.msg('track-key-label'), shown[1].trim());
      await t.submit(t.msg('track-submit'));
      t.expect(/\/track\/[0-9A-Z]{9}$/.test(t.page.url()), `the code and key led to ${t.page.url()}, not the private view`);
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
  {
    name: 'report: every step, errors first, then sent and followed',
    steps: async (t) => {
      const isError = async (what) => {
        t.expect((await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.lang]), `${what}: the title is "${await t.page.title()}", not an error`);
        const f = await t.focused();
        t.expect(f.className.includes('error-summary'), `${what}: the error summary is not focused on arrival (focus: <${f.tag}> "${f.text.slice(0, 40)}")`);
      };
      const at = (slug) => t.expect(new URL(t.page.url()).pathname === t.path(`/{lang}/reports/new/${slug}`), `expected step "${slug}", at ${t.page.url()}`);
      await startReport(t);
      await continueButton(t);
      await isError('kind, nothing chosen');
      await t.check(t.msg('report-kind-complaint'));
      await continueButton(t);
      at('details');
      await t.fill(t.msg('report-title-label'), REPORT_ANSWERS.details.title);
      await t.fill(t.msg('report-description-label'), PERSONAL_DATA);
      await t.select(t.msg('report-category-label'), { value: REPORT_ANSWERS.details.category });
      await continueButton(t);
      at('personal-data');
      await continueButton(t);
      await isError('personal data, nothing chosen');
      await t.check(t.msg('report-personal-data-keep'));
      await continueButton(t);
      at('province');
      await t.select(t.msg('report-province-label'), { value: REPORT_ANSWERS.province.province });
      await continueButton(t);
      at('place');
      await t.select(t.msg('report-regency-label'), { value: REPORT_ANSWERS.place.regency });
      await continueButton(t);
      at('date');
      await t.fill(t.msg('report-date-day'), '31');
      await t.fill(t.msg('report-date-month'), '2');
      await t.fill(t.msg('report-date-year'), REPORT_ANSWERS.date.year);
      await continueButton(t);
      await isError('date, 31 February');
      await t.fill(t.msg('report-date-day'), REPORT_ANSWERS.date.day);
      await t.fill(t.msg('report-date-month'), REPORT_ANSWERS.date.month);
      await continueButton(t);
      at('agency');
      await continueButton(t);
      at('photos');
      await t.submit(t.msg('report-photo-upload'));
      await isError('photo upload without a photo');
      await t.attach(t.msg('report-photo-label'), PHOTO);
      await t.fill(t.msg('report-photo-description-label'), 'The 20 cm step at the top of the ramp');
      await t.submit(t.msg('report-photo-upload'));
      t.expect((await t.page.locator('.photo-list img').getAttribute('alt')) === 'The 20 cm step at the top of the ramp', 'the uploaded photo is not listed with its description as alt text');
      await t.submit(t.msg('report-continue'));
      at('privacy');
      await t.check(t.msg('report-privacy-anonymous'));
      await continueButton(t);
      at('about-you');
      await t.check(t.msg('report-behalf-self'));
      await t.check(t.msg('report-consent'));
      await continueButton(t);
      at('check');
      await t.submit(t.msg('report-send'));
      at('sent');
      const code = await t.text('.code-display');
      const key = await t.text('.code-display--key');
      t.expect(/^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/.test(code), `the confirmation shows the code "${code}"`);
      await t.follow(t.msg('report-sent-track-link'));
      await t.fill(t.msg('track-code-label'), code);
      await t.fill(t.msg('track-key-label'), key);
      await t.submit(t.msg('track-submit'));
      t.expect(new URL(t.page.url()).pathname === t.path(`/{lang}/track/${code.replace(/-/g, '')}`), `code and key led to ${t.page.url()}`);
      await t.submit(t.msg('track-info-submit'));
      await isError('adding empty information');
      await t.fill(t.msg('track-info-label'), 'The step is at the main entrance, on the left.');
      await t.submit(t.msg('track-info-submit'));
      t.expect((await t.text('.notice')) === t.msg('track-done-info'), `no "${t.msg('track-done-info')}" notice at ${t.page.url()}`);
    },
  },
  {
    name: 'report form language switch keeps what was typed',
    steps: async (t) => {
      await reportDraft(t, 'details');
      await t.fill(t.msg('report-title-label'), 'Ramp at the village office');
      const sw = await t.tabUntil((f) => f.tag === 'button' && f.lang === t.other, `the language switch button to "${t.other}"`);
      await t.enter(true);
      const lang = await t.page.locator('html').getAttribute('lang');
      t.expect(lang === t.other, `after "${sw.text}" the page has lang="${lang}"`);
      t.expect(new URL(t.page.url()).pathname === t.path('/{other}/reports/new/details'), `the switch led to ${t.page.url()}`);
      const kept = await t.page.locator('#title').inputValue();
      t.expect(kept === 'Ramp at the village office', `the title typed became "${kept}" after the switch`);
      t.expect(!(await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.other]), 'the switch showed errors');
    },
  },
  {
    // A rating once given is chosen already when the form shows again (and the states
    // rate this report), so the rating's error here is a comment that is too long.
    name: 'follow a report: errors first, then the private view; rate; close it',
    steps: async (t) => {
      const r = demo(t, 'answered-public');
      await track(t);
      t.expect((await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.lang]), 'an empty track form does not say Error in the title');
      await track(t, r.code, demo(t, 'rejected-public').key);
      t.expect((await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.lang]), 'a wrong key does not say Error in the title');
      await t.fill(t.msg('track-key-label'), r.key);
      await t.submit(t.msg('track-submit'));
      t.expect(new URL(t.page.url()).pathname === t.path(`/{lang}/track/${r.slug}`), `code and key led to ${t.page.url()}`);
      await t.check(t.msg('track-rating-5'));
      await t.fill(t.msg('track-comment-label'), 'C'.repeat(4001));
      await t.submit(t.msg('track-rate-submit'));
      t.expect((await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.lang]), 'a comment over 4,000 characters does not say Error in the title');
      await t.fill(t.msg('track-comment-label'), 'Fixed within a week. Thank you.');
      await t.submit(t.msg('track-rate-submit'));
      t.expect((await t.text('.notice')) === t.msg('track-done-rated'), `no "${t.msg('track-done-rated')}" notice at ${t.page.url()}`);
      await t.submit(t.msg('track-leave'));
      t.expect(new URL(t.page.url()).pathname === t.path('/{lang}/track'), `"${t.msg('track-leave')}" led to ${t.page.url()}`);
      await t.goto(`/{lang}/track/${r.slug}`);
      t.expect(new URL(t.page.url()).searchParams.get('expired') === '1', `after closing, the private view still opens (${t.page.url()})`);
    },
  },
  {
    name: 'follow a report: ask to reopen, errors first',
    steps: async (t) => {
      const r = demo(t, 'closed-public');
      await track(t, r.code, r.key);
      await t.submit(t.msg('track-reopen-submit'));
      t.expect((await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.lang]), 'asking to reopen without a reason does not say Error in the title');
      await t.fill(t.msg('track-reason-label'), 'The answer does not say which documents are needed.');
      await t.submit(t.msg('track-reopen-submit'));
      t.expect((await t.text('.notice')) === t.msg('track-done-reopen'), `no "${t.msg('track-done-reopen')}" notice at ${t.page.url()}`);
    },
  },
  {
    name: 'follow a report: a code without key opens its public page, or says it is not public',
    steps: async (t) => {
      const pub = demo(t, 'answered-public');
      await track(t, pub.code.toLowerCase());
      t.expect(new URL(t.page.url()).pathname === t.path(`/{lang}/reports/${pub.slug}`), `a public report's code led to ${t.page.url()}`);
      const hidden = demo(t, 'routed-confidential');
      await track(t, hidden.code);
      t.expect((await t.text('h1')) === t.msg('report-not-public-title'), `a confidential report's code shows "${await t.text('h1')}"`);
    },
  },
  {
    name: 'staff: sign in, errors first; sign out',
    steps: async (t) => {
      const isError = async (what, id) => {
        t.expect((await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.lang]), `${what}: the title is "${await t.page.title()}", not an error`);
        await expectErrors(t, id);
      };
      await t.goto('/{lang}/staff');
      t.expect(new URL(t.page.url()).pathname === t.path('/{lang}/staff/sign-in'), `the queue without a session led to ${t.page.url()}, not the sign-in page`);
      await t.submit(t.msg('staff-sign-in-button'));
      await isError('nothing typed', 'staff-error-email-missing');
      await signInThroughForm(t, 'verifier', 'not-the-password');
      await isError('a wrong password', 'staff-error-sign-in');
      await signInThroughForm(t, 'verifier');
      t.expect(new URL(t.page.url()).pathname === t.path('/{lang}/staff'), `signing in led to ${t.page.url()}, not back to the queue`);
      await t.submit(t.msg('staff-sign-out'));
      t.expect((await t.text('.notice')) === t.msg('staff-ended-signed-out'), `signing out led to ${t.page.url()} without "${t.msg('staff-ended-signed-out')}"`);
      await t.goto('/{lang}/staff');
      t.expect(new URL(t.page.url()).pathname === t.path('/{lang}/staff/sign-in'), `after signing out the queue still opens (${t.page.url()})`);
    },
  },
  {
    name: 'staff case: a note, errors first, then added',
    steps: async (t) => {
      const id = await spareCase(t, 'flow-note');
      await asStaff(t, 'admin', `/{lang}/staff/reports/${id}`);
      await t.submit(t.msg('staff-button-note'));
      t.expect((await t.page.title()).startsWith(ERROR_TITLE_PREFIX[t.lang]), 'an empty note does not say Error in the title');
      const f = await t.focused();
      t.expect(f.className.includes('error-summary'), `the error summary is not focused on arrival (focus: <${f.tag}> "${f.text.slice(0, 40)}")`);
      await t.fill(t.msg('staff-field-note'), 'The agency phoned: work starts next week.');
      await t.submit(t.msg('staff-button-note'));
      t.expect((await t.text('.notice')) === t.msg('staff-done-note'), `no "${t.msg('staff-done-note')}" notice at ${t.page.url()}`);
    },
  },
  {
    name: 'staff case: a note sent after the session ended is kept, checked and sent',
    steps: async (t) => {
      const id = await noteAfterSessionEnded(t, await spareCase(t, 'flow-kept'), 'Kept across the sign-in.');
      await signInThroughForm(t, 'admin');
      t.expect((await t.value(t.msg('staff-field-text'))) === 'Kept across the sign-in.', 'the note written is not on the page to check');
      await t.submit(t.msg('staff-kept-send'));
      t.expect(new URL(t.page.url()).pathname === t.path(`/{lang}/staff/reports/${id}`), `"${t.msg('staff-kept-send')}" led to ${t.page.url()}`);
      t.expect((await t.text('.notice')) === t.msg('staff-done-note'), `no "${t.msg('staff-done-note')}" notice`);
    },
  },
  {
    // The sign-in page that keeps a note: its language switch must keep the note (and the
    // email typed), as every form's switch does. Nothing is signed in or sent here.
    name: 'staff: the language switch of the sign-in page that keeps a note keeps it',
    steps: async (t) => {
      await noteAfterSessionEnded(t, undefined, 'Kept across the language switch.');
      await t.fill(t.msg('staff-email'), 'admin@demo.balai.id');
      await t.fill(t.msg('staff-password'), 'typed-before-the-switch');
      const sw = await t.tabUntil((f) => f.tag === 'button' && f.lang === t.other, `the language switch button to "${t.other}"`);
      await t.enter(true);
      const lang = await t.page.locator('html').getAttribute('lang');
      t.expect(lang === t.other, `after "${sw.text}" the page has lang="${lang}"`);
      const kept = await t.page.locator('input[name=kept]').inputValue();
      t.expect(!kept.includes('typed-before-the-switch'), 'the password typed is now in the page (the hidden "kept" field)');
      t.expect(JSON.parse(kept || '{}').fields?.some(([k, v]) => k === 'text' && v === 'Kept across the language switch.'), `the note is no longer kept as it was: kept=${kept.slice(0, 120)}`);
      t.expect((await t.page.locator('#email').inputValue()) === 'admin@demo.balai.id', 'the email typed was lost in the switch');
    },
  },
  {
    name: 'browse: filters, then the next page and the last',
    steps: async (t) => {
      await t.goto('/{lang}/reports');
      await t.select(t.msg('report-check-status'), t.msg('browse-status-all'));
      await t.fill(t.msg('browse-search-label'), '');
      await t.submit(t.msg('browse-apply'));
      t.expect(new URL(t.page.url()).searchParams.get('status') === 'all', `the filters led to ${t.page.url()}`);
      await t.follow(t.msg('browse-next'));
      t.expect(new URL(t.page.url()).searchParams.get('p') === '2', `"${t.msg('browse-next')}" led to ${t.page.url()}`);
      const first = await t.text('ol.results h3');
      const pages = (await t.page.getByRole('link', { name: lastPageLink(t) }).first().textContent()).replace(/\D/g, '');
      await t.follow(lastPageLink(t));
      const current = await t.text('.pagination [aria-current=page]');
      t.expect(current.replace(/\D/g, '') === pages, `after "${t.msg('browse-next')}" and the last page's link, the current page is "${current}", not ${pages}`);
      t.expect((await t.text('ol.results h3')) !== first, 'the last page lists the same reports as page 2');
    },
  },
  {
    // Messages (issue #18): a stop link's button works without script.
    name: 'stop link: ask, then stop',
    steps: async (t) => {
      await t.goto(stopLink(t, `${spareStopList(t)}1`));
      await t.submit(t.msg('mail-stop-submit'));
      t.expect((await t.text('h1')) === t.msg('mail-stopped-title'), `stopping led to "${await t.text('h1')}"`);
    },
  },
];
