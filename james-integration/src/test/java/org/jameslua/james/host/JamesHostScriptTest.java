package org.jameslua.james.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.james.rrt.lib.MappingSource;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helpers as a script sees them, on James's in-memory services. */
class JamesHostScriptTest {
    @TempDir
    Path folder;

    private LuaEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        InMemoryJames james = InMemoryJames.start().user("bob@example.local");
        MappingSource team = MappingSource.fromUser("team", InMemoryJames.DOMAIN);
        james.rewriteTable.addGroupMapping(team, "bob@example.local");
        james.rewriteTable.addForwardMapping(team, "partner@remote.example");
        engine = LuaEngine.builder(folder)
                .host(james.host(Map.of("Greeting", "hello")))
                .build();
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void helpersFollowTheManualsReturnConventions() throws Exception {
        Files.writeString(
                folder.resolve("HOST.LUA"),
                "function Run()\n"
                        + "  local out = {}\n"
                        + "  for i, e in ipairs(VPOP3.ExpandAddress(\"team@example.local\", -1)) do\n"
                        + "    out[#out + 1] = e.Name .. \" list=\" .. tostring(e.List) .. \" deferred=\" .. tostring(e.DeferredExpansion)\n"
                        + "      .. \" remote=\" .. tostring(e.Remote) .. \" fwd=\" .. tostring(e.Forwarded)\n"
                        + "  end\n"
                        + "  out[#out + 1] = \"users=\" .. table.concat(VPOP3.GetUserList(), \",\")\n"
                        + "  local ok, value = VPOP3.GetSetting(\"Greeting\")\n"
                        + "  out[#out + 1] = \"get=\" .. tostring(ok) .. \",\" .. tostring(value)\n"
                        + "  out[#out + 1] = \"set=\" .. tostring(VPOP3.SetSetting(\"greeting\", \"bonjour\"))\n"
                        + "    .. \",\" .. tostring(VPOP3.SetSetting(\"NoSuchSetting\", \"x\"))\n"
                        + "  ok, value = VPOP3.GetSetting(\"GREETING\")\n"
                        + "  out[#out + 1] = \"now=\" .. tostring(value) .. \" missing=\" .. tostring(select(2, VPOP3.GetSetting(\"Nope\")))\n"
                        + "  out[#out + 1] = \"user=\" .. tostring(VPOP3.SetUserSetting(\"bob@example.local\", \"AcceptMail\", \"no\"))\n"
                        + "    .. \",\" .. tostring(VPOP3.GetUserSetting(\"bob@example.local\", \"acceptmail\"))\n"
                        + "    .. \",\" .. tostring(VPOP3.GetUserSetting(\"bob@example.local\", \"Other\"))\n"
                        + "    .. \",\" .. tostring(VPOP3.SetUserSetting(\"nobody@example.local\", \"AcceptMail\", \"no\"))\n"
                        + "  return table.concat(out, \"\\n\")\n"
                        + "end\n");

        try (ScriptInstance instance = engine.newInstance("HOST.LUA")) {
            CallResult result = instance.call("Run");

            assertThat(result).isInstanceOf(CallResult.Returned.class);
            assertThat(((CallResult.Returned) result).values().arg1().tojstring())
                    .isEqualTo("team@example.local list=true deferred=false remote=false fwd=false\n"
                            + "bob@example.local list=false deferred=nil remote=false fwd=false\n"
                            + "partner@remote.example list=false deferred=nil remote=true fwd=true\n"
                            + "users=bob@example.local\n"
                            + "get=true,hello\n"
                            + "set=true,false\n"
                            + "now=bonjour missing=nil\n"
                            + "user=true,no,nil,false");
        }
    }
}
