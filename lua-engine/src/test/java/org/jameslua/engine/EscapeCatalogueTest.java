package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jameslua.engine.lib.Sandbox;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.luaj.vm2.LuaValue;

/**
 * The catalogue of sandbox escape attempts counted in docs/security.md ("The escape catalogue"): one test per attempt, each
 * run as a script would run it, without {@code pcall}, so the failure reaches {@code LUAERRORS.LOG}; each
 * checks that the attempt had no effect: the file it tries to write is not there, the setting or the safety mode
 * it tries to change is as it was, the function it reaches for is absent from a fresh instance, or the connection
 * it tries to open never reached the listening socket. Attempts named after a CVE reproduce the shape of a public escape
 * from Redis's embedded Lua.
 */
class EscapeCatalogueTest {
    private static final String SCRIPT = "S.LUA";
    private static final String PWNED = "pwned.txt";
    private static final String ONLY_TRACEBACK =
            "local names = {} for name in pairs(debug) do names[#names + 1] = name end"
                    + " return #names == 1 and names[1] == 'traceback'";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    // --- Java from Lua -------------------------------------------------------------------------------------------

    @Test
    @DisplayName("01 luajava.bindClass to reach java.lang.Runtime")
    void luajava() {
        assertFails(
                "local rt = luajava.bindClass('java.lang.Runtime'):getRuntime()" + " rt:exec('touch "
                        + scripts.folder().resolve(PWNED) + "')",
                "attempt to index");
        assertNoMarker();
        assertProbe("luajava == nil");
    }

    @Test
    @DisplayName("02 reflection through any Java object a host value leaks (getClass on every reachable value)")
    void reflectionThroughLeakedHostObjects() {
        assertFails(
                "local f = io.open('handle.txt', 'w')\n"
                        + "local seen, todo = {}, {_G, f, coroutine.create(function() end), print}\n"
                        + "while #todo > 0 do\n"
                        + "  local v = table.remove(todo)\n"
                        + "  if not seen[v] then\n"
                        + "    seen[v] = true\n"
                        + "    if type(v) == 'table' then for _, x in pairs(v) do todo[#todo + 1] = x end end\n"
                        + "    if type(v) == 'userdata' or type(v) == 'thread' or type(v) == 'function' then\n"
                        + "      local ok, class = pcall(function() return v:getClass() end)\n"
                        + "      if ok and class then class:forName('java.lang.System'):exit(1) end\n"
                        + "    end\n"
                        + "  end\n"
                        + "end\n"
                        + "f:close()\n"
                        + "error('no Java object found')",
                "no Java object found");
    }

    // --- compiling anything but source text --------------------------------------------------------------------

    @Test
    @DisplayName("03 loadstring of a bytecode chunk (Redis CVE-2015-4335)")
    void loadstringOfBytecode() {
        assertRefused(
                "return loadstring('\\27Lua\\82\\0\\1\\4\\8\\4\\8\\0' .. string.rep('\\0', 40))()",
                "binary chunks are disabled");
    }

    @Test
    @DisplayName("04 load with mode 'b'")
    void loadBinaryOnly() {
        assertRefused("return load('\\27Lua\\82\\0', 'x', 'b')", "binary chunks are disabled");
    }

    @Test
    @DisplayName("05 load of a bytecode chunk fed piecewise by a reader function")
    void loadBytecodeFromAReader() {
        assertRefused(
                "local pieces = {'\\27', 'Lua', '\\82'} local i = 0"
                        + " return load(function() i = i + 1 return pieces[i] end)",
                "binary chunks are disabled");
    }

    @Test
    @DisplayName("06 string.dump to make bytecode of a function")
    void stringDump() {
        assertFails("return load(string.dump(function() return 1 end))", "attempt to call");
        assertProbe("string.dump == nil");
    }

