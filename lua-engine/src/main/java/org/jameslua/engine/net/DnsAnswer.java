package org.jameslua.engine.net;

import java.util.List;
import java.util.Objects;

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

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Records)) {
                return false;
            }
            Records that = (Records) other;
            return Objects.equals(records, that.records);
        }

        @Override
        public int hashCode() {
            return Objects.hash(records);
        }

        @Override
        public String toString() {
            return "Records[records=" + records + "]";
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

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Failed)) {
                return false;
            }
            Failed that = (Failed) other;
            return code == that.code;
        }

        @Override
        public int hashCode() {
            return Objects.hash(code);
        }

        @Override
        public String toString() {
            return "Failed[code=" + code + "]";
        }
    }
}
