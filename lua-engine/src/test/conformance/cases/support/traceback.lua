-- a file for the load cases: the traceback of its main chunk
return debug.traceback("here", 1)
