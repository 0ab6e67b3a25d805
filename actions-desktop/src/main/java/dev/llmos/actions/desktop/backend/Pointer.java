package dev.llmos.actions.desktop.backend;

/**
 * where the mouse pointer is.
 *
 * @param x pixels from the left edge
 * @param y pixels from the top edge
 * @param screen the screen it is on
 * @param window the window under it, or null for none
 */
public record Pointer(int x, int y, int screen, Long window) {
}
