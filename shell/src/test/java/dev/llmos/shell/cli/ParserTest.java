package dev.llmos.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** the command line against a small model shaped like llmsh's. */
class ParserTest {
    private static final Cmd<String> ROOT = Cmd.<String>of("tool", "a tool")
            .withOptions(Opt.value("PATH", Values.FILES, "socket", "--socket").asGlobal(),
                    Opt.flag("json", "--json").asGlobal(),
                    Opt.flag("help", "--help", "-h").asGlobal(),
                    Opt.value("WHEN", Values.of("auto", "never"), "colour", "--color").asGlobal(),
                    Opt.flag("version", "--version", "-V"))
            .withArgs(new Arg("TEXT", 0, Arg.MANY, "words", Values.NONE))
            .runs("words")
            .withSubcommands(
                    Cmd.<String>of("do", "run one").withOptions(Opt.flag("dry", "--dry-run"))
                            .withArgs(Arg.one("ACTION", Values.NONE, "action"), Arg.many("KEY=VALUE", 0, Values.NONE, "params"))
                            .runs("do"),
                    Cmd.<String>of("audit", "audit").withSubcommands(
                            Cmd.<String>of("tail", "tail").withOptions(Opt.value("N", Values.NONE, "n", "--limit", "-n")).runs("tail"),
                            Cmd.<String>of("verify", "verify").runs("verify")));

    private static Parsed<String> parse(String... args) throws UsageException {
        return Parser.parse(ROOT, List.of(args));
    }

    @Test
    void globalOptionsGoAnywhereAndTheFirstWordSelectsASubcommand() throws UsageException {
        Parsed<String> line = parse("--json", "do", "fs.list", "--socket", "/s", "path=/tmp", "--dry-run");
        assertEquals("do", line.command().handler());
        assertEquals("fs.list", line.arg("ACTION"));
        assertEquals(List.of("path=/tmp"), line.argList("KEY=VALUE"));
        assertTrue(line.flag("--json") && line.flag("--dry-run"));
        assertEquals("/s", line.value("--socket"));
        assertEquals("5", parse("audit", "tail", "-n5").value("--limit"));
        assertEquals("5", parse("audit", "tail", "--limit=5").value("--limit"));
        assertEquals("never", parse("--color=never", "audit", "verify").value("--color"));
    }

    @Test
    void plainWordsAreTheRootsArgumentsAndOnlyTheFirstWordCanBeACommand() throws UsageException {
        Parsed<String> line = parse("show", "do", "things");
        assertEquals("words", line.command().handler());
        assertEquals(List.of("show", "do", "things"), line.argList("TEXT"));
        assertEquals(List.of("--json", "-5"), parse("--", "--json", "-5").argList("TEXT"));
        assertEquals(List.of("down", "-5"), parse("down", "-5").argList("TEXT"));
    }

    @Test
    void helpAndVersionWinWhereverTheyAre() throws UsageException {
        Parsed<String> help = parse("do", "--help");
        assertEquals(Parsed.Request.HELP, help.request());
        assertEquals("do", help.command().name());
        assertEquals(Parsed.Request.HELP, parse("audit", "tail", "-h").request());
        assertEquals("tail", parse("audit", "tail", "-h").command().name());
        assertEquals(Parsed.Request.HELP, parse("do", "-h").request(), "help needs no required argument");
        assertEquals(Parsed.Request.VERSION, parse("-V").request());
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhatWasMeant() {
        UsageException option = assertThrows(UsageException.class, () -> parse("--jsno", "do", "x"));
        assertEquals("unknown option '--jsno'; did you mean '--json'?", option.getMessage());
        UsageException deep = assertThrows(UsageException.class, () -> parse("do", "x", "--dry-rn"));
        assertEquals("unknown option '--dry-rn' for tool do; did you mean '--dry-run'?", deep.getMessage());
        UsageException command = assertThrows(UsageException.class, () -> parse("audit", "tali"));
        assertEquals("unknown command 'tali' for tool audit; did you mean 'tail'?", command.getMessage());
        assertEquals("'tool audit' needs a command: tail, verify",
                assertThrows(UsageException.class, () -> parse("audit")).getMessage());
        assertEquals("tool do: missing ACTION", assertThrows(UsageException.class, () -> parse("do")).getMessage());
        assertEquals("tool audit verify: unexpected argument 'x'",
                assertThrows(UsageException.class, () -> parse("audit", "verify", "x")).getMessage());
        assertEquals("option '--color' takes one of auto, never, not 'nevr'; did you mean 'never'?",
                assertThrows(UsageException.class, () -> parse("--color", "nevr")).getMessage());
        assertEquals("option '--socket' needs a value (PATH)",
                assertThrows(UsageException.class, () -> parse("--socket")).getMessage());
        assertEquals("option '--json' takes no value",
                assertThrows(UsageException.class, () -> parse("--json=yes")).getMessage());
        assertEquals(List.of("tool", "do"), assertThrows(UsageException.class, () -> parse("do"))
                .path().stream().map(Cmd::name).toList());
    }

    @Test
    void theVersionOptionBelongsToTheRootOnly() {
        assertThrows(UsageException.class, () -> parse("do", "x", "--version"));
    }
}
