package dev.llmos.actions.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** small text files for diffs in previews. */
final class Texts {
    /** the most bytes of a file read to show a diff. */
    static final int DIFF_LIMIT = 1 << 20;

    private Texts() {
    }

    /** the file's text when it is utf-8 without nul bytes and at most {@link #DIFF_LIMIT} bytes. */
    static Optional<String> read(Entry file) throws IOException {
        if (file.stat().size() > DIFF_LIMIT) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.allocate(DIFF_LIMIT + 1);
        try (FileChannel channel = file.read()) {
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // reads until the end or one byte past the limit (the file grew meanwhile)
            }
        }
        if (!bytes.hasRemaining()) {
            return Optional.empty();
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(bytes.flip()).toString();
            return text.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
