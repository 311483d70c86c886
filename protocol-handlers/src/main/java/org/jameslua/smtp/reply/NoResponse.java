package org.jameslua.smtp.reply;

import java.util.List;
import org.apache.james.protocols.api.Response;

/**
 * A connect handler's answer when it writes nothing (yet): not null, which James 3.8.1's JMX connect monitor
 * would dereference, and without a line, so James writes nothing.
 */
public final class NoResponse implements Response {
    public static final Response INSTANCE = new NoResponse();

    private NoResponse() {}

    @Override
    public String getRetCode() {
        return "";
    }

    @Override
    public List<CharSequence> getLines() {
        return List.of();
    }

    @Override
    public boolean isEndSession() {
        return false;
    }
}
