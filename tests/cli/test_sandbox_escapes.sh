# The sandbox escape probes of tests/sandbox/ (issue 11): precompiled
# chunks (a report, a required module, load/loadfile/dofile), a LEDE_PATH
# root's lib/ and rules/ code, and the REPL's :run. Each checks the blocked
# call and its message, and that nothing the probe tried happened.
. "$(dirname "$0")/lib.sh"
SB="$LEDE_SRC/tests/sandbox"
export LEDE_SANDBOX_MARK="$TMP/escaped"
no_mark() { CHECKS=$((CHECKS + 1)); [ ! -e "$LEDE_SANDBOX_MARK" ] || { fail "$1: the probe's command ran"; rm -f "$LEDE_SANDBOX_MARK"; }; }
BIN="attempt to load a binary chunk (mode is 't')"

# the bytecode, made by lede itself outside the sandbox
mkdir -p "$TMP/bc/mods"
run "$LEDE" run --no-sandbox "$SB/make_bytecode.lua" -- "$TMP/bc"
expect_rc 0 "(make_bytecode.lua)"
CHECKS=$((CHECKS + 1)); head -c 4 "$TMP/bc/evil.lua" | grep -q "Lua" || fail "evil.lua is not a precompiled chunk"

# 1. a report that is bytecode: refused before it runs, by path (sandboxed
# by default) and with --sandbox
run "$LEDE" report "$TMP/bc/evil.lua" "$CORPUS"
expect_rc 1 "(bytecode report)"
expect_no_out "ESCAPED"
expect_err "lede: $TMP/bc/evil.lua: $BIN: sandboxed scripts must be Lua source, not bytecode"
run "$LEDE" run --sandbox "$TMP/bc/evil.lua"
expect_rc 1 "(bytecode script, --sandbox)"
expect_err "$BIN"
# ... while without the sandbox it is still a script like any other
run "$LEDE" report --no-sandbox "$TMP/bc/evil.lua" "$CORPUS"
expect_rc 7
expect_out "ESCAPED: bytecode report ran"

# 2. every loader inside the sandbox: text only
run "$LEDE" run --sandbox "$SB/binary_chunks.lua" -- "$TMP/bc"
expect_rc 0 "(binary_chunks.lua)"
expect_no_out "ALLOWED"
expect_no_out "ESCAPED"
for f in load load-b load-bt load-reader loadfile loadfile-b dofile; do
  expect_out "$(printf '%s\tblocked: ' "$f")$BIN"
done
expect_out "$(printf 'require\tblocked: ')error loading module 'evilmod' from file '$TMP/bc/mods/evilmod.lua':"
expect_out "$(printf 'searchers\t2\ttrue\ttrue')"
expect_out "$(printf 'text\t2\t2\t3')"

# 3. a sandboxed report that requires a bytecode module
run "$LEDE" report "$SB/require_bytecode.lua" "$CORPUS" -- "$TMP/bc"
expect_rc 1 "(report requiring bytecode)"
expect_no_out "ESCAPED"
expect_err "error loading module 'evilmod' from file '$TMP/bc/mods/evilmod.lua':"
expect_err "$BIN"

# 4. a LEDE_PATH root's lib/annotate.lua is loaded when the Lua state is
# made: sandboxed with --sandbox, and by default (the root is not the install)
DENIED="blocked: sandbox: os.execute is not allowed (run with --no-sandbox to allow it)"
for flag in --sandbox ""; do
  LEDE_PATH="$SB/root_lib:$LEDE_SRC/scripts" run "$LEDE" run $flag "$SB/../lua/testlib.lua"
  expect_out "$(printf 'lib.annotate os.execute\t')$DENIED"
  expect_out_re "lib.annotate io.open	blocked: sandbox: io.open\(\".*escaped\", \"w\"\): writing files is not allowed"
  no_mark "lib/annotate.lua ${flag:-by default}"
done

# 5. a LEDE_PATH root's rules run sandboxed under a bundled report
LEDE_PATH="$SB/root_rules:$LEDE_SRC/scripts" run "$LEDE" report entities "$CORPUS"
expect_rc 0 "(bundled report with a LEDE_PATH rule)"
expect_out "$(printf 'rule os.execute\t')$DENIED"
expect_out "$(printf 'rule run io.popen\t')blocked: sandbox: io.popen is not allowed"
expect_out "Jens Stoltenberg"
no_mark "rules/50_escape.lua"
# --no-sandbox is the way to trust such a root
LEDE_PATH="$SB/root_rules:$LEDE_SRC/scripts" run "$LEDE" report --no-sandbox entities "$CORPUS"
expect_out "$(printf 'rule os.execute\tALLOWED')"
rm -f "$LEDE_SANDBOX_MARK"
# the install itself (here: the source scripts/, which the build links as
# <build>/scripts) is trusted: no sandbox for bundled reports
printf 'print("sandbox", lede.options.sandbox)\n' > "$TMP/opt.lua"
run "$LEDE" run "$TMP/opt.lua"
expect_out "$(printf 'sandbox\tfalse')"

