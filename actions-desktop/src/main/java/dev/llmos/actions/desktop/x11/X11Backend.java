package dev.llmos.actions.desktop.x11;

import dev.llmos.action.ActionException;
import dev.llmos.actions.desktop.backend.ClipboardContent;
import dev.llmos.actions.desktop.backend.DesktopBackend;
import dev.llmos.actions.desktop.backend.DisplayInfo;
import dev.llmos.actions.desktop.backend.Frame;
import dev.llmos.actions.desktop.backend.Keys;
import dev.llmos.actions.desktop.backend.Point;
import dev.llmos.actions.desktop.backend.Pointer;
import dev.llmos.actions.desktop.backend.Rect;
import dev.llmos.actions.desktop.backend.Selection;
import dev.llmos.actions.desktop.backend.ToolRunner.Options;
import dev.llmos.actions.desktop.backend.ToolRunner.Result;
import dev.llmos.actions.desktop.backend.ToolRunner.Tool;
import dev.llmos.actions.desktop.backend.ToolRunner;
import dev.llmos.actions.desktop.backend.WindowInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * the x11 backend: xdotool for input, windows and focus; xprop, xwininfo and xdpyinfo for what
 * they report; xwd for pixels (decoded here, encoded as png by the caller); xclip for selections.
 * every tool runs with the caller's display and cookie file and nothing else from any environment.
 */
public final class X11Backend implements DesktopBackend {
    public static final Tool XDOTOOL = new Tool("xdotool", "xdotool");
    public static final Tool XPROP = new Tool("xprop", "x11-utils");
    public static final Tool XWININFO = new Tool("xwininfo", "x11-utils");
    public static final Tool XDPYINFO = new Tool("xdpyinfo", "x11-utils");
    public static final Tool XWD = new Tool("xwd", "x11-apps");
    public static final Tool XCLIP = new Tool("xclip", "xclip");
    public static final Tool XRANDR = new Tool("xrandr", "x11-xserver-utils");

    /** the largest window dump read: an 8k screen at 32 bits a pixel is about 133 mib. */
    static final int MAX_DUMP_BYTES = 256 << 20;
    /** the most windows listed. */
    static final int MAX_WINDOWS = 256;
    /**
     * non-ascii characters need a keymap change each, which xdotool reverts after the delay: an app
     * that reads the key later (a loaded machine) sees nothing. xdotool's own 12 ms lost characters
     * under load here, and 60 ms lost the first of two once at load 4.4 on 2 cores (2026-12-07).
     */
    public static final int MIN_REMAP_DELAY_MS = 100;
    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final Duration CAPTURE = Duration.ofSeconds(20);
    private static final int PARALLEL_QUERIES = 4;
    private static final String TEXT_VARIABLE = "LLMOS_TYPED_TEXT";

    private final String display;
    private final String xauthority;
    private final String home;
    private final String sessionType;
    private final ToolRunner tools;

    /**
     * a backend for {@code display}.
     *
     * @param display the x display name from the caller's session
     * @param xauthority the caller's cookie file, or null to let xlib use {@code ~/.Xauthority}
     * @param home the caller's home directory
     * @param sessionType {@code x11}, or {@code xwayland} inside a wayland session
     * @param tools runs programs with exactly the display environment
     */
    public X11Backend(String display, String xauthority, String home, String sessionType, ToolRunner tools) {
        this.display = display;
        this.xauthority = xauthority;
        this.home = home;
        this.sessionType = sessionType;
        this.tools = tools;
    }

    @Override
    public String name() {
        return "x11";
    }

    /** the x display this backend talks to. */
    public String display() {
        return display;
    }

    /** the whole environment every tool runs with. */
    public Map<String, String> environment() {
        return tools.environment();
    }

    // ---- display

