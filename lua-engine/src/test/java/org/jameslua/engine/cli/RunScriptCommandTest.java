package org.jameslua.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jameslua.engine.ScriptFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RunScriptCommandTest {
    @TempDir
    Path workingDirectory;

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @Test
    void callsTheFunctionWithArgumentsReadAsLuaLiteralsAndPrintsWhatItReturns() {
        scripts.write(
                "TOOL.LUA",
                "function Greet(name, times)\n"
                        + "  print('greeting ' .. name)\n"
                        + "  return 'hello ' .. name, tonumber(times) * 2, {1, 'two', Name = 'x', ['a b'] = {ok = true}},\n"
                        + "    type(times)\n"
                        + "end\n");

        int status = run("--folder", scripts.folder().toString(), "TOOL.LUA", "Greet", "world", "21");

        assertThat(status).isEqualTo(RunScriptCommand.OK);
        assertThat(lines())
                .containsExactly(
                        "hello world",
                        "42",
                        "{1, \"two\", Name = \"x\", [\"a b\"] = {ok = true}}",
                        "number",
                        "print output: " + scripts.folder().resolve("LUA.OUT").toAbsolutePath());
        assertThat(scripts.luaOut()).containsExactly("greeting world");
    }

    @Test
    void theSamplePasswordCheckTakesTheMinimumLengthAsANumber() throws Exception {
        Files.copy(samples().resolve("PASSWORDCHECK.LUA"), scripts.folder().resolve("PASSWORDCHECK.LUA"));

        int status = run("--folder", scripts.folder().toString(), "PASSWORDCHECK.LUA", "Check", "bob", "Abcdef12", "6");

        assertThat(status).isEqualTo(RunScriptCommand.OK);
        assertThat(lines()).first().isEqualTo("true");

        stdout.reset();
        assertThat(run("--folder", scripts.folder().toString(), "PASSWORDCHECK.LUA", "Check", "bob", "Abc1", "6"))
                .isEqualTo(RunScriptCommand.OK);
        assertThat(lines()).first().isEqualTo("false");
    }

    @Test
    void argumentsAreBooleansNilNumbersStringsAndTables() {
        scripts.write(
                "TOOL.LUA",
                "function Types(...)\n"
                        + "  local types = {}\n"
                        + "  for i = 1, select('#', ...) do types[i] = type((select(i, ...))) end\n"
                        + "  return table.concat(types, ' ')\n"
                        + "end\n"
                        + "function First(list) return list[1], #list end\n"
                        + "function Truth(flag) if flag then return 'yes' end return 'no' end\n");
        String folder = scripts.folder().toString();

        assertThat(run("--folder", folder, "TOOL.LUA", "Types", "false", "true", "nil", "6", "'6'", "bob", "{}"))
                .isEqualTo(RunScriptCommand.OK);
        assertThat(lines()).first().isEqualTo("boolean boolean nil number string string table");

        stdout.reset();
        assertThat(run("--folder", folder, "TOOL.LUA", "First", "{\"a@x\", \"b@y\"}"))
                .isEqualTo(RunScriptCommand.OK);
        assertThat(lines()).startsWith("a@x", "2");

        stdout.reset();
        assertThat(run("--folder", folder, "TOOL.LUA", "Truth", "false")).isEqualTo(RunScriptCommand.OK);
        assertThat(lines()).first().isEqualTo("no");
    }

    @Test
    void withStringEveryArgumentIsAStringAsWritten() {
        scripts.write("TOOL.LUA", "function Echo(...) return type((...)), ... end");

        int status = run("--folder", scripts.folder().toString(), "--string", "TOOL.LUA", "Echo", "false", "6", "{1}");

        assertThat(status).isEqualTo(RunScriptCommand.OK);
        assertThat(lines()).startsWith("string", "false", "6", "{1}");
    }

    @Test
    void codeInAnArgumentIsNotRun() {
        scripts.write("TOOL.LUA", "function Echo(...) return ... end");

        int status = run("--folder", scripts.folder().toString(), "TOOL.LUA", "Echo", "{print('ran')}", "{os.exit()}");

        assertThat(status).isEqualTo(RunScriptCommand.OK);
        assertThat(lines()).startsWith("{print('ran')}", "{os.exit()}");
        assertThat(scripts.luaOut()).isEmpty();
    }

    /** The shipped sample scripts; tests run from the module's directory. */
    static Path samples() {
        return Path.of("").toAbsolutePath().resolveSibling("conf-samples").resolve("scripts");
    }

    @Test
    void runsTheMainChunkAloneFromTheCurrentDirectory() {
        ScriptFixture here = new ScriptFixture(workingDirectory);
        here.write("hello.lua", "print('main chunk ran')");

        int status = run("HELLO.LUA");

        assertThat(status).isEqualTo(RunScriptCommand.OK);
        assertThat(lines())
                .containsExactly(
                        "print output: " + workingDirectory.resolve("LUA.OUT").toAbsolutePath());
        assertThat(here.luaOut()).containsExactly("main chunk ran");
    }

    @Test
    void aMissingFunctionFailsTheRun() {
        scripts.write("TOOL.LUA", "function Greet() return 'hi' end");

        int status = run("--folder", scripts.folder().toString(), "TOOL.LUA", "Nope");

        assertThat(status).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(lines()).first().isEqualTo("TOOL.LUA does not define a function named Nope");
    }

    @Test
    void aMissingScriptFailsTheRun() {
        int status = run("--folder", scripts.folder().toString(), "NOPE.LUA");

        assertThat(status).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(lines())
                .containsExactly("no script NOPE.LUA in " + scripts.folder().toAbsolutePath());
    }

    @Test
    void aFailingScriptShowsTheErrorsItLogged() {
        scripts.write("TOOL.LUA", "function Boom()\n  error('it broke')\nend");

        int status = run("--folder", scripts.folder().toString(), "TOOL.LUA", "Boom");

        assertThat(status).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        Path log = scripts.folder().resolve("LUAERRORS.LOG").toAbsolutePath();
        assertThat(lines())
                .containsExactly(
                        "print output: " + scripts.folder().resolve("LUA.OUT").toAbsolutePath(),
                        "errors logged to " + log + ":",
                        "  TOOL.LUA Boom line 2 [RUNTIME]: TOOL.LUA:2: it broke");
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith("TOOL.LUA Boom line 2 [RUNTIME]: TOOL.LUA:2: it broke");
    }

    @Test
    void aScriptThatDoesNotCompileIsNotCalled() {
        scripts.write("TOOL.LUA", "function Greet( return end");

        int status = run("--folder", scripts.folder().toString(), "TOOL.LUA", "Greet");

        assertThat(status).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(String.join("\n", lines()))
                .contains("errors logged to", "[COMPILE]")
                .doesNotContain("does not define");
    }

    @Test
    void safetyModeRunsTheScriptAsAUsersOwn() {
        scripts.write("TOOL.LUA", "function List() return os.getdirectory('.') end");

        int status = run("--folder", scripts.folder().toString(), "--safety", "TOOL.LUA", "List");

        assertThat(status).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(String.join("\n", lines())).contains("[SANDBOX]: os.getdirectory is disabled in safety mode");
    }

    @Test
    void safetyModeWithoutAUserRefusesUserSettingsAndFiles() throws Exception {
        Files.createDirectories(scripts.folder().resolve("usersettings"));
        Files.writeString(scripts.folder().resolve("usersettings/bob.properties"), "Password=hunter2\n");
        scripts.write("TOOL.LUA", "function Read() return VPOP3.GetUserSetting('bob', 'Password') end");

        int status = run("--folder", scripts.folder().toString(), "--safety", "TOOL.LUA", "Read");

        assertThat(status).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(String.join("\n", lines()))
                .doesNotContain("hunter2")
                .contains("[SANDBOX]: user settings are refused in safety mode unless the script is a user's own"
                        + " (james-lua-run: --safety --user NAME)");
    }

    @Test
    void safetyModeForAUserReachesThatUsersSettingsAndFolderOnly() throws Exception {
        Files.createDirectories(scripts.folder().resolve("usersettings"));
        Files.writeString(scripts.folder().resolve("usersettings/alice.properties"), "Colour=green\n");
        Files.writeString(scripts.folder().resolve("usersettings/bob.properties"), "Password=hunter2\n");
        scripts.write("alice/helper.lua", "return 'helped'");
        scripts.write("bob/secret.lua", "return 'bob code ran'");
        scripts.write(
                "alice/TOOL.LUA",
                "function Own() return VPOP3.GetUserSetting('alice', 'Colour'), dofile('helper.lua') end\n"
                        + "function Bob() return VPOP3.GetUserSetting('bob', 'Password') end\n"
                        + "function BobsFile() return dofile('../bob/secret.lua') end\n");
        String[] alice = {"--folder", scripts.folder().toString(), "--safety", "--user", "alice", "alice/TOOL.LUA"};

        assertThat(run(with(alice, "Own"))).isEqualTo(RunScriptCommand.OK);
        assertThat(lines()).startsWith("green", "helped");

        stdout.reset();
        assertThat(run(with(alice, "Bob"))).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(String.join("\n", lines()))
                .doesNotContain("hunter2")
                .contains("[SANDBOX]: a user script may read and change only its own user's settings");

        stdout.reset();
        assertThat(run(with(alice, "BobsFile"))).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(String.join("\n", lines()))
                .doesNotContain("bob code ran")
                .contains("[SANDBOX]: cannot load ../bob/secret.lua: only files inside the folder of user alice");
    }

    private static String[] with(String[] args, String function) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = function;
        return all;
    }

    @Test
    void argumentsAfterTheFunctionMayLookLikeOptions() {
        scripts.write("TOOL.LUA", "function Echo(...) return ... end");

        int status = run("--folder", scripts.folder().toString(), "TOOL.LUA", "Echo", "\"--safety\"", "-x", "-1");

        assertThat(status).isEqualTo(RunScriptCommand.OK);
        assertThat(lines()).startsWith("--safety", "-x", "-1");
    }

    @Test
    void anOptionAfterTheScriptIsRefusedNotTakenAsAnArgument() {
        scripts.write("TOOL.LUA", "function Echo(...) return type(...) end");

        int afterFunction = run("--folder", scripts.folder().toString(), "TOOL.LUA", "Echo", "--string", "42");
        List<String> afterFunctionLines = lines();
        stdout.reset();
        int afterScript = run("--folder", scripts.folder().toString(), "TOOL.LUA", "--string", "Echo", "42");

        assertThat(afterFunction).isEqualTo(RunScriptCommand.USAGE_ERROR);
        assertThat(afterFunctionLines)
                .first()
                .isEqualTo("james-lua-run: --string must come before SCRIPT; to pass it as an argument, quote it"
                        + " as a Lua string: '\"--string\"'");
        assertThat(afterScript).isEqualTo(RunScriptCommand.USAGE_ERROR);
        assertThat(lines()).first().asString().startsWith("james-lua-run: --string must come before SCRIPT");
    }

    @Test
    void aCommandLineItCannotReadIsAUsageError() {
        assertThat(run()).isEqualTo(RunScriptCommand.USAGE_ERROR);
        assertThat(lines()).first().isEqualTo("james-lua-run: no SCRIPT given");
        assertThat(lines())
                .contains(
                        "Usage: james-lua-run [--folder DIR] [--safety [--user NAME]] [--string] SCRIPT [FUNCTION [ARG ...]]");

        stdout.reset();
        assertThat(run("--user", "alice", "TOOL.LUA")).isEqualTo(RunScriptCommand.USAGE_ERROR);
        assertThat(lines())
                .first()
                .isEqualTo("james-lua-run: --user is for --safety: a user's own script runs in safety mode");

        stdout.reset();
        assertThat(run("--folder")).isEqualTo(RunScriptCommand.USAGE_ERROR);
        assertThat(lines()).first().isEqualTo("james-lua-run: --folder needs a directory");

        stdout.reset();
        assertThat(run("--verbose", "TOOL.LUA")).isEqualTo(RunScriptCommand.USAGE_ERROR);
        assertThat(lines()).first().isEqualTo("james-lua-run: unknown option: --verbose");
        assertThat(Files.exists(workingDirectory.resolve("LUA.OUT"))).isFalse();
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("--help")).isEqualTo(RunScriptCommand.OK);
        assertThat(lines()).first().asString().startsWith("Usage: james-lua-run");
    }

    /** As on the server, a LUA.OUT that cannot be written does not fail the script: the run says so, once. */
    @Test
    void aLuaOutThatCannotBeWrittenIsSaidOnceAndTheFunctionStillReturns() throws Exception {
        Files.createDirectory(scripts.folder().resolve("LUA.OUT"));
        scripts.write("TOOL.LUA", "function Go() print('one') print('two') return 'done' end");

        int status = run("--folder", scripts.folder().toString(), "TOOL.LUA", "Go");

        assertThat(status).isEqualTo(RunScriptCommand.OK);
        assertThat(lines()).hasSize(3);
        assertThat(lines().get(0))
                .startsWith(scripts.folder().resolve("LUA.OUT").toAbsolutePath() + " cannot be written (");
        assertThat(lines().subList(1, 3))
                .containsExactly(
                        "done",
                        "print output: " + scripts.folder().resolve("LUA.OUT").toAbsolutePath());
    }

    private int run(String... args) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        return new RunScriptCommand(out, workingDirectory).run(List.of(args));
    }

    private List<String> lines() {
        return stdout.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    }
}
