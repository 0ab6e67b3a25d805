package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.protocol.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * the facade over a configured list of backends: the documented order (local ones in the listed order,
 * then remote ones, or remote first for a complex request under allow-remote), falling through
 * backends that cannot be reached or whose plans stay invalid; and both forms of planner.toml.
 */
class PlannerServiceTest {
    private static final ActionCatalog CATALOG = ActionCatalog.discover();
    private static final PlanContext ALICE = Fixtures.alice(CATALOG);
    private static final String LIST_TMP = "{\"steps\":[{\"action\":\"fs.list\",\"params\":{\"path\":\"/tmp\"}}]}";
    /** a request the router refuses, so the llms plan it; one step, so not complex. */
    private static final String SANDWICH = "make me a sandwich with extra pickles";

    @TempDir
    static Path cache;
    @TempDir
    Path dir;

    private static PlannerConfig config(String toml) throws IOException {
        ObjectNode tree = (ObjectNode) new TomlMapper().readTree(toml);
        return PlannerConfig.of(tree, Path.of("planner.toml"), Map.of());
    }

    private static String backend(String name, boolean remote, String endpoint) {
        return "[[backend]]\nname = \"" + name + "\"\nremote = " + remote + "\nendpoint = \"" + endpoint
                + "\"\nmodel = \"m-" + name + "\"\ntimeout_s = 10\n";
    }

    private static Map<String, String> states(PlannerService planner) {
        return planner.backends().stream().filter(PlannerService.LlmStatus.class::isInstance)
                .map(PlannerService.LlmStatus.class::cast)
                .collect(java.util.stream.Collectors.toMap(status -> status.llm().name(), PlannerService.LlmStatus::state));
    }

    @Test
    void threeBackendsTheFirstUnreachableFallThroughInTheDocumentedOrder() throws Exception {
        String gone = "unix:" + dir.resolve("absent.sock");
        try (ScriptedLlm broken = new ScriptedLlm(); ScriptedLlm far = new ScriptedLlm()) {
            // broken answers "{}" (no steps) to the plan and to its repair; far answers with a plan
            far.answer(LIST_TMP);
            PlannerConfig config = config("privacy = \"allow-remote\"\n" + backend("gone", false, gone)
                    + backend("far", true, far.endpoint()) + backend("broken", false, broken.endpoint()));
            assertEquals(List.of("gone", "far", "broken"), config.backends().stream().map(PlannerConfig.Backend::name)
                    .toList(), "the configured order");
            try (PlannerService planner = PlannerService.start(config, cache, Duration.ofMinutes(5))) {
                assertEquals(Map.of("gone", "dormant", "far", "dormant", "broken", "dormant"), states(planner));
                Plan plan = planner.plan(SANDWICH, ALICE);
                // local ones first in the listed order (gone, then broken), then the remote one
                assertEquals("llm:far:m-far", plan.planner());
                assertEquals(2, broken.received().size(), "broken was asked, with one repair round, before far");
                assertEquals(1, far.received().size());
                assertEquals(Map.of("gone", "unreachable", "far", "loaded", "broken", "loaded"), states(planner));
                PlannerService.LlmStatus first = (PlannerService.LlmStatus) planner.backends().get(1);
                assertEquals(new PlannerService.Llm("gone", "m-gone", gone, false), first.llm());
                assertTrue(first.error() != null && !first.error().isBlank(), "why it is unreachable");
            }
        }
    }

    @Test
    void localOnlyFallsThroughTheLocalBackendsAndNeverReachesTheRemoteOne() throws Exception {
        String gone = "unix:" + dir.resolve("absent.sock");
        try (ScriptedLlm broken = new ScriptedLlm(); ScriptedLlm far = new ScriptedLlm()) {
            far.answer(LIST_TMP);
            PlannerConfig config = config(backend("gone", false, gone) + backend("broken", false, broken.endpoint())
                    + backend("far", true, far.endpoint()));
            try (PlannerService planner = PlannerService.start(config, cache, Duration.ofMinutes(5))) {
                PlanningException e = assertThrows(PlanningException.class, () -> planner.plan(SANDWICH, ALICE));
                assertEquals(PlanningException.Reason.INVALID_PLAN, e.reason(), e.getMessage());
                assertTrue(e.getMessage().contains("the gone llm (" + gone + ") did not answer"), e.getMessage());
                assertTrue(e.getMessage().contains("llm:broken:m-broken proposed an invalid plan"), e.getMessage());
                assertEquals(List.of(), far.received(), "nothing left the machine");
                assertEquals("dormant", states(planner).get("far"));
            }
        }
    }

