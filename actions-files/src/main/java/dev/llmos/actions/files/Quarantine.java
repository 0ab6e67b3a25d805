package dev.llmos.actions.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.posix.Chase;
import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import dev.llmos.protocol.Json;
import dev.llmos.support.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * the caller's quarantine, opened once and used only through descriptors: one directory per item,
 * named by when it was made and a random suffix ({@code 20250101T120000Z-1a2b3c4d}), holding
 * {@code manifest.json} and, for items that keep bytes, {@code data} (the displaced file or tree
 * itself, with its owners, modes and times). owns the descriptors it opens; closing releases them.
 */
final class Quarantine implements AutoCloseable {
    /** the most one item may hold: what the quarantine keeps still takes disk space. */
    static final long ITEM_LIMIT_BYTES = 1L << 30;
    /** the shape of item names: what {@code fs.restore} accepts, so no name can leave the quarantine. */
    static final String ITEM_PATTERN = "^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MANIFEST = "manifest.json";
    private static final String DATA = "data";
    /** the largest manifest read: a recursive chmod of a million entries stays far below. */
    private static final int MANIFEST_LIMIT = 256 << 20;

    private final Fd root;
    private final FileStat rootStat;
    private final String path;
    private final Clock clock;
    private final List<Fd> held = new ArrayList<>();

    private Quarantine(Fd root, FileStat rootStat, String path, Clock clock) {
        this.root = root;
        this.rootStat = rootStat;
        this.path = path;
        this.clock = clock;
    }

    /** the caller's quarantine, on the system clock. */
    static Quarantine open(ActionContext context) throws ActionException {
        return open(context, Clock.systemUTC());
    }

    /**
     * opens the caller's quarantine once ({@link Chase}, following only symlinks of root and of the
     * caller); refuses one that is not a directory of the caller's.
     */
    static Quarantine open(ActionContext context, Clock clock) throws ActionException {
        int uid = context.caller().uid();
        String text = context.quarantine().toString();
        ResolvedPath resolved;
        try {
            resolved = Chase.resolve(text, new Chase.Rules(true, owner -> owner == 0 || owner == uid));
        } catch (PosixException | Chase.RefusedException e) {
            throw new ActionException("cannot use the quarantine " + text + ": " + e.getMessage());
        }
        Optional<FileStat> stat = resolved.stat();
        if (stat.isEmpty() || !stat.get().isDirectory() || stat.get().uid() != uid) {
            resolved.close();
            throw new ActionException("cannot use the quarantine " + resolved.path()
                    + ": not a directory of the caller's");
        }
        resolved.parent().close();
        return new Quarantine(resolved.object().orElseThrow(), stat.get(), resolved.path(), clock);
    }

    /**
     * one item.
     *
     * @param id its name in the quarantine
     * @param dir its directory, held
     * @param path its path, for messages and results
     */
    record Item(String id, Fd dir, String path) {
        String dataPath() {
            return Places.child(path, DATA);
        }
    }

    /** the quarantine's real path. */
    String path() {
        return path;
    }

    /** a new, empty item. */
    Item create() throws ActionException {
        for (int attempt = 0; ; attempt++) {
            String id = STAMP.format(clock.instant()) + "-" + HexFormat.of().toHexDigits(RANDOM.nextInt());
            try {
                root.mkdirAt(id, 0700);
                return hold(id);
            } catch (PosixException e) {
                if (e.errno() != PosixException.EEXIST || attempt > 8) {
                    throw new ActionException("cannot use the quarantine: " + FileFailure.io(Places.child(path, id), e)
                            .getMessage());
                }
            }
        }
    }

    /** what an action does with a new item. */
    @FunctionalInterface
    interface ItemWork<T> {
        T run(Item item) throws IOException, PosixException, ActionException;
    }

    /**
     * runs {@code work} with a new, empty item; when it fails the item is removed and the failure
     * thrown (an i/o failure told as one on {@code path}).
     */
    <T> T withNewItem(String path, ItemWork<T> work) throws ActionException {
        Item item = create();
        try {
            return work.run(item);
        } catch (IOException | PosixException e) {
            ActionException failure = FileFailure.io(path, e);
            discard(item, failure);
            throw failure;
        } catch (ActionException | RuntimeException e) {
            discard(item, e);
            throw e;
        }
    }

    /** the item {@code id}; refuses clearly when it is gone (purged) or was never there. */
    Item find(String id) throws ActionException {
        ActionException gone = new ActionException("the quarantined item is gone: " + id
                + " (purged, or already restored); nothing was changed");
        if (!Fd.isName(id)) {
            throw gone;
        }
        try {
            Optional<FileStat> stat = root.statAt(id);
            if (stat.isEmpty() || !stat.get().isDirectory()) {
                throw gone;
            }
            Item item = hold(id);
            Optional<FileStat> manifest = item.dir().statAt(MANIFEST);
            if (manifest.isEmpty() || !manifest.get().isRegularFile()) {
                throw gone;
            }
            return item;
        } catch (PosixException e) {
            throw FileFailure.io(Places.child(path, id), e);
        }
    }

    /** the names of every item directory, in name order (oldest first). */
    List<String> items() throws IOException, PosixException {
        List<String> items = new ArrayList<>();
        for (String name : Tree.names(root)) {
            Optional<FileStat> stat = root.statAt(name);
            if (stat.isPresent() && stat.get().isDirectory()) {
                items.add(name);
            }
        }
        return items;
    }

