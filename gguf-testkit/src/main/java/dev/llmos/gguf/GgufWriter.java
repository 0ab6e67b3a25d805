package dev.llmos.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * assembles a gguf v3 file (little-endian): typed metadata in insertion order, then f32 tensors,
 * each aligned to {@link #ALIGNMENT} bytes. only the value types a llama model needs are offered.
 */
public final class GgufWriter {
    public static final int ALIGNMENT = 32;
    private static final int MAGIC = 0x46554747;
    private static final int VERSION = 3;
    private static final int GGML_TYPE_F32 = 0;

    private final Map<String, MetadataValue> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();

    /** one f32 tensor; {@code shape} is in ggml order, the fastest-varying dimension first. */
    private record Tensor(String name, long[] shape, float[] data) {
    }

    public GgufWriter string(String key, String value) {
        return put(key, new MetadataValue.Text(value));
    }

    public GgufWriter uint32(String key, int value) {
        return put(key, new MetadataValue.UInt32(value));
    }

    public GgufWriter float32(String key, float value) {
        return put(key, new MetadataValue.Float32(value));
    }

    public GgufWriter bool(String key, boolean value) {
        return put(key, new MetadataValue.Bool(value));
    }

    public GgufWriter strings(String key, List<String> values) {
        return put(key, new MetadataValue.TextArray(List.copyOf(values)));
    }

    public GgufWriter float32s(String key, float[] values) {
        return put(key, new MetadataValue.Float32Array(values.clone()));
    }

    public GgufWriter int32s(String key, int[] values) {
        return put(key, new MetadataValue.Int32Array(values.clone()));
    }

    /** adds an f32 tensor; the element count must equal the product of {@code shape}. */
    public GgufWriter tensor(String name, float[] data, long... shape) {
        long elements = 1;
        for (long dimension : shape) {
            if (dimension <= 0) {
                throw new IllegalArgumentException("tensor " + name + ": dimension " + dimension + " is not positive");
            }
            elements *= dimension;
        }
        if (elements != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape holds " + elements
                    + " elements, data has " + data.length);
        }
        if (tensors.stream().anyMatch(t -> t.name().equals(name))) {
            throw new IllegalArgumentException("duplicate tensor " + name);
        }
        tensors.add(new Tensor(name, shape.clone(), data));
        return this;
    }

    private GgufWriter put(String key, MetadataValue value) {
        if (metadata.putIfAbsent(key, value) != null) {
            throw new IllegalArgumentException("duplicate metadata key " + key);
        }
        return this;
    }

    public void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    public byte[] toBytes() {
        LittleEndianBuffer out = new LittleEndianBuffer();
        out.u32(MAGIC);
        out.u32(VERSION);
        out.u64(tensors.size());
        out.u64(metadata.size());
        metadata.forEach((key, value) -> {
            out.string(key);
            value.writeTo(out);
        });
        long offset = 0;
        for (Tensor tensor : tensors) {
            out.string(tensor.name());
            out.u32(tensor.shape().length);
            for (long dimension : tensor.shape()) {
                out.u64(dimension);
            }
            out.u32(GGML_TYPE_F32);
            out.u64(offset);
            offset = align(offset + (long) tensor.data().length * Float.BYTES);
        }
        out.padTo(ALIGNMENT);
        for (Tensor tensor : tensors) {
            ByteBuffer bytes = ByteBuffer.allocate(tensor.data().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(tensor.data());
            out.bytes(bytes.array());
            out.padTo(ALIGNMENT);
        }
        return out.toByteArray();
    }

    private static long align(long offset) {
        return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** a growable little-endian byte sink. */
    static final class LittleEndianBuffer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);

        void u8(int value) {
            bytes.write(value);
        }

        void u32(int value) {
            scratch.clear();
            bytes.write(scratch.putInt(value).array(), 0, Integer.BYTES);
        }

        void u64(long value) {
            scratch.clear();
            bytes.write(scratch.putLong(value).array(), 0, Long.BYTES);
        }

        void f32(float value) {
            u32(Float.floatToRawIntBits(value));
        }

        void string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            u64(utf8.length);
            bytes.write(utf8, 0, utf8.length);
        }

        void bytes(byte[] value) {
            bytes.write(value, 0, value.length);
        }

        void padTo(int alignment) {
            while (bytes.size() % alignment != 0) {
                bytes.write(0);
            }
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
