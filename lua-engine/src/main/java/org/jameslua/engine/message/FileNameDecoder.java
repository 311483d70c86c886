package org.jameslua.engine.message;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.util.MimeParameterMapping;

/**
 * Decodes the file names of one message's parts with mime4j: RFC 2231 parameters, then RFC 2047 encoded words.
 *
 * <p>Charset names are checked here before mime4j sees them. The JDK does not remember a name it does not know,
 * and looking one up costs about a millisecond, so a header full of made-up charsets could stall a scan. Each
 * name is looked up once per message, and after {@value #MAX_UNKNOWN} unknown names only the common mail
 * charsets are still looked up; a name in an unknown charset is left as it is.
 */
final class FileNameDecoder {
    private static final int MAX_UNKNOWN = 32;
    private static final Set<String> COMMON = Set.of(
            "us-ascii",
            "utf-8",
            "utf-16",
            "iso-8859-1",
            "iso-8859-2",
            "iso-8859-5",
            "iso-8859-7",
            "iso-8859-9",
            "iso-8859-15",
            "windows-1250",
            "windows-1251",
            "windows-1252",
            "windows-1253",
            "windows-1254",
            "windows-1256",
            "koi8-r",
            "koi8-u",
            "iso-2022-jp",
            "shift_jis",
            "euc-jp",
            "euc-kr",
            "gb2312",
            "gbk",
            "gb18030",
            "big5");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]*)\\?[BbQq]\\?");

    private final Map<String, Boolean> charsets = new HashMap<>();
    private int unknown;

    /** The decoded value of parameter {@code name}, or "". */
    String parameter(List<NameValuePair> params, String name) {
        String plain = null;
        String charset = null;
        List<NameValuePair> extended = new ArrayList<>();
        for (NameValuePair pair : params) {
            String key = pair.getName().toLowerCase(Locale.ROOT);
            String value = pair.getValue();
            if (value == null) {
                continue;
            }
            if (key.equals(name)) {
                plain = plain == null ? value : plain;
            } else if (key.startsWith(name + "*")) {
                boolean first = key.equals(name + "*") || key.equals(name + "*0*");
                // RFC 2231 lets the charset go unnamed (''name), which mime4j then leaves undecoded, quotes and all;
                // its bytes are taken as UTF-8, as modern mailers write them
                extended.add(new NameValuePair(key, first && value.startsWith("'") ? "utf-8" + value : value));
                if (first && value.indexOf('\'') > 0) {
                    charset = value.substring(0, value.indexOf('\''));
                }
            }
        }
        if (!extended.isEmpty() && (charset == null || isKnown(charset))) {
            String value = joined(extended, name);
            if (value != null) {
                return words(value);
            }
        }
        return plain == null ? "" : words(plain);
    }

    /** The text with its RFC 2047 encoded words decoded, or as it is when one names an unknown charset. */
    String words(String text) {
        if (!text.contains("=?")) {
            // nearly every file name: no encoded word to look for, and no matcher to make
            return text;
        }
        Matcher word = ENCODED_WORD.matcher(text);
        boolean any = false;
        while (word.find()) {
            if (!isKnown(word.group(1))) {
                return text;
            }
            any = true;
        }
        if (!any) {
            return text;
        }
        try {
            return DecoderUtil.decodeEncodedWords(text, DecodeMonitor.SILENT);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static String joined(List<NameValuePair> segments, String name) {
        try {
            MimeParameterMapping mapping = new MimeParameterMapping();
            for (NameValuePair segment : segments) {
                mapping.addParameter(segment.getName(), segment.getValue());
            }
            return mapping.getParameters().get(name);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private boolean isKnown(String charset) {
        String key = charset.toLowerCase(Locale.ROOT);
        Boolean known = charsets.get(key);
        if (known != null) {
            return known;
        }
        if (unknown >= MAX_UNKNOWN && !COMMON.contains(key)) {
            return false;
        }
        try {
            known = Charset.isSupported(key);
        } catch (IllegalArgumentException illegalName) {
            return false;
        }
        if (!known) {
            unknown++;
        }
        charsets.put(key, known);
        return known;
    }
}
