package org.jameslua.engine.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code RunScript [--folder DIR] [--safety] SCRIPT [FUNCTION [ARG ...]]}: runs a VPOP3 Lua script from the
 * command line. See {@link RunScriptCommand}; {@code bin/james-lua-run} wraps the executable jar.
 */
public final class RunScript {
    private RunScript() {}

    public static void main(String[] args) {
        System.exit(new RunScriptCommand(System.out, Path.of("").toAbsolutePath()).run(List.of(args)));
    }
}
