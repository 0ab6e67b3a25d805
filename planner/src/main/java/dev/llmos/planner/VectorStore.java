package dev.llmos.planner;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * example vectors on disk, keyed by a digest of the encoder and the example texts, so a restarted
 * daemon skips re-embedding an unchanged catalog. best effort: an unreadable or stale file is
 * recomputed, a failed write is ignored.
 */
final class VectorStore {
    private static final int MAGIC = 0x6c6c6d76;

    private final Path dir;

    private VectorStore(Path dir) {
        this.dir = dir;
    }

    /** keeps nothing. */
    static VectorStore none() {
        return new VectorStore(null);
    }

    /** keeps vectors as files in {@code dir}, created when first written. */
    static VectorStore in(Path dir) {
        return new VectorStore(dir);
    }

    /** the vectors stored under {@code key}, or null when there are none (or not {@code count} of them). */
    float[][] read(String key, int count) {
        if (dir == null) {
            return null;
        }
        try (InputStream file = Files.newInputStream(file(key));
                DataInputStream in = new DataInputStream(new BufferedInputStream(file))) {
            if (in.readInt() != MAGIC || in.readInt() != count) {
                return null;
            }
            int dimensions = in.readInt();
            float[][] vectors = new float[count][dimensions];
            for (float[] vector : vectors) {
                for (int i = 0; i < dimensions; i++) {
                    vector[i] = in.readFloat();
                }
            }
            return in.read() == -1 ? vectors : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            // a damaged cache is only slower: the vectors are computed again
            return null;
        }
    }

    void write(String key, float[][] vectors) {
        if (dir == null || vectors.length == 0) {
            return;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(MAGIC);
                out.writeInt(vectors.length);
                out.writeInt(vectors[0].length);
                for (float[] vector : vectors) {
                    for (float value : vector) {
                        out.writeFloat(value);
                    }
                }
            }
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, "vectors", ".tmp");
            try {
                Files.write(temporary, bytes.toByteArray());
                Files.move(temporary, file(key), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            // a cache that cannot be written is only slower next time
        }
    }

    private Path file(String key) {
        return dir.resolve("router-" + key + ".vectors");
    }
}