    /** the item directory {@code id}, whatever it holds (a half-made item too), held until {@link #release}. */
    Item open(String id) throws PosixException {
        return hold(id);
    }

    /** closes the item's directory and what was opened in it, once done with it. */
    void release(Item item) {
        held.remove(item.dir());
        item.dir().close();
    }

    /** an item's directory as the root of a walk (to measure or remove it). */
    Entry entry(Item item) throws PosixException {
        return Entry.of(item.dir(), root, item.id(), item.path());
    }

    /** what the item holds: the displaced file or tree, or the saved bytes. */
    Entry data(Item item) throws IOException, PosixException {
        Fd data = item.dir().pathAt(DATA);
        held.add(data);
        return Entry.of(data, item.dir(), DATA, item.dataPath());
    }

    /**
     * writes the manifest, synced: an item without one is never restored, only purged. an action
     * writes it before its change when the item holds no bytes, else once the bytes are in.
     */
    void write(Item item, Manifest manifest) throws IOException, PosixException {
        try (Fd file = item.dir().createAt(MANIFEST, 0600);
                FileChannel out = file.channel(Set.of(StandardOpenOption.WRITE))) {
            ByteBuffer bytes = ByteBuffer.wrap(Json.toBytes(manifest));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
    }

    /**
     * keeps a copy of the regular file {@code file} (held) in the empty item, synced before the file
     * is changed, with its manifest.
     */
    void keepContent(Item item, String action, Entry file) throws IOException, PosixException {
        try (Fd data = item.dir().createAt(DATA, 0600);
                FileChannel out = data.channel(Set.of(StandardOpenOption.WRITE));
                FileChannel in = file.read()) {
            FileWriter.Source.of(in).writeTo(out);
            out.force(true);
        }
        Entry data = data(item);
        write(item, new Manifest.Content(action, file.path(), now(), data.stat().size(), Sha256.of(data),
                Manifest.Meta.of(file.stat())));
    }

    Manifest read(Item item) throws ActionException {
        try (Fd file = item.dir().pathAt(MANIFEST)) {
            Entry manifest = Entry.of(file, item.dir(), MANIFEST, Places.child(item.path(), MANIFEST));
            if (manifest.stat().size() > MANIFEST_LIMIT) {
                throw new ActionException("the quarantined item " + item.id() + " is damaged: its manifest is too big");
            }
            try (InputStream in = Channels.newInputStream(manifest.read())) {
                return Json.MAPPER.readValue(in.readAllBytes(), Manifest.class);
            }
        } catch (PosixException e) {
            if (e.errno() == PosixException.ENOENT) {
                throw new ActionException("the quarantined item is gone: " + item.id());
            }
            throw FileFailure.io(item.path(), e);
        } catch (JsonProcessingException e) {
            throw new ActionException("the quarantined item " + item.id() + " is damaged: unreadable manifest");
        } catch (IOException e) {
            throw FileFailure.io(Places.child(item.path(), MANIFEST), e);
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

    /** removes an item for good: it was made for a change that then failed. */
    void discard(Item item, Exception cause) {
        try {
            discard(item);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** removes an item for good: used up, or purged. */
    void discard(Item item) throws IOException {
        try {
            TreeDeleter.delete(entry(item));
        } catch (PosixException e) {
            throw FileFailure.at(item.path(), e);
        }
    }

    /** iso-8601 utc now, for manifests. */
    String now() {
        return clock.instant().toString();
    }

    /** refuses to keep {@code bytes} from {@code path}: over {@link #ITEM_LIMIT_BYTES}. */
    static void checkLimit(String path, long bytes, String what) throws ActionException {
        if (bytes > ITEM_LIMIT_BYTES) {
            throw new ActionException("refusing to " + what + " " + path + ": it holds " + Sizes.iec(bytes)
                    + ", over the quarantine limit of " + Sizes.iec(ITEM_LIMIT_BYTES)
                    + " per item, so it could not be undone; nothing was changed");
        }
    }

    /**
     * refuses a path that is the quarantine, lies inside it, or contains it, judged on the held
     * objects: moving the quarantine into itself cannot work, and its items are managed by
     * {@code fs.restore} and {@code fs.purge_quarantine}.
     */
    void guard(ResolvedPath resolved) throws ActionException {
        try {
            boolean inside = Places.within(resolved.parent(), rootStat.id())
                    || resolved.stat().map(s -> s.id().equals(rootStat.id())).orElse(false);
            boolean contains = resolved.stat().isPresent() && resolved.stat().get().isDirectory()
                    && Places.within(root, resolved.stat().get().id());
            if (inside || contains) {
                throw new ActionException("refusing to touch the quarantine: " + resolved.path()
                        + " (use fs.restore or fs.purge_quarantine)");
            }
        } catch (PosixException e) {
            throw FileFailure.io(resolved.path(), e);
        }
    }

    private Item hold(String id) throws PosixException {
        Fd dir = root.directoryAt(id);
        held.add(dir);
        return new Item(id, dir, Places.child(path, id));
    }

    @Override
    public void close() {
        for (Fd fd : held.reversed()) {
            fd.close();
        }
        held.clear();
        root.close();
    }
}
