package org.jameslua.smtp.envelope;

import java.util.Optional;
import java.util.OptionalLong;
import org.jameslua.james.script.BadReturn;
import org.jameslua.smtp.reply.Reply;
import org.jameslua.smtp.session.Returns;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * What DoMAILFROM and DoRCPTTO return: {@code <SMTP Result string>, <new parameters>}. Of the new parameters
 * only SIZE means something to James (the declared size, checked against the session's limit); James's core
 * SMTP server has no use for others, which are ignored.
 *
 * @param reply a 2xx, 4xx or 5xx reply, or empty for James's
 * @param size  a SIZE among the new parameters
 */
final class EnvelopeAnswer {
    private final Optional<Reply> reply;
    private final OptionalLong size;

    EnvelopeAnswer(Optional<Reply> reply, OptionalLong size) {
        this.reply = reply;
        this.size = size;
    }

    static EnvelopeAnswer read(Varargs values, String callback) throws BadReturn {
        Optional<Reply> reply = Returns.reply(values, 1, callback + "'s reply");
        if (reply.isPresent() && reply.get().isIntermediate()) {
            throw new BadReturn(callback + " gave a 3xx reply, which " + callback.substring(2) + " cannot have");
        }
        LuaValue parameters = values.arg(2);
        if (parameters.isnil()) {
            return new EnvelopeAnswer(reply, OptionalLong.empty());
        }
        if (!parameters.istable()) {
            throw new BadReturn(callback + "'s new parameters must be a table, not " + parameters.typename());
        }
        return new EnvelopeAnswer(reply, size(parameters, callback));
    }

    private static OptionalLong size(LuaValue parameters, String callback) throws BadReturn {
        LuaValue key = LuaValue.NIL;
        while (true) {
            Varargs next = parameters.next(key);
            key = next.arg1();
            if (key.isnil()) {
                return OptionalLong.empty();
            }
            if (key.type() == LuaValue.TSTRING && key.tojstring().equalsIgnoreCase("SIZE")) {
                LuaValue value = next.arg(2);
                try {
                    long size = Long.parseLong(value.tojstring().trim());
                    if (size >= 0 && (value.type() == LuaValue.TSTRING || value.type() == LuaValue.TNUMBER)) {
                        return OptionalLong.of(size);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new BadReturn(
                        callback + "'s new SIZE parameter must be a whole number of bytes, not " + value.tojstring());
            }
        }
    }

    public Optional<Reply> reply() {
        return reply;
    }

    public OptionalLong size() {
        return size;
    }
}
