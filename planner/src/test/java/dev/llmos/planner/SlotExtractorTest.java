package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.catalog.ActionCatalog;
import dev.llmos.protocol.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SlotExtractorTest {
    private static final PlanContext ALICE = Fixtures.alice(ActionCatalog.discover());
    private static final PlanContext NO_CWD = new PlanContext(ALICE.catalog(), Fixtures.ALICE, Fixtures.HOME, null)
            .on(FixtureMachine.INSTANCE);
    private static final PlanContext NOBODY = new PlanContext(ALICE.catalog(), Fixtures.ALICE, null, null)
            .on(FixtureMachine.INSTANCE);

    private static String slots(String action, String text, PlanContext context) {
        return Json.toString(SlotExtractor.extract(TestActions.entry(action), RequestText.normalize(text), context).params());
    }

    private static String slots(String action, String text) {
        return slots(action, text, ALICE);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "fs.list|list /var/log/|{\"path\":\"/var/log\"}",
        "fs.list|what's in ~|{\"path\":\"/home/alice\"}",
        "fs.list|ls ~/src/app.|{\"path\":\"/home/alice/src/app\"}",
        "fs.list|show my home folder|{\"path\":\"/home/alice\"}",
        "fs.list|whats in my Downloads folder|{\"path\":\"/home/alice/Downloads\"}",
        "fs.list|list photos|{\"path\":\"/home/alice/Pictures\"}",
        "fs.list|what files are here|{\"path\":\"/home/alice/project\"}",
        "fs.list|list the current directory|{\"path\":\"/home/alice/project\"}",
        "fs.list|ls ..|{\"path\":\"/home/alice\"}",
        "fs.list|ls ./build|{\"path\":\"/home/alice/project/build\"}",
        "fs.list|show \"/mnt/usb drive\" please|{\"path\":\"/mnt/usb drive\"}",
        "fs.list|list 'My Stuff/old'|{\"path\":\"/home/alice/project/My Stuff/old\"}",
        "sys.disk_usage|du -sh /var/log/*|{\"path\":\"/var/log\"}",
        "sys.disk_usage|how much disk space is left|{}",
        "fs.read|cat README.md|{\"path\":\"/home/alice/project/README.md\"}",
        "fs.copy|copy report.pdf to my documents|{\"destination\":\"/home/alice/Documents/report.pdf\",\"source\":\"/home/alice/project/report.pdf\"}",
        "fs.copy|Copy filename1 to filename2|{\"destination\":\"/home/alice/project/filename2\",\"source\":\"/home/alice/project/filename1\"}",
        "fs.copy|cp draft to final|{\"destination\":\"/home/alice/project/final\",\"source\":\"/home/alice/project/draft\"}",
        "fs.read|show notes.txt, i.e. its contents|{\"path\":\"/home/alice/project/notes.txt\"}",
        "fs.read|print notes.txt, e.g. to check it|{\"path\":\"/home/alice/project/notes.txt\"}",
    })
    void paths(String action, String text, String expected) {
        assertEquals(expected, slots(action, text));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "proc.list|top five processes|{\"limit\":5}",
        "proc.list|show the 10 biggest|{\"limit\":10}",
        "proc.list|first twenty five processes|{\"limit\":25}",
        "proc.list|list a dozen processes|{\"limit\":12}",
        "proc.list|show 5000 processes|{\"limit\":1000}",
        "proc.list|show 0 processes|{\"limit\":1}",
        "fs.list|skip 100 and list /tmp|{\"offset\":100,\"path\":\"/tmp\"}",
        "fs.list|list 20 files in /tmp after 40|{\"limit\":20,\"offset\":40,\"path\":\"/tmp\"}",
        "fs.read|read the first 4 kb of /var/log/syslog|{\"max_bytes\":4096,\"path\":\"/var/log/syslog\"}",
        "fs.read|read 200 bytes of /etc/passwd from byte 100|{\"max_bytes\":200,\"offset\":100,\"path\":\"/etc/passwd\"}",
        "fs.read|read /etc/passwd from byte 4096|{\"offset\":4096,\"path\":\"/etc/passwd\"}",
        "net.listening|what is listening on port 8080|{}",
    })
    void numbers(String action, String text, String expected) {
        assertEquals(expected, slots(action, text));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "proc.list|what uses the most ram|{\"sort\":\"memory\"}",
        "proc.list|processes by mem|{\"sort\":\"memory\"}",
        "proc.list|which process eats the processor|{\"sort\":\"cpu\"}",
        "proc.list|what is using all my cpu|{\"sort\":\"cpu\"}",
        "proc.list|cpu and memory hogs|{}",
        "net.listening|list all tcp ports|{\"protocol\":\"tcp\"}",
        "net.listening|tcp and udp listeners|{}",
        "net.listening|all listening sockets|{\"protocol\":\"all\"}",
        "fs.list|list /tmp including hidden|{\"hidden\":true,\"path\":\"/tmp\"}",
        "fs.list|show dotfiles in ~|{\"hidden\":true,\"path\":\"/home/alice\"}",
        "fs.list|ls -la /etc|{\"hidden\":true,\"path\":\"/etc\"}",
        "fs.list|list /etc without hidden files|{\"hidden\":false,\"path\":\"/etc\"}",
        "fs.copy|copy the folder /srv/a to /srv/b recursively|{\"destination\":\"/srv/b\",\"recursive\":true,\"source\":\"/srv/a\"}",
    })
    void enumsAndFlags(String action, String text, String expected) {
        assertEquals(expected, slots(action, text));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "service.restart|restart nginx|{\"unit\":\"nginx.service\"}",
        "service.restart|Please restart the Nginx service now|{\"unit\":\"nginx.service\"}",
        "service.restart|restrat nginx|{\"unit\":\"nginx.service\"}",
        "service.restart|restart NetworkManager|{\"unit\":\"NetworkManager.service\"}",
        "service.restart|restart cron.timer|{\"unit\":\"cron.timer\"}",
        "service.restart|restart 'getty@tty1'|{\"unit\":\"getty@tty1.service\"}",
        "pkg.install|install htop|{\"name\":\"htop\"}",
        "pkg.install|can you install python3-venv for me|{\"name\":\"python3-venv\"}",
        "logs.query|last 50 log lines of docker|{\"limit\":50,\"unit\":\"docker.service\"}",
    })
    void names(String action, String text, String expected) {
        assertEquals(expected, slots(action, text));
    }

    @Test
    void aMissingRequiredPathIsListedWithHowToGiveIt() {
        Slots slots = SlotExtractor.extract(TestActions.entry("fs.list"), "list the files", NO_CWD);
        assertEquals(List.of("path"), slots.missing().stream().map(Slots.Missing::param).toList());
        assertTrue(slots.missing().getFirst().hint().contains("/var/log"), slots.missing().toString());
    }

    @Test
    void relativeNamesNeedTheWorkingDirectory() {
        Slots slots = SlotExtractor.extract(TestActions.entry("fs.read"), "cat notes.txt", NO_CWD);
        assertEquals("path", slots.missing().getFirst().param());
        assertTrue(slots.missing().getFirst().hint().contains("current directory is unknown"), slots.toString());
        assertEquals("{}", slots("fs.list", "what is here", NO_CWD));
    }

    @Test
    void homeWordsNeedTheHome() {
        Slots slots = SlotExtractor.extract(TestActions.entry("fs.list"), "list my downloads", NOBODY);
        assertTrue(slots.missing().getFirst().hint().contains("home directory is unknown"), slots.toString());
        assertEquals("{\"path\":\"/srv\"}", slots("fs.list", "list /srv", NOBODY));
    }

    @Test
    void theSameRequestGivesTheSameSlots() {
        String text = "top 5 processes by ram in /proc";
        assertEquals(slots("proc.list", text), slots("proc.list", text));
        assertEquals(Path.of("/home/alice"), ALICE.home());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            input.type   | type hello world                          | {"text":"hello world"}
            input.type   | please type 'Dear Sir,' into the window   | {"text":"Dear Sir,"}
            input.click  | click at 200,300                          | {"x":200,"y":300}
            input.click  | click the OK button at 200 300            | {"x":200,"y":300}
            proc.signal  | kill process 1234                         | {"pid":1234}
            sys.timezone | set the timezone to Europe/Paris          | {"timezone":"Europe/Paris"}
            sys.timezone | switch my clock to UTC please             | {"timezone":"UTC"}
            logs.search  | show me the errors from the last hour     | {"priority":"err","since":"1 hours ago"}
            logs.search  | warnings of nginx in the past 3 days      | {"priority":"warning","since":"3 days ago","unit":"nginx.service"}
            logs.search  | what happened yesterday                   | {"since":"yesterday"}
            """)
    void freeTextCoordinatesLoneNumbersPatternsAndTimes(String action, String text, String expected) {
        assertEquals(expected, slots(action, text));
    }
}
