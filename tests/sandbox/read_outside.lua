-- Reading outside what a sandboxed report was given (issue 11, item 18):
-- each probe prints "NAME<TAB>blocked: MESSAGE" or "NAME<TAB>ALLOWED ..."
-- (the runner fails on ALLOWED for the outside ones). arg[1] is the corpus
-- folder given on the command line; outside.txt next to it was not given;
-- arg[2] a folder given too, holding a link to /etc/passwd.
local corpus_dir = arg[1]
local outside = corpus_dir .. "/../outside.txt"
local function try(name, f, ...)
  local ok, a, b = pcall(f, ...)
  if ok and a ~= nil then
    print(name, "ALLOWED " .. type(a))
  else
    print(name, "blocked: " .. tostring(ok and b or a))
  end
end
local function read(path) local f = io.open(path) return f and f:read("a") end
try("io.open passwd", read, "/etc/passwd")
try("io.open outside", read, outside)
try("io.lines passwd", function() for l in io.lines("/etc/passwd") do return l end end)
try("io.input passwd", io.input, "/etc/passwd")
try("lede.load passwd", function() return #lede.load("/etc/passwd", { quiet = true }) > 0 and 1 or nil end)
try("lede.load /etc", lede.load, "/etc", { quiet = true })
try("lede.stream /etc", lede.stream, "/etc")
try("corpus:add passwd", function() return corpus:add("/etc/passwd") end)
try("lede.listdir /", lede.listdir, "/")
try("lede.listdir /etc", lede.listdir, "/etc")
try("lede.tagger.load passwd", lede.tagger.load, "/etc/passwd")
try("loadfile passwd", loadfile, "/etc/passwd")
try("dofile passwd", dofile, "/etc/passwd")
package.path = "/etc/?;" .. package.path
try("require passwd", require, "passwd")
if lede.options.sandbox then try("io.open /dev/zero", read, "/dev/zero") end
try("io.open ..", read, corpus_dir .. "/../../../../../../../../etc/passwd")
if lede.options.sandbox then try("io.open fifo", read, corpus_dir .. "/fifo") end
try("io.open link", read, arg[2] .. "/passwd-link")
try("io.open missing outside", read, "/etc/no-such-file-here")
print("os.getenv HOME", os.getenv("HOME"), os.getenv("PATH"))
print("os.getenv LEDE_PATH", os.getenv("LEDE_PATH") ~= nil)
-- what it was given stays readable
local names = lede.listdir(corpus_dir)
print("inside listdir", #names > 0)
print("inside io.open", read(corpus_dir .. "/" .. names[1]) ~= nil)
print("inside lede.load", #lede.load(corpus_dir))
print("inside missing", read(corpus_dir .. "/no-such-file") == nil)
print("inside own folder", read(arg[0]) ~= nil)
print("inside roots", read(lede.roots[1] .. "/reports/briefing.lua") ~= nil)
