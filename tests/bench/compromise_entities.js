// tests/bench/compromise_entities.js: the `lede report entities` comparison.
// Reads the same article files (folders read recursively, sorted by name,
// hidden files skipped, as lede does), runs compromise on each article's
// text and gathers its people, places and organisations by name: mentions
// and articles per name, most mentioned first, and one summary line like
// the report's.
//
//   node tests/bench/compromise_entities.js NODE_MODULES_PARENT CORPUS...
//
// NODE_MODULES_PARENT is the folder compromise was installed in
// (`npm install compromise` there: tests/bench/bench.sh uses
// $COMPROMISE_DIR, default /tmp/bench-npm); never inside the repository.
'use strict';
const fs = require('fs');
const path = require('path');

const [dir, ...inputs] = process.argv.slice(2);
if (!dir || inputs.length === 0) {
  console.error('usage: node compromise_entities.js NODE_MODULES_PARENT CORPUS...');
  process.exit(2);
}
const nlp = require(require.resolve('compromise', { paths: [dir] }));

function files(p, out) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) { out.push(p); return out; }
  for (const name of fs.readdirSync(p).sort()) {
    if (name.startsWith('.')) continue;
    files(path.join(p, name), out);
  }
  return out;
}

const kinds = [
  ['people', (d) => d.people()],
  ['organisations', (d) => d.organizations()],
  ['places', (d) => d.places()],
];
const seen = new Map(kinds.map(([k]) => [k, new Map()]));
let articles = 0;
for (const input of inputs) {
  for (const f of files(input, [])) {
    const text = fs.readFileSync(f, 'utf8');
    const doc = nlp(text);
    articles++;
    for (const [kind, get] of kinds) {
      const m = seen.get(kind);
      for (const name of get(doc).out('array')) {
        const key = name.replace(/^[\s'"“‘(\-–—]+/u, '').replace(/[\s.,;:!?'"’”)(\-–—]+$/u, '')
          .replace(/['’]s$/u, '');
        if (!key) continue;
        let e = m.get(key);
        if (!e) { e = { mentions: 0, articles: new Set() }; m.set(key, e); }
        e.mentions++;
        e.articles.add(articles);
      }
    }
  }
}

let rows = 0, total = 0;
const counts = [];
const top = [];
for (const [kind] of kinds) {
  const list = [...seen.get(kind)].sort((a, b) => b[1].mentions - a[1].mentions || (a[0] < b[0] ? -1 : 1));
  rows += list.length;
  for (const [, e] of list) total += e.mentions;
  counts.push(`${list.length} ${kind}`);
  top.push(`  ${kind}: ` + list.slice(0, 5).map(([n, e]) => `${n} (${e.mentions})`).join(', '));
}
console.log(`Entities (compromise ${nlp.version}): ${rows} in ${articles} articles`);
console.log(`${counts.join(', ')} (${total} mentions)`);
console.log(top.join('\n'));
