package dev.llmos.actions.desktop.backend;

/**
 * a position on the screen, in pixels from the top-left corner.
 *
 * @param x pixels from the left edge
 * @param y pixels from the top edge
 */
public record Point(int x, int y) {
}
