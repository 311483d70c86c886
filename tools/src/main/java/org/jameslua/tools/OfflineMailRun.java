package org.jameslua.tools;

import com.codahale.metrics.MetricRegistry;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.mail.Address;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptError;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.mailets.routing.RecipientUsers;

/**
 * {@code james-lua-run --mail}: the pack's own mailet for a mailet script runs on a message file, with the
 * engine on the scripts folder (its files for settings and users, as {@code james-lua-run} has them), in
 * James's test mailet context; then what it decided is printed ({@link MailDecision}).
 */
final class OfflineMailRun {
    /** The attribute FetchMail puts on the mail it fetched; POP3CLT.LUA runs only on such mail. */
    private static final AttributeName FETCHMAIL_TASK = AttributeName.of("org.apache.james.fetchmail.taskName");

    private final PrintStream out;

    OfflineMailRun(PrintStream out) {
        this.out = out;
    }

    /** @return whether the mailet ran without a script error */
    boolean run(Path folder, Path messageFile, ToolArguments arguments) throws Exception {
        Optional<MailScriptMailets> kind = MailScriptMailets.forScript(arguments.script());
        if (kind.isEmpty()) {
            out.println("--script " + arguments.script() + ": a mailet script is one of "
                    + String.join(", ", MailScriptMailets.fileNames()));
            return false;
        }
        try (LuaEngine engine =
                LuaEngine.builder(folder).fileProblems(out::println).build()) {
            if (engine.folder()
                    .find(arguments.script())
                    .filter(Files::isRegularFile)
                    .isEmpty()) {
                out.println("no script " + arguments.script() + " in " + folder);
                return false;
            }
            List<ScriptError> errors = new CopyOnWriteArrayList<>();
            engine.errorLog().addListener(errors::add);
            List<String> users = new ArrayList<>(engine.host().users().users());
            arguments.user().ifPresent(users::add);
            Set<Domain> domains = domains(users);
            MailAddress postmaster =
                    new MailAddress("postmaster", domains.stream().findFirst().orElse(Domain.LOCALHOST));
            OfflineMailetContext context = new OfflineMailetContext(domains, postmaster);
            Mailet mailet = kind.get()
                    .create(
                            engine,
                            recipientUsers(users),
                            new ScriptCallers(new ScriptMetrics(
                                    new DropWizardMetricFactory(new MetricRegistry()), new ScriptCallCounts())));
            mailet.init(FakeMailetConfig.builder()
                    .mailetName(kind.get().name())
                    .mailetContext(context)
                    .setProperty("script", arguments.script())
                    .build());
            Mail mail = mail(messageFile, arguments, kind.get());
            out.println(arguments.script() + " on " + arguments.message().orElseThrow() + ": from "
                    + mail.getMaybeSender().asString() + " to "
                    + String.join(
                            ", ",
                            mail.getRecipients().stream()
                                    .map(MailAddress::asString)
                                    .toList()));
            if (kind.get() == MailScriptMailets.USER_REDIRECT && noLocalUser(mail, recipientUsers(users))) {
                // the mailet then calls no script, and the mail going on unchanged looked like a script that did
                // nothing
                out.println("no recipient is a local user, so " + arguments.script()
                        + " is not called (the local users: users.txt of the folder, and --user NAME)");
            }
            MailDecision before = MailDecision.before(mail);
            mailet.service(mail);
            before.after(mail, context.sentMails()).print(out);
            out.println("print output: " + engine.luaOut().file().toAbsolutePath());
            if (!errors.isEmpty()) {
                out.println("errors logged to " + engine.errorLog().file().toAbsolutePath() + ":");
                errors.forEach(error -> out.println("  " + error.toLogLine()));
            }
            return errors.isEmpty();
        }
    }

    private Mail mail(Path messageFile, ToolArguments arguments, MailScriptMailets kind) throws Exception {
        MimeMessage message;
        try (InputStream in = Files.newInputStream(messageFile)) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        List<String> recipients = new ArrayList<>(arguments.recipients());
        if (kind == MailScriptMailets.USER_REDIRECT) {
            arguments.user().ifPresent(recipients::add);
        }
        if (recipients.isEmpty()) {
            recipients.addAll(headerAddresses(message.getAllRecipients()));
        }
        FakeMail.Builder mail = FakeMail.builder()
                .name("james-lua-run")
                .mimeMessage(message)
                .recipients(recipients.toArray(String[]::new));
        Address[] from = message.getFrom();
        Optional<String> sender =
                arguments.sender().or(() -> headerAddresses(from).stream().findFirst());
        if (sender.isPresent()) {
            mail.sender(sender.get());
        }
        Mail built = mail.build();
        if (kind == MailScriptMailets.SIGNATURE) {
            arguments
                    .user()
                    .ifPresent(user -> built.setAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(user))));
        }
        if (kind == MailScriptMailets.POP3CLT) {
            built.setAttribute(new Attribute(FETCHMAIL_TASK, AttributeValue.of("james-lua-run")));
        }
        arguments.error().ifPresent(built::setErrorMessage);
        return built;
    }

    private static List<String> headerAddresses(Address[] addresses) {
        List<String> found = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                if (address instanceof InternetAddress internet) {
                    found.add(internet.getAddress());
                }
            }
        }
        return found;
    }

    private static Set<Domain> domains(List<String> users) {
        Set<Domain> domains = new LinkedHashSet<>();
        for (String user : users) {
            int at = user.lastIndexOf('@');
            if (at > 0) {
                domains.add(Domain.of(user.substring(at + 1)));
            }
        }
        return domains;
    }

    private static boolean noLocalUser(Mail mail, RecipientUsers users) {
        return mail.getRecipients().stream()
                .allMatch(recipient -> users.userOf(recipient).isEmpty());
    }

    /** A recipient is a local user when a user name is its whole address, or its local part for a bare name. */
    private static RecipientUsers recipientUsers(List<String> users) {
        return recipient -> users.stream()
                .filter(user -> user.equalsIgnoreCase(recipient.asString())
                        || (user.indexOf('@') < 0 && user.equalsIgnoreCase(recipient.getLocalPart())))
                .findFirst();
    }
}
