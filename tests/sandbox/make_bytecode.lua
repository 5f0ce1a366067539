-- Writes the precompiled chunks the bytecode probes feed to a sandboxed
-- lede (run with --no-sandbox: it writes files). arg[1] is the folder.
-- Lua does not verify bytecode, so a crafted chunk can crash the VM; these
-- are harmless ones that would show they ran.
local dir = assert(arg[1], "make_bytecode.lua DIR")
local function write(path, chunk)
  local f = assert(io.open(dir .. "/" .. path, "wb"))
  f:write(string.dump(assert(load(chunk))))
  f:close()
end
-- a report that is bytecode: `lede report ./evil.lua`
write("evil.lua", 'print("ESCAPED: bytecode report ran") os.exit(7)')
-- a module that is bytecode, found by require through package.path
write("mods/evilmod.lua", 'print("ESCAPED: bytecode module ran") return {}')
-- a chunk for load, loadfile and dofile
write("chunk.luac", 'print("ESCAPED: bytecode chunk ran") return 1')
-- and text chunks, which must still load
local function text(path, src)
  local f = assert(io.open(dir .. "/" .. path, "w"))
  f:write(src)
  f:close()
end
text("text.lua", "return 2")
text("mods/textmod.lua", "return 3")
