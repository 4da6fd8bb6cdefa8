// Self-test of the suite: a tiny loopback server with Balai's headers serves fixture pages,
// the suite runs on them exactly as on Balai, and we assert that
//   - the good pages (a page, a form, its error state, its confirmation) pass every check,
//     and the no-JavaScript form flow reaches the confirmation;
//   - the broken page of the issue (an input without a label, a fixed 1000 px wide box,
//     an outline removed on focus) FAILS, on the checks that should catch each defect;
//   - a second broken page with one defect per remaining check fails each of them.
// If a broken page passes a check it should fail, the self-test fails the run.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { CSP } from '../lib/checks.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SITE_CSS = fs.readFileSync(path.join(HERE, '..', '..', '..', 'assets', 'css', 'site.css'));
const FIXTURES = path.join(HERE, 'fixtures');
const HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};
// broken-more is served with a weaker policy (no script-src, no form-action): check 8 must see it.
const WEAK_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'";

function png1x1() {
  const crc = (buf) => { let c = ~0; for (const b of buf) { c ^= b; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); } return ~c >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0x1d, 0x4e, 0x89]))), chunk('IEND', Buffer.alloc(0))]);
}

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const fixture = (name) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

// The page shell, as Balai's layout.rs makes it.
function shell({ title, main, css = ['site.css'] }) {
  return fixture('shell.html')
    .replace('{{title}}', esc(title))
    .replace('{{css}}', css.map((c) => `<link rel="stylesheet" href="/${c}">`).join(''))
    .replace('{{main}}', main);
}

function formPage({ name = '', error = false }) {
  return shell({
    title: `${error ? 'Error: ' : ''}Tell us your name - Fixture`,
    main: fixture('form.html')
      .replace('{{summary}}', error ? fixture('error-summary.html') : '')
      .replace('{{field-class}}', error ? 'field field--error' : 'field')
      .replace('{{error}}', error ? '<span class="error-message" id="name-error"><span class="visually-hidden">Error:</span> Enter your name</span>' : '')
      .replace('{{describedby}}', error ? 'name-hint name-error' : 'name-hint')
      .replace('{{value}}', esc(name)),
  });
}

