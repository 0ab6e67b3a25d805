package dev.llmos.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** the written file goes through the real llama.cpp loader, tokenizer and sampler. */
class TinyLlamaLoadTest {
    @TempDir
    static Path dir;
    private static LlamaModel model;

    @BeforeAll
    static void load() throws Exception {
        // the binding extracts its library to a fixed name and sweeps its temporary directory: keep it private
        System.setProperty("de.kherud.llama.tmpdir", dir.toString());
        Path file = TinyLlama.standard().write(dir.resolve("tiny.gguf"), 42);
        model = new LlamaModel(new ModelParameters().setModel(file.toString()).setCtxSize(512).setThreads(2).disableLog());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void tokenizerRoundTripsAsciiAndMultiByteText() {
        String text = "disk {\"path\": \"/var/log\"} é ✓";
        int[] tokens = model.encode(text);
        // sentencepiece adds a leading space piece when encoding
        assertEquals(text, model.decode(tokens).stripLeading());
    }

    @Test
    void generatesTheSameTextTwiceAtTemperatureZero() {
        String first = model.complete(greedy());
        assertFalse(first.isEmpty());
        assertEquals(first, model.complete(greedy()));
    }

    @Test
    void aFavouringModelWritesItsPieceWhereverItMay() throws Exception {
        Path file = TinyLlama.standard().favouring("<").write(dir.resolve("favouring.gguf"), 42);
        try (LlamaModel favouring = new LlamaModel(new ModelParameters().setModel(file.toString()).setCtxSize(512)
                .setThreads(2).disableLog())) {
            assertEquals("<<<<<<<<", favouring.complete(new InferenceParameters("what is in /tmp").setNPredict(8)
                    .setTemperature(0).setSeed(42)));
            String chosen = favouring.complete(new InferenceParameters("answer").setNPredict(4).setTemperature(0)
                    .setSeed(42).setGrammar("root ::= [a-z] [a-z] [a-z]"));
            assertEquals(3, chosen.length(), "where the piece is not allowed, the others decide: " + chosen);
        }
    }

    private static InferenceParameters greedy() {
        return new InferenceParameters("how much disk is left").setNPredict(24).setTemperature(0).setSeed(42);
    }
}
