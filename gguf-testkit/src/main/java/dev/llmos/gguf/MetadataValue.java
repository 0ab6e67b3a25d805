package dev.llmos.gguf;

import java.util.List;

/** a gguf metadata value with its wire type tag. */
sealed interface MetadataValue {
    int UINT32 = 4;
    int INT32 = 5;
    int FLOAT32 = 6;
    int BOOL = 7;
    int STRING = 8;
    int ARRAY = 9;

    void writeTo(GgufWriter.LittleEndianBuffer out);

    record Text(String value) implements MetadataValue {
        @Override
        public void writeTo(GgufWriter.LittleEndianBuffer out) {
            out.u32(STRING);
            out.string(value);
        }
    }

    record UInt32(int value) implements MetadataValue {
        @Override
        public void writeTo(GgufWriter.LittleEndianBuffer out) {
            out.u32(UINT32);
            out.u32(value);
        }
    }

    record Float32(float value) implements MetadataValue {
        @Override
        public void writeTo(GgufWriter.LittleEndianBuffer out) {
            out.u32(FLOAT32);
            out.f32(value);
        }
    }

    record Bool(boolean value) implements MetadataValue {
        @Override
        public void writeTo(GgufWriter.LittleEndianBuffer out) {
            out.u32(BOOL);
            out.u8(value ? 1 : 0);
        }
    }

    record TextArray(List<String> values) implements MetadataValue {
        @Override
        public void writeTo(GgufWriter.LittleEndianBuffer out) {
            out.u32(ARRAY);
            out.u32(STRING);
            out.u64(values.size());
            values.forEach(out::string);
        }
    }

    record Float32Array(float[] values) implements MetadataValue {
        @Override
        public void writeTo(GgufWriter.LittleEndianBuffer out) {
            out.u32(ARRAY);
            out.u32(FLOAT32);
            out.u64(values.length);
            for (float value : values) {
                out.f32(value);
            }
        }
    }

    record Int32Array(int[] values) implements MetadataValue {
        @Override
        public void writeTo(GgufWriter.LittleEndianBuffer out) {
            out.u32(ARRAY);
            out.u32(INT32);
            out.u64(values.length);
            for (int value : values) {
                out.u32(value);
            }
        }
    }
}
