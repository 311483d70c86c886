package org.jameslua.engine.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.jameslua.engine.CallResult;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.engine.ScriptInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** Scripts as VPOP3 2.x users wrote them for Lua 5.0, next to 5.2 scripts that use the same names otherwise. */
class Lua50ScriptsTest {
    private static final String OLD_SMTPSVR = "-- SMTPSVR.LUA, written for VPOP3 2.x (Lua 5.0)\n"
            + "BlockedHosts = {[\"spam.example\"] = \"550 Spam source\", [\"bulk.example\"] = \"550 No bulk mail\"}\n"
            + "MaxRecipients = 2\n"
            + "\n"
            + "function Log(fmt, ...)\n"
            + "  print(string.format(fmt, unpack(arg)))\n"
            + "end\n"
            + "\n"
            + "function DoHELO(host, refuse, ehlo)\n"
            + "  for blocked, reply in BlockedHosts do\n"
            + "    if string.lower(host) == blocked then\n"
            + "      Log(\"HELO %s refused: %s\", host, reply)\n"
            + "      return true, reply\n"
            + "    end\n"
            + "  end\n"
            + "  return refuse, \"\"\n"
            + "end\n"
            + "\n"
            + "function DoRCPTTO(data, recipient, params, recipients)\n"
            + "  if table.getn(recipients) >= MaxRecipients then\n"
            + "    Log(\"too many recipients for %s (%d)\", recipient, table.getn(recipients))\n"
            + "    return \"452 Too many recipients\", params\n"
            + "  end\n"
            + "  local parts = {}\n"
            + "  for part in string.gfind(recipient, \"[^@.]+\") do\n"
            + "    table.insert(parts, part)\n"
            + "  end\n"
            + "  local even = math.mod(table.getn(parts), 2) == 0\n"
            + "  return \"250 \" .. table.concat(parts, \" \") .. (even and \" even\" or \" odd\"), params\n"
            + "end\n"
            + "\n"
            + "function Join(sep, ...)\n"
            + "  local out = \"\"\n"
            + "  for i = 1, table.getn(arg) do\n"
            + "    out = out .. (i > 1 and sep or \"\") .. tostring(arg[i])\n"
            + "  end\n"
            + "  return out, arg.n\n"
            + "end\n";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private static Varargs values(CallResult result) {
        assertThat(result).isInstanceOf(CallResult.Returned.class);
        return ((CallResult.Returned) result).values();
    }

    private Varargs run(String source, String function, LuaValue... args) {
        scripts.write("SMTPSVR.LUA", source);
        return values(scripts.engine().newInstance("SMTPSVR.LUA").call(function, args));
    }

    private static LuaTable list(String... items) {
        LuaTable table = new LuaTable();
        for (String item : items) {
            table.insert(0, LuaValue.valueOf(item));
        }
        return table;
    }

