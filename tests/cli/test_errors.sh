# Lua errors in user scripts: message with file:line, a traceback, exit 1.
. "$(dirname "$0")/lib.sh"

cat > "$TMP/bad.lua" <<'LUA'
local function inner(x)
  return x.field.missing   -- line 2: indexes a nil value
end
print("before")
inner({})
LUA
run "$LEDE" run "$TMP/bad.lua" "$CORPUS"
expect_rc 1
expect_out "before"
expect_err_re "bad\.lua:2: attempt to index a nil value"
expect_err "stack traceback:"
expect_err_re "bad\.lua:5: in "

cat > "$TMP/raise.lua" <<'LUA'
error("custom failure")
LUA
run "$LEDE" run "$TMP/raise.lua" "$CORPUS"
expect_rc 1; expect_err_re "raise\.lua:1: custom failure"

printf 'local x = = 1\n' > "$TMP/syntax.lua"
run "$LEDE" run "$TMP/syntax.lua" "$CORPUS"
expect_rc 1; expect_err_re "syntax\.lua:1: unexpected symbol"

# error objects that are not strings still give a message
printf 'error({code = 7})\n' > "$TMP/obj.lua"
run "$LEDE" run "$TMP/obj.lua" "$CORPUS"
expect_rc 1; expect_err "error object is a table value"

# script arguments after --
printf 'print(#arg, arg[1], arg[2], arg[0] ~= nil, #corpus)\n' > "$TMP/args.lua"
run "$LEDE" run "$TMP/args.lua" "$CORPUS" -- one two
expect_rc 0; expect_eq "$OUT" "$(printf '2\tone\ttwo\ttrue\t5')"

# -o reaches scripts
printf 'print(lede.options.output)\n' > "$TMP/fmt.lua"
run "$LEDE" run -o csv "$TMP/fmt.lua"
expect_rc 0; expect_eq "$OUT" "csv"

finish
