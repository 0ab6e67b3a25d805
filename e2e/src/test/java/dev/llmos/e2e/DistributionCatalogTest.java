package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.testkit.CatalogConventions;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * the catalog the distribution ships, every family together: the conventions hold across families
 * too (no example utterance belongs to two actions of different families), and each family is there.
 */
class DistributionCatalogTest {
    private static final ActionCatalog CATALOG = ActionCatalog.discover();

    @Test
    void everyFamilyTogetherFollowsTheCatalogConventions() {
        CatalogConventions.check(CATALOG);
    }

    @Test
    void everyShippedFamilyIsDiscovered() {
        List<String> families = CATALOG.entries().stream().map(CatalogEntry::name)
                .map(name -> name.substring(0, name.indexOf('.'))).distinct().sorted().toList();
        assertEquals(List.of("clipboard", "display", "fs", "input", "logs", "net", "pkg", "proc", "service", "sys", "user"),
                families);
        assertTrue(CATALOG.entries().size() >= 46, "actions: " + CATALOG.entries().size());
    }
}