    @Test
    void anOldSmtpScriptRunsAsItDidUnderLua50() {
        scripts.write("SMTPSVR.LUA", OLD_SMTPSVR);
        ScriptInstance smtp = scripts.engine().newInstance("SMTPSVR.LUA");

        Varargs helo = values(smtp.call("DoHELO", LuaValue.valueOf("SPAM.example"), LuaValue.FALSE, LuaValue.TRUE));
        Varargs welcome = values(smtp.call("DoHELO", LuaValue.valueOf("mx.example"), LuaValue.FALSE, LuaValue.TRUE));
        Varargs accepted = values(smtp.call(
                "DoRCPTTO",
                LuaValue.valueOf("<bob@mail.example.com>"),
                LuaValue.valueOf("bob@mail.example.com"),
                new LuaTable(),
                list("ann@example.com")));
        Varargs refused = values(smtp.call(
                "DoRCPTTO",
                LuaValue.valueOf("<c@example.com>"),
                LuaValue.valueOf("c@example.com"),
                new LuaTable(),
                list("a@example.com", "b@example.com")));
        Varargs joined = values(smtp.call(
                "Join", LuaValue.valueOf(","), LuaValue.valueOf("a"), LuaValue.NIL, LuaValue.valueOf(3), LuaValue.NIL));

        assertThat(helo.arg(1).toboolean()).isTrue();
        assertThat(helo.arg(2).tojstring()).isEqualTo("550 Spam source");
        assertThat(welcome.arg(1).toboolean()).isFalse();
        assertThat(accepted.arg1().tojstring()).isEqualTo("250 bob mail example com even");
        assertThat(refused.arg1().tojstring()).isEqualTo("452 Too many recipients");
        assertThat(joined.arg(1).tojstring()).isEqualTo("a,nil,3,nil");
        assertThat(joined.arg(2).toint()).isEqualTo(4);
        assertThat(scripts.luaOut())
                .containsExactly(
                        "HELO SPAM.example refused: 550 Spam source", "too many recipients for c@example.com (2)");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void a52ScriptUsingTheSameNamesOtherwiseKeepsItsMeaning() {
        Varargs result = run(
                "local arg = 1\n"
                        + "local t = {arg = 10}\n"
                        + "t.arg = t.arg + arg\n"
                        + "function Count(...)\n"
                        + "  local n = select('#', ...)\n"
                        + "  local last = select(n, ...)\n"
                        + "  return n, last, t.arg\n"
                        + "end\n"
                        + "function Keys(map)\n"
                        + "  local keys = {}\n"
                        + "  for k in pairs(map) do keys[#keys + 1] = k end\n"
                        + "  table.sort(keys)\n"
                        + "  local iterator = string.gmatch(\"x y\", \"%a\")\n"
                        + "  for letter in iterator do keys[#keys + 1] = letter end\n"
                        + "  local countdown = setmetatable({left = 2}, {__call = function(self)\n"
                        + "    if self.left > 0 then self.left = self.left - 1 return self.left end\n"
                        + "  end})\n"
                        + "  for left in countdown do keys[#keys + 1] = tostring(left) end\n"
                        + "  return table.concat(keys, \",\")\n"
                        + "end\n"
                        + "function Run() return Keys({b = 1, a = 2}), Count(1, nil, 'z') end\n",
                "Run");

        assertThat(result.arg(1).tojstring()).isEqualTo("a,b,x,y,1,0");
        assertThat(result.arg(2).toint()).isEqualTo(3);
        assertThat(result.arg(3).tojstring()).isEqualTo("z");
        assertThat(result.arg(4).toint()).isEqualTo(11);
    }

    @Test
    void errorsReportTheLineOfTheFileAfterRewriting() {
        scripts.write(
                "SMTPSVR.LUA",
                "function Check(...)\n"
                        + "  for i, v in arg do\n"
                        + "    if v == \"bad\" then\n"
                        + "      error(\"bad value at \" .. i)\n"
                        + "    end\n"
                        + "  end\n"
                        + "end\n");

        CallResult result = scripts.engine()
                .newInstance("SMTPSVR.LUA")
                .call("Check", LuaValue.valueOf("ok"), LuaValue.valueOf("bad"));

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("SMTPSVR.LUA Check line 4 [RUNTIME]")
                .contains("SMTPSVR.LUA:4: bad value at 2");
    }

    @Test
    void compileErrorsReportTheLineOfTheFileAfterRewriting() {
        scripts.write(
                "SMTPSVR.LUA",
                "function Log(...)\n"
                        + "  for k, v in arg do print(k, v) end\n"
                        + "end\n"
                        + "s = [[ old [[ nested ]] string ]]\n"
                        + "x = = 1\n");

        scripts.engine().newInstance("SMTPSVR.LUA");

        assertThat(scripts.errors()).singleElement().asString().contains("SMTPSVR.LUA (compile) line 5 [COMPILE]");
    }

    @Test
    void aCompileErrorOnTheLineTheRewrittenTextFailsOnIsReportedAsWritten() {
        // the rewriter wraps the for list in a call: compiled as rewritten, the error is its own "')' expected"
        scripts.write("SMTPSVR.LUA", "local t = {}\nfor k, v in t| do end\n");

        scripts.engine().newInstance("SMTPSVR.LUA");

        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("SMTPSVR.LUA (compile) line 2 [COMPILE]: SMTPSVR.LUA:2: 'do' expected near '|'");
    }

    @Test
    void stringsLoadedAtRunTimeAreRewrittenToo() {
        Varargs result = run(
                "function Run()\n"
                        + "  local sum = loadstring(\"local s = 0 for k, v in t do s = s + v end return s\")\n"
                        + "  t = {1, 2, 3}\n"
                        + "  local old = load(\"return function(...) return table.getn(arg) end\")()\n"
                        + "  return sum(), old(nil, nil, 'x')\n"
                        + "end\n",
                "Run");

        assertThat(result.arg(1).toint()).isEqualTo(6);
        assertThat(result.arg(2).toint()).isEqualTo(3);
    }

    @Test
    void chunksLoadedWithAnEnvironmentOfTheirOwnKeep52Loops() {
        Varargs result = run(
                "function Run()\n"
                        + "  local env = {pairs = pairs, t = {a = 1, b = 2}}\n"
                        + "  return load(\"local n = 0 for k in pairs(t) do n = n + 1 end return n\", \"sandbox\", \"t\", env)()\n"
                        + "end\n",
                "Run");

        assertThat(result.arg1().toint()).isEqualTo(2);
    }

    @Test
    void nestedLongStringsAndBackslashPathsReadAsIn50() {
        Varargs result = run(
                "--[[ disabled:\n"
                        + "  s = [[ old ]]\n"
                        + "]]\n"
                        + "function Run()\n"
                        + "  return [[a [[b]] c]], \"C:\\VPOP3\\x.log\"\n"
                        + "end\n",
                "Run");

        assertThat(result.arg(1).tojstring()).isEqualTo("a [[b]] c");
        assertThat(result.arg(2).tojstring()).isEqualTo("C:VPOP3x.log");
    }
}
