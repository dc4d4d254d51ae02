// Loads every input page of a built site in headless Chromium and reports
// whether any script payload ran: a payload sets window.__pwned, changes the
// title, or opens a dialog. Also hovers and clicks every link and element in
// citizens' text, so handler-based payloads get their chance.
//   node tests/browser/payload-check.mjs SITE_DIR
// Prints `payload-checks: N passed, M failed` and exits 1 when M > 0.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(process.argv[2] || '');
if (!process.argv[2] || !fs.existsSync(root)) {
  console.error('usage: payload-check.mjs SITE_DIR');
  process.exit(2);
}
const pages = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name === 'index.html' && /\/inputs\/[^/]+\/index\.html$/.test(p)) pages.push(p);
  }
})(root);

const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.join(root, p);
  if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
  const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
  res.writeHead(200, { 'content-type': type });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let passed = 0, failed = 0;
for (const file of pages) {
  const url = base + '/' + path.relative(root, file).replace(/index\.html$/, '');
  const page = await browser.newPage();
  let dialog = false;
  page.on('dialog', async (d) => { dialog = true; await d.dismiss(); });
  // Requests the page makes by itself; following a citizen's ordinary link
  // when clicked is not one.
  const offsite = [];
  let clicking = false;
  page.on('request', (r) => {
    if (!clicking && !r.url().startsWith(base) && !r.url().startsWith('data:')) offsite.push(r.url());
  });
  await page.route((u) => !u.href.startsWith(base), (route) => route.abort());
  await page.goto(url, { waitUntil: 'load' });
  // Give handler payloads a chance: hover and click what a citizen wrote.
  for (const el of await page.$$('.citizen-text *')) {
    try { await el.hover({ timeout: 200 }); } catch {}
  }
  clicking = true;
  for (const a of await page.$$('.citizen-text a')) {
    try { await a.click({ timeout: 200, modifiers: [], noWaitAfter: true }); } catch {}
    if (!page.url().startsWith(url)) await page.goto(url, { waitUntil: 'load' });
  }
  clicking = false;
  await page.waitForTimeout(100);
  const pwned = await page.evaluate(() => window.__pwned);
  const title = await page.title();
  const rel = path.relative(root, file);
  const problems = [];
  if (pwned !== undefined) problems.push(`payload ran (window.__pwned = ${pwned})`);
  if (/PWNED/.test(title)) problems.push('payload changed the title');
  if (dialog) problems.push('a dialog opened');
  if (offsite.length) problems.push('request to another host: ' + offsite[0]);
  if (problems.length) { failed++; console.log(`FAIL ${rel} [payload] ${problems.join('; ')}`); } else passed++;
  await page.close();
}
await browser.close();
server.close();
console.log(`pages: ${pages.length}`);
console.log(`payload-checks: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
