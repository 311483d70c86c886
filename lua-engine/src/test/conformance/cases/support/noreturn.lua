moduleRan = (moduleRan or 0) + 1
