package org.jameslua.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.InstanceOptions;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.engine.ScriptInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A scripts folder whose script calls the VPOP3Net helpers straight through, registered as a JUnit extension
 * around a {@link ScriptFixture}. Servers that answer get a timeout long enough for a cold, busy JVM; tests of
 * silent servers switch to a short one.
 */
final class NetScripts implements BeforeEachCallback, AfterEachCallback {
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);
    static final Duration SILENT_TIMEOUT = Duration.ofMillis(300);
    static final String SCRIPT = "function Lookup(...) return VPOP3Net.GetDNSRecords(...) end\n"
            + "function Fetch(...) return VPOP3Net.GetHTTP(...) end\n"
            + "function Whois(...) return VPOP3Net.GetWHOIS(...) end\n";

    private final ScriptFixture fixture = new ScriptFixture();
    private NetConfig config = new NetConfig(List.of(), ANSWER_TIMEOUT, 64 * 1024);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        fixture.beforeEach(context);
        fixture.write("NET.LUA", SCRIPT);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        fixture.afterEach(context);
    }

    NetScripts config(NetConfig value) {
        this.config = value;
        return this;
    }

    NetScripts timeout(Duration value) {
        return config(new NetConfig(config.dnsServers(), value, config.maxResponseBytes()));
    }

    ScriptInstance instance(InstanceOptions options) {
        return fixture.engine(LuaEngine.builder(fixture.folder()).net(config)).newInstance("NET.LUA", options);
    }

    CallResult call(String function, Object... args) {
        return instance(InstanceOptions.defaults()).call(function, luaArgs(args));
    }

    /** The values a function returned; fails the test when it did not return. */
    Varargs returned(String function, Object... args) {
        CallResult result = call(function, args);
        assertThat(result).isInstanceOf(CallResult.Returned.class);
        return ((CallResult.Returned) result).values();
    }

    /** The message of the Lua error a call ended with. */
    String failure(String function, Object... args) {
        CallResult result = call(function, args);
        assertThat(result).isInstanceOf(CallResult.Failed.class);
        return ((CallResult.Failed) result).error().message();
    }

    static Varargs luaArgs(Object... args) {
        LuaValue[] values = new LuaValue[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i] instanceof Integer
                    ? LuaValue.valueOf((Integer) args[i])
                    : LuaValue.valueOf(String.valueOf(args[i]));
        }
        return LuaValue.varargsOf(values);
    }
}
