package org.jameslua.tools;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.HostAddress;
import org.apache.mailet.LookupException;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMailContext;
import org.slf4j.Logger;

/**
 * The mailet context of an offline run: James's own test context ({@link FakeMailContext}), which records every
 * mail a mailet sends, with the server's domains being those of the folder's users (James's fake knows only
 * {@code localhost}).
 */
final class OfflineMailetContext implements MailetContext {
    private final FakeMailContext recorder;
    private final Set<Domain> localDomains;

    /** @param postmaster where James sends what it sends to the postmaster, as its {@code <postmaster>} */
    OfflineMailetContext(Set<Domain> localDomains, MailAddress postmaster) {
        this.localDomains = Set.copyOf(localDomains);
        this.recorder = FakeMailContext.builder().postmaster(postmaster).build();
    }

    List<FakeMailContext.SentMail> sentMails() {
        return recorder.getSentMails();
    }

    @Override
    public boolean isLocalServer(Domain domain) {
        return localDomains.contains(domain);
    }

    @Override
    public boolean isLocalUser(String userAccount) {
        return false;
    }

    @Override
    public boolean isLocalEmail(MailAddress mailAddress) {
        return false;
    }

    @Override
    public int getMajorVersion() {
        return recorder.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return recorder.getMinorVersion();
    }

    @Override
    public String getServerInfo() {
        return "james-lua-run";
    }

    @Override
    public Iterator<String> getAttributeNames() {
        return recorder.getAttributeNames();
    }

    @Override
    public Object getAttribute(String name) {
        return recorder.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        recorder.setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        recorder.removeAttribute(name);
    }

    @Override
    public void log(String message) {
        recorder.log(message);
    }

    @Override
    public void log(String message, Throwable t) {
        recorder.log(message, t);
    }

    @Override
    public void log(LogLevel level, String message) {
        recorder.log(level, message);
    }

    @Override
    public void log(LogLevel level, String message, Throwable t) {
        recorder.log(level, message, t);
    }

    @Override
    public MailAddress getPostmaster() {
        return recorder.getPostmaster();
    }

    @Override
    public Collection<String> getMailServers(Domain host) {
        return recorder.getMailServers(host);
    }

    @Override
    public Iterator<HostAddress> getSMTPHostAddresses(Domain domainName) {
        return recorder.getSMTPHostAddresses(domainName);
    }

    @Override
    public void sendMail(MimeMessage message) throws MessagingException {
        recorder.sendMail(message);
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage message)
            throws MessagingException {
        recorder.sendMail(sender, recipients, message);
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage message, String state)
            throws MessagingException {
        recorder.sendMail(sender, recipients, message, state);
    }

    @Override
    public void sendMail(Mail mail) throws MessagingException {
        recorder.sendMail(mail);
    }

    @Override
    public void sendMail(Mail mail, long delay, TimeUnit unit) throws MessagingException {
        recorder.sendMail(mail, delay, unit);
    }

    @Override
    public void sendMail(Mail mail, String state) throws MessagingException {
        recorder.sendMail(mail, state);
    }

    @Override
    public void sendMail(Mail mail, String state, long delay, TimeUnit unit) throws MessagingException {
        recorder.sendMail(mail, state, delay, unit);
    }

    @Override
    public void bounce(Mail mail, String message) throws MessagingException {
        recorder.bounce(mail, message);
    }

    @Override
    public void bounce(Mail mail, String message, MailAddress bouncer) throws MessagingException {
        recorder.bounce(mail, message, bouncer);
    }

    @Override
    public List<String> dnsLookup(String name, RecordType type) throws LookupException {
        return recorder.dnsLookup(name, type);
    }

    @Override
    public Logger getLogger() {
        return recorder.getLogger();
    }
}