    @Test
    void askBeforeRemoteNamesEveryRemoteModelTheConsentCovers() throws Exception {
        try (ScriptedLlm one = new ScriptedLlm(); ScriptedLlm two = new ScriptedLlm()) {
            two.answer(LIST_TMP);
            PlannerConfig config = config("privacy = \"ask-before-remote\"\n" + backend("one", true, one.endpoint())
                    + backend("two", true, two.endpoint()));
            try (PlannerService planner = PlannerService.start(config, cache, Duration.ofMinutes(5))) {
                PlanningException e = assertThrows(PlanningException.class, () -> planner.plan(SANDWICH, ALICE));
                assertEquals(PlanningException.Reason.REMOTE_CONSENT, e.reason());
                assertTrue(e.getMessage().startsWith("planning this needs the remote models m-one at " + one.endpoint()
                        + ", m-two at " + two.endpoint() + ": "), e.getMessage());
                assertEquals(List.of(), one.received());
                assertEquals("llm:two:m-two", planner.plan(SANDWICH, ALICE.withRemoteConsent()).planner());
                assertEquals(2, one.received().size(), "one was asked first, and its plan stayed invalid");
            }
        }
    }

    @Test
    void theLocalAndRemoteSectionsLoadAsBeforeLocalFirst() throws Exception {
        PlannerConfig config = config("""
                privacy = "ask-before-remote"
                [remote]
                endpoint = "https://api.example.com/v1"
                model = "big"
                [local]
                endpoint = "unix:/run/llm-modeld/llm-modeld.sock"
                model = "default"
                timeout_s = 180
                """);
        assertEquals(Privacy.ASK_BEFORE_REMOTE, config.privacy());
        assertEquals(List.of("Backend[local, openai, local, unix:/run/llm-modeld/llm-modeld.sock, default, PT3M]",
                "Backend[remote, openai, remote, https://api.example.com/v1, big, PT2M]"),
                config.backends().stream().map(PlannerConfig.Backend::toString).toList());
        assertEquals(List.of(), config("privacy = \"local-only\"\n").backends(), "no backend: only the router");
    }

    @Test
    void aListedBackendIsRemoteUnlessItSaysOtherwise() throws Exception {
        PlannerConfig config = config("""
                [[backend]]
                name = "hosted"
                endpoint = "https://api.example.com/v1"
                model = "big"
                """);
        assertEquals(true, config.backends().getFirst().remote());
        assertEquals("openai", config.backends().getFirst().kind());
    }

    @Test
    void badListsAreErrorsNamingTheBackend() {
        String one = backend("a", false, "unix:/run/a.sock");
        assertEquals("planner.toml: [[backend]] replaces [local] and [remote]: use one form or the other",
                error(one + "[local]\nendpoint = \"unix:/run/b.sock\"\nmodel = \"m\"\n"));
        assertEquals("planner.toml: [[backend]] a is named twice", error(one + one));
        assertEquals("planner.toml: [[backend]] #1 needs a name of lowercase letters, digits, - and _ (at most 32)",
                error("[[backend]]\nendpoint = \"unix:/run/a.sock\"\nmodel = \"m\"\n"));
        assertEquals("planner.toml: [[backend]] a kind is one of [openai], not grpc", error(one + "kind = \"grpc\"\n"));
        assertEquals("planner.toml: [[backend]] a needs endpoint and model", error("[[backend]]\nname = \"a\"\n"));
        assertEquals("planner.toml: [local] takes no name, kind or remote (those are for [[backend]])",
                error("[local]\nendpoint = \"unix:/run/b.sock\"\nmodel = \"m\"\nremote = true\n"));
    }

    private static String error(String toml) {
        return assertThrows(IOException.class, () -> config(toml)).getMessage();
    }
}
