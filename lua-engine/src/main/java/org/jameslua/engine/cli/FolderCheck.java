package org.jameslua.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jameslua.engine.Callbacks;
import org.jameslua.engine.Limits;
import org.jameslua.engine.OutGlobals;
import org.jameslua.engine.ServerLimits;
import org.jameslua.engine.compat.Lua50Rewriter;
import org.jameslua.engine.folder.CompiledMemory;
import org.jameslua.engine.folder.CompiledScripts;
import org.jameslua.engine.folder.ErrorLog;
import org.jameslua.engine.folder.ScriptFolder;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * {@code james-lua-run --check DIR}: compiles every script of a scripts folder and of its users' folders, as the
 * engine would (Lua 5.0 scripts rewritten first), without running any, and prints one line per finding:
 * compile errors as {@code file:line: message}, and {@code file:line: warning: ...} for what VPOP3 would never
 * see: a global function named like one of the script's {@link Callbacks} that the script does not define
 * (differing only in case, or, for names of six letters or more, by one letter), and a literal of the wrong type
 * assigned to one of the script's {@link OutGlobals}, a literal gsub replacement Lua 5.2 refuses where Lua 5.0 did
 * not ({@link GsubReplacements}), and files whose names differ only in case (one script to the pack). Writes nothing
 * in the folder. An editor's definitions file (first line {@code ---@meta}, such as the pack's
 * {@code library/james-lua.d.lua} for lua-language-server) is no script: it declares, and nothing runs it.
 */
final class FolderCheck {
    /** Shorter callbacks (End, Start, Check) are compared by case only: one letter off, they are common words. */
    private static final int ONE_LETTER_MIN_LENGTH = 6;

    private static final byte[] META = "---@meta".getBytes(StandardCharsets.US_ASCII);

    private final PrintStream out;

    FolderCheck(PrintStream out) {
        this.out = out;
    }

    /** @return whether every script compiled and nothing was warned about */
    boolean check(Path directory) throws IOException {
        ScriptFolder folder = new ScriptFolder(directory);
        CompiledScripts compiler = new CompiledScripts(
                folder,
                new ErrorLog(folder, Clock.systemUTC(), ServerLimits.defaults().logFileBytes(), out::println),
                new Lua50Rewriter(),
                Limits.defaults().wallTime(),
                // the check compiles each file once, keeping none
                new CompiledMemory((compiled, stopAbove) -> 0, Long.MAX_VALUE));
        List<String> scripts = scripts(folder.root());
        int errors = 0;
        int warnings = 0;
        for (String script : scripts) {
            Prototype chunk;
            try {
                chunk = compiler.compileFile(Files.readAllBytes(folder.root().resolve(script)), script);
            } catch (LuaError | IOException e) {
                out.println(e instanceof LuaError ? e.getMessage() : script + ": cannot read: " + e.getMessage());
                errors++;
                continue;
            }
            List<String> findings = findings(script, GlobalAssignments.of(chunk));
            findings.addAll(replacementFindings(script, GsubReplacements.of(chunk)));
            findings.forEach(out::println);
            warnings += findings.size();
        }
        List<String> sameScript = sameScript(scripts);
        sameScript.forEach(out::println);
        warnings += sameScript.size();
        out.println(counted(scripts.size(), "script") + " checked in " + folder.root() + ": " + counted(errors, "error")
                + ", " + counted(warnings, "warning"));
        return errors == 0 && warnings == 0;
    }

    private static String counted(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /**
     * The .lua files of the folder and of the folders in it (users' own scripts), editors' definitions files left
     * out, relative, sorted.
     */
    private static List<String> scripts(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root, 2)) {
            return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                    .filter(file -> file.getFileName()
                            .toString()
                            .toLowerCase(Locale.ROOT)
                            .endsWith(".lua"))
                    .filter(file -> !isDefinitions(file))
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Whether the file starts with lua-language-server's {@code ---@meta}, which marks a definitions file. */
    private static boolean isDefinitions(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            if (!Arrays.equals(in.readNBytes(META.length), META)) {
                return false;
            }
            int next = in.read();
            return next == -1 || next <= ' '; // ---@meta alone, or ---@meta name; not ---@metadata
        } catch (IOException e) {
            return false; // checked as a script, where the failure to read it is reported
        }
    }

