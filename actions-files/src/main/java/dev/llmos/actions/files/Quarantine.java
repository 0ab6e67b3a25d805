package dev.llmos.actions.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * the caller's quarantine: one directory per item, named by when it was made and a random suffix
 * ({@code 20250101T120000Z-1a2b3c4d}), holding {@code manifest.json} and, for items that keep
 * bytes, {@code data} (the displaced file or tree itself, with its owners, modes and times).
 */
final class Quarantine {
    /** the most one item may hold: what the quarantine keeps still takes disk space. */
    static final long ITEM_LIMIT_BYTES = 1L << 30;
    /** the shape of item names: what {@code fs.restore} accepts, so no name can leave the quarantine. */
    static final String ITEM_PATTERN = "^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MANIFEST = "manifest.json";

    private final Path root;
    private final Clock clock;

    Quarantine(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** the caller's quarantine, on the system clock. */
    static Quarantine of(ActionContext context) {
        return new Quarantine(context.quarantine(), Clock.systemUTC());
    }

    /**
     * one item.
     *
     * @param id its name in the quarantine
     * @param dir its directory
     */
    record Item(String id, Path dir) {
        /** the displaced file or tree, or the saved bytes. */
        Path data() {
            return dir.resolve("data");
        }

        Path manifestFile() {
            return dir.resolve(MANIFEST);
        }
    }

    /** a new, empty item. */
    Item create() throws ActionException {
        for (int attempt = 0; ; attempt++) {
            String id = STAMP.format(clock.instant()) + "-" + HexFormat.of().toHexDigits(RANDOM.nextInt());
            Path dir = root.resolve(id);
            try {
                Files.createDirectory(dir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                return new Item(id, dir);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 8) {
                    throw Failures.io(dir, e);
                }
            } catch (IOException e) {
                throw new ActionException("cannot use the quarantine: " + Failures.io(dir, e).getMessage());
            }
        }
    }

    /** the item {@code id}; refuses clearly when it is gone (purged) or was never there. */
    Item find(String id) throws ActionException {
        Item item = new Item(id, root.resolve(id));
        if (!Files.isRegularFile(item.manifestFile(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ActionException("the quarantined item is gone: " + id
                    + " (purged, or already restored); nothing was changed");
        }
        return item;
    }

    /** every item directory, in name order (oldest first). */
    List<Item> items() throws IOException {
        List<Item> items = new ArrayList<>();
        for (Path dir : Tree.children(root)) {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                items.add(new Item(dir.getFileName().toString(), dir));
            }
        }
        return items;
    }

    /**
     * writes the manifest, synced: an item without one is never restored, only purged. an action
     * writes it before its change when the item holds no bytes, else once the bytes are in.
     */
    void write(Item item, Manifest manifest) throws IOException {
        Files.write(item.manifestFile(), Json.toBytes(manifest));
        sync(item.manifestFile());
    }

    /**
     * keeps a copy of the regular file {@code path} (described by {@code stat}) in the empty item,
     * synced before the file is changed, with its manifest.
     */
    void keepContent(Item item, String action, Path path, Stat stat) throws IOException {
        Files.copy(path, item.data());
        sync(item.data());
        write(item, new Manifest.Content(action, path.toString(), now(), Files.size(item.data()),
                Sha256.of(item.data()), Manifest.Meta.of(stat)));
    }

    /** fsync(2), through a descriptor opened for reading: the copy may carry a read-only mode. */
    private static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    Manifest read(Item item) throws ActionException {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(item.manifestFile()), Manifest.class);
        } catch (NoSuchFileException e) {
            throw new ActionException("the quarantined item is gone: " + item.id());
        } catch (JsonProcessingException e) {
            throw new ActionException("the quarantined item " + item.id() + " is damaged: unreadable manifest");
        } catch (IOException e) {
            throw Failures.io(item.manifestFile(), e);
        }
    }

    /** the manifest, or null when it is missing or unreadable (an item left half-made by a crash). */
    Manifest readIfValid(Item item) {
        try {
            return read(item);
        } catch (ActionException e) {
            return null;
        }
    }

    /** removes an item for good: it was used up, or made for a change that then failed. */
    void discard(Item item, Exception cause) {
        TreeDeleter.deleteQuietly(item.dir(), cause);
    }

    /** removes a used-up item for good. */
    void discard(Item item) throws IOException {
        TreeDeleter.delete(item.dir());
    }

    /** iso-8601 utc now, for manifests. */
    String now() {
        return clock.instant().toString();
    }

    /** refuses to keep {@code bytes} from {@code path}: over {@link #ITEM_LIMIT_BYTES}. */
    static void checkLimit(Path path, long bytes, String what) throws ActionException {
        if (bytes > ITEM_LIMIT_BYTES) {
            throw new ActionException("refusing to " + what + " " + path + ": it holds " + Sizes.human(bytes)
                    + ", over the quarantine limit of " + Sizes.human(ITEM_LIMIT_BYTES)
                    + " per item, so it could not be undone; nothing was changed");
        }
    }

    /**
     * refuses a path that is the quarantine, lies inside it, or contains it: moving the quarantine
     * into itself cannot work, and its items are managed by {@code fs.restore} and
     * {@code fs.purge_quarantine}.
     */
    void guard(Path path) throws ActionException {
        try {
            Path quarantine = root.toRealPath();
            Path resolved = RealPaths.ofEntry(path);
            if (quarantine.startsWith(resolved) || resolved.startsWith(quarantine)) {
                throw new ActionException("refusing to touch the quarantine: " + path
                        + " (use fs.restore or fs.purge_quarantine)");
            }
        } catch (IOException e) {
            throw Failures.io(path, e);
        }
    }
}
