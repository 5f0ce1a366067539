# Hostile inputs and scripts that used to hang or crash lede (issue 11):
# each must end, with the right output or a clear error. Every run is under
# `timeout` so a regression fails the test instead of hanging CI.
. "$(dirname "$0")/lib.sh"
TO="timeout 20"

# 1. a possessive that starts with a digit before a role noun ("1MDB's chief
# said") sent the quote rule's subject walk back to where it was, forever
printf "T\n\n1MDB's chief said he was innocent.\n" > "$TMP/a.txt"
run $TO "$LEDE" report briefing "$TMP/a.txt"
expect_rc 0 "(124 = timed out: the quote rule loops)"
expect_out "Briefing: 1 article"
run $TO "$LEDE" report quotes -o json "$TMP/a.txt"
expect_rc 0 "(124 = timed out: the quote rule loops)"
jq_eq '.quotes[0].text' "1MDB's chief said he was innocent."
printf "T\n\nOfficials said 2024's chief economist said prices rose.\n" > "$TMP/b.txt"
run $TO "$LEDE" report quotes "$TMP/b.txt"
expect_rc 0 "(124 = timed out: the quote rule loops)"

# 2. lede.load, lede.parse and lede.stream without an options table, as a
# script's first line, read stack index 0 and crashed (SIGSEGV)
printf 'local c = lede.load("%s")\nprint("load", #c)\n' "$CORPUS" > "$TMP/load.lua"
run $TO "$LEDE" run "$TMP/load.lua"
expect_rc 0 "(lede.load without options)"
expect_out "$(printf 'load\t5')"
printf 'local c = lede.parse("Title\\n\\nSome text here.")\nprint("parse", #c, c[1].text)\n' > "$TMP/parse.lua"
run $TO "$LEDE" run "$TMP/parse.lua"
expect_rc 0 "(lede.parse without options)"
expect_out "$(printf 'parse\t1\t')Some text here."
printf 'local s = lede.stream("%s")\nlocal n = 0\ns:each(function() n = n + 1 end)\nprint("stream", n)\n' "$CORPUS" > "$TMP/stream.lua"
run $TO "$LEDE" run "$TMP/stream.lua"
expect_rc 0 "(lede.stream without options)"
expect_out "$(printf 'stream\t5')"
# a nil options argument is an absent one
printf 'print("nil", #lede.load("%s", nil), #lede.parse("T\\n\\nx.", nil))\n' "$CORPUS" > "$TMP/nil.lua"
run $TO "$LEDE" run "$TMP/nil.lua"
expect_rc 0
expect_out "$(printf 'nil\t5\t1')"
# anything else is a clear Lua error, not a crash
printf 'lede.load("%s", true)\n' "$CORPUS" > "$TMP/bad.lua"
run $TO "$LEDE" run "$TMP/bad.lua"
expect_rc 1
expect_err "bad.lua:1: bad argument #2 to 'load' (path or options table expected, got boolean)"
printf 'lede.parse("text", "quiet")\n' > "$TMP/bad.lua"
run $TO "$LEDE" run "$TMP/bad.lua"
expect_rc 1
expect_err "bad.lua:1: bad argument #2 to 'parse' (options table expected, got string)"
printf 'lede.stream("%s", false)\n' "$CORPUS" > "$TMP/bad.lua"
run $TO "$LEDE" run "$TMP/bad.lua"
expect_rc 1
expect_err "bad.lua:1: bad argument #2 to 'stream' (path or options table expected, got boolean)"

# 5. lede run --stream with a script that drops `corpus` and collects it:
# the stream was freed, then lede_stream_counts read it (use after free)
printf 'corpus = nil\ncollectgarbage()\ncollectgarbage()\nprint("done")\n' > "$TMP/gc.lua"
run $TO "$LEDE" run --stream "$TMP/gc.lua" "$CORPUS"
expect_rc 0 "(stream freed under the host)"
expect_out "done"
expect_err_empty
# ... and the input errors it met before are still counted (exit 2)
printf 'local n = 0\ncorpus:each(function() n = n + 1 end)\ncorpus = nil\ncollectgarbage()\ncollectgarbage()\nprint("read", n)\n' > "$TMP/gc2.lua"
run $TO "$LEDE" run --stream "$TMP/gc2.lua" "$CORPUS" "$TMP/no-such-file"
expect_rc 2 "(input error after the stream was dropped)"
expect_out "$(printf 'read\t5')"
expect_err "no-such-file"

finish