export function startFixtureServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (status, type, body, extra = {}) => {
      res.writeHead(status, { ...HEADERS, 'content-type': type, ...extra });
      res.end(body);
    };
    const html = (status, body, extra) => send(status, 'text/html; charset=utf-8', body, extra);
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const p = url.pathname;
      if (p === '/health') return send(200, 'text/plain', 'ok');
      if (p === '/site.css') return send(200, 'text/css', SITE_CSS);
      if (p.endsWith('.css')) return send(200, 'text/css', fixture(path.basename(p)));
      if (p === '/pixel.png') return send(200, 'image/png', png1x1());
      if (p === '/en/good') return html(200, shell({ title: 'A good page - Fixture', main: fixture('good.html'), css: ['site.css'] }));
      if (p === '/en/form' && req.method === 'GET') return html(200, formPage({}));
      if (p === '/en/form' && req.method === 'POST') {
        const name = new URLSearchParams(body).get('name') || '';
        if (!name.trim()) return html(200, formPage({ name, error: true }));
        res.writeHead(303, { ...HEADERS, location: `/en/form/done?name=${encodeURIComponent(name)}` });
        return res.end();
      }
      if (p === '/en/form/done') {
        return html(200, shell({ title: 'Thank you - Fixture',
          main: fixture('done.html').replace('{{name}}', esc(url.searchParams.get('name') || '')) }));
      }
      if (p === '/en/broken') return html(200, shell({ title: 'Broken page - Fixture', main: fixture('broken.html'), css: ['site.css', 'broken.css'] }));
      if (p === '/en/broken-more') return html(200, fixture('broken-more.html'), { 'content-security-policy': WEAK_CSP });
      if (p === '/en/by-hand') return html(200, shell({ title: 'By hand - Fixture', main: fixture('by-hand.html'), css: ['site.css', 'by-hand.css'] }));
      return html(404, shell({ title: 'Page not found - Fixture', main: '<h1>Page not found</h1><p><a href="/en/good">Go to the good page</a></p>' }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Every fixture page uses site.css through the shell (see fixtures/shell.html).
const states = [
  { name: 'good', path: '/{lang}/good', status: 200, lynx: true },
  { name: 'form', path: '/{lang}/form', status: 200, lynx: true },
  { name: 'form-errors', status: 200, errorTitle: true,
    steps: async (t) => { await t.goto('/{lang}/form'); await t.submit('Continue'); } },
  { name: 'form-done', status: 200,
    steps: async (t) => { await t.goto('/{lang}/form'); await t.fill('Your name', 'Sari'); await t.submit('Continue'); } },
  { name: 'broken', path: '/{lang}/broken', status: 200 },
  { name: 'broken-more', path: '/{lang}/broken-more', status: 200, lynx: true },
  { name: 'wrong-status', path: '/{lang}/no-such-page', status: 200 },
  // Issue #21: what people met by hand; two addresses of one page with one title.
  { name: 'by-hand', path: '/{lang}/by-hand', status: 200, titleGroup: 'by-hand' },
  { name: 'by-hand-2', path: '/{lang}/by-hand?p=2', status: 200, titleGroup: 'by-hand' },
];

const flows = [
  {
    name: 'form: error first, then corrected',
    steps: async (t) => {
      await t.goto('/{lang}/form');
      await t.submit('Continue');
      t.expect((await t.page.title()).startsWith('Error: '), 'after an empty submission the title does not start "Error: "');
      const f = await t.focused();
      t.expect(f.className.includes('error-summary'), `the error summary is not focused on arrival (focus: <${f.tag}>)`);
      await t.fill('Your name', 'Sari');
      await t.submit('Continue');
      t.expect(new URL(t.page.url()).pathname === '/en/form/done', `no confirmation page: at ${t.page.url()}`);
      const h1 = await t.page.locator('h1').textContent();
      t.expect(h1.includes('Sari'), `the confirmation says "${h1}"`);
    },
  },
  {
    name: 'broken form (its search field has no label)',
    steps: async (t) => {
      await t.goto('/{lang}/broken');
      await t.fill('Search', 'x');
      await t.submit('Search');
    },
  },
];

// What must happen. [state key, check, rule prefix or null]: that check must fail there,
// with a failure whose rule starts with the prefix.
const MUST_FAIL = [
  // The issue's three defects.
  ['broken.en', 'axe', 'axe:label'],              // input without a label
  ['broken.en', 'names', 'control-name'],         // ... also in the accessibility tree
  ['broken.en', 'reflow', 'horizontal-scroll'],   // 1000 px wide box
  ['broken.en', 'reflow', 'overflows-viewport'],
  ['broken.en', 'focus-visible', 'focus-indicator'], // outline removed on focus
  ['flow: broken form (its search field has no label).en', 'nojs', 'flow'],
  // One defect per remaining check.
  ['broken-more.en', 'skip-link', 'skip-link-first'],
  ['broken-more.en', 'tab-order', 'tab-order'],
  ['broken-more.en', 'tab-order', 'tab-order-visual'], // a column-reverse box: focus goes up, not to a new column
  ['broken-more.en', 'focus-not-obscured', 'focus-obscured'],
  ['broken-more.en', 'target-size', 'target-size'],
  ['broken-more.en', 'text-spacing', 'text-clipped'],
  ['broken-more.en', 'no-script', 'csp-header'],
  ['broken-more.en', 'no-script', 'script'],
  ['broken-more.en', 'no-inline-style', 'inline-style'],
  ['broken-more.en', 'names', 'image-name'],
  ['broken-more.en', 'names', 'control-name'],
  ['broken-more.en', 'names', 'name-from-placeholder'],
  ['broken-more.en', 'axe', 'axe:color-contrast'],
  ['broken-more.en', 'axe', 'axe:image-alt'],
  ['broken-more.en', 'vnu', 'vnu:error'],
  ['broken-more.en', 'shell', 'one-h1'],
  ['broken-more.en', 'shell', 'error-summary-link'],
  ['broken-more.en', 'lynx', 'lynx-skip-link'],
  ['wrong-status.en', 'status', 'status'],
  // Issue #21.
  ['by-hand.en', 'error-links', 'error-link-hides-label'],
  ['by-hand.en', 'button-variants', 'variant-looks-primary'],
  ['by-hand.en', 'current-marked', 'current-looks-like-others'],
  ['by-hand.en', 'forced-colors-errors', 'error-like-a-label'],
  ['by-hand.en', 'chart-text', 'chart-text'],
  ['by-hand.en', 'distinct-title', 'same-title'],
];
const MUST_PASS = ['good.en', 'form.en', 'form-errors.en', 'form-done.en', 'flow: form: error first, then corrected.en'];

export async function selfTest({ browser, runSuite, printReport, artifacts }) {
  const server = await startFixtureServer();
  const base = `http://127.0.0.1:${server.address().port}`;
  console.log(`Self-test: the suite on fixture pages at ${base} (broken ones must fail)`);
  let report;
  try {
    report = await runSuite({ browser, base, states, flows, langs: ['en'], artifacts, errorTitlePrefix: { en: 'Error: ' } });
  } finally {
    server.close();
  }
  printReport(report, { artifacts, title: 'Self-test fixtures' });

  const verdicts = [];
  for (const [key, check, rule] of MUST_FAIL) {
    const r = report.results.find((x) => x.key === key && x.check === check);
    const hit = r && r.failures.find((f) => f.rule.startsWith(rule));
    verdicts.push({ ok: !!hit, text: `${key} fails ${check} (${rule})${hit ? '' : r ? ' — it PASSED or failed otherwise' : ' — check did not run'}` });
  }
  for (const key of MUST_PASS) {
    const rs = report.results.filter((x) => x.key === key);
    const bad = rs.filter((x) => x.failures.length).map((x) => x.check);
    verdicts.push({ ok: rs.length > 0 && bad.length === 0, text: `${key} passes all ${rs.length} checks${bad.length ? ` — FAILED: ${bad.join(', ')}` : ''}` });
  }
  console.log('\n── Self-test verdicts ──');
  for (const v of verdicts) console.log(`  ${v.ok ? '✓' : '✗ SELF-TEST FAILURE:'} ${v.text}`);
  const bad = verdicts.filter((v) => !v.ok).length;
  console.log(`self-test: ${verdicts.length - bad} passed, ${bad} failed`);
  return bad ? 1 : 0;
}
