package org.jameslua.engine.message;

/**
 * A file embedded in the text of a part, as mailers did before MIME.
 *
 * @param binHex whether it is BinHex 4.0 (else uuencoded)
 * @param start  offset of the block's first line ({@code begin ...}, or the BinHex marker line)
 * @param end    offset just past its last line ({@code end}), or past the closing colon of BinHex data
 * @param size   decoded size for uuencoded files, raw size for BinHex
 */
final class TextBlock {
    private final boolean binHex;
    private final String name;
    private final long start;
    private final long end;
    private final long size;

    TextBlock(boolean binHex, String name, long start, long end, long size) {
        this.binHex = binHex;
        this.name = name;
        this.start = start;
        this.end = end;
        this.size = size;
    }

    public boolean binHex() {
        return binHex;
    }

    public String name() {
        return name;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public long size() {
        return size;
    }
}
