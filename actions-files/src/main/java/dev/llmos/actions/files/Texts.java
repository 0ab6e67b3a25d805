package dev.llmos.actions.files;

import dev.llmos.action.ActionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** small text files for diffs in previews. */
final class Texts {
    /** the most bytes of a file read to show a diff. */
    static final int DIFF_LIMIT = 1 << 20;

    private Texts() {
    }

    /** the file's text when it is utf-8 without nul bytes and at most {@link #DIFF_LIMIT} bytes. */
    static Optional<String> read(Path file) throws ActionException {
        try {
            if (Files.size(file) > DIFF_LIMIT) {
                return Optional.empty();
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return text.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw Failures.io(file, e);
        }
    }
}
