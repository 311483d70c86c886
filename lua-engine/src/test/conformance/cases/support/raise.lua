-- a file for the load cases: its main chunk raises an error at the level the global RAISE_LEVEL says
error("raised at level " .. RAISE_LEVEL, RAISE_LEVEL)
