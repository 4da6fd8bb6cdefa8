// The checks run on every state. Each returns a list of failures (empty: passed); a
// failure is { rule, element?, message }. Notes (listed, not failing) go through ctx.note.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { crop, decodePng, focusChange } from './png.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const INPAGE_SOURCE = fs.readFileSync(new URL('./inpage.js', import.meta.url), 'utf8');

export const CSP =
  "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export const CHECKS = {
  status: 'HTTP status as listed',
  shell: 'page shell: html lang, one main holding the one h1, a title; error summary links lead to their fields',
  'no-script': 'no script: no <script>, no handlers, the CSP header, enforced, nothing refused',
  'no-inline-style': 'no inline style (the CSP refuses it, so it never shows)',
  'skip-link': 'keyboard: first Tab lands on the skip link, which moves focus to main',
  'tab-order': 'keyboard: Tab order follows the reading order',
  'focus-not-obscured': 'keyboard: focused element on screen, not hidden (WCAG 2.4.11)',
  'focus-visible': 'keyboard: visible focus indicator (WCAG 2.4.7; 2.4.13 listed)',
  names: 'accessible names of controls, links, buttons, images (WCAG 4.1.2, 1.1.1)',
  axe: `axe-core, tags ${AXE_TAGS.join(', ')}, at 1280 and 320 px`,
  'target-size': 'target size 24x24 px or spacing (WCAG 2.5.8), at 1280 and 320 px',
  'text-spacing': 'text spacing overrides clip no text (WCAG 1.4.12), at 1280 and 320 px',
  reflow: 'reflow: no horizontal scrolling at 320 px (WCAG 1.4.10)',
  vnu: 'Nu Html Checker: no errors in the HTML as served',
  lynx: 'lynx -dump: skip link first, headings and labels in reading order',
  nojs: 'no-JavaScript flow reaches its end',
  'error-links': 'following each error-summary link leaves the field\'s label (or legend) and error message in the viewport, at 1280 and 320 px',
  'current-marked': 'a link marked aria-current looks different from its sibling links beyond colour (weight, decoration, border)',
  'button-variants': 'a secondary or warning button does not look like the main button (computed background)',
  'forced-colors-errors': 'in forced colours an error message still says it is an error (its prefix shows, or a border marks it)',
  'chart-text': 'chart text is 12 px or more and inside its picture, at 1280 and 320 px',
  'distinct-title': 'pages that differ in content (a search, a filter, page n, a staff list) have titles of their own',
};

export const lib = (page) => page.evaluate(INPAGE_SOURCE);
const el = (d) => (d ? `${d.selector}  ${d.html}` : undefined);

// ── Status, shell ─────────────────────────────────────────────────────────────────────
export function checkStatus(ctx) {
  if (ctx.status === ctx.state.status) return [];
  return [{ rule: 'status', message: `answered ${ctx.status}, expected ${ctx.state.status}` }];
}

export async function checkShell(ctx, { errorTitlePrefix }) {
  const s = await ctx.page.evaluate(() => __balai.shell());
  const f = [];
  if (s.lang !== ctx.lang) f.push({ rule: 'html-lang', message: `<html lang="${s.lang}">, expected "${ctx.lang}"` });
  if (s.mains !== 1) f.push({ rule: 'one-main', message: `${s.mains} main landmarks, expected 1` });
  if (s.h1s !== 1) f.push({ rule: 'one-h1', message: `${s.h1s} h1 elements, expected 1` });
  else if (!s.h1InMain) f.push({ rule: 'h1-in-main', message: 'the h1 is not inside main' });
  if (!s.title.trim()) f.push({ rule: 'title', message: 'empty <title>' });
  const prefix = errorTitlePrefix?.[ctx.lang];
  if (prefix) {
    const isError = s.title.startsWith(prefix);
    if (ctx.state.errorTitle && !isError) {
      f.push({ rule: 'error-title', message: `a page showing form errors must have a title starting "${prefix}"; it is "${s.title}"` });
    } else if (!ctx.state.errorTitle && isError) {
      f.push({ rule: 'error-title', message: `title "${s.title}" says Error but the entry is not marked errorTitle` });
    }
  }
  if (ctx.status === 422 && ctx.state.errorTitle && !s.errorSummaries) {
    f.push({ rule: 'error-summary', message: 'a form shown again with errors (422) has no error summary (.error-summary)' });
  }
  for (const l of s.summaryLinks) {
    f.push({ rule: 'error-summary-link', element: el(l), message: l.target
      ? `this error summary link leads to ${l.target}, which is not a field (input, select, textarea)`
      : `this error summary link (href="${l.href}") leads to nothing on the page` });
  }
  ctx.h1 = s.h1Text;
  return f;
}