    @Test
    @DisplayName("07 dofile of a file that holds a bytecode chunk")
    void dofileOfBytecode() {
        scripts.write("BIN.LUA", "\u001bLuaR\u0000\u0001\u0004\u0008\u0004\u0008\u0000");
        // compiled as source text, which it is not: a syntax error at its first byte, ESC
        assertFails("return dofile('BIN.LUA')", "BIN.LUA:1: unexpected symbol near char(27)");
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("BIN.LUA (compile)", "[COMPILE]"));
    }

    // --- C libraries and the file system outside the scripts folder --------------------------------------------

    @Test
    @DisplayName("08 package.loadlib of a C library (Redis CVE-2022-0543)")
    void packageLoadlib() {
        assertRefused(
                "return package.loadlib('/lib/x86_64-linux-gnu/liblua5.1.so.0', 'luaopen_io')", "loadlib is disabled");
    }

    @Test
    @DisplayName("09 loadlib (Lua 5.0's name) of a C library")
    void loadlib() {
        assertRefused("return loadlib('libc.so.6', 'system')", "loadlib is disabled");
    }

    @Test
    @DisplayName("10 require of a C module through package.searchers / package.loaders / package.cpath")
    void requireOfACModule() {
        assertFails(
                "package.cpath = '/usr/lib/x86_64-linux-gnu/lua/5.1/?.so'"
                        + " local searcher = (package.searchers or package.loaders or {})[3]"
                        + " if searcher then return searcher('socket.core') end return require('socket.core')",
                "module 'socket.core' not found");
        assertProbe("package.searchers == nil and package.loaders == nil");
    }

    @Test
    @DisplayName("11 dofile with ../ out of the scripts folder")
    void dofileUp() throws Exception {
        String outside = outsideScript();
        assertRefused("return dofile('../" + outside + "')", "only files inside the scripts folder");
        assertNoMarker();
    }

    @Test
    @DisplayName("12 loadfile with an absolute path")
    void loadfileAbsolute() throws Exception {
        Path outside = scripts.folder().getParent().resolve(outsideScript());
        assertRefused("return assert(loadfile('" + outside + "'))()", "only files inside the scripts folder");
        assertNoMarker();
    }

    @Test
    @DisplayName("13 require of a module name leading out of the folder (dots, slashes, backslashes)")
    void requireUp() throws Exception {
        String outside = outsideScript().replace(".lua", "");
        assertRefused(
                "local ok = pcall(require, '../" + outside + "') local ok2 = pcall(require, '..\\\\" + outside
                        + "') return require('..." + outside + "')",
                "modules are names inside the scripts folder");
        assertThat(scripts.errors())
                .filteredOn(line -> line.contains("[SANDBOX]"))
                .hasSize(3);
        assertNoMarker();
    }

    @ParameterizedTest(name = "14 disabled everywhere: {0}")
    @ValueSource(
            strings = {
                "os.exit()",
                "os.setlocale('C')",
                "os.execute('touch pwned.txt')",
                "os.popen('touch pwned.txt')",
                "io.popen('touch pwned.txt')"
            })
    void disabledFunctions(String call) {
        assertRefused(call, "disabled");
        assertNoMarker();
    }

    // --- safety mode ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "15 the manual's safety list: {0}")
    @ValueSource(
            strings = {
                "loadlib('x', 'y')",
                "io.close()",
                "io.open('pwned.txt', 'w')",
                "io.input('f.txt')",
                "io.output('pwned.txt')",
                "io.lines('f.txt')",
                "io.read()",
                "io.write('x')",
                "io.flush()",
                "os.timedexecute('touch pwned.txt', 1000)",
                "os.remove('f.txt')",
                "os.rename('f.txt', 'pwned.txt')",
                "os.getenv('PATH')",
                "VPOP3.SetSetting('a', 'b')",
                "VPOP3.GetSetting('a')"
            })
    void theManualsSafetyList(String call) {
        scripts.write("f.txt", "kept");
        assertUserRefused(call, "[SANDBOX]");
        assertNoMarker();
        assertThat(scripts.folder().resolve("f.txt")).hasContent("kept");
    }

    /** The network helpers are aimed at a listening socket: refused, they never connect to it. */
    @ParameterizedTest(name = "16 beyond the manual's list: {0}")
    @ValueSource(
            strings = {
                "io.tmpfile()",
                "os.tmpname()",
                "os.getdirectory('/')",
                "VPOP3Net.GetDNSRecords('example.com', 'A', '127.0.0.1:PORT')",
                "VPOP3Net.GetHTTP('http://127.0.0.1:PORT/')",
                "VPOP3Net.GetWHOIS('127.0.0.1:PORT', 'example.com')"
            })
    void beyondTheManualsSafetyList(String call) throws Exception {
        try (ServerSocketChannel listening = ServerSocketChannel.open();
                DatagramChannel dns = DatagramChannel.open()) {
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listening.configureBlocking(false);
            int port = ((InetSocketAddress) listening.getLocalAddress()).getPort();
            dns.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            dns.configureBlocking(false);

            assertUserRefused(call.replace("PORT", Integer.toString(port)), "is disabled in safety mode");

            assertThat(listening.accept())
                    .as("a connection to the helper's server")
                    .isNull();
            assertThat(dns.receive(ByteBuffer.allocate(512)))
                    .as("a query to the helper's DNS server")
                    .isNull();
        }
    }

    /** What other users there are, and where their mail goes, is theirs: a user script learns neither. */
    @ParameterizedTest(name = "60 other users through the directory in safety mode: {0}")
    @ValueSource(strings = {"return VPOP3.GetUserList()[1]", "return VPOP3.ExpandAddress('list@example.com')[1].Name"})
    void otherUsersThroughTheDirectory(String call) {
        assertUserRefused(call, "is disabled in safety mode");
    }

    @Test
    @DisplayName("17 os.clearsafety with a wrong key")
    void clearSafetyWithAWrongKey() {
        assertRefused("os.setsafety('right') pcall(os.clearsafety, 'wrong') return os.getenv('PATH')", "wrong key");
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("os.getenv is disabled"));
    }

    @Test
    @DisplayName("18 a second os.setsafety to choose a key the script knows")
    void setSafetyAgainWithAnotherKey() {
        assertRefused(
                "os.setsafety('admin') pcall(os.setsafety, 'mine') pcall(os.clearsafety, 'mine')"
                        + " return os.getenv('PATH')",
                "already on with another key");
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("os.getenv is disabled"));
    }

    @Test
    @DisplayName("19 a user script (USER_REDIRECT.LUA) clearing the host's safety mode with guessed keys")
    void userScriptGuessingTheHostsKey() {
        assertUserRefused(
                "for _, k in ipairs({'', 'alice', 'safety', 'vpop3', 'admin'}) do"
                        + " pcall(os.clearsafety, k) end return io.open('pwned.txt', 'w')",
                "io.open is disabled");
        assertNoMarker();
    }

    @Test
    @DisplayName("20 a user script reading and changing another user's settings")
    void userScriptReachingAnotherUser() throws Exception {
        LuaEngine engine = scripts.engine();
        engine.host().userSettings().set("bob", "Forwards", "bob@example.com");
        scripts.write(
                SCRIPT,
                "function Go() local ok = pcall(VPOP3.GetUserSetting, 'bob', 'Forwards')"
                        + " return VPOP3.SetUserSetting('BOB', 'Forwards', 'thief@example.net') end");

        CallResult result =
                engine.newInstance(SCRIPT, InstanceOptions.userScript("alice")).call("Go");

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(scripts.errors())
                .filteredOn(line -> line.contains("only its own user"))
                .hasSize(2);
        assertThat(engine.host().userSettings().get("bob", "Forwards")).contains("bob@example.com");
    }

    @Test
    @DisplayName("21 a file handle's methods used to open other files in safety mode")
    void fileHandleMethodsInSafetyMode() {
        scripts.write("f.txt", "kept");
        assertRefused(
                "local f = io.open('f.txt') os.setsafety('k')"
                        + " local open = f.open or getmetatable(f) and getmetatable(f).open"
                        + " if open then open('pwned.txt', 'w') end return io.lines('pwned.txt')",
                "io.lines is disabled");
        assertNoMarker();
    }

    // --- the debug library ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("22 debug.getregistry")
    void debugGetregistry() {
        assertFails("return debug.getregistry()", "attempt to call");
        assertProbe(ONLY_TRACEBACK);
    }

    @Test
    @DisplayName("23 debug.getupvalue / setupvalue on a host function (os.clearsafety's key)")
    void debugUpvaluesOfHostFunctions() {
        assertFails(
                "os.setsafety('k') debug.setupvalue(os.clearsafety, 1, nil)"
                        + " return debug.getupvalue(os.clearsafety, 1)",
                "attempt to call");
        assertProbe(ONLY_TRACEBACK);
    }

    @Test
    @DisplayName("24 debug.sethook to remove the budget's hook, then loop")
    void debugSethookRemoval() {
        LuaEngine engine = scripts.engine(Limits.defaults().withWallTime(Duration.ofMillis(300)));
        scripts.write(SCRIPT, "function Go() pcall(debug.sethook) while true do end end");

        CallResult result = engine.newInstance(SCRIPT).call("Go");

        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.TIMEOUT);
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("S.LUA Go", "[TIMEOUT]"));
    }

    @Test
    @DisplayName("25 debug.getinfo / getlocal to read the host's frames")
    void debugGetinfo() {
        assertFails("return debug.getinfo(2, 'S').source, debug.getlocal(2, 1)", "attempt to call");
        assertProbe(ONLY_TRACEBACK);
    }

    @Test
    @DisplayName("26 debug.traceback handed a non-string to leak an object")
    void debugTraceback() {
        assertFails("local t = debug.traceback(print) t:getClass()", "attempt to index");
        assertProbe("debug.traceback(print) == print");
    }

    // --- metatables ----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("27 changing the string metatable every instance shares (Redis CVE-2025-46818: metatables of"
            + " basic types)")
    void stringMetatable() {
        LuaEngine engine = scripts.engine();
        scripts.write(
                SCRIPT,
                "function Go() getmetatable('').__index = function() return 'pwned' end end"
                        + " function Use() return ('a'):upper() end");

        CallResult result = engine.newInstance(SCRIPT).call("Go");

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(scripts.errors())
                .anySatisfy(line -> assertThat(line).contains("S.LUA Go", "attempt to index a boolean value"));
        assertThat(returned(engine.newInstance(SCRIPT).call("Use")).arg1().tojstring())
                .isEqualTo("A");
    }

    @Test
    @DisplayName("28 rawset and setmetatable on the string metatable")
    void stringMetatableRaw() {
        assertFails("local mt = getmetatable('a') rawset(mt, '__index', {}) setmetatable(mt, {})", "table expected");
        assertProbe("getmetatable('') == false and ('a'):upper() == 'A'");
    }

    @Test
    @DisplayName("29 replacing library functions to hook another instance's calls (Redis CVE-2022-24735)")
    void sharedLibraries() {
        LuaEngine engine = scripts.engine();
        scripts.write(
                SCRIPT,
                "function Go() string.upper = function() return 'pwned' end"
                        + " setmetatable(string, {__index = function() return 'pwned' end}) os.getenv = nil"
                        + " package.loaded.string.lower = nil error('replaced') end"
                        + " function Use() return ('a'):upper(), ('B'):lower(), os.getenv ~= nil end");

        engine.newInstance(SCRIPT).call("Go");

        var values = returned(engine.newInstance(SCRIPT).call("Use"));
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("S.LUA Go", "replaced"));
        assertThat(values.arg(1).tojstring()).isEqualTo("A");
        assertThat(values.arg(2).tojstring()).isEqualTo("b");
        assertThat(values.arg(3).toboolean()).isTrue();
    }

    @Test
    @DisplayName("30 __newindex / __index on the globals, run when the host sets or reads a global (Redis issue 11030)")
    void newindexOnTheGlobals() {
        LuaEngine engine = scripts.engine(Limits.defaults().withWallTime(Duration.ofMillis(300)));
        scripts.write(
                SCRIPT,
                "function Go() setmetatable(_G, {__newindex = function(t, k, v)"
                        + " io.open('pwned.txt', 'w'):close() while true do end end,"
                        + " __index = function() io.open('pwned.txt', 'w'):close() end}) end");
        ScriptInstance instance = engine.newInstance(SCRIPT);
        instance.call("Go");

        instance.set("IPAddress", LuaValue.valueOf("192.0.2.1"));

        assertThat(instance.get("IPAddress").tojstring()).isEqualTo("192.0.2.1");
        assertThat(instance.get("NotThere").isnil()).isTrue();
        assertNoMarker();
    }

    @Test
    @DisplayName("31 an error object with a __tostring metamethod, run when the host logs it")
    void errorObjectWithTostring() {
        assertFails(
                "error(setmetatable({}, {__tostring = function()"
                        + " io.open('pwned.txt', 'w'):close() return 'x' end}))",
                "(error object is a table value)");
        assertNoMarker();
    }

    // --- Lua 5.0 compatibility --------------------------------------------------------------------------------

    @Test
    @DisplayName("32 setfenv on a host function (os.clearsafety) to change what it sees")
    void setfenvOnAHostFunction() {
        assertFails(
                "os.setsafety('k') setfenv(os.clearsafety, {}) return os.getenv('PATH')", "cannot change environment");
    }

    @Test
    @DisplayName("33 setfenv(0, t) to replace the environment of the whole thread")
    void setfenvOfTheThread() {
        assertFails("setfenv(0, {})", "cannot be replaced");
    }

    @Test
    @DisplayName("34 getfenv of host functions and levels to reach the host's globals")
    void getfenvOfHostFunctions() {
        assertFails(
                "for _, f in ipairs({print, os.clearsafety, VPOP3.GetSetting, 0, 1}) do"
                        + " assert(getfenv(f) == _G, 'another environment') end error('only its own globals')",
                "only its own globals");
    }

    // --- exhausting the host -------------------------------------------------------------------------------------

    @Test
    @DisplayName("35 table.unpack of a huge range (Redis CVE-2021-32626 and CVE-2025-46817)")
    void unpackHugeRange() {
        assertFails("return select('#', table.unpack({}, 1, 1e8))", "too many results to unpack");
    }

    @Test
    @DisplayName("36 unpack (Lua 5.0) of a table claiming a huge size")
    void unpackHugeGetn() {
        assertFails("return select('#', unpack({n = 2^30}))", "too many results to unpack");
    }

    @Test
    @DisplayName("37 string.byte of a whole huge string onto the stack")
    void byteOfHugeString() {
        assertFails("return select('#', string.byte(string.rep('x', 6e7), 1, -1))", "string slice too long");
    }

    @Test
    @DisplayName("38 source nested 100,000 levels deep to overflow the compiler's Java stack")
    void deeplyNestedSource() {
        assertFails(
                "assert(load('return ' .. string.rep('(', 1e5) .. '1' .. string.rep(')', 1e5)))",
                "too many C levels (limit is 200) in main function near '('");
    }

    @Test
    @DisplayName("46 source over the compiler's limits (250 locals in a function), loaded and as a script file")
    void sourceOverTheCompilersLimits() {
        StringBuilder locals = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            locals.append("local a").append(i).append(" = 1 ");
        }
        scripts.write("BIG.LUA", "function Go() " + locals + "end");
        LuaEngine engine = scripts.engine();

        assertThat(engine.newInstance("BIG.LUA").call("Go")).isInstanceOf(CallResult.NotDefined.class);
        assertThat(scripts.errors())
                .anySatisfy(line -> assertThat(line)
                        .contains(
                                "BIG.LUA (compile)",
                                "[COMPILE]",
                                "BIG.LUA:1: too many local variables (limit is 200) in function at line 1 near '='"));
        assertFails(
                "assert(loadstring('" + locals + "'))",
                "too many local variables (limit is 200) in main function near '='");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("47 a \\z escape running into the end of the source, which LuaJ's lexer never left")
    void zEscapeAtTheEndOfTheSource() {
        scripts.write("Z.LUA", "function Go() end s = \"\\z \n");

        assertThat(scripts.engine().newInstance("Z.LUA").call("Go")).isInstanceOf(CallResult.NotDefined.class);
        assertThat(scripts.errors())
                .anySatisfy(line -> assertThat(line).contains("Z.LUA (compile)", "[COMPILE]", "unfinished string"));
        assertFails("assert(loadstring('return \"\\\\z  '))", "unfinished string");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("48 table.concat over 2^31 missing items, to hold the thread in Java past the time bound")
    void concatOverMissingItems() {
        assertFails("return table.concat({}, '', 1, 2^31 - 1)", "invalid value (nil) at index 1 in table for 'concat'");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("49 string.rep of an empty string 2^53 times, to hold the thread in Java past the time bound")
    void repOfNothing() {
        assertFails("assert(#string.rep('', 2^53) == 1, 'nothing, at once')", "nothing, at once");
    }

    @Test
    @DisplayName("50 bit32.lrotate / rrotate by -2^31 (CVE-2024-31449's shape: LuaJ recursed until the Java stack"
            + " overflowed)")
    void bit32RotateByMinusTwoToThe31() {
        assertFails(
                "assert(bit32.lrotate(1, -2^31) == 1 and bit32.rrotate(2, -2^31 - 1) == 4, 'rotated')"
                        + " error('rotated as Lua 5.2 does')",
                "rotated as Lua 5.2 does");
    }

    @Test
    @DisplayName("39 bit32 with out-of-range fields (CVE-2024-31449's bit library shape)")
    void bit32OutOfRange() {
        assertFails("return bit32.extract(1, 0, 1e9)", "non-existent bits");
    }

    @Test
    @DisplayName("40 struct / cmsgpack / cjson (Redis CVE-2018-11218, CVE-2018-11219, CVE-2020-14147,"
            + " CVE-2022-24834): absent")
    void redisCLibraries() {
        assertFails("return (struct or cmsgpack or cjson or bit).unpack('i', 'x')", "attempt to index");
        assertProbe("struct == nil and cmsgpack == nil and cjson == nil and bit == nil");
    }

    @Test
    @DisplayName("41 string.format with a huge width")
    void formatHugeWidth() {
        assertFails("return string.format('%99999999d', 1)", "width or precision too long");
    }

    @Test
    @DisplayName("42 collectgarbage abuse: stop it, force it while loadstring compiles (Redis CVE-2025-49844),"
            + " allocate")
    void collectgarbageStop() {
        assertFailsWith(
                "collectgarbage('stop') collectgarbage('setpause', 1e9) local t = {} local i = 0"
                        + " while true do i = i + 1 t[i] = string.rep('x', 1000) .. i collectgarbage('collect')"
                        + " if i % 100 == 0 then loadstring(string.rep('a = ' .. i .. ' ', 1000)) end end",
                ScriptError.Kind.MEMORY,
                // the time bound far away, so that on a loaded machine it cannot end the call first
                Limits.defaults().withAllocatedBytes(64L * 1024 * 1024).withWallTime(Duration.ofSeconds(60)));
    }

    // --- coroutines and pcall against the budget --------------------------------------------------------------

    @Test
    @DisplayName("43 pcall and xpcall's handler to swallow the time budget")
    void pcallSwallowingTheBudget() {
        assertFailsWith(
                "while true do xpcall(function() while true do end end, function() while true do end end)" + " end",
                ScriptError.Kind.TIMEOUT,
                Limits.defaults().withWallTime(Duration.ofMillis(300)));
    }

    @Test
    @DisplayName("44 a coroutine spinning inside pcall(coroutine.resume)")
    void coroutineInsidePcall() {
        assertFailsWith(
                "local co = coroutine.create(function() while true do end end)"
                        + " while true do pcall(coroutine.resume, co) end",
                ScriptError.Kind.TIMEOUT,
                Limits.defaults().withWallTime(Duration.ofMillis(300)));
    }

    @Test
    @DisplayName("45 a coroutine made in one call and resumed in the next, to allocate unmetered")
    void coroutineResumedInALaterCall() {
        LuaEngine engine = scripts.engine(
                Limits.defaults().withAllocatedBytes(64L * 1024 * 1024).withWallTime(Duration.ofSeconds(20)));
        scripts.write(
                SCRIPT,
                "local co function Prepare() co = coroutine.create(function() coroutine.yield()"
                        + " local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end end) coroutine.resume(co) end"
                        + " function Go() return coroutine.resume(co) end");
        ScriptInstance instance = engine.newInstance(SCRIPT);
        returned(instance.call("Prepare"));

        CallResult result = instance.call("Go");

        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.MEMORY);
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("S.LUA Go", "[MEMORY]"));
        instance.close();
    }

    @Test
    @DisplayName("62 a coroutine left suspended in an xpcall message handler, to keep the failure's frames (registers"
            + " LuaJ has unwound, which debug.traceback reads there) past the call, where the retained-memory bound"
            + " does not look")
    void coroutineSuspendedInAMessageHandler() {
        long mib = 1024 * 1024;
        LuaEngine engine = scripts.engine(LuaEngine.builder(scripts.folder())
                .serverLimits(ServerLimits.defaults()
                        .withRetainedPerInstance(4 * mib + mib / 2)
                        .withRetainedTotal(64 * mib)));
        // each call's coroutine would keep its own MiB in the failed function's registers
        scripts.write(
                SCRIPT,
                "KEPT = {} function Go() local co = coroutine.create(function()"
                        + " return xpcall(function() local kept = ('y'):rep(2^20) .. #KEPT error('e') end,"
                        + " function(m) coroutine.yield('suspended in the handler') return m end) end)"
                        + " local r = {coroutine.resume(co)} KEPT[#KEPT + 1] = co"
                        + " return coroutine.status(co), r[2], r[3] end");
        ScriptInstance instance = engine.newInstance(SCRIPT);

        for (int call = 1; call <= 8; call++) {
            // as in Lua 5.2: the handler's yield is an error in error handling, and the coroutine ends
            assertThat(returned(instance.call("Go")).toString())
                    .as("call %d", call)
                    .isEqualTo("(dead,false,error in error handling)");
        }
        instance.close();
    }

    // --- one user's script against another user's files and settings -------------------------------------------

    @Test
    @DisplayName("51 a user script running another user's script with dofile / loadfile (../bob/, bob/)")
    void userScriptLoadingAnotherUsersScript() {
        scripts.write("bob/USER_REDIRECT.LUA", "return 'bob code ran'");
        String result = runAsAlice("local a = loadfile('../bob/USER_REDIRECT.LUA')"
                + " local b = loadfile('bob/USER_REDIRECT.LUA')"
                + " return (a and a()) or (b and b()) or dofile('../BOB/user_redirect.lua')");

        assertThat(result).isEqualTo("failed");
        assertThat(scripts.errors())
                .filteredOn(line -> line.contains("[SANDBOX]"))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("only files inside the folder of user alice"));
    }

    @Test
    @DisplayName("52 a user script loading a settings file, to read it from the syntax error")
    void userScriptLoadingASettingsFile() {
        scripts.write("usersettings/bob.properties", "Password=hunter2 hunter3\n");
        scripts.write("alice/own.properties", "Password=hunter2 hunter3\n");
        String result = runAsAlice("local _, e1 = loadfile('usersettings/bob.properties')"
                + " local _, e2 = loadfile('../usersettings/bob.properties')"
                + " local _, e3 = loadfile('own.properties')"
                + " error(tostring(e1) .. tostring(e2) .. tostring(e3))");

        assertThat(result).isEqualTo("failed");
        assertThat(scripts.errors())
                .hasSize(4)
                .noneSatisfy(line -> assertThat(line).contains("hunter"));
        assertThat(scripts.errors())
                .filteredOn(line -> line.contains("[SANDBOX]"))
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).contains("only .lua files can be loaded"));
    }

    @Test
    @DisplayName("53 a user script requiring another user's module (bob.util, ..bob.util, a preloaded path)")
    void userScriptRequiringAnotherUsersModule() {
        scripts.write("bob/util.lua", "return 'bob code ran'");
        scripts.write("util.lua", "return 'admin code ran'");
        String result = runAsAlice("local ok1, m1 = pcall(require, 'bob.util')"
                + " local ok2, m2 = pcall(require, '..bob.util')"
                + " local ok3, m3 = pcall(require, 'util')"
                + " local ok4, m4 = pcall(require, 'bob/util')"
                + " return (ok1 and m1) or (ok2 and m2) or (ok3 and m3) or (ok4 and m4)"
                + " or error(tostring(m1) .. ' / ' .. tostring(m3))");

        assertThat(result).isEqualTo("failed");
        assertThat(scripts.errors())
                .filteredOn(line -> line.contains("[SANDBOX]"))
                .hasSize(2);
        assertThat(scripts.errors())
                .noneSatisfy(line -> assertThat(line).contains("code ran"))
                .anySatisfy(line -> assertThat(line).contains("no file './bob/util.lua'", "no file './util.lua'"));
    }

    @Test
    @DisplayName("61 a user script loading another user's files through links in its own folder (a file, a folder)")
    void userScriptLoadingAnotherUsersFilesThroughLinks() throws Exception {
        scripts.write("bob/secret.lua", "return 'bob code ran'");
        scripts.write("bob/util.lua", "return 'bob code ran'");
        scripts.write("alice/placeholder.lua", "");
        Path alice = scripts.folder().resolve("alice");
        Files.createSymbolicLink(alice.resolve("steal.lua"), Path.of("../bob/secret.lua"));
        Files.createSymbolicLink(alice.resolve("bobs"), Path.of("../bob"));
        String result = runAsAlice("local ok1, v1 = pcall(dofile, 'steal.lua')"
                + " local f2 = loadfile('bobs/secret.lua')"
                + " local ok3, v3 = pcall(require, 'bobs.util')"
                + " return (ok1 and v1) or (f2 and f2()) or (ok3 and v3) or 'refused'");

        assertThat(result).isEqualTo("refused");
        assertThat(scripts.errors()).noneSatisfy(line -> assertThat(line).contains("code ran"));
        // the administrator's scripts still reach bob's through his own folder
        scripts.write(SCRIPT, "function Go() return dofile('bob/secret.lua') end");
        assertThat(returned(scripts.engine().newInstance(SCRIPT).call("Go"))
                        .arg1()
                        .tojstring())
                .isEqualTo("bob code ran");
    }

    @Test
    @DisplayName("54 safety mode with no owner user (an administrator's os.setsafety, james-lua-run --safety):"
            + " user settings and files")
    void safetyModeWithoutAnOwner() throws Exception {
        LuaEngine engine = scripts.engine();
        engine.host().userSettings().set("bob", "Password", "hunter2");
        scripts.write("helper.lua", "return 'loaded'");
        scripts.write(
                SCRIPT,
                "function Go() os.setsafety('k')"
                        + " local ok1, v1 = pcall(VPOP3.GetUserSetting, 'bob', 'Password')"
                        + " local ok2, v2 = pcall(VPOP3.SetUserSetting, 'bob', 'Password', 'x')"
                        + " local ok3, v3 = pcall(dofile, 'helper.lua')"
                        + " return tostring(ok1 and v1) .. tostring(ok2 and v2) .. tostring(ok3 and v3)\nend");

        CallResult result = engine.newInstance(SCRIPT).call("Go");

        assertThat(returned(result).arg1().tojstring()).isEqualTo("falsefalsefalse");
        assertThat(scripts.errors())
                .filteredOn(line -> line.contains("[SANDBOX]"))
                .hasSize(3);
        assertThat(engine.host().userSettings().get("bob", "Password")).contains("hunter2");
    }

    // --- the sandbox table against what scripts see ----------------------------------------------------------------

    /** The same walk in each dialect the engine runs: Lua 5.2, and Lua 5.0 as {@code Lua50Rewriter} rewrites it. */
    private static final String ENUMERATE_52 = "local libraries, out = {}, {}\n"
            + "for name in string.gmatch(LIBRARIES, '%S+') do libraries[name] = true end\n"
            + "for name, value in pairs(_G) do\n"
            + "  out[#out + 1] = name\n"
            + "  if libraries[name] then\n"
            + "    for key in pairs(value) do out[#out + 1] = name .. '.' .. key end\n"
            + "  end\n"
            + "end\n"
            + "if WITH_FILE then\n"
            + "  local f = io.open('S.LUA')\n"
            + "  for name in string.gmatch(FILE_METHODS, '%S+') do\n"
            + "    if type(f[name]) == 'function' then out[#out + 1] = 'file.' .. name end\n"
            + "  end\n"
            + "  f:close()\n"
            + "end\n"
            + "return table.concat(out, ' ')";

    private static final String ENUMERATE_50 = "local libraries, out = {}, {}\n"
            + "for name in string.gfind(LIBRARIES, '%S+') do libraries[name] = true end\n"
            + "for name, value in _G do\n"
            + "  table.insert(out, name)\n"
            + "  if libraries[name] then\n"
            + "    for key in value do out[table.getn(out) + 1] = name .. '.' .. key end\n"
            + "  end\n"
            + "end\n"
            + "if WITH_FILE then\n"
            + "  local f = io.open('S.LUA')\n"
            + "  for name in string.gfind(FILE_METHODS, '%S+') do\n"
            + "    if type(f[name]) == 'function' then table.insert(out, 'file.' .. name) end\n"
            + "  end\n"
            + "  f:close()\n"
            + "end\n"
            + "return table.concat(out, ' ')";

    /**
     * A file handle's methods are looked up by name on a handle the script opens (LuaJ gives no way to list them),
     * so only out of safety mode; attempt 21 shows that safety mode leaves them as they are.
     */
    @ParameterizedTest(name = "55 the sandbox table is what a script sees: {0}")
    @ValueSource(strings = {"Lua 5.2", "Lua 5.2 in safety mode", "Lua 5.0", "Lua 5.0 in safety mode"})
    void theSandboxTableIsWhatAScriptSees(String dialectAndMode) {
        boolean safetyMode = dialectAndMode.endsWith("safety mode");
        List<Sandbox.Entry> entries = Sandbox.entries();
        String libraries = entries.stream()
                .filter(Sandbox.Entry::isInGlobals)
                .map(Sandbox.Entry::library)
                .filter(library -> !library.isEmpty())
                .distinct()
                .collect(Collectors.joining(" "));
        String fileMethods = entries.stream()
                .filter(entry -> entry.library().equals(Sandbox.FILE_METHODS))
                .map(Sandbox.Entry::name)
                .collect(Collectors.joining(" "));
        String absent = entries.stream()
                .filter(entry -> !entry.isVisible())
                .map(entry -> "(" + entry.qualifiedName() + ") == nil")
                .collect(Collectors.joining(" and "));
        String hidden = entries.stream()
                .filter(entry -> entry.library().equals(Sandbox.STRING_METATABLE))
                .map(entry -> "type(" + entry.qualifiedName() + ") == 'function'")
                .collect(Collectors.joining(" and "));
        String enumerate = dialectAndMode.startsWith("Lua 5.0") ? ENUMERATE_50 : ENUMERATE_52;
        scripts.write(
                SCRIPT,
                "LIBRARIES = '" + libraries + "' FILE_METHODS = '" + fileMethods + "' WITH_FILE = "
                        + !safetyMode + "\n"
                        + "function Go()\n" + enumerate + "\nend\n"
                        + "function Denied() for name, library in pairs(package.loaded) do"
                        + " if _G[name] ~= library then return false end end\n"
                        + "return " + absent + " and " + hidden + "\nend");
        InstanceOptions options = safetyMode ? InstanceOptions.userScript("alice") : InstanceOptions.defaults();
        ScriptInstance instance = scripts.engine().newInstance(SCRIPT, options);

        Set<String> seen = new TreeSet<>(
                Arrays.asList(returned(instance.call("Go")).arg1().tojstring().split(" ")));
        boolean deniedAreNil = returned(instance.call("Denied")).arg1().toboolean();

        seen.removeAll(Set.of("Go", "Denied", "LIBRARIES", "FILE_METHODS", "WITH_FILE"));
        assertThat(seen)
                .isEqualTo(entries.stream()
                        .filter(Sandbox.Entry::isVisible)
                        .filter(entry ->
                                entry.isInGlobals() || entry.library().equals(Sandbox.FILE_METHODS) && !safetyMode)
                        .map(Sandbox.Entry::qualifiedName)
                        .collect(Collectors.toCollection(TreeSet::new)));
        assertThat(deniedAreNil)
                .as("every absent name is nil, every hidden one a function, package.loaded holds"
                        + " the global library tables")
                .isTrue();
    }

    @ParameterizedTest(name = "56 refused always, as the table says, in and out of safety mode: {0}")
    @MethodSource("refusedAlways")
    void refusedAlwaysAsTheTableSays(String name, String refusal) {
        assertRefused(name + "('touch pwned.txt')", refusal);
        assertUserRefused(name + "('touch pwned.txt')", refusal);
        assertNoMarker();
    }

    @ParameterizedTest(name = "57 refused in safety mode, as the table says: {0}")
    @MethodSource("refusedInSafetyMode")
    void refusedInSafetyModeAsTheTableSays(String name, String refusal) {
        assertUserRefused(name + "('pwned.txt', 'w')", refusal);
        assertNoMarker();
    }

    /** Each confined function, asked for what lies beyond its user's reach by a user script. */
    private static final Map<String, String> BEYOND_ITS_USER = Map.of(
            "dofile", "dofile('../S.LUA')",
            "loadfile", "assert(loadfile('james-lua.properties'))",
            "require", "require('..S')",
            "VPOP3.GetUserSetting", "VPOP3.GetUserSetting('bob', 'Password')",
            "VPOP3.SetUserSetting", "VPOP3.SetUserSetting('bob', 'Password', 'x')");

    @Test
    @DisplayName("58 confined in safety mode, as the table says: each reaches only its own user's files or settings")
    void confinedInSafetyModeAsTheTableSays() {
        assertThat(BEYOND_ITS_USER.keySet())
                .isEqualTo(entries(Sandbox.Treatment.CONFINED_IN_SAFETY_MODE)
                        .map(Sandbox.Entry::qualifiedName)
                        .collect(Collectors.toSet()));
        BEYOND_ITS_USER.values().forEach(call -> assertUserRefused(call, "[SANDBOX]"));
        assertThat(scripts.errors())
                .filteredOn(line -> line.contains("[SANDBOX]"))
                .hasSize(BEYOND_ITS_USER.size());
    }

    @Test
    @DisplayName("59 shared, as the table says: only its shared names are one object in every instance")
    void sharedAsTheTableSays() {
        scripts.write(SCRIPT, "");
        LuaEngine engine = scripts.engine();
        ScriptInstance one = engine.newInstance(SCRIPT);
        ScriptInstance other = engine.newInstance(SCRIPT);

        entries(null)
                .filter(Sandbox.Entry::isVisible)
                .filter(Sandbox.Entry::isInGlobals)
                .forEach(entry -> assertThat(same(value(one, entry), value(other, entry)))
                        .as(entry.qualifiedName() + " is the same object in two instances")
                        .isEqualTo(entry.treatment() == Sandbox.Treatment.SHARED));
    }

    static Stream<Arguments> refusedAlways() {
        return entries(Sandbox.Treatment.REFUSED)
                .map(entry -> Arguments.of(entry.qualifiedName(), entry.qualifiedName() + " is disabled in VPOP3 Lua"));
    }

    static Stream<Arguments> refusedInSafetyMode() {
        return entries(Sandbox.Treatment.REFUSED_IN_SAFETY_MODE)
                .map(entry ->
                        Arguments.of(entry.qualifiedName(), entry.qualifiedName() + " is disabled in safety mode"));
    }

    /** The table's entries of one treatment, or all of them for null. */
    private static Stream<Sandbox.Entry> entries(Sandbox.Treatment treatment) {
        return Sandbox.entries().stream().filter(entry -> treatment == null || entry.treatment() == treatment);
    }

    /** Functions and tables are the same object; a number or string, immutable, the same value. */
    private static boolean same(LuaValue one, LuaValue other) {
        return one.isfunction() || one.istable() ? one == other : one.raweq(other);
    }

    private static LuaValue value(ScriptInstance instance, Sandbox.Entry entry) {
        return entry.library().isEmpty()
                ? instance.get(entry.name())
                : instance.get(entry.library()).rawget(entry.name());
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** A script next to the scripts folder, in the fixture's own temporary directory, which it deletes. */
    private String outsideScript() throws Exception {
        String name = "outside.lua";
        Files.writeString(
                scripts.folder().resolveSibling(name),
                "io.open('" + scripts.folder().resolve(PWNED) + "', 'w'):close() return 'escaped'");
        return name;
    }

    /** The attempt fails, and the sandbox logged it as a refusal. */
    private void assertRefused(String body, String message) {
        assertFails(body, message);
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("[SANDBOX]", message));
    }

    /** The attempt fails with a logged error of any kind (the feature is not there, or the limit holds). */
    private void assertFails(String body, String message) {
        scripts.write(SCRIPT, "function Go() " + body + "\nend");

        CallResult result = scripts.engine().newInstance(SCRIPT).call("Go");

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("S.LUA Go", message));
    }

    private void assertUserRefused(String call, String message) {
        scripts.write(SCRIPT, "function Go() " + call + "\nend");

        CallResult result = scripts.engine()
                .newInstance(SCRIPT, InstanceOptions.userScript("alice"))
                .call("Go");

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("S.LUA Go", "[SANDBOX]", message));
    }

    private void assertFailsWith(String body, ScriptError.Kind kind, Limits limits) {
        scripts.write(SCRIPT, "function Go() " + body + "\nend");

        CallResult result = scripts.engine(limits).newInstance(SCRIPT).call("Go");

        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(kind);
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("S.LUA Go", "[" + kind + "]"));
    }

    /** Runs {@code Go} of {@code alice/S.LUA} as alice's own script: what it returned, or "failed". */
    private String runAsAlice(String body) {
        scripts.write("alice/" + SCRIPT, "function Go() " + body + "\nend");

        CallResult result = scripts.engine()
                .newInstance("alice/" + SCRIPT, InstanceOptions.userScript("alice"))
                .call("Go");

        return result instanceof CallResult.Returned
                ? ((CallResult.Returned) result).values().arg1().tojstring()
                : "failed";
    }

    /** After the attempt, a fresh instance finds {@code check} (an expression, or a chunk that returns) true. */
    private void assertProbe(String check) {
        String body = check.contains("return") ? check : "return " + check;
        scripts.write("PROBE.LUA", "function Probe() " + body + "\nend");

        CallResult result = scripts.engine().newInstance("PROBE.LUA").call("Probe");

        assertThat(returned(result).arg1().toboolean())
                .as(check + "; log: " + scripts.errors())
                .isTrue();
    }

    private void assertNoMarker() {
        assertThat(scripts.folder().resolve(PWNED)).doesNotExist();
    }

    private static org.luaj.vm2.Varargs returned(CallResult result) {
        assertThat(result).isInstanceOf(CallResult.Returned.class);
        return ((CallResult.Returned) result).values();
    }
}
