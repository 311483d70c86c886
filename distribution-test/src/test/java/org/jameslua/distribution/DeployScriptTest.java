package org.jameslua.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy-to-james.sh on configurations other than James's own: it merges into what the operator has, never
 * overwrites what it cannot merge, and a second run changes nothing. (DeployedDistributionTest runs it on James's
 * own files and starts James.)
 */
class DeployScriptTest {
    private static final Path DISTRIBUTION = Path.of(property("jameslua.distribution"));
    private static final Path JAR = Path.of(property("jameslua.extension.jar"));
    private static final Path REPOSITORY = Path.of(property("jameslua.repository"));

    @TempDir
    Path james;

    private Path conf;

    @BeforeEach
    void jamesConfiguration() throws IOException {
        conf = james.resolve("conf");
        Files.createDirectories(conf);
        try (Stream<Path> files = Files.list(DISTRIBUTION.resolve("conf"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, conf.resolve(file.getFileName().toString()));
            }
        }
        Files.writeString(conf.resolve("keystore"), "the operator's");
    }

    @Test
    void theOperatorsListsAreExtendedAndTheirBindsKept() throws Exception {
        Files.writeString(conf.resolve("extensions.properties"), "guice.extension.module=com.example.Theirs\n");
        Files.writeString(
                conf.resolve("webadmin.properties"),
                "enabled=true\nport=8080\nextensions.routes=com.example.TheirRoutes\n");
        String smtp = Files.readString(conf.resolve("smtpserver.xml")).replace("0.0.0.0:25<", "192.0.2.1:2525<");
        Files.writeString(conf.resolve("smtpserver.xml"), smtp);

        assertThat(deploy().exitCode).isZero();

        assertThat(conf.resolve("extensions.properties"))
                .content()
                .contains(
                        "guice.extension.module=com.example.Theirs,org.jameslua.james.LuaPackModule",
                        "guice.extension.startable=org.jameslua.james.fetchmail.FetchMailStartable");
        assertThat(conf.resolve("webadmin.properties"))
                .content()
                .contains(
                        "port=8080",
                        "extensions.routes=com.example.TheirRoutes,org.jameslua.mailets.PasswordCheckRoutes,"
                                + "org.jameslua.james.webadmin.ScriptsRoutes,org.jameslua.mailets.UserSettingsRoutes");
        assertThat(conf.resolve("smtpserver.xml"))
                .content()
                .contains("<bind>192.0.2.1:2525</bind>", "<bind>0.0.0.0:465</bind>")
                .doesNotContain("CoreCmdHandlerLoader");
        assertThat(conf.resolve("smtpserver.xml.before-james-lua")).content().isEqualTo(smtp);
    }

    @Test
    void aMailetContainerOfTheOperatorsOwnIsLeftForThemToMerge() throws Exception {
        String theirs = Files.readString(conf.resolve("mailetcontainer.xml")) + "<!-- the operator's -->\n";
        Files.writeString(conf.resolve("mailetcontainer.xml"), theirs);

        DeployScript deployed = deploy();

        assertThat(deployed.exitCode).isEqualTo(3);
        assertThat(deployed.output).contains("ACTION NEEDED: conf/mailetcontainer.xml is not James 3.8.1's own");
        assertThat(conf.resolve("mailetcontainer.xml")).content().isEqualTo(theirs);
        assertThat(conf.resolve("mailetcontainer.xml.james-lua"))
                .content()
                .isEqualTo(Files.readString(REPOSITORY.resolve("conf-samples/james-conf/mailetcontainer.xml")));
    }

    @Test
    void theOperatorsScriptsAndSettingsAreKept() throws Exception {
        Files.writeString(conf.resolve("james-lua.properties"), "scripts.folder=file://scripts/\n");
        Files.createDirectories(james.resolve("scripts"));
        Files.writeString(james.resolve("scripts/SMTPSVR.LUA"), "-- the operator's\n");

        assertThat(deploy().exitCode).isZero();

        assertThat(conf.resolve("james-lua.properties")).content().isEqualTo("scripts.folder=file://scripts/\n");
        assertThat(james.resolve("scripts/SMTPSVR.LUA")).content().isEqualTo("-- the operator's\n");
        assertThat(james.resolve("scripts/ROUTING.LUA"))
                .content()
                .isEqualTo(Files.readString(REPOSITORY.resolve("conf-samples/scripts/ROUTING.LUA")));
    }