# 6. the REPL: with an untrusted LEDE_PATH root the whole state is
# sandboxed, :run included; completion still works there
printf ':run escape\nprint("repl sandbox", lede.options.sandbox)\ntable.concat(require("lib.repl").complete("corpus[1]:sen"), " ")\n' > "$TMP/in1.txt"
LEDE_PATH="$SB/root_reports:$LEDE_SRC/scripts" run_stdin "$TMP/in1.txt" "$LEDE" repl "$CORPUS"
expect_rc 0 "(repl)"
expect_out "$(printf 'articles\t5')"
expect_out "$(printf 'report os.execute\t')$DENIED"
expect_out "$(printf 'repl sandbox\ttrue')"
expect_out "corpus[1]:sentence_at corpus[1]:sentences"
no_mark "REPL :run escape"
# ... and a report from outside the install run from a REPL that is not
# sandboxed (its roots changed by hand) gets a sandboxed state of its own
printf 'lede.roots[#lede.roots + 1] = "%s"\n:run escape\nprint("repl sandbox", lede.options.sandbox)\n:run figures\n' "$SB/root_reports" > "$TMP/in2.txt"
run_stdin "$TMP/in2.txt" "$LEDE" repl "$CORPUS"
expect_rc 0 "(repl, roots changed)"
expect_out "$(printf 'articles\t5')"
expect_out "$(printf 'report os.execute\t')$DENIED"
expect_out "$(printf 'report sandbox\ttrue')"
expect_out "$(printf 'repl sandbox\tfalse')"
expect_out "700 more troops"
no_mark "REPL :run escape, own state"

# 7. reading outside what the report was given (item 18): /etc/passwd, a
# file next to the corpus, folders, devices, links out, os.getenv
mkdir -p "$TMP/rd/c"
cp "$CORPUS"/* "$TMP/rd/c/"
printf 'secret\n' > "$TMP/rd/outside.txt"
mkfifo "$TMP/rd/c/fifo"
mkdir -p "$TMP/rd/links"
ln -s /etc/passwd "$TMP/rd/links/passwd-link"
for how in "report" "run --sandbox"; do
  run timeout 60 "$LEDE" $how "$SB/read_outside.lua" "$TMP/rd/c" -- "$TMP/rd/c" "$TMP/rd/links"
  expect_rc 0 "(read_outside.lua, $how)"
  expect_no_out "ALLOWED"
  expect_no_out "root:"
  for probe in "io.open passwd" "io.open outside" "io.lines passwd" "io.input passwd" \
               "lede.load passwd" "lede.load /etc" "lede.stream /etc" "corpus:add passwd" \
               "lede.listdir /" "lede.listdir /etc" "lede.tagger.load passwd" "loadfile passwd" \
               "dofile passwd" "require passwd" "io.open /dev/zero" "io.open .." \
               "io.open link" "io.open missing outside"; do
    expect_out_re "^$probe	blocked: .*sandbox: "
  done
  expect_out "$(printf 'io.open passwd\tblocked: ')$SB/read_outside.lua:16: sandbox: io.open(\"/etc/passwd\"): only files under the corpus paths, the script roots and the script's folder may be read (run with --no-sandbox to allow it)"
  expect_out "$(printf 'io.open fifo\tblocked: ')$SB/read_outside.lua:16: sandbox: io.open(\"$TMP/rd/c/fifo\"): not a regular file"
  expect_out "$(printf 'os.getenv HOME\tnil\tnil')"
  expect_out "$(printf 'os.getenv LEDE_PATH\ttrue')"
  for ok in "inside listdir" "inside io.open" "inside missing" "inside own folder" "inside roots"; do
    expect_out "$(printf '%s\ttrue' "$ok")"
  done
  expect_out "$(printf 'inside lede.load\t5')"
done
# without the sandbox a script reads what the user can
run "$LEDE" run --no-sandbox "$SB/read_outside.lua" "$TMP/rd/c" -- "$TMP/rd/c" "$TMP/rd/links"
expect_out "$(printf 'io.open passwd\tALLOWED string')"
expect_out_re "os.getenv HOME	/"

finish
