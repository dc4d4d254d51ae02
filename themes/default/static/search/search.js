// The search page: results as you type, from the index the build wrote
// under /L/search/ (see src/search/index.rs for its format). Only the
// shards of the query's terms are fetched, then the display data of the
// results shown. The page works without this script: it lists every
// consultation by topic and status.
import { term, partial } from "./analyse.js";
import { engine } from "./engine.js";

const PAGE = 10;

const form = document.getElementById("search-form");
const box = document.getElementById("search-q");
const statusSel = document.getElementById("search-status");
const topicSel = document.getElementById("search-topic");
// Only on the national index: a select of agencies.
const agencySel = document.getElementById("search-agency");
const count = document.getElementById("search-count");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const d = form.dataset;
const fetched = (u, kind) =>
  fetch(u).then((r) => (r.ok ? (kind === "json" ? r.json() : r.arrayBuffer()) : Promise.reject(new Error(u))));
const index = engine(d.index, fetched);

const digits = [...(d.digits || "0123456789")];
const num = (n) => String(n).replace(/[0-9]/g, (c) => digits[c]);
const plural = new Intl.PluralRules(document.documentElement.lang);

function countText(n) {
  if (n === 0) return d.countNone;
  const cat = plural.select(n);
  const tpl = d["count" + cat[0].toUpperCase() + cat.slice(1)] || d.countOther;
  return tpl.replace("{n}", num(n));
}

/** `text` with the words matching the query marked. */
function highlighted(text, groups) {
  const frag = document.createDocumentFragment();
  const matches = (w) => {
    const t = term(w), f = partial(w);
    return groups.some((g) => (t && (g.terms || []).includes(t)) || (g.p && f.startsWith(g.p)));
  };
  let last = 0;
  for (const m of text.matchAll(/[\p{Alphabetic}\p{N}\p{M}]+/gu)) {
    if (!matches(m[0])) continue;
    frag.append(text.slice(last, m.index));
    const mark = document.createElement("mark");
    mark.textContent = m[0];
    frag.append(mark);
    last = m.index + m[0].length;
  }
  frag.append(text.slice(last));
  return frag;
}

let current = { groups: [], docs: [] };
let shown = 0;
let generation = 0;

async function showMore(gen) {
  const next = current.docs.slice(shown, shown + PAGE);
  const rows = await Promise.all(next.map(index.display));
  if (gen !== generation) return;
  for (const [kind, title, url, snippet, id] of rows) {
    const li = document.createElement("li");
    li.className = "search-result";
    const h = document.createElement("h3");
    const a = document.createElement("a");
    a.href = url;
    a.append(highlighted(title, current.groups));
    h.append(a);
    const k = document.createElement("p");
    k.className = "search-kind";
    k.textContent = (d["kind" + kind.toUpperCase()] || "").replace("{id}", id);
    const p = document.createElement("p");
    p.className = "search-snippet";
    p.append(highlighted(snippet, current.groups));
    li.append(h, k, p);
    list.append(li);
  }
  shown += next.length;
  more.hidden = shown >= current.docs.length;
}

async function run() {
  const gen = ++generation;
  const q = box.value;
  const url = new URL(location.href);
  if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  if (!q.trim()) {
    list.replaceChildren();
    count.textContent = "";
    more.hidden = true;
    return;
  }
  try {
    const found = await index.search(q, {
      status: statusSel.value,
      topic: topicSel.value,
      agency: agencySel ? agencySel.value : "",
    });
    if (gen !== generation) return;
    current = found;
    shown = 0;
    list.replaceChildren();
    count.textContent = countText(found.docs.length);
    await showMore(gen);
  } catch (e) {
    if (gen === generation) count.textContent = d.error;
  }
}

let timer = 0;
const soon = () => {
  clearTimeout(timer);
  timer = setTimeout(run, 60);
};

form.hidden = false;
// The index's directory is small: fetched now, it spares the first query a round trip.
index.meta().catch(() => {});
document.getElementById("search-nojs").hidden = true;
form.addEventListener("submit", (e) => {
  e.preventDefault();
  run();
});
box.addEventListener("input", soon);
statusSel.addEventListener("change", run);
topicSel.addEventListener("change", run);
agencySel?.addEventListener("change", run);
more.addEventListener("click", () => {
  const first = list.children.length;
  showMore(generation).then(() => list.children[first]?.querySelector("a")?.focus());
});
const initial = new URL(location.href).searchParams.get("q");
if (initial) {
  box.value = initial;
  run();
}
