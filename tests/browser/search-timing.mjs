#!/usr/bin/env node
// Time to first search results on a throttled phone profile.
//
//   node search-timing.mjs SITE_DIR [lang query]...
//
// Serves SITE_DIR on localhost, opens /<lang>/search/ in headless Chromium
// (Debian's, through playwright-core) with the CPU slowed 4x
// (Emulation.setCPUThrottlingRate) and a slow 4G network (150 ms latency,
// 1.6 Mbit/s down, 750 kbit/s up; NETWORK=fast leaves the network as it
// is), enters the query with nothing of the
// index loaded yet, and prints, per query, the milliseconds from the query
// to the first result on screen, and the index bytes fetched.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [site, ...rest] = process.argv.slice(2);
if (!site || rest.length % 2) {
  console.error('usage: node search-timing.mjs SITE_DIR [lang query]...');
  process.exit(2);
}
const ROOT = path.resolve(site);
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.bin': 'application/octet-stream' };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(ROOT, p);
  if (!file.startsWith(ROOT) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (let i = 0; i < rest.length; i += 2) {
  const [lang, q] = [rest[i], rest[i + 1]];
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  if (process.env.NETWORK !== 'fast') {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  }
  let bytes = 0;
  page.on('response', async (r) => {
    if (r.url().includes('/search/') && !r.url().includes('/theme/') && !r.url().endsWith('/search/')) {
      try { bytes += (await r.body()).length; } catch {}
    }
  });
  const t0 = Date.now();
  await page.goto(`${origin}/${lang}/search/`, { waitUntil: 'load' });
  const loaded = Date.now() - t0;
  await page.waitForSelector('#search-q', { state: 'visible' });
  await page.waitForLoadState('networkidle');
  // Cold: nothing of the index is loaded yet; the whole query arrives at once.
  const start = await page.evaluate(() => performance.now());
  await page.fill('#search-q', q);
  await page.waitForSelector('#search-results li', { timeout: 30000 });
  const shown = await page.evaluate(() => performance.now());
  const count = await page.textContent('#search-count');
  console.log(`${lang}\t${q}\tpage loaded in ${loaded} ms\tfirst results ${Math.round(shown - start)} ms after the query\t${(bytes / 1024).toFixed(1)} KiB of index\t${count}`);
  await context.close();
}
await browser.close();
server.close();
