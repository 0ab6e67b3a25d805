package dev.llmos.planner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** the rows of a tab-separated test resource: blank lines and {@code #} comments skipped, every row {@code fields} wide. */
final class TsvResource {
    private TsvResource() {
    }

    /** the rows of class-path resource {@code resource} (an absolute name). */
    static List<String[]> rows(String resource, int fields) {
        try (InputStream in = TsvResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            List<String[]> rows = new ArrayList<>();
            int number = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] row = line.split("\t");
                if (row.length != fields) {
                    throw new IllegalStateException(resource + ":" + number + ": expected " + fields
                            + " tab-separated fields");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
