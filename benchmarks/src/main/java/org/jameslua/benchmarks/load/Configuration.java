package org.jameslua.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What James runs in a load: stock James, or the pack deployed by {@code deploy-to-james.sh} and then cut back to
 * one SMTPSVR.LUA on James's own mailetcontainer.xml, or left whole, or left whole with a sample SMTPSVR.LUA that
 * misbehaves in some sessions (the soak's).
 */
enum Configuration {
    STOCK("stock", "stock James 3.8.1", null),
    SAMPLE_SCRIPT("b", "(b) jar + sample SMTPSVR.LUA, stock mailetcontainer", "sample"),
    EVERY_CALLBACK("b'", "(b') jar + SMTPSVR.LUA with every callback, 2 added headers", "/smtp-throughput/SMTPSVR.LUA"),
    SHIPPED("c", "(c) the whole shipped configuration", null),
    SLOW_HELO("slow", "jar + SMTPSVR.LUA whose DoHELO for slow-* waits in a DNS lookup", "/load/slow-helo/SMTPSVR.LUA"),
    MISBEHAVING("h", "(h) the whole shipped configuration, SMTPSVR.LUA misbehaving in one session in ten", null);

    // the soak's misbehaving sessions spin and sleep to the time bound in each call: 10 s would hold their clients
    private static final String MISBEHAVING_TIME_BOUND = "limit.time.ms=500";

    final String key;
    final String label;
    /** The SMTPSVR.LUA of a one-script configuration: "sample" for conf-samples', else a classpath resource. */
    private final String script;

    Configuration(String key, String label, String script) {
        this.key = key;
        this.label = label;
        this.script = script;
    }

    static Configuration of(String key) {
        return Stream.of(values())
                .filter(c -> c.key.equals(key))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("no configuration " + key + "; known: stock, b, b', c, h"));
    }

    boolean hasPack() {
        return this != STOCK;
    }

    /**
     * After deploy-to-james.sh: a one-script configuration gets James's own mailetcontainer.xml back; the soak's
     * misbehaving one keeps the whole pack and gets its misbehaviour appended to the sample SMTPSVR.LUA.
     */
    void cutBack(Path james) throws IOException {
        if (this == MISBEHAVING) {
            misbehave(james.resolve("conf"));
            return;
        }
        if (script == null) {
            return;
        }
        Path conf = james.resolve("conf");
        Files.move(
                conf.resolve("mailetcontainer.xml.before-james-lua"),
                conf.resolve("mailetcontainer.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        Path scripts = conf.resolve("lua");
        Path kept = scripts.resolve("SMTPSVR.LUA");
        // deepest first: the editor's library/ goes too, its files before it
        try (Stream<Path> files = Files.walk(scripts)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(scripts) && !file.equals(kept)) {
                    Files.delete(file);
                }
            }
        }
        if (!script.equals("sample")) {
            try (InputStream source = Configuration.class.getResourceAsStream(script)) {
                Files.write(scripts.resolve("SMTPSVR.LUA"), source.readAllBytes());
            }
        }
    }

    private static void misbehave(Path conf) throws IOException {
        try (InputStream appended = Configuration.class.getResourceAsStream("/load/soak/SMTPSVR-misbehaving.lua")) {
            Files.write(conf.resolve("lua/SMTPSVR.LUA"), appended.readAllBytes(), StandardOpenOption.APPEND);
        }
        Path properties = conf.resolve("james-lua.properties");
        String text = Files.readString(properties);
        if (!text.contains("\nlimit.time.ms=10000\n")) {
            throw new IOException("no limit.time.ms=10000 line to change in " + properties);
        }
        Files.writeString(properties, text.replace("\nlimit.time.ms=10000\n", "\n" + MISBEHAVING_TIME_BOUND + "\n"));
    }

    static List<Configuration> measured(List<String> keys) {
        return keys.stream().map(Configuration::of).toList();
    }
}
