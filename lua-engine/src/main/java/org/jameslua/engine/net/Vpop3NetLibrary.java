package org.jameslua.engine.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jameslua.engine.lib.Functions;
import org.jameslua.engine.lib.InstanceContext;
import org.jameslua.engine.lib.LuaLibrary;
import org.jameslua.engine.lib.ScriptText;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.xbill.DNS.Type;

/**
 * The {@code VPOP3Net.*} helpers: {@code GetDNSRecords}, {@code GetHTTP} and {@code GetWHOIS}. Each waits
 * no longer than the smaller of {@link NetConfig#timeout()} and what is left of the call's time budget, and
 * then fails the call if the budget ran out; a server that never answers gives the function's failure return.
 *
 * <p>All three are refused in safety mode ({@link org.jameslua.engine.lib.Sandbox}) although the manual's list of
 * safety-mode functions does not name them: a deliberate extension, so scripts users write cannot reach the network.
 *
 * <p>Strings from the network reach Lua byte for byte (Java strings here hold one char per byte).
 */
public final class Vpop3NetLibrary implements LuaLibrary {
    /** Record types the manual names in the {@code Type} field; other types are given as their number. */
    private static final Map<Integer, String> TYPE_NAMES = Map.of(
            Type.A,
            "A",
            Type.NS,
            "NS",
            Type.CNAME,
            "CNAME",
            Type.MX,
            "MX",
            Type.TXT,
            "TXT",
            Type.PTR,
            "PTR",
            Type.SOA,
            "SOA",
            Type.SRV,
            "SRV");

    private static final LuaString VPOP3_NET = LuaValue.valueOf("VPOP3Net");
    private static final LuaString GET_DNS_RECORDS = LuaValue.valueOf("GetDNSRecords");
    private static final LuaString GET_HTTP = LuaValue.valueOf("GetHTTP");
    private static final LuaString GET_WHOIS = LuaValue.valueOf("GetWHOIS");

    @Override
    public void install(Globals globals, InstanceContext context) {
        LuaTable net = new LuaTable(0, 3);
        net.rawset(GET_DNS_RECORDS, Functions.of("GetDNSRecords", context, Vpop3NetLibrary::getDnsRecords));
        net.rawset(GET_HTTP, Functions.of("GetHTTP", context, Vpop3NetLibrary::getHttp));
        net.rawset(GET_WHOIS, Functions.of("GetWHOIS", context, Vpop3NetLibrary::getWhois));
        globals.rawset(VPOP3_NET, net);
    }

    /**
     * {@code GetDNSRecords(domain, type [, "server;server"])}: {@code TABLE, true}, or {@code code, false} with
     * the DNS error code of the last server that answered (3 for a name that does not exist), or -1 when no
     * server answered in time. Without a list (or with one naming no server) the configured servers are
     * asked, else the system's. Each entry of TABLE has {@code Domain}, {@code Section} ("AN", "NS", "AR"),
     * {@code Type} (the manual's names A, NS, CNAME, MX, TXT, PTR, SOA, SRV; the number for other types),
     * {@code TTL}, {@code Value} (formats in {@link DnsRecord}), {@code MXPriority} for MX, and the SOA fields.
     * Extensions: servers may be given as {@code address:port}; for type 12 (PTR) the domain may be a plain
     * IP address, which is reversed into its {@code in-addr.arpa} or {@code ip6.arpa} name.
     */
    private static Varargs getDnsRecords(InstanceContext context, Varargs args) {
        String domain = ScriptText.name(args, 1);
        int type = args.checkint(2);
        List<InetSocketAddress> servers;
        try {
            servers = DnsServers.parse(ScriptText.name(args, 3, ""));
        } catch (IllegalArgumentException e) {
            throw new LuaError("bad argument #3 to 'GetDNSRecords' (" + e.getMessage() + ")");
        }
        NetConfig config = context.net();
        DnsLookup lookup = servers.isEmpty() ? DnsLookup.using(config) : new DnsLookup(servers, config.timeout());
        if (type == Type.PTR) {
            domain = HostPort.ipLiteral(domain).map(ReverseName::of).orElse(domain);
        }
        DnsAnswer answer;
        try {
            answer = lookup.lookup(domain, type, waitAllowed(context));
        } catch (IllegalArgumentException e) {
            throw new LuaError("bad argument to 'GetDNSRecords' (" + e.getMessage() + ")");
        }
        context.budget().checkTime();
        if (answer instanceof DnsAnswer.Records) {
            DnsAnswer.Records found = (DnsAnswer.Records) answer;
            return LuaValue.varargsOf(records(found.records()), LuaValue.TRUE);
        }
        return LuaValue.varargsOf(LuaValue.valueOf(((DnsAnswer.Failed) answer).code()), LuaValue.FALSE);
    }

