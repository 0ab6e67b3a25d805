package dev.llmos.actions.packages;

import dev.llmos.action.testkit.CatalogConventions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import dev.llmos.action.Confinement;
import dev.llmos.action.Risk;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogTest {
    static final ActionCatalog CATALOG = ActionCatalog.discover();

    @Test
    void everyActionOfTheFamilyIsDiscovered() {
        assertEquals(List.of("pkg.info", "pkg.install", "pkg.remove", "pkg.search", "pkg.update"),
                CATALOG.entries().stream().map(CatalogEntry::name).toList());
    }

    @Test
    void followsTheCatalogConventions() {
        CatalogConventions.check(CATALOG);
    }

    @Test
    void everyStringParamIsPatternCheckedAndNothingNamesAFile() {
        for (CatalogEntry entry : CATALOG.entries()) {
            assertEquals(Confinement.CALLER, entry.action().confinement(), entry.name());
            assertEquals(List.of(), entry.pathParams(), entry.name());
            for (Map.Entry<String, JsonNode> property : entry.schema().path("properties").properties()) {
                if (property.getValue().path("type").asText().equals("string")) {
                    assertTrue(property.getValue().has("pattern"), entry.name() + "." + property.getKey() + " is unchecked");
                }
            }
        }
    }


    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pkg.search  | read   | query",
        "pkg.info    | read   | name",
        "pkg.install | system | name",
        "pkg.remove  | system | name",
        "pkg.update  | system | ''",
    })
    void risksAndContractParamNames(String name, String risk, String required) {
        CatalogEntry entry = CATALOG.find(name);
        assertEquals(Risk.valueOf(risk.toUpperCase(Locale.ROOT)), entry.action().risk());
        List<String> actual = new ArrayList<>();
        entry.schema().path("required").forEach(field -> actual.add(field.asText()));
        assertEquals(required.isEmpty() ? List.of() : List.of(required), actual, name);
        if (!required.isEmpty()) {
            assertTrue(entry.schema().path("properties").has(required), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pkg.search  | {\"query\":\"pdf viewer\"} | {\"query\":\"pdf viewer\",\"limit\":20,\"names_only\":false}",
        "pkg.install | {\"name\":\"hello\"}       | {\"name\":\"hello\"}",
        "pkg.remove  | {\"name\":\"g++-12\",\"version\":\"12.2.0-14\"} "
                + "| {\"name\":\"g++-12\",\"version\":\"12.2.0-14\"}",
        "pkg.update  | {}                         | {}",
    })
    void defaultsAreFilledIn(String name, String params, String normalized) throws Exception {
        JsonNode bound = CATALOG.find(name).bind(Json.parse(params.getBytes(StandardCharsets.UTF_8)), "/params")
                .normalized();
        assertEquals(Json.parse(normalized.getBytes(StandardCharsets.UTF_8)), bound);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-y", "--purge", "Hello", "a", "hello world", "hello;rm", "../x", "hello:amd64",
        "hello=2.10", "", "\u00e9t\u00e9", "hello\nworld"})
    void packageNamesOutsideDebianGrammarAreRejected(String name) {
        for (String action : List.of("pkg.info", "pkg.install", "pkg.remove")) {
            RpcException error = assertThrows(RpcException.class, () -> CATALOG.find(action)
                    .bind(Json.MAPPER.createObjectNode().put("name", name), "/params"), action + " " + name);
            assertEquals(-32602, error.error().code(), action + " " + name);
        }
        assertThrows(RpcException.class, () -> CATALOG.find("pkg.install").bind(Json.MAPPER.createObjectNode()
                .put("name", "x".repeat(129)), "/params"));
    }

    /**
     * the schema validator finds patterns rather than matching them whole, so {@code $} also
     * matches before a final newline: the actions check names again with a whole match.
     */
    @Test
    void actionsRecheckNamesWhole() {
        ActionException info = assertThrows(ActionException.class, () -> new PkgInfoAction()
                .execute(new PkgInfoAction.Params("hello\n"), TestContext.readOnly()));
        assertEquals("not a debian package name: hello\n", info.getMessage());
        assertThrows(ActionException.class, () -> new PkgInstallAction()
                .preview(new PkgInstallAction.Params("hello", "2.10-3\n"), TestContext.readOnly()));
        assertThrows(ActionException.class, () -> new PkgRemoveAction()
                .execute(new PkgRemoveAction.Params("-hello", null), TestContext.readOnly()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-2.10", "2.10 -3", "2.10;x", "--force"})
    void versionsOutsideDebianGrammarAreRejected(String version) {
        assertThrows(RpcException.class, () -> CATALOG.find("pkg.install").bind(Json.MAPPER.createObjectNode()
                .put("name", "hello").put("version", version), "/params"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-o Dir::Etc=/tmp", "pdf|viewer", "$(id)", " pdf", "pdf\nviewer", "[a-z]*"})
    void searchQueriesAreWordsOnly(String query) {
        assertThrows(RpcException.class, () -> CATALOG.find("pkg.search").bind(Json.MAPPER.createObjectNode()
                .put("query", query), "/params"));
    }

    @Test
    void searchWordsAreLiteralAndNeverOptions() throws Exception {
        assertEquals(List.of("g\\+\\+", "pdf", "x\\.org"), Names.searchTerms("g++ pdf x.org"));
        assertThrows(ActionException.class, () -> Names.searchTerms("pdf -viewer"));
    }

    @Test
    void inverseParamsOmitAnAbsentVersion() {
        assertEquals("{\"name\":\"hello\"}", Json.toString(new PkgRemoveAction.Params("hello", null)));
        assertEquals("{\"name\":\"hello\",\"version\":\"2.10-3\"}",
                Json.toString(new PkgInstallAction.Params("hello", "2.10-3")));
    }
}
