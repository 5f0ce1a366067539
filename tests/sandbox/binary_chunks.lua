-- Every way to run a precompiled chunk from inside the sandbox: each line
-- is "NAME<TAB>blocked: MESSAGE" (or ALLOWED, which the runner fails on).
-- arg[1] is the folder make_bytecode.lua wrote.
local dir = assert(arg[1])
local bytes = assert(io.open(dir .. "/chunk.luac", "rb")):read("a")
local function try(name, f, ...)
  local ok, a, b = pcall(f, ...)
  if ok and a ~= nil then
    print(name, "ALLOWED")
  else
    print(name, "blocked: " .. tostring(ok and b or a))
  end
end
try("load", load, bytes)
try("load-b", load, bytes, "=chunk", "b")
try("load-bt", load, bytes, "=chunk", "bt")
local given = false
try("load-reader", load, function() if given then return nil end given = true return bytes end, "=chunk", "b")
try("loadfile", loadfile, dir .. "/chunk.luac")
try("loadfile-b", loadfile, dir .. "/chunk.luac", "b")
try("dofile", dofile, dir .. "/chunk.luac")
package.path = dir .. "/mods/?.lua;" .. package.path
try("require", require, "evilmod")
-- require has no way around: no C searchers, and the Lua one is text-only
print("searchers", #package.searchers, package.cpath == "", package.loadlib == nil)
-- text chunks still work everywhere
print("text", load("return 1 + 1")(), dofile(dir .. "/text.lua"), require("textmod"))
