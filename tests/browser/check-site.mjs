#!/usr/bin/env node
// Sablah static-site quality checks.
//
//   node check-site.mjs SITE_DIR [--sample N]
//
// Checks a built static site folder:
//   vnu       W3C Nu HTML checker (vnu.jar, errors only) over every .html file
//   links     every internal href/src/srcset/action/... resolves to a file of the
//             site (root-relative links resolve against SITE_DIR) and every
//             #fragment matches an id/name in the target page; off-site
//             subresources (stylesheets, scripts, images, iframes, preconnect...)
//             are failures; external links (http(s), mailto, tel...) are not followed
//   browser   headless Chromium (Debian's /usr/bin/chromium via playwright-core)
//             on every page, or an even sample of N pages (default 300):
//               axe          axe-core, WCAG 2.0/2.1/2.2 A+AA and best-practice tags, 0 violations
//               external     no request to any host but the local server
//               console      no console error / uncaught exception
//               overflow-390 no horizontal overflow at a 390 px wide viewport
//               fold-390     a consultation's outcome box (.outcome-box) or
//                            "how to take part" box (.take-part) ends within
//                            the first 844 px of a 390 px wide page (pages
//                            without either are not counted)
//
// Every failure is one line: FAIL <page>[:line] [<check>:<rule>] <element> -- <message>
// Last line: "browser-checks: N passed, M failed" (one check = one page x one
// check kind); exit code 0 when M == 0, 1 otherwise, 2 on usage errors.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const VNU_JAR = path.join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const AXE_JS = path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const VIEWPORT = { width: 390, height: 844 };
const WORKERS = 2;
const MAX_NODES_PER_RULE = 5; // per page; the rest is summarised as "... and K more"
const BROWSER_KINDS = ['axe', 'external', 'console', 'overflow-390', 'fold-390'];

// ---------------------------------------------------------------- arguments
function usage(msg) {
  if (msg) console.error(`check-site: ${msg}`);
  console.error('usage: node check-site.mjs SITE_DIR [--sample N]');
  process.exit(2);
}
let siteArg = null;
let sampleN = 300;
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sample') {
      sampleN = Number(argv[++i]);
    } else if (a.startsWith('--sample=')) {
      sampleN = Number(a.slice(9));
    } else if (a === '-h' || a === '--help') {
      usage();
    } else if (a.startsWith('-')) {
      usage(`unknown option ${a}`);
    } else if (siteArg === null) {
      siteArg = a;
    } else {
      usage('only one SITE_DIR per run (run.sh takes several)');
    }
  }
  if (!siteArg) usage();
  if (!Number.isInteger(sampleN) || sampleN < 1) usage('--sample needs a positive integer');
}
const ROOT = path.resolve(siteArg);
if (!fs.existsSync(ROOT) || !fs.statSync(ROOT).isDirectory()) usage(`not a directory: ${siteArg}`);

// ---------------------------------------------------------------- results
const failures = []; // {check, page, line}
const tally = new Map(); // check kind -> {passed, failed}
function count(kind, ok) {
  const t = tally.get(kind) || { passed: 0, failed: 0 };
  ok ? t.passed++ : t.failed++;
  tally.set(kind, t);
}
const oneLine = (s, max = 200) => {
  s = String(s ?? '').replace(/\s+/g, ' ').trim();
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
};
function fail(kind, page, rule, element, message) {
  const where = page;
  const tag = rule ? `${kind}:${rule}` : kind;
  failures.push({ kind, line: `FAIL ${where} [${tag}] ${oneLine(element, 160) || '-'} -- ${oneLine(message, 300)}` });
}

// ---------------------------------------------------------------- site files
const toPosix = (p) => p.split(path.sep).join('/');
function walk(dir, out) {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, ent.name);
    let isDir = ent.isDirectory();
    let isFile = ent.isFile();
    if (ent.isSymbolicLink()) {
      try { const st = fs.statSync(abs); isDir = st.isDirectory(); isFile = st.isFile(); } catch { continue; }
    }
    if (isDir) { out.dirs.add(toPosix(path.relative(ROOT, abs))); walk(abs, out); }
    else if (isFile) out.files.add(toPosix(path.relative(ROOT, abs)));
  }
  return out;
}
const site = walk(ROOT, { files: new Set(), dirs: new Set(['']) });
const htmlFiles = [...site.files].filter((f) => /\.html?$/i.test(f)).sort();
if (htmlFiles.length === 0) usage(`no .html files under ${siteArg}`);

