# The disagreements report on the sample corpus: conflicting figures and dates
# side by side, corroborated figures after them, every output format parses.
. "$(dirname "$0")/lib.sh"

run "$LEDE" report disagreements "$CORPUS"
expect_rc 0
expect_err_empty
expect_out "Where sources disagree: 2 facts reported differently, 1 corroborated (5 articles)"
# the real dispute: Kosovo blames Serbia, Belgrade (for Serbia) denies it, in two articles
expect_out "description: Kosovo blames Serbia for the attack on September 24; Serbia denies it"
expect_out "values:      claim by Kosovo: 'Kosovo has blamed Serbia for the attack on September 24, which was carried out by Milan Radoicic, former vice president of Lista Serbe, the main party of Serbs in Kosovo.' in [NATO Secretary General Jens Stoltenberg…] | denial by Belgrade: 'Belgrade has denied allegations it orchestrated the incident.' in ValueCore, 2025-04-26?: NATO head says violence in Kosovo… | denial by Belgrade: 'However, Belgrade denies any connection with the attack.' in [NATO Secretary General Jens Stoltenberg…]"
expect_out "why:         1 claim, 2 denials; Belgrade speaks for Serbia"
# 700 more troops (Anadolu) vs over 1,000 / 1,000 additional troops, one fact, articles by label
expect_out "description: troops sent or deployed (Kosovo, NATO, KFOR)"
expect_out "values:      '700 more troops' in Anadolu Agency, 2023-09-07: NATO chief calls for accountability over… | 'over 1,000 additional troops' in [NATO continues to urge Serbian…] | '1,000 additional troops' in [NATO Secretary General Jens Stoltenberg…]"
# the sentences of that group name different months: flagged, not hidden
expect_out "sentences name different dates (2023-05 vs XXXX-09-24)"
# no date fact from the ValueCore copy's scrape date (2025-04-26): "in May" and
# "in September" resolved against it gave 2024, a year the writer never wrote
expect_no_out "kind:        date"
expect_no_out "2024-09"
expect_no_out "2024-05"
expect_no_out "date of the event"
# the loader doubts that date (article.date_doubtful, date_evidence): said once
expect_out "Not trusted: the date 2025-04-26 of ValueCore, 2025-04-26?: NATO head says violence in Kosovo… (Jens Stoltenberg is called NATO Secretary General, an office left on 2024-10-01); its relative dates are left out."
# injured soldiers: 93 = 93 = dozens, corroborated
expect_out "description: troops injured (NATO, KFOR)"
expect_out "values:      'dozens of peacekeepers' in [NATO continues to urge Serbian…] | '93 of its soldiers' in Anadolu Agency, 2023-09-07: NATO chief calls for accountability over… | '93 troops' in ValueCore, 2025-04-26?: NATO head says violence in Kosovo…"
# a strength figure with no event and a subset ("500 Turkish service members")
# are not mixed into the deployment fact
expect_no_out "4,000 troops' in"
expect_no_out "Turkish service members' in"
# ids only in machine formats
expect_no_out "001_5e1d57c8eee590f4"

run "$LEDE" report disagreements -o json "$CORPUS"
expect_rc 0
jq_eq '.articles' '5'
jq_eq '[.facts[] | "\(.kind)/\(.verdict)"] | join(",")' 'claim/disputed,figure/differ,figure/agree'
jq_eq '.differ' '2'
jq_eq '[.facts[] | select(.description | startswith("troops sent")) | .kind] | join(",")' 'figure'
f=$(printf '%s' "$OUT" | jq '.facts[] | select(.description | startswith("troops sent")) | .fact')
jq_eq "[.reports[] | select(.fact == $f) | .value] | sort | join(\",\")" '700,1000,1000'
jq_eq "[.reports[] | select(.fact == $f) | .approx // \"-\"] | sort | join(\",\")" '-,-,over'
jq_eq "[.reports[] | select(.fact == $f and .value == 700)][0].source" 'Anadolu Agency'
jq_eq "[.reports[] | select(.fact == $f and .value == 700)][0].article" '001_5e1d57c8eee590f4'
jq_eq "[.reports[] | select(.fact == $f and .value == 700)][0].sentence | startswith(\"NATO decided to deploy 700 more troops\")" 'true'
jq_eq '[.reports[] | select(.kind == "claim") | "\(.side):\(.who):\(.article)"] | join(",")' 'claim:Kosovo:003_5436d8cd7f7d1021,denial:Belgrade:002_38c80cf8b5a01419,denial:Belgrade:003_5436d8cd7f7d1021'
jq_eq '[.reports[] | select(.kind == "date")] | length' '0'
jq_eq '[.reports[] | select(.description | startswith("troops injured")) | .value | select(. != null)] | join(",")' '93,93'

run "$LEDE" report disagreements -o csv "$CORPUS"
expect_rc 0
expect_out "fact,verdict,kind,description,side,who,value,approx,unit,precision,how,sentence_dates,text,article,label,source,date,date_doubtful,sentence"
rows=$(printf '%s\n' "$OUT" | tr -d '\r' | grep -c .)
n=$(printf '%s\n' "$OUT" | tr -d '\r' | perl -MText::ParseWords -ne 'chomp; my @f = parse_line(",", 1, $_); $ok++ if @f == 19; END { print $ok + 0 }')
expect_eq "$n" "$rows" "(every CSV row has 19 fields)"
[ "$rows" -ge 10 ] || fail "only $rows CSV rows"

