package dev.llmos.actions.files;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * moves a file, symlink or tree into a new quarantine item, whole, with its owners, modes and
 * times: by rename(2) on the same filesystem, else by an exact copy and removal. nothing is
 * unlinked that the item does not hold, and an item that holds the only full copy is never dropped.
 */
final class Displacer {
    private Displacer() {
    }

    /** displaces {@code path} (described by {@code summary}) for {@code action}; returns the item. */
    static Quarantine.Item displace(Quarantine quarantine, Path path, TreeSummary summary, String action,
            ActionContext context) throws ActionException {
        Stat root;
        try {
            root = Stat.lstat(path);
        } catch (IOException e) {
            throw Failures.io(path, e);
        }
        Quarantine.Item item = quarantine.create();
        try {
            TreeMover.move(path, item.data(), context);
        } catch (TreeMover.SourceLeftException e) {
            record(quarantine, item, path, summary, action, root);
            throw new ActionException(e.getMessage() + "; the full copy is kept as quarantine item " + item.id());
        } catch (IOException e) {
            ActionException failure = Failures.io(path, e);
            quarantine.discard(item, failure);
            throw failure;
        } catch (ActionException | RuntimeException e) {
            quarantine.discard(item, e);
            throw e;
        }
        record(quarantine, item, path, summary, action, root);
        return item;
    }

    /** writes the manifest of an item holding {@code path}; on failure the item stays, and says where. */
    private static void record(Quarantine quarantine, Quarantine.Item item, Path path, TreeSummary summary,
            String action, Stat root) throws ActionException {
        try {
            String sha256 = root.type() == EntryType.FILE ? Sha256.of(item.data()) : null;
            quarantine.write(item, new Manifest.Displaced(action, path.toString(), quarantine.now(), summary.type(),
                    summary.entries(), summary.bytes(), Fingerprint.of(item.data(), Fingerprint.Depth.CONTENT), sha256,
                    Manifest.Meta.of(root)));
        } catch (IOException e) {
            throw new ActionException("moved " + path + " into the quarantine but could not record it ("
                    + Failures.io(item.dir(), e).getMessage() + "); it is kept in " + item.data());
        }
    }
}
