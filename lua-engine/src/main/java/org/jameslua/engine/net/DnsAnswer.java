package org.jameslua.engine.net;

import java.util.List;

/** What a {@link DnsLookup} came back with: the records of an answer, or the reason there is none. */
public interface DnsAnswer {
    /** The failure code when no server answered within the time allowed (DNS codes are never negative). */
    int NO_SERVER_ANSWERED = -1;

    /** A server answered without error; the records of all three sections, answer section first. */
    final class Records implements DnsAnswer {
        private final List<DnsRecord> records;

        public Records(List<DnsRecord> records) {
            records = List.copyOf(records);
            this.records = records;
        }

        public List<DnsRecord> records() {
            return records;
        }
    }

    /**
     * No records: the DNS error code (RCODE) of the last server that answered, 3 (NXDOMAIN) for a name that
     * does not exist, or {@link #NO_SERVER_ANSWERED}.
     */
    final class Failed implements DnsAnswer {
        private final int code;

        public Failed(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
