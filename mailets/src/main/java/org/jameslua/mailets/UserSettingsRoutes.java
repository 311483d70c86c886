package org.jameslua.mailets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.host.UserSettings;
import org.jameslua.mailets.routing.DeclaredSettingsCache;
import org.jameslua.mailets.routing.KnownSettings;
import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * A user's stored settings (the ones scripts read with {@code VPOP3.GetUserSetting} and USER_REDIRECT.LUA's
 * routing globals start from, see {@link KnownSettings}), for operators over webadmin, stored where the scripts
 * read them (the engine's settings store: INBOX annotations on James). Named in {@code conf/webadmin.properties}
 * ({@code extensions.routes}), so webadmin's own authentication applies.
 *
 * <ul>
 *   <li>{@code GET /james-lua/users/<user>/settings}: {@code {"Forwards": "carol@example.com", ...}}, the set ones;</li>
 *   <li>{@code GET .../settings/<name>}: {@code {"name": "Forwards", "value": "..."}}, 404 when not set;</li>
 *   <li>{@code PUT .../settings} with {@code {"Forwards": "...", "UseForwards": "true"}}: sets the given settings
 *       and leaves the others as they are; nothing is stored when one name or value is refused;</li>
 *   <li>{@code PUT .../settings/<name>} with {@code {"value": "..."}};</li>
 *   <li>{@code DELETE .../settings} (every setting) and {@code DELETE .../settings/<name>}: unset, so scripts use
 *       their defaults.</li>
 * </ul>
 *
 * An unknown user is 404; an unknown setting name or a value the setting cannot take is 400.
 */
public class UserSettingsRoutes implements Routes {
    public static final String BASE_PATH = "/james-lua/users";
    private static final String USER = ":user";
    private static final String NAME = ":name";
    private static final String SETTINGS = BASE_PATH + "/" + USER + "/settings";
    private static final String SETTING = SETTINGS + "/" + NAME;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LuaEngine engine;
    private final UsersRepository users;
    private final DeclaredSettingsCache declaredSettings;

    @Inject
    public UserSettingsRoutes(LuaEngine engine, UsersRepository users, DeclaredSettingsCache declaredSettings) {
        this.engine = engine;
        this.users = users;
        this.declaredSettings = declaredSettings;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(SETTINGS, this::all);
        service.get(SETTING, this::one);
        service.put(SETTINGS, this::putAll);
        service.put(SETTING, this::putOne);
        service.delete(SETTINGS, this::deleteAll);
        service.delete(SETTING, this::deleteOne);
    }

    private String all(Request request, Response response) throws JsonProcessingException {
        String user = knownUser(request);
        UserSettings.Snapshot stored = store().snapshot(user);
        ObjectNode answer = JSON.createObjectNode();
        for (String name : KnownSettings.of(declaredSettings).names()) {
            stored.get(name).ifPresent(value -> answer.put(name, value));
        }
        return json(response, answer);
    }

    private String one(Request request, Response response) throws JsonProcessingException {
        String user = knownUser(request);
        String name = settingName(KnownSettings.of(declaredSettings), request.params(NAME));
        String value = store().get(user, name)
                .orElseThrow(() -> error(
                        HttpStatus.NOT_FOUND_404,
                        ErrorResponder.ErrorType.NOT_FOUND,
                        name + " is not set for " + user));
        return json(response, JSON.createObjectNode().put("name", name).put("value", value));
    }

    private String putAll(Request request, Response response) {
        String user = knownUser(request);
        KnownSettings known = KnownSettings.of(declaredSettings);
        JsonNode body = body(request);
        if (!body.isObject()) {
            throw badRequest("The body must be a JSON object of setting names and values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = settingName(known, field.getKey());
            values.put(name, checkedValue(known, name, field.getValue()));
        }
        values.forEach((name, value) -> store(user, name, value));
        return noContent(response);
    }

    private String putOne(Request request, Response response) {
        String user = knownUser(request);
        KnownSettings known = KnownSettings.of(declaredSettings);
        String name = settingName(known, request.params(NAME));
        JsonNode body = body(request);
        if (!body.isObject() || !body.has("value")) {
            throw badRequest("The body must be {\"value\": \"...\"}");
        }
        store(user, name, checkedValue(known, name, body.get("value")));
        return noContent(response);
    }

    private String deleteAll(Request request, Response response) {
        String user = knownUser(request);
        for (String name : KnownSettings.of(declaredSettings).names()) {
            remove(user, name);
        }
        return noContent(response);
    }

    private String deleteOne(Request request, Response response) {
        String user = knownUser(request);
        remove(user, settingName(KnownSettings.of(declaredSettings), request.params(NAME)));
        return noContent(response);
    }

    private String knownUser(Request request) {
        String user = request.params(USER);
        try {
            if (users.contains(Username.of(user))) {
                return user;
            }
        } catch (IllegalArgumentException e) {
            // not a user name James could have
        } catch (UsersRepositoryException e) {
            throw error(
                    HttpStatus.INTERNAL_SERVER_ERROR_500,
                    ErrorResponder.ErrorType.SERVER_ERROR,
                    "Cannot tell whether " + user + " is a user: " + e.getMessage());
        }
        throw error(HttpStatus.NOT_FOUND_404, ErrorResponder.ErrorType.NOT_FOUND, "No user " + user);
    }

    private static String settingName(KnownSettings known, String name) {
        return known.name(name)
                .orElseThrow(() ->
                        badRequest("'" + name + "' is not a setting; settings: " + String.join(", ", known.names())));
    }

    private static String checkedValue(KnownSettings known, String name, JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            throw badRequest("The value of " + name + " must be a string, number or boolean");
        }
        String text = value.asText();
        known.problem(name, text).ifPresent(problem -> {
            throw badRequest(problem);
        });
        return text;
    }

    private void store(String user, String name, String value) {
        if (!store().set(user, name, value)) {
            throw error(
                    HttpStatus.INTERNAL_SERVER_ERROR_500,
                    ErrorResponder.ErrorType.SERVER_ERROR,
                    name + " was not stored for " + user + " (James keeps at most 10 annotations per mailbox, of"
                            + " at most 1024 characters, by default; see James's log)");
        }
    }

    private void remove(String user, String name) {
        if (!store().remove(user, name)) {
            throw error(
                    HttpStatus.INTERNAL_SERVER_ERROR_500,
                    ErrorResponder.ErrorType.SERVER_ERROR,
                    name + " was not removed for " + user + " (see James's log)");
        }
    }

    private UserSettings store() {
        return engine.host().userSettings();
    }

    private static JsonNode body(Request request) {
        try {
            return Optional.ofNullable(JSON.readTree(request.body())).orElse(JSON.nullNode());
        } catch (JsonProcessingException e) {
            throw badRequest("The body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String json(Response response, JsonNode answer) throws JsonProcessingException {
        response.type("application/json");
        return JSON.writeValueAsString(answer);
    }

    private static String noContent(Response response) {
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private static HaltException badRequest(String message) {
        return error(HttpStatus.BAD_REQUEST_400, ErrorResponder.ErrorType.INVALID_ARGUMENT, message);
    }

    private static HaltException error(int status, ErrorResponder.ErrorType type, String message) {
        return ErrorResponder.builder()
                .statusCode(status)
                .type(type)
                .message(message)
                .haltError();
    }
}
