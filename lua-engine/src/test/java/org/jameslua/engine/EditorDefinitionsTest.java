package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jameslua.engine.folder.ScriptFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The definitions file shipped for script writers' editors ({@code conf-samples/scripts/library/james-lua.d.lua},
 * read by lua-language-server) declares exactly what the engine gives a script beyond Lua 5.2: every function a
 * real instance has that Debian's lua5.2 does not ({@code src/test/editor/lua52-functions.txt}, recorded by
 * {@code record.sh}), and no function the instance lacks. It may declare a function both have: {@code unpack},
 * {@code math.log10} and {@code table.maxn} are in Debian's lua5.2 only through its 5.1 compatibility switch, and
 * LuaLS's Lua 5.2 takes them for older names. The globals hosts set are checked against
 * {@link OutGlobals} (the ones a script sets for VPOP3 to read, with their types) and against docs/scripting.md (every
 * global the file declares is named there): the protocol handlers and mailets set the others from literals spread
 * over their classes, which lua-engine cannot see.
 */
class EditorDefinitionsTest {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final Path DEFINITIONS = REPOSITORY.resolve("conf-samples/scripts/library/james-lua.d.lua");
    private static final Path EDITOR = Path.of("src/test/editor");
    private static final Pattern FUNCTION = Pattern.compile("(?m)^function ([A-Za-z_][A-Za-z0-9_.]*)\\(");
    private static final Pattern TYPED_GLOBAL =
            Pattern.compile("(?m)^---@type ([^\\n]+)\\n([A-Za-z_][A-Za-z0-9_]*) = ");
    private static final Pattern GLOBAL = Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_]*) = ");

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void declaresEveryFunctionTheEngineAddsToLua52AndNoOther() throws IOException {
        Set<String> engine = engineFunctions();
        Set<String> added = new TreeSet<>(engine);
        added.removeAll(Files.readAllLines(EDITOR.resolve("lua52-functions.txt")));
        Set<String> declared = declaredFunctions();

        Set<String> undeclared = new TreeSet<>(added);
        undeclared.removeAll(declared);
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(engine);
        assertThat(undeclared)
                .as("functions the engine gives scripts that " + DEFINITIONS + " does not declare")
                .isEmpty();
        assertThat(missing)
                .as("functions " + DEFINITIONS + " declares that a script does not have")
                .isEmpty();
    }

    /** It is Lua the engine compiles; were it ever run, its main chunk would run clean. */
    @Test
    void compilesAndRunsInTheEngine() throws IOException {
        scripts.write("DEFINITIONS.LUA", Files.readString(DEFINITIONS));

        scripts.engine().newInstance("DEFINITIONS.LUA").close();

        assertThat(scripts.errors()).isEmpty();
    }

    /** What webadmin lists and asks for declared settings: the sample scripts, no editor file. */
    @Test
    void theEditorFilesAreNoScriptsOfTheFolder() {
        List<String> names = new ScriptFolder(DEFINITIONS.getParent().getParent()).scriptNames();

        assertThat(names).isNotEmpty().allMatch(name -> name.endsWith(".LUA"));
    }

    @Test
    void declaresEachGlobalAScriptSetsForVpop3WithItsType() throws IOException {
        Map<String, String> declared = declaredGlobalTypes();
        for (String script : List.of("SMTPSVR.LUA", "USER_REDIRECT.LUA")) {
            OutGlobals.of(script)
                    .forEach((global, type) -> assertThat(declared.get(global))
                            .as(script + "'s " + global + " in " + DEFINITIONS)
                            .isEqualTo(type));
        }
    }

    @Test
    void eachGlobalItDeclaresIsDocumented() throws IOException {
        String documentation = Files.readString(REPOSITORY.resolve("docs/scripting.md"));
        List<String> undocumented = new ArrayList<>();
        Matcher matcher = GLOBAL.matcher(Files.readString(DEFINITIONS));
        while (matcher.find()) {
            if (!documentation.contains("`" + matcher.group(1))) {
                undocumented.add(matcher.group(1));
            }
        }
        assertThat(undocumented)
                .as("globals of " + DEFINITIONS + " docs/scripting.md does not name")
                .isEmpty();
    }

    /** Each global's Lua type by its {@code ---@type}: a list, a map or a class of the file is a table. */
    private static Map<String, String> declaredGlobalTypes() throws IOException {
        Map<String, String> types = new LinkedHashMap<>();
        Matcher matcher = TYPED_GLOBAL.matcher(Files.readString(DEFINITIONS));
        while (matcher.find()) {
            String type = matcher.group(1);
            boolean table = type.endsWith("[]") || type.startsWith("table") || Character.isUpperCase(type.charAt(0));
            types.put(matcher.group(2), table ? "table" : type.equals("integer") ? "number" : type);
        }
        return types;
    }

    private Set<String> engineFunctions() throws IOException {
        scripts.write("FUNCTIONS.LUA", Files.readString(EDITOR.resolve("functions.lua")));
        try (ScriptInstance instance = scripts.engine().newInstance("FUNCTIONS.LUA")) {
            CallResult result = instance.call("FunctionNames");
            assertThat(result).isInstanceOf(CallResult.Returned.class);
            return new TreeSet<>(Arrays.asList(
                    ((CallResult.Returned) result).values().arg1().tojstring().split("\n")));
        }
    }

    private static Set<String> declaredFunctions() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = FUNCTION.matcher(Files.readString(DEFINITIONS));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
