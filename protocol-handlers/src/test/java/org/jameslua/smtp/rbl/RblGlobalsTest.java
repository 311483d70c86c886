package org.jameslua.smtp.rbl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ServerLimits;
import org.jameslua.engine.net.NetConfig;
import org.jameslua.james.LuaPackSettings;
import org.jameslua.james.ScriptFailure;
import org.jameslua.smtp.session.ScriptedSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RBL globals as a script finds them before the lookups, and whether the lookups are due. */
class RblGlobalsTest {
    @TempDir
    Path folder;

    private ScriptedSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void aScriptFindsEachGlobalWithItsStartingValue() throws Exception {
        session = ScriptedSession.start(
                folder,
                "function Globals()\n"
                        + "  return table.concat({tostring(CheckRBL), type(RBLServers), #RBLServers,"
                        + " type(RBLWhitelist), tostring(RBLCheckAllServers), tostring(RBLFound),"
                        + " type(RBLResultInfo), tostring(RBLAccept), tostring(RBLBlackhole), '[' .. RBLRedirect .. ']',"
                        + " RBLRejectMessage, '[' .. RBLHeader .. ']'}, '|')\n"
                        + "end\n");

        assertThat(session.script()
                        .ask("Globals", values -> values.arg1().tojstring())
                        .value())
                .contains("true|table|0|table|false|false|table|false|false|[]|"
                        + "550 5.7.1 Rejected: 192.0.2.7 is listed by a DNS blocklist|[]");
    }

    @Test
    void theLookupsAreDueForAClientNotAllowedToRelayNorWhitelistedWhenThereAreLists() {
        assertThat(RblGlobals.dueAtStart(settings(List.of("bl.example"), List.of()), "192.0.2.7", false))
                .isTrue();
        assertThat(RblGlobals.dueAtStart(settings(List.of("bl.example"), List.of()), "192.0.2.7", true))
                .as("a client allowed to relay")
                .isFalse();
        assertThat(RblGlobals.dueAtStart(settings(List.of(), List.of()), "192.0.2.7", false))
                .as("no lists")
                .isFalse();
        assertThat(RblGlobals.dueAtStart(settings(List.of("bl.example"), List.of("192.0.2.*")), "192.0.2.7", false))
                .as("whitelisted")
                .isFalse();
        assertThat(RblGlobals.dueAtStart(
                        settings(List.of("bl.example"), List.of("198.51.100.*", "192.0.2.8")), "192.0.2.7", false))
                .as("whitelisted: others")
                .isTrue();
    }

    private LuaPackSettings settings(List<String> servers, List<String> whitelist) {
        return new LuaPackSettings(
                folder,
                Limits.defaults(),
                ServerLimits.defaults(),
                NetConfig.defaults(),
                ScriptFailure.DEFAULT,
                1,
                servers,
                whitelist);
    }
}
