package dev.llmos.modeld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternBoundsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "^[a-z]+$                    | ^[a-z]{1,8}$",
        "^[!-~]+( +[!-~]+)*$         | ^[!-~]{1,8}( {1,8}[!-~]{1,8}){0,8}$",
        "^[a-z][a-z-]{0,31}$         | ^[a-z][a-z-]{0,31}$",
        "^a{2,}b$                    | ^a{2,8}b$",
        "^[+*]\\+x*$                 | ^[+*]\\+x{0,8}$",
        "^[]+]+$                     | ^[]+]{1,8}$",
        "^[^]*]*$                    | ^[^]*]{0,8}$"
    })
    void openRepetitionsGetTheMaxLengthOutsideClassesOnly(String pattern, String bounded) {
        assertEquals(bounded, PatternBounds.bound(pattern, 8));
    }

    @ParameterizedTest
    @CsvSource({"abc", "ab cd", "a+b", "x"})
    void whatFitsTheLengthStillMatchesAndWhatDoesNotMatchStillDoesNot(String value) {
        Pattern original = Pattern.compile("^[!-~]+( +[!-~]+)*$");
        Pattern bounded = Pattern.compile(PatternBounds.bound(original.pattern(), 8));
        assertEquals(original.matcher(value).matches(), bounded.matcher(value).matches(), value);
        assertTrue(bounded.matcher("aaaaaaaa").matches());
        assertFalse(bounded.matcher("aaaaaaaaa").matches(), "nine in one repetition is beyond the bound");
    }
}
