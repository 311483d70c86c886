package org.jameslua.mailets;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.mail.MessagingException;
import org.apache.james.core.MailAddress;
import org.apache.james.util.DurationParser;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.jameslua.engine.LogText;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.LuaSequences;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.message.MessageSize;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.ScriptFailedException;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.errors.ErrorReport;
import org.jameslua.mailets.mail.HeaderTables;
import org.jameslua.mailets.mail.MailFacts;
import org.jameslua.mailets.mail.ScriptErrorParameter;
import org.jameslua.mailets.mail.UncompiledScriptPolicy;
import org.jameslua.mailets.outgoing.OutgoingActions;
import org.jameslua.mailets.outgoing.PriorityClasses;
import org.jameslua.mailets.outgoing.QueuePriority;
import org.jameslua.mailets.outgoing.VpopTime;
import org.luaj.vm2.LuaValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VPOP3's outgoing mail scripts: before a mail is sent out, {@code CheckFile(...)} sees it and may hold it back
 * or change its priority. Placed just before RemoteDelivery, so the script sees each mail as it is about to
 * go out. The two scripts differ in their arguments and actions ({@link RelayOutMailet}, {@link MxOutMailet}).
 *
 * <p>What the actions become in James:
 * <ul>
 *   <li>{@code Priority}: the mail goes on to the processor of its priority class ({@code priorityProcessors},
 *       see {@link PriorityClasses}), where a RemoteDelivery of that class's own sends it. It also becomes the
 *       {@code MAIL_PRIORITY} attribute, mapped by {@link QueuePriority}, when the script changed it, for queues
 *       that read it (James's JMS queue passes it on as JMS priority); James's memory, RabbitMQ and Pulsar queues
 *       ignore it.</li>
 *   <li>{@code SkipSend}: the mail is held: put back into the spool with a delay ({@code holdDelay}, default
 *       15 minutes), to come back to {@code holdProcessor} (default: the processor it is in), where CheckFile
 *       sees it again, as VPOP3 called it again on later sending runs. The mail in hand is dropped only once
 *       the spool has taken it back, so it is neither lost nor sent twice.</li>
 *   <li>{@code Reason}: logged when the script changed any action.</li>
 * </ul>
 * A missing script or function, a failure or a result that is not the actions table leaves the mail to go
 * out as without a script (the failure is in {@code LUAERRORS.LOG}); with {@code <onScriptError>error</onScriptError>}
 * a failure or an unusable result sends the mail to the error processor instead.
 *
 * <p>The file creation time is when the mail first reached this mailet (kept on the mail across holds), else
 * its last update; times are {@code YYYYMMDDHHMMSS} in the server's time zone.
 */
public abstract class OutgoingCheckMailet extends GenericMailet {
    static final String FUNCTION = "CheckFile";
    static final AttributeName MAIL_PRIORITY = AttributeName.of("MAIL_PRIORITY");
    static final AttributeName CREATED = AttributeName.of("org.jameslua.outgoing.created");
    private static final Logger LOGGER = LoggerFactory.getLogger(OutgoingCheckMailet.class);

    private final LuaEngine engine;
    private final ScriptCallers callers;
    private final UncompiledScripts uncompiled;
    private ScriptCaller caller;
    private UncompiledScriptPolicy uncompiledScript;
    private final ZoneId zone = ZoneId.systemDefault();
    private String script;
    private Duration holdDelay;
    private Optional<String> holdProcessor;
    private PriorityClasses priorityClasses;

    protected OutgoingCheckMailet(LuaEngine engine, ScriptCallers callers, UncompiledScripts uncompiled) {
        this.engine = engine;
        this.callers = callers;
        this.uncompiled = uncompiled;
    }

    /** The script's default name. */
    abstract String defaultScript();

    /** Whether the script gets MXOUT.LUA's arguments and actions. */
    abstract boolean mx();

    /** What to do with a mail the script lets go: on to the processor of its priority class, if it has one. */
    void release(Mail mail, OutgoingActions actions) {
        priorityClasses.processorFor(actions.priority()).ifPresent(mail::setState);
    }

    @Override
    public void init() throws MessagingException {
        script = getInitParameter("script", defaultScript()).strip();
        caller = ScriptErrorParameter.caller(this, callers);
        uncompiledScript = UncompiledScriptPolicy.of(getMailetName(), uncompiled, script, caller.policy());
        holdProcessor = processorParameter("holdProcessor");
        Optional<String> classes = processorParameter("priorityProcessors");
        priorityClasses = classes.isPresent() ? PriorityClasses.parse(classes.get()) : PriorityClasses.none();
        try {
            holdDelay = DurationParser.parse(getInitParameter("holdDelay", "15 minutes"), ChronoUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMailetName() + ": holdDelay is not a duration: " + e.getMessage());
        }
    }

    Optional<String> processorParameter(String name) {
        return getInitParameterAsOptional(name).map(String::strip).filter(value -> !value.isEmpty());
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return Stream.concat(holdProcessor.stream(), priorityClasses.processors().stream())
                .map(ProcessingState::new)
                .collect(Collectors.toUnmodifiableList());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        uncompiledScript.check();
        Instant created = created(mail);
        OutgoingActions given = OutgoingActions.initial();
        OutgoingActions actions;
        try {
            actions = check(mail, given, created);
        } catch (ScriptFailedException e) {
            throw ScriptErrorParameter.failure(this, e);
        }
        if (!actions.equals(given)) {
            LOGGER.info(
                    "{} changed the actions for mail {} ({}): {}",
                    script,
                    mail.getName(),
                    actions.reason().isBlank() ? "no reason given" : "reason: " + LogText.escape(actions.reason()),
                    LogText.escape(actions));
        }
        if (actions.priority() != given.priority()) {
            mail.setAttribute(new Attribute(MAIL_PRIORITY, AttributeValue.of(QueuePriority.of(actions.priority()))));
        }
        if (actions.skipSend()) {
            hold(mail, created);
        } else {
            release(mail, actions);
        }
    }

    private OutgoingActions check(Mail mail, OutgoingActions given, Instant created) throws MessagingException {
        try (ScriptInstance instance = engine.newInstance(script)) {
            if (!instance.defines(FUNCTION)) {
                return given;
            }
            List<LuaValue> arguments = arguments(mail, given, created);
            return caller.call(
                            instance,
                            FUNCTION,
                            LuaValue.varargsOf(arguments.toArray(new LuaValue[0])),
                            values -> OutgoingActions.fromLua(values.arg1(), given, mx()))
                    .orElse(given);
        }
    }

    private List<LuaValue> arguments(Mail mail, OutgoingActions given, Instant created) throws MessagingException {
        HeaderTables headers = HeaderTables.of(mail.getMessage());
        List<LuaValue> arguments = new ArrayList<>(List.of(
                LuaValue.valueOf(mail.getName()),
                given.toLua(mx()),
                LuaValue.valueOf(MessageSize.of(mail)),
                LuaValue.valueOf(VpopTime.format(created, zone))));
        if (mx()) {
            int retries = ErrorReport.retries(mail);
            arguments.add(LuaValue.valueOf(retries));
            arguments.add(LuaValue.valueOf(
                    retries > 0 && mail.getLastUpdated() != null
                            ? VpopTime.format(mail.getLastUpdated().toInstant(), zone)
                            : ""));
        }
        arguments.add(LuaValue.valueOf(MailFacts.sender(mail)));
        arguments.add(LuaSequences.of(
                mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.toUnmodifiableList())));
        arguments.add(headers.data());
        arguments.add(headers.lines());
        return arguments;
    }

    private static Instant created(Mail mail) {
        return mail.getAttribute(CREATED)
                .flatMap(attribute -> attribute.getValue().valueAs(Long.class))
                .map(Instant::ofEpochMilli)
                .orElseGet(() ->
                        mail.getLastUpdated() != null ? mail.getLastUpdated().toInstant() : Instant.now());
    }

    private void hold(Mail mail, Instant created) throws MessagingException {
        mail.setAttribute(new Attribute(CREATED, AttributeValue.of(created.toEpochMilli())));
        String processor = holdProcessor.orElseGet(() -> mail.getState() != null ? mail.getState() : Mail.DEFAULT);
        getMailetContext().sendMail(mail, processor, holdDelay.toMillis(), TimeUnit.MILLISECONDS);
        mail.setState(Mail.GHOST);
    }
}
