package org.jameslua.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jameslua.engine.ScriptFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FolderCheckTest {
    @TempDir
    Path workingDirectory;

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @Test
    void theShippedSampleScriptsCheckClean() {
        int status = run("--check", RunScriptCommandTest.samples().toString());

        assertThat(lines()).singleElement().asString().matches("\\d+ scripts checked in .*: 0 errors, 0 warnings");
        assertThat(status).isEqualTo(RunScriptCommand.OK);
    }

    /**
     * An editor's definitions file (first line ---@meta) declares functions named like callbacks and runs nothing: it
     * is no script. Only that line tells it from one.
     */
    @Test
    void aDefinitionsFileIsNoScript() {
        scripts.write("SMTPSVR.LUA", "function Start() return '' end\n");
        scripts.write("alice/SMTPSVR.LUA", "---@meta\nfunction ProcesMessage() end\n");
        scripts.write("bob/SMTPSVR.LUA", "---@metadata is no marker\nfunction ProcesMessage() end\n");

        int status = run("--check", scripts.folder().toString());

        assertThat(lines())
                .containsExactly(
                        "bob/SMTPSVR.LUA:2: warning: function ProcesMessage is never called: VPOP3 calls ProcessMessage,"
                                + " which bob/SMTPSVR.LUA does not define",
                        "2 scripts checked in " + scripts.folder() + ": 0 errors, 1 warning");
        assertThat(status).isNotEqualTo(RunScriptCommand.OK);
    }

    @Test
    void goodScriptsOfBothDialectsCheckClean() {
        scripts.write(
                "SMTPSVR.LUA",
                "function DoHELO(host, refuse, ehlo) return refuse, '' end\n"
                        + "function Helper() return 1 end\n"
                        + "function ProcessMessage() ValidClientAddress = false; AllowedUsers = 'a b' end\n");
        scripts.write(
                "USER_REDIRECT.LUA",
                "function MainDoRouting(user)\n"
                        + "  local n = table.getn(arg or {})\n"
                        + "  for i, v in {} do end\n"
                        + "  Forwards = ''; BigRedirect = {}; UseForwards = nil\n"
                        + "end\n");
        scripts.write("alice/USER_REDIRECT.LUA", "function MainDoRouting(user) ShouldForward = true end");

        int status = run("--check", scripts.folder().toString());

        assertThat(lines())
                .containsExactly(
                        "3 scripts checked in " + scripts.folder().toAbsolutePath() + ": 0 errors, 0 warnings");
        assertThat(status).isEqualTo(RunScriptCommand.OK);
    }

    /**
     * Scripts are found in any letter case, as on VPOP3's Windows: a smtpsvr.lua brought from there beside a sample
     * SMTPSVR.LUA is the same script, and the pack runs only one of them.
     */
    @Test
    void warnsOfTwoFilesThatAreOneScript() {
        scripts.write("SMTPSVR.LUA", "function DoHELP(text) return '' end");
        scripts.write("smtpsvr.lua", "function DoHELP(text) return '214 mine' end");
        scripts.write("alice/USER_REDIRECT.LUA", "function MainDoRouting(user) end");
        scripts.write("alice/User_Redirect.lua", "function MainDoRouting(user) end");

        int status = run("--check", scripts.folder().toString());

        assertThat(lines())
                .containsExactly(
                        "SMTPSVR.LUA: warning: SMTPSVR.LUA and smtpsvr.lua are one script (names are matched in any"
                                + " case): the pack runs only one of them, keep one",
                        "alice/USER_REDIRECT.LUA: warning: alice/USER_REDIRECT.LUA and alice/User_Redirect.lua are one"
                                + " script (names are matched in any case): the pack runs only one of them, keep one",
                        "4 scripts checked in " + scripts.folder().toAbsolutePath() + ": 0 errors, 2 warnings");
        assertThat(status).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
    }

    @Test
    void reportsCompileErrorsAsFileLineMessage() {
        scripts.write("ERRORS.LUA", "function ProcessError()\n  if x then\nend\n");
        scripts.write("bob/USER_REDIRECT.LUA", "function MainDoRouting(user)\n  return = 1\nend\n");

        int status = run("--check", scripts.folder().toString());

        assertThat(status).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(lines()).hasSize(3);
        assertThat(lines().get(0)).startsWith("ERRORS.LUA:4: ");
        assertThat(lines().get(1)).startsWith("bob/USER_REDIRECT.LUA:2: ");
        assertThat(lines().get(2)).endsWith(": 2 errors, 0 warnings");
    }

    @Test
    void warnsAboutCallbacksSpeltOtherwise() {
        scripts.write(
                "SMTPSVR.LUA",
                "function DoHelo(host) return false, '' end\n"
                        + "function Processmessage() end\n"
                        + "function DoMAILFRM() end\n"
                        + "function Send() end\n"
                        + "function DoQUIT() end\n"
                        + "function DoQuit2() end\n");
        scripts.write("alice/user_redirect.lua", "\n\nfunction MainDoRoutng(user) end");
        scripts.write("PASSWORDCHECK.LUA", "function check(user, password) return true end");

        int status = run("--check", scripts.folder().toString());

        assertThat(status).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(lines())
                .containsExactly(
                        "PASSWORDCHECK.LUA:1: warning: function check is never called: VPOP3 calls Check, which"
                                + " PASSWORDCHECK.LUA does not define",
                        "SMTPSVR.LUA:1: warning: function DoHelo is never called: VPOP3 calls DoHELO, which SMTPSVR.LUA"
                                + " does not define",
                        "SMTPSVR.LUA:2: warning: function Processmessage is never called: VPOP3 calls ProcessMessage, which"
                                + " SMTPSVR.LUA does not define",
                        "SMTPSVR.LUA:3: warning: function DoMAILFRM is never called: VPOP3 calls DoMAILFROM, which"
                                + " SMTPSVR.LUA does not define",
                        "alice/user_redirect.lua:3: warning: function MainDoRoutng is never called: VPOP3 calls"
                                + " MainDoRouting, which alice/user_redirect.lua does not define",
                        "3 scripts checked in " + scripts.folder().toAbsolutePath() + ": 0 errors, 5 warnings");
    }

    @Test
    void checksALua50ScriptAsItRuns() {
        scripts.write(
                "SMTPSVR.LUA",
                "local n = table.getn({})\n"
                        + "function DoHelo(host)\n"
                        + "  for i, v in {1} do end\n"
                        + "  local s = [[a [[nested]] b]]\n"
                        + "  return false, ''\n"
                        + "end\n");

        int status = run("--check", scripts.folder().toString());

        assertThat(status).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(lines())
                .containsExactly(
                        "SMTPSVR.LUA:2: warning: function DoHelo is never called: VPOP3 calls DoHELO, which SMTPSVR.LUA"
                                + " does not define",
                        "1 script checked in " + scripts.folder().toAbsolutePath() + ": 0 errors, 1 warning");
    }

    @Test
    void warnsAboutOutVariablesSetToLiteralsOfTheWrongType() {
        scripts.write(
                "SMTPSVR.LUA",
                "ValidClientAddress = \"yes\"\n"
                        + "function DoHELO(host)\n"
                        + "  AllowedUsers = {}\n"
                        + "  LocalClientAddress = 1\n"
                        + "  AuthenticationRequired = host == 'x'\n"
                        + "  ValidClientAddress = host and true or 'no'\n"
                        + "end\n");
        scripts.write("USER_REDIRECT.LUA", "function MainDoRouting() BigRedirect = 'x'; UseForwards = 'false' end");

        int status = run("--check", scripts.folder().toString());

        assertThat(status).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(lines())
                .containsExactly(
                        "SMTPSVR.LUA:1: warning: ValidClientAddress is set to a string, but VPOP3 reads a boolean",
                        "SMTPSVR.LUA:3: warning: AllowedUsers is set to a table, but VPOP3 reads a string",
                        "SMTPSVR.LUA:4: warning: LocalClientAddress is set to a number, but VPOP3 reads a boolean",
                        "USER_REDIRECT.LUA:1: warning: BigRedirect is set to a string, but VPOP3 reads a table",
                        "USER_REDIRECT.LUA:1: warning: UseForwards is set to a string, but VPOP3 reads a boolean",
                        "2 scripts checked in " + scripts.folder().toAbsolutePath() + ": 0 errors, 5 warnings");
    }

    /**
     * Lua 5.0 and 5.1 wrote the character after a '%' in a gsub replacement ("%*" gave "*"); Lua 5.2, whose gsub
     * the pack runs, fails there, and only when the line runs, so a VPOP3 2.x script moved as it is looks fine
     * until then. A literal replacement shows the slip before deploying.
     */
    @Test
    void warnsAboutGsubReplacementsLua52Refuses() {
        scripts.write(
                "PASSWORDCHECK.LUA",
                "function Check(user, pw)\n"
                        + "  local masked = string.gsub(pw, \".\", \"%*\")\n"
                        + "  local fine = string.gsub(pw, \"(%w+)\", \"<%1> %0 100%%\")\n"
                        + "  local r = \"%*\"\n"
                        + "  local computed = string.gsub(pw, \".\", r)\n"
                        + "  local text = string.format(\"%s\", 1, \"%*\")\n"
                        + "  local inner = string.gsub(pw, string.gsub(user, \"@\", \"%@\"), \"x\")\n"
                        + "  return pw:gsub(\"a\", \"100%\")\n"
                        + "end\n");
        scripts.write(
                "SMTPSVR.LUA",
                "local function clean(s) return (string.gsub(s, \"[\\r\\n]\", \"%_\", 5)) end\n"
                        + "function DoHELO(host) return false, clean(host) end\n");

        int status = run("--check", scripts.folder().toString());

        assertThat(status).isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(lines())
                .containsExactly(
                        "PASSWORDCHECK.LUA:2: warning: the gsub replacement \"%*\" fails in Lua 5.2 (invalid use of"
                                + " '%' in replacement string): Lua 5.0 and 5.1 read %* as *: write * alone, or %% for a"
                                + " %",
                        "PASSWORDCHECK.LUA:7: warning: the gsub replacement \"%@\" fails in Lua 5.2 (invalid use of"
                                + " '%' in replacement string): Lua 5.0 and 5.1 read %@ as @: write @ alone, or %% for a"
                                + " %",
                        "PASSWORDCHECK.LUA:8: warning: the gsub replacement \"100%\" fails in Lua 5.2 (invalid use"
                                + " of '%' in replacement string): a % ends it: write %% for a %",
                        "SMTPSVR.LUA:1: warning: the gsub replacement \"%_\" fails in Lua 5.2 (invalid use of '%' in"
                                + " replacement string): Lua 5.0 and 5.1 read %_ as _: write _ alone, or %% for a %",
                        "2 scripts checked in " + scripts.folder().toAbsolutePath() + ": 0 errors, 4 warnings");
    }

    @Test
    void runsNothingAndWritesNothingInTheFolder() throws Exception {
        scripts.write("SMTPSVR.LUA", "print('ran') os.exit(3) function DoHELO() error('called') end");

        int status = run("--check", scripts.folder().toString());

        assertThat(status).isEqualTo(RunScriptCommand.OK);
        try (Stream<Path> files = Files.list(scripts.folder())) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("SMTPSVR.LUA");
        }
    }

    @Test
    void checkTakesOneDirectoryAlone() {
        assertThat(run("--check")).isEqualTo(RunScriptCommand.USAGE_ERROR);
        assertThat(lines()).first().isEqualTo("james-lua-run: --check takes one directory and no other arguments");

        stdout.reset();
        assertThat(run("--safety", "--check", "x")).isEqualTo(RunScriptCommand.USAGE_ERROR);

        stdout.reset();
        assertThat(run("--check", workingDirectory.resolve("nope").toString()))
                .isEqualTo(RunScriptCommand.SCRIPT_FAILED);
        assertThat(lines()).containsExactly("no such scripts folder: " + workingDirectory.resolve("nope"));
    }

    @Test
    void oneEditApartIsOneLetterChangedAddedOrRemoved() {
        assertThat(FolderCheck.oneEditApart("domailfrom", "domailfrm")).isTrue();
        assertThat(FolderCheck.oneEditApart("domailfrom", "domailfromx")).isTrue();
        assertThat(FolderCheck.oneEditApart("domailfrom", "dxmailfrom")).isTrue();
        assertThat(FolderCheck.oneEditApart("domailfrom", "odmailfrom")).isFalse();
        assertThat(FolderCheck.oneEditApart("domailfrom", "domailfr")).isFalse();
    }

    private int run(String... args) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        return new RunScriptCommand(out, workingDirectory).run(List.of(args));
    }

    private List<String> lines() {
        return stdout.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    }
}
