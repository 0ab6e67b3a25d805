package dev.llmos.actions.files;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.FileType;
import java.time.Instant;
import java.util.List;

/**
 * what a quarantine item holds, kept beside it as {@code manifest.json}. each kind says what state
 * {@code fs.restore} brings back to the original path.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Manifest.Displaced.class, name = "displaced"),
    @JsonSubTypes.Type(value = Manifest.Content.class, name = "content"),
    @JsonSubTypes.Type(value = Manifest.Absent.class, name = "absent"),
    @JsonSubTypes.Type(value = Manifest.Modes.class, name = "modes")})
sealed interface Manifest {
    /** the action that made the item. */
    String action();

    /** the absolute path the item belongs to. */
    String original();

    /** when the item was made, iso-8601 utc. */
    String created();

    /** the item's age is measured from here. */
    default Instant createdInstant() {
        return Instant.parse(created());
    }

    /**
     * a file, symlink or tree moved out of the way whole, in {@code data}; restored by moving it back.
     *
     * @param entries the entries of the tree, the root included
     * @param bytes the sizes of its files added up
     * @param digest its {@link Fingerprint} with content, to tell that the item is still intact
     * @param sha256 the sha-256 of the bytes when it is a regular file, else null
     */
    record Displaced(String action, String original, String created, FileType type, long entries, long bytes,
            String digest, String sha256, Meta meta) implements Manifest {
    }

    /**
     * the earlier bytes of a regular file that was rewritten, in {@code data}; restored by writing
     * them back into the file.
     */
    record Content(String action, String original, String created, long bytes, String sha256, Meta meta)
            implements Manifest {
    }

    /** nothing was at the original path; restored by moving what is there now into the quarantine. */
    record Absent(String action, String original, String created) implements Manifest {
    }

    /** permission bits that were changed below the original path; restored by setting them back. */
    record Modes(String action, String original, String created, List<ModeChange> changes) implements Manifest {
        public Modes {
            changes = List.copyOf(changes);
        }
    }

    /**
     * one changed entry.
     *
     * @param path the entry below the original path, {@code ""} for itself
     * @param inode the entry's inode, to notice a different file put in its place
     * @param before its permission bits before the change, like {@code 0644}
     * @param after its permission bits after it
     */
    record ModeChange(String path, long inode, String before, String after) {
    }

    /**
     * owner, group, permission bits and times of the root of an item when it was taken.
     *
     * @param mode like {@code 0644}
     * @param mtime iso-8601 with nanoseconds
     */
    record Meta(int uid, int gid, String mode, String mtime, String atime) {
        static Meta of(FileStat stat) {
            return new Meta(stat.uid(), stat.gid(), dev.llmos.actions.files.Modes.octal(stat.permissions()),
                    instant(stat.mtimeNanos()), instant(stat.atimeNanos()));
        }

        long mtimeNanos() {
            return nanos(mtime);
        }

        long atimeNanos() {
            return nanos(atime);
        }

        private static String instant(long nanos) {
            return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                    .toString();
        }

        private static long nanos(String instant) {
            Instant parsed = Instant.parse(instant);
            return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
        }
    }
}