    @Override
    public DisplayInfo info() throws ActionException {
        XOutput.Screens screens = XOutput.screens(call(XDPYINFO, QUICK).out());
        if (screens.screens().isEmpty()) {
            throw new ActionException("xdpyinfo reported no screens for DISPLAY=" + display);
        }
        List<DisplayInfo.Monitor> monitors = null;
        if (tools.available(XRANDR)) {
            Result randr = run(XRANDR, Options.timeout(QUICK), "--listmonitors");
            if (randr.ok()) {
                monitors = XOutput.monitors(randr.out());
            }
        }
        Double dpi = XOutput.xftDpi(rootProperties("RESOURCE_MANAGER").get("RESOURCE_MANAGER"));
        double scale = dpi == null ? 1.0 : Math.round(dpi / 96.0 * 100.0) / 100.0;
        return new DisplayInfo(name(), display, sessionType, screens.defaultScreen(), screens.screens(), monitors,
                scale, dpi == null ? "default" : "xft.dpi");
    }

    @Override
    public Frame captureScreen() throws ActionException {
        Result dump = run(XWD, Options.timeout(CAPTURE).maxStdout(MAX_DUMP_BYTES), "-root", "-silent");
        if (dump.overflow()) {
            throw new ActionException("the screen is too large to capture: its window dump exceeds "
                    + (MAX_DUMP_BYTES >> 20) + " MiB");
        }
        if (!dump.ok()) {
            throw failure(XWD, dump);
        }
        try {
            return Xwd.decode(dump.stdout());
        } catch (Xwd.FormatException e) {
            throw new ActionException("cannot read the screen capture from xwd: " + e.getMessage());
        }
    }

    // ---- windows

    /** what the root window says about the window manager. */
    private record Manager(boolean ewmh, List<Long> clients, OptionalLong active) {
    }

    private Manager manager() throws ActionException {
        Map<String, String> root = rootProperties("_NET_SUPPORTED", "_NET_CLIENT_LIST", "_NET_ACTIVE_WINDOW");
        boolean ewmh = XOutput.atoms(root.get("_NET_SUPPORTED")).contains("_NET_ACTIVE_WINDOW")
                && root.containsKey("_NET_CLIENT_LIST");
        if (!ewmh) {
            return new Manager(false, List.of(), OptionalLong.empty());
        }
        List<Long> active = XOutput.windowIds(root.get("_NET_ACTIVE_WINDOW"));
        OptionalLong focused = active.isEmpty() || active.getFirst() == 0 ? OptionalLong.empty()
                : OptionalLong.of(active.getFirst());
        return new Manager(true, XOutput.windowIds(root.get("_NET_CLIENT_LIST")), focused);
    }

    @Override
    public List<WindowInfo> windows() throws ActionException {
        Manager manager = manager();
        List<Long> ids;
        OptionalLong focused;
        if (manager.ewmh()) {
            ids = manager.clients();
            focused = manager.active();
        } else {
            // no window manager: the top-level windows are the root's mapped children
            ids = new ArrayList<>(topLevels());
            focused = xdotoolFocus();
        }
        if (ids.size() > MAX_WINDOWS) {
            ids = ids.subList(0, MAX_WINDOWS);
        }
        List<WindowInfo> described = describeAll(ids, focused);
        List<WindowInfo> windows = new ArrayList<>();
        for (WindowInfo window : described) {
            if (window != null) {
                windows.add(window);
            }
        }
        return windows;
    }

