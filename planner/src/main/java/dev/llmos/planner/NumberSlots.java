package dev.llmos.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** finds the numbers a request names: digits, number words ("top five") and byte sizes ("4 kb"). */
final class NumberSlots {
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,15})([a-z]*)");
    /** two numbers in one word: a coordinate pair ({@code 200,300}) or a size ({@code 800x600}). */
    private static final Pattern PAIR = Pattern.compile("(\\d{1,9})[,x](\\d{1,9})");

    /**
     * one number named by the request.
     *
     * @param index where it is, for the words around it
     * @param value its value, in bytes when it has a unit
     * @param bytes true when it came with a byte unit
     */
    record Mention(int index, long value, boolean bytes) {
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
                mentions.add(new Mention(i, Long.parseLong(pair.group(1)), false));
                mentions.add(new Mention(i, Long.parseLong(pair.group(2)), false));
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

    private static Mention digits(Words words, int index) {
        Matcher matcher = NUMBER.matcher(words.word(index));
        if (!matcher.matches()) {
            return null;
        }
        long value = Long.parseLong(matcher.group(1));
        String suffix = matcher.group(2);
        if (!suffix.isEmpty()) {
            Long unit = Lexicon.BYTE_UNITS.get(suffix);
            if (unit == null) {
                // "x86", "10ms": not a number of anything the vocabulary knows
                return null;
            }
            words.take(index, 1);
            return new Mention(index, value * unit, true);
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
        Long unit = next < words.size() && words.free(next) ? Lexicon.BYTE_UNITS.get(words.word(next)) : null;
        words.take(index, unit == null ? length : length + 1);
        return unit == null ? new Mention(index, value, false) : new Mention(index, value * unit, true);
    }
}
