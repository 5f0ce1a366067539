# --sandbox: no processes, no file writes, no C modules, no debug hooks, no
# binary chunks; memory and instruction limits with clear messages; reports
# from outside the install are sandboxed by default.
. "$(dirname "$0")/lib.sh"

cat > "$TMP/probe.lua" <<'LUA'
local function try(name, f, ...)
  local ok, err = pcall(f, ...)
  print(name, ok and "allowed" or ("denied: " .. tostring(err)))
end
try("execute", os.execute, "true")
try("remove", os.remove, "/tmp/nothing-here")
try("popen", io.popen, "ls")
try("write", io.open, os.getenv("LEDE_TMP_OUT"), "w")
try("append", io.open, os.getenv("LEDE_TMP_OUT"), "a+")
try("output", io.output, os.getenv("LEDE_TMP_OUT"))
try("binary", function() assert(load(string.dump(function() end))) end)
print("read", io.open(os.getenv("LEDE_TMP_IN"), "r") ~= nil)
print("cpath", package.cpath == "", package.loadlib == nil, #package.searchers)
print("debug", debug.sethook == nil, type(debug.traceback))
print("sandbox", lede.options.sandbox)
LUA
export LEDE_TMP_OUT="$TMP/written.txt" LEDE_TMP_IN="$CORPUS/000_14052a908de9061f.txt"

# (the corpus file it reads is under a corpus path given: item 18)
run "$LEDE" run --sandbox "$TMP/probe.lua" "$CORPUS"
expect_rc 0
expect_out "execute	denied: sandbox: os.execute is not allowed"
expect_out "remove	denied: sandbox: os.remove is not allowed"
expect_out "popen	denied: sandbox: io.popen is not allowed"
expect_out_re "write	denied: sandbox: io.open\(\".*written.txt\", \"w\"\): writing files is not allowed"
expect_out_re "append	denied: .*writing files is not allowed"
expect_out_re "output	denied: sandbox: io.output"
expect_out "binary	denied:"
expect_out "attempt to load a binary chunk"
# (dofile, loadfile, require and the script itself: test_sandbox_escapes.sh)
expect_out "read	true"
expect_out "$(printf 'cpath\ttrue\ttrue\t2')"
expect_out "$(printf 'debug\ttrue\tfunction')"
expect_out "$(printf 'sandbox\ttrue')"
CHECKS=$((CHECKS + 1)); [ ! -e "$LEDE_TMP_OUT" ] || fail "a sandboxed script created a file"

# without the sandbox the same calls work
run "$LEDE" run "$TMP/probe.lua"
expect_rc 0
expect_out "execute	allowed"
expect_out "$(printf 'sandbox\tfalse')"

# limits: memory and instructions, each with a message naming the option
printf 'local t = {}\nwhile true do t[#t + 1] = ("x"):rep(4096) .. #t end\n' > "$TMP/mem.lua"
run "$LEDE" run --sandbox --max-memory 40 "$TMP/mem.lua"
expect_rc 1
expect_err "the script reached the memory limit of 40 MB (--max-memory)"
printf 'local n = 0\nwhile true do n = n + 1 end\n' > "$TMP/loop.lua"
run "$LEDE" run --max-instructions 5000000 "$TMP/loop.lua"
expect_rc 1
expect_err "instruction limit reached (--max-instructions 5000000)"
# coroutines do not escape the count
printf 'local co = coroutine.wrap(function() while true do end end)\nco()\n' > "$TMP/co.lua"
run "$LEDE" run --max-instructions 5000000 "$TMP/co.lua"
expect_rc 1
expect_err "instruction limit reached"
run "$LEDE" run --max-memory lots "$TMP/loop.lua"
expect_rc 2
expect_err "needs a positive whole number"

# a report from outside the install is sandboxed by default
mkdir -p "$TMP/reports"
printf -- '-- writes a file\nlocal f = assert(io.open(os.getenv("LEDE_TMP_OUT"), "w"))\nf:write("x")\nf:close()\nprint("wrote")\n' > "$TMP/reports/writer.lua"
run "$LEDE" report "$TMP/reports/writer.lua" "$CORPUS"
expect_rc 1
expect_err "writing files is not allowed"
run "$LEDE" report --no-sandbox "$TMP/reports/writer.lua" "$CORPUS"
expect_rc 0
expect_out "wrote"
rm -f "$LEDE_TMP_OUT"
# ... and so is one found through LEDE_PATH
LEDE_PATH="$TMP" run "$LEDE" report writer "$CORPUS"
expect_rc 1
expect_err "writing files is not allowed"

# the bundled reports and rules run fine inside the sandbox
run "$LEDE" report --sandbox figures "$CORPUS"
expect_rc 0
expect_out "700 more troops"

finish
