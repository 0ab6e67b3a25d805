package dev.llmos.actions.files;

import static dev.llmos.action.testkit.Harness.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FsPurgeQuarantineActionTest extends ActionTestBase {
    @Test
    void youngItemsStayAndOldOnesAreFreedForGood() throws Exception {
        Harness.Run small = harness.run("fs.delete", params("path", Fixtures.file(dir.resolve("a"), "12345", 0644).toString()));
        Path tree = Fixtures.tree(dir.resolve("t"), Fixtures.file(dir.resolve("o"), "o", 0644));
        Files.setAttribute(tree.resolve("bin"), "unix:mode", 0555);
        harness.run("fs.delete", params("path", tree.toString(), "recursive", true));

        JsonNode kept = harness.run("fs.purge_quarantine", params()).output();
        assertEquals(0, kept.path("items").size());
        assertEquals(2, kept.path("kept").asInt());

        FsPurgeQuarantineAction later = new FsPurgeQuarantineAction(
                Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofDays(31)));
        JsonNode preview = Json.toTree(later.preview(new FsPurgeQuarantineAction.Params(30),
                TestContext.withQuarantine(quarantine)).orElseThrow());
        assertTrue(preview.path("summary").asText().startsWith("free 2 quarantined items"), preview.toString());
        assertEquals(2, Fixtures.names(quarantine).size(), "a preview frees nothing");

        long manifests = 0;
        for (String item : Fixtures.names(quarantine)) {
            manifests += Files.size(quarantine.resolve(item).resolve("manifest.json"));
        }
        JsonNode purged = Json.toTree(later.execute(new FsPurgeQuarantineAction.Params(30), TestContext.withQuarantine(quarantine)));
        assertEquals(2, purged.path("items").size());
        assertEquals(5 + 6 + 18 + 4 + 6 + 100_000 + manifests, purged.path("freed_bytes").asLong());
        assertEquals("fs.delete", purged.path("items").path(0).path("action").asText());
        assertEquals(List.of(), Fixtures.names(quarantine));
        assertEquals(0, purged.path("failures").size());

        ActionException e = assertThrows(ActionException.class, () -> harness.undo(small));
        assertTrue(e.getMessage().startsWith("the quarantined item is gone: "), e.getMessage());
    }

    @Test
    void zeroDaysEmptiesEverythingIncludingHalfMadeItems() throws Exception {
        harness.run("fs.delete", params("path", Fixtures.file(dir.resolve("a"), "a", 0644).toString()));
        Files.createDirectory(quarantine.resolve("20200101T000000Z-00000000"));
        JsonNode purged = harness.run("fs.purge_quarantine", params("older_than_days", 0)).output();
        assertEquals(2, purged.path("items").size());
        assertTrue(purged.path("items").path(0).path("original").isNull(), purged.toString());
        assertEquals(List.of(), Fixtures.names(quarantine));
    }
}
