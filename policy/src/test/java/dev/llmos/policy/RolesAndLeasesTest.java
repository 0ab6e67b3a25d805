package dev.llmos.policy;

import static dev.llmos.action.Risk.WRITE;
import static dev.llmos.policy.Inputs.BOB;
import static dev.llmos.policy.Inputs.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmos.action.Caller;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** protections guard only what an action changes; a lease turns the default ask into allow, rules still count. */
class RolesAndLeasesTest {
    private static PolicyInput input(Inputs.Who who, String action, Risk risk, Map<String, List<Path>> paths,
            Map<String, PathParam.Role> roles, String lease, boolean held) {
        return new PolicyInput(new Caller(who.uid(), who.uid(), 1, who.user(), List.of(who.uid())), who.groups(),
                who.home() == null ? null : Path.of(who.home()), action, risk, null, paths, roles, lease, held);
    }

    @Test
    void copyingFromAProtectedFileIsAWriteOfTheDestinationOnly() {
        Map<String, List<Path>> paths = Map.of("source", List.of(Path.of("/etc/passwd")),
                "destination", List.of(Path.of("/home/bob/passwd.copy")));
        Evaluation evaluation = Policy.builtIn().evaluate(input(BOB, "fs.copy", WRITE, paths, Map.of("source", PathParam.Role.SOURCE), null, false));
        assertEquals(Decision.ASK, evaluation.decision());
        assertEquals("builtin.write", evaluation.rule());
    }

    @Test
    void theSameCopyOntoAProtectedFileIsDeniedForRootToo() {
        Map<String, List<Path>> paths = Map.of("source", List.of(Path.of("/root/x")),
                "destination", List.of(Path.of("/etc/passwd")));
        Evaluation evaluation = Policy.builtIn().evaluate(input(ROOT, "fs.copy", WRITE, paths, Map.of("source", PathParam.Role.SOURCE), null, false));
        assertEquals(Decision.DENY, evaluation.decision());
        assertEquals("builtin.protected", evaluation.rule());
    }

    @Test
    void aProgramUnderUsrRunsWithoutTheProtectionButARuleCanDenyItInAnySpelling() throws Exception {
        Map<String, List<Path>> rm = Map.of("argv", List.of(Path.of("/usr/bin/rm")));
        Evaluation asked = Policy.builtIn().evaluate(input(BOB, "proc.run", WRITE, rm, Map.of("argv", PathParam.Role.PROGRAM), null, false));
        assertEquals(Decision.ASK, asked.decision());
        Policy policy = PolicyLoader.parse("test.toml", """
                [[rule]]
                id = "no-rm"
                actions = ["proc.run"]
                paths = ["/usr/bin/rm"]
                decision = "deny"
                reason = "use fs.delete, which can be undone"
                """);
        Evaluation denied = policy.evaluate(input(BOB, "proc.run", WRITE, rm, Map.of("argv", PathParam.Role.PROGRAM), null, false));
        assertEquals(Decision.DENY, denied.decision());
        assertEquals("no-rm", denied.rule());
    }

    @Test
    void aReadActionsOutputFileIsGuardedLikeAWrite() {
        Map<String, List<Path>> shot = Map.of("path", List.of(Path.of("/boot/evil.png")));
        Evaluation denied = Policy.builtIn().evaluate(input(ROOT, "display.screenshot", Risk.READ, shot,
                Map.of("path", PathParam.Role.OUTPUT), null, false));
        assertEquals(Decision.DENY, denied.decision());
        assertEquals("builtin.protected", denied.rule());
        Map<String, List<Path>> home = Map.of("path", List.of(Path.of("/home/bob/shot.png")));
        Evaluation allowed = Policy.builtIn().evaluate(input(BOB, "display.screenshot", Risk.READ, home,
                Map.of("path", PathParam.Role.OUTPUT), null, false));
        assertEquals(Decision.ALLOW, allowed.decision());
    }

    @Test
    void withoutALeaseAnInputActionAsksAndWithOneItIsAllowed() {
        Evaluation without = Policy.builtIn().evaluate(input(BOB, "input.key", WRITE, Map.of(), Map.of(), "input", false));
        assertEquals(Decision.ASK, without.decision());
        assertEquals("builtin.lease-missing", without.rule());
        Evaluation with = Policy.builtIn().evaluate(input(BOB, "input.key", WRITE, Map.of(), Map.of(), "input", true));
        assertEquals(Decision.ALLOW, with.decision());
        assertEquals("builtin.lease", with.rule());
    }

    @Test
    void aConfiguredRuleStillDeniesUnderALease() throws Exception {
        Policy policy = PolicyLoader.parse("test.toml", """
                [[rule]]
                id = "no-input-for-bob"
                actions = ["input.*"]
                users = ["bob"]
                decision = "deny"
                reason = "bob's sessions are not driven from here"
                """);
        Evaluation evaluation = policy.evaluate(input(BOB, "input.type", WRITE, Map.of(), Map.of(), "input", true));
        assertEquals(Decision.DENY, evaluation.decision());
    }
}
