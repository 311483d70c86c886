package org.jameslua.mailets.outgoing;

/**
 * VPOP3's sending priority (default 50, larger sent first) as James's {@code MAIL_PRIORITY} mail attribute
 * (0 to 9, larger sent first, 5 normal). The default stays normal, and a priority above or below the default
 * stays above or below it, since VPOP3 sends every message of a higher priority first:
 *
 * <pre>
 *  VPOP3:  below 10 | 10-19 | 20-29 | 30-39 | 40-49 | 50 | 51-62.5 | -75 | -87.5 | above 87.5
 *  James:      0    |   1   |   2   |   3   |   4   |  5 |    6    |  7  |   8   |     9
 * </pre>
 */
public final class QueuePriority {
    static final double DEFAULT = 50;

    private QueuePriority() {}

    public static int of(double priority) {
        if (priority > DEFAULT) {
            return Math.min(9, 5 + (int) Math.ceil((priority - DEFAULT) / 12.5));
        }
        if (priority < DEFAULT) {
            return Math.max(0, (int) Math.floor(priority / 10));
        }
        return 5;
    }
}
