package org.jameslua.engine.lib;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.TimeZone;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ArgumentError;

/**
 * {@code os.date}, {@code os.time} and {@code os.difftime} as Lua 5.2 computes them with the C library of
 * Debian (glibc) in the C locale: every conversion {@code strftime} accepts there, {@code nil} for a date whose
 * year does not fit C's {@code int}, and {@code os.time}'s fields read as C ints. Local time is the JVM's default
 * time zone; outside the years its rules cover, the offset at their nearest end applies.
 */
final class OsDate {
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] MONTHS = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };
    /** Lua 5.2's LUA_STRFTIMEOPTIONS for C99: single conversions, then those with an E or O modifier. */
    private static final String SINGLE = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";

    private static final String WITH_E = "cCxXyY";
    private static final String WITH_O = "deHImMSuUVwWy";
    private static final long MIN_INSTANT = Instant.MIN.getEpochSecond();
    private static final long MAX_INSTANT = Instant.MAX.getEpochSecond();

    private OsDate() {}

    /** The format as C reads it: up to its first zero byte. */
    private static String asC(String format) {
        int end = format.indexOf('\0');
        return end < 0 ? format : format.substring(0, end);
    }

    /** C's {@code (time_t)} conversion on x86-64: nan is the smallest time, which has no date (Java's cast gives 0). */
    private static long asTime(double seconds) {
        return Double.isNaN(seconds) ? Long.MIN_VALUE : (long) seconds;
    }

    static Varargs date(Varargs args) {
        String format = asC(args.optjstring(1, "%c"));
        long time = args.isnoneornil(2) ? System.currentTimeMillis() / 1000 : asTime(args.checkdouble(2));
        boolean utc = format.startsWith("!");
        if (utc) {
            format = format.substring(1);
        }
        Fields date = Fields.at(time, utc);
        if (date == null) {
            return LuaValue.NIL;
        }
        if (format.equals("*t")) {
            LuaTable table = new LuaTable(0, 9);
            table.set("sec", date.second);
            table.set("min", date.minute);
            table.set("hour", date.hour);
            table.set("day", date.day);
            table.set("month", date.month);
            table.set("year", LuaValue.valueOf((double) date.year));
            table.set("wday", date.weekday + 1);
            table.set("yday", date.yearDay + 1);
            table.set("isdst", LuaValue.valueOf(date.dst));
            return table;
        }
        StringBuilder text = new StringBuilder();
        int i = 0;
        long conversions = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                text.append(c);
                i++;
                continue;
            }
            // the conversion is read in place: a copy of the rest of the format per conversion made a format of
            // 300,000 conversions allocate 86 GB, for seconds, in Java where no bound stops it
            int length = conversionLength(format, i + 1);
            if (length == 0) {
                throw ArgumentError.problem(1, "invalid conversion specifier '%" + format.substring(i + 1) + "'");
            }
            convert(format.charAt(i + length), date, text);
            i += 1 + length;
            // each conversion makes Java strings of its own, some hundreds of bytes: two million of them (a format
            // within the string bound) allocated five times the call's allocation bound, and ran past its time
            StringBound.lookEvery(++conversions);
        }
        return LuaValue.valueOf(text.toString());
    }

    static Varargs time(Varargs args) {
        if (args.isnoneornil(1)) {
            return LuaValue.valueOf((double) (System.currentTimeMillis() / 1000));
        }
        LuaTable table = args.checktable(1);
        int second = field(table, "sec", 0);
        int minute = field(table, "min", 0);
        int hour = field(table, "hour", 12);
        int day = field(table, "day", -1);
        int month = field(table, "month", -1) - 1;
        // C's tm_year is the year less 1900 in an int, which wraps: year 2^31 is year 2^31 (-2^31 as a field)
        long year = (field(table, "year", -1) - 1900) + 1900L;
        boolean dst = table.get("isdst").toboolean();
        long local =
                (daysFromCivil(year + Math.floorDiv(month, 12), Math.floorMod(month, 12) + 1, 1) + day - 1) * 86400L
                        + hour * 3600L
                        + minute * 60L
                        + second;
        ZoneRules rules = ZoneId.systemDefault().getRules();
        Instant guess = Instant.ofEpochSecond(clamp(local));
        long time = local - rules.getOffset(guess).getTotalSeconds();
        Instant instant = Instant.ofEpochSecond(clamp(time));
        if (dst != rules.isDaylightSavings(instant)) {
            // mktime takes the fields as of the DST state the table claims
            time += dst ? -3600 : 3600;
        }
        // mktime fails (-1, so nil) for a time whose local year does not fit C's int, as localtime does
        return time == -1 || Fields.at(time, false) == null ? LuaValue.NIL : LuaValue.valueOf((double) time);
    }

    /**
     * C's {@code difftime} of the two times as the C call converts them to {@code time_t} (the x86 cast: out of
     * range or NaN is the least integer), their exact difference rounded once, as glibc computes it. Lua 5.2.4
     * reads both arguments in that one call, whose arguments Debian's compiler evaluates last first.
     */
    static Varargs difftime(Varargs args) {
        long start = CIntegers.of(args.optdouble(2, 0));
        long end = CIntegers.of(args.checkdouble(1));
        return LuaValue.valueOf(
                BigInteger.valueOf(end).subtract(BigInteger.valueOf(start)).doubleValue());
    }

    /** A field of os.time's table as C's int, as Lua 5.2 reads it; missing without a default is an error. */
    private static int field(LuaTable table, String key, int defaultValue) {
        LuaValue value = table.get(key).tonumber();
        if (value.isnil()) {
            if (defaultValue < 0) {
                throw new LuaError("field '" + key + "' missing in date table");
            }
            return defaultValue;
        }
        // lua_tointeger's cast: 3.7 is 3, -0.5 is 0
        return (int) CIntegers.of(value.todouble());
    }

    /** How many characters of {@code format} from {@code at} on make a conversion Lua 5.2 accepts; 0 for none. */
    private static int conversionLength(String format, int at) {
        if (at >= format.length()) {
            return 0;
        }
        char c = format.charAt(at);
        if (c == 'E' || c == 'O') {
            String allowed = c == 'E' ? WITH_E : WITH_O;
            return format.length() > at + 1 && allowed.indexOf(format.charAt(at + 1)) >= 0 ? 2 : 0;
        }
        return SINGLE.indexOf(c) >= 0 ? 1 : 0;
    }

    private static void convert(char conversion, Fields d, StringBuilder out) {
        switch (conversion) {
            case 'a':
                out.append(DAYS[d.weekday], 0, 3);
                break;
            case 'A':
                out.append(DAYS[d.weekday]);
                break;
            case 'b':
            case 'h':
                out.append(MONTHS[d.month - 1], 0, 3);
                break;
            case 'B':
                out.append(MONTHS[d.month - 1]);
                break;
            case 'c':
                convertAll("a b e H:M:S Y", d, out);
                break;
            case 'C':
                // glibc writes the century unpadded: "0" for the years 0 to 99
                out.append(Math.floorDiv(d.year, 100));
                break;
            case 'd':
                out.append(pad(d.day, 2, '0'));
                break;
            case 'D':
            case 'x':
                convertAll("m/d/y", d, out);
                break;
            case 'e':
                out.append(pad(d.day, 2, ' '));
                break;
            case 'F':
                convertAll("Y-m-d", d, out);
                break;
            case 'g':
                out.append(pad(Math.floorMod(d.isoYear(), 100), 2, '0'));
                break;
            case 'G':
                out.append(d.isoYear());
                break;
            case 'H':
                out.append(pad(d.hour, 2, '0'));
                break;
            case 'I':
                out.append(pad(d.hour % 12 == 0 ? 12 : d.hour % 12, 2, '0'));
                break;
            case 'j':
                out.append(pad(d.yearDay + 1, 3, '0'));
                break;
            case 'm':
                out.append(pad(d.month, 2, '0'));
                break;
            case 'M':
                out.append(pad(d.minute, 2, '0'));
                break;
            case 'n':
                out.append('\n');
                break;
            case 'p':
                out.append(d.hour < 12 ? "AM" : "PM");
                break;
            case 'r':
                convertAll("I:M:S p", d, out);
                break;
            case 'R':
                convertAll("H:M", d, out);
                break;
            case 'S':
                out.append(pad(d.second, 2, '0'));
                break;
            case 't':
                out.append('\t');
                break;
            case 'T':
            case 'X':
                convertAll("H:M:S", d, out);
                break;
            case 'u':
                out.append(d.weekday == 0 ? 7 : d.weekday);
                break;
            case 'U':
                out.append(pad((d.yearDay + 7 - d.weekday) / 7, 2, '0'));
                break;
            case 'V':
                out.append(pad(d.isoWeekDays() / 7 + 1, 2, '0'));
                break;
            case 'w':
                out.append(d.weekday);
                break;
            case 'W':
                out.append(pad((d.yearDay + 7 - (d.weekday + 6) % 7) / 7, 2, '0'));
                break;
            case 'y':
                out.append(pad(Math.floorMod(d.year, 100), 2, '0'));
                break;
            case 'Y':
                out.append(d.year);
                break;
            case 'z': {
                int minutes = Math.abs(d.offsetSeconds) / 60;
                out.append(d.offsetSeconds < 0 ? '-' : '+')
                        .append(pad(minutes / 60, 2, '0'))
                        .append(pad(minutes % 60, 2, '0'));
                break;
            }
            case 'Z':
                out.append(d.zoneName);
                break;
            default:
                out.append('%');
                break;
        }
    }

    /** A composite conversion: each letter of the pattern is a conversion, anything else is itself. */
    private static void convertAll(String pattern, Fields d, StringBuilder out) {
        for (char c : pattern.toCharArray()) {
            if (Character.isLetter(c)) {
                convert(c, d, out);
            } else {
                out.append(c);
            }
        }
    }

    private static String pad(long value, int width, char padding) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : String.valueOf(padding).repeat(width - digits.length()) + digits;
    }

    private static long clamp(long seconds) {
        return Math.max(MIN_INSTANT, Math.min(MAX_INSTANT, seconds));
    }

    /** Days from 1970-01-01 to a date of the proleptic Gregorian calendar, for any year. */
    static long daysFromCivil(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    private static boolean isLeap(long year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** A broken-down time, C's {@code struct tm}. */
    private static final class Fields {
        long year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
        int weekday;
        int yearDay;
        boolean dst;
        int offsetSeconds;
        String zoneName;

        /** The fields of a time, or null where C's gmtime/localtime fail: a year beyond a C int. */
        static Fields at(long time, boolean utc) {
            Fields f = new Fields();
            if (utc) {
                f.zoneName = "GMT";
            } else {
                ZoneRules rules = ZoneId.systemDefault().getRules();
                Instant instant = Instant.ofEpochSecond(clamp(time));
                f.offsetSeconds = rules.getOffset(instant).getTotalSeconds();
                f.dst = rules.isDaylightSavings(instant);
                f.zoneName = TimeZone.getDefault().getDisplayName(f.dst, TimeZone.SHORT, Locale.ROOT);
            }
            long local = time + f.offsetSeconds;
            long days = Math.floorDiv(local, 86400);
            long secondOfDay = local - days * 86400;
            f.hour = (int) (secondOfDay / 3600);
            f.minute = (int) (secondOfDay / 60 % 60);
            f.second = (int) (secondOfDay % 60);
            f.weekday = (int) Math.floorMod(days + 4, 7);
            // civil from days (Howard Hinnant's algorithm)
            long z = days + 719468;
            long era = Math.floorDiv(z, 146097);
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long mp = (5 * dayOfYear + 2) / 153;
            f.day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
            f.month = (int) (mp < 10 ? mp + 3 : mp - 9);
            f.year = yearOfEra + era * 400 + (f.month <= 2 ? 1 : 0);
            if (f.year - 1900 > Integer.MAX_VALUE || f.year - 1900 < Integer.MIN_VALUE) {
                return null;
            }
            f.yearDay = (int) (days - daysFromCivil(f.year, 1, 1));
            return f;
        }

        /** glibc's iso_week_days: days since the Monday starting the ISO week-based year's first week. */
        private static int isoWeekDays(int yearDay, int weekday) {
            int bigEnoughMultipleOf7 = (366 / 7 + 2) * 7;
            return yearDay - (yearDay - weekday + 4 + bigEnoughMultipleOf7) % 7 + 4 - 1;
        }

        int isoWeekDays() {
            int days = isoWeekDays(yearDay, weekday);
            if (days < 0) {
                return isoWeekDays(yearDay + (isLeap(year - 1) ? 366 : 365), weekday);
            }
            int next = isoWeekDays(yearDay - (isLeap(year) ? 366 : 365), weekday);
            return next >= 0 ? next : days;
        }

        long isoYear() {
            int days = isoWeekDays(yearDay, weekday);
            if (days < 0) {
                return year - 1;
            }
            return isoWeekDays(yearDay - (isLeap(year) ? 366 : 365), weekday) >= 0 ? year + 1 : year;
        }
    }
}
