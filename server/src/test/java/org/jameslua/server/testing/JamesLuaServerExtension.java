package org.jameslua.server.testing;

import java.util.function.UnaryOperator;
import org.jameslua.server.JamesLuaServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Boots one {@link JamesLuaServer} per test class, on free ports, from the same assembly the main uses.
 * Register it as a {@code static} field with {@code @RegisterExtension}; test methods may take a
 * {@link JamesLuaServer} parameter.
 */
public final class JamesLuaServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final UnaryOperator<JamesLuaServer.Builder> customization;
    private JamesLuaServer server;

    /** The bundled template, default domain and user. */
    public JamesLuaServerExtension() {
        this(UnaryOperator.identity());
    }

    /** E.g. {@code builder -> builder.authorizedAddresses("192.0.2.0/24").packSetting("script.failure", "tempfail")}. */
    public JamesLuaServerExtension(UnaryOperator<JamesLuaServer.Builder> customization) {
        this.customization = customization;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = customization.apply(JamesLuaServer.builder()).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == JamesLuaServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return server;
    }
}
