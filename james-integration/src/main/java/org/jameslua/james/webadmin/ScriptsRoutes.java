package org.jameslua.james.webadmin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import javax.inject.Inject;
import org.apache.james.webadmin.Routes;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.folder.CompiledScripts;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET /james-lua/scripts}: each script of the scripts folder (users' folders aside) with the version
 * serving, the compile error of the file as it is now, and each function's calls since James started. Named in
 * {@code conf/webadmin.properties} ({@code extensions.routes}), so webadmin's own authentication applies.
 *
 * <pre>{@code
 * {"scripts": [
 *   {"name": "SMTPSVR.LUA",
 *    "versionInUse": "2026-12-05T20:01:02Z",            (the file's modification time; null: none compiled)
 *    "compileError": {"file": "SMTPSVR.LUA", "line": 12, "message": "SMTPSVR.LUA:12: ..."},   (or null)
 *    "functions": {"DoHELO": {"calls": 3, "errors": 0, "timeouts": 0, "meanMillis": 0.41}}}]}
 * }</pre>
 */
public class ScriptsRoutes implements Routes {
    public static final String BASE_PATH = "/james-lua/scripts";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LuaEngine engine;
    private final ScriptCallCounts counts;

    @Inject
    public ScriptsRoutes(LuaEngine engine, ScriptCallCounts counts) {
        this.engine = engine;
        this.counts = counts;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::scripts);
    }

    private String scripts(Request request, Response response) throws JsonProcessingException {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("scripts");
        for (String name : engine.folder().scriptNames()) {
            ObjectNode script = list.addObject();
            CompiledScripts.ScriptState state = engine.scriptState(name);
            script.put("name", name);
            script.put(
                    "versionInUse",
                    state.versionInUse()
                            .map(time -> time.toInstant().toString())
                            .orElse(null));
            if (state.compileError().isPresent()) {
                compileError(
                        script.putObject("compileError"), state.compileError().get());
            } else {
                script.putNull("compileError");
            }
            ObjectNode functions = script.putObject("functions");
            for (Map.Entry<String, ScriptCallCounts.FunctionCounts> function :
                    counts.of(ScriptMetrics.script(name)).entrySet()) {
                ScriptCallCounts.FunctionCounts calls = function.getValue();
                functions
                        .putObject(function.getKey())
                        .put("calls", calls.calls())
                        .put("errors", calls.errors())
                        .put("timeouts", calls.timeouts())
                        .put("meanMillis", calls.meanMillis());
            }
        }
        response.type("application/json");
        return JSON.writeValueAsString(answer);
    }

    private static void compileError(ObjectNode node, ScriptError error) {
        node.put("file", error.script());
        if (error.line().isPresent()) {
            node.put("line", error.line().getAsInt());
        } else {
            node.putNull("line");
        }
        node.put("message", error.message());
    }
}
