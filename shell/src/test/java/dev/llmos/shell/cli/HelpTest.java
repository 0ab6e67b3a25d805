package dev.llmos.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** help and the man page from the model. */
class HelpTest {
    private static final Cmd<String> ROOT = Cmd.<String>of("tool", "A tool that does things.")
            .withOptions(Opt.flag("Show this help and exit.", "--help", "-h").asGlobal(),
                    Opt.value("PATH", Values.NONE, "Where the daemon listens, a long description that must wrap "
                            + "at the width it is given and never be cut.", "--socket").asGlobal())
            .withSubcommands(Cmd.<String>of("do", "Run one action.")
                    .describedAs("More about it.")
                    .withOptions(Opt.flag("Change nothing.", "--dry-run"))
                    .withArgs(Arg.one("ACTION", Values.NONE, "The action."), Arg.many("KEY=VALUE", 0, Values.NONE, "Params."))
                    .withExamples("tool do x.y a=1")
                    .withExitCodes("1: it failed")
                    .runs("do"));

    @Test
    void aCommandsHelpHasUsageTextArgumentsOptionsGlobalsExamplesAndExitCodes() {
        String help = Help.render(List.of(ROOT, ROOT.subcommand("do").orElseThrow()), List.of("0: ok", "2: usage"), 60);
        assertEquals("""
                Usage: tool do [OPTIONS] ACTION [KEY=VALUE...]

                Run one action.

                More about it.

                Arguments:
                  ACTION     The action.
                  KEY=VALUE  Params.

                Options:
                  --dry-run  Change nothing.

                Global options:
                  -h, --help     Show this help and exit.
                  --socket PATH  Where the daemon listens, a long
                                 description that must wrap at the width it
                                 is given and never be cut.

                Examples:
                  tool do x.y a=1

                Exit codes:
                  0  ok
                  1  it failed
                  2  usage
                """, help);
    }

    @Test
    void theRootListsItsCommands() {
        String help = Help.render(List.of(ROOT), List.of("0: ok"), 80);
        assertTrue(help.startsWith("Usage: tool [OPTIONS] COMMAND\n"), help);
        assertTrue(help.contains("Commands:\n  do  Run one action.\n"), help);
        assertTrue(help.contains("Run 'tool COMMAND --help' for a command's help."), help);
    }

    @Test
    void theManPageHasEverySectionAndEscapesRoff() {
        String page = ManPage.render(ROOT, new ManPage.Info(1, "1.0", "2026-01-01", List.of("0: ok"),
                List.of("NO_COLOR: no colour"), List.of("/etc/x: config"), List.of("other(8)")));
        assertTrue(page.startsWith(".TH \"TOOL\" 1 \"2026-01-01\" \"llm-os 1.0\" \"User Commands\"\n"), page);
        for (String section : List.of(".SH NAME\ntool \\- A tool", ".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDS",
                ".SS \"tool do [OPTIONS] ACTION [KEY=VALUE...]\"", "\\fB\\-\\-dry\\-run\\fR", ".SH \"EXIT STATUS\"",
                ".SH ENVIRONMENT\n.TP\n.B NO_COLOR", ".SH FILES", ".SH \"SEE ALSO\"\n.BR other (8)")) {
            assertTrue(page.contains(section), section + " in\n" + page);
        }
        assertEquals("\\&.hidden \\e \\- x", ManPage.escape(".hidden \\ - x"));
    }
}
