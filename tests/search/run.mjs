// Drives the browser's search code in Node, for tests/search.rs and the
// README's figures. Reads a JSON request on stdin:
//   {"mode": "analyse", "words": [...]}        → the term of each word
//   {"mode": "terms", "texts": [...]}          → the terms of each text
//   {"mode": "query", "site": dir, "lang": "ar", "queries": [...],
//    "filter": {...}, "top": 10}                → per query: the URLs of the
//      top results, and the bytes of index files read (each file counted
//      once per query, as a fresh page would fetch it)
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const scripts = path.resolve(here, "../../themes/default/static/search");
const { term, terms } = await import(pathToFileURL(path.join(scripts, "analyse.js")));
const { engine } = await import(pathToFileURL(path.join(scripts, "engine.js")));

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
// Whole, then decoded: a character may straddle two chunks.
const req = JSON.parse(Buffer.concat(chunks).toString("utf8"));

if (req.mode === "analyse") {
  console.log(JSON.stringify(req.words.map(term)));
} else if (req.mode === "terms") {
  console.log(JSON.stringify(req.texts.map(terms)));
} else {
  const out = [];
  for (const q of req.queries) {
    let bytes = 0;
    const files = new Set();
    const get = async (u, kind) => {
      const buf = await readFile(path.join(req.site, u));
      if (!files.has(u)) {
        files.add(u);
        bytes += buf.length;
      }
      return kind === "json" ? JSON.parse(buf.toString("utf8")) : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
    };
    const e = engine(`${req.lang}/search/`, get);
    const t0 = performance.now();
    const found = await e.search(q, req.filter || {});
    const top = await Promise.all(found.docs.slice(0, req.top || 10).map(e.display));
    const ms = performance.now() - t0;
    out.push({ q, total: found.docs.length, urls: top.map((r) => r[2]), bytes, files: files.size, ms });
  }
  console.log(JSON.stringify(out));
}
