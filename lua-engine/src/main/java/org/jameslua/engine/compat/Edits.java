package org.jameslua.engine.compat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Text changes to a source, collected in any order and applied at once. At one offset, insertions come
 * before a replacement, and insertions keep the order they were added in.
 */
final class Edits {
    private static final class Edit {
        private final int start;
        private final int end;
        private final String text;

        private Edit(int start, int end, String text) {
            this.start = start;
            this.end = end;
            this.text = text;
        }

        public int start() {
            return start;
        }

        public int end() {
            return end;
        }

        public String text() {
            return text;
        }
    }

    private final List<Edit> edits = new ArrayList<>();

    void insert(int offset, String text) {
        edits.add(new Edit(offset, offset, text));
    }

    void replace(Token token, String text) {
        edits.add(new Edit(token.start(), token.end(), text));
    }

    void addAll(Edits other) {
        edits.addAll(other.edits);
    }

    boolean isEmpty() {
        return edits.isEmpty();
    }

    String applyTo(String source) {
        List<Edit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(Edit::start).thenComparing(edit -> edit.end() > edit.start()));
        StringBuilder result = new StringBuilder(source.length() + 64 * ordered.size());
        int copied = 0;
        for (Edit edit : ordered) {
            result.append(source, copied, edit.start()).append(edit.text());
            copied = edit.end();
        }
        return result.append(source, copied, source.length()).toString();
    }
}
