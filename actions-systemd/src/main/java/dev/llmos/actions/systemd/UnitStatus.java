package dev.llmos.actions.systemd;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * the state of one unit, as {@code systemctl show} reports it.
 *
 * @param unit the unit's full name
 * @param description what the unit says it is
 * @param loadState {@code loaded}, {@code not-found}, {@code masked}, {@code error}, ...
 * @param activeState {@code active}, {@code inactive}, {@code failed}, {@code activating}, ...
 * @param subState the type-specific state: {@code running}, {@code dead}, {@code exited}, ...
 * @param enabled the unit file's state: {@code enabled}, {@code disabled}, {@code static},
 *     {@code masked}, ...; null when there is no unit file
 * @param mainPid the main process, null when none runs
 * @param since when the unit entered its current state (iso-8601, utc), null when never
 * @param result how the last run ended: {@code success}, {@code exit-code}, {@code signal}, ...
 * @param lastExit how the main process last ended, e.g. {@code exited with status 3}; null when it
 *     has not ended
 * @param unitFile the unit file's path, null when there is none
 * @param restarts how many times systemd restarted it automatically
 * @param loadError why loading failed, null when it did not
 */
public record UnitStatus(String unit, String description, String loadState, String activeState, String subState,
        String enabled, Long mainPid, String since, String result, String lastExit, String unitFile, Long restarts,
        String loadError) {

    /** the properties {@link #parse} reads, for {@code systemctl show -p}. */
    public static final List<String> PROPERTIES = List.of("Id", "Description", "LoadState", "ActiveState", "SubState",
            "UnitFileState", "MainPID", "StateChangeTimestamp", "Result", "ExecMainCode", "ExecMainStatus",
            "FragmentPath", "NRestarts", "LoadError");

    /** true when systemd knows no unit file or unit by this name. */
    public boolean notFound() {
        return "not-found".equals(loadState);
    }

    /**
     * the output of {@code systemctl --timestamp=unix show -p ... -- UNIT} for one unit: one
     * {@code Key=Value} per line, in any order.
     */
    public static UnitStatus parse(String show) {
        Map<String, String> p = properties(show);
        String code = p.getOrDefault("ExecMainCode", "0");
        String status = p.getOrDefault("ExecMainStatus", "0");
        String loadError = blankToNull(p.get("LoadError"));
        if (loadError != null) {
            // `org.freedesktop.systemd1.NoSuchUnit "Unit x.service not found."`: keep the quoted part
            int quote = loadError.indexOf('"');
            if (quote >= 0 && loadError.endsWith("\"")) {
                loadError = loadError.substring(quote + 1, loadError.length() - 1);
            }
        }
        return new UnitStatus(
                blankToNull(p.get("Id")),
                blankToNull(p.get("Description")),
                blankToNull(p.get("LoadState")),
                blankToNull(p.get("ActiveState")),
                blankToNull(p.get("SubState")),
                blankToNull(p.get("UnitFileState")),
                positive(p.get("MainPID")),
                timestamp(p.get("StateChangeTimestamp")),
                blankToNull(p.get("Result")),
                lastExit(code, status),
                blankToNull(p.get("FragmentPath")),
                number(p.get("NRestarts")),
                loadError);
    }

    /** {@code Key=Value} lines as a map; a value may itself contain {@code =}. */
    static Map<String, String> properties(String text) {
        Map<String, String> map = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return map;
    }

    /** a timestamp as {@code --timestamp=unix} prints it ({@code @1700000000}), as iso-8601 utc. */
    static String timestamp(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.startsWith("@")) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(text.substring(1))).toString();
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }

    private static String lastExit(String code, String status) {
        // siginfo codes: cld_exited 1, cld_killed 2, cld_dumped 3
        return switch (code) {
            case "1" -> "exited with status " + status;
            case "2" -> "killed by signal " + status;
            case "3" -> "dumped core on signal " + status;
            default -> null;
        };
    }

    private static Long positive(String text) {
        Long value = number(text);
        return value == null || value <= 0 ? null : value;
    }

    private static Long number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
