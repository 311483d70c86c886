package org.jameslua.mailets;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.mail.MessagingException;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.jameslua.engine.LuaEngine;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.outgoing.OutgoingActions;

/**
 * {@code MXOUT.LUA}, for mail sent straight to the recipients' MX servers: {@code CheckFile(filename, actions,
 * size, creationTime, retries, lastTryTime, returnPath, recipients, headerData, headerLines)} with actions
 * {@code SkipSend}, {@code ForceRetry}, {@code ForceLastTry}, {@code Reason} and {@code Priority} (see
 * {@link OutgoingCheckMailet}).
 *
 * <p>James retries inside RemoteDelivery's own queue, where no mailet runs, so the script sees a mail before its
 * first attempt: {@code retries} is the {@code delivery_retry_count} a mail carries when it comes back through
 * the processors (0 otherwise), and {@code lastTryTime} its last update when it has been tried ({@code ""}
 * otherwise). For the same reason {@code ForceRetry} changes nothing: every mail reaching RemoteDelivery is
 * tried at once. {@code ForceLastTry} sends the mail to the {@code lastTryProcessor} parameter's processor when
 * one is set; without that parameter it changes nothing. There the operator puts a RemoteDelivery that tries once
 * and on a temporary failure hands the mail to its bounce processor: its own {@code outgoing} queue (RemoteDelivery
 * mailets sharing a queue each take mail from it and retry it their own way), {@code maxRetries} 0 and
 * {@code delayTime} {@code 0*1 second} (James 3.8.1 raises {@code maxRetries} to the number of delay attempts, one
 * after 6 hours without {@code delayTime}). A last try goes there whatever the mail's priority class. Setting
 * {@code delivery_retry_count} here instead would not do: RemoteDelivery resets it to 0 at a mail's first
 * temporary failure.
 *
 * <pre>{@code
 * <mailet match="All" class="org.jameslua.mailets.MxOutMailet">
 *     <script>MXOUT.LUA</script>
 *     <lastTryProcessor>relay-last-try</lastTryProcessor>
 *     <onScriptError>pass</onScriptError>
 * </mailet>
 * }</pre>
 *
 * {@code onScriptError}: {@code pass} (the default) sends the mail as without a script when CheckFile fails,
 * {@code error} sends it to the error processor.
 */
public final class MxOutMailet extends OutgoingCheckMailet {
    private Optional<String> lastTryProcessor;

    @Inject
    public MxOutMailet(LuaEngine engine, ScriptCallers callers, UncompiledScripts uncompiled) {
        super(engine, callers, uncompiled);
    }

    @Override
    public void init() throws MessagingException {
        super.init();
        lastTryProcessor = processorParameter("lastTryProcessor");
    }

    @Override
    String defaultScript() {
        return "MXOUT.LUA";
    }

    @Override
    boolean mx() {
        return true;
    }

    @Override
    void release(Mail mail, OutgoingActions actions) {
        if (actions.forceLastTry() && lastTryProcessor.isPresent()) {
            mail.setState(lastTryProcessor.get());
        } else {
            super.release(mail, actions);
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return Stream.concat(
                        super.requiredProcessingState().stream(), lastTryProcessor.map(ProcessingState::new).stream())
                .collect(Collectors.toUnmodifiableList());
    }

    @Override
    public String getMailetInfo() {
        return "MXOUT.LUA outgoing check";
    }
}
