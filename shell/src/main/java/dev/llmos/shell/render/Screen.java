package dev.llmos.shell.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * where people read llmsh's output (stdout or stderr): every text written is passed through
 * {@link Escapes#block}, so nothing from the daemon reaches the terminal raw, and styles become
 * ansi colours only when colour is on. stdout may be held back until the command ends so that long
 * output can go to a pager ({@link #finish}).
 */
public final class Screen {
    private final PrintStream out;
    private final boolean color;
    private final Pager pager;
    private final StringBuilder held;

    /**
     * @param pager shows held output that is longer than the terminal, or null to write at once
     */
    public Screen(OutputStream out, boolean color, Pager pager) {
        this.out = out instanceof PrintStream print ? print : new PrintStream(out, false, StandardCharsets.UTF_8);
        this.color = color;
        this.pager = pager;
        this.held = pager == null ? null : new StringBuilder();
    }

    public boolean color() {
        return color;
    }

    public Screen print(String text) {
        return write(Escapes.block(text));
    }

    public Screen println(String text) {
        return write(Escapes.block(text)).write("\n");
    }

    public Screen println() {
        return write("\n");
    }

    /** {@code text} in {@code style} when colour is on, plain otherwise. */
    public Screen print(Style style, String text) {
        String safe = Escapes.block(text);
        return write(color && !safe.isEmpty() ? style.start() + safe + Style.RESET : safe);
    }

    private Screen write(String text) {
        if (held != null) {
            held.append(text);
        } else {
            out.print(text);
        }
        return this;
    }

    public void flush() {
        if (held == null) {
            out.flush();
        }
    }

    /** writes what was held back, through the pager when it is longer than the terminal. */
    public void finish() {
        if (held != null && !held.isEmpty()) {
            String text = held.toString();
            held.setLength(0);
            if (!pager.page(text)) {
                out.print(text);
            }
        }
        out.flush();
    }

    /** replaces the current terminal line with {@code text} (a progress line); only for a terminal. */
    public void rewriteLine(String text) {
        write("\r\033[2K" + Escapes.inline(text));
        flush();
    }

    /** clears the current terminal line (a progress line that is done). */
    public void clearLine() {
        write("\r\033[2K");
        flush();
    }

    /** raw bytes (json documents): never escaped, never paged. */
    public void bytes(byte[] data) {
        finish();
        try {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
