# Metadata recovered from each of the five sample articles, checked by hand
# against the texts (and tests/data/gold/*.json "meta").
. "$(dirname "$0")/lib.sh"

cat > "$TMP/dump.lua" <<'LUA'
local rows = {}
for a in corpus:articles() do
  rows[#rows + 1] = {
    id = a.id, title = a.title or lede.json.null, subtitle = a.subtitle or lede.json.null,
    date = a.date or lede.json.null, byline = a.byline or lede.json.null,
    dateline = a.dateline or lede.json.null, agency = a.agency or lede.json.null,
    source = a.source or lede.json.null, categories = lede.json.array(a.categories),
    boilerplate = lede.json.array(a.boilerplate), paragraphs = #a.paragraphs,
    first = a.paragraphs[1], last = a.paragraphs[#a.paragraphs],
    sentences = #a:sentences(),
  }
end
print(lede.json.encode(lede.json.array(rows)))
LUA
run "$LEDE" run "$TMP/dump.lua" "$CORPUS"
expect_rc 0
expect_err_empty

# 000: starts straight with a body sentence: no title, no metadata.
jq_eq '.[0].id' '000_14052a908de9061f'
jq_eq '.[0].title' 'null'
jq_eq '.[0].date' 'null'
jq_eq '.[0].boilerplate | length' '0'
jq_eq '.[0].first | startswith("NATO continues to urge Serbian authorities")' 'true'
jq_eq '.[0].last | startswith("US President Donald Trump")' 'true'
jq_eq '.[0].paragraphs' '16'

# 001: Anadolu: categories, headline, deck, byline with date, repeated
# headline and subscription footer as boilerplate.
jq_eq '.[1].categories | join("|")' 'Politics|World|Europe'
jq_eq '.[1].title' 'NATO chief calls for accountability over attack on NATO’s mission in Kosovo'
jq_eq '.[1].subtitle' 'Jens Stoltenberg calls on Kosovo, Serbia to use ‘patience, perseverance, compromise’ in talks to resolve conflict'
jq_eq '.[1].byline' 'Agnes Szucs'
jq_eq '.[1].date' '2023-09-07'
jq_eq '.[1].source' 'Anadolu Agency'
jq_eq '.[1].boilerplate | length' '2'
jq_eq '.[1].boilerplate[0]' 'NATO chief calls for accountability over attack on NATO’s mission in Kosovo'
jq_eq '.[1].boilerplate[1] | startswith("Anadolu Agency website contains only a portion")' 'true'
jq_eq '.[1].first | startswith("NATO Secretary General Jens Stoltenberg Thursday called")' 'true'
jq_eq '.[1].last | startswith("Launched in 2011, the EU-facilitated")' 'true'
jq_eq '.[1].paragraphs' '11'

# 002: breadcrumb with site suffix, "View", Date: line, AP dateline,
# reaction widget with a stray "very", and link lists to the end.
jq_eq '.[2].title' 'NATO head says violence in Kosovo unacceptable while calling for constructive dialogue with Serbia'
jq_eq '.[2].date' '2025-04-26'
jq_eq '.[2].dateline' 'BELGRADE, Serbia'
jq_eq '.[2].agency' 'AP'
jq_eq '.[2].source' 'ValueCore'
jq_eq '.[2].boilerplate[0] | startswith("Current:Home > My")' 'true'
jq_eq '.[2].boilerplate[1]' 'View'
jq_eq '.[2].boilerplate[2]' 'veryGood! (4766)'
jq_eq '.[2].boilerplate[3]' 'Related'
jq_eq '.[2].boilerplate[-1]' 'How Taiwan beat back disinformation and preserved the integrity of its election'
jq_eq '.[2].first | startswith("BELGRADE, Serbia (AP) — NATO Secretary General")' 'true'
jq_eq '.[2].last | startswith("Belgrade has maintained friendly relations with Russia")' 'true'
jq_eq '.[2].paragraphs' '15'

# 003: leading blank line, body only.
jq_eq '.[3].title' 'null'
jq_eq '.[3].date' 'null'
jq_eq '.[3].first | startswith("NATO Secretary General Jens Stoltenberg said Monday in Pristina")' 'true'
jq_eq '.[3].last | startswith("Last month, the leaders of major European countries")' 'true'
jq_eq '.[3].paragraphs' '14'

# 004: short headline; the date comes from "met today (13 June 2023)".
jq_eq '.[4].title' 'NATO and EU together for stability in Kosovo and the Western Balkans'
jq_eq '.[4].date' '2023-06-13'
jq_eq '.[4].source' 'null'
jq_eq '.[4].first | startswith("NATO Deputy Secretary General Mircea Geoană met today")' 'true'
jq_eq '.[4].paragraphs' '4'

finish
