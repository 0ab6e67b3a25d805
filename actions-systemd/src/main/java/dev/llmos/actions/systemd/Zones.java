package dev.llmos.actions.systemd;

import dev.llmos.action.ActionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * time zone names as the tz database installs them under {@code /usr/share/zoneinfo}: a name is
 * valid when it is made of tz name characters and names a tzif file there, which is what
 * timedated itself checks.
 */
final class Zones {
    /** the characters and shape of a zone name; the schema's bound. */
    static final String PATTERN = "^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+){0,3}$";
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(PATTERN);
    private static final byte[] MAGIC = "TZif".getBytes(StandardCharsets.US_ASCII);

    private Zones() {
    }

    /**
     * the installed zone named {@code name}, spelled as installed: an exact name, else the one zone
     * whose name differs only in case ({@code europe/paris}).
     */
    static String resolve(Path zoneinfo, String name) throws ActionException {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith("-")) {
            throw new ActionException("invalid time zone name '" + name + "': use a name like Europe/Paris, "
                    + "America/New_York or UTC");
        }
        if (name.equalsIgnoreCase("localtime")) {
            // zoneinfo/localtime links to /etc/localtime, the very link being set
            throw new ActionException("invalid time zone name '" + name + "': it names the current zone, not a zone; "
                    + "use a name like Europe/Paris");
        }
        if (isZone(zoneinfo.resolve(name))) {
            return name;
        }
        List<String> matches = new ArrayList<>();
        String wanted = name.toLowerCase(Locale.ROOT);
        Path dir = zoneinfo;
        String[] parts = name.split("/");
        matches.add("");
        for (String part : parts) {
            List<String> next = new ArrayList<>();
            for (String prefix : matches) {
                Path parent = prefix.isEmpty() ? dir : dir.resolve(prefix);
                try (Stream<Path> children = Files.list(parent)) {
                    for (Path child : children.toList()) {
                        String childName = child.getFileName().toString();
                        if (childName.equalsIgnoreCase(part)) {
                            next.add(prefix.isEmpty() ? childName : prefix + "/" + childName);
                        }
                    }
                } catch (IOException e) {
                    // not a directory: nothing below it
                }
            }
            matches = next;
        }
        List<String> zones = matches.stream().filter(m -> isZone(zoneinfo.resolve(m)))
                .filter(m -> m.toLowerCase(Locale.ROOT).equals(wanted)).toList();
        if (zones.size() == 1) {
            return zones.getFirst();
        }
        throw new ActionException("unknown time zone: " + name + " (not installed under " + zoneinfo
                + "; names look like Europe/Paris, America/New_York or UTC)");
    }

    /** true when {@code file} is a regular file (aliases are symlinks, followed) that starts with the tzif magic. */
    static boolean isZone(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            return java.util.Arrays.equals(head, MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** the tz database's directory. */
    static Path zoneinfo() {
        return Path.of("/usr/share/zoneinfo");
    }
}
