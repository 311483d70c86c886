#!/usr/bin/lua
-- A 5.0 script starting with a shebang line, run through the 5.0 rewriter.
dofile("harness.lua")
case("5.0 for-in after a shebang", function() local n = 0 for k, v in {1, 2, 3} do n = n + v end return n end) -- 5.0: table
case("line numbers after a shebang", function() error("on line 5") end)
case("implicit arg after a shebang", function() local function f(...) return arg.n end return f(1, 2) end)
