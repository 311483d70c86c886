package org.jameslua.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.w3c.dom.Element;

/**
 * Takes the pack, or only its mailets and matchers, out of a configuration directory. The benchmarks compare the
 * pack with what is left, so it removes only what the pack added.
 */
final class PackRemoval {

    private static final String PACK_PACKAGE = "org.jameslua.";

    private final boolean mailetsOnly;

    private PackRemoval(boolean mailetsOnly) {
        this.mailetsOnly = mailetsOnly;
    }

    /**
     * What a stock James 3.8.1 runs with the same files: James's own SMTP handler chain (its default core
     * handlers, the other handlers kept), no pack mailet or matcher, no pack Guice module or startable (FetchMail)
     * and no pack webadmin routes.
     */
    static PackRemoval whole() {
        return new PackRemoval(false);
    }

    /**
     * Only the mailetcontainer.xml elements whose mailet or matcher is the pack's; the pack's SMTP handler chain
     * (SMTPSVR.LUA), Guice module, startable and webadmin routes stay. It separates what SMTPSVR.LUA costs from
     * what the pack's mailets cost.
     */
    static PackRemoval mailetsOnly() {
        return new PackRemoval(true);
    }

    void applyTo(Path conf) throws IOException {
        removePackMailets(conf.resolve("mailetcontainer.xml"));
        if (mailetsOnly) {
            return;
        }
        Path smtpServer = conf.resolve("smtpserver.xml");
        if (Files.exists(smtpServer)) {
            XmlFile xml = XmlFile.read(smtpServer);
            // without the attribute James loads its own CoreCmdHandlerLoader
            xml.descendants("handlerchain").forEach(chain -> chain.removeAttribute("coreHandlersPackage"));
            xml.write();
        }
        clearProperty(conf.resolve("extensions.properties"), "guice.extension.module");
        clearProperty(conf.resolve("extensions.properties"), "guice.extension.startable");
        clearProperty(conf.resolve("webadmin.properties"), "extensions.routes");
    }

    private static void removePackMailets(Path mailetContainer) throws IOException {
        if (!Files.exists(mailetContainer)) {
            return;
        }
        XmlFile xml = XmlFile.read(mailetContainer);
        for (Element mailet : xml.descendants("mailet")) {
            if (mailet.getAttribute("class").startsWith(PACK_PACKAGE)
                    || mailet.getAttribute("match").startsWith(PACK_PACKAGE)) {
                XmlFile.remove(mailet);
            }
        }
        xml.write();
    }

    private static void clearProperty(Path file, String key) throws IOException {
        if (Files.exists(file)) {
            PropertiesFile.edit(file, properties -> {
                if (properties.getString(key, "").startsWith(PACK_PACKAGE)) {
                    properties.clearProperty(key);
                }
            });
        }
    }
}
