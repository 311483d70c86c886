package org.jameslua.james;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.configuration2.Configuration;

/**
 * The global settings scripts may read and change with {@code VPOP3.GetSetting} / {@code SetSetting}, declared
 * in {@code conf/james-lua.properties} with their initial values:
 *
 * <pre>
 * setting.MaxHops=30
 * setting.BigRedirect.Target=archive@example.com
 * </pre>
 *
 * James reads commas in a value as list separators (and trims around them): the parts are joined again with
 * {@code ,}; write {@code \,} to keep a comma and the spaces around it.
 */
public final class GlobalSettingDeclarations {
    public static final String PREFIX = "setting.";

    private GlobalSettingDeclarations() {}

    /** Setting names (the key after {@code setting.}) and their initial values. */
    public static Map<String, String> from(Configuration properties) {
        Map<String, String> declared = new LinkedHashMap<>();
        for (Iterator<String> keys = properties.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.startsWith(PREFIX)) {
                declared.put(key.substring(PREFIX.length()), value(properties.getProperty(key)));
            }
        }
        return declared;
    }

    /** The raw property: James's getString and getStringArray would split an escaped comma again. */
    private static String value(Object property) {
        if (property instanceof Collection<?>) {
            Collection<?> parts = (Collection<?>) property;
            return parts.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(property);
    }
}
