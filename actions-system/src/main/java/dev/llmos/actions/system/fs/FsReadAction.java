package dev.llmos.actions.system.fs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code fs.read}: a window of a regular file's bytes, as text when they are utf-8. */
public final class FsReadAction implements Action<FsReadAction.Params> {
    /** the most bytes one call returns: base64 of it still fits a protocol frame. */
    static final int MAX_BYTES = 524288;
    /** the most lines {@code first_lines} or {@code last_lines} asks for. */
    static final int MAX_LINES = 100000;

    /**
     * params of {@code fs.read}.
     *
     * @param path the regular file
     * @param offset the first byte to read
     * @param maxBytes the most bytes to read
     * @param firstLines only the first this many lines (from {@code offset})
     * @param lastLines only the last this many lines of the file (within its last {@code maxBytes} bytes)
     */
    public record Params(
            @NotNull @PathParam @Size(max = 4096)
            @JsonPropertyDescription("absolute path of the file to read") String path,
            // no schema default: the catalog cannot yet bind a long default (it becomes a pojo node)
            @Min(0) @JsonProperty(defaultValue = "0") @JsonPropertyDescription("byte offset to start reading at") Long offset,
            @Min(1) @Max(MAX_BYTES) @JsonProperty(defaultValue = "65536")
            @JsonPropertyDescription("most bytes to return; read on from offset + bytes_read when eof is false")
            Integer maxBytes,
            @Min(1) @Max(MAX_LINES) @JsonPropertyDescription("return only the first this many lines (from offset), "
                    + "like head -n") Integer firstLines,
            @Min(1) @Max(MAX_LINES) @JsonPropertyDescription("return only the last this many lines of the file, "
                    + "like tail -n (read from its last max_bytes bytes; offset is not used)") Integer lastLines) {
        public Params(String path, Long offset, Integer maxBytes) {
            this(path, offset, maxBytes, null, null);
        }
    }

    /**
     * a window of a file.
     *
     * @param size the file's size when it was opened (0 for many /proc files)
     * @param bytesRead how many bytes {@code content} holds
     * @param eof true when nothing follows the window
     * @param encoding {@code utf-8} for text, {@code base64} for binary content
     */
    public record Content(String path, long size, long offset, int bytesRead, boolean eof, String encoding,
            String content) {
    }

    @Override
    public String name() {
        return "fs.read";
    }

    @Override
    public String description() {
        return "read the contents of a file (text as utf-8, binary as base64), optionally from an offset, or only its "
                + "first or last lines";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "show me the contents of /etc/hosts",
                "cat /etc/fstab",
                "read my ~/.bashrc",
                "what does the nginx config say",
                "print the file notes.txt",
                "open /var/log/syslog and show it",
                "display the first part of README.md",
                "read the rest of that file from byte 65536",
                "whats inside /etc/resolv.conf",
                "view the text of config.yaml",
                "dump the bytes of /usr/bin/ls as base64",
                "red the file todo.md",
                "cat the file notes.txt",
                "what does the file settings.json say",
                "print the first 100 bytes of data.bin",
                "less /etc/profile",
                "head README.md",
                "what's written in the file todo.txt",
                "open and read ~/.gitconfig",
                "show me the text of /etc/issue.net",
                "what does /etc/environment contain",
                "show the last 20 lines of /var/log/syslog",
                "tail -n 50 app.log",
                "print the first 10 lines of README.md",
                "head -n 5 notes.txt");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Content execute(Params params, ActionContext context) throws ActionException {
        ResolvedPath resolved = context.requirePath("path");
        String path = resolved.path();
        try {
            FileStat stat = resolved.requireStat();
            if (stat.isDirectory()) {
                throw new ActionException("is a directory: " + path);
            }
            if (!stat.isRegularFile()) {
                throw new ActionException("not a regular file (device, fifo or socket): " + path);
            }
            if (params.firstLines() != null && params.lastLines() != null) {
                throw new ActionException("give first_lines or last_lines, not both");
            }
            try (FileChannel channel = resolved.requireObject().channel(Set.of(StandardOpenOption.READ))) {
                // one byte past the window tells whether more follows, even where sizes lie (/proc)
                ByteBuffer buffer = ByteBuffer.allocate(params.maxBytes() + 1);
                long offset = params.lastLines() == null ? params.offset()
                        : Math.max(0, stat.size() - params.maxBytes());
                long position = offset;
                int n;
                while (buffer.hasRemaining() && (n = channel.read(buffer, position)) >= 0) {
                    position += n;
                }
                boolean eof = buffer.position() <= params.maxBytes();
                int length = Math.min(buffer.position(), params.maxBytes());
                byte[] bytes = buffer.array();
                if (params.firstLines() != null) {
                    int end = LineWindow.firstLinesEnd(bytes, length, params.firstLines());
                    eof &= end == length;
                    length = end;
                } else if (params.lastLines() != null) {
                    int start = LineWindow.lastLinesStart(bytes, length, params.lastLines());
                    bytes = Arrays.copyOfRange(bytes, start, length);
                    length -= start;
                    offset += start;
                }
                Chunk chunk = Chunk.of(bytes, length, eof);
                return new Content(path, stat.size(), offset, chunk.length(), eof, chunk.encoding(), chunk.content());
            }
        } catch (PosixException | IOException e) {
            throw ActionException.at(path, e);
        }
    }
}