// ── 8. No script ──────────────────────────────────────────────────────────────────────
const directives = (csp) => new Map(csp.split(';').map((d) => d.trim()).filter(Boolean)
  .map((d) => { const [k, ...v] = d.split(/\s+/); return [k.toLowerCase(), v.join(' ')]; }));

export async function checkNoScript(ctx) {
  const f = [];
  const got = ctx.headers['content-security-policy'];
  if (!got) f.push({ rule: 'csp-header', message: 'no Content-Security-Policy header' });
  else {
    const want = directives(CSP), have = directives(got);
    const diff = [...new Set([...want.keys(), ...have.keys()])]
      .filter((k) => want.get(k) !== have.get(k))
      .map((k) => `${k}: expected "${want.get(k) ?? '(absent)'}", got "${have.get(k) ?? '(absent)'}"`);
    if (diff.length) f.push({ rule: 'csp-header', message: `Content-Security-Policy differs: ${diff.join('; ')}` });
  }
  if (/<script[\s>]/i.test(ctx.body)) f.push({ rule: 'script-in-html', message: 'the HTML as served contains <script' });
  for (const p of await ctx.page.evaluate(() => __balai.scriptFree())) {
    f.push({ rule: 'script', element: el(p), message: p.problem });
  }
  if (!(await ctx.page.evaluate(() => __balai.cspEnforced()))) {
    f.push({ rule: 'csp-enforced', message: 'the browser applied an inline <style>: the CSP is not in force on this page' });
  }
  for (const m of ctx.cspViolations) f.push({ rule: 'csp-violation', message: `the browser refused something while loading: ${m}` });
  return f;
}

export async function checkInlineStyle(ctx) {
  return (await ctx.page.evaluate(() => __balai.inlineStyles()))
    .map((p) => ({ rule: 'inline-style', element: el(p), message: `${p.problem}: refused by style-src 'self', so it never shows` }));
}

// ── 5. Keyboard ───────────────────────────────────────────────────────────────────────
const focusState = (page) => page.evaluate(() => __balai.focusState());

async function walk(page, expectedCount, fromFresh) {
  const seq = [];
  if (!fromFresh) {
    await page.evaluate(() => { __balai.blurActive(); __balai.focusIndex(0); });
    seq.push(await focusState(page));
  }
  for (let i = 0; i < expectedCount + 3; i++) {
    await page.keyboard.press('Tab');
    const f = await focusState(page);
    if (seq.length && (f.body || f.index === 0 && seq[0].index === 0)) break; // wrapped
    seq.push(f);
  }
  return seq;
}

function judgeWalk(seq, expected, width, f) {
  for (let i = 0; i < Math.max(seq.length, expected.length); i++) {
    const got = seq[i], want = expected[i];
    if (!got) {
      f.order.push({ rule: 'tab-order', element: el(want), message: `at ${width} px: never reached by Tab (${expected.length - seq.length} element(s) left out)` });
      break;
    }
    if (got.body) { f.order.push({ rule: 'tab-order', message: `at ${width} px: Tab stop ${i + 1} left the page` }); break; }
    if (got.index !== i) {
      const why = got.index < 0 && got.scroller ? 'a scrollable region with no tabindex, which Chromium puts in the Tab order by itself and other browsers leave out (give it tabindex="0", a role and a name, or let its content fit)'
        : got.index < 0 ? 'an element that is not in the page\'s reading order (hidden or inert?)'
        : want && want.tabIndex > 0 ? `the page's element ${i + 1} has tabindex="${want.tabIndex}"` : 'a positive tabindex or a focus trap?';
      f.order.push({ rule: 'tab-order', element: el(got),
        message: `at ${width} px: Tab stop ${i + 1} is this, but in reading order it is ${want ? want.selector : '(nothing)'} — ${why}` });
      break;
    }
  }
  for (let i = 1; i < seq.length; i++) {
    const a = seq[i - 1].rect, b = seq[i].rect;
    if (!a || !b || seq[i].index !== seq[i - 1].index + 1) continue;
    // Up the page is fine to the top of a new column (cards side by side: the next
    // begins entirely to the right of where focus was); up and back is not.
    if (b.y + b.h <= a.y - 1 && !(b.x >= a.x + a.w - 1)) {
      f.order.push({ rule: 'tab-order-visual', element: el(seq[i]),
        message: `at ${width} px: focus jumps up the page from ${seq[i - 1].selector} (y=${Math.round(a.y)}) to this (y=${Math.round(b.y)}): the visual order differs from the reading order` });
    }
  }
  for (const s of seq) {
    if (s.body || !s.obscured) continue;
    const o = s.obscured;
    if (o.size === 'zero') f.obscured.push({ rule: 'focus-zero-size', element: el(s), message: `at ${width} px: the focused element has no size` });
    else if (o.offscreen) f.obscured.push({ rule: 'focus-off-screen', element: el(s), message: `at ${width} px: the focused element is outside the viewport` });
    else if (o.covered === o.total) f.obscured.push({ rule: 'focus-obscured', element: el(s), message: `at ${width} px: the focused element is entirely hidden behind ${o.by.selector}` });
    else if (o.covered > 0) f.notes.push(`at ${width} px: ${s.selector} is partly hidden behind ${o.by.selector} when focused (2.4.12, AAA)`);
  }
}

