-- sandbox probe: a report in a LEDE_PATH root, run from the REPL's :run
print("articles", #corpus)
local ok, err = pcall(os.execute, "touch " .. os.getenv("LEDE_SANDBOX_MARK"))
print("report os.execute", ok and "ALLOWED" or ("blocked: " .. tostring(err)))
print("report sandbox", lede.options.sandbox)
