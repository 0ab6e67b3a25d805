package dev.llmos.actions.systemd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * reads {@code journalctl --output=json}: one json object per line, field values as strings, as
 * arrays of byte values when journald stored them as binary (not valid utf-8, or with control
 * characters), as arrays when a field occurs more than once, and null when too large to show.
 */
final class Journal {
    /** the fields asked of journalctl ({@code --output-fields}); timestamps come anyway. */
    static final String FIELDS = "MESSAGE,PRIORITY,_PID,_SYSTEMD_UNIT,UNIT,_SYSTEMD_USER_UNIT,USER_UNIT,"
            + "SYSLOG_IDENTIFIER,_COMM";
    /** the longest message kept, in characters; longer ones are cut and marked. */
    static final int MAX_MESSAGE = 4096;
    private static final List<String> PRIORITIES = List.of("emerg", "alert", "crit", "err", "warning", "notice", "info",
            "debug");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** what journalctl says on stderr when there is no journal file to read. */
    static final String NO_FILES = "No journal files were found";
    /** what journalctl says on stderr when {@code --boot} names a boot the journal does not keep. */
    static final String NO_BOOT = "Data from the specified boot";

    /** where journald keeps its files: persistent, then volatile. */
    static final List<java.nio.file.Path> DIRECTORIES = List.of(java.nio.file.Path.of("/var/log/journal"),
            java.nio.file.Path.of("/run/log/journal"));

    /** whether any journal file exists (in a machine-id directory or directly), readable or not. */
    static boolean filesExist() {
        for (java.nio.file.Path dir : DIRECTORIES) {
            if (!java.nio.file.Files.isDirectory(dir)) {
                continue;
            }
            try (var files = java.nio.file.Files.find(dir, 3, (path, attributes) -> path.toString().endsWith(".journal"))) {
                if (files.findAny().isPresent()) {
                    return true;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable directory may hold files: do not claim there are none
                return true;
            }
        }
        return false;
    }

    /**
     * one journal entry.
     *
     * @param time when it was logged (iso-8601, utc, microseconds)
     * @param unit the unit it is about: the unit systemd itself logged about, else the unit of the
     *     process that logged it; null for neither (the kernel, a user's session)
     * @param priority {@code emerg}, {@code alert}, {@code crit}, {@code err}, {@code warning},
     *     {@code notice}, {@code info} or {@code debug}; null when not set
     * @param pid the process that logged it
     * @param identifier the syslog identifier or command name, e.g. {@code sshd}
     * @param message the text; binary messages are decoded as utf-8 with replacement characters
     */
    record Entry(String time, String unit, String priority, Long pid, String identifier, String message) {
    }

    private Journal() {
    }

    /** the entries of {@code output}, in order; a line that is not a json object is skipped. */
    static List<Entry> parse(String output) {
        List<Entry> entries = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                continue;
            }
            if (node != null && node.isObject()) {
                entries.add(entry(node));
            }
        }
        return entries;
    }

    static Entry entry(JsonNode node) {
        // systemd logs about a unit from its own scope with `UNIT` set; a process logs from its own unit
        String unit = first(node, "UNIT", "USER_UNIT", "_SYSTEMD_USER_UNIT", "_SYSTEMD_UNIT");
        String message = value(node.get("MESSAGE"));
        if (message != null && message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "… (" + message.length() + " characters, cut)";
        }
        return new Entry(time(value(node.get("__REALTIME_TIMESTAMP"))), unit, priority(value(node.get("PRIORITY"))),
                number(value(node.get("_PID"))), first(node, "SYSLOG_IDENTIFIER", "_COMM"), message);
    }

    private static String first(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = value(node.get(field));
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /**
     * a field's value as text: a string as is, an array of numbers as utf-8 bytes, an array of
     * values (a repeated field) as its first value; null when absent or too large to show.
     */
    static String value(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return "";
            }
            if (value.get(0).isNumber()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.size());
                for (JsonNode b : value) {
                    bytes.write(b.asInt() & 0xff);
                }
                return bytes.toString(StandardCharsets.UTF_8);
            }
            return value(value.get(0));
        }
        return value.asText();
    }

    /** microseconds since the epoch as iso-8601 utc. */
    static String time(String micros) {
        if (micros == null) {
            return null;
        }
        try {
            long us = Long.parseLong(micros);
            return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L).toString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** the {@code _BOOT_ID} of the last entry of {@code output}: 32 hex digits, else null. */
    static String bootId(String output) {
        List<String> lines = output.strip().lines().toList();
        if (lines.isEmpty()) {
            return null;
        }
        try {
            JsonNode last = JSON.readTree(lines.getLast());
            String id = last == null ? null : value(last.get("_BOOT_ID"));
            return id != null && id.matches("[0-9a-f]{32}") ? id : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * why {@code boot} (0 when only {@code --dmesg} named it) has no entries, from the boots the journal keeps ({@code journalctl
     * --list-boots --output=json}, oldest first; blank or unreadable when unknown).
     */
    static String missingBoot(int boot, String listBoots) {
        String kept = "";
        try {
            JsonNode boots = listBoots.isBlank() ? null : JSON.readTree(listBoots);
            if (boots != null && boots.isArray() && !boots.isEmpty()) {
                String since = time(value(boots.get(0).get("first_entry")));
                kept = boots.size() == 1 ? "it keeps only this boot" : "it keeps " + boots.size() + " boots (0 to "
                        + (1 - boots.size()) + ")";
                kept += since == null ? "; " : ", since " + since + "; ";
            }
        } catch (IOException e) {
            // the note then says less, and is still right
        }
        return "the journal has no boot " + boot + ": " + kept + "earlier boots are kept only when journald stores its "
                + "logs on disk (/var/log/journal, Storage=persistent or auto), not in memory (/run/log/journal), and "
                + "until they are rotated away; see journalctl --list-boots";
    }

    /** the syslog priority 0..7 by its name. */
    static String priority(String number) {
        if (number == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(number.strip());
            return n >= 0 && n < PRIORITIES.size() ? PRIORITIES.get(n) : number;
        } catch (NumberFormatException e) {
            return number;
        }
    }

    private static Long number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * a priority as journalctl takes it ({@code err}, {@code 3}, {@code warning..err}), from the
     * names people use too ({@code error}, {@code warn}, {@code critical}, {@code emergency}).
     */
    static String normalizePriority(String text) {
        int dots = text.indexOf("..");
        if (dots >= 0) {
            return normalizeLevel(text.substring(0, dots)) + ".." + normalizeLevel(text.substring(dots + 2));
        }
        return normalizeLevel(text);
    }

    private static String normalizeLevel(String level) {
        return switch (level) {
            case "error" -> "err";
            case "warn" -> "warning";
            case "critical" -> "crit";
            case "emergency", "panic" -> "emerg";
            default -> level;
        };
    }
}
