package org.jameslua.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The operator's fetchmail.xml of conf-samples, switched on and pointed at a {@link LoopbackPop3Server}: what an
 * operator changes in it (enabled, host, port, the account) and a short interval, so tests need not wait.
 */
public final class LoopbackFetchmail {
    public static final Duration INTERVAL = Duration.ofMillis(200);

    private LoopbackFetchmail() {}

    /** A copy of the bundled configuration with fetchmail.xml fetching {@code user}'s maildrop at {@code pop3}. */
    public static Path template(Path directory, LoopbackPop3Server pop3, String user, String password) {
        Path template = ConfTemplate.bundledWith(directory, Map.of());
        enable(template.resolve("fetchmail.xml"), pop3.port(), user, password);
        return template;
    }

    private static void enable(Path file, int port, String user, String password) {
        try {
            Document xml =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            Element root = xml.getDocumentElement();
            root.setAttribute("enabled", "true");
            Element fetch = single(root, "fetch");
            single(fetch, "host").setTextContent("127.0.0.1");
            single(fetch, "interval").setTextContent(Long.toString(INTERVAL.toMillis()));
            Element account = single(single(fetch, "accounts"), "account");
            account.setAttribute("user", user);
            account.setAttribute("password", password);
            NodeList properties = single(fetch, "javaMailProperties").getElementsByTagName("property");
            for (int i = 0; i < properties.getLength(); i++) {
                Element property = (Element) properties.item(i);
                if (property.getAttribute("name").equals("mail.pop3.port")) {
                    property.setAttribute("value", Integer.toString(port));
                }
            }
            TransformerFactory.newInstance()
                    .newTransformer()
                    .transform(new DOMSource(xml), new StreamResult(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot edit " + file, e);
        }
    }

    private static Element single(Element parent, String name) {
        NodeList found = parent.getElementsByTagName(name);
        if (found.getLength() != 1) {
            throw new IllegalStateException("Expected one <" + name + "> in <" + parent.getTagName() + ">");
        }
        return (Element) found.item(0);
    }
}