export async function keyboardWalks(ctx, width) {
  const { page } = ctx;
  const expected = await page.evaluate(() => __balai.tabbables());
  const f = { skip: [], order: [], obscured: [], notes: [] };
  let fresh = width === 1280;
  const mainId = await page.evaluate(() => document.querySelector('main')?.id || null);
  const isSkip = (s) => s && !s.body && s.tag === 'a' && mainId && s.href === `#${mainId}`;
  if (fresh) {
    // Focus on arrival: only an error summary (tabindex="-1" autofocus, DESIGN.md 5) may
    // take it; then the skip link must still be first in the Tab order.
    const arrival = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return null;
      return { ...__balai.describe(a), ok: a.hasAttribute('autofocus') && a.tabIndex < 0 && !!a.closest('main') };
    });
    // An address with a fragment (a form that brings the person back to the item it
    // changed, /staff/workshops/x#registration-3) starts sequential focus navigation at
    // that item, as it should: the skip link is then checked as first in Tab order.
    const target = await page.evaluate(() => {
      const t = location.hash.length > 1 ? document.querySelector(':target') : null;
      return t ? __balai.describe(t) : null;
    });
    if (target && !arrival) {
      fresh = false;
      ctx.note('keyboard', `the address leads to ${target.selector} (#fragment), where sequential focus starts; the skip link is checked as first in Tab order instead of first Tab`);
    }
    if (arrival) {
      fresh = false;
      if (!arrival.ok) {
        f.skip.push({ rule: 'focus-on-arrival', element: el(arrival),
          message: 'focus is here when the page loads, so the first Tab does not reach the skip link (only an error summary with tabindex="-1" autofocus may take focus on arrival)' });
      } else {
        ctx.note('keyboard', `focus on arrival is on ${arrival.selector} (autofocus); the skip link is checked as first in Tab order instead of first Tab`);
      }
    }
  }
  const seq = await walk(page, expected.length, fresh);
  if (width === 1280) {
    const first = seq[0];
    if (!isSkip(first)) {
      f.skip.push({ rule: 'skip-link-first', element: el(first),
        message: first && !first.body
          ? `the first ${fresh ? 'Tab lands on' : 'element in Tab order is'} this, not a skip link to #${mainId ?? '(main has no id)'}`
          : 'the first Tab focuses nothing' });
    } else {
      await page.evaluate(() => { __balai.blurActive(); __balai.focusIndex(0); });
      await page.keyboard.press('Enter');
      const after = await focusState(page);
      if (after.body || after.tag !== 'main') {
        f.skip.push({ rule: 'skip-link-target', element: el(first),
          message: `Enter on the skip link leaves focus on ${after.body ? 'the body' : after.selector}, not on <main>` });
      }
    }
  }
  judgeWalk(seq, expected, width, f);
  for (const n of f.notes) ctx.note('keyboard', n);
  return f;
}

/** How many elements of one kind on a page the focus-visible check measures (see kindOf). */
const FOCUS_SAMPLE = 3;
/**
 * An element's kind: its selector without nth-of-type (ids stay: a field is its own kind),
 * its start tag without the values of addresses, ids, names and labels.
 */
function kindOf(desc) {
  const tag = desc.html.slice(0, desc.html.indexOf('>') + 1)
    .replace(/\s(href|id|name|value|for|form|formaction|aria-describedby|aria-labelledby|aria-controls|aria-label)="[^"]*"/g, ' $1');
  return `${desc.selector.replace(/:nth-of-type\(\d+\)/g, '')}\0${tag}`;
}