    @Test
    void aScriptOfTheOperatorsInAnotherLetterCaseKeepsTheSampleOut() throws Exception {
        // the pack finds scripts in any letter case and an exact name wins: a sample SMTPSVR.LUA beside the
        // operator's smtpsvr.lua (as brought from VPOP3 on Windows) would have run instead of theirs
        Files.writeString(conf.resolve("james-lua.properties"), "scripts.folder=file://scripts/\n");
        Files.createDirectories(james.resolve("scripts"));
        Files.writeString(james.resolve("scripts/smtpsvr.lua"), "-- the operator's\n");

        DeployScript deployed = deploy();

        assertThat(deployed.exitCode).isZero();
        assertThat(deployed.output).contains("smtpsvr.lua is SMTPSVR.LUA");
        assertThat(james.resolve("scripts/smtpsvr.lua")).content().isEqualTo("-- the operator's\n");
        try (var names = Files.list(james.resolve("scripts"))) {
            assertThat(names.map(path -> path.getFileName().toString()))
                    .doesNotContain("SMTPSVR.LUA")
                    .contains("ROUTING.LUA");
        }
    }

    /** The definitions follow the pack's version; the operator's .luarc.json is kept. */
    @Test
    void theEditorFilesGoBesideTheScripts() throws Exception {
        Path scripts = conf.resolve("lua");
        Files.createDirectories(scripts.resolve("library"));
        Files.writeString(scripts.resolve("library/james-lua.d.lua"), "---@meta\n-- an earlier version's\n");
        Files.writeString(scripts.resolve(".luarc.json"), "{\"runtime.version\": \"Lua 5.1\"}\n");

        assertThat(deploy().exitCode).isZero();

        assertThat(scripts.resolve("library/james-lua.d.lua"))
                .content()
                .isEqualTo(Files.readString(REPOSITORY.resolve("conf-samples/scripts/library/james-lua.d.lua")));
        assertThat(scripts.resolve(".luarc.json")).content().isEqualTo("{\"runtime.version\": \"Lua 5.1\"}\n");
        Files.delete(scripts.resolve(".luarc.json"));

        assertThat(deploy().exitCode).isZero();

        assertThat(scripts.resolve(".luarc.json"))
                .content()
                .isEqualTo(Files.readString(REPOSITORY.resolve("conf-samples/scripts/.luarc.json")));
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        assertThat(deploy().exitCode).isZero();
        String smtp = Files.readString(conf.resolve("smtpserver.xml"));
        String extensions = Files.readString(conf.resolve("extensions.properties"));
        String logback = Files.readString(conf.resolve("logback.xml"));
        String mailets = Files.readString(conf.resolve("mailetcontainer.xml"));

        assertThat(deploy().exitCode).isZero();

        assertThat(conf.resolve("smtpserver.xml")).content().isEqualTo(smtp);
        assertThat(conf.resolve("extensions.properties")).content().isEqualTo(extensions);
        assertThat(conf.resolve("logback.xml")).content().isEqualTo(logback).containsOnlyOnce("\"org.jameslua\"");
        assertThat(conf.resolve("mailetcontainer.xml")).content().isEqualTo(mailets);
        assertThat(conf.resolve("mailetcontainer.xml.before-james-lua"))
                .content()
                .isEqualTo(Files.readString(DISTRIBUTION.resolve("conf/mailetcontainer.xml")));
    }

    @Test
    void aSampleScriptTheOperatorDeletedIsNotPutBackButANewSampleIsAdded() throws Exception {
        assertThat(deploy().exitCode).isZero();
        Path scripts = conf.resolve("lua");
        // the operator switches routing off; SIGNATURE.LUA stands for a sample the pack deployed before lacked
        Files.delete(scripts.resolve("ROUTING.LUA"));
        Files.delete(scripts.resolve("SIGNATURE.LUA"));
        Path manifest = scripts.resolve("james-lua-samples.txt");
        Files.writeString(manifest, Files.readString(manifest).replace("SIGNATURE.LUA\n", ""));

        DeployScript again = deploy();

        assertThat(again.exitCode).isZero();
        assertThat(again.output).contains("ROUTING.LUA was deleted since it was deployed: not put back");
        assertThat(scripts.resolve("ROUTING.LUA")).doesNotExist();
        assertThat(scripts.resolve("SIGNATURE.LUA"))
                .content()
                .isEqualTo(Files.readString(REPOSITORY.resolve("conf-samples/scripts/SIGNATURE.LUA")));
        assertThat(manifest).content().containsOnlyOnce("ROUTING.LUA\n").containsOnlyOnce("SIGNATURE.LUA\n");
    }

    @Test
    void aMissingKeystoreIsLeftToTheOperator() throws Exception {
        Files.delete(conf.resolve("keystore"));

        DeployScript deployed = deploy();

        assertThat(deployed.exitCode).isEqualTo(3);
        assertThat(deployed.output)
                .contains("ACTION NEEDED: the TLS listeners read conf/keystore")
                // keytool's default validity is 90 days: a keystore made as told must not lapse unnoticed
                .contains("-validity 3650");
    }

    private DeployScript deploy() throws IOException, InterruptedException {
        return DeployScript.run(REPOSITORY, james, JAR);
    }

    private static String property(String name) {
        return Objects.requireNonNull(System.getProperty(name), name + ": set by the module's pom (mvn verify)");
    }
}
