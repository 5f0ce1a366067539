# Resource limits (issue 11, items 6 and 7): --max-memory counts the
# corpora a script makes and the buffers files are read into, not only
# Lua's heap; devices, FIFOs and sockets are never read as corpus files; a
# file too large to read whole is refused by its size; and (item 6) a
# wall-clock/CPU limit stops what the instruction count never sees.
. "$(dirname "$0")/lib.sh"

# --- 7. memory: corpora kept alive by a script count for --max-memory
cat > "$TMP/keep.lua" <<'LUA'
local s = string.rep("The minister said the talks went well. ", 2000)
local keep = {}
for i = 1, 100000 do keep[#keep + 1] = lede.parse(s) end
print("never")
LUA
run timeout 60 "$LEDE" run --max-memory 64 "$TMP/keep.lua"
expect_rc 1 "(lede.parse kept in a loop, --max-memory 64)"
expect_no_out "never"
expect_err "the script reached the memory limit of 64 MB (--max-memory"

# ... while corpora the script drops are collected: the same loop that
# keeps nothing stays under the limit
cat > "$TMP/drop.lua" <<'LUA'
local s = string.rep("The minister said the talks went well. ", 2000)
for i = 1, 400 do local c = lede.parse(s) end
print("done")
LUA
run timeout 120 "$LEDE" run --max-memory 64 "$TMP/drop.lua"
expect_rc 0 "(lede.parse dropped in a loop)"
expect_out "done"

# a file read by lede.load counts while it is read
head -c 3000000 /dev/zero | tr '\0' 'a' | fold -w 70 > "$TMP/mid.txt"
printf 'local c = lede.load("%s")\nprint("never", #c)\n' "$TMP/mid.txt" > "$TMP/loadmid.lua"
run timeout 60 "$LEDE" run --max-memory 2 "$TMP/loadmid.lua"
expect_rc 1 "(lede.load of a 3 MB file, --max-memory 2)"
expect_no_out "never"
expect_err "$TMP/mid.txt: error: cannot read: over the memory limit (--max-memory)"
expect_err "the script reached the memory limit of 2 MB"
# the corpus on the command line is not the script's: not counted
printf 'print("n", #corpus)\n' > "$TMP/count.lua"
run timeout 60 "$LEDE" run --max-memory 2 "$TMP/count.lua" "$TMP/mid.txt"
expect_rc 0 "(command-line corpus under --max-memory 2)"
expect_out "$(printf 'n\t1')"

# --- 7. only regular files: /dev/zero, a FIFO, a socket-like device are skipped
mkfifo "$TMP/fifo.txt"
printf 'local c = lede.load("/dev/zero", {})\nprint("zero", #c)\nlocal f = lede.load("%s")\nprint("fifo", #f)\n' \
  "$TMP/fifo.txt" > "$TMP/dev.lua"
run timeout 20 "$LEDE" run "$TMP/dev.lua"
expect_rc 0 "(lede.load of /dev/zero and a FIFO)"
expect_out "$(printf 'zero\t0')"
expect_out "$(printf 'fifo\t0')"
expect_err "lede: /dev/zero: warning: a character device, not a regular file: skipped"
expect_err "lede: $TMP/fifo.txt: warning: a FIFO, not a regular file: skipped"
for j in "" "-j 2"; do
  run timeout 20 "$LEDE" stats $j /dev/zero "$TMP/fifo.txt" "$CORPUS"
  expect_rc 0 "(stats $j over /dev/zero and a FIFO)"
  expect_out_re "articles +5"
  expect_err "lede: /dev/zero: warning: a character device, not a regular file: skipped"
  expect_err "lede: $TMP/fifo.txt: warning: a FIFO, not a regular file: skipped"
done
mv "$TMP/fifo.txt" "$TMP/fifo.jsonl"
printf 'local n = 0\ncorpus:each(function() n = n + 1 end)\nprint("n", n)\n' > "$TMP/each.lua"
run timeout 20 "$LEDE" run --stream "$TMP/each.lua" "$TMP/fifo.jsonl" /dev/zero
expect_rc 0 "(--stream over a FIFO .jsonl and /dev/zero)"
expect_err "lede: $TMP/fifo.jsonl: warning: a FIFO, not a regular file: skipped"
expect_err "lede: /dev/zero: warning: a character device, not a regular file: skipped"
# stdin stays allowed, pipe or not
printf 'Title\n\nThe minister said the talks went well.\n' > "$TMP/one.txt"
run_stdin "$TMP/one.txt" "$LEDE" stats -
expect_rc 0 "(stdin)"
expect_out_re "articles +1"

# --- 7. a file too large to read whole is refused by its size, unread
truncate -s 1100M "$TMP/huge.txt"
run timeout 20 "$LEDE" stats "$TMP/huge.txt" "$CORPUS"
expect_rc 2 "(a 1100 MB file)"
expect_err "lede: $TMP/huge.txt: error: too large: 1100 MB, more than the 1024 MB read as one file"
expect_out_re "articles +5"
rm -f "$TMP/huge.txt"

# --- 6. time limits: a watchdog thread, not the instruction count
# a busy loop: the hook sees the watchdog's flag, a Lua error (exit 1)
printf 'local n = 0\nwhile true do n = n + 1 end\n' > "$TMP/busy.lua"
run timeout 60 "$LEDE" run --max-seconds 0.5 "$TMP/busy.lua"
expect_rc 1 "(a busy loop, --max-seconds 0.5)"
expect_err "time limit reached (--max-seconds 0.5)"
run timeout 60 "$LEDE" run --max-cpu-seconds 0.5 "$TMP/busy.lua"
expect_rc 1 "(a busy loop, --max-cpu-seconds 0.5)"
expect_err "CPU time limit reached (--max-cpu-seconds 0.5)"
# a script that catches the limit's error cannot run on: the hook then
# raises it at every instruction
printf 'while true do pcall(function() while true do end end) end\n' > "$TMP/catch.lua"
run timeout 60 "$LEDE" run --max-seconds 0.5 "$TMP/catch.lua"
expect_rc 1 "(pcall around a loop, --max-seconds 0.5)"
expect_err "time limit reached (--max-seconds 0.5)"
# where the hook never runs, the hard limit ends the process: exit 3
hard() { # hard NAME: the script $TMP/NAME.lua, stopped 2 s past 0.5 s
  run timeout 60 "$LEDE" run --max-seconds 0.5 "$TMP/$1.lua"
  expect_rc 3 "($1, --max-seconds 0.5)"
  expect_err "lede: $TMP/$1.lua: still running 2 s past its time limit (--max-seconds 0.5): stopped (exit 3)"
  expect_no_out "never"
}
# a loop in a __gc finalizer (Lua runs finalizers without hooks) ...
printf 'setmetatable({}, {__gc = function() while true do end end})\ncollectgarbage()\nprint("never")\n' \
  > "$TMP/gc.lua"
hard gc
# ... also when it runs as the state closes, after the script's end
printf 'setmetatable({}, {__gc = function() while true do end end})\nprint("end")\n' > "$TMP/gcclose.lua"
run timeout 60 "$LEDE" run --max-seconds 0.5 "$TMP/gcclose.lua"
expect_rc 3 "(a __gc loop at lua_close)"
expect_err "lede: $TMP/gcclose.lua: still running 2 s past its time limit"
# a pattern bomb: one string.find call that backtracks for ever
printf 'print("never", string.find(string.rep("a", 3000), string.rep("a-", 30) .. "b"))\n' > "$TMP/bomb.lua"
hard bomb
run timeout 60 "$LEDE" run --max-cpu-seconds 0.5 "$TMP/bomb.lua"
expect_rc 3 "(a pattern bomb, --max-cpu-seconds 0.5)"
expect_err "still running 2 s past its CPU time limit (--max-cpu-seconds 0.5): stopped (exit 3)"
# a script that ends in time is not stopped, and the limits are checked
printf 'print("fine")\n' > "$TMP/fine.lua"
run timeout 60 "$LEDE" run --max-seconds 30 --max-cpu-seconds 30 "$TMP/fine.lua"
expect_rc 0 "(a short script under time limits)"
expect_out "fine"
for bad in 0 -1 abc 1e20; do
  run "$LEDE" run --max-seconds "$bad" "$TMP/fine.lua"
  expect_rc 2 "(--max-seconds $bad)"
  expect_err "option needs a positive number of seconds, not '$bad'"
done

finish
