package dev.llmos.modeld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * the in-process wrapper on real llama.cpp. each subclass loads one model once, as native memory
 * grows with every load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LocalModelContract {
    private LocalModel model;

    abstract TestModel testModel();

    @BeforeAll
    void load() throws ModelException {
        TestModel testModel = testModel();
        model = LocalModel.load(ModelConfig.of(testModel.file()).withThreads(testModel.threads()).withContextSize(2048));
    }

    @AfterAll
    void close() {
        model.close();
    }

    private String planPrompt() throws ModelException {
        return model.chatPrompt(List.of(new ChatTurn(ChatTurn.SYSTEM, PlanSchema.SYSTEM), new ChatTurn(ChatTurn.USER, PlanSchema.USER)));
    }

    @Test
    void constrainedDecodingYieldsJsonValidAgainstTheSchema() throws Exception {
        Completion completion = model.complete(planPrompt(), Optional.of(PlanSchema.JSON), PlanSchema.MAX_TOKENS);
        assertEquals(Completion.STOP, completion.finishReason(), completion.text());
        assertEquals(Set.of(), SchemaCheck.errors(PlanSchema.JSON, completion.text()), completion.text());
        assertTrue(completion.promptTokens() > 0 && completion.completionTokens() > 0);
    }

    @Test
    void theSameRequestGivesByteIdenticalText() throws Exception {
        String prompt = planPrompt();
        Completion first = model.complete(prompt, Optional.of(PlanSchema.JSON), PlanSchema.MAX_TOKENS);
        Completion second = model.complete(prompt, Optional.of(PlanSchema.JSON), PlanSchema.MAX_TOKENS);
        assertEquals(first.text(), second.text());
        Completion free = model.complete(prompt, Optional.empty(), 24);
        assertEquals(free, model.complete(prompt, Optional.empty(), 24));
    }

    @Test
    void theTokenLimitCutsAnAnswerAndSaysSo() throws Exception {
        Completion cut = model.complete(planPrompt(), Optional.of(PlanSchema.JSON), 5);
        assertEquals(Completion.LENGTH, cut.finishReason());
        assertTrue(cut.text().startsWith("{"), cut.text());
    }

    @Test
    void theChatTemplateFramesSystemAndUserText() throws Exception {
        String prompt = planPrompt();
        assertTrue(prompt.contains(PlanSchema.SYSTEM) && prompt.contains(PlanSchema.USER), prompt);
        assertTrue(prompt.indexOf(PlanSchema.SYSTEM) < prompt.indexOf(PlanSchema.USER), prompt);
        assertFalse(prompt.endsWith(PlanSchema.USER), "the prompt ends where the assistant starts: " + prompt);
    }

    @Test
    void aPromptLongerThanTheContextIsRefused() {
        String huge = "disk ".repeat(3000);
        ModelException e = assertThrows(ModelException.class, () -> model.complete(huge, Optional.empty(), 8));
        assertEquals(ModelException.Kind.CONTEXT_EXCEEDED, e.kind());
    }

    @Test
    void anUnsupportedSchemaIsAnInvalidRequestNotACrash() {
        ModelException e = assertThrows(ModelException.class,
                () -> model.complete("x", Optional.of("{\"type\": \"foo\"}"), 8));
        assertEquals(ModelException.Kind.INVALID_REQUEST, e.kind());
    }
}