    /**
     * {@code GetHTTP(url)}: {@code true, TABLE} once a status line and headers arrived, whatever the status (a
     * 404 is a retrieved page), or {@code false, nil, detail} when none did (the detail is an extension).
     * TABLE: {@code Host}, {@code File} (path and query), {@code Headers} (the header lines as received, the
     * status line left out), {@code Body} (the lines of the body, endings removed), {@code ErrorInfo} (why the
     * body may be incomplete, "" when it is not), {@code HTTPResult}, {@code StatedLength} (Content-Length,
     * -1 without one), {@code ActualLength} (bytes of body kept). Redirects are not followed; the whole
     * exchange shares one timeout, and a body over {@link NetConfig#maxResponseBytes()} is cut there.
     */
    private static Varargs getHttp(InstanceContext context, Varargs args) {
        String url = ScriptText.name(args, 1);
        HttpPage page;
        try {
            page = new HttpGet(timeout(context), context.net().maxResponseBytes()).fetch(url);
        } catch (IllegalArgumentException e) {
            throw new LuaError("bad argument #1 to 'GetHTTP' (" + e.getMessage() + ")");
        } catch (IOException e) {
            context.budget().checkTime();
            return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.NIL, LuaValue.valueOf(detail(e)));
        }
        context.budget().checkTime();
        LuaTable table = new LuaTable();
        table.set("Host", page.host());
        table.set("File", page.file());
        table.set(
                "Headers",
                sequence(page.headers().stream().map(Vpop3NetLibrary::bytes).collect(Collectors.toUnmodifiableList())));
        table.set("Body", sequence(lines(page.body())));
        table.set("ErrorInfo", page.errorInfo());
        table.set("HTTPResult", page.status());
        table.set("StatedLength", LuaValue.valueOf((double) page.statedLength()));
        table.set("ActualLength", page.actualLength());
        return LuaValue.varargsOf(LuaValue.TRUE, table);
    }

    /**
     * {@code GetWHOIS(server, query)}: {@code true, data}, or {@code false, detail} when the server gave no
     * complete answer (closed the connection) within the timeout and {@link NetConfig#maxResponseBytes()}.
     * The server may be given as {@code host:port}; the port is 43 otherwise.
     */
    private static Varargs getWhois(InstanceContext context, Varargs args) {
        HostPort server;
        try {
            server = HostPort.parse(ScriptText.name(args, 1), WhoisQuery.PORT);
        } catch (IllegalArgumentException e) {
            throw new LuaError("bad argument #1 to 'GetWHOIS' (" + e.getMessage() + ")");
        }
        LuaString query = args.checkstring(2);
        byte[] queryBytes = new byte[query.length()];
        query.copyInto(0, queryBytes, 0, queryBytes.length);
        byte[] data;
        try {
            data = new WhoisQuery(timeout(context), context.net().maxResponseBytes()).ask(server, queryBytes);
        } catch (IOException e) {
            context.budget().checkTime();
            return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf(detail(e)));
        }
        context.budget().checkTime();
        context.budget().checkStringLength(data.length);
        return LuaValue.varargsOf(LuaValue.TRUE, LuaValue.valueOf(data));
    }

    private static Duration timeout(InstanceContext context) {
        Duration configured = context.net().timeout();
        Duration left = waitAllowed(context);
        return configured.compareTo(left) <= 0 ? configured : left;
    }

    /** What is left of the call's time, for a wait that starts now (see {@link org.jameslua.engine.lib.Budget#beforeWait}). */
    private static Duration waitAllowed(InstanceContext context) {
        return Duration.ofNanos(Math.max(0, context.budget().beforeWait()));
    }

    private static LuaTable records(List<DnsRecord> records) {
        LuaTable table = new LuaTable(records.size(), 0);
        for (int i = 0; i < records.size(); i++) {
            table.rawset(i + 1, entry(records.get(i)));
        }
        return table;
    }

    private static LuaTable entry(DnsRecord record) {
        LuaTable entry = new LuaTable();
        entry.set("Domain", bytes(record.domain()));
        entry.set("Section", record.section().name());
        String typeName = TYPE_NAMES.get(record.type());
        entry.set("Type", typeName != null ? LuaValue.valueOf(typeName) : LuaValue.valueOf(record.type()));
        entry.set("TTL", LuaValue.valueOf((double) record.ttl()));
        entry.set("Value", bytes(record.value()));
        record.mxPriority().ifPresent(priority -> entry.set("MXPriority", priority));
        record.soa().ifPresent(soa -> {
            entry.set("Serial", LuaValue.valueOf((double) soa.serial()));
            entry.set("Refresh", LuaValue.valueOf((double) soa.refresh()));
            entry.set("Retry", LuaValue.valueOf((double) soa.retry()));
            entry.set("Expiry", LuaValue.valueOf((double) soa.expiry()));
            entry.set("MinimumTTL", LuaValue.valueOf((double) soa.minimumTtl()));
            entry.set("PrimaryNS", bytes(soa.primaryNs()));
            entry.set("ResponsibleEmail", bytes(soa.responsibleEmail()));
        });
        return entry;
    }

    /** The body's lines, split at LF with a CR before it dropped; a last line without an ending counts too. */
    private static List<LuaValue> lines(byte[] body) {
        List<LuaValue> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                lines.add(LuaString.valueOf(body, start, end - start));
                start = i + 1;
            }
        }
        if (start < body.length) {
            lines.add(LuaString.valueOf(body, start, body.length - start));
        }
        return lines;
    }

    private static LuaTable sequence(List<LuaValue> values) {
        LuaTable table = new LuaTable(values.size(), 0);
        for (int i = 0; i < values.size(); i++) {
            table.rawset(i + 1, values.get(i));
        }
        return table;
    }

    private static LuaValue bytes(String oneCharPerByte) {
        return LuaValue.valueOf(oneCharPerByte.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String detail(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
