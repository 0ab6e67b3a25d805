package dev.llmos.actions.desktop;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.actions.desktop.backend.DesktopBackend;
import dev.llmos.actions.desktop.backend.Frame;
import dev.llmos.actions.desktop.backend.Png;
import dev.llmos.actions.desktop.backend.Rect;
import dev.llmos.actions.desktop.backend.SessionDetector;
import dev.llmos.actions.desktop.backend.WindowInfo;
import dev.llmos.posix.Fd;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import dev.llmos.support.Sizes;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code display.screenshot}: the screen, a region of it or one window, as a png: written to a
 * new file when a path is given, else returned as base64 (refused past {@link #MAX_BASE64_CHARS}:
 * a result must fit one protocol frame).
 */
public final class DisplayScreenshotAction extends DesktopAction<DisplayScreenshotAction.Params> {
    /**
     * the most base64 characters an inline screenshot may have: a protocol frame is 1 mib, and the
     * result's envelope needs some of it.
     */
    public static final int MAX_BASE64_CHARS = 960 * 1024;
    static final int MAX_COORDINATE = 32767;

    /**
     * a rectangle to capture.
     *
     * @param x left edge
     * @param y top edge
     * @param width width in pixels
     * @param height height in pixels
     */
    public record Region(
            @NotNull @Min(0) @Max(MAX_COORDINATE)
            @JsonPropertyDescription("left edge in pixels (relative to the window when one is given)") Integer x,
            @NotNull @Min(0) @Max(MAX_COORDINATE)
            @JsonPropertyDescription("top edge in pixels (relative to the window when one is given)") Integer y,
            @NotNull @Min(1) @Max(MAX_COORDINATE) @JsonPropertyDescription("width in pixels") Integer width,
            @NotNull @Min(1) @Max(MAX_COORDINATE) @JsonPropertyDescription("height in pixels") Integer height) {
    }

    /**
     * params of {@code display.screenshot}.
     *
     * @param path where to write the png; absent: return it as base64
     * @param region the part to capture; absent: everything
     * @param window the window to capture; absent: the screen
     */
    public record Params(
            @PathParam(value = PathParam.Role.OUTPUT, followFinal = false) @Size(max = 4096)
            @JsonPropertyDescription("absolute path of a new png file to write (never overwritten; mode 0600); "
                    + "without it the png comes back as base64") String path,
            @JsonPropertyDescription("capture only this rectangle: of the screen, or of the window when one is given")
            Region region,
            @Min(1) @Max(DisplayFocusAction.MAX_WINDOW_ID)
            @JsonPropertyDescription("capture only this window (its id from display.windows), as shown on screen")
            Long window) {
    }

    /**
     * a screenshot.
     *
     * @param width width in pixels
     * @param height height in pixels
     * @param format always {@code png}
     * @param bytes size of the png
     * @param area the captured rectangle in screen coordinates
     * @param window the window captured, or null
     * @param path the file written, or null
     * @param base64 the png, when no path was given
     */
    public record Screenshot(int width, int height, String format, long bytes, Rect area, Long window, String path,
            String base64) {
    }

    public DisplayScreenshotAction() {
        this(new SessionDetector());
    }

    public DisplayScreenshotAction(SessionDetector detector) {
        super(detector);
    }

    @Override
    public String name() {
        return "display.screenshot";
    }

    @Override
    public String description() {
        return "take a screenshot (png) of the screen, a region or a window; saved to a new file or returned as base64";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "take a screenshot",
                "capture my screen",
                "screenshot the whole desktop to ~/Pictures/shot.png",
                "grab a picture of the screen and save it to /tmp/screen.png",
                "screenshot just the top left 400 by 300 pixels",
                "take a screen capture of the terminal window",
                "save what's on my screen as a png",
                "show me what the screen looks like",
                "snap the display",
                "print screen",
                "create a screenshot of the whole screen");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Screenshot execute(Params params, ActionContext context) throws ActionException {
        Optional<ResolvedPath> target = context.path("path");
        if (target.isPresent()) {
            checkNew(target.get());
        }
        DesktopBackend backend = backend(context);
        Rect area = null;
        if (params.window() != null) {
            WindowInfo window = backend.window(params.window());
            if (!window.visible()) {
                throw new ActionException("window " + params.window() + " is not mapped (minimized or hidden): "
                        + "there is nothing of it on screen to capture");
            }
            area = window.geometry();
        }
        Frame screen = backend.captureScreen();
        Rect bounds = new Rect(0, 0, screen.width(), screen.height());
        if (area != null) {
            Rect visible = area.intersect(bounds);
            if (visible == null) {
                throw new ActionException("window " + params.window() + " is entirely off screen (at " + area + ")");
            }
            area = visible;
        } else {
            area = bounds;
        }
        if (params.region() != null) {
            Region r = params.region();
            Rect wanted = new Rect(area.x() + r.x(), area.y() + r.y(), r.width(), r.height());
            if (!area.contains(wanted)) {
                throw new ActionException("region " + r.width() + "x" + r.height() + " at " + r.x() + "," + r.y()
                        + " does not fit in the " + (params.window() != null ? "window" : "screen") + " ("
                        + area.width() + "x" + area.height() + ")");
            }
            area = wanted;
        }
        Frame frame = screen.crop(area);
        byte[] png = Png.encode(frame);
        if (target.isPresent()) {
            write(target.get(), png);
            return new Screenshot(frame.width(), frame.height(), "png", png.length, area, params.window(),
                    target.get().path(), null);
        }
        long base64Length = 4L * ((png.length + 2) / 3);
        if (base64Length > MAX_BASE64_CHARS) {
            throw new ActionException(String.format(Locale.ROOT, "the screenshot is %s as png (%s as base64), more than "
                    + "a result may carry inline (%d KiB of base64, a protocol frame is 1 MiB): give a path to write "
                    + "it to a file, or a region or window to capture less", Sizes.iec(png.length),
                    Sizes.iec(base64Length), MAX_BASE64_CHARS / 1024));
        }
        return new Screenshot(frame.width(), frame.height(), "png", png.length, area, params.window(), null,
                Base64.getEncoder().encodeToString(png));
    }

    /** refuses a target that exists (a symlink included) or whose directory does not. */
    private static void checkNew(ResolvedPath target) throws ActionException {
        if (target.exists()) {
            throw new ActionException("already exists: " + target.path() + " (a screenshot never overwrites a file; "
                    + "choose a new path)");
        }
        if (target.missing().size() > 1) {
            throw new ActionException("no such directory: " + Path.of(target.path()).getParent());
        }
    }

    /**
     * writes a new file in the directory that was decided on, created exclusively with mode 0600
     * (never through a symlink at its name); a failure leaves no file behind.
     */
    private static void write(ResolvedPath target, byte[] png) throws ActionException {
        Fd dir = target.parent();
        String name = target.name();
        Fd file;
        try {
            file = dir.createAt(name, 0600);
        } catch (PosixException e) {
            throw switch (e.errno()) {
                case PosixException.EEXIST -> new ActionException("already exists: " + target.path()
                        + " (a screenshot never overwrites a file; choose a new path)");
                case PosixException.EACCES -> new ActionException("permission denied: " + target.path());
                default -> new ActionException("cannot write " + target.path() + ": " + e.reason());
            };
        }
        try (file; FileChannel out = file.channel(Set.of(StandardOpenOption.WRITE))) {
            ByteBuffer buffer = ByteBuffer.wrap(png);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException e) {
            removeOwn(dir, name, file);
            throw new ActionException("cannot write " + target.path() + ": " + e.getMessage());
        }
    }

    /** removes {@code name} from {@code dir} only while it is still the file this action created. */
    private static void removeOwn(Fd dir, String name, Fd file) {
        try {
            if (dir.statAt(name).map(stat -> stat.id()).equals(Optional.of(file.stat().id()))) {
                dir.unlinkAt(name);
            }
        } catch (PosixException ignored) {
            // the write already failed; that is the error reported
        }
    }
}