    /**
     * Files that are one script to the pack, which finds scripts in any letter case (as VPOP3 on Windows did): a
     * smtpsvr.lua brought from there beside a sample SMTPSVR.LUA. Only one of them runs.
     */
    private static List<String> sameScript(List<String> scripts) {
        Map<String, List<String>> byName = scripts.stream()
                .collect(Collectors.groupingBy(
                        script -> script.toLowerCase(Locale.ROOT), LinkedHashMap::new, Collectors.toList()));
        return byName.values().stream()
                .filter(files -> files.size() > 1)
                .map(files -> files.get(0) + ": warning: " + String.join(" and ", files)
                        + " are one script (names are matched in any case): the pack runs only one of them, keep one")
                .collect(Collectors.toList());
    }

    private static List<String> findings(String script, List<GlobalAssignments.Assignment> assignments) {
        List<String> callbacks = Callbacks.of(script);
        Map<String, String> outGlobals = OutGlobals.of(script);
        Set<String> functions = new HashSet<>();
        assignments.stream()
                .filter(GlobalAssignments.Assignment::isFunction)
                .forEach(assignment -> functions.add(assignment.name()));
        List<String> findings = new ArrayList<>();
        for (GlobalAssignments.Assignment assignment : assignments) {
            String where = script + ":" + assignment.line() + ": warning: ";
            if (assignment.isFunction() && !callbacks.contains(assignment.name())) {
                misspelt(assignment.name(), callbacks, functions)
                        .ifPresent(callback -> findings.add(where
                                + "function " + assignment.name() + " is never called: VPOP3 calls " + callback
                                + ", which "
                                + script + " does not define"));
            }
            String expected = outGlobals.get(assignment.name());
            Optional<String> actual = assignment.isFunction()
                    ? Optional.of("function")
                    : assignment.literal().map(value -> value.typename());
            if (expected != null && actual.isPresent() && !fits(actual.get(), expected)) {
                findings.add(
                        where + assignment.name() + " is set to a " + actual.get() + ", but VPOP3 reads a " + expected);
            }
        }
        return findings;
    }

    private static List<String> replacementFindings(String script, List<GsubReplacements.BadReplacement> found) {
        List<String> findings = new ArrayList<>();
        for (GsubReplacements.BadReplacement bad : found) {
            String how = bad.escaped() == '\0'
                    ? "a % ends it: write %% for a %"
                    : "Lua 5.0 and 5.1 read %" + bad.escaped() + " as " + bad.escaped() + ": write " + bad.escaped()
                            + " alone, or %% for a %";
            findings.add(script + ":" + bad.line() + ": warning: the gsub replacement "
                    + LuaValueText.literal(LuaValue.valueOf(bad.replacement()))
                    + " fails in Lua 5.2 (invalid use of '%' in replacement string): " + how);
        }
        return findings;
    }

    private static boolean fits(String actual, String expected) {
        // Lua reads a number where a string is wanted, and nil leaves an out-global unset
        return actual.equals(expected)
                || actual.equals("nil")
                || (expected.equals("string") && actual.equals("number"));
    }

    /** The callback a function's name looks like a slip for, when the script does not define that callback. */
    private static Optional<String> misspelt(String name, List<String> callbacks, Set<String> defined) {
        String lower = name.toLowerCase(Locale.ROOT);
        return callbacks.stream()
                .filter(callback -> !defined.contains(callback))
                .filter(callback -> callback.equalsIgnoreCase(name)
                        || (callback.length() >= ONE_LETTER_MIN_LENGTH
                                && oneEditApart(lower, callback.toLowerCase(Locale.ROOT))))
                .findFirst();
    }

    /** Whether one letter changed, added or taken away turns {@code a} into {@code b}. */
    static boolean oneEditApart(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = a.length() <= b.length() ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        if (i == shorter.length()) {
            return true;
        }
        int rest = shorter.length() == longer.length() ? i + 1 : i;
        return shorter.substring(rest).equals(longer.substring(i + 1));
    }
}