run "$LEDE" report disagreements -o md "$CORPUS"
expect_rc 0
expect_out "# Where sources disagree"
expect_out "| fact | kind | verdict | confidence | description | values | why |"

run "$LEDE" report disagreements -o html "$CORPUS"
expect_rc 0
expect_out "<!DOCTYPE html>"
expect_out_re "<td[^>]*>700 more troops</td>"

# two reports of one flood that name the day the dams burst a day apart, both
# with a year: a date disagreement, labelled by the event
mkdir -p "$TMP/dam"
cat > "$TMP/dam/a.txt" <<'TXT'
Dam burst floods Derna

By Sami Nour, Reuters
September 14, 2023

DERNA, Libya (Reuters) - The two dams above Derna burst on 10 September 2023 during Storm Daniel, officials in eastern Libya said, sweeping away whole districts of the city.
TXT
cat > "$TMP/dam/b.txt" <<'TXT'
Derna counts its dead

By Lena Frost, Associated Press
September 15, 2023

DERNA, Libya (AP) — The two dams above Derna burst on 11 September 2023 during Storm Daniel, local officials in eastern Libya said, destroying whole districts of the city.
TXT
run "$LEDE" report disagreements "$TMP/dam"
expect_rc 0
expect_out "description: date of the storm (Derna, Libya)"
expect_out "values:      2023-09-10 ('10 September 2023') in Reuters, 2023-09-14: Dam burst floods Derna | 2023-09-11 ('11 September 2023') in AP, 2023-09-15: Derna counts its dead"

# a page date its own text contradicts ("met today (21 June 2023)" under a
# scrape date) is not trusted: said once, and its relative dates are left out
mkdir -p "$TMP/trust"
cat > "$TMP/trust/a.txt" <<'TXT'
Miners strike at Kolubara

By Ana Petrovic, Reuters
June 20, 2023

BELGRADE (Reuters) - Workers at the Kolubara coal mine went on strike in May over unpaid wages, the union in Lazarevac said, and 300 miners joined the strike at Kolubara.
TXT
cat > "$TMP/trust/b.txt" <<'TXT'
Kolubara miners stay out
Date:2025-02-03 08:23:02
The union met today (21 June 2023) in Lazarevac. Workers at the Kolubara coal mine went on strike in May over unpaid wages, the union in Lazarevac said, and 300 miners joined the strike at Kolubara.
TXT
run "$LEDE" report disagreements -o json "$TMP/trust"
expect_rc 0
jq_eq '.summary[0]' 'Not trusted: the date 2025-02-03 of 2025-02-03: Kolubara miners stay out (the text names its own day as another date); its relative dates are left out.'
jq_eq '[.reports[] | select(.article == "b") | .sentence_dates | length] | join(",")' '0'
jq_eq '[.reports[] | select(.article == "b")][0].date_doubtful' 'the text names its own day as another date'
jq_eq '[.facts[] | select(.kind == "date")] | length' '0'

# a claim ("accused ... of") and its denial in another article, the capital
# speaking for its country; "rejected the proposal" is no denial
mkdir -p "$TMP/acc"
cat > "$TMP/acc/a.txt" <<'TXT'
Armenia accuses Azerbaijan over border shelling

By Anna Grigoryan, Reuters
May 12, 2024

YEREVAN (Reuters) - Armenia accused Azerbaijan of shelling villages near the border town of Jermuk on Saturday, the defence ministry in Yerevan said. Baku rejected the proposal for new talks in Moscow.
TXT
cat > "$TMP/acc/b.txt" <<'TXT'
Azerbaijan denies shelling Armenian villages

By Farid Aliyev, Associated Press
May 13, 2024

BAKU, Azerbaijan (AP) — Baku rejected the accusations of shelling near Jermuk and said its forces had only answered fire from Armenia.
TXT
run "$LEDE" report disagreements -o json "$TMP/acc"
expect_rc 0
jq_eq '[.facts[] | .description] | join(";")' 'Armenia blames Azerbaijan for shelling villages near the border town of Jermuk on Saturday; Azerbaijan denies it'
jq_eq '[.reports[] | select(.kind == "claim") | "\(.side):\(.who):\(.article):\(.source)"] | join(",")' 'claim:Armenia:a:Reuters,denial:Baku:b:AP'

# filters: --kind, --top (read from the global options table the CLI fills)
printf 'options = { kind = "claim" }\ndofile(arg[1])\n' > "$TMP/kind.lua"
run "$LEDE" run "$TMP/kind.lua" "$CORPUS" -- "$LEDE_SRC/scripts/reports/disagreements.lua"
expect_rc 0
expect_out "Where sources disagree: 1 fact reported differently, 0 corroborated (5 articles)"
printf 'options = { top = 1, kind = "figure" }\ndofile(arg[1])\n' > "$TMP/top.lua"
run "$LEDE" run "$TMP/top.lua" "$CORPUS" -- "$LEDE_SRC/scripts/reports/disagreements.lua"
expect_rc 0
expect_out "Where sources disagree: 1 fact reported differently, 0 corroborated (5 articles)"
expect_out "description: troops sent or deployed (Kosovo, NATO, KFOR)"
printf 'options = { kind = "dates" }\ndofile(arg[1])\n' > "$TMP/bad.lua"
run "$LEDE" run "$TMP/bad.lua" "$CORPUS" -- "$LEDE_SRC/scripts/reports/disagreements.lua"
expect_rc 2
expect_err "disagreements: --kind is figure, date or claim, not 'dates'"

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
