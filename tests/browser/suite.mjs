#!/usr/bin/env node
// Balai's browser accessibility suite. Usage:
//   node suite.mjs --base http://127.0.0.1:PORT [--only REGEX]   check the running site
//     [--workers N]   states checked at once (default 3; or SUITE_WORKERS=N)
//   node suite.mjs --self-test                                   check that broken pages fail
//   node suite.mjs --self-test --base URL                        both, one browser (run.sh)
// run.sh starts the server and runs both. Pages and states: pages.mjs. Checks: lib/checks.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import * as C from './lib/checks.mjs';
import { makeSteps, SkipError } from './lib/steps.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch() {
  const executablePath = process.env.BALAI_CHROMIUM || '/usr/bin/chromium';
  // launch() gives Chromium a new, empty user-data dir each time (removed on close).
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, chromiumSandbox: false });
}

class Report {
  constructor() { this.results = []; this.notes = []; this.skipped = []; }
  add(key, url, check, failures) { this.results.push({ key, url, check, failures }); }
  note(key, kind, text) { this.notes.push({ key, kind, text }); }
  get failed() { return this.results.filter((r) => r.failures.length); }
}

const log = (...a) => console.log(...a);

// Run `fn` over `items`, `n` at a time.
async function pool(items, n, fn) {
  let next = 0;
  const worker = async () => { while (next < items.length) { const i = next++; await fn(items[i], i); } };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}
