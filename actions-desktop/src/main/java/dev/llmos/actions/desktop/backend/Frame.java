package dev.llmos.actions.desktop.backend;

/**
 * a captured image: {@code width * height} pixels, row by row from the top-left, each
 * {@code 0xRRGGBB}.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param rgb the pixels
 */
public record Frame(int width, int height, int[] rgb) {
    public Frame {
        if (width <= 0 || height <= 0 || rgb.length != width * height) {
            throw new IllegalArgumentException("a frame of " + width + "x" + height + " needs "
                    + (long) width * height + " pixels, got " + rgb.length);
        }
    }

    /** the pixel at column {@code x}, row {@code y}, as {@code 0xRRGGBB}. */
    public int pixel(int x, int y) {
        return rgb[y * width + x];
    }

    /** the part of this frame inside {@code area}, which must lie within it. */
    public Frame crop(Rect area) {
        if (!new Rect(0, 0, width, height).contains(area)) {
            throw new IllegalArgumentException("area " + area + " is outside the " + width + "x" + height + " frame");
        }
        if (area.x() == 0 && area.y() == 0 && area.width() == width && area.height() == height) {
            return this;
        }
        int[] out = new int[area.width() * area.height()];
        for (int row = 0; row < area.height(); row++) {
            System.arraycopy(rgb, (area.y() + row) * width + area.x(), out, row * area.width(), area.width());
        }
        return new Frame(area.width(), area.height(), out);
    }
}
