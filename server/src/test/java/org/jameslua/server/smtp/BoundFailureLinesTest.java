package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures of a bound that used to reach LUAERRORS.LOG without a line, over real SMTP: a string bomb a callback
 * tail-calls, a coroutine refused at {@code limit.coroutines}, and a session script that keeps more than
 * {@code limit.retained.bytes}. Each is logged with script, function and line, and the mail goes through once. A
 * bound passed in a module the script required is logged with the module's name beside its line.
 */
class BoundFailureLinesTest {
    private static final String USER = "user@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(
            builder -> builder.packSetting("limit.coroutines", "2").packSetting("limit.retained.bytes", "2000000"));

    private LuaScripts scripts;

    @AfterEach
    void putBack() throws Exception {
        scripts.putBack();
    }

    @Test
    void eachBoundIsLoggedAtTheLineThatPassedIt(JamesLuaServer server) throws Exception {
        scripts = new LuaScripts(server.scriptsFolder());
        scripts.install("""
            local function huge(n) return string.rep("x", n) end
            function DoHELO(host, refuse, ehlo)
              return huge(2 ^ 30)
            end
            COROUTINES = {}
            function DoMAILFROM(data, from, params)
              for i = 1, 3 do
                local co = coroutine.create(function() coroutine.yield() end)
                local ok = coroutine.resume(co)
                COROUTINES[i] = co
              end
              return ""
            end
            KEPT = {}
            function DoRCPTTO(data, rcpt, params, soFar)
              for i = 1, 50000 do KEPT[i] = tostring(i) .. "kept" end
              return ""
            end
            """);

        new MailFlow(server).send("sender@example.org", List.of(USER), "Subject: bounds\n\nbody\n");

        new MailFlow(server).awaitDeliveries("bounds", Map.of(USER, 1));
        assertThat(scripts.errors())
                .filteredOn(line -> !line.contains(" DoDATAStart "))
                .hasSize(3)
                .anySatisfy(line -> assertThat(line)
                        .contains(" SMTPSVR.LUA DoHELO line 1 [MEMORY]: a string of 1073741824 bytes is over"))
                .anySatisfy(line -> assertThat(line)
                        .endsWith(" SMTPSVR.LUA DoMAILFROM line 9 [SANDBOX]: more than 2 coroutines alive at once"))
                .anySatisfy(line -> assertThat(line)
                        .contains(" SMTPSVR.LUA DoRCPTTO line 17 [MEMORY]: the script keeps more than 2000000 bytes"));
    }

    @Test
    void aBoundPassedInAModuleIsLoggedWithTheModulesName(JamesLuaServer server) throws Exception {
        scripts = new LuaScripts(server.scriptsFolder());
        scripts.install("bounds.lua", """
            local M = {}

            function M.header() local h = string.rep("y", 2 ^ 30) return h end
            return M
            """);
        scripts.install("""
            local bounds = require("bounds")
            function DoDATAStart(recipients)
              local header = bounds.header()
              return header
            end
            """);

        new MailFlow(server).send("sender@example.org", List.of(USER), "Subject: module\n\nbody\n");

        new MailFlow(server).awaitDeliveries("module", Map.of(USER, 1));
        assertThat(scripts.errors())
                .filteredOn(line -> line.contains(" DoDATAStart "))
                .singleElement()
                .asString()
                .contains(
                        " SMTPSVR.LUA DoDATAStart line 3 of ./bounds.lua [MEMORY]: a string of 1073741824 bytes is over");
    }
}
