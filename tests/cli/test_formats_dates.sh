# Dates given by the user and dates in doubt. --date gives every article of
# the run its date, a FILE.date sidecar gives FILE's (and is not read as an
# article); a record's own date (JSON Lines, a CSV column, a feed) stays.
# A page date the story contradicts is kept but marked: article fields
# date_doubtful (boolean) and date_evidence (why).
. "$(dirname "$0")/lib.sh"
cat > "$TMP/show.lua" <<'LUA'
for a in corpus:articles() do print(a.id, a.date, a.date_doubtful, a.date_evidence) end
LUA
# the sample's AP story of October 2023 scraped with Date:2025-04-26
run "$LEDE" run "$TMP/show.lua" "$CORPUS"
expect_rc 0
expect_out "$(printf '002_38c80cf8b5a01419\t2025-04-26\ttrue\tJens Stoltenberg is called NATO Secretary General, an office left on 2024-10-01')"
expect_eq "$(printf '%s\n' "$OUT" | grep -c 'true')" 1 "(one doubtful date in the sample)"
# "former" is no contradiction
printf 'NATO looks back\nDate: 2025-04-26\n\nFormer Secretary General Jens Stoltenberg said on Tuesday that the alliance had changed.\n' > "$TMP/former.txt"
run "$LEDE" run "$TMP/show.lua" "$TMP/former.txt"
expect_out "$(printf 'former\t2025-04-26\tfalse\tnil')"
# an Updated line before the page date
printf 'Border reopens\nDate: 2023-10-25\nUpdated: 2023-10-17\n\nOfficials said the border crossing at Jarinje would reopen on Saturday after talks.\n' > "$TMP/upd.txt"
run "$LEDE" run "$TMP/show.lua" "$TMP/upd.txt"
expect_out "$(printf 'upd\t2023-10-25\ttrue\tan Updated line says 2023-10-17, before it')"
# a dateline date far from the page date
printf 'Talks resume\nDate: 2025-04-26\n\nBRUSSELS, Oct. 17, 2023 (AP) — Kosovo and Serbia resumed talks on Tuesday, officials said.\n' > "$TMP/dl.txt"
run "$LEDE" run "$TMP/show.lua" "$TMP/dl.txt"
expect_out "$(printf 'dl\t2025-04-26\ttrue\tthe dateline says 2023-10-17')"
# --date: the user's date replaces the page's, and is not doubted
run "$LEDE" --date 2023-10-17 run "$TMP/show.lua" "$CORPUS/002_38c80cf8b5a01419.txt" "$TMP/former.txt"
expect_rc 0
expect_out "$(printf '002_38c80cf8b5a01419\t2023-10-17\tfalse\tnil')"
expect_out "$(printf 'former\t2023-10-17\tfalse\tnil')"
run "$LEDE" run --date="17 October 2023" "$TMP/show.lua" "$TMP/former.txt"
expect_out "$(printf 'former\t2023-10-17')"
# a record's own date stays; one without gets --date
printf '{"id":"a","date":"2023-10-20","text":"Talks went on."}\n{"id":"b","text":"Talks ended."}\n' > "$TMP/j.jsonl"
run "$LEDE" --date 2023-10-17 run "$TMP/show.lua" "$TMP/j.jsonl"
expect_out "$(printf 'a\t2023-10-20')"; expect_out "$(printf 'b\t2023-10-17')"
# a sidecar: FILE.date, read with FILE and not as an article
mkdir -p "$TMP/side"
cp "$TMP/former.txt" "$TMP/side/story.txt"
printf '18 October 2023\n' > "$TMP/side/story.txt.date"
run "$LEDE" run "$TMP/show.lua" "$TMP/side"
expect_rc 0; expect_out "$(printf 'story\t2023-10-18')"
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 1 "(the sidecar is no article)"
run "$LEDE" --date 2023-01-01 run "$TMP/show.lua" "$TMP/side"
expect_out "$(printf 'story\t2023-10-18')"    # the sidecar is more particular than --date
printf 'someday\n' > "$TMP/side/story.txt.date"
run "$LEDE" run "$TMP/show.lua" "$TMP/side"
expect_err "story.txt.date:1: warning: no date understood in the sidecar, ignored"
# a --date that is no date is a usage error
run "$LEDE" --date tomorrow stats "$CORPUS"
expect_rc 2; expect_err "--date needs a calendar date (2023-10-17), not 'tomorrow'"
run "$LEDE" stats "$CORPUS" --date
expect_rc 2; expect_err "--date needs a value"
finish
