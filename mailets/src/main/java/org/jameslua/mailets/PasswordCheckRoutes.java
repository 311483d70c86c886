package org.jameslua.mailets;

import java.util.Optional;
import javax.inject.Inject;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.dto.AddUserRequest;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonExtractException;
import org.apache.james.webadmin.utils.JsonExtractor;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code PASSWORDCHECK.LUA} for passwords set over webadmin ({@code PUT /users/<user>}, creating a user or, with
 * {@code ?force}, changing a password), for any James: named in {@code conf/webadmin.properties} as
 * {@code extensions.routes=org.jameslua.mailets.PasswordCheckRoutes}. Webadmin's own route cannot be replaced,
 * but this filter runs before it: a refused password gets 400 with a JSON error, and the old password stays.
 *
 * <p>Only webadmin is covered; {@link PasswordCheckingUsersRepository} covers every path in a server assembly
 * that binds it.
 */
public class PasswordCheckRoutes implements Routes {
    private static final String USER = ":username";
    private static final int BAD_REQUEST = 400;
    // webadmin's own reading of the body (UserRoutes), so the password checked is the one James would set,
    // whatever shape carried it: a string, an array of one-character strings, escapes, extra fields
    private static final JsonExtractor<AddUserRequest> BODY = new JsonExtractor<>(AddUserRequest.class);

    private final PasswordCheck check;

    @Inject
    public PasswordCheckRoutes(PasswordCheck check) {
        this.check = check;
    }

    @Override
    public String getBasePath() {
        return "/users";
    }

    @Override
    public void define(Service service) {
        service.before(getBasePath() + "/" + USER, this::refuseRejectedPassword);
    }

    private void refuseRejectedPassword(Request request, Response response) {
        if (!"PUT".equals(request.requestMethod())) {
            return;
        }
        Optional<String> password = password(request.body());
        String user = request.params(USER);
        Optional<String> refusal = password.flatMap(given -> check.refusal(user, given));
        if (refusal.isPresent()) {
            throw ErrorResponder.builder()
                    .statusCode(BAD_REQUEST)
                    .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                    .message(new PasswordRefusedException(user, refusal.get()).getMessage())
                    .haltError();
        }
    }

    /** The password of a body webadmin would accept; webadmin itself answers any other body (400). */
    private static Optional<String> password(String body) {
        try {
            // a JSON null parses to no request at all, and a request may lack its password
            return Optional.ofNullable(BODY.parse(body))
                    .map(AddUserRequest::getPassword)
                    .map(String::new);
        } catch (JsonExtractException e) {
            return Optional.empty();
        }
    }
}
