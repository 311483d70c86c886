-- load, loadstring, loadfile, dofile and require.
dofile("harness.lua")

E{"load('return 1 + 1')()", "load('syntax error here')", "load('return ...', 'chunk')(1, 2)",
  "load('x = ')", "load('return 1', '=name')()", "load('error(\"e\")', '=name')", "select(2, pcall(load('error(\"e\")', '=name')))",
  "select(2, pcall(load('error(\"e\")', '@file.lua')))", "select(2, pcall(load('error(\"e\")', 'plain')))",
  "select(2, pcall(load('error(\"e\")')))", "select(2, pcall(load('\\n\\nerror(\"e\")')))",
  "select(2, pcall(load('local a = 1\\nerror(\"long first line of a chunk that goes on and on\")')))",
  "select(2, pcall(load('error(\"a chunk whose only line is longer than the limit of forty-five\")')))",
  "load('::l1:: ::l1::')", "load('goto nowhere')", "load('break')", "load('return')",
  "load(function() return nil end)", "load(function() error('hhi') end)", "load(function() return {} end)",
  "load('return x', 'c', 't', {x = 5})()", "load('x = 1; return x', 'c', 't', {})()", "load('return 1', 'c', 'x')",
  "load('return 1', 'c', 'b')", "load('\\27Lua')", "load('\\27Lua', 'c', 't')", "load(5)", "load()",
  "load('return _ENV == nil', 'c', 't', nil)()", "load('#!shebang\\nreturn 1')", "load('return \"\\\\q\"')",
  "load('return [[\\nx]]')()", "load('return 0x')", "load('return 1e')", "load('return 3..2')",
  "load('x = \"unfinished')", "load('x = [[unfinished')", "load('--[[ unfinished')", "load('return 1 +')",
  "load('local function f() return end return 1')()", "load('return ...', nil)(3)", "load('return 2^53')()",
  "load('local a <const> = 1')", "load('return a.b.c = 1')", "load('f(')", "load('for i = 1 do end')",
  "load('return \\'\\\\300\\'')", "load('return \\'\\\\x4\\'')", "load('x = }')",
  "load('return \"abc\\\\x')", "load('return \"\\\\x5')", "load('return \"\\\\xAG')", "load('return \"\\\\x.')",
  "load('return \"\\\\x\\n\"')", "load('return \"\\\\x4\\n\"')", "load('return \"\\\\x41')",
  "load('x = 1 \\160', '=c')", "load('x = \\233', '=c')", "load('x = 1 \\127', '=c')", "load('x = 1 ~', '=c')",
  "load('x = 1 \\'\\195\\169\\'', '=c')", "load('x = \\'caf\\195\\169\\n', '=c')", "load('x = 1 \\'\\233\\'', '=c')"}
