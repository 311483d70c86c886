package org.jameslua.smtp.rbl;

import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.jameslua.james.message.HeaderLines;
import org.jameslua.james.script.Addresses;
import org.jameslua.james.script.BadReturn;
import org.jameslua.smtp.data.DefaultDomain;
import org.jameslua.smtp.data.MessageHeaders;
import org.jameslua.smtp.reply.Verdicts;
import org.jameslua.smtp.session.ScriptSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the RBL globals say about a listed client's message, after ProcessMessage (see {@link RblGlobals}):
 * RBLBlackhole throws it away, RBLRedirect sends it there instead of to its recipients, and RBLHeader is
 * added to it.
 */
public class RblMessageHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(RblMessageHook.class);

    private final DomainList domains;

    @Inject
    public RblMessageHook(DomainList domains) {
        this.domains = domains;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<ScriptSession> found = ScriptSession.of(session);
        if (found.isEmpty() || !found.get().rbl().found()) {
            return HookResult.DECLINED;
        }
        ScriptSession scriptSession = found.get();
        if (RblPolicy.blackholes(scriptSession)) {
            LOGGER.info(
                    "Mail {} from RBL-listed {} thrown away (RBLBlackhole)",
                    mail.getName(),
                    scriptSession.clientAddress());
            return Verdicts.DISCARD;
        }
        Optional<String> redirect = RblPolicy.redirect(scriptSession);
        if (redirect.isPresent()) {
            try {
                mail.setRecipients(List.of(Addresses.withDefaultDomain(DefaultDomain.of(domains))
                        .parse(redirect.get(), RblGlobals.REDIRECT)));
            } catch (BadReturn e) {
                scriptSession.badReturn(RblGlobals.REDIRECT, e.getMessage());
            }
        }
        String header = scriptSession.rbl().header();
        if (!header.isBlank()) {
            try {
                MessageHeaders.add(session, HeaderLines.parse(header));
            } catch (BadReturn e) {
                scriptSession.badReturn(RblGlobals.HEADER, e.getMessage());
            }
        }
        return HookResult.DECLINED;
    }
}
