package org.jameslua.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development server runs the operator's files of conf-samples/james-conf with a short, known list of changes. */
class DevelopmentOverridesTest {

    @TempDir
    Path conf;

    @BeforeEach
    void operatorsFiles() throws IOException {
        try (Stream<Path> files = Files.list(BundledConf.defaultTemplate())) {
            for (Path file : files.toList()) {
                Files.copy(file, conf.resolve(file.getFileName().toString()));
            }
        }
        new DevelopmentOverrides(
                        "127.0.0.1",
                        2525,
                        "example.local",
                        "192.0.2.0/24",
                        Path.of("/srv/scripts"),
                        Map.of("script.failure", "tempfail"))
                .applyTo(conf);
    }

    @Test
    void smtpKeepsOnePlainListenerWithThePacksHandlerChain() {
        assertThat(conf.resolve("smtpserver.xml"))
                .content()
                .containsOnlyOnce("<smtpserver ")
                .contains(
                        "<bind>127.0.0.1:2525</bind>",
                        "<tls socketTLS=\"false\" startTLS=\"false\">",
                        "<helloName autodetect=\"false\">mail.example.local</helloName>",
                        "<smtpGreeting>" + DevelopmentOverrides.GREETING + "</smtpGreeting>",
                        "<announce>always</announce>",
                        "<authorizedAddresses>192.0.2.0/24</authorizedAddresses>",
                        "<gracefulShutdown>false</gracefulShutdown>",
                        "coreHandlersPackage=\"org.jameslua.smtp.LuaSmtpHandlers\"",
                        "<!-- james-lua: SMTPSVR.LUA -->")
                .doesNotContain(":465<", ":587<");
    }

    @Test
    void mailForOtherServersIsCapturedAndTheRestOfThePipelineStays() {
        assertThat(conf.resolve("mailetcontainer.xml"))
                .content()
                .doesNotContain("class=\"RemoteDelivery\"")
                .contains("<repositoryPath>" + DevelopmentOverrides.OUTBOUND + "</repositoryPath>")
                .contains(
                        "org.jameslua.mailets.MxOutMailet",
                        "org.jameslua.mailets.UserRedirectMailet",
                        "org.jameslua.matchers.LuaMatcher=ROUTING.LUA:IsBulk",
                        "<postmaster>postmaster</postmaster>");
    }

    @Test
    void withAnOutboundGatewayEveryRemoteDeliveryStaysAndSendsThroughIt(@TempDir Path gatewayConf) throws IOException {
        try (Stream<Path> files = Files.list(BundledConf.defaultTemplate())) {
            for (Path file : files.toList()) {
                Files.copy(file, gatewayConf.resolve(file.getFileName().toString()));
            }
        }
        new DevelopmentOverrides(
                        "127.0.0.1",
                        2525,
                        "example.local",
                        "127.0.0.0/8",
                        Path.of("/srv/scripts"),
                        Map.of(),
                        Optional.of(new DevelopmentOverrides.Gateway("127.0.0.1", 2626)),
                        false,
                        Map.of())
                .applyTo(gatewayConf);

        String mailetContainer = Files.readString(gatewayConf.resolve("mailetcontainer.xml"));
        assertThat(mailetContainer).doesNotContain(DevelopmentOverrides.OUTBOUND);
        // relay's, relay-high's, relay-low's and relay-last-try's
        assertThat(mailetContainer.split("class=\"RemoteDelivery\"", -1)).hasSize(5);
        assertThat(mailetContainer.split("<gateway>127.0.0.1</gateway>", -1)).hasSize(5);
        assertThat(mailetContainer.split("<gatewayPort>2626</gatewayPort>", -1)).hasSize(5);
    }

    @Test
    void packSettingsAreSetAndTheirCommentsKept() {
        assertThat(conf.resolve("james-lua.properties"))
                .content()
                .contains(
                        "scripts.folder=" + Path.of("/srv/scripts").toAbsolutePath(),
                        "script.failure=tempfail",
                        "limit.time.ms=10000",
                        "# The VPOP3 folder");
        assertThat(conf.resolve("extensions.properties"))
                .content()
                .contains("guice.extension.module=org.jameslua.james.LuaPackModule");
    }
}
