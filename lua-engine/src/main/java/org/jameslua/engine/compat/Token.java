package org.jameslua.engine.compat;

/** A lexical token of Lua source: what it is, its text exactly as written, and where it starts. */
final class Token {
    private final Kind kind;
    private final String text;
    private final int start;

    Token(Kind kind, String text, int start) {
        this.kind = kind;
        this.text = text;
        this.start = start;
    }

    enum Kind {
        NAME,
        KEYWORD,
        NUMBER,
        STRING,
        LONG_STRING,
        COMMENT,
        LONG_COMMENT,
        SYMBOL,
        /** A string, long string or long comment that the source never closes. */
        UNFINISHED
    }

    int end() {
        return start + text.length();
    }

    /** Whether this is the keyword or symbol {@code word}; names and strings never match. */
    boolean is(String word) {
        return (kind == Kind.KEYWORD || kind == Kind.SYMBOL) && text.equals(word);
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }

    boolean isComment() {
        return kind == Kind.COMMENT || kind == Kind.LONG_COMMENT;
    }

    /** For a long string or long comment: the number of {@code =} between its brackets. */
    int longBracketLevel() {
        int open = text.indexOf('[');
        return text.indexOf('[', open + 1) - open - 1;
    }

    public Kind kind() {
        return kind;
    }

    public String text() {
        return text;
    }

    public int start() {
        return start;
    }
}