export async function checkFocusVisible(ctx) {
  const { page } = ctx;
  const failures = [];
  const size = page.viewportSize();
  // A viewport as tall as the page, so that focusing rarely scrolls (pages whose height
  // follows the viewport still scroll: pictures are taken where the browser scrolled to).
  for (let k = 0; k < 2; k++) {
    const h = await page.evaluate(() => __balai.docHeight());
    await page.setViewportSize({ width: 1280, height: Math.min(Math.max(720, h), 8000) });
  }
  const vh = page.viewportSize().height;
  const list = await page.evaluate(() => __balai.tabbables());
  // Pictures straight from the DevTools protocol: Playwright's screenshot() prepares the
  // page each time (fonts, caret, animations), which costs more than the picture.
  const shot = async (clip) => Buffer.from((await ctx.cdp.send('Page.captureScreenshot',
    { format: 'png', ...(clip ? { clip: { ...clip, scale: 1 } } : {}) })).data, 'base64');
  // The pictures' area, in whole viewport pixels: the element's boxes plus 8 px around.
  const clipFor = (sc, ...rects) => {
    let rs = rects.filter((r) => r && r.w > 1 && r.h > 1);
    if (!rs.length) rs = rects.filter(Boolean).map((r) => ({ ...r, w: Math.max(r.w, 1), h: Math.max(r.h, 1) }));
    const x0 = Math.max(0, Math.floor(Math.min(...rs.map((r) => r.x)) - sc.x - 8));
    const y0 = Math.max(0, Math.floor(Math.min(...rs.map((r) => r.y)) - sc.y - 8));
    const x1 = Math.min(1280, Math.ceil(Math.max(...rs.map((r) => r.x + r.w)) - sc.x + 8));
    const y1 = Math.min(vh, Math.ceil(Math.max(...rs.map((r) => r.y + r.h)) - sc.y + 8));
    if (!(x1 > x0 && y1 > y0)) return null; // nothing of it on screen
    return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  };
  // Returns what it found: { failed } or { note } (thinner than 2 px) or {}.
  const judge = (desc, before, after, perimeter, at = null) => {
    const { changed, contrast3 } = focusChange(before, after, at);
    if (contrast3 < perimeter) {
      failures.push({ rule: 'focus-indicator', element: el(desc),
        message: `focusing it changes ${changed} px, ${contrast3} of them with 3:1 contrast: less than a 1 px line around it (${perimeter} px); the focus indicator is missing or too faint` });
      return { failed: true };
    }
    if (contrast3 < 2 * perimeter) {
      const note = `${desc.selector}: focus indicator thinner than a 2 px line with 3:1 contrast (${contrast3} of ${2 * perimeter} px; 2.4.13, AAA)`;
      ctx.note('focus', note);
      return { note };
    }
    return {};
  };
  // Elements already judged in this run (ctx.focusCache, one per run of the suite): the
  // same element (its selector and markup) drawn with the same pixels around it, unfocused,
  // is drawn the same way focused (one stylesheet), so it is not focused again: the header
  // and footer of every page. Only what passed is kept; a failure is measured every time.
  // (The page's stylesheets are part of the key: another stylesheet, another drawing.)
  const cache = ctx.focusCache;
  const sheets = cache ? await page.evaluate(() => [...document.styleSheets].map((x) => x.href || 'inline').join(' ')) : '';
  const cacheKey = (desc, clip) => createHash('sha1').update(`${sheets}\0${desc.selector}\0${desc.html}\0${clip.width}x${clip.height}\0`)
    .update(crop(unfocused, clip.x, clip.y, clip.width, clip.height).data).digest('hex');
  // One picture of the page with nothing focused; each focused picture is compared with
  // the same area of it (or, if focusing scrolled the page, with a picture taken there).
  await page.evaluate(() => { __balai.blurActive(); window.scrollTo(0, 0); });
  const unfocused = decodePng(await shot());
  // Elements of one kind on a page (the links of a table's rows, of a list of results, of a
  // navigation: the same selector but for nth-of-type, the same tag and attributes but for
  // addresses and ids) get their focus style from the same rules: the first
  // FOCUS_SAMPLE of each kind are measured, and the rest only when one of those failed.
  const kinds = new Map();
  for (let i = 0; i < list.length; i++) {
    const kind = kindOf(list[i]);
    const seenKind = kinds.get(kind) || { passed: 0, failed: false };
    kinds.set(kind, seenKind);
    if (!seenKind.failed && seenKind.passed >= FOCUS_SAMPLE) continue;
    const pre = cache ? clipFor({ x: 0, y: 0 }, list[i].rect) : null;
    const key = pre ? cacheKey(list[i], pre) : null;
    if (key && cache.has(key)) {
      const seen = cache.get(key);
      if (seen.note) ctx.note('focus', seen.note);
      seenKind.passed += 1;
      continue;
    }
    // Reach element i by keyboard: focus the one before it and press Tab.
    const from = i > 0 ? i - 1 : list.length > 1 ? 1 : 0;
    await page.evaluate((j) => { __balai.blurActive(); window.scrollTo(0, 0); __balai.focusIndex(j); }, from);
    if (from !== i) await page.keyboard.press(i > 0 ? 'Tab' : 'Shift+Tab');
    const fs1 = await focusState(page);
    if (fs1.body || fs1.index !== i) continue; // not reachable by Tab: the tab-order check says so
    const perimeter = list[i].rect.w > 1 && list[i].rect.h > 1 ? list[i].perimeter : fs1.perimeter;
    const sc = fs1.scroll;
    const clip = clipFor(sc, list[i].rect, fs1.rect);
    if (!clip) {
      failures.push({ rule: 'focus-indicator', element: el(list[i]), message: 'focused, it is not on screen: no focus indicator can be seen' });
      continue;
    }
    const after = await shot(clip);
    const edge = Math.min(perimeter, 2 * (clip.width + clip.height));
    let found;
    if (sc.x === 0 && sc.y === 0) {
      found = judge(list[i], unfocused, after, edge, clip);
      if (key && !found.failed) cache.set(key, found);
    } else {
      await page.evaluate(() => __balai.blurActive());
      found = judge(list[i], await shot(clip), after, edge);
    }
    if (found.failed) seenKind.failed = true;
    else seenKind.passed += 1;
  }
  // Programmatic focus targets of in-page links (main, from the skip link): follow the link
  // by keyboard to see that focus gets there, then compare the target blurred and focused.
  for (const t of await page.evaluate(() => __balai.inPageTargets())) {
    if (t.linkIndex < 0) continue;
    await page.evaluate(() => __balai.blurActive());
    await page.evaluate((j) => __balai.focusIndex(j), t.linkIndex);
    await page.keyboard.press('Enter');
    const fs1 = await focusState(page);
    if (fs1.body || fs1.selector !== t.target.selector) continue; // the skip-link check reports it
    const clip = clipFor(fs1.scroll, fs1.rect);
    if (!clip) continue;
    await page.evaluate(() => __balai.blurActive());
    const before = await shot(clip);
    await page.evaluate((s) => document.querySelector(s).focus({ preventScroll: true }), t.target.selector);
    const after = await shot(clip);
    judge(t.target, before, after, Math.min(fs1.perimeter, 2 * (clip.width + clip.height)));
  }
  await page.evaluate(() => { __balai.blurActive(); window.scrollTo(0, 0); });
  await page.setViewportSize(size);
  return failures;
}

