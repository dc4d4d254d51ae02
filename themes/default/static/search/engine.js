// The search engine, without the page: reads the index the build wrote
// under /L/search/ (format: src/search/index.rs), fetching only the shards
// of the query's terms and the display data of the results asked for.
// `get(url, kind)` fetches a file ("json" or "bytes"); the page passes
// fetch, the tests read files.
import { words, term, partial } from "./analyse.js";

const MAX_PREFIX_TERMS = 40;

export function engine(base, get) {
  const json = (u) => get(u, "json");
  const bin = (u) => get(u, "bytes");

  let meta = null;
  let consFirst = [];
  const shards = new Map();
  const chunks = new Map();

  async function loadMeta() {
    if (meta) return meta;
    meta = await json(base + "index.json");
    let first = 0;
    consFirst = meta.c.map((row) => (first += row[0]));
    return meta;
  }

  function varint(bytes, pos) {
    let n = 0, shift = 0, b;
    do {
      b = bytes[pos.i++];
      n |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return n >>> 0;
  }

  const decoder = new TextDecoder();

  /** A shard: its terms in order, each with where its postings start. */
  function loadShard(n) {
    if (!shards.has(n)) {
      shards.set(n, bin(base + "t/" + n + ".bin").then((buf) => {
        const bytes = new Uint8Array(buf);
        const pos = { i: 0 };
        const terms = [];
        while (pos.i < bytes.length) {
          const len = varint(bytes, pos);
          const t = decoder.decode(bytes.subarray(pos.i, pos.i + len));
          pos.i += len;
          const df = varint(bytes, pos);
          const start = pos.i;
          for (let k = 0; k < df * 2; k++) varint(bytes, pos);
          terms.push({ t, df, start, bytes });
        }
        return terms;
      }));
    }
    return shards.get(n);
  }

  function postings(entry) {
    const pos = { i: entry.start };
    const out = [];
    let doc = 0;
    for (let k = 0; k < entry.df; k++) {
      doc += varint(entry.bytes, pos);
      out.push([doc, varint(entry.bytes, pos)]);
    }
    return out;
  }

  /** The shard where `t` would stand. */
  function shardOf(t) {
    const s = meta.shards;
    let lo = 0, hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= t) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** The index entries of `t`, and of terms beginning with `prefix` if given. */
  async function entries(t, prefix) {
    const found = [];
    if (t) {
      const e = (await loadShard(shardOf(t))).find((x) => x.t === t);
      if (e) found.push(e);
    }
    if (prefix && [...prefix].length >= 2) {
      let n = shardOf(prefix);
      for (let hop = 0; hop < 2 && n < meta.shards.length; hop++, n++) {
        const terms = await loadShard(n);
        let i = terms.findIndex((x) => x.t >= prefix);
        if (i < 0) continue;
        for (; i < terms.length && terms[i].t.startsWith(prefix); i++) {
          if (terms[i].t !== t) found.push(terms[i]);
          if (found.length >= MAX_PREFIX_TERMS) return found;
        }
        if (i < terms.length) break;
      }
    }
    return found;
  }

  function consultationOf(doc) {
    let lo = 0, hi = consFirst.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (consFirst[mid] <= doc) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function keep(doc, filter) {
    const c = consultationOf(doc);
    const row = meta.c[c];
    const st = filter.status, tp = filter.topic, ag = filter.agency;
    if (st && meta.status[row[1]] !== st) return false;
    if (tp && !row.slice(2).some((i) => meta.topics[i] === tp)) return false;
    // Only an index that spans agencies (the national index) has `a`.
    if (ag && meta.a && meta.agencies[meta.a[c]] !== ag) return false;
    return true;
  }

  /** The query's words: each a set of alternative terms (the last, still
   * being typed, also matches the terms it begins). */
  function parse(q) {
    const ws = words(q);
    const typing = ws.length && !/[\s\p{P}]$/u.test(q);
    return ws.map((w, i) => {
      const t = term(w);
      const p = typing && i === ws.length - 1 ? partial(w) : null;
      return { t, p, word: w };
    }).filter((g) => g.t || (g.p && [...g.p].length >= 2));
  }

  async function search(q, filter = {}) {
    await loadMeta();
    const groups = parse(q);
    if (!groups.length) return { groups, docs: [] };
    let scores = null;
    // Every word's shards at once: one round trip, not one per word.
    const found = await Promise.all(groups.map((g) => entries(g.t, g.p)));
    for (const [k, g] of groups.entries()) {
      const es = found[k];
      const s = new Map();
      for (const e of es) {
        const idf = Math.log(1 + meta.docs / e.df);
        const exact = e.t === g.t ? 1 : 0.5;
        for (const [doc, w] of postings(e)) s.set(doc, Math.max(s.get(doc) || 0, w * idf * exact));
      }
      g.terms = es.map((e) => e.t);
      if (scores === null) scores = s;
      else {
        const both = new Map();
        for (const [doc, v] of scores) if (s.has(doc)) both.set(doc, v + s.get(doc));
        scores = both;
      }
    }
    const docs = [...scores].filter(([doc]) => keep(doc, filter));
    docs.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return { groups, docs: docs.map(([doc]) => doc) };
  }

  async function display(doc) {
    const n = Math.floor(doc / meta.chunk);
    if (!chunks.has(n)) chunks.set(n, json(base + "d/" + n + ".json"));
    return (await chunks.get(n))[doc % meta.chunk];
  }

  return { search, display, meta: loadMeta };
}
