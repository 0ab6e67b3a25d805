package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "  Show   disk usage!  |show disk usage",
        "Whats in /Users/Alice/Docs?|whats in /Users/Alice/Docs",
        "restart NetworkManager.|restart NetworkManager",
        "cat README.md.|cat README.md",
        "ls ..|ls ..",
        "ls .|ls .",
        "?? list /tmp, please ...|list /tmp, please",
        "show \"My Notes.txt\" NOW|show \"My Notes.txt\" NOW",
        "what's up|what's up",
    })
    void normalizes(String text, String expected) {
        assertEquals(expected, RequestText.normalize(text));
    }

    @Test
    void keepsQuotedStringsWhole() {
        List<Token> tokens = RequestText.tokens("open \"/mnt/usb drive/a b.txt\", then 'it''s' done");
        assertEquals(List.of("open", "/mnt/usb drive/a b.txt", "then", "it''s", "done"),
                tokens.stream().map(Token::text).toList());
        assertEquals(List.of(false, true, false, true, false), tokens.stream().map(Token::quoted).toList());
    }

    @Test
    void anApostropheInsideAWordIsNoQuote() {
        assertEquals(List.of("what's", "in", "john's", "dir"),
                RequestText.tokens("what's in john's dir").stream().map(Token::text).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "list /var/log|list folder",
        "cat /etc/hosts|cat path",
        "read ~/notes.txt|read file",
        "what's in ~/Downloads/|what's in folder",
        "grep \"disk full\" now|grep text now",
        "ls \"/srv/my data\"|ls path",
        "open https://example.com/a.html|open https://example.com/a.html",
    })
    void masksSlotValuesByShape(String text, String expected) {
        assertEquals(expected, RequestText.masked(RequestText.tokens(text)));
    }
}