// ── 7. Accessible names, from Chromium's accessibility tree ──────────────────────────
const NAMED = new Set(['link', 'button', 'textbox', 'searchbox', 'checkbox', 'radio', 'combobox', 'listbox',
  'spinbutton', 'slider', 'switch', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'tab', 'treeitem',
  'ComboBoxSelect', 'PopUpButton', 'ToggleButton']);
const IMAGES = new Set(['image', 'img', 'graphics-document', 'graphics-symbol', 'doc-cover']);
const clean = (s) => (s || '').replace(/[\u2066-\u2069]/g, '').trim();

export async function checkNames(ctx) {
  const { page, cdp } = ctx;
  const f = [];
  await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const describeNode = async (backendNodeId) => {
    try {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId });
      const r = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId, returnByValue: true,
        functionDeclaration: 'function () { const e = this.nodeType === 1 ? this : this.parentElement; return window.__balai.describe(e); }',
      });
      return r.result.value;
    } catch { return null; }
  };
  for (const n of nodes) {
    if (n.ignored) continue;
    const role = n.role?.value;
    const name = clean(n.name?.value);
    if ((NAMED.has(role) || IMAGES.has(role)) && !name) {
      const d = await describeNode(n.backendDOMNodeId);
      f.push({ rule: IMAGES.has(role) ? 'image-name' : 'control-name', element: el(d),
        message: IMAGES.has(role) ? 'an image with no text alternative (give it alt text, or alt="" if it is decorative)'
          : `a ${role} with no accessible name` });
      continue;
    }
    if (NAMED.has(role) && n.name?.sources) {
      const used = n.name.sources.find((s) => (s.value || s.attributeValue) && !s.superseded);
      if (used && (used.attribute === 'placeholder' || used.type === 'placeholder' || used.attribute === 'title')) {
        const d = await describeNode(n.backendDOMNodeId);
        f.push({ rule: 'name-from-' + (used.attribute || used.type), element: el(d),
          message: `a ${role} named only by its ${used.attribute || used.type} ("${name}"): give it a visible label` });
      }
    }
  }
  for (const p of await page.evaluate(() => __balai.imagesWithoutAlt())) {
    f.push({ rule: 'image-alt', element: el(p), message: p.problem });
  }
  return f;
}

