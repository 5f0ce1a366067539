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

finish
