package dev.llmos.actions.desktop.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** key combinations as written by people and planners, resolved to x keysym names. */
class KeysTest {
    private static String parsed(String keys) throws ActionException {
        return String.join(" ", Keys.parse(keys).stream().map(Keys.Combo::toString).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ctrl+alt+t          | ctrl+alt+t",
        "Return              | Return",
        "enter               | Return",
        "ESC                 | Escape",
        "Control+Shift+T     | ctrl+shift+T",
        "ctrl++              | ctrl+plus",
        "ctrl+shift+=        | ctrl+shift+equal",
        "+                   | plus",
        "alt+F4 enter        | alt+F4 Return",
        "cmd+space           | super+space",
        "f5                  | F5",
        "pgdn                | Next",
        "shift+tab           | shift+Tab",
        "xf86audiomute       | XF86AudioMute",
        "backspace           | BackSpace",
        "KP_Enter            | KP_Enter",
        "ctrl+/              | ctrl+slash",
        "super+d             | super+d",
    })
    void combinationsResolveToKeysyms(String keys, String expected) throws Exception {
        assertEquals(expected, parsed(keys));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Retrun      | unknown key 'Retrun' in 'Retrun' (did you mean Return?)",
        "ctrl+escap  | unknown key 'escap' in 'ctrl+escap' (did you mean Escape?)",
        "ctrl+       | empty key name in 'ctrl+': join keys with + as in ctrl+alt+t",
        "ctrl+foobarbaz | unknown key 'foobarbaz' in 'ctrl+foobarbaz'; keys are x keysym names",
    })
    void mistakesAreNamed(String keys, String expected) {
        ActionException e = assertThrows(ActionException.class, () -> Keys.parse(keys));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void requestsAreBounded() {
        String many = String.join(" ", java.util.Collections.nCopies(Keys.MAX_COMBOS + 1, "a"));
        assertEquals("too many key combinations: 17 (at most 16)",
                assertThrows(ActionException.class, () -> Keys.parse(many)).getMessage());
        assertEquals("too many keys in 'a+b+c+d+e+f+g+h+i': at most 8",
                assertThrows(ActionException.class, () -> Keys.parse("a+b+c+d+e+f+g+h+i")).getMessage());
        assertEquals(List.of(new Keys.Combo(List.of("a"))), assertDoesNotThrow("  a  "));
    }

    private static List<Keys.Combo> assertDoesNotThrow(String keys) {
        try {
            return Keys.parse(keys);
        } catch (ActionException e) {
            throw new AssertionError(e.getMessage());
        }
    }
}
