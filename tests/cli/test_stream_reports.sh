# Every bundled report (found by listing scripts/reports/, so a new one is
# covered without editing this file) gives the same output, byte for byte,
# with --stream (the corpus read once, one article at a time, lib.pass) as
# without: on the sample corpus in every output format, and on a generated
# corpus of a few hundred varied articles (names given in full in some
# articles and shortened in others, so canonical names merge across
# articles; quotes by several speakers, headline quotes; figures, dates,
# claims and denials; articles without title or date; wire copies and
# articles that would read the same, for unique labels).
. "$(dirname "$0")/lib.sh"

REPORTS=$(cd "$LEDE_SRC/scripts/reports" && ls *.lua | sed 's/\.lua$//')
[ -n "$REPORTS" ] || { echo "no reports in $LEDE_SRC/scripts/reports" >&2; exit 1; }

# same_both NAME CORPUS ARGS...: the report's output and exit code with and
# without --stream are the same
same_both() {
  local name=$1 corpus=$2; shift 2
  run "$LEDE" report "$name" "$@" "$corpus"
  local mem_out=$OUT mem_rc=$RC
  CHECKS=$((CHECKS + 1))
  [ "$RC" = 0 ] || fail "report $name $* (in memory) exit $RC"
  run "$LEDE" report "$name" --stream "$@" "$corpus"
  expect_eq "$RC" "$mem_rc" "(exit code of report $name --stream $*)"
  CHECKS=$((CHECKS + 1))
  [ "$OUT" = "$mem_out" ] || {
    fail "report $name --stream $* differs from the in-memory output"
    diff <(printf '%s\n' "$mem_out") <(printf '%s\n' "$OUT") | head -20 >&2
  }
}

# the sample corpus: every report in every format it has
for r in $REPORTS; do
  for f in text json csv md html; do same_both "$r" "$CORPUS" -o "$f"; done
  [ "$r" = network ] && same_both "$r" "$CORPUS" -o dot
  same_both "$r" "$CORPUS" -o csv --section all
done

# a generated corpus: 300 short articles as JSON Lines, made from a fixed
# seed (deterministic)
gen="$TMP/gen.jsonl"
awk 'BEGIN {
  seed = 12345
  split("Jens Stoltenberg|Vjosa Osmani-Sadriu|Albin Kurti|Aleksandar Vucic|Ursula von der Leyen|Mark Rutte|Josep Borrell|Antony Blinken", full, "|")
  split("Stoltenberg|Osmani|Kurti|Vucic|von der Leyen|Rutte|Borrell|Blinken", short, "|")
  split("NATO|KFOR|European Union|United Nations|OSCE|Kosovo Police", orgs, "|")
  split("Kosovo|Serbia|Belgrade|Pristina|Brussels|Zvecan|Leposavic|Mitrovica", places, "|")
  split("Reuters|Anadolu Agency|AP|BBC|Balkan Insight", sources, "|")
  split("troops|soldiers|police officers|peacekeepers|protesters|people", units, "|")
  split("injured|killed|deployed|arrested", events, "|")
  split("January|February|March|April|May|June|July|September|October|November", months, "|")
  split("Monday|Tuesday|Wednesday|Thursday|Friday", days, "|")
  for (i = 1; i <= 300; i++) {
    p1 = rnd(8); p2 = rnd(8); if (p2 == p1) p2 = p1 % 8 + 1
    o = rnd(6); pl = rnd(8); pl2 = rnd(8)
    n1 = 10 + rnd(990); n2 = 10 + rnd(990)
    name1 = (rnd(3) == 1) ? short[p1] : full[p1]
    name2 = (rnd(2) == 1) ? short[p2] : full[p2]
    y = 2019 + rnd(5); m = rnd(10); d = rnd(28)
    title = orgs[o] " says situation in " places[pl] " is " ((rnd(2) == 1) ? "tense" : "calm")
    if (rnd(7) == 1) title = ""
    if (rnd(8) == 1) title = short[p1] " says \\u2018we will not accept violence\\u2019 in " places[pl]
    date = sprintf("%04d-%02d-%02d", y, rnd(12), rnd(28))
    if (rnd(9) == 1) date = ""
    src = sources[rnd(5)]
    t = name1 " met " name2 " in " places[pl] " on " d " " months[m] " " y "."
    t = t "\\n" sprintf("%d %s were %s in %s, the %s said.", n1, units[rnd(6)], events[rnd(4)], places[pl2], orgs[o])
    t = t "\\n" sprintf("\\u201cWe will not accept violence in %s,\\u201d %s said on %s.", places[pl], name1, days[rnd(5)])
    if (rnd(2) == 1) t = t "\\n" sprintf("%s said that %s needs about %d more %s by %s.", name2, places[pl2], n2, units[rnd(6)], months[rnd(10)])
    if (rnd(3) == 1) t = t "\\n" sprintf("%s blamed %s for the attack in %s.", places[1], places[2], places[pl2])
    if (rnd(3) == 1) t = t "\\n" sprintf("%s denied any involvement in the attack, %s said.", places[3], name2)
    if (rnd(4) == 1) t = t "\\n" sprintf("Over %d %s took part, according to %s.", n2, units[rnd(6)], orgs[rnd(6)])
    if (rnd(5) == 1) t = t "\\n" sprintf("Three months later, %s visited %s again.", full[p1], places[rnd(8)])
    line = sprintf("{\"id\":\"g%03d\",\"title\":\"%s\",\"source\":\"%s\"%s,\"text\":\"%s\"}", i, title, src,
                   date == "" ? "" : ",\"date\":\"" date "\"", t)
    print line
    if (rnd(10) == 1) { i++; sub(/"id":"g[0-9]+"/, sprintf("\"id\":\"g%03d\"", i), line); print line }   # a wire copy
  }
}
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % n + 1 }' > "$gen"
CHECKS=$((CHECKS + 1))
[ "$(wc -l < "$gen")" -ge 300 ] || fail "generated corpus has $(wc -l < "$gen") lines"
for r in $REPORTS; do
  same_both "$r" "$gen" -o json
done
# the generated corpus exercises what streaming must get right
run "$LEDE" report entities -o json "$gen"
jq_eq '[.entities[] | select(.name == "Jens Stoltenberg")][0].aliases | index("Stoltenberg") != null' 'true'
run "$LEDE" report briefing -o json "$gen"
jq_eq '[.articles[] | select(.label | test(" \\(2\\)$"))] | length > 0' 'true'
jq_eq '[.speakers[] | select(.speaker == "Stoltenberg")] | length' '0'

# a script that asks a stream for what needs the whole corpus is told how
printf 'print(#corpus:people())\n' > "$TMP/people.lua"
run "$LEDE" run --stream "$TMP/people.lua" "$CORPUS"
expect_rc 1
expect_err "corpus:people() needs the whole corpus, and a stream is read one article at a time: use lib.pass"

finish
