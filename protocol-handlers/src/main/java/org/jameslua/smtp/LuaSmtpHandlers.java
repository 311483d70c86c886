package org.jameslua.smtp;

import java.util.ArrayList;
import java.util.List;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.CommandHandlerResultLogger;
import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.smtp.core.ExpnCmdHandler;
import org.apache.james.protocols.smtp.core.HeloCmdHandler;
import org.apache.james.protocols.smtp.core.HelpCmdHandler;
import org.apache.james.protocols.smtp.core.NoopCmdHandler;
import org.apache.james.protocols.smtp.core.PostmasterAbuseRcptHook;
import org.apache.james.protocols.smtp.core.QuitCmdHandler;
import org.apache.james.protocols.smtp.core.ReceivedDataLineFilter;
import org.apache.james.protocols.smtp.core.RsetCmdHandler;
import org.apache.james.protocols.smtp.core.UnknownCmdHandler;
import org.apache.james.protocols.smtp.core.VrfyCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.AuthCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.EhloCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.StartTlsCmdHandler;
import org.apache.james.protocols.smtp.core.log.HookResultLogger;
import org.apache.james.smtpserver.AddDefaultAttributesMessageHook;
import org.apache.james.smtpserver.AuthRequiredToRelayRcptHook;
import org.apache.james.smtpserver.CoreCmdHandlerLoader;
import org.apache.james.smtpserver.DataLineJamesMessageHookHandler;
import org.apache.james.smtpserver.JamesDataCmdHandler;
import org.apache.james.smtpserver.JamesMailCmdHandler;
import org.apache.james.smtpserver.JamesRcptCmdHandler;
import org.apache.james.smtpserver.SendMailHandler;
import org.apache.james.smtpserver.SenderAuthIdentifyVerificationHook;
import org.apache.james.smtpserver.UsersRepositoryAuthHook;
import org.jameslua.smtp.data.MessageHeaders;
import org.jameslua.smtp.data.ScriptDataStart;
import org.jameslua.smtp.data.ScriptMessageHook;
import org.jameslua.smtp.envelope.AllowedUsersAuthHook;
import org.jameslua.smtp.envelope.CommandRecorder;
import org.jameslua.smtp.envelope.ScriptHeloHook;
import org.jameslua.smtp.envelope.ScriptMailHook;
import org.jameslua.smtp.envelope.ScriptRcptHook;
import org.jameslua.smtp.rbl.RblMessageHook;
import org.jameslua.smtp.reply.MessageReplies;
import org.jameslua.smtp.reply.ScriptReplies;
import org.jameslua.smtp.session.ScriptBanner;
import org.jameslua.smtp.session.ScriptSessionEnd;
import org.jameslua.smtp.session.ScriptSessionStart;
import org.jameslua.smtp.session.SessionSizeLimit;

/**
 * James's core SMTP handlers with SMTPSVR.LUA woven in, for
 * {@code <handlerchain coreHandlersPackage="org.jameslua.smtp.LuaSmtpHandlers">} in {@code smtpserver.xml}
 * (and {@code guice.extension.module=org.jameslua.james.LuaPackModule} in {@code extensions.properties}).
 *
 * <p>The list is {@link CoreCmdHandlerLoader}'s with two replacements, JamesWelcomeMessageHandler by
 * {@link ScriptBanner} and MailSizeEsmtpExtension by {@link SessionSizeLimit}, and the pack's handlers
 * placed where James consults handlers in list order: before the core ones they must precede (the script
 * sees a command before James's own hooks judge it) and result handlers before the loggers (which then
 * log what the client got). Handlers from {@code <handler>} elements still come before all of these.
 */
public class LuaSmtpHandlers implements HandlersPackage {
    private static final List<String> HANDLERS = List.of(
            // connect: the instance first, then the banner, which may depend on it
            ScriptSessionStart.class.getName(),
            ScriptBanner.class.getName(),
            CommandDispatcher.class.getName(),
            // command handlers run in list order for the same verb
            CommandRecorder.class.getName(),
            ScriptDataStart.class.getName(),
            AuthCmdHandler.class.getName(),
            JamesDataCmdHandler.class.getName(),
            EhloCmdHandler.class.getName(),
            ExpnCmdHandler.class.getName(),
            HeloCmdHandler.class.getName(),
            HelpCmdHandler.class.getName(),
            JamesMailCmdHandler.class.getName(),
            NoopCmdHandler.class.getName(),
            QuitCmdHandler.class.getName(),
            JamesRcptCmdHandler.class.getName(),
            RsetCmdHandler.class.getName(),
            VrfyCmdHandler.class.getName(),
            // EHLO keyword and first data line filter (it sees the end-of-DATA reply of all the others)
            MessageReplies.class.getName(),
            SessionSizeLimit.class.getName(),
            // hooks: the script's before James's, which then still apply
            ScriptHeloHook.class.getName(),
            ScriptMailHook.class.getName(),
            ScriptRcptHook.class.getName(),
            AllowedUsersAuthHook.class.getName(),
            UsersRepositoryAuthHook.class.getName(),
            AuthRequiredToRelayRcptHook.class.getName(),
            SenderAuthIdentifyVerificationHook.class.getName(),
            PostmasterAbuseRcptHook.class.getName(),
            // data line filters: script headers, then Received in front of them, then the mail is built
            ReceivedDataLineFilter.class.getName(),
            DataLineJamesMessageHookHandler.class.getName(),
            StartTlsCmdHandler.class.getName(),
            // message hooks: the script's after James's attributes, then the header lines they add, written once,
            // before SendMailHandler queues the mail
            AddDefaultAttributesMessageHook.class.getName(),
            ScriptMessageHook.class.getName(),
            RblMessageHook.class.getName(),
            MessageHeaders.class.getName(),
            SendMailHandler.class.getName(),
            UnknownCmdHandler.class.getName(),
            ScriptReplies.class.getName(),
            CommandHandlerResultLogger.class.getName(),
            HookResultLogger.class.getName(),
            ScriptSessionEnd.class.getName());

    @Override
    public List<String> getHandlers() {
        return new ArrayList<>(HANDLERS);
    }
}
