package org.jameslua.engine.message;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Finds uuencoded ({@code begin 644 name} .. {@code end}) and BinHex 4.0 files in the lines of a text part.
 * Only complete blocks count: one the part ends inside, or that a line not of its encoding interrupts, is
 * taken for ordinary text.
 */
final class TextBlockFinder {
    private static final String BINHEX_MARKER = "(This file must be converted with BinHex";
    private static final int NAME_CHARS = 160;

    private enum State {
        TEXT,
        UUE,
        BINHEX_MARKER,
        BINHEX_DATA
    }

    private final Consumer<TextBlock> found;
    private State state = State.TEXT;
    private String name;
    private long blockStart;
    private long size;
    private final StringBuilder binHexChars = new StringBuilder();

    TextBlockFinder(Consumer<TextBlock> found) {
        this.found = found;
    }

    void line(Line line) {
        boolean taken;
        switch (state) {
            case UUE:
                taken = uueLine(line);
                break;
            case BINHEX_MARKER:
                taken = binHexMarkerLine(line);
                break;
            case BINHEX_DATA:
                taken = binHexDataLine(line);
                break;
            default:
                taken = false;
        }
        if (!taken) {
            state = State.TEXT;
            textLine(line);
        }
    }

    private void textLine(Line line) {
        String begin = uueBegin(line);
        if (begin != null) {
            state = State.UUE;
            name = begin;
            blockStart = line.start();
            size = 0;
        } else if (line.isWhole() && line.contains(BINHEX_MARKER)) {
            state = State.BINHEX_MARKER;
            blockStart = line.start();
            binHexChars.setLength(0);
        }
    }

    private boolean uueLine(Line line) {
        if (line.isEmpty()) {
            return true;
        }
        if (!line.isWhole()) {
            return false;
        }
        if (line.is("end")) {
            found.accept(new TextBlock(false, name, blockStart, line.end(), size));
            state = State.TEXT;
            return true;
        }
        int length = line.at(0);
        if (length < ' ' || length > '`') {
            return false;
        }
        size += length - ' ' & 63;
        return true;
    }

    private boolean binHexMarkerLine(Line line) {
        if (line.isEmpty()) {
            return true;
        }
        if (!line.isWhole() || line.at(0) != ':') {
            return false;
        }
        state = State.BINHEX_DATA;
        return binHexData(line, 1);
    }

    private boolean binHexDataLine(Line line) {
        return line.isWhole() && binHexData(line, 0);
    }

    private boolean binHexData(Line line, int from) {
        for (int i = from; i < line.headLength(); i++) {
            int c = line.at(i);
            if (c == ':') {
                long end = line.start() + i + 1;
                found.accept(new TextBlock(true, BinHexName.decode(binHexChars), blockStart, end, end - blockStart));
                state = State.TEXT;
                return true;
            }
            if (BinHexName.isDataChar(c)) {
                if (binHexChars.length() < NAME_CHARS) {
                    binHexChars.append((char) c);
                }
            } else if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The file name of a {@code begin <mode> <name>} line, or null. */
    private static String uueBegin(Line line) {
        if (!line.isWhole() || !line.startsWith("begin ")) {
            return null;
        }
        String text = line.trimmedText();
        int i = "begin ".length();
        int digits = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '7') {
            i++;
            digits++;
        }
        if (digits < 3 || digits > 4 || i >= text.length() || text.charAt(i) != ' ') {
            return null;
        }
        String name = text.substring(i + 1).trim();
        return name.isEmpty() ? null : utf8OrLatin1(name);
    }

    private static String utf8OrLatin1(String latin1) {
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        String utf8 = new String(bytes, StandardCharsets.UTF_8);
        return utf8.contains("\uFFFD") ? latin1 : utf8;
    }
}