// States checked at once (`--workers N`, or SUITE_WORKERS). A state spends most of its time
// waiting on round trips to Chromium (a key press, a picture, a script's answer): 28 states
// two at a time used 88 s of CPU in 180 s of a 2-core machine, so 3 is the default. Each
// state has its own context (cookies, drafts), so the number changes how long the run
// takes, not what it checks.
export const DEFAULT_WORKERS = 3;
function workersFrom(value, source) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${source} must be a whole number of at least 1, not "${value}"`);
  return n;
}

/**
 * Run every check on every state of `states` in every language, then the no-JS `flows`,
 * then vnu over the saved HTML. Returns the Report.
 */
export async function runSuite({ browser, base, states, flows, langs, artifacts, errorTitlePrefix, only, workers = DEFAULT_WORKERS }) {
  const report = new Report();
  const dirs = {
    html: path.join(artifacts, 'html'), shots: path.join(artifacts, 'screenshots'), lynx: path.join(artifacts, 'lynx'),
  };
  for (const d of Object.values(dirs)) { fs.rmSync(d, { recursive: true, force: true }); fs.mkdirSync(d, { recursive: true }); }
  const htmlFiles = new Map();
  const lynxJobs = [];
  // Focus indicators already judged in this run (see checkFocusVisible).
  const focusCache = new Map();
  // Titles of the states of one `titleGroup` (pages that differ in content): each its own.
  const titles = [];

  const runState = async (state, lang) => {
    {
      const key = `${state.name}.${lang}`;
      if (only && !only.test(key)) return;
      const t0 = Date.now();
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: lang });
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      let url = '(not reached)';
      const add = (check, failures) => report.add(key, url, check, failures);
      try {
        // Reach the state, the way a person's browser would; keep its last navigation.
        let response = null;
        const cspViolations = [];
        page.on('response', (r) => {
          if (r.request().isNavigationRequest() && r.frame() === page.mainFrame() && !(r.status() >= 301 && r.status() <= 308)) response = r;
          else if (!r.request().isNavigationRequest() && r.status() >= 400) report.note(key, 'resource', `${r.request().method()} ${r.url()} answered ${r.status()}`);
        });
        page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
        const t = makeSteps(page, { base, lang });
        try {
          if (state.steps) await state.steps(t);
          else await t.goto(state.path);
        } catch (e) {
          if (!(e instanceof SkipError)) throw e;
          report.skipped.push({ key, reason: e.message });
          log(`  SKIP ${key.padEnd(28)} ${e.message}`);
          return;
        }
        if (!response) throw new Error('no page was loaded');
        url = page.url();
        if (state.titleGroup) titles.push({ group: state.titleGroup, lang, key, url, title: await page.title() });
        const ctx = {
          page, state, lang, key, url, status: response.status(), headers: await response.allHeaders(),
          body: (await response.body()).toString('utf8'), cspViolations: [...cspViolations],
          cdp: await context.newCDPSession(page), note: (kind, text) => report.note(key, kind, text), focusCache,
        };
        const file = path.join(dirs.html, `${key}.html`);
        fs.writeFileSync(file, ctx.body);
        htmlFiles.set(file, { key, url });
        await C.lib(page);

        // Each check on its own: one that crashes fails, the others still run.
        const guard = async (check, fn, fallback = []) => {
          const t1 = Date.now();
          try { return await fn(); } catch (e) {
            report.add(key, url, check, [{ rule: 'check-error', message: `the check could not run: ${e.message.split('\n')[0]}` }]);
            return fallback;
          } finally {
            if (process.env.SUITE_PROFILE) log(`      ${check}: ${Date.now() - t1} ms`);
          }
        };
        const none = { skip: [], order: [], obscured: [] };
        // Keyboard first: the first Tab must start from the page as it arrived.
        const kb = await guard('tab-order', () => C.keyboardWalks(ctx, 1280), none);
        add('status', C.checkStatus(ctx));
        await guard('shell', async () => add('shell', await C.checkShell(ctx, { errorTitlePrefix })));
        await guard('no-script', async () => add('no-script', await C.checkNoScript(ctx)));
        await guard('no-inline-style', async () => add('no-inline-style', await C.checkInlineStyle(ctx)));
        await guard('names', async () => add('names', await C.checkNames(ctx)));
        const axe = await guard('axe', () => C.runAxe(ctx, 1280));
        const target = await guard('target-size', () => C.checkTargetSize(ctx, 1280));
        const spacing = await guard('text-spacing', () => C.checkTextSpacing(ctx, 1280));
        ctx.readingOrder = await page.evaluate(() => __balai.readingOrder());
        const calm = () => page.evaluate(() => { __balai.blurActive(); window.scrollTo(0, 0); });
        await calm();
        await page.screenshot({ path: path.join(dirs.shots, `${key}.1280.png`), fullPage: true });
        await guard('focus-visible', async () => add('focus-visible', await C.checkFocusVisible(ctx)));
        // Issue #21: what people met by hand (error links, current marks, button variants,
        // errors in forced colours, chart text).
        const errorLinks = await guard('error-links', () => C.checkErrorLinks(ctx, 1280));
        const chartText = await guard('chart-text', () => C.checkChartText(ctx, 1280));
        await guard('current-marked', async () => add('current-marked', await C.checkCurrentMarked(ctx)));
        await guard('button-variants', async () => add('button-variants', await C.checkButtonVariants(ctx)));
        await guard('forced-colors-errors', async () => add('forced-colors-errors', await C.checkForcedColorsErrors(ctx)));

        await page.setViewportSize({ width: 320, height: 640 });
        await guard('reflow', async () => add('reflow', await C.checkReflow(ctx)));
        spacing.push(...await guard('text-spacing', () => C.checkTextSpacing(ctx, 320)));
        target.push(...await guard('target-size', () => C.checkTargetSize(ctx, 320)));
        axe.push(...await guard('axe', () => C.runAxe(ctx, 320)));
        const kb320 = await guard('tab-order', () => C.keyboardWalks(ctx, 320), none);
        errorLinks.push(...await guard('error-links', () => C.checkErrorLinks(ctx, 320)));
        chartText.push(...await guard('chart-text', () => C.checkChartText(ctx, 320)));
        add('error-links', errorLinks);
        add('chart-text', chartText);
        await calm();
        await page.screenshot({ path: path.join(dirs.shots, `${key}.320.png`), fullPage: true });
        add('skip-link', kb.skip);
        add('tab-order', [...kb.order, ...kb320.order]);
        add('focus-not-obscured', [...kb.obscured, ...kb320.obscured]);
        add('axe', axe);
        add('target-size', target);
        add('text-spacing', spacing);
        if (state.lynx) {
          if (response.request().method() !== 'GET') add('lynx', [{ rule: 'lynx-needs-get', message: 'lynx: true needs a state whose page is a GET (lynx opens it afresh)' }]);
          else {
            // lynx opens the address afresh: with the state's cookies (a draft, a private view).
            ctx.cookies = await context.cookies(url);
            lynxJobs.push(C.checkLynx(ctx, dirs.lynx).then((f) => add('lynx', f), (e) => add('lynx', [{ rule: 'lynx-error', message: e.message }])));
          }
        }
      } catch (e) {
        add('reach', [{ rule: 'error', message: `${e.message.split('\n')[0]}` }]);
      } finally {
        await context.close();
      }
      const n = report.results.filter((r) => r.key === key);
      const bad = n.filter((r) => r.failures.length).map((r) => r.check);
      const shown = url.startsWith(base) ? url.slice(base.length) : url;
      log(`  ${bad.length ? 'FAIL' : 'ok  '} ${key.padEnd(32)} ${shown.slice(0, 60).padEnd(60)} ${((Date.now() - t0) / 1000).toFixed(1)}s${bad.length ? '  failed: ' + bad.join(', ') : ''}`);
    }
  };
  const jobs = (list) => list.flatMap((state) => (state.langs || langs).map((lang) => [state, lang]));
  // States that use something up for the rest of the run (runLast) come after the flows.
  await pool(jobs(states.filter((s) => !s.runLast)), workers, ([state, lang]) => runState(state, lang));

  // No-JavaScript flows, each in its own context (its own cookies: a flow's draft or
  // private view is not another's, even when two run at once).
  if (flows.length) {
    const nojsContext = () => browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 } });
    const nojs = await nojsContext();
    const probe = await nojs.newPage();
    await probe.setContent('<title>script off</title><script>document.title = "script on"</script>');
    const scriptOff = (await probe.title()) === 'script off';
    await nojs.close();
    if (!scriptOff) report.add('nojs', '', 'nojs', [{ rule: 'nojs-context', message: 'JavaScript still runs in the no-JavaScript context' }]);
    const flowJobs = flows.flatMap((flow) => (flow.langs || langs).map((lang) => [flow, lang]));
    await pool(flowJobs, workers, async ([flow, lang]) => {
      const key = `flow: ${flow.name}.${lang}`;
      if (only && !only.test(key)) return;
      const context = await nojsContext();
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      let failures = [];
      try {
        await flow.steps(makeSteps(page, { base, lang }));
      } catch (e) {
        if (e instanceof SkipError) {
          report.skipped.push({ key, reason: e.message });
          log(`  SKIP ${key}: ${e.message}`);
          await context.close();
          return;
        }
        failures = [{ rule: e.constructor.name === 'StepError' ? 'flow' : 'flow-error', message: `${e.message.split('\n')[0]} (at ${page.url()})` }];
      }
      report.add(key, page.url(), 'nojs', failures);
      log(`  ${failures.length ? 'FAIL' : 'ok  '} ${key}`);
      await context.close();
    });
  }
  for (const [state, lang] of jobs(states.filter((s) => s.runLast))) await runState(state, lang);
  await Promise.all(lynxJobs);
  for (const t of titles) {
    const same = titles.filter((o) => o !== t && o.group === t.group && o.lang === t.lang && o.title === t.title);
    report.add(t.key, t.url, 'distinct-title', same.map((o) => ({ rule: 'same-title',
      message: `the title "${t.title}" is also the title of ${o.key} (${o.url}), a page with other content` })));
  }
  // Report in the order of the list, whatever order the workers finished in.
  const order = new Map(jobs(states).map(([s, l], i) => [`${s.name}.${l}`, i]));
  report.results.sort((a, b) => (order.get(a.key) ?? 1e9) - (order.get(b.key) ?? 1e9));

  // Nu Html Checker, one Java run over every page as served.
  if (htmlFiles.size) {
    const t0 = Date.now();
    try {
      const messages = await C.runVnu([...htmlFiles.keys()]);
      const byFile = new Map([...htmlFiles.keys()].map((f) => [f, []]));
      for (const m of messages) {
        const file = m.url ? fileURLToPath(m.url) : null;
        const list = byFile.get(file);
        const failure = { rule: `vnu:${m.type}`, element: m.extract ? m.extract.replace(/\s+/g, ' ').trim() : undefined,
          message: `line ${m.lastLine ?? '?'}, column ${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}` };
        if (list) list.push(failure);
        else report.add('vnu', file || '', 'vnu', [failure]);
      }
      for (const [file, failures] of byFile) report.add(htmlFiles.get(file).key, htmlFiles.get(file).url, 'vnu', failures);
    } catch (e) {
      report.add('vnu', '', 'vnu', [{ rule: 'vnu-error', message: e.message }]);
    }
    log(`  vnu over ${htmlFiles.size} files: ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }
  return report;
}

