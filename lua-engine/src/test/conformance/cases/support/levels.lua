-- a module for the load cases: errors raised at its lines and at its callers'
local M = {}
function M.check(x) if not x then error("bad x", 2) end end
function M.caller() M.check(false) end
function M.traceback() return debug.traceback("T", 1) end
function M.asserts() assert(false, "asserted") end
return M