// ── 1. axe-core ───────────────────────────────────────────────────────────────────────
export async function runAxe(ctx, width) {
  const { page } = ctx;
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const r = await page.evaluate(async (tags) => {
    const res = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
    const pick = (list) => list.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '), html: n.html.length > 200 ? n.html.slice(0, 199) + '…' : n.html,
        summary: n.failureSummary || [...n.any, ...n.all, ...n.none].map((c) => c.message).join(' / '),
      })),
    }));
    return { violations: pick(res.violations), incomplete: pick(res.incomplete), version: window.axe.version };
  }, AXE_TAGS);
  const f = [];
  for (const v of r.violations) {
    for (const n of v.nodes) {
      // axe may leave an empty style="" behind on elements it measured: not the page's.
      const html = n.html.replace(/ style=""/g, '');
      const summary = n.summary.replace(/\s+/g, ' ');
      f.push({ rule: `axe:${v.id}`, element: `${n.target}  ${html}`,
        message: `at ${width} px: ${v.help} (${v.impact}) — ${summary.length > 240 ? summary.slice(0, 239) + '…' : summary} [${v.helpUrl.replace(/\?.*$/, '')}]` });
    }
  }
  for (const v of r.incomplete) {
    for (const n of v.nodes) ctx.note('axe incomplete', `at ${width} px: ${v.id} (${v.help}) on ${n.target}: ${n.summary.replace(/\s+/g, ' ')}`);
  }
  return f;
}

// ── 6. Target size ────────────────────────────────────────────────────────────────────
export async function checkTargetSize(ctx, width) {
  const r = await ctx.page.evaluate(() => __balai.targetSize());
  return r.failures.map((t) => ({
    rule: 'target-size', element: el(t),
    message: `at ${width} px: ${t.width} x ${t.height} px (display ${t.display}), under 24 x 24, and ${t.why} ${t.other.selector}`,
  }));
}

// ── 4. Text spacing ───────────────────────────────────────────────────────────────────
export async function checkTextSpacing(ctx, width) {
  const { page } = ctx;
  const ap = await page.evaluate(() => __balai.applyTextSpacing());
  if (!ap.applied) {
    await page.evaluate(() => __balai.removeTextSpacing());
    return [{ rule: 'text-spacing-not-applied', message: `at ${width} px: the text-spacing styles did not take (letter-spacing ${ap.letterSpacing} at font-size ${ap.fontSize})` }];
  }
  const found = await page.evaluate(() => __balai.clipped());
  await page.evaluate(() => __balai.removeTextSpacing());
  return found.map((c) => ({
    rule: 'text-clipped', element: el(c),
    message: c.axis === 'vertical'
      ? `at ${width} px with WCAG text spacing: text clipped, content ${c.scrollHeight} px high in a ${c.clientHeight} px box with hidden overflow`
      : `at ${width} px with WCAG text spacing: text clipped, content ${c.scrollWidth} px wide in a ${c.clientWidth} px box with hidden overflow`,
  }));
}

// ── 3. Reflow ─────────────────────────────────────────────────────────────────────────
export async function checkReflow(ctx) {
  const r = await ctx.page.evaluate(() => __balai.reflow());
  const f = [];
  if (r.scrollWidth > r.viewport + 1) {
    f.push({ rule: 'horizontal-scroll', message: `the page is ${r.scrollWidth} px wide in a ${r.viewport} px viewport: it scrolls sideways` });
  }
  for (const o of r.offenders) {
    f.push({ rule: 'overflows-viewport', element: el(o),
      message: `${o.width} px wide, from x=${o.left} to x=${o.right}, in a ${r.viewport} px viewport` });
  }
  if (r.more) f.push({ rule: 'overflows-viewport', message: `and ${r.more} more element(s) outside the viewport` });
  return f;
}

// ── Text browser ──────────────────────────────────────────────────────────────────────
const norm = (s) => s.replace(/[\u2066-\u2069\u00ad\u200b]/g, '').replace(/\s+/g, ' ').trim();

