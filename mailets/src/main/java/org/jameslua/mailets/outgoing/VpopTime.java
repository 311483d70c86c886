package org.jameslua.mailets.outgoing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as the manual writes them to scripts: {@code YYYYMMDDHHMMSS}, in the server's time zone. */
public final class VpopTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private VpopTime() {}

    public static String format(Instant time, ZoneId zone) {
        return FORMAT.format(time.atZone(zone));
    }
}
