// Evaluated in the page under test through the DevTools protocol (Playwright's
// page.evaluate), which the page's CSP (script-src 'none') does not block: the page itself
// runs no script. Defines window.__balai with the DOM measurements the checks need. Every
// function returns plain data (selectors, rectangles, snippets) so the Node side can report it.
(() => {
  if (window.__balai) return;

  // Things a pointer can hit (WCAG 2.5.8) and things a keyboard can reach.
  const TARGETS =
    'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, ' +
    '[role=button], [role=link], [role=checkbox], [role=radio], [role=tab], [role=switch], ' +
    '[tabindex]:not([tabindex="-1"])';
  const FOCUSABLE =
    'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, ' +
    'iframe, [tabindex], [contenteditable=""], [contenteditable="true"]';
  const NOT_TEXT = new Set(['input', 'select', 'textarea', 'img', 'video', 'audio', 'iframe',
    'svg', 'canvas', 'option', 'optgroup', 'object', 'embed', 'meter', 'progress']);

  function cssPath(el) {
    if (!(el instanceof Element)) return String(el);
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1 && node !== document.documentElement) {
      let part = node.localName;
      if (node.id && document.querySelectorAll('#' + CSS.escape(node.id)).length === 1) {
        parts.unshift(part + '#' + node.id);
        break;
      }
      part += [...node.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
      const parent = node.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === node.localName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      }
      parts.unshift(part);
      node = parent;
    }
    return parts.join(' > ') || el.localName;
  }

  function snippet(el) {
    const open = el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1);
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ');
    const inner = text.length > 50 ? text.slice(0, 50) + '…' : text;
    const close = el.outerHTML.endsWith(`</${el.localName}>`) ? `</${el.localName}>` : '';
    const openShort = open.length > 160 ? open.slice(0, 159) + '…>' : open;
    return openShort + (close ? inner + close : '');
  }

  function describe(el) {
    return { selector: cssPath(el), html: snippet(el) };
  }

  function rendered(el) {
    return el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
  }

  // Hidden "visually" but kept for screen readers: a 1 px box that clips its content
  // (the .visually-hidden and unfocused .skip-link pattern), on the element or an ancestor.
  function visuallyHidden(el) {
    for (let n = el; n && n !== document.body; n = n.parentElement) {
      const r = n.getBoundingClientRect();
      if (r.width <= 1 && r.height <= 1) {
        const cs = getComputedStyle(n);
        if (cs.overflow !== 'visible' || cs.clipPath !== 'none' || cs.clip !== 'auto') return true;
      }
    }
    return false;
  }

  // Bounding box in document coordinates, and the perimeter of its line boxes (a link that
  // wraps has an outline around each line, not around the bounding box).
  function docRect(el) {
    const r = el.getBoundingClientRect();
    const perimeter = [...el.getClientRects()].reduce((p, c) => p + 2 * (c.width + c.height), 0);
    return { x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height, perimeter: Math.round(perimeter) };
  }

  // Sequential focus order the page means: document order, tabindex >= 0, radios by group.
  function tabbables() {
    const seenRadio = new Set();
    return [...document.querySelectorAll(FOCUSABLE)].filter((el) => {
      if (el.tabIndex < 0 || el.disabled || el.closest('[inert]') || !rendered(el)) return false;
      if (el.localName === 'input' && el.type === 'radio' && el.name) {
        const key = (el.form ? 'f' : 'd') + el.name;
        const group = [...(el.form || document).querySelectorAll('input[type=radio]')]
          .filter((r) => r.name === el.name);
        const checked = group.find((r) => r.checked);
        if (checked ? checked !== el : seenRadio.has(key)) return false;
        seenRadio.add(key);
      }
      return true;
    });
  }

  // Is the element painted under something else? Samples five points in each of its line
  // boxes (a wrapped link has one per line) that lie inside the viewport.
  function obscured(el) {
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const boxes = [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (!boxes.length) return { size: 'zero', total: 0, covered: 0 };
    const points = [];
    for (const r of boxes) {
      const left = Math.max(r.left, 0), right = Math.min(r.right, vw);
      const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, vh);
      if (right <= left || bottom <= top) continue;
      for (const [fx, fy] of [[.5, .5], [.2, .3], [.8, .3], [.2, .7], [.8, .7]]) {
        points.push([left + (right - left) * fx, top + (bottom - top) * fy]);
      }
    }
    if (!points.length) return { offscreen: true, total: 0, covered: 0 };
    let covered = 0, by = null;
    for (const [x, y] of points) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || hit === el || el.contains(hit) || hit.contains(el)) continue;
      // A label of the control does not hide it.
      if (el.labels && [...el.labels].some((l) => l.contains(hit))) continue;
      covered += 1;
      by = by || describe(hit);
    }
    return { total: points.length, covered, by };
  }

  function focusState() {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { body: true };
    const list = tabbables();
    return {
      body: false,
      index: list.indexOf(el),
      // A scroll container with no tabindex: Chromium (130+) puts it in the Tab order by
      // itself when nothing inside it can take focus; other browsers do not.
      scroller: !el.hasAttribute('tabindex') && !el.matches(FOCUSABLE)
        && (el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight)
        && /(auto|scroll)/.test(getComputedStyle(el).overflowX + getComputedStyle(el).overflowY),
      tag: el.localName,
      id: el.id,
      href: el.getAttribute('href'),
      ...describe(el),
      rect: docRect(el),
      perimeter: docRect(el).perimeter,
      obscured: obscured(el),
      hash: location.hash,
      scroll: { x: scrollX, y: scrollY },
    };
  }

  function focusIndex(i) {
    const el = tabbables()[i];
    if (el) el.focus();
    return !!el;
  }

  function blurActive() {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  }

  function tabbableInfo() {
    return tabbables().map((el) => {
      const rect = docRect(el);
      return { ...describe(el), rect, perimeter: rect.perimeter, tabIndex: el.tabIndex };
    });
  }

  // In-page links to a programmatic focus target (the skip link to main, error summary links).
  function inPageTargets() {
    const out = [];
    for (const a of document.querySelectorAll('a[href^="#"]')) {
      const id = decodeURIComponent(a.getAttribute('href').slice(1));
      const target = id && document.getElementById(id);
      if (target && target.tabIndex < 0 && target.hasAttribute('tabindex')) {
        out.push({ link: describe(a), target: describe(target), linkIndex: tabbables().indexOf(a) });
      }
    }
    return out;
  }

  function rectOfSelector(sel) {
    const el = document.querySelector(sel);
    return el ? docRect(el) : null;
  }

  // WCAG 1.4.10: nothing wider than the viewport, nothing pushed off either side.
  function reflow() {
    const vw = document.documentElement.clientWidth;
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    const offenders = [];
    const out = (r) => r.right > vw + 1 || r.left < -1;
    const inScroller = (el) => {
      for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) {
        const ox = getComputedStyle(n).overflowX;
        if (ox === 'auto' || ox === 'scroll') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (!rendered(el) || visuallyHidden(el) || inScroller(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (!out(r)) continue;
      const p = el.parentElement;
      if (p && p !== document.body && out(p.getBoundingClientRect())) continue; // report the outermost
      offenders.push({ ...describe(el), left: Math.round(r.left), right: Math.round(r.right), width: Math.round(r.width) });
    }
    return { viewport: vw, scrollWidth, offenders: offenders.slice(0, 8), more: Math.max(0, offenders.length - 8) };
  }

  // WCAG 1.4.12 text-spacing overrides, as a constructable stylesheet (a <style> element or
  // Playwright's addStyleTag would be refused by the CSP).
  const SPACING = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; ' +
    'word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
  let spacingSheet = null;
  function applyTextSpacing() {
    spacingSheet = new CSSStyleSheet();
    spacingSheet.replaceSync(SPACING);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, spacingSheet];
    const cs = getComputedStyle(document.body);
    const ratio = parseFloat(cs.letterSpacing) / parseFloat(cs.fontSize);
    return { applied: Math.abs(ratio - 0.12) < 0.005, letterSpacing: cs.letterSpacing, fontSize: cs.fontSize };
  }
  function removeTextSpacing() {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== spacingSheet);
    spacingSheet = null;
  }
  function clipped() {
    const found = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (NOT_TEXT.has(el.localName) || !rendered(el) || !el.textContent.trim()) continue;
      const cs = getComputedStyle(el);
      const hx = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
      const hy = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
      if (!hx && !hy) continue;
      if (el.clientWidth <= 1 || el.clientHeight <= 1 || visuallyHidden(el)) continue;
      const overY = hy && el.scrollHeight > el.clientHeight + 1;
      const overX = hx && el.scrollWidth > el.clientWidth + 1;
      if (overY || overX) {
        found.push({ ...describe(el), scrollHeight: el.scrollHeight, clientHeight: el.clientHeight,
          scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, axis: overY ? 'vertical' : 'horizontal' });
      }
    }
    return found;
  }

  // WCAG 2.5.8 target size: 24 x 24 CSS px, or the spacing exception, or inline in text.
  function targetSize() {
    const all = [];
    for (const el of document.querySelectorAll(TARGETS)) {
      if (!rendered(el) || el.disabled) continue;
      let rect;
      let hiddenUntilFocus = false;
      if (visuallyHidden(el)) {
        if (el.tabIndex < 0) continue;
        const prev = document.activeElement;
        el.focus();
        if (visuallyHidden(el)) { el.blur(); continue; }
        rect = docRect(el);
        el.blur();
        if (prev && prev !== document.body) prev.focus();
        hiddenUntilFocus = true;
      } else {
        rect = docRect(el);
      }
      if (rect.w === 0 || rect.h === 0) continue;
      all.push({ el, rect, hiddenUntilFocus, small: rect.w < 23.99 || rect.h < 23.99 });
    }
    const textOutsideTargets = (el) => {
      let block = el.parentElement;
      while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      if (!block) return false;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (!t.data.trim()) continue;
        if (t.parentElement.closest(TARGETS)) continue;
        return true;
      }
      return false;
    };
    const centre = (r) => [r.x + r.w / 2, r.y + r.h / 2];
    const distToRect = ([x, y], r) => {
      const dx = Math.max(r.x - x, 0, x - (r.x + r.w));
      const dy = Math.max(r.y - y, 0, y - (r.y + r.h));
      return Math.hypot(dx, dy);
    };
    const failures = [];
    let inline = 0, spaced = 0, big = 0;
    for (const t of all) {
      if (!t.small) { big += 1; continue; }
      const display = getComputedStyle(t.el).display;
      if (display === 'inline' && textOutsideTargets(t.el)) { inline += 1; continue; }
      const c = centre(t.rect);
      let conflict = null;
      for (const o of all) {
        if (o === t || o.hiddenUntilFocus || o.el.contains(t.el) || t.el.contains(o.el)) continue;
        if (distToRect(c, o.rect) < 12 - 0.01) { conflict = { why: 'its 24 px circle overlaps', other: o }; break; }
        if (o.small && Math.hypot(c[0] - centre(o.rect)[0], c[1] - centre(o.rect)[1]) < 24 - 0.01) {
          conflict = { why: "its 24 px circle overlaps the circle of the undersized", other: o };
          break;
        }
      }
      if (!conflict) { spaced += 1; continue; }
      failures.push({
        ...describe(t.el), width: +t.rect.w.toFixed(1), height: +t.rect.h.toFixed(1), display,
        why: conflict.why, other: describe(conflict.other.el),
      });
    }
    return { count: all.length, big, inline, spaced, failures };
  }

  // DOM side of check 7 (the accessibility tree is read through CDP on the Node side).
  function imagesWithoutAlt() {
    const bad = [];
    for (const el of document.querySelectorAll('img:not([alt]), input[type=image]:not([alt]), area[href]:not([alt])')) {
      bad.push({ ...describe(el), problem: `<${el.localName}> has no alt attribute (use alt="" if it is decorative)` });
    }
    for (const el of document.querySelectorAll('svg[role=img], [role=img]')) {
      const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') ||
        (el.localName === 'svg' && el.querySelector(':scope > title')?.textContent.trim());
      if (!named) bad.push({ ...describe(el), problem: 'role="img" without a title or aria-label' });
    }
    return bad;
  }

  // Check 8 and the page shell.
  function scriptFree() {
    const problems = [];
    for (const s of document.querySelectorAll('script')) problems.push({ ...describe(s), problem: '<script> element' });
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) problems.push({ ...describe(el), problem: `event-handler attribute ${a.name}` });
        if (/^\s*javascript:/i.test(a.value)) problems.push({ ...describe(el), problem: `javascript: URL in ${a.name}` });
      }
    }
    return problems;
  }
  function inlineStyles() {
    const found = [];
    for (const el of document.querySelectorAll('style, [style]')) {
      found.push({ ...describe(el), problem: el.localName === 'style' ? '<style> element' : 'style attribute' });
    }
    return found;
  }
  // Does the browser enforce the CSP on this document? An inline style must be refused.
  function cspEnforced() {
    const s = document.createElement('style');
    s.textContent = ':root { --balai-csp-probe: applied; }';
    document.head.append(s);
    const v = getComputedStyle(document.documentElement).getPropertyValue('--balai-csp-probe').trim();
    s.remove();
    return v !== 'applied';
  }
  function shell() {
    const main = document.querySelectorAll('main, [role=main]');
    const h1 = document.querySelectorAll('h1');
    return {
      lang: document.documentElement.getAttribute('lang'),
      title: document.title,
      mains: main.length,
      h1s: h1.length,
      h1InMain: main.length === 1 && h1.length === 1 && main[0].contains(h1[0]),
      h1Text: h1[0] ? h1[0].textContent.trim().replace(/\s+/g, ' ') : null,
      errorSummaries: document.querySelectorAll('.error-summary').length,
      // Each link of an error summary must lead to the field in error: a control there is.
      summaryLinks: [...document.querySelectorAll('.error-summary a')].map((a) => {
        const href = a.getAttribute('href') || '';
        const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
        const control = !!target && target.matches('input:not([type=hidden]), select, textarea') && rendered(target);
        return { ...describe(a), href, control, target: target ? describe(target).selector : null };
      }).filter((l) => !l.control),
    };
  }

  // What lynx must show, in order: the skip link, every heading, every label and legend.
  function readingOrder() {
    const items = [];
    const first = document.body.querySelector('a[href]');
    for (const el of document.body.querySelectorAll('a.skip-link, h1, h2, h3, h4, h5, h6, label, legend')) {
      if (!el.checkVisibility()) continue; // display:none (a honeypot) is not for people
      const text = el.textContent.trim().replace(/\s+/g, ' ');
      // A legend that is all heading (the question of a one-question page, its h1) is one
      // line of text: the heading's.
      const heading = el.localName === 'legend' && el.querySelector('h1, h2, h3, h4, h5, h6');
      if (heading && heading.textContent.trim().replace(/\s+/g, ' ') === text) continue;
      if (text) items.push({ kind: el.localName === 'a' ? 'skip link' : el.localName, text });
    }
    return { items, firstLink: first ? first.textContent.trim().replace(/\s+/g, ' ') : null,
      firstIsSkip: !!first && first.getAttribute('href').startsWith('#') };
  }

  window.__balai = {
    describe, tabbables: tabbableInfo, focusState, focusIndex, blurActive, inPageTargets, rectOfSelector,
    reflow, applyTextSpacing, removeTextSpacing, clipped, targetSize, imagesWithoutAlt,
    scriptFree, inlineStyles, cspEnforced, shell, readingOrder,
    docHeight: () => Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)),
  };
})();
