package dev.llmos.modeld;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * every schema the guard admits goes through llama.cpp's converter in this jvm: a guard gap would
 * abort the test run, which is the point.
 */
class JsonSchemaGrammarTest {
    @Test
    void tightensTheWhitespaceRuleToOneOptionalSpace() {
        String grammar = JsonSchemaGrammar.of(PlanSchema.JSON);
        assertTrue(grammar.lines().anyMatch(JsonSchemaGrammar.COMPACT_SPACE::equals), grammar);
        assertFalse(grammar.contains("\\n"), "no rule may allow newlines between tokens: " + grammar);
        assertTrue(grammar.contains("\"\\\"disk.usage\\\"\""), grammar);
    }

    @Test
    void cachesBySchemaText() {
        assertSame(JsonSchemaGrammar.of(PlanSchema.JSON), JsonSchemaGrammar.of(PlanSchema.JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"type\": \"object\"}",
        "{\"type\": [\"string\", \"null\"], \"maxLength\": 4}",
        "{\"type\": \"integer\", \"minimum\": -5, \"maximum\": 300}",
        "{\"type\": \"string\", \"pattern\": \"^[a-z]{1,8}(\\\\.[a-z]+)?$\"}",
        "{\"type\": \"string\", \"format\": \"date\"}",
        "{\"type\": \"array\", \"items\": {\"type\": \"string\", \"maxLength\": 3}, \"maxItems\": 2}",
        "{\"anyOf\": [{\"const\": 1}, {\"type\": \"boolean\"}]}",
        "{\"$defs\": {\"p\": {\"type\": \"string\", \"maxLength\": 9}}, \"type\": \"object\","
                + " \"properties\": {\"a\": {\"$ref\": \"#/$defs/p\"}}, \"required\": [\"a\"], \"additionalProperties\": false}",
        "{\"oneOf\": [{\"type\": \"object\", \"properties\": {\"action\": {\"const\": \"a\"}}},"
                + " {\"type\": \"object\", \"properties\": {\"action\": {\"const\": \"b\"}}}]}",
        "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"number\"}}"
    })
    void convertsWhatTheGuardAdmits(String schema) {
        assertTrue(JsonSchemaGrammar.of(schema).contains("root ::="));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"foo\"}                                         | at /type: type must be one of",
        "{\"description\": \"anything\"}                             | at /: a subschema needs a type",
        "{\"type\": \"object\", \"properties\": {\"a\": true}}       | at /properties/a: a subschema must be a json object",
        "{\"type\": \"string\", \"pattern\": \"[a-z]+\"}             | at /pattern: a pattern must be anchored",
        "{\"type\": \"string\", \"pattern\": \"^(a$\"}               | at /pattern: the pattern does not compile",
        "{\"type\": \"string\", \"pattern\": \"^a{99999999999}$\"}   | at /pattern: braces in a pattern",
        "{\"$ref\": \"https://example.org/s.json\"}                 | at /$ref: only local references",
        "{\"$ref\": \"#/$defs/missing\"}                            | at /$ref: reference #/$defs/missing does not resolve",
        "{\"const\": {\"$ref\": 5}}                                 | at /const/$ref: only local references",
        "{\"type\": \"string\", \"format\": 5}                       | at /format: format must be a string",
        "{\"type\": \"string\", \"maxLength\": \"9\"}                | at /maxLength: maxLength must be a number",
        "{\"type\": [\"string\", 3]}                                | at /type/1: type must be one of",
        "{\"type\": \"object\", \"allOf\": [{\"type\": \"object\"}]} | at /allOf: allOf is not supported",
        "{\"anyOf\": []}                                            | at /anyOf: expected a non-empty array",
        "[1, 2]                                                     | a json schema must be a json object",
        "{\"type\": \"object\",                                     | not valid json"
    })
    void refusesWhatWouldAbortTheJvm(String schema, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonSchemaGrammar.of(schema));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
