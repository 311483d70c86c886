package org.jameslua.engine.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of {@link RunScript}:
 * {@code [--folder DIR] [--safety [--user NAME]] [--string] SCRIPT [FUNCTION [ARG ...]]}, or {@code --check DIR}.
 * Options come before SCRIPT; after it, one of the options is refused, anything else (even {@code -1} or
 * {@code -x}) is FUNCTION or an argument.
 *
 * @param help      {@code --help} was asked for; nothing else is read then
 * @param check     the folder to check with {@link FolderCheck} instead of running a script
 * @param folder    the scripts folder as given, relative to the working directory (default: it)
 * @param safety    run the script in safety mode, as a user's own script
 * @param user      whose own script it is: in safety mode it reaches only that user's settings and folder
 * @param script    the script's file name in the folder
 * @param function  the function to call after the main chunk, if any
 * @param strings   pass the arguments as Lua strings, not read as Lua literals
 * @param arguments the function's arguments
 */
final class RunArguments {
    private final boolean help;
    private final Optional<Path> check;
    private final Path folder;
    private final boolean safety;
    private final Optional<String> user;
    private final String script;
    private final Optional<String> function;
    private final boolean strings;
    private final List<String> arguments;

    RunArguments(
            boolean help,
            Optional<Path> check,
            Path folder,
            boolean safety,
            Optional<String> user,
            String script,
            Optional<String> function,
            boolean strings,
            List<String> arguments) {
        this.help = help;
        this.check = check;
        this.folder = folder;
        this.safety = safety;
        this.user = user;
        this.script = script;
        this.function = function;
        this.strings = strings;
        this.arguments = arguments;
    }

    static final String USAGE = "Usage: james-lua-run [--folder DIR] [--safety [--user NAME]] [--string] SCRIPT"
            + " [FUNCTION [ARG ...]]\n"
            + "       james-lua-run --check DIR\n"
            + "\n"
            + "Runs SCRIPT's main chunk, then calls FUNCTION with the ARGs, and prints what it returned\n"
            + "(one value per line, tables as constructors), where print output went and any errors logged.\n"
            + "Each ARG is read as a Lua literal: a number, true, false, nil, a quoted string or a table\n"
            + "constructor such as '{\"a@x\", n = 2}' (nothing in it is run); anything else is a string.\n"
            + "\n"
            + "  --folder DIR  the scripts folder, holding SCRIPT, LUA.OUT and LUAERRORS.LOG\n"
            + "                (default: the current directory)\n"
            + "  --safety      run SCRIPT in safety mode, as a user's own script\n"
            + "  --user NAME   with --safety: the user whose script it is; it reaches only that user's\n"
            + "                settings and the .lua files of NAME/ in the folder (without --user, user\n"
            + "                settings and dofile, loadfile, require are refused)\n"
            + "  --string      pass every ARG as a Lua string, as written\n"
            + "  --help        show this text\n"
            + "Options come before SCRIPT: one written after it is refused (quote it, '\"--string\"', to pass\n"
            + "it as an ARG).\n"
            + "\n"
            + "--check DIR compiles every script of the scripts folder DIR and of its users' folders, runs\n"
            + "none, and prints compile errors (file:line: message) and warnings: a function named like a\n"
            + "callback VPOP3 calls in that script but spelt otherwise (DoHelo), an out-variable set to a\n"
            + "value of the wrong type (ValidClientAddress = \"yes\"), a gsub replacement Lua 5.2 refuses\n"
            + "where Lua 5.0 did not (\"%*\"), two files that are one script (SMTPSVR.LUA and smtpsvr.lua).\n"
            + "\n"
            + "Exit status: 0 success, 1 the script failed (or is missing) or the check found something,\n"
            + "2 usage error.\n";

    /**
     * Read anywhere after SCRIPT, an option would silently be the FUNCTION or an ARG ({@code S.LUA Go --string 1}
     * passing "--string" and the number 1): it is refused instead.
     */
    private static final Set<String> OPTIONS =
            Set.of("--help", "-h", "--safety", "--check", "--string", "--folder", "--user", "--");

    /** A command line that cannot be read; its message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static RunArguments parse(List<String> args) throws UsageException {
        Path folder = Path.of("");
        boolean safety = false;
        boolean strings = false;
        Optional<String> user = Optional.empty();
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String option = args.get(i++);
            switch (option) {
                case "--help":
                case "-h":
                    return new RunArguments(
                            true, Optional.empty(), folder, safety, user, "", Optional.empty(), strings, List.of());
                case "--safety":
                    safety = true;
                    break;
                case "--check":
                    if (i != 1 || args.size() != 2) {
                        throw new UsageException("--check takes one directory and no other arguments");
                    }
                    return new RunArguments(
                            false,
                            Optional.of(Path.of(args.get(1))),
                            folder,
                            false,
                            user,
                            "",
                            Optional.empty(),
                            false,
                            List.of());
                case "--string":
                    strings = true;
                    break;
                case "--folder":
                    if (i == args.size()) {
                        throw new UsageException("--folder needs a directory");
                    }
                    folder = Path.of(args.get(i++));
                    break;
                case "--user":
                    if (i == args.size() || args.get(i).isBlank()) {
                        throw new UsageException("--user needs a user name");
                    }
                    user = Optional.of(args.get(i++));
                    break;
                case "--":
                    return positional(folder, safety, user, strings, args.subList(i, args.size()));
                default:
                    throw new UsageException("unknown option: " + option);
            }
        }
        return positional(folder, safety, user, strings, args.subList(i, args.size()));
    }

    private static RunArguments positional(
            Path folder, boolean safety, Optional<String> user, boolean strings, List<String> rest)
            throws UsageException {
        if (user.isPresent() && !safety) {
            throw new UsageException("--user is for --safety: a user's own script runs in safety mode");
        }
        if (rest.isEmpty() || rest.get(0).isEmpty()) {
            throw new UsageException("no SCRIPT given");
        }
        for (String word : rest) {
            if (OPTIONS.contains(word)) {
                throw new UsageException(word + " must come before SCRIPT; to pass it as an argument, quote it as"
                        + " a Lua string: '\"" + word + "\"'");
            }
        }
        Optional<String> function = rest.size() > 1 ? Optional.of(rest.get(1)) : Optional.empty();
        List<String> arguments = rest.size() > 2 ? List.copyOf(rest.subList(2, rest.size())) : List.of();
        return new RunArguments(
                false, Optional.empty(), folder, safety, user, rest.get(0), function, strings, arguments);
    }

    public boolean help() {
        return help;
    }

    public Optional<Path> check() {
        return check;
    }

    public Path folder() {
        return folder;
    }

    public boolean safety() {
        return safety;
    }

    public Optional<String> user() {
        return user;
    }

    public String script() {
        return script;
    }

    public Optional<String> function() {
        return function;
    }

    public boolean strings() {
        return strings;
    }

    public List<String> arguments() {
        return arguments;
    }
}
