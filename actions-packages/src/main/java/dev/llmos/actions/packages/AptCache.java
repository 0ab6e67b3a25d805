package dev.llmos.actions.packages;

import dev.llmos.action.ActionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** what apt's cache knows: {@code apt-cache policy}, {@code show} and {@code showpkg}, parsed. */
final class AptCache {
    private static final Pattern VERSION_LINE = Pattern.compile("^ (?:\\*\\*\\*| {3}) (\\S+) (-?\\d+)$");
    private static final Pattern SOURCE_LINE = Pattern.compile("^ {8}(-?\\d+) (.+)$");
    /** the most versions reported for one package. */
    private static final int MAX_VERSIONS = 20;

    private AptCache() {
    }

    /**
     * one version apt knows.
     *
     * @param installed whether it is the installed one
     * @param priority its pin priority
     * @param sources where it comes from: an archive ({@code http://... bookworm/main amd64 Packages})
     *     or {@code /var/lib/dpkg/status} for the installed copy
     */
    record Version(String version, boolean installed, int priority, List<String> sources) {
        /** whether apt could download this version again (it is in some archive, not only dpkg's status). */
        boolean downloadable() {
            return sources.stream().anyMatch(source -> !source.equals("/var/lib/dpkg/status"));
        }
    }

    /**
     * {@code apt-cache policy} of one package.
     *
     * @param installed the installed version, null when none
     * @param candidate the version {@code apt-get install} would pick, null when none (a virtual package)
     */
    record Policy(String installed, String candidate, List<Version> versions) {
        Optional<Version> version(String version) {
            return versions.stream().filter(known -> known.version().equals(version)).findFirst();
        }
    }

    /** the policy of a package, empty when apt has never heard of the name. */
    static Optional<Policy> policy(Apt apt, String name) throws ActionException {
        Apt.Output output = Apt.run(apt.aptCache(List.of("policy", "--", name)));
        if (output.exit() != 0) {
            throw new ActionException("apt-cache policy failed", output.exit(), output.stderrTail());
        }
        if (output.stdout().isBlank()) {
            return Optional.empty();
        }
        String installed = null;
        String candidate = null;
        List<Version> versions = new ArrayList<>();
        String version = null;
        boolean isInstalled = false;
        int priority = 0;
        List<String> sources = new ArrayList<>();
        for (String line : output.stdout().split("\n")) {
            Matcher matcher;
            if (line.startsWith("  Installed: ")) {
                installed = none(line.substring(13));
            } else if (line.startsWith("  Candidate: ")) {
                candidate = none(line.substring(13));
            } else if ((matcher = VERSION_LINE.matcher(line)).find()) {
                if (version != null && versions.size() < MAX_VERSIONS) {
                    versions.add(new Version(version, isInstalled, priority, List.copyOf(sources)));
                }
                version = matcher.group(1);
                isInstalled = line.startsWith(" ***");
                priority = Integer.parseInt(matcher.group(2));
                sources.clear();
            } else if ((matcher = SOURCE_LINE.matcher(line)).find() && version != null) {
                sources.add(matcher.group(2).strip());
            }
        }
        if (version != null && versions.size() < MAX_VERSIONS) {
            versions.add(new Version(version, isInstalled, priority, List.copyOf(sources)));
        }
        return Optional.of(new Policy(installed, candidate, versions));
    }

    private static String none(String value) {
        String stripped = value.strip();
        return stripped.equals("(none)") || stripped.isEmpty() ? null : stripped;
    }

    /** the record of one exact version ({@code apt-cache show name=version}), empty when unknown. */
    static Optional<Map<String, String>> show(Apt apt, String name, String version) throws ActionException {
        Apt.Output output = Apt.run(apt.aptCache(List.of("show", "--", name + "=" + version)));
        if (output.exit() != 0) {
            return Optional.empty();
        }
        List<Map<String, String>> records = records(output.stdout());
        return records.isEmpty() ? Optional.empty() : Optional.of(records.getFirst());
    }

    /** the packages that provide a virtual name ({@code apt-cache showpkg}), at most 20. */
    static List<String> providers(Apt apt, String name) throws ActionException {
        Apt.Output output = Apt.run(apt.aptCache(List.of("showpkg", "--", name)));
        List<String> providers = new ArrayList<>();
        boolean inList = false;
        for (String line : output.stdout().split("\n")) {
            if (line.startsWith("Reverse Provides:")) {
                inList = true;
            } else if (inList && !line.isBlank()) {
                String provider = line.strip().split("\\s+")[0];
                if (!providers.contains(provider) && providers.size() < 20) {
                    providers.add(provider);
                }
            }
        }
        return providers;
    }

    /**
     * deb822 records (blank-line separated {@code Field: value} stanzas); continuation lines are
     * joined to their field with a newline, a lone {@code .} becoming an empty line.
     */
    static List<Map<String, String>> records(String text) {
        List<Map<String, String>> records = new ArrayList<>();
        Map<String, String> record = new LinkedHashMap<>();
        String field = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                if (!record.isEmpty()) {
                    records.add(record);
                    record = new LinkedHashMap<>();
                }
                field = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && field != null) {
                String continued = line.strip().equals(".") ? "" : line.strip();
                record.merge(field, continued, (before, added) -> before + "\n" + added);
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    field = line.substring(0, colon);
                    record.put(field, line.substring(colon + 1).strip());
                }
            }
        }
        if (!record.isEmpty()) {
            records.add(record);
        }
        return records;
    }
}