// URL path a file is served at: a/index.html -> /a/
function urlPathOf(rel) {
  const enc = '/' + rel.split('/').map(encodeURIComponent).join('/');
  return enc.replace(/(^|\/)index\.html$/, '$1');
}
// site-relative file for a decoded URL path, mirroring the server; null if none
function fileForPath(p) {
  let rel = p.replace(/^\/+/, '');
  rel = path.posix.normalize(rel || '.');
  if (rel === '.') rel = '';
  if (rel.startsWith('..')) return null;
  rel = rel.replace(/\/$/, '');
  if (site.dirs.has(rel)) {
    const idx = rel ? `${rel}/index.html` : 'index.html';
    return site.files.has(idx) ? idx : null;
  }
  if (p.endsWith('/')) return null; // "/file.html/" is not served
  return site.files.has(rel) ? rel : null;
}

// ---------------------------------------------------------------- static server
const TYPES = {
  html: 'text/html; charset=utf-8', htm: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8', mjs: 'text/javascript; charset=utf-8', json: 'application/json',
  webmanifest: 'application/manifest+json', xml: 'application/xml', txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif',
  webp: 'image/webp', avif: 'image/avif', ico: 'image/x-icon', woff: 'font/woff', woff2: 'font/woff2',
  ttf: 'font/ttf', otf: 'font/otf', pdf: 'application/pdf', mp4: 'video/mp4', webm: 'video/webm',
  mp3: 'audio/mpeg', ogg: 'audio/ogg', wasm: 'application/wasm', map: 'application/json',
};
function sendFile(req, res, status, abs) {
  const ext = path.extname(abs).slice(1).toLowerCase();
  const size = fs.statSync(abs).size;
  res.writeHead(status, { 'content-type': TYPES[ext] || 'application/octet-stream', 'content-length': size, 'cache-control': 'no-store' });
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(abs).pipe(res);
}
function startServer() {
  const server = http.createServer((req, res) => {
    try {
      const u = new URL(req.url, 'http://127.0.0.1');
      let p;
      try { p = decodeURIComponent(u.pathname); } catch { p = null; }
      if (p !== null && !p.includes('\0')) {
        const rel = path.posix.normalize(p.replace(/^\/+/, '') || '.').replace(/\/$/, '');
        const key = rel === '.' ? '' : rel;
        if (!key.startsWith('..')) {
          if (site.dirs.has(key) && !u.pathname.endsWith('/')) {
            res.writeHead(301, { location: u.pathname + '/' + u.search });
            return res.end();
          }
          const file = fileForPath(p);
          if (file) return sendFile(req, res, 200, path.join(ROOT, file));
        }
      }
      if (site.files.has('404.html')) return sendFile(req, res, 404, path.join(ROOT, '404.html'));
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('404 not found\n');
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------- vnu
function runVnu() {
  return new Promise((resolve) => {
    if (!fs.existsSync(VNU_JAR)) return resolve({ error: `${VNU_JAR} missing (run install.sh)` });
    // One java start for all files, unless the command line would get too long.
    const abs = htmlFiles.map((f) => path.join(ROOT, f));
    const batches = [];
    let cur = [], len = 0;
    for (const f of abs) {
      if (cur.length && len + f.length > 100_000) { batches.push(cur); cur = []; len = 0; }
      cur.push(f); len += f.length + 1;
    }
    if (cur.length) batches.push(cur);
    const messages = [];
    const next = (i) => {
      if (i === batches.length) return resolve({ messages });
      // C1-only JIT starts ~3x faster and is still faster on thousands of files;
      // C1 code needs a bigger thread stack than vnu's documented 512k.
      const child = spawn('java', ['-Xss8m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', VNU_JAR, '--format', 'json', '--errors-only', ...batches[i]], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '', err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('error', (e) => resolve({ error: `cannot run java: ${e.message}` }));
      child.on('close', (code) => {
        const text = (err.trim() || out.trim());
        let parsed;
        try { parsed = JSON.parse(text); } catch {
          return resolve({ error: `vnu exited ${code} without JSON output: ${oneLine(err || out, 400)}` });
        }
        messages.push(...(parsed.messages || []));
        next(i + 1);
      });
    };
    next(0);
  });
}
function reportVnu(result) {
  if (result.error) {
    for (const f of htmlFiles) count('vnu', false);
    failures.push({ kind: 'vnu', line: `FAIL (all files) [vnu] - -- ${result.error}` });
    return;
  }
  const bad = new Set();
  for (const m of result.messages) {
    if (m.type !== 'error' && m.type !== 'non-document-error') continue;
    let rel = '(unknown file)';
    try { rel = toPosix(path.relative(ROOT, fileURLToPath(m.url))); } catch { if (m.url) rel = m.url; }
    bad.add(rel);
    const line = m.lastLine ?? m.firstLine;
    let element = '-';
    if (m.extract) {
      element = Number.isInteger(m.hiliteStart) && m.hiliteLength > 0
        ? m.extract.substr(m.hiliteStart, m.hiliteLength) : m.extract;
    }
    fail('vnu', line ? `${rel}:${line}` : rel, m.subType || (m.type === 'error' ? '' : m.type), oneLine(element, 150), m.message);
  }
  for (const f of htmlFiles) count('vnu', !bad.has(f));
}

// ---------------------------------------------------------------- tiny HTML tokenizer
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);?/gi, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      try { return String.fromCodePoint(n); } catch { return m; }
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}
const TAG_RE = /<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[^>]*>|<\/[a-zA-Z][^>]*>|<([a-zA-Z][^\t\n\f\r />]*)((?:[\t\n\f\r /]+[^\t\n\f\r />"'=][^\t\n\f\r />=]*(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*"|'[^']*'|[^\t\n\f\r >]+))?)*)[\t\n\f\r /]*>/g;
const ATTR_RE = /([^\t\n\f\r />"'=][^\t\n\f\r />=]*)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"|'([^']*)'|([^\t\n\f\r >]+)))?/g;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes']);
function parseHtml(src) {
  const tags = [];
  const ids = new Set();
  TAG_RE.lastIndex = 0;
  let m;
  while ((m = TAG_RE.exec(src))) {
    if (!m[1]) continue;
    const name = m[1].toLowerCase();
    const attrs = new Map();
    ATTR_RE.lastIndex = 0;
    let a;
    while ((a = ATTR_RE.exec(m[2] || ''))) {
      const k = a[1].toLowerCase();
      if (!attrs.has(k)) attrs.set(k, decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    tags.push({ name, attrs, offset: m.index, src: m[0] });
    if (attrs.has('id')) ids.add(attrs.get('id'));
    if (name === 'a' && attrs.has('name')) ids.add(attrs.get('name'));
    if (RAW_TEXT.has(name)) {
      const close = src.toLowerCase().indexOf(`</${name}`, TAG_RE.lastIndex);
      TAG_RE.lastIndex = close < 0 ? src.length : close;
    }
  }
  return { tags, ids };
}
function lineOf(src, offset) {
  let n = 1;
  for (let i = src.indexOf('\n'); i !== -1 && i < offset; i = src.indexOf('\n', i + 1)) n++;
  return n;
}
function parseSrcset(v) {
  const urls = [];
  let i = 0;
  while (i < v.length) {
    while (i < v.length && /[\s,]/.test(v[i])) i++;
    let j = i;
    while (j < v.length && !/\s/.test(v[j])) j++;
    let u = v.slice(i, j);
    const endsWithComma = u.endsWith(',');
    u = u.replace(/,+$/, '');
    if (u) urls.push(u);
    i = j;
    if (!endsWithComma) { while (i < v.length && v[i] !== ',') i++; }
  }
  return urls;
}

// ---------------------------------------------------------------- link check
const URL_ATTRS = {
  a: ['href'], area: ['href'], link: ['href'], img: ['src', 'srcset'], source: ['src', 'srcset'],
  script: ['src'], iframe: ['src'], frame: ['src'], embed: ['src'], object: ['data'],
  video: ['src', 'poster'], audio: ['src'], track: ['src'], input: ['src', 'formaction'],
  button: ['formaction'], form: ['action'], blockquote: ['cite'], q: ['cite'], ins: ['cite'],
  del: ['cite'], image: ['href', 'xlink:href'], use: ['href', 'xlink:href'],
};
// Attributes that make the browser fetch (or connect to) the URL while loading the page.
const LOADING_LINK_RELS = new Set(['stylesheet', 'icon', 'shortcut', 'apple-touch-icon', 'apple-touch-icon-precomposed',
  'mask-icon', 'manifest', 'preload', 'modulepreload', 'prefetch', 'preconnect', 'dns-prefetch', 'prerender']);
function isSubresource(tag, attr) {
  if (tag.name === 'a' || tag.name === 'area' || tag.name === 'form' || attr === 'cite' || attr === 'formaction') return false;
  if (tag.name === 'link') {
    return (tag.attrs.get('rel') || '').toLowerCase().split(/\s+/).some((r) => LOADING_LINK_RELS.has(r));
  }
  if (tag.name === 'input') return (tag.attrs.get('type') || '').toLowerCase() === 'image';
  return true;
}

const ORIGIN = 'http://site.invalid';
function checkLinks() {
  const parsed = new Map();
  const sources = new Map();
  for (const f of htmlFiles) {
    const src = fs.readFileSync(path.join(ROOT, f), 'utf8');
    sources.set(f, src);
    parsed.set(f, parseHtml(src));
  }
  for (const f of htmlFiles) {
    const src = sources.get(f);
    const { tags, ids: ownIds } = parsed.get(f);
    let base = ORIGIN + urlPathOf(f);
    const baseTag = tags.find((t) => t.name === 'base' && t.attrs.has('href'));
    if (baseTag) { try { base = new URL(baseTag.attrs.get('href').trim(), base).href; } catch { /* vnu reports it */ } }
    let ok = true;
    const bad = (tag, rule, msg) => {
      ok = false;
      fail('links', `${f}:${lineOf(src, tag.offset)}`, rule, oneLine(tag.src, 150), msg);
    };
    for (const tag of tags) {
      const attrsToCheck = URL_ATTRS[tag.name];
      if (!attrsToCheck) continue;
      for (const attr of attrsToCheck) {
        if (!tag.attrs.has(attr)) continue;
        const raw = tag.attrs.get(attr);
        const refs = attr === 'srcset' ? parseSrcset(raw) : [raw.trim()];
        for (const ref of refs) {
          if (ref === '' && (attr === 'href' || attr === 'action' || attr === 'formaction')) continue; // same document
          let u;
          try { u = new URL(ref, base); } catch { bad(tag, 'bad-url', `${attr}="${ref}" is not a valid URL`); continue; }
          if (u.protocol !== 'http:' && u.protocol !== 'https:') continue; // mailto:, tel:, data:, javascript: ...
          if (u.origin !== ORIGIN) {
            if (isSubresource(tag, attr)) bad(tag, 'external-resource', `${attr} loads ${u.href} from another host (self-host it)`);
            continue; // external links are not followed
          }
          let p;
          try { p = decodeURIComponent(u.pathname); } catch { bad(tag, 'bad-url', `${attr}="${ref}" has bad percent-encoding`); continue; }
          const target = fileForPath(p);
          if (!target) { bad(tag, 'broken-link', `${attr}="${ref}" -> ${u.pathname} does not exist in the site`); continue; }
          if (!u.hash || u.hash === '#') continue;
          let frag;
          try { frag = decodeURIComponent(u.hash.slice(1)); } catch { frag = u.hash.slice(1); }
          if (frag.toLowerCase() === 'top' || frag.startsWith(':~:')) continue;
          const targetDoc = parsed.get(target);
          if (!targetDoc) continue; // fragment into a non-HTML file (svg sprite, pdf ...)
          const ids = target === f ? ownIds : targetDoc.ids;
          if (!ids.has(frag)) bad(tag, 'missing-fragment', `${attr}="${ref}" -> no id="${frag}" in ${target}`);
        }
      }
    }
    count('links', ok);
  }
}

// ---------------------------------------------------------------- browser checks
function samplePages() {
  const all = htmlFiles;
  if (all.length <= sampleN) return all;
  const picked = new Set();
  for (let i = 0; i < sampleN; i++) picked.add(all[Math.floor((i * all.length) / sampleN)]);
  // always each language's home (and the site root / 404 page)
  for (const f of all) if (/^([a-z]{2,3}(-[a-z0-9]+)*\/)?index\.html$/i.test(f) || f === '404.html') picked.add(f);
  return all.filter((f) => picked.has(f));
}

// Runs in the page: horizontal overflow and the widest offending element.
function pageOverflow() {
  const de = document.documentElement;
  const cw = de.clientWidth;
  const sw = de.scrollWidth;
  if (sw <= cw) return null;
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body && a !== de; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const selectorOf = (el) => {
    const parts = [];
    while (el && el.nodeType === 1 && el !== de) {
      if (el.id) { parts.unshift(`${el.localName}#${CSS.escape(el.id)}`); break; }
      let s = el.localName + [...el.classList].slice(0, 3).map((c) => '.' + CSS.escape(c)).join('');
      const parent = el.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === el.localName);
        if (same.length > 1) s += `:nth-of-type(${same.indexOf(el) + 1})`;
      }
      parts.unshift(s);
      el = parent;
    }
    return parts.join(' > ');
  };
  let best = null;
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const over = Math.max(r.right - cw, -r.left);
    if (over <= 1 || clipped(el)) continue;
    if (!best || r.width > best.width) best = { el, width: r.width, over };
  }
  if (!best) return { sw, cw, selector: 'html', snippet: '', width: sw };
  const html = best.el.outerHTML;
  return {
    sw, cw, selector: selectorOf(best.el), width: Math.round(best.width), over: Math.round(best.over),
    snippet: html.slice(0, html.indexOf('>') + 1).slice(0, 150),
  };
}

async function runBrowser(pages, baseUrl) {
  const { chromium } = await playwrightImport;
  const axeSource = fs.readFileSync(AXE_JS, 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const base = new URL(baseUrl);
  const queue = [...pages];
  // One context and one reused tab per worker; per-page findings go to `state`.
  const newTab = async (context, state) => {
    const page = await context.newPage();
    await page.route('**/*', (route) => {
      const req = route.request();
      let u;
      try { u = new URL(req.url()); } catch { return route.continue(); }
      if ((u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && u.host !== base.host) {
        if (!state.external.some((e) => e.url === req.url())) state.external.push({ url: req.url(), type: req.resourceType() });
        return route.abort('blockedbyclient');
      }
      return route.continue();
    });
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const loc = msg.location();
      // the aborts above show up as console errors too; they are reported under "external"
      if (state.external.some((e) => e.url === loc.url) && /Failed to load resource/.test(msg.text())) return;
      state.consoleErrors.push({ text: msg.text(), where: loc.url ? `${loc.url.replace(baseUrl, '')}:${loc.lineNumber + 1}` : '' });
    });
    page.on('pageerror', (err) => state.consoleErrors.push({ text: `uncaught ${err.name}: ${err.message}`, where: '' }));
    return page;
  };
  const worker = async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
    const state = { external: [], consoleErrors: [] };
    let page = null;
    try {
      for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
        if (!page || page.isClosed()) page = await newTab(context, state);
        state.external = [];
        state.consoleErrors = [];
        if (!(await checkPage(page, state, f))) { await page.close().catch(() => {}); page = null; }
      }
    } finally {
      await context.close();
    }
  };
  // returns false when the tab should not be reused
  const checkPage = async (page, state, f) => {
    const url = baseUrl + urlPathOf(f);
    const { external, consoleErrors } = state;

    let loadError = null;
    try {
      const resp = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      if (!resp) loadError = 'no response';
      else if (resp.status() !== 200) loadError = `HTTP ${resp.status()} for ${url}`;
      await page.evaluate(() => document.fonts && document.fonts.ready.then(() => true)).catch(() => {});
    } catch (e) {
      loadError = oneLine(e.message, 200);
    }
    if (loadError) {
      for (const k of BROWSER_KINDS) { count(k, false); fail(k, f, 'load', url, `page did not load: ${loadError}`); }
      return false;
    }

    // overflow at 390 px
    try {
      const o = await page.evaluate(pageOverflow);
      if (o) fail('overflow-390', f, 'horizontal-overflow', `${o.selector}  ${o.snippet}`,
        `page is ${o.sw}px wide in a ${o.cw}px viewport; widest offending element is ${o.width}px wide`);
      count('overflow-390', !o);
    } catch (e) {
      count('overflow-390', false);
      fail('overflow-390', f, 'error', '-', oneLine(e.message));
    }

    // the outcome or the way to take part, above the fold at 390 px
    try {
      const fold = await page.evaluate((h) => {
        const el = document.querySelector('.outcome-box, .take-part');
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { bottom: Math.round(r.bottom + window.scrollY), h, cls: el.className };
      }, VIEWPORT.height);
      if (fold) {
        if (fold.bottom > fold.h) fail('fold-390', f, 'below-the-fold', `.${fold.cls}`, `ends ${fold.bottom}px down, below the first ${fold.h}px`);
        count('fold-390', fold.bottom <= fold.h);
      }
    } catch (e) {
      count('fold-390', false);
      fail('fold-390', f, 'error', '-', oneLine(e.message));
    }

    // axe
    try {
      // evaluated through the DevTools protocol, so a page's CSP cannot block it
      if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
      const violations = await page.evaluate(async ({ tags }) => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], preload: false });
        return r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html })),
        }));
      }, { tags: AXE_TAGS });
      for (const v of violations) {
        for (const n of v.nodes.slice(0, MAX_NODES_PER_RULE)) {
          fail('axe', f, v.id, `${n.target}  ${oneLine(n.html, 100)}`, `${v.help} (${v.impact}) ${v.helpUrl.replace(/\?.*$/, '')}`);
        }
        if (v.nodes.length > MAX_NODES_PER_RULE) fail('axe', f, v.id, `... and ${v.nodes.length - MAX_NODES_PER_RULE} more elements`, v.help);
      }
      count('axe', violations.length === 0);
    } catch (e) {
      count('axe', false);
      fail('axe', f, 'error', '-', `axe-core did not run: ${oneLine(e.message)}`);
    }

    // external requests: name the element that references the URL, when there is one
    for (const e of external) {
      const el = await page.evaluate((u) => {
        for (const el of document.querySelectorAll('[src],[href],[srcset],[data],[poster],[action]')) {
          for (const a of ['src', 'href', 'srcset', 'data', 'poster', 'action']) {
            const v = el.getAttribute(a);
            if (!v) continue;
            let abs = '';
            try { abs = new URL(v.trim().split(/\s/)[0], document.baseURI).href; } catch { /* ignore */ }
            if (abs === u || (a === 'srcset' && v.includes(u))) {
              const h = el.outerHTML;
              return h.slice(0, h.indexOf('>') + 1);
            }
          }
        }
        return '';
      }, e.url).catch(() => '');
      fail('external', f, e.type, el || '(requested by css/js)', `request to another host: ${e.url}`);
    }
    count('external', external.length === 0);

    for (const c of consoleErrors) fail('console', f, 'error', c.where || '-', c.text);
    count('console', consoleErrors.length === 0);
    return true;
  };
  try {
    await Promise.all(Array.from({ length: Math.min(WORKERS, pages.length) }, worker));
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------- main
const t0 = Date.now();
const secs = (t) => ((Date.now() - t) / 1000).toFixed(1) + 's';
console.log(`check-site: ${ROOT} (${htmlFiles.length} html files, ${site.files.size} files)`);
const playwrightImport = import('playwright-core'); // ~1 s of module loading, overlapped
playwrightImport.catch(() => {}); // reported where awaited
const vnuPromise = runVnu(); // java runs while the browser works
const tLinks = Date.now();
checkLinks();
const linksTime = secs(tLinks);

const server = await startServer();
const baseUrl = `http://127.0.0.1:${server.address().port}`;
const pages = samplePages();
const tBrowser = Date.now();
let browserError = null;
try {
  await runBrowser(pages, baseUrl);
} catch (e) {
  browserError = e;
  for (const k of BROWSER_KINDS) count(k, false);
  failures.push({ kind: 'browser', line: `FAIL (browser) [browser] - -- could not run Chromium checks: ${oneLine(e.message, 400)}` });
}
const browserTime = secs(tBrowser);
server.close();
const tVnuWait = Date.now();
reportVnu(await vnuPromise);

const order = ['vnu', 'links', ...BROWSER_KINDS, 'browser'];
failures.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
for (const f of failures) console.log(f.line);

console.log('');
console.log('summary:');
console.log(`  html files: ${htmlFiles.length}; browser-checked pages: ${browserError ? 0 : pages.length} of ${htmlFiles.length}` +
  (pages.length < htmlFiles.length ? ` (sample of ${sampleN}, every ~${(htmlFiles.length / sampleN).toFixed(1)}th + homes)` : ''));
let passed = 0, failed = 0;
for (const k of order) {
  const t = tally.get(k);
  if (!t) continue;
  passed += t.passed; failed += t.failed;
  console.log(`  ${k.padEnd(13)} ${String(t.passed).padStart(5)} passed ${String(t.failed).padStart(5)} failed`);
}
console.log(`  time: total ${secs(t0)} (links ${linksTime}, browser ${browserTime}, vnu wait after browser ${secs(tVnuWait)})`);
console.log(`browser-checks: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
