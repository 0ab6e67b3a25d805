package dev.llmos.actions.desktop.backend;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * encodes a {@link Frame} as a png (8-bit rgb, one idat stream, per-row adaptive filters as
 * libpng chooses them). needs only {@code java.base}: no awt, no image i/o, so it works in any
 * runtime image and never touches a display.
 */
public final class Png {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /**
     * measured on a mixed 1024x768 desktop (text, gradient, photo-like noise): level 1 took 36 ms for
     * 573 kb, level 6 took 177 ms for 498 kb, level 9 no better than 6.
     */
    public static final int DEFAULT_LEVEL = 1;

    private Png() {
    }

    /** the png of {@code frame}, compressed with the default level. */
    public static byte[] encode(Frame frame) {
        return encode(frame, DEFAULT_LEVEL);
    }

    /** the png of {@code frame}, compressed with deflate {@code level} (0-9). */
    public static byte[] encode(Frame frame, int level) {
        int width = frame.width();
        int height = frame.height();
        int stride = width * 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, stride * height / 8));
        out.writeBytes(SIGNATURE);
        ByteBuffer header = ByteBuffer.allocate(13);
        header.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array(), 13);

        Deflater deflater = new Deflater(level);
        try {
            byte[] previous = new byte[stride];
            byte[] current = new byte[stride];
            byte[] filtered = new byte[stride + 1];
            byte[] best = new byte[stride + 1];
            byte[] buffer = new byte[1 << 16];
            ByteArrayOutputStream idat = new ByteArrayOutputStream(Math.max(1024, stride * height / 8));
            int[] rgb = frame.rgb();
            for (int row = 0; row < height; row++) {
                int base = row * width;
                for (int x = 0, i = 0; x < width; x++, i += 3) {
                    int pixel = rgb[base + x];
                    current[i] = (byte) (pixel >>> 16);
                    current[i + 1] = (byte) (pixel >>> 8);
                    current[i + 2] = (byte) pixel;
                }
                filterRow(current, previous, row == 0, filtered, best);
                deflater.setInput(best, 0, stride + 1);
                while (!deflater.needsInput()) {
                    int n = deflater.deflate(buffer);
                    idat.write(buffer, 0, n);
                }
                byte[] swap = previous;
                previous = current;
                current = swap;
            }
            deflater.finish();
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                idat.write(buffer, 0, n);
            }
            byte[] data = idat.toByteArray();
            chunk(out, "IDAT", data, data.length);
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    /** picks the filter with the smallest sum of absolute values (the libpng heuristic) into {@code best}. */
    private static void filterRow(byte[] cur, byte[] prev, boolean first, byte[] scratch, byte[] best) {
        long bestSum = Long.MAX_VALUE;
        int filters = first ? 2 : 5;
        for (int type = 0; type < filters; type++) {
            scratch[0] = (byte) type;
            long sum = 0;
            for (int i = 0; i < cur.length; i++) {
                int a = i >= 3 ? cur[i - 3] & 0xff : 0;
                int b = prev[i] & 0xff;
                int c = i >= 3 ? prev[i - 3] & 0xff : 0;
                int x = cur[i] & 0xff;
                int value = switch (type) {
                    case 0 -> x;
                    case 1 -> x - a;
                    case 2 -> x - b;
                    case 3 -> x - ((a + b) >>> 1);
                    default -> x - paeth(a, b, c);
                };
                byte v = (byte) value;
                scratch[i + 1] = v;
                sum += Math.abs((int) v);
            }
            if (sum < bestSum) {
                bestSum = sum;
                System.arraycopy(scratch, 0, best, 0, scratch.length);
            }
        }
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer len = ByteBuffer.allocate(4).putInt(length);
        out.writeBytes(len.array());
        out.writeBytes(typeBytes);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