export function lynxDump(url, cookies = []) {
  // The state's cookies (a draft, a private view) go to lynx through a cookie file, read
  // only when persistent cookies are on: a config that includes the system's and says so.
  let tmp = null;
  const args = ['-dump', '-nolist', '-display_charset=utf-8', '-assume_charset=utf-8', '-width=100'];
  if (cookies.length) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'balai-lynx-'));
    const jar = path.join(tmp, 'cookies');
    fs.writeFileSync(jar, cookies.map((c) => [c.domain.replace(/^\./, ''), 'FALSE', c.path || '/', c.secure ? 'TRUE' : 'FALSE',
      '2147483647', c.name, c.value].join('\t')).join('\n') + '\n');
    const system = ['/etc/lynx/lynx.cfg', '/etc/lynx.cfg'].find((f) => fs.existsSync(f));
    fs.writeFileSync(path.join(tmp, 'lynx.cfg'), `${system ? `INCLUDE:${system}\n` : ''}PERSISTENT_COOKIES:TRUE\nCOOKIE_FILE:${jar}\nCOOKIE_SAVE_FILE:${jar}\nACCEPT_ALL_COOKIES:TRUE\n`);
    args.unshift(`-cfg=${path.join(tmp, 'lynx.cfg')}`);
  }
  return new Promise((resolve, reject) => {
    const p = spawn('lynx', [...args, url],
      { env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
    let out = '', err = '';
    p.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
    p.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), 20000);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
      code === 0 ? resolve(out) : reject(new Error(`lynx exited ${code}: ${err.trim()}`));
    });
  });
}

export async function checkLynx(ctx, dumpDir) {
  const order = ctx.readingOrder;
  const dump = await lynxDump(ctx.url, ctx.cookies || []);
  fs.mkdirSync(dumpDir, { recursive: true });
  fs.writeFileSync(path.join(dumpDir, `${ctx.key}.txt`), dump);
  // lynx lists the head's <link rel> elements first ("#alternate" and the link's title,
  // e.g. a filtered browse page's area feed): not page content.
  const text = norm(dump.replace(/^(\s*#\S+[^\n]*\n|\s*\n)+/, ''));
  const f = [];
  const skip = order.items.find((i) => i.kind === 'skip link');
  if (!skip) f.push({ rule: 'lynx-skip-link', message: 'the page has no skip link to look for' });
  else if (!text.startsWith(norm(skip.text))) {
    f.push({ rule: 'lynx-skip-link', message: `the text-browser view does not start with the skip link "${skip.text}"; it starts "${text.slice(0, 60)}"` });
  }
  let at = 0;
  let prev = '(start)';
  for (const item of order.items) {
    const needle = norm(item.text);
    const i = text.indexOf(needle, at);
    if (i < 0) {
      const anywhere = text.indexOf(needle);
      f.push({ rule: 'lynx-order', message: anywhere < 0
        ? `${item.kind} "${item.text}" does not appear in lynx -dump`
        : `${item.kind} "${item.text}" appears before ${prev} in lynx -dump, out of reading order` });
      continue;
    }
    at = i + needle.length;
    prev = `${item.kind} "${item.text}"`;
  }
  if (!order.items.some((i) => i.kind === 'h1')) f.push({ rule: 'lynx-h1', message: 'no h1 to find' });
  return f;
}

// ── 2. Nu Html Checker, once over every saved file ────────────────────────────────────
export function runVnu(files) {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  return new Promise((resolve, reject) => {
    const p = spawn('java', ['-Xss8m', '-jar', jar, '--errors-only', '--format', 'json', '--exit-zero-always', ...files]);
    let err = '', out = '';
    p.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
    p.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
    p.on('error', reject);
    p.on('close', (code) => {
      const start = err.indexOf('{');
      if (code !== 0 || start < 0) return reject(new Error(`vnu exited ${code}: ${(err || out).slice(0, 500)}`));
      try { resolve(JSON.parse(err.slice(start)).messages); } catch (e) { reject(new Error(`vnu output not JSON: ${e.message}`)); }
    });
  });
}

// ── Issue #21: what people met by hand ───────────────────────────────────────────────
/**
 * Follow each error-summary link (a click, as a person does) and see the field's label (a
 * radio's or a date part's group legend too) and its error message on screen: the page
 * must not scroll the field to the very top with its label above the window.
 */
export async function checkErrorLinks(ctx, width) {
  const { page } = ctx;
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('.error-summary a[href^="#"]')].map((a) => a.getAttribute('href')));
  const f = [];
  for (const href of [...new Set(hrefs)]) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator(`.error-summary a[href="${href}"]`).first().click();
    const r = await page.evaluate((id) => {
      const target = document.getElementById(decodeURIComponent(id));
      if (!target) return null;
      const seen = (el) => {
        if (!el) return true;
        const b = el.getBoundingClientRect();
        return b.top >= 0 && b.bottom <= window.innerHeight;
      };
      const group = target.closest('fieldset');
      const inGroup = target.matches('[type=radio], [type=checkbox]') || (group && group.querySelector('.date-input'));
      const label = inGroup && group ? group.querySelector('legend') : document.querySelector(`label[for="${CSS.escape(target.id)}"]`);
      const field = target.closest('.field') || group;
      const error = field ? field.querySelector('.error-message') : null;
      return { label: label ? label.textContent.trim().slice(0, 60) : null, labelSeen: seen(label), errorSeen: seen(error),
        fieldSeen: seen(target), scrollY: Math.round(window.scrollY) };
    }, href.slice(1));
    if (!r) continue; // a link to nothing: the shell check says so
    if (!r.labelSeen || !r.errorSeen || !r.fieldSeen) {
      f.push({ rule: 'error-link-hides-label', element: `.error-summary a[href="${href}"]`,
        message: `at ${width} px: after following the link, ${[!r.labelSeen && `the label "${r.label}"`, !r.errorSeen && 'the error message', !r.fieldSeen && 'the field'].filter(Boolean).join(' and ')} is outside the viewport (scrolled to ${r.scrollY})` });
    }
  }
  await page.evaluate(() => { window.scrollTo(0, 0); __balai.blurActive(); });
  return f;
}

