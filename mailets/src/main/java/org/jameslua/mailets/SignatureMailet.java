package org.jameslua.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.jameslua.engine.LuaEngine;
import org.jameslua.james.message.MessageReplacement;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.ScriptFailedException;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.mail.MailFacts;
import org.jameslua.mailets.mail.ScriptErrorParameter;
import org.jameslua.mailets.mail.UncompiledScriptPolicy;
import org.jameslua.mailets.signature.SignatureDefaults;
import org.jameslua.mailets.signature.Signatures;
import org.jameslua.mailets.signature.SignedMessageBytes;
import org.jameslua.mailets.signature.SignedParts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VPOP3's signature script, {@code SIGNATURE.LUA}: signs mail local users send, with what
 * {@code GetSignature(format, authUser, sender)} answers for each format the message has a text part of (see
 * {@link Signatures} and {@link SignedParts}). {@code authUser} is the SMTP AUTH user James recorded
 * ({@code ""} without authentication), {@code sender} the envelope sender.
 *
 * <p>Which mail is "sent by a local user" is the matcher's choice, for example {@code SMTPAuthSuccessful} or
 * {@code SenderIsLocal}. Parameters: {@code script} (default {@code SIGNATURE.LUA}), {@code signature} (the
 * default plain-text signature; none when empty) and {@code htmlSignature} (the default HTML signature; by
 * default the plain one, escaped).
 *
 * <p>Only the signed parts change ({@link SignedMessageBytes}): the header keeps its fields, their order and bytes,
 * no Message-ID, Date or MIME-Version is added that the sender did not send, and a part keeps its transfer encoding
 * whenever the signed text fits it. A message whose parts cannot be read is passed on unsigned rather than failed.
 * When GetSignature fails or answers something unusable (logged to {@code LUAERRORS.LOG}), {@code onScriptError}
 * decides: {@code pass} (the default) treats it as {@code ""} (the mailet's signature), {@code error} sends the mail,
 * unsigned, to James's error processor:
 *
 * <pre>{@code
 * <mailet match="SMTPAuthSuccessful" class="org.jameslua.mailets.SignatureMailet">
 *     <script>SIGNATURE.LUA</script>
 *     <onScriptError>pass</onScriptError>
 * </mailet>
 * }</pre>
 */
public final class SignatureMailet extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SignatureMailet.class);

    private final LuaEngine engine;
    private String script;
    private SignatureDefaults defaults;
    private final ScriptCallers callers;
    private final UncompiledScripts uncompiled;
    private ScriptCaller caller;
    private UncompiledScriptPolicy uncompiledScript;

    @Inject
    public SignatureMailet(LuaEngine engine, ScriptCallers callers, UncompiledScripts uncompiled) {
        this.engine = engine;
        this.callers = callers;
        this.uncompiled = uncompiled;
    }

    @Override
    public void init() throws MessagingException {
        script = getInitParameter("script", "SIGNATURE.LUA").strip();
        defaults =
                new SignatureDefaults(getInitParameter("signature", ""), getInitParameterAsOptional("htmlSignature"));
        caller = ScriptErrorParameter.caller(this, callers);
        uncompiledScript = UncompiledScriptPolicy.of(getMailetName(), uncompiled, script, caller.policy());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        uncompiledScript.check();
        MimeMessage message = mail.getMessage();
        List<SignedParts.Edit> edits;
        try (Signatures signatures =
                new Signatures(engine, script, MailFacts.authUser(mail), MailFacts.sender(mail), defaults, caller)) {
            edits = SignedParts.plan(message, signatures);
        } catch (ScriptFailedException e) {
            throw ScriptErrorParameter.failure(this, e);
        } catch (MessagingException | IOException e) {
            LOGGER.warn("Mail {} is passed on unsigned: its parts cannot be read", mail.getName(), e);
            return;
        }
        if (edits.isEmpty()) {
            return;
        }
        byte[] signed;
        try (InputStream original = new MimeMessageInputStream(message)) {
            signed = SignedMessageBytes.write(original.readAllBytes(), edits);
        } catch (IOException e) {
            LOGGER.warn("Mail {} is passed on unsigned: its parts cannot be read", mail.getName(), e);
            return;
        }
        try {
            MessageReplacement.replace(mail, signed);
        } catch (IOException e) {
            throw new MessagingException("the signed message of mail " + mail.getName() + " could not be stored", e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "SIGNATURE.LUA signatures";
    }
}
