package dev.llmos.actions.desktop.backend;

/**
 * a rectangle in screen pixels: the top-left corner and the size.
 *
 * @param x left edge
 * @param y top edge
 * @param width width in pixels
 * @param height height in pixels
 */
public record Rect(int x, int y, int width, int height) {
    /** true when {@code other} lies wholly inside this rectangle. */
    public boolean contains(Rect other) {
        return other.x >= x && other.y >= y
                && (long) other.x + other.width <= (long) x + width
                && (long) other.y + other.height <= (long) y + height;
    }

    /** the part of this rectangle inside {@code other}, or null when they do not overlap. */
    public Rect intersect(Rect other) {
        long left = Math.max(x, other.x);
        long top = Math.max(y, other.y);
        long right = Math.min((long) x + width, (long) other.x + other.width);
        long bottom = Math.min((long) y + height, (long) other.y + other.height);
        if (right <= left || bottom <= top) {
            return null;
        }
        return new Rect((int) left, (int) top, (int) (right - left), (int) (bottom - top));
    }

    /** this rectangle moved by {@code dx}, {@code dy}. */
    public Rect translate(int dx, int dy) {
        return new Rect(x + dx, y + dy, width, height);
    }

    @Override
    public String toString() {
        return width + "x" + height + "+" + x + "+" + y;
    }
}
