package dev.llmos.actions.desktop.x11;

import dev.llmos.actions.desktop.backend.DisplayInfo;
import dev.llmos.actions.desktop.backend.Rect;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** parses what the x11 tools print: xprop properties, xwininfo and xdpyinfo reports, shell-style key=value lines. */
final class XOutput {
    private static final Pattern PROPERTY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)(?:\\([^)]*\\))?(:| =)\\s?(.*)$");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern SCREEN = Pattern.compile("^screen #(\\d+):\\s*$");
    private static final Pattern DIMENSIONS = Pattern.compile(
            "^\\s*dimensions:\\s+(\\d+)x(\\d+) pixels(?: \\((\\d+)x(\\d+) millimeters\\))?");
    private static final Pattern RESOLUTION = Pattern.compile("^\\s*resolution:\\s+(\\d+)x(\\d+) dots per inch");
    private static final Pattern DEPTH = Pattern.compile("^\\s*depth of root window:\\s+(\\d+) planes");
    private static final Pattern DEFAULT_SCREEN = Pattern.compile("^default screen number:\\s+(\\d+)");
    private static final Pattern MONITOR = Pattern.compile(
            "^\\s*\\d+: \\+?(\\*?)(\\S+) (\\d+)/(\\d+)x(\\d+)/(\\d+)([+-]\\d+)([+-]\\d+)");
    private static final Pattern XFT_DPI = Pattern.compile("Xft\\.dpi:(?:\\\\t|\\s)*([0-9]+(?:\\.[0-9]+)?)");

    private XOutput() {
    }

    /** xprop's output (with {@code -notype}): property name to its raw value text; absent when not found. */
    static Map<String, String> properties(String text) {
        Map<String, String> properties = new LinkedHashMap<>();
        String current = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\n")) {
            Matcher m = PROPERTY.matcher(line);
            if (m.matches() && !line.startsWith("\t")) {
                if (current != null) {
                    properties.put(current, value.toString());
                }
                current = m.group(1);
                value.setLength(0);
                String rest = m.group(3);
                if (m.group(2).equals(":") && (rest.strip().equals("not found.") || rest.contains("no such atom"))) {
                    current = null;
                    continue;
                }
                value.append(rest);
            } else if (current != null) {
                value.append('\n').append(line);
            }
        }
        if (current != null) {
            properties.put(current, value.toString());
        }
        return properties;
    }

    /** every window id in an xprop value such as {@code window id # 0x40000c, 0x60000c}. */
    static List<Long> windowIds(String value) {
        List<Long> ids = new ArrayList<>();
        if (value == null) {
            return ids;
        }
        Matcher m = HEX.matcher(value);
        while (m.find()) {
            ids.add(Long.parseLong(m.group().substring(2), 16));
        }
        return ids;
    }

    /** the comma-separated items of an xprop atom list. */
    static List<String> atoms(String value) {
        List<String> atoms = new ArrayList<>();
        if (value == null) {
            return atoms;
        }
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                atoms.add(item.strip());
            }
        }
        return atoms;
    }

    /**
     * the quoted strings of an xprop value ({@code "xterm", "XTerm"}), unescaped: {@code \"},
     * {@code \\}, {@code \n} and octal bytes, read as utf-8.
     */
    static List<String> strings(String value) {
        List<String> strings = new ArrayList<>();
        if (value == null) {
            return strings;
        }
        int i = 0;
        while (i < value.length()) {
            int open = value.indexOf('"', i);
            if (open < 0) {
                break;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int j = open + 1;
            while (j < value.length() && value.charAt(j) != '"') {
                char c = value.charAt(j);
                if (c == '\\' && j + 1 < value.length()) {
                    char next = value.charAt(j + 1);
                    if (next >= '0' && next <= '7') {
                        int end = j + 1;
                        int code = 0;
                        while (end < value.length() && end < j + 4 && value.charAt(end) >= '0' && value.charAt(end) <= '7') {
                            code = code * 8 + (value.charAt(end) - '0');
                            end++;
                        }
                        bytes.write(code);
                        j = end;
                        continue;
                    }
                    bytes.write(next == 'n' ? '\n' : next == 't' ? '\t' : next);
                    j += 2;
                    continue;
                }
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                j++;
            }
            strings.add(bytes.toString(StandardCharsets.UTF_8));
            i = j + 1;
        }
        return strings;
    }

    /** an xprop cardinal value ({@code 1234}), or null. */
    static Integer cardinal(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        int comma = text.indexOf(',');
        if (comma >= 0) {
            text = text.substring(0, comma);
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** the {@code KEY=value} lines xdotool prints with {@code --shell}. */
    static Map<String, String> shell(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    /**
     * one window as {@code xwininfo -id} reports it.
     *
     * @param root true for the root window
     * @param geometry absolute position and size
     * @param viewable true when it and all its ancestors are mapped
     * @param overrideRedirect true for a popup the window manager does not manage (menus, tooltips)
     */
    record WindowReport(boolean root, Rect geometry, boolean viewable, boolean overrideRedirect) {
    }

    /** parses {@code xwininfo -id} output; the last value of each label wins (a window name cannot fake one). */
    static WindowReport windowReport(String text) {
        boolean root = false;
        Map<String, String> labels = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("xwininfo: Window id: ")) {
                root = line.matches("^xwininfo: Window id: 0x[0-9a-fA-F]+ \\(the root window\\).*");
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.startsWith("  ")) {
                labels.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        Rect geometry = new Rect(integer(labels.get("Absolute upper-left X")), integer(labels.get("Absolute upper-left Y")),
                integer(labels.get("Width")), integer(labels.get("Height")));
        return new WindowReport(root, geometry, "IsViewable".equals(labels.get("Map State")),
                "yes".equals(labels.get("Override Redirect State")));
    }

    private static int integer(String value) {
        if (value == null) {
            throw new IllegalArgumentException("xwininfo did not report a geometry");
        }
        return Integer.parseInt(value.strip());
    }

    /**
     * the screens xdpyinfo reports, and the default one.
     *
     * @param defaultScreen the screen number the display name selects
     * @param screens each screen
     */
    record Screens(int defaultScreen, List<DisplayInfo.Screen> screens) {
    }

    static Screens screens(String text) {
        int defaultScreen = 0;
        List<DisplayInfo.Screen> screens = new ArrayList<>();
        Integer number = null;
        Integer width = null;
        Integer height = null;
        Integer widthMm = null;
        Integer heightMm = null;
        Integer dpiX = null;
        Integer dpiY = null;
        Integer depth = null;
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = DEFAULT_SCREEN.matcher(line)).find()) {
                defaultScreen = Integer.parseInt(m.group(1));
            } else if ((m = SCREEN.matcher(line)).find()) {
                if (number != null && width != null) {
                    screens.add(new DisplayInfo.Screen(number, width, height, widthMm, heightMm, dpiX, dpiY, depth));
                }
                number = Integer.parseInt(m.group(1));
                width = height = widthMm = heightMm = dpiX = dpiY = depth = null;
            } else if (number != null && (m = DIMENSIONS.matcher(line)).find()) {
                width = Integer.parseInt(m.group(1));
                height = Integer.parseInt(m.group(2));
                widthMm = m.group(3) == null ? null : Integer.valueOf(m.group(3));
                heightMm = m.group(4) == null ? null : Integer.valueOf(m.group(4));
            } else if (number != null && (m = RESOLUTION.matcher(line)).find()) {
                dpiX = Integer.parseInt(m.group(1));
                dpiY = Integer.parseInt(m.group(2));
            } else if (number != null && (m = DEPTH.matcher(line)).find()) {
                depth = Integer.parseInt(m.group(1));
            }
        }
        if (number != null && width != null) {
            screens.add(new DisplayInfo.Screen(number, width, height, widthMm, heightMm, dpiX, dpiY, depth));
        }
        return new Screens(defaultScreen, screens);
    }

    /** the monitors {@code xrandr --listmonitors} reports. */
    static List<DisplayInfo.Monitor> monitors(String text) {
        List<DisplayInfo.Monitor> monitors = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = MONITOR.matcher(line);
            if (m.find()) {
                monitors.add(new DisplayInfo.Monitor(m.group(2), !m.group(1).isEmpty(),
                        new Rect(Integer.parseInt(m.group(7)), Integer.parseInt(m.group(8)),
                                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(5))),
                        Integer.valueOf(m.group(4)), Integer.valueOf(m.group(6))));
            }
        }
        return monitors;
    }

    private static final Pattern CHILD = Pattern.compile(
            "^\\s+(0x[0-9a-fA-F]+) .*\\s(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+\\s+\\+?(-?\\d+)\\+?(-?\\d+)\\s*$");
    private static final Pattern TREE_ID = Pattern.compile("^\\s+(0x[0-9a-fA-F]+)[ :]");

    /**
     * a window listed by {@code xwininfo -children}.
     *
     * @param id the window
     * @param geometry its absolute position and size
     */
    record Child(long id, Rect geometry) {
    }

    /** the children {@code xwininfo -root -children} lists, bottom of the stack first. */
    static List<Child> children(String text) {
        List<Child> children = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = CHILD.matcher(line);
            if (m.matches()) {
                children.add(new Child(Long.parseLong(m.group(1).substring(2), 16), new Rect(
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))));
            }
        }
        return children;
    }

    /** every window id in an {@code xwininfo -tree} listing, in order. */
    static List<Long> treeIds(String text) {
        List<Long> ids = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = TREE_ID.matcher(line);
            if (m.find()) {
                ids.add(Long.parseLong(m.group(1).substring(2), 16));
            }
        }
        return ids;
    }

    /** the {@code Xft.dpi} resource in the root window's resource database, or null. */
    static Double xftDpi(String resourceManager) {
        if (resourceManager == null) {
            return null;
        }
        Matcher m = XFT_DPI.matcher(resourceManager);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }
}
