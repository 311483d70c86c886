#!/usr/bin/lua5.2
-- A script starting with a shebang line: skipped, and line numbers are kept.
dofile("harness.lua")
case("line numbers after a shebang", function() error("on line 4") end)
case("load skips no shebang", function() return load("#!x\nreturn 1") end)
case("loadfile skips the shebang", function() return loadfile("support/shebang.lua")() end)
case("dofile skips the shebang", function() return dofile("support/shebang.lua") end)
