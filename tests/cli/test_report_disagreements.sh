# The disagreements report on the sample corpus: conflicting figures and dates
# side by side, corroborated figures after them, every output format parses.
. "$(dirname "$0")/lib.sh"

run "$LEDE" report disagreements "$CORPUS"
expect_rc 0
expect_err_empty
expect_out_re "^Where sources disagree: [0-9]+ facts reported differently, [0-9]+ corroborated \(5 articles\)"
# 700 more troops (Anadolu) vs over 1,000 / 1,000 additional troops, one fact
expect_out "description: troops sent / deployed"
expect_out "'700 more troops' in 001_5e1d57c8eee590f4, Anadolu Agency, 2023-09-07 | 'over 1,000 additional troops' in 000_14052a908de9061f | '1,000 additional troops' in 003_5436d8cd7f7d1021"
# the sentences of that group name different months: flagged, not hidden
expect_out "sentences name different dates (2023-05 vs XXXX-09-24)"
# the September attack at Banjska: 2023-09 vs 2024-09 (a relative month resolved
# against the scraped article date 2025-04-26)
expect_out "2023-09 ('September 2023') in 000_14052a908de9061f | 2024-09 ('September') in 002_38c80cf8b5a01419"
expect_out "002_38c80cf8b5a01419: 'September' resolved against the article date 2025-04-26"
# injured soldiers: 93 = 93 = dozens, corroborated
expect_out "description: troops injured"
expect_out "'dozens of peacekeepers' in 000_14052a908de9061f | '93 of its soldiers' in 001_5e1d57c8eee590f4, Anadolu Agency, 2023-09-07 | '93 troops' in 002_38c80cf8b5a01419"
# a strength figure with no event and a subset ("500 Turkish service members")
# are not mixed into the deployment fact
expect_no_out "4,000 troops' in"
expect_no_out "Turkish service members' in"

run "$LEDE" report disagreements -o json "$CORPUS"
expect_rc 0
jq_eq '.articles' '5'
jq_eq '[.facts[] | select(.verdict == "differ")] | length >= 3' 'true'
jq_eq '.differ == ([.facts[] | select(.verdict == "differ")] | length)' 'true'
# differing facts first, by confidence
jq_eq '[.facts[].verdict] | . == (sort_by(if . == "differ" then 0 else 1 end))' 'true'
jq_eq '[.facts[] | select(.verdict == "differ") | .confidence] | . == (sort | reverse)' 'true'
jq_eq '[.facts[] | select(.description | startswith("troops sent")) | .kind] | join(",")' 'figure'
f=$(printf '%s' "$OUT" | jq '.facts[] | select(.description | startswith("troops sent")) | .fact')
jq_eq "[.reports[] | select(.fact == $f) | .value] | sort | join(\",\")" '700,1000,1000'
jq_eq "[.reports[] | select(.fact == $f) | .approx // \"-\"] | sort | join(\",\")" '-,-,over'
jq_eq "[.reports[] | select(.fact == $f and .value == 700)][0].source" 'Anadolu Agency'
jq_eq "[.reports[] | select(.fact == $f and .value == 700)][0].sentence | startswith(\"NATO decided to deploy 700 more troops\")" 'true'
jq_eq '[.reports[] | select(.kind == "date" and .value == "2024-09")][0].how' 'relative'
jq_eq '[.reports[] | select(.description | startswith("troops injured")) | .value | select(. != null)] | join(",")' '93,93'

run "$LEDE" report disagreements -o csv "$CORPUS"
expect_rc 0
expect_out "fact,verdict,kind,description,value,approx,unit,precision,how,sentence_dates,text,article,source,date,sentence"
rows=$(printf '%s\n' "$OUT" | tr -d '\r' | grep -c .)
n=$(printf '%s\n' "$OUT" | tr -d '\r' | perl -MText::ParseWords -ne 'chomp; my @f = parse_line(",", 1, $_); $ok++ if @f == 15; END { print $ok + 0 }')
expect_eq "$n" "$rows" "(every CSV row has 15 fields)"
[ "$rows" -ge 10 ] || fail "only $rows CSV rows"

run "$LEDE" report disagreements -o md "$CORPUS"
expect_rc 0
expect_out "# Where sources disagree"
expect_out "| fact | kind | verdict | confidence | description | values | articles | why |"

run "$LEDE" report disagreements -o html "$CORPUS"
expect_rc 0
expect_out "<!DOCTYPE html>"
expect_out_re "<td[^>]*>700 more troops</td>"

# two reports of one earthquake: a death toll and "injuring more than 1,500"
# carry their event, so killed and injured figures are compared apart
mkdir -p "$TMP/quake"
cat > "$TMP/quake/a.txt" <<'TXT'
Earthquake in eastern Turkey kills at least 120

By Ayse Demir, Reuters
February 7, 2025

ANKARA, Feb 7 (Reuters) - A magnitude 6.8 earthquake struck eastern Turkey early on Friday, killing at least 120 people and injuring more than 1,500, the disaster agency AFAD said.
TXT
cat > "$TMP/quake/b.txt" <<'TXT'
Turkey quake death toll rises to 143

By John Miller, Associated Press
February 7, 2025

MALATYA, Turkey (AP) — The death toll from Friday's earthquake in eastern Turkey rose to 143, with about 2,000 people injured, officials said.
TXT
run "$LEDE" report disagreements -o json "$TMP/quake"
expect_rc 0
jq_eq '[.facts[] | select(.description | startswith("people killed")) | .values] | length' '1'
jq_eq '[.reports[] | select(.description | startswith("people killed")) | .text] | sort | join("|")' '143|at least 120 people'
jq_eq '[.reports[] | select(.description | startswith("people injured")) | .text] | sort | join("|")' 'about 2,000 people|more than 1,500'

# one article alone cannot disagree with anyone
run "$LEDE" report disagreements -o json "$CORPUS/001_5e1d57c8eee590f4.txt"
expect_rc 0
jq_eq '.facts | length' '0'

# A corpus of several stories: figures are compared only within one story.
# The two Libya flood reports disagree on the dead and agree on the missing;
# the Ukraine live blog's and Gaza's dead, the football goals and the bare
# percentages of the jobs report are not thrown in with them.
STORIES="$DATA/stories"
run "$LEDE" report disagreements -o json "$STORIES"
expect_rc 0
jq_eq '.articles' '6'
jq_eq '[.facts[] | .description | sub(" \\(.*"; "")] | sort | join(";")' 'people killed;people missing'
jq_eq '[.facts[] | select(.description | startswith("people killed")) | .verdict][0]' 'differ'
jq_eq '[.facts[] | select(.description | startswith("people missing")) | .verdict][0]' 'agree'
jq_eq '[.reports[] | .article] | unique | join(",")' 'libya_ap,libya_reuters'

finish
