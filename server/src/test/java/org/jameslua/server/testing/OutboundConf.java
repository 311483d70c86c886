package org.jameslua.server.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's mailetcontainer.xml with the outgoing side made quick enough for a test: held mail comes back
 * after {@code holdDelay}, RemoteDelivery retries after a second and gives up after two retries, and delivers one
 * mail at a time (so that the order of its queue is the order mail reaches the loopback server).
 */
public final class OutboundConf {
    private static final String MX_OUT = """
            <mailet match="All" class="org.jameslua.mailets.MxOutMailet">
                            <holdDelay>15 minutes</holdDelay>
                            <lastTryProcessor>relay-last-try</lastTryProcessor>""";

    private OutboundConf() {
    }

    /** MXOUT.LUA in the relay processor, as shipped. */
    public static Path mxOut(Path directory, String holdDelay) {
        return ConfTemplate.bundledWithReplaced(directory, "mailetcontainer.xml", quick(MX_OUT.replace(
                "15 minutes", holdDelay)));
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
        replacements.put("<delayTime>5000, 100000, 500000</delayTime>", "<delayTime>1 second</delayTime>");
        replacements.put("<maxRetries>3</maxRetries>", "<maxRetries>2</maxRetries>");
        replacements.put("<deliveryThreads>10</deliveryThreads>", "<deliveryThreads>1</deliveryThreads>");
        return replacements;
    }
}
