package org.jameslua.smtp.rbl;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jameslua.engine.LuaSequences;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.LuaPackSettings;
import org.jameslua.smtp.globals.GlobalValues;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The manual's "Enterprise" RBL globals. The manual names them without saying what each does; the pack's
 * meaning, all IN/OUT and read back after every callback:
 *
 * <ul>
 *   <li>{@code CheckRBL} (boolean): whether the client is looked up at all. Starts true, except for
 *       clients allowed to relay (LocalClientAddress), which James's own DNSRBLHandler does not check either.</li>
 *   <li>{@code RBLServers} (table of zones, e.g. {@code "zen.spamhaus.org"}): the DNS blocklists asked,
 *       from {@code rbl.servers}; {@code RBLWhitelist} (table of patterns): client IP addresses never looked
 *       up, {@code *} and {@code ?} wildcards, from {@code rbl.whitelist}; {@code RBLCheckAllServers}
 *       (boolean, false): ask every list instead of stopping at the first that lists the client. These three
 *       are meant for Start(), which runs before the lookups.</li>
 *   <li>{@code RBLFound} (boolean): set after the lookups, true when a list named the client;
 *       {@code RBLResultInfo}: zone to the listing's address as one number, first octet lowest
 *       (127.0.0.1 is 16777343), for the lists that named the client.</li>
 *   <li>What happens to a listed client that has not authenticated, checked in this order:
 *       {@code RBLAccept} (false) true: nothing; {@code RBLBlackhole} (false) true: its messages are accepted
 *       and thrown away; {@code RBLRedirect} ({@code ""}) an address: its messages go there instead of to
 *       their recipients; otherwise every RCPT TO is refused with {@code RBLRejectMessage} (an SMTP reply,
 *       by default {@code 550 5.7.1} with the client's address).</li>
 *   <li>{@code RBLHeader} ({@code ""}): a whole header line, e.g. {@code "X-RBL: listed"}, added to every
 *       message a listed client sends.</li>
 * </ul>
 */
public final class RblGlobals {
    static final String CHECK_RBL = "CheckRBL";
    static final String SERVERS = "RBLServers";
    static final String WHITELIST = "RBLWhitelist";
    static final String CHECK_ALL_SERVERS = "RBLCheckAllServers";
    static final String FOUND = "RBLFound";
    static final String RESULT_INFO = "RBLResultInfo";
    static final String ACCEPT = "RBLAccept";
    static final String BLACKHOLE = "RBLBlackhole";
    static final String REDIRECT = "RBLRedirect";
    static final String REJECT_MESSAGE = "RBLRejectMessage";
    static final String HEADER = "RBLHeader";

    private boolean check;
    private List<String> servers = List.of();
    private List<String> whitelist = List.of();
    private boolean checkAll;
    private boolean found;
    private boolean accept;
    private boolean blackhole;
    private String redirect = "";
    private String rejectMessage = "";
    private String header = "";

    public void install(ScriptInstance instance, LuaPackSettings settings, String clientAddress, boolean localClient) {
        check = !localClient;
        servers = settings.rblServers();
        whitelist = settings.rblWhitelist();
        rejectMessage = "550 5.7.1 Rejected: " + clientAddress + " is listed by a DNS blocklist";
        instance.set(CHECK_RBL, LuaValue.valueOf(check));
        instance.set(SERVERS, LuaSequences.of(servers));
        instance.set(WHITELIST, LuaSequences.of(whitelist));
        instance.set(CHECK_ALL_SERVERS, LuaValue.valueOf(checkAll));
        instance.set(FOUND, LuaValue.valueOf(found));
        instance.set(RESULT_INFO, new LuaTable());
        instance.set(ACCEPT, LuaValue.valueOf(accept));
        instance.set(BLACKHOLE, LuaValue.valueOf(blackhole));
        instance.set(REDIRECT, LuaValue.valueOf(redirect));
        instance.set(REJECT_MESSAGE, LuaValue.valueOf(rejectMessage));
        instance.set(HEADER, LuaValue.valueOf(header));
    }

    /**
     * Whether the lookups are due with the globals as {@link #install} gives them, before any callback could change
     * them: for a session whose script defines none of the callbacks that run before the lookups.
     */
    public static boolean dueAtStart(LuaPackSettings settings, String clientAddress, boolean localClient) {
        return RblCheck.due(clientAddress, !localClient, settings.rblServers(), settings.rblWhitelist());
    }

    public void readBack(ScriptInstance instance, Consumer<String> report) {
        check = GlobalValues.bool(instance, CHECK_RBL, check, report);
        servers = GlobalValues.strings(instance, SERVERS, servers, report);
        whitelist = GlobalValues.strings(instance, WHITELIST, whitelist, report);
        checkAll = GlobalValues.bool(instance, CHECK_ALL_SERVERS, checkAll, report);
        found = GlobalValues.bool(instance, FOUND, found, report);
        accept = GlobalValues.bool(instance, ACCEPT, accept, report);
        blackhole = GlobalValues.bool(instance, BLACKHOLE, blackhole, report);
        redirect = GlobalValues.string(instance, REDIRECT, redirect, report);
        rejectMessage = GlobalValues.string(instance, REJECT_MESSAGE, rejectMessage, report);
        header = GlobalValues.string(instance, HEADER, header, report);
    }

    /** Publishes the lookups' outcome: RBLFound, and RBLResultInfo (zone to address number). */
    public void results(ScriptInstance instance, Map<String, Long> listings) {
        found = !listings.isEmpty();
        LuaTable info = new LuaTable();
        listings.forEach((zone, address) -> info.set(zone, LuaValue.valueOf(address)));
        instance.set(FOUND, LuaValue.valueOf(found));
        instance.set(RESULT_INFO, info);
    }

    boolean check() {
        return check;
    }

    List<String> servers() {
        return servers;
    }

    List<String> whitelist() {
        return whitelist;
    }

    boolean checkAll() {
        return checkAll;
    }

    boolean found() {
        return found;
    }

    boolean accept() {
        return accept;
    }

    boolean blackhole() {
        return blackhole;
    }

    String redirect() {
        return redirect;
    }

    String rejectMessage() {
        return rejectMessage;
    }

    String header() {
        return header;
    }
}
