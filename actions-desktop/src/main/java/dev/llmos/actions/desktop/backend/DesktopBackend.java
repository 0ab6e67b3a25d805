package dev.llmos.actions.desktop.backend;

import dev.llmos.action.ActionException;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * one kind of graphical session (x11 today; wayland later) as the desktop actions use it. an
 * implementation acts in the caller's session only, with the caller's privileges, and turns every
 * failure into an {@link ActionException} a person can act on.
 */
public interface DesktopBackend {
    /** the backend's name, e.g. {@code x11}. */
    String name();

    /** screens, monitors, resolution and scale. */
    DisplayInfo info() throws ActionException;

    /** the whole default screen, as it is shown now. */
    Frame captureScreen() throws ActionException;

    /** every top-level window, in stacking or creation order. */
    List<WindowInfo> windows() throws ActionException;

    /** one window; an unknown id is an error naming it. */
    WindowInfo window(long id) throws ActionException;

    /** the window that receives keyboard input, or empty when none does. */
    OptionalLong focusedWindow() throws ActionException;

    /**
     * the window keyboard input goes to now, as cheaply as the backend can tell (it may be a
     * child of a top-level window), or empty when none has the focus.
     */
    OptionalLong inputWindow() throws ActionException;

    /** gives {@code id} the keyboard focus (raising or activating it as the session does). */
    void focus(long id) throws ActionException;

    /** types {@code text} into the focused window, {@code delayMs} between characters. */
    void type(String text, int delayMs, BooleanSupplier cancelled) throws ActionException;

    /** presses each key combination in turn (all keys of a combination down, then up). */
    void keys(List<Keys.Combo> combos) throws ActionException;

    /** moves the pointer to {@code to}. */
    void moveMouse(Point to) throws ActionException;

    /** clicks {@code button} {@code count} times, first moving to {@code at} when it is not null. */
    void click(Point at, int button, int count) throws ActionException;

    /** presses {@code button} at {@code from}, moves to {@code to} and releases it there. */
    void drag(Point from, Point to, int button) throws ActionException;

    /** scrolls by wheel steps (positive {@code dy} down, positive {@code dx} right), at {@code at} if given. */
    void scroll(Point at, int dx, int dy) throws ActionException;

    /** where the pointer is, and the top-level window under it. */
    Pointer pointer() throws ActionException;

    /** only where the pointer is (cheaper than {@link #pointer()}). */
    Point position() throws ActionException;

    /** the text a selection holds, at most {@code maxBytes} of it. */
    ClipboardContent readClipboard(Selection selection, int maxBytes) throws ActionException;

    /** makes the session's selection hold {@code text}. */
    void writeClipboard(Selection selection, String text) throws ActionException;
}
