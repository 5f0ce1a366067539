-- A LEDE_PATH root's lib/annotate.lua: lede requires it while it makes the
-- Lua state, before any report runs. It must already be sandboxed.
local ok, err = pcall(os.execute, "touch " .. os.getenv("LEDE_SANDBOX_MARK"))
print("lib.annotate os.execute", ok and "ALLOWED" or ("blocked: " .. tostring(err)))
local fok, ferr = pcall(io.open, os.getenv("LEDE_SANDBOX_MARK"), "w")
print("lib.annotate io.open", fok and ferr and "ALLOWED" or ("blocked: " .. tostring(ferr)))
return {}
