package dev.llmos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** a one-shot run builds picocli's model only for the subcommand it names. */
class SubcommandSelectionTest {
    @Test
    void aNamedSubcommandIsTheOnlyOneBuiltEvenAfterGlobalOptions() {
        assertEquals(List.of(DoCommand.class), Main.subcommandsFor(new String[] {"do", "sys.info"}));
        assertEquals(List.of(StatusCommand.class),
                Main.subcommandsFor(new String[] {"--socket", "status", "--json", "status"}));
        assertEquals(List.of(AuditCommand.class), Main.subcommandsFor(new String[] {"-y", "audit", "verify"}));
    }

    @Test
    void plainWordsNeedNoSubcommandAndHelpOrNothingNeedsAll() {
        assertEquals(List.of(), Main.subcommandsFor(new String[] {"how", "much", "disk", "is", "left"}));
        assertEquals(Llmsh.SUBCOMMANDS, Main.subcommandsFor(new String[] {}));
        assertEquals(Llmsh.SUBCOMMANDS, Main.subcommandsFor(new String[] {"--help"}));
        assertEquals(List.of(), Main.subcommandsFor(new String[] {"--version"}));
        assertEquals(Llmsh.SUBCOMMANDS, Main.subcommandsFor(new String[] {"help", "do"}));
        assertEquals(Llmsh.SUBCOMMANDS.size(), Main.subcommandsFor(new String[] {"--json"}).size());
    }

    @Test
    void everySubcommandHasAUniqueName() {
        assertEquals(Llmsh.SUBCOMMANDS.size(), Llmsh.SUBCOMMANDS.stream()
                .map(c -> c.getAnnotation(CommandLine.Command.class).name()).distinct().count());
    }
}
