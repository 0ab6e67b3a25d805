package dev.llmos.shell.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.shell.cli.Text;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * an array of objects as an aligned table: one column per field (in first-seen order), titled by
 * its name less the unit its cells show ({@code SIZE} for {@code size_bytes}, {@code USE%} for
 * {@code use_percent}), every value shown (nested lists as lines inside their cell), columns
 * narrowed and wrapped, widest first, until the table fits the terminal's width.
 */
final class Table {
    private static final int GAP = 2;
    private static final int MIN_COLUMN = 8;
    /** narrower than this (or its natural width), a column is too squeezed to read: records are shown instead. */
    private static final int READABLE = 14;

    private Table() {
    }

    /**
     * prints {@code rows} as a table when it fits the width readably; returns false, printing nothing,
     * when a column would have to be squeezed below {@link #READABLE} characters.
     */
    static boolean print(Screen out, JsonNode rows, String indent, Layout layout) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode row : rows) {
            row.properties().forEach(field -> names.add(field.getKey()));
        }
        List<String> columns = new ArrayList<>(names);
        List<List<List<String>>> cells = new ArrayList<>();
        for (JsonNode row : rows) {
            List<List<String>> line = new ArrayList<>();
            for (String column : columns) {
                line.add(Cell.lines(column, row.get(column), layout));
            }
            cells.add(line);
        }
        List<String> headers = new ArrayList<>();
        for (String column : columns) {
            headers.add(Escapes.inline(title(column, rows, names)).toUpperCase(Locale.ROOT));
        }
        int[] natural = fit(headers, cells, 0);
        int[] widths = fit(headers, cells, layout.width() == 0 ? 0 : layout.width() - indent.length());
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] < Math.min(natural[i], READABLE)) {
                return false;
            }
        }
        out.print(indent);
        for (int i = 0; i < headers.size(); i++) {
            out.print(Style.BOLD, headers.get(i));
            if (i < headers.size() - 1) {
                out.print(" ".repeat(widths[i] - Cell.width(headers.get(i)) + GAP));
            }
        }
        out.println();
        for (int r = 0; r < cells.size(); r++) {
            List<List<String>> wrapped = new ArrayList<>();
            int height = 1;
            for (int i = 0; i < columns.size(); i++) {
                List<String> lines = new ArrayList<>();
                for (String line : cells.get(r).get(i)) {
                    lines.addAll(Text.wrap(line, widths[i]));
                }
                wrapped.add(lines);
                height = Math.max(height, lines.size());
            }
            for (int k = 0; k < height; k++) {
                out.print(indent);
                for (int i = 0; i < columns.size(); i++) {
                    String text = k < wrapped.get(i).size() ? wrapped.get(i).get(k) : "";
                    Style tone = Render.tone(columns.get(i), text);
                    if (tone != null) {
                        out.print(tone, text);
                    } else {
                        out.print(text);
                    }
                    if (i < columns.size() - 1 && !restEmpty(wrapped, i + 1, k)) {
                        out.print(" ".repeat(widths[i] - Cell.width(text) + GAP));
                    }
                }
                out.println();
            }
        }
        return true;
    }

    /**
     * a column's title: without the unit word its cells show (whole numbers are shown with their unit),
     * a percent as {@code %}; the field's own name when the short one is another column's.
     */
    static String title(String column, JsonNode rows, Set<String> names) {
        boolean whole = true;
        for (JsonNode row : rows) {
            JsonNode value = row.get(column);
            whole &= value == null || value.isNull() || value.isIntegralNumber() && value.canConvertToLong();
        }
        String title = Formats.percentSign(whole ? Formats.unitless(column) : column);
        return title.equals(column) || !names.contains(title) ? title : column;
    }

    private static boolean restEmpty(List<List<String>> wrapped, int from, int line) {
        for (int i = from; i < wrapped.size(); i++) {
            if (line < wrapped.get(i).size() && !wrapped.get(i).get(line).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** column widths: each column's widest line, narrowed widest-first to fit {@code width} (0: no limit). */
    static int[] fit(List<String> headers, List<List<List<String>>> cells, int width) {
        int n = headers.size();
        int[] widths = new int[n];
        int[] floor = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = Cell.width(headers.get(i));
            floor[i] = Math.max(widths[i], MIN_COLUMN);
            for (List<List<String>> row : cells) {
                for (String line : row.get(i)) {
                    widths[i] = Math.max(widths[i], Cell.width(line));
                }
            }
            floor[i] = Math.min(floor[i], widths[i]);
        }
        if (width <= 0) {
            return widths;
        }
        int available = width - GAP * (n - 1);
        while (sum(widths) > available) {
            int widest = -1;
            for (int i = 0; i < n; i++) {
                if (widths[i] > floor[i] && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                break;
            }
            widths[widest]--;
        }
        return widths;
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }

    /** whether every element is an object (a table); otherwise the array is shown as a list. */
    static boolean allObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isObject()) {
                return false;
            }
        }
        return true;
    }
}
