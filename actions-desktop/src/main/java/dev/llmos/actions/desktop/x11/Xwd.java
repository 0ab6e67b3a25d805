package dev.llmos.actions.desktop.x11;

import dev.llmos.actions.desktop.backend.Frame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * decodes the x window dump format that {@code xwd} writes (version 7, z-pixmap): true-colour
 * and direct-colour visuals of 8 to 32 bits per pixel through their channel masks, and colormapped
 * visuals (pseudo-colour, gray) through the dump's colour table.
 */
public final class Xwd {
    private static final int HEADER_FIELDS = 25;
    private static final int VERSION = 7;
    private static final int Z_PIXMAP = 2;
    private static final int TRUE_COLOR = 4;
    private static final int DIRECT_COLOR = 5;
    private static final int MAX_SIDE = 32767;

    private Xwd() {
    }

    /** why a dump could not be decoded. */
    public static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message, null, false, false);
        }
    }

    /** the image in {@code dump}. */
    public static Frame decode(byte[] dump) throws FormatException {
        if (dump.length < HEADER_FIELDS * 4) {
            throw new FormatException("not an xwd dump: " + dump.length + " bytes is shorter than its header");
        }
        ByteBuffer header = ByteBuffer.wrap(dump).order(ByteOrder.BIG_ENDIAN);
        long[] h = new long[HEADER_FIELDS];
        for (int i = 0; i < HEADER_FIELDS; i++) {
            h[i] = Integer.toUnsignedLong(header.getInt(i * 4));
        }
        long headerSize = h[0];
        if (h[1] != VERSION) {
            throw new FormatException("unsupported xwd version " + h[1] + " (expected " + VERSION + ")");
        }
        if (h[2] != Z_PIXMAP) {
            throw new FormatException("unsupported xwd pixmap format " + h[2] + " (only z-pixmap)");
        }
        long width = h[4];
        long height = h[5];
        boolean msbFirst = h[7] == 1;
        int bitsPerPixel = (int) h[11];
        long bytesPerLine = h[12];
        int visualClass = (int) h[13];
        int redMask = (int) h[14];
        int greenMask = (int) h[15];
        int blueMask = (int) h[16];
        long colors = h[19];
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new FormatException("implausible xwd size " + width + "x" + height);
        }
        if (bitsPerPixel != 8 && bitsPerPixel != 16 && bitsPerPixel != 24 && bitsPerPixel != 32) {
            throw new FormatException("unsupported xwd depth: " + bitsPerPixel + " bits per pixel");
        }
        if (bytesPerLine < width * bitsPerPixel / 8 || headerSize < HEADER_FIELDS * 4L || colors > 65536) {
            throw new FormatException("inconsistent xwd header");
        }
        long colorTable = headerSize;
        long pixels = colorTable + colors * 12;
        long needed = pixels + bytesPerLine * (height - 1) + width * bitsPerPixel / 8;
        if (needed > dump.length) {
            throw new FormatException("truncated xwd dump: " + dump.length + " bytes, the header promises " + needed);
        }
        boolean masked = visualClass == TRUE_COLOR || visualClass == DIRECT_COLOR;
        Map<Integer, Integer> palette = masked ? Map.of() : palette(header, (int) colorTable, (int) colors);
        Channel red = new Channel(redMask);
        Channel green = new Channel(greenMask);
        Channel blue = new Channel(blueMask);
        if (masked && (redMask == 0 || greenMask == 0 || blueMask == 0)) {
            throw new FormatException("xwd true-colour dump without channel masks");
        }

        int w = (int) width;
        int ht = (int) height;
        int bytes = bitsPerPixel / 8;
        int[] rgb = new int[w * ht];
        for (int y = 0; y < ht; y++) {
            int offset = (int) (pixels + bytesPerLine * y);
            int row = y * w;
            for (int x = 0; x < w; x++, offset += bytes) {
                int value = pixel(dump, offset, bytes, msbFirst);
                if (masked) {
                    rgb[row + x] = red.scale(value) << 16 | green.scale(value) << 8 | blue.scale(value);
                } else {
                    rgb[row + x] = palette.getOrDefault(value, 0);
                }
            }
        }
        return new Frame(w, ht, rgb);
    }

    private static int pixel(byte[] data, int offset, int bytes, boolean msbFirst) {
        int value = 0;
        if (msbFirst) {
            for (int i = 0; i < bytes; i++) {
                value = value << 8 | data[offset + i] & 0xff;
            }
        } else {
            for (int i = bytes - 1; i >= 0; i--) {
                value = value << 8 | data[offset + i] & 0xff;
            }
        }
        return value;
    }

    /** pixel value to {@code 0xRRGGBB}, from the dump's colour entries (16 bits a channel, big-endian). */
    private static Map<Integer, Integer> palette(ByteBuffer buffer, int start, int count) {
        Map<Integer, Integer> palette = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            int at = start + i * 12;
            int pixel = buffer.getInt(at);
            int r = (buffer.getShort(at + 4) & 0xffff) >>> 8;
            int g = (buffer.getShort(at + 6) & 0xffff) >>> 8;
            int b = (buffer.getShort(at + 8) & 0xffff) >>> 8;
            palette.put(pixel, r << 16 | g << 8 | b);
        }
        return palette;
    }

    /** one colour channel of a true-colour pixel: where its bits are, scaled to 8 bits. */
    private static final class Channel {
        private final int mask;
        private final int shift;
        private final int max;

        Channel(int mask) {
            this.mask = mask;
            this.shift = mask == 0 ? 0 : Integer.numberOfTrailingZeros(mask);
            this.max = mask == 0 ? 1 : mask >>> shift;
        }

        int scale(int pixel) {
            int value = (pixel & mask) >>> shift;
            return max == 255 ? value : (value * 255 + max / 2) / max;
        }
    }
}
