# The sandbox escape probes of tests/sandbox/ (issue 11): precompiled
# chunks (a report, a required module, load/loadfile/dofile). Each checks the blocked
# call and its message, and that nothing the probe tried happened.
. "$(dirname "$0")/lib.sh"
SB="$LEDE_SRC/tests/sandbox"
export SANDBOX_MARK="$TMP/escaped"
no_mark() { CHECKS=$((CHECKS + 1)); [ ! -e "$SANDBOX_MARK" ] || { fail "$1: the probe's command ran"; rm -f "$SANDBOX_MARK"; }; }
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
run "$LEDE" report --no-sandbox "$TMP/bc/evil.lua"
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

finish
