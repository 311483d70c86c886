package org.jameslua.mailets;

import java.io.IOException;
import java.util.Optional;
import javax.inject.Inject;
import javax.mail.MessagingException;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.engine.message.ScannedMessage;
import org.jameslua.james.message.MailMessageSource;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.ScriptFailedException;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.generic.MailChanges;
import org.jameslua.mailets.generic.MailTable;
import org.jameslua.mailets.mail.ScriptErrorParameter;
import org.jameslua.mailets.mail.UncompiledScriptPolicy;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.Varargs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a function of a script of the scripts folder with a table describing the mail ({@link MailTable}) and
 * applies the changes it returns ({@link MailChanges}).
 *
 * <pre>{@code
 * <mailet match="All" class="org.jameslua.mailets.LuaMailet">
 *     <script>ROUTING.LUA</script>
 *     <function>Route</function>
 * </mailet>
 * }</pre>
 *
 * Each mail gets a new instance of the script. When the script or the function is missing, the mail goes on
 * unchanged. When the function fails or returns something unusable, the failure is in {@code LUAERRORS.LOG} and
 * {@code <onScriptError>} decides: {@code pass} (the default) lets the mail go on unchanged, {@code error} sends it
 * to James's error processor (as any failing mailet, see {@code onMailetException}):
 *
 * <pre>{@code
 * <mailet match="All" class="org.jameslua.mailets.LuaMailet">
 *     <script>ROUTING.LUA</script>
 *     <function>Route</function>
 *     <onScriptError>error</onScriptError>
 * </mailet>
 * }</pre>
 *
 * <p>With {@code <messageHelpers>true</messageHelpers>} the function also gets ProcessMessage's view of the
 * message: the mail table's {@code Structure} and {@code Attachments} are the SMTP script's MIME and attachment
 * tables, and {@code VPOP3.GetMessagePart}, {@code GetMessageLine} and the other message helpers read this
 * mail. Off by default: it costs a scan of the whole message for every mail.
 */
public final class LuaMailet extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(LuaMailet.class);

    private final LuaEngine engine;
    private final ScriptCallers callers;
    private final UncompiledScripts uncompiled;
    private String script;
    private String function;
    private boolean messageHelpers;
    private ScriptCaller caller;
    private UncompiledScriptPolicy uncompiledScript;

    @Inject
    public LuaMailet(LuaEngine engine, ScriptCallers callers, UncompiledScripts uncompiled) {
        this.engine = engine;
        this.callers = callers;
        this.uncompiled = uncompiled;
    }

    @Override
    public void init() throws MessagingException {
        script = requiredParameter("script");
        function = requiredParameter("function");
        messageHelpers = getInitParameter("messageHelpers", false);
        caller = ScriptErrorParameter.caller(this, callers);
        uncompiledScript = UncompiledScriptPolicy.of(getMailetName(), uncompiled, script, caller.policy());
        if (!engine.hasScript(script)) {
            LOGGER.warn(
                    "{}: no script {} in {} yet; mail passes unchanged until there is one",
                    getMailetName(),
                    script,
                    engine.folder());
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        uncompiledScript.check();
        Optional<MailChanges> changes;
        try (ScriptInstance instance = engine.newInstance(script)) {
            if (!instance.defines(function)) {
                return;
            }
            changes = messageHelpers
                    ? callWithMessage(instance, mail)
                    : caller.call(instance, function, MailTable.of(mail), LuaMailet::changes);
        } catch (ScriptFailedException e) {
            throw ScriptErrorParameter.failure(this, e);
        } catch (IOException e) {
            LOGGER.warn("{} not run on mail {}: its message cannot be read", script, mail.getName(), e);
            return;
        }
        if (changes.isPresent()) {
            changes.get().applyTo(mail);
        }
    }

    private Optional<MailChanges> callWithMessage(ScriptInstance instance, Mail mail)
            throws MessagingException, IOException {
        try (ScannedMessage message = ScannedMessage.of(new MailMessageSource(mail))) {
            LuaTable table = MailTable.of(mail);
            table.set("Structure", message.structure());
            table.set("Attachments", message.attachments());
            return caller.callWithMessage(instance, message, function, table, LuaMailet::changes);
        }
    }

    private static MailChanges changes(Varargs values) {
        return MailChanges.fromLua(values.arg1());
    }

    @Override
    public String getMailetInfo() {
        return "Lua script mailet";
    }

    private String requiredParameter(String name) throws MessagingException {
        String value = getInitParameter(name);
        if (value == null || value.isBlank()) {
            throw new MessagingException(getMailetName() + " needs the <" + name + "> parameter");
        }
        return value.strip();
    }
}
