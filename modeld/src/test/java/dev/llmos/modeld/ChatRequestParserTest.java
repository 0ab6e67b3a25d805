package dev.llmos.modeld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatRequestParserTest {
    private static ChatCompletionRequest parse(String json) throws ApiException {
        return ChatRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheOpenAiShapeAndIgnoresUnusedFields() throws Exception {
        ChatCompletionRequest request = parse("""
                {"model": "m", "top_p": 1, "user": "u", "max_tokens": 64, "temperature": 0, "seed": 7,
                 "stop": ["\\n\\n"],
                 "messages": [{"role": "developer", "content": "plan"},
                              {"role": "user", "content": [{"type": "text", "text": "disk "}, {"type": "text", "text": "left?"}]}],
                 "response_format": {"type": "json_schema",
                                     "json_schema": {"name": "plan", "strict": true, "schema": {"type": "object"}}}}
                """);
        assertEquals(new ChatCompletionRequest(List.of(new ChatTurn("system", "plan"), new ChatTurn("user", "disk left?")),
                OptionalInt.of(64), new Sampling(0f, 7), Optional.of("{\"type\":\"object\"}"), List.of("\n\n")), request);
    }

    @Test
    void defaultsToGreedyWithTheFixedSeedAndNoLimit() throws Exception {
        ChatCompletionRequest request = parse("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],"
                + " \"response_format\": {\"type\": \"json_object\"}}");
        assertEquals(Sampling.GREEDY, request.sampling());
        assertEquals(OptionalInt.empty(), request.maxTokens());
        assertEquals(Optional.of("{\"type\":\"object\"}"), request.jsonSchema());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                                                                     | ",
        "{\"messages\": []}                                                           | messages",
        "{\"messages\": [{\"role\": \"tool\", \"content\": \"x\"}]}                   | messages[0].tool_call_id",
        "{\"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}                  | messages[0].role",
        "{\"messages\": [{\"role\": \"system\", \"content\": \"x\"}]}                 | messages",
        "{\"messages\": [{\"role\": \"user\", \"content\": 5}]}                       | messages[0].content",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"stream\": true} | stream",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"n\": 2}         | n",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_tokens\": 0} | max_tokens",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"temperature\": 3} | temperature",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tools\": [{}]}   | tools[0]",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"functions\": [{}]} | functions",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"response_format\": {\"type\": \"xml\"}} | response_format.type"
    })
    void refusesWhatItCannotHonourNamingTheParameter(String body, String param) {
        ApiException e = assertThrows(ApiException.class, () -> parse(body));
        assertEquals(400, e.status());
        assertEquals(param, e.param());
    }
}
