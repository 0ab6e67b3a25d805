package dev.llmos.planner;

import dev.llmos.action.Programs;
import dev.llmos.posix.Posix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * the machine the daemon runs on: unit files in systemd's unit directories, installed packages from
 * dpkg's status file, installable ones from {@code apt-cache pkgnames}, users from the user database,
 * programs as {@code proc.run} resolves them, zones from the jdk's tz database. each list is read again
 * when its source changes, so a lookup costs a stat once it is warm.
 */
final class LocalMachine implements Machine {
    /** where systemd looks for unit files, most specific first. */
    private static final List<Path> UNIT_DIRS = List.of(Path.of("/etc/systemd/system"), Path.of("/run/systemd/system"),
            Path.of("/lib/systemd/system"), Path.of("/usr/lib/systemd/system"));
    private static final Path DPKG_STATUS = Path.of("/var/lib/dpkg/status");
    private static final Path APT_CACHE = Path.of("/var/cache/apt/pkgcache.bin");
    private static final Map<String, String> ZONES = zones();

    private final Cached<List<String>> units = new Cached<>();
    private final Cached<Set<String>> installed = new Cached<>();
    private final Cached<Set<String>> available = new Cached<>();

    @Override
    public List<String> units() {
        return units.get(stamp(UNIT_DIRS), LocalMachine::readUnits);
    }

    @Override
    public boolean packageInstalled(String name) {
        return installed.get(stamp(List.of(DPKG_STATUS)), LocalMachine::readInstalled).contains(name);
    }

    @Override
    public Optional<Boolean> packageAvailable(String name) {
        if (!Files.exists(APT_CACHE) && packageInstalled(name)) {
            return Optional.of(true);
        }
        Set<String> names = available.get(stamp(List.of(APT_CACHE)), LocalMachine::readAvailable);
        return names.isEmpty() ? Optional.empty() : Optional.of(names.contains(name) || packageInstalled(name));
    }

    @Override
    public Optional<Path> home(String user) {
        return Posix.passwd(user).map(entry -> Path.of(entry.home())).filter(Path::isAbsolute);
    }

    @Override
    public boolean program(String name) {
        return Programs.resolve(name).isPresent();
    }

    @Override
    public Optional<String> zone(String text) {
        return Optional.ofNullable(ZONES.get(text.toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean isDirectory(Path path) {
        return Files.isDirectory(path);
    }

    private static Map<String, String> zones() {
        Map<String, String> zones = new HashMap<>();
        ZoneId.getAvailableZoneIds().forEach(id -> zones.put(id.toLowerCase(Locale.ROOT), id));
        return Map.copyOf(zones);
    }

    private static List<String> readUnits() {
        Set<String> names = new TreeSet<>();
        for (Path dir : UNIT_DIRS) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    if (dot > 0 && Lexicon.UNIT_TYPES.contains(name.substring(dot + 1))) {
                        names.add(name);
                    }
                }
            } catch (IOException e) {
                // an unreadable unit directory has no units to offer
            }
        }
        return List.copyOf(names);
    }

    private static Set<String> readInstalled() {
        Set<String> names = new HashSet<>();
        try {
            String name = null;
            for (String line : Files.readAllLines(DPKG_STATUS, StandardCharsets.UTF_8)) {
                if (line.startsWith("Package: ")) {
                    name = line.substring(9).strip();
                } else if (line.startsWith("Status: ") && line.endsWith(" installed") && name != null) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            // no dpkg: nothing is known to be installed
        }
        return Set.copyOf(names);
    }

    private static Set<String> readAvailable() {
        try {
            Process process = new ProcessBuilder("apt-cache", "pkgnames").redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Set<String> names = new HashSet<>();
            try (InputStream out = process.getInputStream()) {
                for (String line : new String(out.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        names.add(line.strip());
                    }
                }
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Set.of();
            }
            return process.exitValue() == 0 ? Set.copyOf(names) : Set.of();
        } catch (IOException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }

    /** the modification times of {@code paths} (absent ones count too), so a change of any is seen. */
    private static List<Object> stamp(List<Path> paths) {
        List<Object> stamp = new ArrayList<>();
        for (Path path : paths) {
            try {
                FileTime time = Files.getLastModifiedTime(path);
                stamp.add(time);
            } catch (IOException e) {
                stamp.add("absent");
            }
        }
        return stamp;
    }

    /** a value read again when its stamp changes. */
    private static final class Cached<T> {
        private List<Object> stamp;
        private T value;

        synchronized T get(List<Object> now, Supplier<T> read) {
            if (value == null || !now.equals(stamp)) {
                value = read.get();
                stamp = now;
            }
            return value;
        }
    }
}
