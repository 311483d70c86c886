package org.jameslua.smtp.session;

import java.util.Optional;

/**
 * What came of asking the script: a value to act on, James's default (the callback is not defined, failed,
 * or returned something unusable), or a temporary failure to answer because the callback failed and
 * {@code script.failure=tempfail}.
 */
public final class Answer<T> {
    private static final Answer<?> DEFAULT = new Answer<>(null, false);
    private static final Answer<?> TEMP_FAIL = new Answer<>(null, true);

    private final T value;
    private final boolean tempFail;

    private Answer(T value, boolean tempFail) {
        this.value = value;
        this.tempFail = tempFail;
    }

    @SuppressWarnings("unchecked")
    public static <T> Answer<T> useDefault() {
        return (Answer<T>) DEFAULT;
    }

    @SuppressWarnings("unchecked")
    public static <T> Answer<T> tempFail() {
        return (Answer<T>) TEMP_FAIL;
    }

    public static <T> Answer<T> of(T value) {
        return new Answer<>(value, false);
    }

    public boolean isTempFail() {
        return tempFail;
    }

    /** Empty for James's default and for a temporary failure. */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }
}
