#!/usr/bin/env node
// Lighthouse (mobile, its default configuration) on one page of every page
// kind of a built Sablah site, in every language, served on 127.0.0.1 by
// this script, with Debian's /usr/bin/chromium. Every category
// (performance, accessibility, best practices, SEO) must score 100.
//
//   node lighthouse.mjs SITE_DIR
//
// Page kinds: the language choice, the 404 page, and in each language the
// home page, the listing, a status listing, a topic listing, a free page,
// the legal notices, one consultation of each status found, an inputs
// listing, an input and a text document's page.
// Each failure is one line: FAIL <page> [lighthouse:<category>] <score> -- <audits below 1>
// Last line: "lighthouse: N passed, M failed"; exit code 0 when M == 0.
// No network: only the local server is asked for anything. Performance
// depends on the machine's load: a page below 100 is measured again, up to
// twice, and its best run counts (run it while nothing else is running).

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const ROOT = process.argv[2] && path.resolve(process.argv[2]);
if (!ROOT || !fs.existsSync(path.join(ROOT, 'index.html'))) {
  console.error('usage: node lighthouse.mjs SITE_DIR (a built site, with its index.html)');
  process.exit(2);
}

const TYPES = {
  html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', txt: 'text/plain; charset=utf-8',
  xml: 'application/xml', json: 'application/json', svg: 'image/svg+xml', png: 'image/png',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', ico: 'image/x-icon', pdf: 'application/pdf',
  ics: 'text/calendar; charset=utf-8', csv: 'text/csv; charset=utf-8',
};

function fileFor(urlPath) {
  let p;
  try { p = decodeURIComponent(urlPath); } catch { return null; }
  if (p.includes('\0')) return null;
  const rel = path.posix.normalize(p.replace(/^\/+/, ''));
  if (rel.startsWith('..')) return null;
  let abs = path.join(ROOT, rel);
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) abs = path.join(abs, 'index.html');
  return fs.existsSync(abs) && fs.statSync(abs).isFile() ? abs : null;
}

const server = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://127.0.0.1');
  let file = fileFor(u.pathname);
  let status = 200;
  if (!file) { file = path.join(ROOT, '404.html'); status = 404; }
  const ext = path.extname(file).slice(1).toLowerCase();
  res.writeHead(status, { 'content-type': TYPES[ext] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

// ------------------------------------------------------------ the page kinds
const exists = (rel) => fs.existsSync(path.join(ROOT, rel));
const dirs = (rel) => (exists(rel) ? fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : []);
function find(rel, test) {
  // depth-first, sorted: the first index.html under rel whose path passes test
  for (const d of dirs(rel)) {
    const sub = `${rel}/${d}`;
    if (exists(`${sub}/index.html`) && test(sub)) return `${sub}/`;
    const deeper = find(sub, test);
    if (deeper) return deeper;
  }
  return null;
}
const pages = [['root', '/'], ['404', '/404.html']];
const langs = dirs('.').filter((d) => exists(`${d}/index.html`) && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(d));
for (const l of langs) {
  const add = (kind, rel) => rel && pages.push([`${kind} (${l})`, `/${rel.replace(/^\.\//, '')}`]);
  add('home', `${l}/`);
  add('listing', exists(`${l}/consultations/index.html`) && `${l}/consultations/`);
  add('status listing', exists(`${l}/consultations/status/open/index.html`) && `${l}/consultations/status/open/`);
  const topic = dirs(`${l}/topics`)[0];
  add('topic listing', topic && `${l}/topics/${topic}/`);
  const free = dirs(`${l}/pages`)[0];
  add('free page', free && `${l}/pages/${free}/`);
  add('legal notices', exists(`${l}/legal/index.html`) && `${l}/legal/`);
  const seen = new Set();
  for (const slug of dirs(`${l}/consultations`).filter((s) => !['status', 'stage', 'page'].includes(s))) {
    const html = fs.readFileSync(path.join(ROOT, l, 'consultations', slug, 'index.html'), 'utf8');
    const status = (html.match(/class="status status-([a-z-]+)"/) || [])[1] || 'unknown';
    if (!seen.has(status)) { seen.add(status); add(`consultation, ${status}`, `${l}/consultations/${slug}/`); }
  }
  add('inputs', find(`${l}/consultations`, (p) => /\/inputs$/.test(p)));
  add('input', find(`${l}/consultations`, (p) => /\/inputs\/[^/]+$/.test(p) && !/\/page$/.test(p)));
  add('document page', find(`${l}/consultations`, (p) => /\/read\/.+\.(txt|md)$/.test(p)));
}

// ------------------------------------------------------------ run
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-default-apps', '--user-data-dir=' + fs.mkdtempSync('/tmp/sablah-lh-')],
});
let passed = 0, failed = 0;
const run = async (url) => (await lighthouse(`${base}${url}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES })).lhr;
const perf = (lhr) => (lhr.categories.performance && lhr.categories.performance.score) || 0;
try {
  // A first run warms Chromium up; its figures are not counted.
  await run('/').catch(() => {});
  for (const [kind, url] of pages) {
    let lhr;
    try {
      lhr = await run(url);
      // Performance is measured on a shared machine: a page below 100 is
      // measured again (up to twice) and its best run counts. The other
      // categories do not depend on timing.
      for (let again = 0; again < 2 && perf(lhr) < 1; again++) {
        const next = await run(url);
        if (perf(next) > perf(lhr)) lhr = next;
      }
    } catch (e) {
      failed++;
      console.log(`FAIL ${url} [lighthouse:run] -- ${kind}: ${String(e.message || e).split('\n')[0]}`);
      continue;
    }
    const scores = [];
    for (const c of CATEGORIES) {
      const cat = lhr.categories[c];
      const score = cat && cat.score !== null ? Math.round(cat.score * 100) : 0;
      scores.push(`${c} ${score}`);
      if (score === 100) { passed++; continue; }
      failed++;
      const low = (cat ? cat.auditRefs : [])
        .filter((r) => r.weight > 0 && lhr.audits[r.id] && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
        .map((r) => `${r.id} ${lhr.audits[r.id].score}${lhr.audits[r.id].displayValue ? ` (${lhr.audits[r.id].displayValue})` : ''}`);
      console.log(`FAIL ${url} [lighthouse:${c}] ${score} -- ${kind}: ${low.join('; ') || 'no audit below 1'}`);
    }
    console.log(`ok   ${url} -- ${kind}: ${scores.join(', ')}`);
  }
} finally {
  await chrome.kill();
  server.close();
}
console.log(`lighthouse: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
