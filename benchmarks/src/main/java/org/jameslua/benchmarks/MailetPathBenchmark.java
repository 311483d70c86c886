package org.jameslua.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.jameslua.benchmarks.message.MultipartMessage;
import org.jameslua.engine.LuaEngine;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.LuaMailet;
import org.jameslua.mailets.UserRedirectMailet;
import org.jameslua.mailets.routing.DeclaredSettingsCache;
import org.jameslua.matchers.LuaMatcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the shipped mailet container's pack mailets and matcher cost a local mail that arrived without SMTP AUTH,
 * in the container's order: UserRedirectMailet (USER_REDIRECT.LUA), LuaMatcher ROUTING.LUA:IsBulk and, for
 * multipart/mixed mail, LuaMailet ListAttachments with the message helpers. The mail is a James {@link MailImpl}
 * over spooled bytes, as the spool hands it on, and each benchmark ends by streaming the message out as delivery
 * does; {@code stock*} is that without the pack, so a path's cost is its figure minus stock's. A 5 KB text mail
 * and a 60 KB one with a PDF attachment; the scripts are the shipped ones ({@code conf-samples/scripts}, or the
 * folder in {@code -Djameslua.bench.scripts}). Recipients' settings are the engine's in-memory ones: on James they
 * are INBOX annotations, read per recipient, which this does not count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MailetPathBenchmark {
    private Path folder;
    private LuaEngine engine;
    private UserRedirectMailet userRedirect;
    private LuaMatcher isBulk;
    private LuaMailet listAttachments;
    private byte[] textMail;
    private byte[] attachmentMail;
    private int serial;

    /**
     * Whether the mail's header is marked changed when the pack's mailets get it, as in the in-process James of
     * MessageCost, which hands every mail to the transport processor so (a changed header makes James stream the
     * changed header's lines before the source's body, and compute the message's size by reading it again).
     */
    @Param({"false", "true"})
    public boolean headerChanged;

    @Setup(Level.Trial)
    public void setUp() throws IOException, MessagingException {
        Path shipped = Path.of(System.getProperty("jameslua.bench.scripts", "conf-samples/scripts"));
        folder = Files.createTempDirectory("james-lua-mailet-bench");
        for (String script : new String[] {"USER_REDIRECT.LUA", "ROUTING.LUA"}) {
            Files.copy(shipped.resolve(script), folder.resolve(script));
        }
        engine = LuaEngine.builder(folder).build();
        ScriptCallers callers = new ScriptCallers(new ScriptMetrics(
                new DropWizardMetricFactory(new com.codahale.metrics.MetricRegistry()), new ScriptCallCounts()));
        FakeMailContext context = FakeMailContext.defaultContext();
        userRedirect = new UserRedirectMailet(
                engine,
                address -> Optional.of(address.asString()),
                callers,
                new UncompiledScripts(engine),
                new DeclaredSettingsCache(engine, callers));
        userRedirect.init(FakeMailetConfig.builder()
                .mailetName("UserRedirectMailet")
                .mailetContext(context)
                .setProperty("spamThreshold", "5")
                .build());
        isBulk = new LuaMatcher(engine, callers, new UncompiledScripts(engine));
        isBulk.init(FakeMatcherConfig.builder()
                .matcherName("LuaMatcher")
                .condition("ROUTING.LUA:IsBulk")
                .mailetContext(context)
                .build());
        listAttachments = new LuaMailet(engine, callers, new UncompiledScripts(engine));
        listAttachments.init(FakeMailetConfig.builder()
                .mailetName("LuaMailet")
                .mailetContext(context)
                .setProperty("script", "ROUTING.LUA")
                .setProperty("function", "ListAttachments")
                .setProperty("messageHelpers", "true")
                .build());
        textMail = textMail(5 * 1024);
        ByteArrayOutputStream multipart = new ByteArrayOutputStream();
        multipart.write(headers(), 0, headers().length);
        new MultipartMessage(1, 44 * 1024).writeTo(multipart);
        attachmentMail = multipart.toByteArray();
        Mail check = mail(attachmentMail);
        listAttachments.service(check);
        boolean tagged = check.getMessage().getHeader("X-Attachments") != null;
        LifecycleUtil.dispose(check);
        if (!tagged) {
            throw new IllegalStateException("ListAttachments did not tag the attachment mail");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    @Benchmark
    public Mail stockText() throws Exception {
        return delivered(mail(textMail));
    }

    @Benchmark
    public Mail stockAttachment() throws Exception {
        return delivered(mail(attachmentMail));
    }

    @Benchmark
    public Mail userRedirectText() throws Exception {
        Mail mail = mail(textMail);
        userRedirect.service(mail);
        return delivered(mail);
    }

    @Benchmark
    public Collection<MailAddress> isBulkText() throws Exception {
        Mail mail = mail(textMail);
        Collection<MailAddress> matched = isBulk.match(mail);
        delivered(mail);
        return matched;
    }

    @Benchmark
    public Mail listAttachmentsAttachment() throws Exception {
        Mail mail = mail(attachmentMail);
        listAttachments.service(mail);
        return delivered(mail);
    }

    @Benchmark
    public Mail pathText() throws Exception {
        Mail mail = mail(textMail);
        userRedirect.service(mail);
        isBulk.match(mail);
        return delivered(mail);
    }

    @Benchmark
    public Mail pathAttachment() throws Exception {
        Mail mail = mail(attachmentMail);
        userRedirect.service(mail);
        isBulk.match(mail);
        listAttachments.service(mail);
        return delivered(mail);
    }

    /** A mail as James's SMTP server hands it on: its message is the received bytes, not a copy. */
    private Mail mail(byte[] bytes) throws MessagingException {
        String name = "bench-" + (serial++);
        MailImpl mail = MailImpl.builder()
                .name(name)
                .sender("sender@example.com")
                .addRecipient("user042@example.local")
                .state("transport")
                .build();
        mail.setMessageContent(MimeMessageInputStreamSource.create(name, new ByteArrayInputStream(bytes)));
        if (headerChanged) {
            MimeMessage message = mail.getMessage();
            message.setHeader("Message-ID", message.getMessageID());
        }
        return mail;
    }

    /** What local delivery does last: streams the whole message out; then the spool disposes of the mail. */
    private static Mail delivered(Mail mail) throws IOException, MessagingException {
        mail.getMessage().writeTo(OutputStream.nullOutputStream());
        LifecycleUtil.dispose(mail);
        return mail;
    }

    private static byte[] headers() {
        return ("Received: from client.example.com (client.example.com [192.0.2.10])\r\n"
                        + "\tby mx.example.local (JAMES SMTP Server) with ESMTP ID 1a2b3c4d\r\n"
                        + "\tfor <user042@example.local>; Sun, 6 Dec 2026 03:00:00 +0000 (UTC)\r\n"
                        + "Return-Path: <sender@example.com>\r\n"
                        + "Message-ID: <20261206030000.12345@client.example.com>\r\n"
                        + "Date: Sun, 6 Dec 2026 03:00:00 +0000\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] textMail(int size) {
        StringBuilder text = new StringBuilder(new String(headers(), StandardCharsets.US_ASCII))
                .append("From: Sender <sender@example.com>\r\n")
                .append("To: <user042@example.local>\r\n")
                .append("Subject: quarterly figures 1042\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        int line = 0;
        while (text.length() < size) {
            text.append("Line ")
                    .append(line++)
                    .append(" of the message text, as a person writes it to a colleague.\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
