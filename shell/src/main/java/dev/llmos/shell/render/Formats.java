package dev.llmos.shell.render;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * values as people read them: which fields are sizes (written by {@code Sizes.iec}, the style the
 * actions use in their own summaries), instants in local time to the second with their age,
 * durations in minutes and seconds.
 */
public final class Formats {
    private Formats() {
    }

    /** how many bytes one unit of a field named {@code key} is, or 0 when it is not a size. */
    public static long sizeUnit(String key) {
        if (key.equals("size") || key.equals("used") || key.equals("available") || key.equals("bytes")) {
            return 1;
        }
        for (String part : key.split("_")) {
            long unit = unitWord(part);
            if (unit > 0) {
                return unit;
            }
        }
        return 0;
    }

    /** bytes per unit of a unit word ({@code bytes}, {@code kb}, {@code mib}...), or 0. */
    private static long unitWord(String word) {
        return switch (word) {
            case "bytes" -> 1;
            case "kb", "kib" -> 1024;
            case "mb", "mib" -> 1024 * 1024;
            default -> 0;
        };
    }

    /**
     * a table column's title for the field {@code key} whose values are shown with their unit: without
     * a trailing unit word the cells already show ({@code size_bytes} is {@code size}, {@code uptime_s}
     * is {@code uptime}), so columns are no wider than their values; {@code key} itself otherwise.
     */
    public static String unitless(String key) {
        int last = key.lastIndexOf('_');
        if (last <= 0) {
            return key;
        }
        return unitWord(key.substring(last + 1)) > 0 || durationUnitMillis(key) > 0 ? key.substring(0, last) : key;
    }

    /** {@code use_percent} as {@code use%}, as df(1) and top(1) title theirs; {@code key} itself otherwise. */
    public static String percentSign(String key) {
        return key.endsWith("_percent") && key.length() > "_percent".length()
                ? key.substring(0, key.length() - "_percent".length()) + "%" : key;
    }

    /** milliseconds or seconds per unit for a field named {@code key} ({@code _ms}, {@code _s}, {@code _seconds}), or 0. */
    public static long durationUnitMillis(String key) {
        if (key.endsWith("_ms")) {
            return 1;
        }
        if (key.endsWith("_s") || key.endsWith("_seconds") || key.equals("seconds")) {
            return 1000;
        }
        return 0;
    }

    /** {@code 850 ms}, {@code 12.4 s}, {@code 11 min 5 s}, {@code 3 h 2 min}, {@code 2 days 4 h}. */
    public static String duration(long millis) {
        if (millis < 0) {
            return "-" + duration(-millis);
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return millis % 1000 == 0 ? seconds + " s" : seconds + "." + (millis % 1000) / 100 + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " days" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** whether {@code text} has the shape of an iso-8601 date-time with a zone ({@code ...T12:00:00Z}). */
    public static boolean isInstant(String text) {
        int n = text.length();
        if (n < 20 || n > 40 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return false;
        }
        char last = text.charAt(n - 1);
        return last == 'Z' || (n > 6 && (text.charAt(n - 6) == '+' || text.charAt(n - 6) == '-') && text.charAt(n - 3) == ':');
    }

    /**
     * an instant in the local zone to the second, with its age: {@code 2026-12-06 14:13:25 (3 min ago)};
     * the text itself when it does not parse.
     */
    public static String instant(String text, Instant now, ZoneId zone) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            return text;
        }
        ZonedDateTime local = instant.atZone(zone);
        String stamp = local.getYear() + "-" + two(local.getMonthValue()) + "-" + two(local.getDayOfMonth()) + " "
                + two(local.getHour()) + ":" + two(local.getMinute()) + ":" + two(local.getSecond());
        return stamp + " (" + age(Duration.between(instant, now)) + ")";
    }

    /** {@code just now}, {@code 40 s ago}, {@code 5 min ago}, {@code 3 h ago}, {@code 2 days ago}, {@code in 4 min}. */
    public static String age(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        if (Math.abs(seconds) < 2) {
            return "just now";
        }
        long magnitude = Math.abs(seconds);
        String amount;
        if (magnitude < 60) {
            amount = magnitude + " s";
        } else if (magnitude < 3600) {
            amount = magnitude / 60 + " min";
        } else if (magnitude < 48 * 3600) {
            amount = magnitude / 3600 + " h";
        } else {
            amount = magnitude / 86400 + " days";
        }
        return seconds > 0 ? amount + " ago" : "in " + amount;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
