package dev.llmos.actions.files;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.posix.PosixException;
import java.io.IOException;

/**
 * moves a held file, symlink or tree into a new quarantine item, whole, with its owners, modes and
 * times: by rename within a file system, else by an exact copy and removal, all through
 * descriptors. nothing is unlinked that the item does not hold, and an item that holds the only
 * full copy is never dropped.
 */
final class Displacer {
    private Displacer() {
    }

    /** displaces {@code source} (described by {@code summary}) for {@code action}; returns the item. */
    static Quarantine.Item displace(Quarantine quarantine, Entry source, TreeSummary summary, String action,
            ActionContext context) throws ActionException {
        Quarantine.Item item = quarantine.create();
        try {
            TreeMover.move(source, item.dir(), "data", item.dataPath(), context);
        } catch (TreeMover.SourceLeftException e) {
            record(quarantine, item, source, summary, action);
            throw new ActionException(e.getMessage() + "; the full copy is kept as quarantine item " + item.id());
        } catch (IOException e) {
            ActionException failure = FileFailure.io(source.path(), e);
            quarantine.discard(item, failure);
            throw failure;
        } catch (ActionException | RuntimeException e) {
            quarantine.discard(item, e);
            throw e;
        }
        record(quarantine, item, source, summary, action);
        return item;
    }

    /** writes the manifest of an item holding {@code source}; on failure the item stays, and says where. */
    private static void record(Quarantine quarantine, Quarantine.Item item, Entry source, TreeSummary summary,
            String action) throws ActionException {
        try {
            Entry data = quarantine.data(item);
            String sha256 = data.stat().isRegularFile() ? Sha256.of(data) : null;
            quarantine.write(item, new Manifest.Displaced(action, source.path(), quarantine.now(), summary.type(),
                    summary.entries(), summary.bytes(), Fingerprint.of(data, Fingerprint.Depth.CONTENT), sha256,
                    Manifest.Meta.of(source.stat())));
        } catch (IOException | PosixException e) {
            throw new ActionException("moved " + source.path() + " into the quarantine but could not record it ("
                    + FileFailure.io(item.path(), e).getMessage() + "); it is kept in " + item.dataPath());
        }
    }
}
