package org.jameslua.server.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's mailetcontainer.xml with the outgoing side made quick enough for a test: held mail comes back
 * after {@code holdDelay}, and the RemoteDelivery of relay and of each priority class retries after a second and
 * gives up after two retries.
 */
public final class OutboundConf {
    private static final String MX_OUT = """
            <mailet match="All" class="org.jameslua.mailets.MxOutMailet">
                            <holdDelay>15 minutes</holdDelay>
                            <lastTryProcessor>relay-last-try</lastTryProcessor>""";

    private OutboundConf() {}

    /** MXOUT.LUA in the relay processor, as shipped. */
    public static Path mxOut(Path directory, String holdDelay) {
        return ConfTemplate.bundledWithReplaced(
                directory, "mailetcontainer.xml", quick(MX_OUT.replace("15 minutes", holdDelay)));
    }

    /** RELAYOUT.LUA in the relay processor instead of MXOUT.LUA, as the sample's comment says for a relay. */
    public static Path relayOut(Path directory, String holdDelay) {
        return ConfTemplate.bundledWithReplaced(directory, "mailetcontainer.xml", quick("""
                <mailet match="All" class="org.jameslua.mailets.RelayOutMailet">
                                <holdDelay>%s</holdDelay>""".formatted(holdDelay)));
    }

    private static Map<String, String> quick(String outgoingCheck) {
        Map<String, String> replacements = new LinkedHashMap<>();
        replacements.put(MX_OUT, outgoingCheck);
        for (String queue : new String[] {"outgoing", "outgoing-high", "outgoing-low"}) {
            String retries = """
                    <outgoing>%s</outgoing>
                                    <delayTime>%s</delayTime>
                                    <maxRetries>%d</maxRetries>""";
            replacements.put(
                    retries.formatted(queue, "5000, 100000, 500000", 3), retries.formatted(queue, "1 second", 2));
        }
        return replacements;
    }
}
