package org.jameslua.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an operator whose mail leaves through a relay server adds to the deployed mailetcontainer.xml: a
 * {@code <gateway>} in every RemoteDelivery (relay's, each priority class's, the last try's), here the test's
 * loopback server, so no mail of the test goes to a real MX.
 */
final class RelayGateway {
    private static final String REMOTE_DELIVERY = "<mailet match=\"All\" class=\"RemoteDelivery\">";

    private RelayGateway() {}

    static void pointEveryRemoteDeliveryAt(Path james, int port) throws IOException {
        Path file = james.resolve("conf/mailetcontainer.xml");
        String conf = Files.readString(file);
        if (!conf.contains("org.jameslua.mailets.MxOutMailet") || !conf.contains(REMOTE_DELIVERY)) {
            throw new IllegalStateException(file + " is not the pack's sample: no MxOutMailet or RemoteDelivery");
        }
        Files.writeString(
                file,
                conf.replace(
                        REMOTE_DELIVERY,
                        REMOTE_DELIVERY
                                + "\n                <gateway>" + LoopbackConf.HOST + "</gateway>"
                                + "\n                <gatewayPort>" + port + "</gatewayPort>"));
    }
}
