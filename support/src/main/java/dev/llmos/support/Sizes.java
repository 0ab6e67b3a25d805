package dev.llmos.support;

/**
 * byte counts as people read them, in one style everywhere: iec units (powers of 1024) with one
 * decimal, {@code 1 byte}, {@code 512 bytes}, {@code 1.5 KiB}, {@code 2.0 GiB}.
 */
public final class Sizes {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    /** {@code bytes} in iec units; a negative count (a size that shrinks) keeps its sign. */
    public static String iec(long bytes) {
        if (bytes < 1024 && bytes > -1024) {
            return bytes == 1 || bytes == -1 ? bytes + " byte" : bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        long tenths = Math.round(value * 10);
        if (Math.abs(tenths) >= 10240 && unit < UNITS.length - 1) {
            // 1023.95 of a unit rounds to 1024.0: say 1.0 of the next one instead
            tenths = Math.round(value / 1024 * 10);
            unit++;
        }
        String sign = tenths < 0 ? "-" : "";
        long magnitude = Math.abs(tenths);
        return sign + magnitude / 10 + "." + magnitude % 10 + " " + UNITS[unit];
    }
}
