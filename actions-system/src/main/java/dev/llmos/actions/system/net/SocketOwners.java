package dev.llmos.actions.system.net;

import dev.llmos.actions.system.support.ProcFs;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * which process holds a socket: the one with an open file descriptor linking to
 * {@code socket:[inode]}. only processes whose fd table the caller may read are seen.
 */
final class SocketOwners {
    private SocketOwners() {
    }

    /**
     * the pid holding each of {@code inodes}, the lowest when several share one (after a fork the
     * parent usually has the lowest); inodes no visible process holds are absent.
     */
    static Map<Long, Long> pids(Set<Long> inodes) throws IOException {
        Map<Long, Long> owners = new HashMap<>();
        for (long pid : ProcFs.pids()) {
            if (owners.size() == inodes.size()) {
                break;
            }
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(ProcFs.file(pid, "fd"))) {
                for (Path fd : fds) {
                    Long inode = socketInode(fd);
                    if (inode != null && inodes.contains(inode)) {
                        owners.putIfAbsent(inode, pid);
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                // not the caller's to read, or exited meanwhile
            }
        }
        return owners;
    }

    private static Long socketInode(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("socket:[") ? Long.valueOf(target.substring(8, target.length() - 1)) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
