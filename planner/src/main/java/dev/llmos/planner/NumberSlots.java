package dev.llmos.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * finds the numbers a request names: digits, number words ("top five"), byte sizes ("4 kb") and durations
 * ("500ms", "2 seconds").
 */
final class NumberSlots {
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,15})([a-z]*)");
    /** two numbers in one word: a coordinate pair ({@code 200,300}) or a size ({@code 800x600}). */
    private static final Pattern PAIR = Pattern.compile("(\\d{1,9})[,x](\\d{1,9})");

    /**
     * one number named by the request.
     *
     * @param index where it is, for the words around it
     * @param value its value, in bytes or milliseconds when it has a unit
     * @param unit what its unit measures
     */
    record Mention(int index, long value, Unit unit) {
        /** true when it came with a byte unit. */
        boolean bytes() {
            return unit == Unit.BYTES;
        }

        /** true when it came with a unit at all. */
        boolean measured() {
            return unit != Unit.NONE;
        }
    }

    /** what a number's unit measures. */
    enum Unit {
        /** a plain number. */
        NONE,
        /** a size, the value in bytes. */
        BYTES,
        /** a duration, the value in milliseconds. */
        MILLIS
    }

    private NumberSlots() {
    }

    /** the numbers in the free words of {@code words}, taking their tokens. */
    static List<Mention> find(Words words) {
        List<Mention> mentions = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (!words.free(i)) {
                continue;
            }
            Matcher pair = PAIR.matcher(words.word(i));
            if (pair.matches()) {
                words.take(i, 1);
                mentions.add(new Mention(i, Long.parseLong(pair.group(1)), Unit.NONE));
                mentions.add(new Mention(i, Long.parseLong(pair.group(2)), Unit.NONE));
                continue;
            }
            Mention mention = digits(words, i);
            if (mention == null) {
                mention = spelled(words, i);
            }
            if (mention != null) {
                mentions.add(mention);
            }
        }
        return mentions;
    }

    /**
     * the plain number word {@code k} of the free words says, without taking it: digits without a unit ("5")
     * or a number word ("three"); null for anything else, a taken or quoted word, or a place out of the words.
     */
    static Long plain(Words words, int k) {
        if (k < 0 || k >= words.size() || words.taken(k) || words.token(k).quoted()) {
            return null;
        }
        Matcher matcher = NUMBER.matcher(words.word(k));
        if (matcher.matches() && matcher.group(2).isEmpty()) {
            return Long.parseLong(matcher.group(1));
        }
        Integer spelled = Lexicon.NUMBER_WORDS.get(words.word(k));
        return spelled == null ? null : spelled.longValue();
    }

    private static Mention digits(Words words, int index) {
        Matcher matcher = NUMBER.matcher(words.word(index));
        if (!matcher.matches()) {
            return null;
        }
        long value = Long.parseLong(matcher.group(1));
        String suffix = matcher.group(2);
        if (!suffix.isEmpty()) {
            Mention measured = measured(index, value, suffix);
            if (measured == null) {
                // "x86", "3d": not a number of anything the vocabulary knows
                return null;
            }
            words.take(index, 1);
            return measured;
        }
        return withUnit(words, index, value, 1);
    }

    /** a number word, or tens and units ("twenty five"); "one" is left out, it is mostly a pronoun. */
    private static Mention spelled(Words words, int index) {
        Integer value = Lexicon.NUMBER_WORDS.get(words.word(index));
        if (value == null) {
            return null;
        }
        Integer units = index + 1 < words.size() && words.free(index + 1)
                ? Lexicon.NUMBER_WORDS.get(words.word(index + 1)) : null;
        if (value >= 20 && value < 100 && value % 10 == 0 && units != null && units < 10) {
            return withUnit(words, index, value + units, 2);
        }
        return withUnit(words, index, value, 1);
    }

    private static Mention withUnit(Words words, int index, long value, int length) {
        int next = index + length;
        Mention measured = next < words.size() && words.free(next) ? measured(index, value, words.word(next)) : null;
        words.take(index, measured == null ? length : length + 1);
        return measured == null ? new Mention(index, value, Unit.NONE) : measured;
    }

    /** {@code value} in {@code unit} (a byte or time unit), or null when the vocabulary has no such unit. */
    private static Mention measured(int index, long value, String unit) {
        Long bytes = Lexicon.BYTE_UNITS.get(unit);
        if (bytes != null) {
            return new Mention(index, value * bytes, Unit.BYTES);
        }
        Long millis = Lexicon.DURATION_UNITS.get(unit);
        return millis == null ? null : new Mention(index, value * millis, Unit.MILLIS);
    }
}
