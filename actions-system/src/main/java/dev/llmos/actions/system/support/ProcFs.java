package dev.llmos.actions.system.support;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** the process directories of /proc. internal to this module. */
public final class ProcFs {
    public static final Path ROOT = Path.of("/proc");

    private ProcFs() {
    }

    /** the pids of the processes visible to the caller, ascending. */
    public static List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(ROOT)) {
            for (Path dir : stream) {
                String name = dir.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        pids.sort(null);
        return pids;
    }

    /** {@code /proc/[pid]/[name]}. */
    public static Path file(long pid, String name) {
        return ROOT.resolve(Long.toString(pid)).resolve(name);
    }
}