    private List<WindowInfo> describeAll(List<Long> ids, OptionalLong focused) throws ActionException {
        Semaphore slots = new Semaphore(PARALLEL_QUERIES);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<WindowInfo>> futures = new ArrayList<>();
            for (long id : ids) {
                futures.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        return describe(id, focused, true);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<WindowInfo> windows = new ArrayList<>();
            for (Future<WindowInfo> future : futures) {
                windows.add(future.get());
            }
            return windows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted while listing windows");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ActionException failure) {
                throw failure;
            }
            throw new ActionException("cannot list windows: " + e.getCause());
        }
    }

    /** the mapped children of the root (with the root itself, which callers skip); none is not an error. */
    private List<Long> topLevels() throws ActionException {
        Result search = run(XDOTOOL, Options.timeout(QUICK), "search", "--maxdepth", "1", "--onlyvisible", "");
        // xdotool exits 1 when nothing matches, and always remarks on stderr how it searched
        if (!search.ok() && X11Errors.diagnose(display, xauthority, home, search.stderr()).isPresent()) {
            throw failure(XDOTOOL, search);
        }
        List<Long> ids = new ArrayList<>();
        for (String line : search.out().split("\n")) {
            if (line.strip().matches("\\d{1,10}")) {
                ids.add(Long.parseLong(line.strip()));
            }
        }
        return ids;
    }

    /**
     * one window, or null when {@code listing} and it is gone, is the root or a popup the window
     * manager does not manage.
     */
    private WindowInfo describe(long id, OptionalLong focused, boolean listing) throws ActionException {
        String hex = hex(id);
        Result info = run(XWININFO, Options.timeout(QUICK), "-id", hex);
        if (!info.ok()) {
            if (info.stderr().contains("No such window")) {
                if (listing) {
                    return null;
                }
                throw new ActionException("no window with id " + id + " (" + hex + ") on DISPLAY=" + display);
            }
            throw failure(XWININFO, info);
        }
        XOutput.WindowReport report;
        try {
            report = XOutput.windowReport(info.out());
        } catch (IllegalArgumentException e) {
            throw new ActionException("xwininfo gave no geometry for window " + id + " (" + hex + "): "
                    + e.getMessage());
        }
        if (listing && (report.root() || report.overrideRedirect())) {
            return null;
        }
        if (report.root()) {
            throw new ActionException("window " + id + " (" + hex + ") is the root window (the whole screen), not an "
                    + "application window");
        }
        Result props = run(XPROP, Options.timeout(QUICK), "-id", hex, "-notype", "WM_CLASS", "_NET_WM_PID");
        Map<String, String> properties = props.ok() ? XOutput.properties(props.out()) : Map.of();
        List<String> classes = XOutput.strings(properties.get("WM_CLASS"));
        Result title = run(XDOTOOL, Options.timeout(QUICK), "getwindowname", Long.toString(id));
        String name = title.ok() ? stripNewline(title.out()) : "";
        return new WindowInfo(id, name, classes.size() > 1 ? classes.get(1) : null,
                classes.isEmpty() ? null : classes.getFirst(), report.geometry(),
                focused.isPresent() && focused.getAsLong() == id, report.viewable(), XOutput.cardinal(properties.get("_NET_WM_PID")));
    }

    @Override
    public WindowInfo window(long id) throws ActionException {
        return describe(id, focusedWindow(), false);
    }

    @Override
    public OptionalLong focusedWindow() throws ActionException {
        Manager manager = manager();
        return manager.ewmh() ? manager.active() : xdotoolFocus();
    }

    @Override
    public OptionalLong inputWindow() throws ActionException {
        return xdotoolFocus();
    }

    /** the window with the input focus as the server has it; empty for none or pointer-root (0 and 1). */
    private OptionalLong xdotoolFocus() throws ActionException {
        Result focus = call(XDOTOOL, QUICK, "getwindowfocus", "-f");
        try {
            long id = Long.parseLong(focus.out().strip());
            return id <= 1 ? OptionalLong.empty() : OptionalLong.of(id);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void focus(long id) throws ActionException {
        WindowInfo window = describe(id, OptionalLong.empty(), false);
        if (!window.visible()) {
            throw new ActionException("window " + id + " (" + hex(id) + ") is not mapped (minimized or hidden) and "
                    + "cannot take the focus");
        }
        String target = Long.toString(id);
        Manager manager = manager();
        Result result = manager.ewmh()
                ? run(XDOTOOL, Options.timeout(QUICK), "windowactivate", "--sync", target)
                : run(XDOTOOL, Options.timeout(QUICK), "windowraise", target, "windowfocus", "--sync", target);
        if (!result.ok()) {
            throw failure(XDOTOOL, result);
        }
        OptionalLong now = focusedWindow();
        if (now.isEmpty() || now.getAsLong() != id) {
            throw new ActionException("window " + id + " (" + hex(id) + ") did not take the focus (the focused "
                    + "window is " + (now.isEmpty() ? "none" : now.getAsLong()) + ")");
        }
    }

    // ---- keyboard and mouse

    @Override
    public void type(String text, int delayMs, BooleanSupplier cancelled) throws ActionException {
        int delay = effectiveDelay(text, delayMs);
        // the text goes in the environment, which only the caller and root can read, never in argv
        // (any local user can read a command line); xdotool's script mode expands the variable
        byte[] script = ("type --delay " + delay + " -- $" + TEXT_VARIABLE + "\n").getBytes(StandardCharsets.US_ASCII);
        long budget = 10_000L + (long) text.codePointCount(0, text.length()) * (delay + 10L) * 2;
        Result result = run(XDOTOOL, Options.timeout(Duration.ofMillis(budget)).stdin(script)
                .env(Map.of(TEXT_VARIABLE, text)).cancelledBy(cancelled), "-");
        if (!result.ok() || result.stderr().contains("Invalid multi-byte")) {
            throw failure(XDOTOOL, result);
        }
    }

    /** the delay typing {@code text} uses: at least {@link #MIN_REMAP_DELAY_MS} when it holds non-ascii characters. */
    public static int effectiveDelay(String text, int delayMs) {
        boolean ascii = text.chars().allMatch(c -> c < 128);
        return ascii ? delayMs : Math.max(delayMs, MIN_REMAP_DELAY_MS);
    }

    @Override
    public void keys(List<Keys.Combo> combos) throws ActionException {
        List<String> args = new ArrayList<>(List.of("key", "--delay", combos.size() > 1 ? "12" : "0", "--"));
        combos.forEach(combo -> args.add(combo.toString()));
        Result result = run(XDOTOOL, Options.timeout(QUICK), args.toArray(String[]::new));
        if (!result.ok()) {
            throw failure(XDOTOOL, result);
        }
        if (result.stderr().contains("No such key name")) {
            throw new ActionException("the X server does not know a key in '" + String.join(" ",
                    combos.stream().map(Keys.Combo::toString).toList()) + "': " + lastLine(result.stderr()));
        }
    }

    @Override
    public void moveMouse(Point to) throws ActionException {
        List<String> args = moveTo(probe(), to);
        if (!args.isEmpty()) {
            xdotool(args.toArray(String[]::new));
        }
    }

    @Override
    public void click(Point at, int button, int count) throws ActionException {
        List<String> args = new ArrayList<>();
        if (at != null) {
            args.addAll(moveTo(probe(), at));
        }
        // xdotool waits its delay after every click, the last one too: none is needed for a single click
        args.addAll(List.of("click", "--repeat", Integer.toString(count), "--delay", count > 1 ? "80" : "0",
                Integer.toString(button)));
        xdotool(args.toArray(String[]::new));
    }

    @Override
    public void drag(Point from, Point to, int button) throws ActionException {
        Probe probe = probe();
        probe.check(to);
        String b = Integer.toString(button);
        Point middle = new Point((from.x() + to.x()) / 2, (from.y() + to.y()) / 2);
        List<String> args = new ArrayList<>(moveTo(probe, from));
        args.addAll(List.of("mousedown", b, "sleep", "0.05"));
        Point at = from;
        for (Point next : List.of(middle, to)) {
            if (!next.equals(at)) {
                args.addAll(List.of("mousemove", "--sync", Integer.toString(next.x()), Integer.toString(next.y()),
                        "sleep", "0.05"));
                at = next;
            }
        }
        args.addAll(List.of("mouseup", b));
        try {
            xdotool(args.toArray(String[]::new));
        } catch (ActionException e) {
            // never leave the button held down
            run(XDOTOOL, Options.timeout(QUICK), "mouseup", b);
            throw e;
        }
    }

    @Override
    public void scroll(Point at, int dx, int dy) throws ActionException {
        List<String> args = new ArrayList<>();
        if (at != null) {
            args.addAll(moveTo(probe(), at));
        }
        // x11 wheel buttons: 4 up, 5 down, 6 left, 7 right
        if (dy != 0) {
            args.addAll(List.of("click", "--repeat", Integer.toString(Math.abs(dy)), "--delay", "20", dy > 0 ? "5" : "4"));
        }
        if (dx != 0) {
            args.addAll(List.of("click", "--repeat", Integer.toString(Math.abs(dx)), "--delay", "20", dx > 0 ? "7" : "6"));
        }
        if (!args.isEmpty()) {
            xdotool(args.toArray(String[]::new));
        }
    }

    @Override
    public Pointer pointer() throws ActionException {
        Pointer raw = rawPointer();
        return new Pointer(raw.x(), raw.y(), raw.screen(), windowAt(raw));
    }

    @Override
    public Point position() throws ActionException {
        Pointer raw = rawPointer();
        return new Point(raw.x(), raw.y());
    }

    /** the pointer as xdotool reports it: its window is a frame or 0 where no window manager marks clients. */
    private Pointer rawPointer() throws ActionException {
        return pointer(XOutput.shell(xdotool("getmouselocation", "--shell").out()));
    }

    /** the top-level client window under the pointer, or null over the desktop. */
    private Long windowAt(Pointer raw) throws ActionException {
        Manager manager = manager();
        if (manager.ewmh()) {
            if (raw.window() == null || manager.clients().contains(raw.window())) {
                return raw.window();
            }
            // a window manager's frame: the client is inside it
            Result tree = run(XWININFO, Options.timeout(QUICK), "-id", hex(raw.window()), "-tree");
            if (tree.ok()) {
                for (long id : XOutput.treeIds(tree.out())) {
                    if (manager.clients().contains(id)) {
                        return id;
                    }
                }
            }
            return null;
        }
        // no window manager: the topmost mapped child of the root that contains the pointer
        java.util.Set<Long> viewable = new java.util.HashSet<>(topLevels());
        List<XOutput.Child> children = XOutput.children(call(XWININFO, QUICK, "-root", "-children").out());
        Rect spot = new Rect(raw.x(), raw.y(), 1, 1);
        for (int i = children.size() - 1; i >= 0; i--) {
            XOutput.Child child = children.get(i);
            if (viewable.contains(child.id()) && child.geometry().contains(spot)) {
                return child.id();
            }
        }
        return null;
    }

    private static Pointer pointer(Map<String, String> values) throws ActionException {
        try {
            String window = values.get("WINDOW");
            // xdotool names the client window under the pointer; 0 when it finds none (no window manager)
            return new Pointer(Integer.parseInt(values.get("X")), Integer.parseInt(values.get("Y")),
                    Integer.parseInt(values.getOrDefault("SCREEN", "0")),
                    window == null || window.equals("0") ? null : Long.valueOf(window));
        } catch (NumberFormatException | NullPointerException e) {
            throw new ActionException("xdotool reported no pointer position: " + values);
        }
    }

    /**
     * the screen's size and the pointer, in one xdotool run.
     *
     * @param screen the default screen
     * @param pointer where the pointer is
     */
    private record Probe(Rect screen, Pointer pointer) {
        void check(Point point) throws ActionException {
            if (point.x() >= screen.width() || point.y() >= screen.height()) {
                throw new ActionException("position " + point.x() + "," + point.y() + " is outside the screen ("
                        + screen.width() + "x" + screen.height() + ")");
            }
        }
    }

    private Probe probe() throws ActionException {
        String out = xdotool("getdisplaygeometry", "getmouselocation", "--shell").out();
        int newline = out.indexOf('\n');
        String[] size = (newline < 0 ? out : out.substring(0, newline)).strip().split("\\s+");
        try {
            Rect screen = new Rect(0, 0, Integer.parseInt(size[0]), Integer.parseInt(size[1]));
            return new Probe(screen, pointer(XOutput.shell(out.substring(newline + 1))));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException | StringIndexOutOfBoundsException e) {
            throw new ActionException("xdotool reported no screen size: " + out.strip());
        }
    }

    /**
     * the xdotool words that move the pointer to {@code to}: none when it is there already (this
     * xdotool's {@code --sync} would wait forever for a move that never comes).
     */
    private static List<String> moveTo(Probe probe, Point to) throws ActionException {
        probe.check(to);
        if (probe.pointer().x() == to.x() && probe.pointer().y() == to.y()) {
            return List.of();
        }
        return List.of("mousemove", "--sync", Integer.toString(to.x()), Integer.toString(to.y()));
    }

    // ---- selections

    @Override
    public ClipboardContent readClipboard(Selection selection, int maxBytes) throws ActionException {
        String name = selection.name().toLowerCase(Locale.ROOT);
        Options options = Options.timeout(QUICK).maxStdout(maxBytes);
        Result utf8 = run(XCLIP, options, "-selection", name, "-o", "-t", "UTF8_STRING");
        if (utf8.ok() || utf8.overflow()) {
            return text(selection, utf8, StandardCharsets.UTF_8);
        }
        if (!utf8.stderr().contains("not available")) {
            throw failure(XCLIP, utf8);
        }
        Result targets = run(XCLIP, Options.timeout(QUICK).maxStdout(1 << 16), "-selection", name, "-o", "-t",
                "TARGETS");
        if (!targets.ok()) {
            // nobody owns the selection
            return new ClipboardContent(selection, false, null, 0, false, null);
        }
        List<String> offered = new ArrayList<>();
        for (String line : targets.out().split("\n")) {
            if (!line.isBlank()) {
                offered.add(line.strip());
            }
        }
        if (offered.contains("STRING")) {
            Result latin1 = run(XCLIP, options, "-selection", name, "-o", "-t", "STRING");
            if (latin1.ok() || latin1.overflow()) {
                return text(selection, latin1, StandardCharsets.ISO_8859_1);
            }
        }
        return new ClipboardContent(selection, true, null, 0, false, List.copyOf(offered));
    }

    private static ClipboardContent text(Selection selection, Result result, java.nio.charset.Charset charset) {
        byte[] bytes = result.stdout();
        int length = bytes.length;
        if (result.overflow() && charset.equals(StandardCharsets.UTF_8)) {
            // cut before a character split by the limit
            while (length > 0 && (bytes[length - 1] & 0xc0) == 0x80) {
                length--;
            }
            if (length > 0 && (bytes[length - 1] & 0x80) != 0) {
                length--;
            }
        }
        String text = new String(bytes, 0, length, charset);
        return new ClipboardContent(selection, true, text, text.getBytes(StandardCharsets.UTF_8).length,
                result.overflow(), null);
    }

    @Override
    public void writeClipboard(Selection selection, String text) throws ActionException {
        String name = selection.name().toLowerCase(Locale.ROOT);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // xclip forks a child that serves the selection until another program takes it: only the
        // parent is waited for, and the child's output goes nowhere a pipe would keep us waiting
        Result result = run(XCLIP, Options.timeout(QUICK).stdin(bytes).inBackground(), "-selection", name, "-i");
        if (!result.ok()) {
            throw failure(XCLIP, result);
        }
        // the child takes the selection asynchronously: wait until a reader sees the new text
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (true) {
            ClipboardContent now = readClipboard(selection, bytes.length + 1);
            if (text.equals(now.text())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ActionException("the " + name + " selection did not take the text (another program may "
                        + "have taken it at once)");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ActionException("interrupted while setting the " + name + " selection");
            }
        }
    }

    // ---- running tools

    private Map<String, String> rootProperties(String... names) throws ActionException {
        List<String> args = new ArrayList<>(List.of("-root", "-notype"));
        args.addAll(List.of(names));
        return XOutput.properties(call(XPROP, QUICK, args.toArray(String[]::new)).out());
    }

    private Result xdotool(String... args) throws ActionException {
        return call(XDOTOOL, QUICK, args);
    }

    private Result call(Tool tool, Duration timeout, String... args) throws ActionException {
        Result result = run(tool, Options.timeout(timeout), args);
        if (!result.ok()) {
            throw failure(tool, result);
        }
        return result;
    }

    private Result run(Tool tool, Options options, String... args) throws ActionException {
        return tools.run(tool, List.of(args), options);
    }

    /** the error for a failed run: the display's problem when it is one, else the tool's own words. */
    ActionException failure(Tool tool, Result result) {
        String stderr = result.stderr();
        return X11Errors.diagnose(display, xauthority, home, stderr)
                .map(message -> new ActionException(message, result.exitCode(), stderr.isEmpty() ? null : stderr))
                .orElseGet(() -> new ActionException(tool.program() + " failed (exit " + result.exitCode() + ")"
                        + (stderr.isEmpty() ? "" : ": " + lastLine(stderr)), result.exitCode(),
                        stderr.isEmpty() ? null : stderr));
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static String stripNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    static String hex(long id) {
        return "0x" + Long.toHexString(id);
    }
}