export function printReport(report, { artifacts, title }) {
  const failed = report.failed;
  if (failed.length) {
    log(`\n── ${title}: FAILURES (page · check · rule · element) ──`);
    for (const r of failed) {
      log(`\n✗ ${r.key}  ${r.url}\n  check: ${r.check} — ${C.CHECKS[r.check] || r.check}`);
      // The same failure at 1280 and at 320 px is shown once, with both widths.
      const merged = new Map();
      for (const f of r.failures) {
        const m = /^at (\d+) px: (.*)$/s.exec(f.message);
        const k = `${f.rule}\u0000${f.element || ''}\u0000${m ? m[2] : f.message}`;
        if (!merged.has(k)) merged.set(k, { ...f, message: m ? m[2] : f.message, widths: [] });
        if (m && !merged.get(k).widths.includes(m[1])) merged.get(k).widths.push(m[1]);
      }
      for (const f of merged.values()) {
        const at = f.widths.length ? `at ${f.widths.join(' and ')} px: ` : '';
        log(`  • rule ${f.rule}: ${at}${f.message}`);
        if (f.element) log(`    element: ${f.element}`);
      }
    }
  }
  if (report.notes.length) {
    log(`\n── ${title}: listed for review, not failing (axe "incomplete", AAA notes, failed sub-requests) ──`);
    const seen = new Map();
    for (const n of report.notes) {
      const k = `${n.kind}: ${n.text.replace(/^at \d+ px: /, '')}`;
      if (!seen.has(k)) seen.set(k, []);
      seen.get(k).push(n.key);
    }
    for (const [k, keys] of seen) log(`  - ${k}  [${[...new Set(keys)].join(', ')}]`);
  }
  if (report.skipped.length) {
    log(`\n── ${title}: SKIPPED (could not be reached today; not failed, but not tested) ──`);
    for (const k of report.skipped) log(`  - ${k.key}: ${k.reason}`);
  }
  log(`\nScreenshots (320 and 1280 px): ${path.join(artifacts, 'screenshots')}/`);
  log(`HTML as served: ${path.join(artifacts, 'html')}/   lynx dumps: ${path.join(artifacts, 'lynx')}/`);
  const passed = report.results.length - failed.length;
  return { passed, failed: failed.length, skipped: report.skipped.length };
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const only = opt('--only') ? new RegExp(opt('--only')) : null;
  const base = opt('--base');
  const self = args.includes('--self-test');
  if (!base && !self) throw new Error('usage: node suite.mjs [--self-test] [--base http://127.0.0.1:PORT [--only REGEX]] [--workers N]');
  const workers = opt('--workers') !== undefined ? workersFrom(opt('--workers'), '--workers')
    : process.env.SUITE_WORKERS ? workersFrom(process.env.SUITE_WORKERS, 'SUITE_WORKERS') : DEFAULT_WORKERS;
  const started = Date.now();
  const browser = await launch(); // once, for the self-test and the site
  let code = 0;
  try {
    if (self) {
      const { selfTest } = await import('./selftest/selftest.mjs');
      code |= await selfTest({ browser, runSuite, printReport, artifacts: path.join(HERE, 'artifacts', 'self-test') });
      log(`Self-test took ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
    }
    if (base) {
      const t0 = Date.now();
      const { states, flows, LANGS, ERROR_TITLE_PREFIX } = await import('./pages.mjs');
      const artifacts = path.join(HERE, 'artifacts');
      log(`Balai browser suite against ${base} (Chromium ${browser.version()}), ${workers} state${workers === 1 ? '' : 's'} at a time`);
      const report = await runSuite({ browser, base, states, flows, langs: LANGS, artifacts, errorTitlePrefix: ERROR_TITLE_PREFIX, only, workers });
      const { passed, failed, skipped } = printReport(report, { artifacts, title: 'Balai' });
      log(`Took ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
      log(`browser: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
      if (failed) code |= 1;
    }
  } finally {
    await browser.close();
  }
  process.exitCode = code;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => { console.error(e); process.exitCode = 2; });
}
