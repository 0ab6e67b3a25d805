package dev.llmos.actions.desktop.backend;

import java.util.List;

/**
 * the caller's display as a backend sees it.
 *
 * @param backend the backend that answered ({@code x11})
 * @param display the display it talks to (e.g. {@code :0})
 * @param sessionType {@code x11}, or {@code xwayland} when x11 clients run inside a wayland session
 * @param defaultScreen the screen actions act on
 * @param screens every screen of the display
 * @param monitors the monitors that make up the default screen, or null when unknown
 * @param scale the ui scale factor (1.0 = 96 dpi)
 * @param scaleSource where the scale comes from ({@code xft.dpi} or {@code default})
 */
public record DisplayInfo(String backend, String display, String sessionType, int defaultScreen,
        List<Screen> screens, List<Monitor> monitors, double scale, String scaleSource) {
    public DisplayInfo {
        screens = List.copyOf(screens);
        monitors = monitors == null ? null : List.copyOf(monitors);
    }

    /**
     * one screen (a root window): its size in pixels and, when the server says, millimetres.
     *
     * @param number the screen number
     * @param width width in pixels
     * @param height height in pixels
     * @param widthMm physical width, or null
     * @param heightMm physical height, or null
     * @param dpiX horizontal dots per inch, or null
     * @param dpiY vertical dots per inch, or null
     * @param depth bits per pixel of the root window, or null
     */
    public record Screen(int number, int width, int height, Integer widthMm, Integer heightMm, Integer dpiX,
            Integer dpiY, Integer depth) {
    }

    /**
     * one monitor: where it sits on the screen.
     *
     * @param name the output name (e.g. {@code HDMI-1})
     * @param primary true for the primary monitor
     * @param geometry its part of the screen
     * @param widthMm physical width, or null
     * @param heightMm physical height, or null
     */
    public record Monitor(String name, boolean primary, Rect geometry, Integer widthMm, Integer heightMm) {
    }
}
