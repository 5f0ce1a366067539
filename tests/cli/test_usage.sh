# CLI conventions: help, version, usage errors and their exit codes.
. "$(dirname "$0")/lib.sh"

run "$LEDE" --help
expect_rc 0; expect_out "usage: lede"; expect_out "report --list"; expect_out "Exit status"
expect_err_empty

run "$LEDE" --version
expect_rc 0; expect_out_re '^lede [0-9]+\.[0-9]+\.[0-9]+ \(Lua 5\.4'

run "$LEDE"
expect_rc 2; expect_err "usage: lede"

run "$LEDE" frobnicate
expect_rc 2; expect_err "unknown command 'frobnicate'"

run "$LEDE" stats --bogus "$CORPUS"
expect_rc 2; expect_err "unknown option '--bogus'"

run "$LEDE" stats -o yaml "$CORPUS"
expect_rc 2; expect_err "unknown output format 'yaml'"

run "$LEDE" stats
expect_rc 2; expect_err "stats needs at least one CORPUS"

run "$LEDE" run
expect_rc 2; expect_err "run needs a SCRIPT.lua"

run "$LEDE" run "$TMP/nope.lua" "$CORPUS"
expect_rc 2; expect_err "nope.lua: cannot open script"

run "$LEDE" report no_such_report "$CORPUS"
expect_rc 2; expect_err "no report named 'no_such_report'"

run "$LEDE" report --list
expect_rc 0; expect_out_re '^briefing +The story at a glance'

# lede rules lists the rules that would run, in order, and honours --rules
run "$LEDE" rules -o json
expect_rc 0
jq_eq '.rules | map(.name) | join(",")' 'entities,dates,times,figures,quotes'
printf 'return { name = "mine", kinds = {"EVENT"}, description = "my rule", run = function() end }\n' > "$TMP/mine.lua"
run "$LEDE" rules --rules "$TMP/mine.lua" --no-default-rules
expect_rc 0
expect_out "1 extraction rule"
expect_out_re '^1 +mine +EVENT +my rule'

# with a corpus: what each rule costs and makes on it (the sample has 360
# annotations: 258 entities, 44 from the date rule (33 DATEs, 3 DURATIONs:
# "over a decade", "two-day", "decades", 8 TIMEREFs: "Now", "recently" ...),
# 16 figures, 44 quotes, no times)
run "$LEDE" rules -o json "$CORPUS"
expect_rc 0
jq_eq '.rules | map(.name + "=" + (.annotations | tostring)) | join(",")' \
  'entities=258,dates=44,times=0,figures=16,quotes=44'
jq_eq '[.rules[] | select(.seconds < 0 or .share < 0 or .share > 100)] | length' '0'
jq_eq '(.rules | map(.share) | add) > 99 and (.rules | map(.share) | add) < 101' 'true'
jq_eq '.title | test("5 extraction rules over 5 articles")' 'true'
run "$LEDE" rules --rules "$TMP/mine.lua" "$CORPUS"
expect_rc 0
expect_out_re '^6 +mine +EVENT +[0-9.]+ +[0-9.]+ +0'
run "$LEDE" rules "$TMP/nope"
expect_rc 2; expect_err "nope"

finish