/** A link marked aria-current in a list looks different from its siblings, not only by colour. */
export async function checkCurrentMarked(ctx) {
  const bad = await ctx.page.evaluate(() => {
    const look = (a) => { const c = getComputedStyle(a); return [c.fontWeight, c.textDecorationLine, c.borderBottomStyle, c.borderBottomWidth, c.outlineStyle, c.backgroundColor].join('|'); };
    const out = [];
    for (const cur of document.querySelectorAll('li > a[aria-current]')) {
      const list = cur.closest('ul, ol');
      const sibling = [...list.querySelectorAll(':scope > li > a:not([aria-current])')][0];
      if (sibling && look(sibling) === look(cur)) out.push({ selector: cur.textContent.trim(), html: cur.outerHTML.slice(0, 160) });
    }
    return out;
  });
  return bad.map((d) => ({ rule: 'current-looks-like-others', element: `${d.selector}  ${d.html}`,
    message: 'marked aria-current but its weight, decoration and border are those of the other links (colour alone is not enough)' }));
}

/** Secondary and warning buttons: their computed background is not the main button's. */
export async function checkButtonVariants(ctx) {
  const bad = await ctx.page.evaluate(() => {
    const main = document.querySelector('main') || document.body;
    const probe = document.createElement('button');
    probe.type = 'button';
    probe.className = 'button';
    probe.textContent = 'probe';
    main.append(probe);
    const primary = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return [...document.querySelectorAll('.button--secondary, .button--warning')]
      .filter((b) => getComputedStyle(b).backgroundColor === primary)
      .map((b) => ({ html: b.outerHTML.slice(0, 160), bg: primary }));
  });
  return bad.map((b) => ({ rule: 'variant-looks-primary', element: b.html,
    message: `its background is the main button's (${b.bg}): a secondary or destructive action looks like the main one` }));
}

/** In forced colours (red gone) an error message still shows it is an error. */
export async function checkForcedColorsErrors(ctx) {
  const { page } = ctx;
  if (!(await page.locator('.error-message').count())) return [];
  await page.emulateMedia({ forcedColors: 'active' });
  try {
    const bad = await page.evaluate(() => [...document.querySelectorAll('.error-message')].filter((m) => {
      const prefix = m.querySelector('.visually-hidden');
      const shown = prefix && prefix.getBoundingClientRect().width > 2;
      return !shown;
    }).map((m) => m.outerHTML.slice(0, 160)));
    return bad.map((html) => ({ rule: 'error-like-a-label', element: html,
      message: 'in forced colours the "Error:" prefix is hidden and the colour gone: the message reads like a second label' }));
  } finally {
    await page.emulateMedia({ forcedColors: 'none' });
  }
}

/** Chart text: at least 12 px as drawn, and inside the picture. */
export async function checkChartText(ctx, width) {
  const bad = await ctx.page.evaluate(() => {
    const out = [];
    for (const svg of document.querySelectorAll('svg[viewBox]')) {
      const vb = svg.viewBox.baseVal;
      const box = svg.getBoundingClientRect();
      if (!vb || !vb.width || !box.width) continue;
      const scale = box.width / vb.width;
      for (const t of svg.querySelectorAll('text')) {
        const size = parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize) * scale;
        const b = t.getBoundingClientRect();
        if (size < 12) out.push({ html: t.outerHTML.slice(0, 120), why: `${size.toFixed(1)} px` });
        else if (b.right > box.right + 1 || b.left < box.left - 1) out.push({ html: t.outerHTML.slice(0, 120), why: 'cut at the picture\'s edge' });
      }
    }
    return out;
  });
  return bad.map((b) => ({ rule: 'chart-text', element: b.html, message: `at ${width} px: chart text ${b.why}` }));
}
