// tests/bench/wink_extract.js: the peer for issue 13's extraction target
// (lede's full default extraction ≥ 4× wink-nlp's speed on the same files).
// Reads the same article files (folders read recursively, sorted by name,
// hidden files skipped, as lede does) and runs wink-nlp's whole default
// pipeline on each article's text (tokens, sentences, part of speech,
// named entities of its lite English model: dates, times, cardinals, money,
// percents, ...), then prints the counts, so that the work cannot be
// optimised away and a reader can see it was done.
//
//   node tests/bench/wink_extract.js NODE_MODULES_PARENT CORPUS...
//
// NODE_MODULES_PARENT is the folder where
// `npm install wink-nlp wink-eng-lite-web-model` was run (tests/bench/scale.sh
// uses $WINK_DIR, default /tmp/bench-npm); never inside the repository.
'use strict';
const fs = require('fs');
const path = require('path');

const [dir, ...inputs] = process.argv.slice(2);
if (!dir || inputs.length === 0) {
  console.error('usage: node wink_extract.js NODE_MODULES_PARENT CORPUS...');
  process.exit(2);
}
const from = (name) => require(require.resolve(name, { paths: [dir] }));
const nlp = from('wink-nlp')(from('wink-eng-lite-web-model'));
const its = nlp.its;

function files(p, out) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) { out.push(p); return out; }
  for (const name of fs.readdirSync(p).sort()) {
    if (name.startsWith('.')) continue;
    files(path.join(p, name), out);
  }
  return out;
}

let articles = 0, sentences = 0, tokens = 0, entities = 0;
const types = new Map();
for (const input of inputs) {
  for (const f of files(input, [])) {
    const doc = nlp.readDoc(fs.readFileSync(f, 'utf8'));
    articles++;
    sentences += doc.sentences().length();
    tokens += doc.tokens().length();
    doc.tokens().out(its.pos);
    for (const e of doc.entities().out(its.detail)) {
      entities++;
      types.set(e.type, (types.get(e.type) || 0) + 1);
    }
  }
}
const byType = [...types].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', ');
console.log(`wink-nlp: ${articles} articles, ${sentences} sentences, ${tokens} tokens, ` +
  `${entities} entities (${byType})`);
