package org.jameslua.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.InstanceOptions;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.ScriptInstance;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Runs a script on demand, as VPOP3 could from its command line: a new instance of the script in its
 * folder (file-backed host settings, default limits), then optionally one function with arguments read as Lua
 * literals ({@link LuaLiteral}) or, with {@code --string}, as strings.
 *
 * <p>Prints the function's return values one per line, then where {@code print} output went, then the errors
 * this run logged to {@code LUAERRORS.LOG} (as logged, without the time stamp) and that file's path. The run
 * failed (status 1) when anything was logged, when the script is missing, or when it does not define the
 * function; a command line that cannot be read is status 2.
 */
public final class RunScriptCommand {
    public static final int OK = 0;
    public static final int SCRIPT_FAILED = 1;
    public static final int USAGE_ERROR = 2;

    private final PrintStream out;
    private final Path workingDirectory;

    /** @param workingDirectory what a relative {@code --folder}, or none, is taken from */
    public RunScriptCommand(PrintStream out, Path workingDirectory) {
        this.out = out;
        this.workingDirectory = workingDirectory;
    }

    public int run(List<String> args) {
        RunArguments arguments;
        try {
            arguments = RunArguments.parse(args);
        } catch (RunArguments.UsageException e) {
            out.println("james-lua-run: " + e.getMessage());
            out.print(RunArguments.USAGE);
            return USAGE_ERROR;
        }
        if (arguments.help()) {
            out.print(RunArguments.USAGE);
            return OK;
        }
        Path folder = workingDirectory
                .resolve(arguments.check().orElse(arguments.folder()))
                .toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(folder)) {
            out.println("no such scripts folder: " + folder);
            return SCRIPT_FAILED;
        }
        if (arguments.check().isPresent()) {
            return check(folder);
        }
        try (LuaEngine engine =
                LuaEngine.builder(folder).fileProblems(out::println).build()) {
            if (engine.folder()
                    .find(arguments.script())
                    .filter(Files::isRegularFile)
                    .isEmpty()) {
                out.println("no script " + arguments.script() + " in " + folder);
                return SCRIPT_FAILED;
            }
            List<ScriptError> errors = new CopyOnWriteArrayList<>();
            engine.errorLog().addListener(errors::add);
            boolean returned = run(engine, arguments, errors);
            out.println("print output: " + engine.luaOut().file().toAbsolutePath());
            if (!errors.isEmpty()) {
                out.println("errors logged to " + engine.errorLog().file().toAbsolutePath() + ":");
                errors.forEach(error -> out.println("  " + error.toLogLine()));
            }
            return returned && errors.isEmpty() ? OK : SCRIPT_FAILED;
        }
    }

    private int check(Path folder) {
        try {
            return new FolderCheck(out).check(folder) ? OK : SCRIPT_FAILED;
        } catch (IOException e) {
            out.println("cannot read " + folder + ": " + e.getMessage());
            return SCRIPT_FAILED;
        }
    }

    /** @return whether the main chunk ran and the function, if one was named, returned */
    private boolean run(LuaEngine engine, RunArguments arguments, List<ScriptError> errors) {
        InstanceOptions options = new InstanceOptions(arguments.safety(), arguments.user(), Optional.empty());
        try (ScriptInstance instance = engine.newInstance(arguments.script(), options)) {
            if (!errors.isEmpty() || arguments.function().isEmpty()) {
                return errors.isEmpty();
            }
            String function = arguments.function().get();
            CallResult result = instance.call(function, values(arguments));
            if (result instanceof CallResult.Returned) {
                CallResult.Returned returned = (CallResult.Returned) result;
                Varargs values = returned.values();
                for (int i = 1; i <= values.narg(); i++) {
                    out.println(LuaValueText.of(values.arg(i)));
                }
                return true;
            }
            if (result instanceof CallResult.NotDefined) {
                out.println(arguments.script() + " does not define a function named " + function);
            }
            return false;
        }
    }

    private static Varargs values(RunArguments arguments) {
        Function<String, LuaValue> reader = arguments.strings() ? LuaValue::valueOf : LuaLiteral::read;
        return LuaValue.varargsOf(arguments.arguments().stream().map(reader).toArray(LuaValue[]::new));
    }
}
