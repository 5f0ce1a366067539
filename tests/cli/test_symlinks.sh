# Folder walks and symbolic links (issue 11, item 12): a link to a folder
# inside a walk is not followed (a link to "." gave 41 copies of every
# article; links to "." and ".." made the walk exponential), a link to a
# file is read like the file, and a linked folder given on the command line
# is read once. The same for -j 2 and --stream.
. "$(dirname "$0")/lib.sh"

T="$TMP/tree"
mkdir -p "$T/c/sub"
cp "$CORPUS"/*.txt "$T/c/"
first=$(ls "$T/c" | grep '\.txt$' | head -1)
mv "$T/c/$first" "$T/c/sub/$first"
ln -s . "$T/c/self"
ln -s .. "$T/c/sub/up"
ln -s ../../outside.txt "$T/c/sub/link.txt"
printf 'Outside\n\nThe minister said the talks went well.\n' > "$T/outside.txt"
ln -s c "$T/top"
printf 'local n = 0\ncorpus:each(function() n = n + 1 end)\nprint("articles", n)\n' > "$TMP/count.lua"

for mode in "-j 1" "-j 2" "--stream"; do
  run timeout 30 "$LEDE" run $mode "$TMP/count.lua" "$T/c"
  expect_rc 0 "($mode)"
  expect_out "$(printf 'articles\t6')"
  expect_err "lede: $T/c/self: warning: a symbolic link to a folder, not followed"
  expect_err "lede: $T/c/sub/up: warning: a symbolic link to a folder, not followed"
  # a linked folder on the command line is read once
  run timeout 30 "$LEDE" run $mode "$TMP/count.lua" "$T/top"
  expect_rc 0 "($mode, a linked folder given)"
  expect_out "$(printf 'articles\t6')"
done

# two links each way no longer multiply the walk
ln -s . "$T/c/self2"
ln -s .. "$T/c/sub/up2"
run timeout 30 "$LEDE" stats "$T/c"
expect_rc 0 "(four links)"
expect_out_re "articles +6"

# the same order and warnings with -j 2
run "$LEDE" stats "$T/c"
seq_err=$ERR
run "$LEDE" stats -j 2 "$T/c"
expect_eq "$ERR" "$seq_err" "(-j 2 warnings)"

finish
