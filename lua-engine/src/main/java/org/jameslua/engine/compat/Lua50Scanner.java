package org.jameslua.engine.compat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Follows the nesting of a chunk's blocks, functions and brackets to rewrite the two Lua 5.0 constructs
 * that compile under 5.2 but mean something else there:
 *
 * <ul>
 * <li>5.0 gave every vararg function a local {@code arg} table of its extra arguments. A vararg function
 * that reads {@code arg} (itself, or from a nested function that has no {@code arg} of its own) and never
 * uses {@code ...} gets that local declared at the start of its body.</li>
 * <li>5.0 iterated a table given directly to a generic {@code for}, as if it were {@code next, t}. Every
 * generic {@code for} gets its expression list wrapped in a call to {@link Lua50Library#FOR_IN}, which
 * turns a table into {@code next, t} and passes anything else on unchanged.</li>
 * </ul>
 *
 * <p>Insertions go on existing lines only, so line numbers do not move. Source whose nesting does not add up
 * is left alone, for the compiler to report as written.
 */
final class Lua50Scanner {
    private enum Type {
        CHUNK,
        FUNCTION,
        BLOCK,
        LOOP,
        REPEAT,
        PAREN,
        BRACKET,
        BRACE
    }

    private enum Phase {
        HEADER,
        PARAMETERS,
        BODY
    }

    /** Where the scan is in the name list of a {@code local} or {@code for}, whose names are declarations. */
    private enum NameList {
        NONE,
        NAME_NEXT,
        COMMA_NEXT
    }

    private static final class Frame {
        final Type type;
        Phase phase = Phase.BODY;
        boolean localName;
        boolean vararg;
        boolean argParameter;
        boolean usesArg;
        boolean usesDots;
        int bodyStart;
        boolean awaitingDo;
        boolean forHeader;
        Token in;

        Frame(Type type) {
            this.type = type;
        }
    }

    private static final String ARG = "arg";

    private final List<Token> tokens;
    private final Edits edits;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private NameList nameList = NameList.NONE;
    private boolean balanced = true;

    private Lua50Scanner(List<Token> tokens, Edits edits) {
        this.tokens = tokens;
        this.edits = edits;
        frames.push(new Frame(Type.CHUNK));
    }

    /**
     * Adds the rewrites of a chunk to {@code edits}.
     *
     * @param code the chunk's tokens without comments
     * @return whether the nesting adds up; when it does not, no edits are added
     */
    static boolean scan(List<Token> code, Edits edits) {
        Edits own = new Edits();
        Lua50Scanner scanner = new Lua50Scanner(code, own);
        for (int i = 0; i < code.size() && scanner.balanced; i++) {
            scanner.step(i);
        }
        if (!scanner.balanced || scanner.frames.size() != 1) {
            return false;
        }
        edits.addAll(own);
        return true;
    }

    private void step(int i) {
        Token token = tokens.get(i);
        Token previous = i > 0 ? tokens.get(i - 1) : null;
        Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        boolean declaration = nameList == NameList.NAME_NEXT && token.kind() == Token.Kind.NAME;
        if (declaration) {
            nameList = NameList.COMMA_NEXT;
        } else {
            nameList = nameList == NameList.COMMA_NEXT && token.is(",") ? NameList.NAME_NEXT : NameList.NONE;
        }
        switch (token.kind()) {
            case KEYWORD:
                keyword(token, previous);
                break;
            case SYMBOL:
                symbol(token);
                break;
            case NAME:
                if (token.isName(ARG)) {
                    arg(previous, next, declaration);
                }
                break;
        }
    }

    private void keyword(Token token, Token previous) {
        Frame top = frames.peek();
        switch (token.text()) {
            case "function": {
                Frame function = new Frame(Type.FUNCTION);
                function.phase = Phase.HEADER;
                function.localName = previous != null && previous.is("local");
                frames.push(function);
                break;
            }
            case "if":
                frames.push(new Frame(Type.BLOCK));
                break;
            case "while":
                frames.push(loop(false));
                break;
            case "for":
                frames.push(loop(true));
                nameList = NameList.NAME_NEXT;
                break;
            case "local":
                nameList = NameList.NAME_NEXT;
                break;
            case "in":
                if (top.type == Type.LOOP && top.forHeader && top.awaitingDo && top.in == null) {
                    top.in = token;
                } else {
                    balanced = false;
                }
                break;
            case "do":
                if (top.type == Type.LOOP && top.awaitingDo) {
                    top.awaitingDo = false;
                    wrapForIn(top, token, previous);
                } else {
                    frames.push(new Frame(Type.BLOCK));
                }
                break;
            case "repeat":
                frames.push(new Frame(Type.REPEAT));
                break;
            case "until":
                pop(Type.REPEAT);
                break;
            case "end": {
                Frame closed = frames.peek();
                boolean closes = closed.type == Type.BLOCK
                        || (closed.type == Type.LOOP && !closed.awaitingDo)
                        || (closed.type == Type.FUNCTION && closed.phase == Phase.BODY);
                if (closes) {
                    frames.pop();
                    if (closed.type == Type.FUNCTION) {
                        finish(closed);
                    }
                } else {
                    balanced = false;
                }
                break;
            }
        }
    }

    private void symbol(Token token) {
        Frame top = frames.peek();
        switch (token.text()) {
            case "(":
                if (top.type == Type.FUNCTION && top.phase == Phase.HEADER) {
                    top.phase = Phase.PARAMETERS;
                } else {
                    frames.push(new Frame(Type.PAREN));
                }
                break;
            case ")":
                if (top.type == Type.FUNCTION && top.phase == Phase.PARAMETERS) {
                    top.phase = Phase.BODY;
                    top.bodyStart = token.end();
                } else if (top.type == Type.PAREN) {
                    frames.pop();
                } else {
                    balanced = false;
                }
                break;
            case "[":
                frames.push(new Frame(Type.BRACKET));
                break;
            case "]":
                pop(Type.BRACKET);
                break;
            case "{":
                frames.push(new Frame(Type.BRACE));
                break;
            case "}":
                pop(Type.BRACE);
                break;
            case "...":
                if (top.type == Type.FUNCTION && top.phase == Phase.PARAMETERS) {
                    top.vararg = true;
                } else {
                    bodyFunction().usesDots = true;
                }
                break;
        }
    }

    /** Records a use of {@code arg} as a variable; fields, labels, table keys and declarations are not uses. */
    private void arg(Token previous, Token next, boolean declaration) {
        Frame top = frames.peek();
        if (top.type == Type.FUNCTION && top.phase == Phase.PARAMETERS) {
            top.argParameter = true;
            return;
        }
        boolean named =
                previous != null && (previous.is(".") || previous.is(":") || previous.is("::") || previous.is("goto"));
        boolean localFunctionName = top.type == Type.FUNCTION && top.phase == Phase.HEADER && top.localName;
        boolean tableKey = top.type == Type.BRACE
                && previous != null
                && (previous.is("{") || previous.is(",") || previous.is(";"))
                && next != null
                && next.is("=");
        if (!named && !declaration && !localFunctionName && !tableKey) {
            bodyFunction().usesArg = true;
        }
    }

    private void wrapForIn(Frame loop, Token doToken, Token previous) {
        if (loop.in == null || previous == loop.in) {
            return;
        }
        edits.insert(loop.in.end(), " " + Lua50Library.HIDDEN + Lua50Library.FOR_IN + "(");
        edits.insert(doToken.start(), ") ");
    }

    private void finish(Frame function) {
        boolean ownArg = function.vararg && !function.argParameter;
        if (ownArg && function.usesArg && !function.usesDots) {
            edits.insert(function.bodyStart, " local arg = " + Lua50Library.HIDDEN + Lua50Library.PACK_ARG + "(...);");
        } else if (function.usesArg && !function.vararg && !function.argParameter) {
            bodyFunction().usesArg = true;
        }
    }

    /** The function whose body the current token is in: a function still in its header belongs to its parent. */
    private Frame bodyFunction() {
        for (Frame frame : frames) {
            if (frame.type == Type.CHUNK || (frame.type == Type.FUNCTION && frame.phase == Phase.BODY)) {
                return frame;
            }
        }
        throw new IllegalStateException("the chunk frame is always at the bottom");
    }

    private void pop(Type expected) {
        if (frames.peek().type == expected) {
            frames.pop();
        } else {
            balanced = false;
        }
    }

    private static Frame loop(boolean forHeader) {
        Frame loop = new Frame(Type.LOOP);
        loop.awaitingDo = true;
        loop.forHeader = forHeader;
        return loop;
    }
}