case("a chunk named after text that is not UTF-8 keeps its ASCII", function() local _, e = load("\255a = 1") return (string.find(e, "a = 1", 1, true)) ~= nil end)
case("a chunk named after UTF-8 text", function() local _, e = load("x = \195\169 +") return e end)
case("a control byte is not a space", function() return load("return \1 1") end)
case("a control byte between statements", function() return load("x = 1\31y = 2") end)
case("a zero byte after an expression", function() return load("return 1\0") end)
case("a zero byte after return", function() return load("return\0") end)
case("vertical tab and form feed are spaces", function() return load("return 1 \11\12+\t\r2")() end)
case("\\z at the end of the text", function() return load("return 'a\\z") end)
case("\\z stops at a control byte", function() return #load("return 'a\\z \1b'")() end)
case("a chunk name cut inside a UTF-8 character", function() local _, e = load(string.rep("a", 44) .. "\195\169 = = 1") return e end)
case("load of pieces", function()
  local pieces, i = {"return ", "1 ", "+ 41"}, 0
  return load(function() i = i + 1 return pieces[i] end)()
end)
case("load of pieces, one empty", function()
  local pieces, i = {"return 1", "", "+ 41"}, 0
  return load(function() i = i + 1 return pieces[i] end)()
end)
case("load reader returning a number", function() local n = 0 return load(function() n = n + 1 if n == 1 then return 7 end end) end)
case("too many locals", function()
  local s = {}
  for i = 1, 201 do s[i] = "local v" .. i .. " = " .. i end
  return load(table.concat(s, "\n"))
end)
case("too many upvalues", function()
  local s = {}
  for i = 1, 256 do s[#s + 1] = "local v" .. i end
  s[#s + 1] = "return function() return "
  for i = 1, 256 do s[#s + 1] = (i > 1 and "+ " or "") .. "v" .. i end
  s[#s + 1] = " end"
  local f, e = load(table.concat(s, "\n"))
  return f == nil
end)
case("deep nesting", function() return load(string.rep("(", 300) .. "1" .. string.rep(")", 300)) end)
case("loadstring", function() return loadstring == nil or loadstring("return 5")() end)
case("dofile returns", function() return dofile("support/values.lua") end)
case("dofile missing", function() return dofile("support/missing.lua") end)
case("dofile syntax error", function() return dofile("support/broken.lua") end)
case("dofile runtime error", function() return dofile("support/fails.lua") end)
case("loadfile", function() local f = loadfile("support/values.lua") return f(3) end)
case("loadfile missing", function() return loadfile("support/missing.lua") end)
case("loadfile syntax error", function() return loadfile("support/broken.lua") end)
case("loadfile with env", function() local f = loadfile("support/noreturn.lua", "t", {}) return pcall(f) end)
case("require", function() local m = require("support.module") return m.name, m.file end)
case("require again gives the same", function() return require("support.module") == require("support.module") end)
case("require of a module returning nothing", function() return require("support.noreturn"), moduleRan, package.loaded["support.noreturn"] end)
case("require missing", function() local ok, e = pcall(require, "support.missing") return ok, (string.match(e, "^module 'support.missing' not found:")) end)
case("require syntax error", function() local ok, e = pcall(require, "support.broken") return ok, (string.match(e, "^error loading module 'support.broken' from file '%./support/broken.lua':")) end)
case("require runtime error", function() return require("support.fails") end)
case("require preload", function() package.preload["virtual"] = function(...) return {...} end local m = require("virtual") return m[1], m[2] end)
case("require of a loaded value", function() package.loaded["fixed"] = 42 return require("fixed") end)
case("require non-string", function() return require({}) end)
E{"type(package)", "type(package.loaded)", "package.loaded.package == package", "package.loaded._G == _G",
  "package.loaded.string == string", "package.loaded.table == table", "package.loaded.math == math",
  "package.loaded.os == os", "package.loaded.bit32 == bit32", "package.loaded.coroutine == coroutine",
  "type(package.preload)", "type(package.path)", "package.config:sub(1, 1)", "type(require)"}
case("load without a chunk", function() local f, e = load() return f, e end)
case("load of nil", function() local f, e = load(nil) return f, e end)
case("load of a table", function() local f, e = load({}) return f, e end)
case("load reader returning a boolean", function() return load(function() return true end) end)
case("load reader raising a table", function() return load(function() error({}) end) end)
case("load text in binary mode", function() return load("return 1", "=c", "b") end)
case("load with a syntax error", function() return load("return return", "=c") end)
case("load with a bad mode", function() return load("return 1", "=c", "") end)

-- load with readers, names and environments, and the wording of syntax errors (unfinished strings, comments,
-- missing ends, 5.3 syntax), escapes, long strings, and runtime errors naming the variable
case("load reader pieces", function() local parts = {"return ", "1 ", "+ 2"} local i = 0 return load(function() i = i + 1 return parts[i] end)() end)
case("load reader returns empty", function() local n = 0 return load(function() n = n + 1 if n == 1 then return "return 7" end return "" end)() end)
case("load reader returns non-string", function() return load(function() return {} end) end)
case("load with env", function() local f = load("return x", "c", "t", {x = 9}) return f() end)
case("load name", function() return select(2, load("error('e')", "=name"))  end)
case("load syntax error name", function() return load("x x", "@file.lua") end)
case("load syntax error long source", function() return load("x x " .. string.rep("y", 100)) end)
case("load syntax error multi-line", function() return load("local a = 1\nlocal b = \n\n+") end)
case("load unfinished string", function() return load("return 'abc") end)
case("load unfinished long string", function() return load("return [[abc") end)
case("load unfinished comment", function() return load("--[[ abc") end)
case("load bad char", function() return load("return @") end)
case("load number then name", function() return load("return 3x") end)
case("load number malformed", function() return load("return 0x") end)
case("load unexpected end", function() return load("if x then") end)
case("load missing end", function() return load("function f() return 1") end)
case("load missing paren", function() return load("print(1") end)
case("load missing paren multiline", function() return load("print(1,\n2") end)
case("load = expected", function() return load("x") end)
case("load local attrib", function() return load("local x <const> = 1") end)
case("load integer division", function() return load("return 7 // 2") end)
case("load bitwise", function() return load("return 1 & 2") end)
case("load string escape \\z", function() return load("return 'a\\z   b'")() end)
case("load string escape \\x41", function() return load("return '\\x41'")() end)
case("load decimal escape", function() return load("return '\\65\\066'")() end)
case("load long string levels", function() return load("return [==[a]]b]==]")() end)
case("load long string newline", function() return load("return [[\nabc]]")() end)
case("load comment then code", function() return load("--comment\nreturn 1")() end)
case("load shebang", function() return load("#!/bin/lua\nreturn 1") end)
case("load empty", function() return load("")() end)
case("load semicolons", function() return load(";;return 1;")() end)
case("method call on number literal", function() return load("return 1:foo()") end)
case("string call syntax", function() return load("return type'x'")() end)
case("table call syntax", function() return load("return type{}")() end)
case("ambiguous syntax", function() return load("local a = f\n(g).x = 1") end)
case("runtime error in loaded chunk", function() return pcall(load("local t = nil\nreturn t.x", "=chunk")) end)
case("error in string method", function() return pcall(function() return ("x"):rep() end) end)
case("error calling method on nil field", function() return pcall(function() local s = {} return s.a:upper() end) end)
case("upvalue name in error", function() local up = nil return pcall(function() return up.x end) end)
case("global function name in error", function() return pcall(function() return string.nosuch() end) end)
-- Lua's limits, as the compiler words them (checklimit: "too many ... (limit is N) in main function near 'x'")
local function locals(n, inner) local s = {} for i = 1, n do s[i] = "local v" .. i .. " = " .. i end local body = table.concat(s, "\n") if inner then body = "local x = 1\nlocal function f()\n" .. body .. "\nend" end return body end
case("201 locals in a function", function() return load(locals(201, true)) end)
case("200 locals", function() return (load(locals(200))) ~= nil end)
case("deep nesting in a function", function() return load("local x\nfunction f()\n return " .. string.rep("(", 300) .. "1" .. string.rep(")", 300) .. " end") end)
case("deep tables", function() return load("return " .. string.rep("{", 300) .. string.rep("}", 300)) end)
case("deep if", function() return load(string.rep("if x then ", 300) .. string.rep("end ", 300)) end)
case("257 upvalues message", function()
  local s = {}
  for i = 1, 256 do s[#s + 1] = "local v" .. i end
  s[#s + 1] = "return function() return "
  for i = 1, 256 do s[#s + 1] = (i > 1 and "+ " or "") .. "v" .. i end
  s[#s + 1] = " end"
  return load(table.concat(s, "\n"))
end)
case("150 locals, then a function of 60", function()
  local s = {}
  for i = 1, 150 do s[#s + 1] = "local a" .. i .. " = " .. i end
  s[#s + 1] = "local function f()"
  for i = 1, 60 do s[#s + 1] = "local b" .. i .. " = " .. i end
  s[#s + 1] = "return b60 + a150 end return f()"
  local f, e = load(table.concat(s, "\n"))
  return f and f() or e
end)
case("256 upvalues", function()
  local s = {}
  for i = 1, 150 do s[#s + 1] = "local a" .. i .. " = " .. i end
  s[#s + 1] = "local function g()"
  for i = 1, 150 do s[#s + 1] = "local b" .. i .. " = " .. i end
  s[#s + 1] = "return function() return 0"
  for i = 1, 150 do s[#s + 1] = "+ a" .. i .. " + b" .. i end
  s[#s + 1] = " end end return g()()"
  local f, e = load(table.concat(s, "\n"))
  return f and f() or e
end)
case("255 upvalues", function()
  local s = {}
  for i = 1, 150 do s[#s + 1] = "local a" .. i .. " = 1" end
  s[#s + 1] = "local function g()"
  for i = 1, 105 do s[#s + 1] = "local b" .. i .. " = 1" end
  s[#s + 1] = "return function() return 0"
  for i = 1, 150 do s[#s + 1] = "+ a" .. i end
  for i = 1, 105 do s[#s + 1] = "+ b" .. i end
  s[#s + 1] = " end end return g()()"
  local f, e = load(table.concat(s, "\n"))
  return f and f() or e
end)

-- loadfile and dofile without a name (Lua 5.2 reads stdin, which a server script does not have), with a mode, of a
-- folder
case("loadfile without a name", function() return loadfile() end)
case("loadfile of nil", function() return loadfile(nil, "t") end)
case("dofile without a name", function() return pcall(dofile) end)
case("loadfile in mode t", function() return type(loadfile("support/values.lua", "t")) end)
case("loadfile in mode b", function() return loadfile("support/values.lua", "b") end)
case("loadfile in a bad mode", function() return loadfile("support/values.lua", "x") end)
case("loadfile missing in mode b", function() return loadfile("support/missing.lua", "b") end)
case("loadfile of a folder", function() return loadfile("support") end)
case("dofile of a folder", function() return pcall(dofile, "support") end)
case("a chunk named after a long run of bytes from 128 to 191 keeps its start", function()
  local _, e = load("x = 1" .. string.rep("\160", 300)) return (string.find(e, '[string "x = 1', 1, true)) == 1
end)
case("a syntax error near a four-byte UTF-8 character", function() return load("x = 1 '\240\159\152\128'", "=c") end)
case("a chunk named after UTF-8 text longer than a name is cut in bytes", function()
  local _, e = load(string.rep("\195\169", 30) .. " +") local name = e:match('^%[string "(.-)%.%.%."%]')
  return name ~= nil and #name > 41 and #name <= 45
end)
case("a chunk named after text with a zero byte", function() local _, e = load("x = \0 +") return (e:match('^%[string "(.-)"%]')) end)
case("a chunk name that is not UTF-8 keeps its bytes", function() local _, e = load("x = +", "=\255abc") return (string.find(e, "abc:1:", 1, true)) ~= nil end)
case("a chunk name of UTF-8 text longer than a name is cut in bytes", function()
  local _, e = load("x = +", "=" .. string.rep("\195\169", 40)) local name = e:match("^(.-):1:") return #name > 55 and #name <= 59
end)
-- a file is named in messages as the script named it (Lua's "@" .. name), not as the folder holds it
case("dofile ./ runtime error", function() return dofile("./support/fails.lua") end)
case("dofile // runtime error", function() return dofile("support//fails.lua") end)
case("dofile ./ syntax error", function() return dofile("./support/./broken.lua") end)
case("loadfile ./ syntax error", function() return loadfile("./support/broken.lua") end)
case("dofile ./ missing", function() return dofile("./support/missing.lua") end)
case("dofile of a name over 60 bytes", function() return dofile("./support/./././././././././././././././././././././././fails.lua") end)
case("error level 2 in a file loaded as ./", function() return dofile("./support/levels.lua").caller() end)
case("assert in a file loaded as ./", function() return dofile("./support/levels.lua").asserts() end)
case("error level 2 in a file, caught by xpcall", function() return xpcall(dofile("./support/levels.lua").caller, function(e) return "handled: " .. e end) end)
case("traceback in a file loaded as ./", function() return (string.match(dofile("./support/levels.lua").traceback(), "\n\t([^\n]*)")) end)
case("traceback in a file loaded by its name", function() return (string.match(dofile("support/levels.lua").traceback(), "\n\t([^\n]*)")) end)
-- require's whole messages, with package.path the engine's and no C modules (whose searchers the engine has none of)
local function requireWithPath(module)
  local path, cpath = package.path, package.cpath
  package.path, package.cpath = "./?.lua", ""
  local ok, e = pcall(require, module)
  package.path, package.cpath = path, cpath
  return ok, e
end
case("require missing, the whole message", requireWithPath, "support.missing")
case("require syntax error, the whole message", requireWithPath, "support.broken")
case("require error level 2 in a module", function() return require("support.levels").caller() end)
-- package.path as the script sets it: its templates in order, the first that names a file winning
local function requireThrough(path, module)
  local saved, cpath = package.path, package.cpath
  package.path, package.cpath = path, ""
  local ok, m = pcall(require, module)
  package.path, package.cpath = saved, cpath
  if ok and type(m) == "table" then return ok, m.name, m.file end
  return ok, m
end
case("require through a path the script set", requireThrough, "./support/?.lua", "module")
case("require through a path's second template", requireThrough, "./nowhere/?.lua;./support/?.lua", "values")
case("require through a path with empty templates", requireThrough, ";;./support/?.lua;;", "noreturn")
case("require through a path of two marks", requireThrough, "./support/?/?.lua;./?.lua", "support.broken")
case("require through a path, not found, every name tried", requireThrough, "./nowhere/?.lua;./else/?.x", "a.b")
case("require through a path outside the folder", requireThrough, "../?.lua;/usr/share/lua/5.2/?.lua", "nothere")
case("require with package.path a number", requireThrough, 42, "anything")
case("require with package.path not a string", requireThrough, {}, "anything")
-- dofile and require run a file from a frame of their own, a level of the stack: error levels and tracebacks count it
local function raisedAt(level, load)
  RAISE_LEVEL = level
  local ok, e = pcall(function() load() end)
  return ok, e
end
case("error level 1 in a file's main chunk", raisedAt, 1, function() dofile("./support/raise.lua") end)
case("error level 2 in a file's main chunk names dofile", raisedAt, 2, function() dofile("./support/raise.lua") end)
case("error level 3 in a file's main chunk names dofile's caller", raisedAt, 3, function() dofile("./support/raise.lua") end)
case("error level 2 in a file's main chunk names require", raisedAt, 2, function() require("support.raise") end)
case("error level 3 in a file's main chunk names require's caller", raisedAt, 3, function() require("support.raise") end)
case("error level 2 in a file's main chunk called from loadfile's function", raisedAt, 2, function() loadfile("./support/raise.lua")() end)
case("error level 2 in a preload function names require", function() package.preload["raising"] = function() error("preload raised", 2) end return pcall(function() require("raising") end) end)
case("traceback of a file's main chunk under dofile", function() return (string.match(dofile("./support/traceback.lua"), "\n\t([^\n]*\n\t[^\n]*)")) end)
case("traceback of a file's main chunk under require", function() return (string.match(require("support.traceback"), "\n\t([^\n]*\n\t[^\n]*)")) end)
-- blocks that do not add up: the text compiles as written, so the error is the first one Lua 5.2 finds
case("load of a bare \\x before an unmatched end", function() return load("x = 'C:\\x'\nend", "=c") end)
