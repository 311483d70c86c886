package org.jameslua.engine.net;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;

/**
 * One resource record of a DNS answer, in the shape {@code VPOP3Net.GetDNSRecords} returns. Names come
 * without their trailing dot (the root itself is {@code "."}).
 *
 * @param domain     the record's owner name
 * @param section    the part of the answer it came in
 * @param type       its numeric type (1 for A, 15 for MX, ...)
 * @param ttl        its time to live in seconds
 * @param value      A: the dotted address; MX, NS, CNAME, PTR: the target name; TXT: its strings joined with
 *                   nothing between them, one char per byte (ISO-8859-1); SOA: {@code "primaryNS responsibleEmail
 *                   serial refresh retry expiry minimum"}; SRV: {@code "priority weight port target"};
 *                   anything else: the record data in zone-file form
 * @param mxPriority the preference of an MX record
 * @param soa        the fields of an SOA record
 */
public final class DnsRecord {
    private final String domain;
    private final Section section;
    private final int type;
    private final long ttl;
    private final String value;
    private final OptionalInt mxPriority;
    private final Optional<Soa> soa;

    public DnsRecord(
            String domain,
            Section section,
            int type,
            long ttl,
            String value,
            OptionalInt mxPriority,
            Optional<Soa> soa) {
        this.domain = domain;
        this.section = section;
        this.type = type;
        this.ttl = ttl;
        this.value = value;
        this.mxPriority = mxPriority;
        this.soa = soa;
    }

    /** The sections of a DNS message that hold records, by the codes the manual uses. */
    public enum Section {
        /** the answer section */
        AN(org.xbill.DNS.Section.ANSWER),
        /** the authority section, which holds name servers */
        NS(org.xbill.DNS.Section.AUTHORITY),
        /** the additional section */
        AR(org.xbill.DNS.Section.ADDITIONAL);

        final int number;

        Section(int number) {
            this.number = number;
        }
    }

    /**
     * @param responsibleEmail the zone's contact as an address: the first label of the SOA's mailbox name
     *                         becomes the local part, so {@code hostmaster.example.com} reads
     *                         {@code hostmaster@example.com}
     */
    public static final class Soa {
        private final String primaryNs;
        private final String responsibleEmail;
        private final long serial;
        private final long refresh;
        private final long retry;
        private final long expiry;
        private final long minimumTtl;

        public Soa(
                String primaryNs,
                String responsibleEmail,
                long serial,
                long refresh,
                long retry,
                long expiry,
                long minimumTtl) {
            this.primaryNs = primaryNs;
            this.responsibleEmail = responsibleEmail;
            this.serial = serial;
            this.refresh = refresh;
            this.retry = retry;
            this.expiry = expiry;
            this.minimumTtl = minimumTtl;
        }

        public String primaryNs() {
            return primaryNs;
        }

        public String responsibleEmail() {
            return responsibleEmail;
        }

        public long serial() {
            return serial;
        }

        public long refresh() {
            return refresh;
        }

        public long retry() {
            return retry;
        }

        public long expiry() {
            return expiry;
        }

        public long minimumTtl() {
            return minimumTtl;
        }
    }

    static DnsRecord of(Record record, Section section) {
        OptionalInt mxPriority = OptionalInt.empty();
        Optional<Soa> soa = Optional.empty();
        String value;
        if (record instanceof ARecord) {
            ARecord a = (ARecord) record;
            value = a.getAddress().getHostAddress();
        } else if (record instanceof MXRecord) {
            MXRecord mx = (MXRecord) record;
            value = text(mx.getTarget());
            mxPriority = OptionalInt.of(mx.getPriority());
        } else if (record instanceof NSRecord) {
            NSRecord ns = (NSRecord) record;
            value = text(ns.getTarget());
        } else if (record instanceof CNAMERecord) {
            CNAMERecord cname = (CNAMERecord) record;
            value = text(cname.getTarget());
        } else if (record instanceof PTRRecord) {
            PTRRecord ptr = (PTRRecord) record;
            value = text(ptr.getTarget());
        } else if (record instanceof TXTRecord) {
            TXTRecord txt = (TXTRecord) record;
            StringBuilder joined = new StringBuilder();
            txt.getStringsAsByteArrays()
                    .forEach(bytes -> joined.append(new String(bytes, StandardCharsets.ISO_8859_1)));
            value = joined.toString();
        } else if (record instanceof SOARecord) {
            SOARecord s = (SOARecord) record;
            Soa fields = new Soa(
                    text(s.getHost()),
                    email(s.getAdmin()),
                    s.getSerial(),
                    s.getRefresh(),
                    s.getRetry(),
                    s.getExpire(),
                    s.getMinimum());
            soa = Optional.of(fields);
            value = String.join(
                    " ",
                    fields.primaryNs(),
                    fields.responsibleEmail(),
                    Long.toString(fields.serial()),
                    Long.toString(fields.refresh()),
                    Long.toString(fields.retry()),
                    Long.toString(fields.expiry()),
                    Long.toString(fields.minimumTtl()));
        } else if (record instanceof SRVRecord) {
            SRVRecord srv = (SRVRecord) record;
            value = srv.getPriority() + " " + srv.getWeight() + " " + srv.getPort() + " " + text(srv.getTarget());
        } else {
            value = record.rdataToString();
        }
        return new DnsRecord(
                text(record.getName()), section, record.getType(), record.getTTL(), value, mxPriority, soa);
    }

    static String text(Name name) {
        return name.toString(true);
    }

    private static String email(Name mailbox) {
        if (mailbox.labels() < 2) {
            return text(mailbox);
        }
        byte[] label = mailbox.getLabel(0);
        String local = new String(label, 1, label.length - 1, StandardCharsets.ISO_8859_1);
        Name domain = new Name(mailbox, 1);
        return domain.equals(Name.root) ? local : local + "@" + text(domain);
    }

    public String domain() {
        return domain;
    }

    public Section section() {
        return section;
    }

    public int type() {
        return type;
    }

    public long ttl() {
        return ttl;
    }

    public String value() {
        return value;
    }

    public OptionalInt mxPriority() {
        return mxPriority;
    }

    public Optional<Soa> soa() {
        return soa;
    }
}
