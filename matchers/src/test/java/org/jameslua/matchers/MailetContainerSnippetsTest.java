package org.jameslua.matchers;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.mailet.Mailet;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.routing.DeclaredSettingsCache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * conf-samples/james-conf/mailetcontainer.xml names real classes, each built the way Guice builds it (its
 * {@code @Inject} constructor, given the engine and James services) and started with the parameters written.
 */
class MailetContainerSnippetsTest {
    private static final Path SNIPPETS =
            Path.of(System.getProperty("jameslua.snippets", "../conf-samples/james-conf/mailetcontainer.xml"));
    private static final Set<String> CONTAINER_PARAMETERS = Set.of("onMailetException", "onMatchException");

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private LuaEngine engine;
    private FakeMailContext context;

    @BeforeEach
    void setUp() throws Exception {
        engine = scripts.engine();
        context = FakeMailContext.builder()
                .postmaster(new MailAddress("postmaster@example.local"))
                .build();
    }

    @Test
    void everyPackClassInTheSnippetsIsBuiltAndStartedWithItsParameters() throws Exception {
        List<String> started = new ArrayList<>();
        NodeList mailets = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(SNIPPETS.toFile())
                .getElementsByTagName("mailet");
        for (int i = 0; i < mailets.getLength(); i++) {
            Element element = (Element) mailets.item(i);
            String match = element.getAttribute("match");
            if (match.startsWith("org.jameslua.")) {
                String[] nameAndCondition = match.split("=", 2);
                Matcher matcher = (Matcher) build(nameAndCondition[0]);
                matcher.init(FakeMatcherConfig.builder()
                        .matcherName(nameAndCondition[0])
                        .condition(nameAndCondition[1])
                        .mailetContext(context)
                        .build());
                started.add(nameAndCondition[0]);
            }
            String className = element.getAttribute("class");
            if (className.startsWith("org.jameslua.")) {
                Mailet mailet = (Mailet) build(className);
                mailet.init(config(className, element));
                started.add(className);
            }
        }

        assertThat(started)
                .contains(
                        "org.jameslua.mailets.Pop3ClientMailet",
                        "org.jameslua.mailets.ErrorsMailet",
                        "org.jameslua.mailets.SignatureMailet",
                        "org.jameslua.mailets.UserRedirectMailet",
                        "org.jameslua.matchers.LuaMatcher",
                        "org.jameslua.mailets.LuaMailet",
                        "org.jameslua.mailets.MxOutMailet");
    }

    private FakeMailetConfig config(String className, Element element) {
        FakeMailetConfig.Builder config =
                FakeMailetConfig.builder().mailetName(className).mailetContext(context);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element && !CONTAINER_PARAMETERS.contains(((Element) child).getTagName())) {
                config.setProperty(((Element) child).getTagName(), child.getTextContent());
            }
        }
        return config.build();
    }

    private Object build(String className) throws Exception {
        Constructor<?> constructor = Arrays.stream(Class.forName(className).getConstructors())
                .filter(candidate -> candidate.isAnnotationPresent(Inject.class))
                .findFirst()
                .orElseThrow();
        Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                .map(this::service)
                .toArray();
        return constructor.newInstance(arguments);
    }

    private Object service(Class<?> type) {
        if (type == LuaEngine.class) {
            return engine;
        }
        if (type == UsersRepository.class) {
            return MemoryUsersRepository.withoutVirtualHosting(null);
        }
        if (type == ScriptCallers.class) {
            return new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()));
        }
        if (type == UncompiledScripts.class) {
            return new UncompiledScripts(engine);
        }
        if (type == DeclaredSettingsCache.class) {
            return new DeclaredSettingsCache(engine, (ScriptCallers) service(ScriptCallers.class));
        }
        throw new IllegalArgumentException("no test instance of " + type);
    }
}
