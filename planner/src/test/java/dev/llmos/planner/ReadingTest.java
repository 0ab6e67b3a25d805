package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReadingTest {
    private static final Set<String> VOCABULARY = Set.of("show", "status", "list", "stats", "plan", "leave", "audio");

    private static Reading read(String text) {
        return Reading.of(RequestText.normalize(text), VOCABULARY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "don't delete /tmp/x/keep.txt, just show it|show /tmp/x/keep.txt",
        "do not restart nginx, just tell me if it is running|tell me if nginx is running",
        "without deleting anything, show what is in /tmp/build|show what is in /tmp/build",
        "only show the files in /var/tmp, do not delete them|only show the files in /var/tmp",
        "list /srv and don't change anything|list /srv"})
    void whatTheRequestSaysNotToDoIsDropped(String text, String kept) {
        Reading reading = read(text);
        assertNull(reading.declined());
        assertEquals(kept, reading.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"do not remove anything in /tmp/x", "never delete ~/notes.txt", "please don't uninstall curl",
        "don't kill process 4242", "I don't want to stop ssh"})
    void aRequestThatOnlySaysWhatNotToDoIsDeclined(String text) {
        assertEquals("the request says only what not to do; nothing was planned", read(text).declined());
    }

    @ParameterizedTest
    @ValueSource(strings = {"undo-list", "llmsh undo-list", "undolist", "undo lsit", "udno --list", "audit-tail",
        "aduit verify", "statsu", "actoins", "lesae input 10m", "plna delete /tmp/x",
        "polcy check fs.delete path=/etc/passwd", "describe fs.list"})
    void aMistypedLlmshCommandIsDeclined(String text) {
        String declined = read(text).declined();
        assertNotNull(declined, text);
        assertTrue(declined.contains("llmsh"), declined);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status of nginx", "stats of the disk", "show the plan", "leave the folder as it is",
        "audio devices please", "list users"})
    void wordsOfRequestsAreNotCommands(String text) {
        assertNull(read(text).declined(), text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "delete all log files in /tmp/x|PATTERN",
        "delete the old backups in /srv/backups|PATTERN",
        "remove every .tmp file in ~/project|PATTERN",
        "delete *.log in /var/tmp|PATTERN",
        "delete everything inside /tmp/x but keep the folder|CONTENTS",
        "empty the /tmp/x folder|CONTENTS",
        "remove all files and subdirs in /srv/www|CONTENTS",
        "set every permission under /srv/app to 755|CONTENTS",
        "delete /tmp/x and everything in it|ITSELF",
        "delete /tmp/x|ITSELF",
        "list all running processes|ITSELF"})
    void theScopeOfTheObjectIsRead(String text, Reading.Scope scope) {
        assertEquals(scope, read(text).scope(), text);
    }

    @Test
    void aFolderWithEverythingInItIsTheFolderItself() {
        assertTrue(read("delete /tmp/x and everything in it").itself());
        assertFalse(read("delete /tmp/x").itself());
    }

    @Test
    void hypotheticalsAreMarked() {
        assertTrue(read("what would happen if I deleted /tmp/cache").hypothetical());
        assertTrue(read("what would removing the htop package do").hypothetical());
        assertFalse(read("what is in /tmp/cache").hypothetical());
    }
}
