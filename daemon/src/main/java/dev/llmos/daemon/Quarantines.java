package dev.llmos.daemon;

import dev.llmos.action.Caller;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;

/**
 * per-caller quarantine directories under the state directory: {@code quarantine/UID}, owned by
 * the caller with mode 0700, reachable (not listable) through 0711 parents, so an executor running
 * as the caller can move displaced files there and nobody else can see them.
 */
final class Quarantines {
    private final Path root;

    Quarantines(Path stateDir) {
        this.root = stateDir.resolve("quarantine");
    }

    /** the caller's quarantine, created on first use; serialized, so concurrent first requests agree. */
    synchronized Path forCaller(Caller caller) throws RpcException {
        Path dir = root.resolve(Integer.toString(caller.uid()));
        try {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(root);
            }
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                if (caller.uid() != dev.llmos.posix.Posix.getuid()) {
                    view.setOwner(users.lookupPrincipalByName(Integer.toString(caller.uid())));
                    view.setGroup(users.lookupPrincipalByGroupName(Integer.toString(caller.gid())));
                }
            }
            return dir;
        } catch (IOException e) {
            throw Failures.actionFailed("cannot prepare the quarantine " + dir + ": " + e, null, null);
        }
    }
}
