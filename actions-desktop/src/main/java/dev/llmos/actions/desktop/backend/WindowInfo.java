package dev.llmos.actions.desktop.backend;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * a top-level window.
 *
 * @param id the window's id, as {@code display.focus} and {@code display.screenshot} take it
 * @param title its title, or an empty string
 * @param windowClass the application class (e.g. {@code XTerm}), or null
 * @param instance the instance name (e.g. {@code xterm}), or null
 * @param geometry where it is on the screen, without decorations
 * @param focused true for the window that receives keyboard input
 * @param visible true when it is mapped (not minimized or hidden)
 * @param pid the process that says it owns the window, or null
 */
public record WindowInfo(long id, String title, @JsonProperty("class") String windowClass, String instance,
        Rect geometry, boolean focused, boolean visible, Integer pid) {
}
