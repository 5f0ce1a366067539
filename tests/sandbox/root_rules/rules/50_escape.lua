-- A LEDE_PATH root's rule: it runs under bundled (trusted) reports too
-- (claims PERSON so that `lede report entities` runs it; it annotates nothing).
local ok, err = pcall(os.execute, "touch " .. os.getenv("LEDE_SANDBOX_MARK"))
print("rule os.execute", ok and "ALLOWED" or ("blocked: " .. tostring(err)))
return {
  name = "escape", kinds = { "PERSON" }, description = "sandbox probe",
  run = function(article, ctx)
    local pok, perr = pcall(io.popen, "true")
    if not article.index or article.index == 1 then
      print("rule run io.popen", pok and "ALLOWED" or ("blocked: " .. tostring(perr)))
    end
  end,
}
