package dev.llmos.actions.desktop.backend;

import java.util.List;

/**
 * what a selection holds.
 *
 * @param selection which selection was read
 * @param owned true when some program holds the selection
 * @param text its text, or null when it holds none
 * @param bytes the utf-8 size of {@code text}
 * @param truncated true when the text was cut at the size limit
 * @param targets when the selection holds something other than text: the formats it offers
 *     (e.g. {@code image/png}); otherwise null
 */
public record ClipboardContent(Selection selection, boolean owned, String text, int bytes, boolean truncated,
        List<String> targets) {
}
