package dev.llmos.daemon;

import dev.llmos.action.Confinement;
import dev.llmos.posix.Fd;
import dev.llmos.posix.Posix;
import dev.llmos.posix.PosixException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * tells whether the process on the other end of a connection runs inside one of the sandboxes this
 * daemon starts (every process an action starts lives in a cgroup named
 * {@link Confinement#SANDBOX_CGROUP_PREFIX}...). such a peer may use the daemon, but never confirm,
 * grant a lease or consent to remote planning: those must come from a person, not from the
 * plane's own programs. the peer's pidfd (so_peerpidfd) pins the process, so a reused pid cannot
 * pass for it; a peer that has already exited, or whose cgroup cannot be read, counts as sandboxed.
 */
final class SandboxPeers {
    private SandboxPeers() {
    }

    /** true when the peer of the connected socket {@code socketFd}, process {@code pid}, is sandboxed. */
    static boolean sandboxed(int socketFd, long pid) {
        if (pid <= 0) {
            return true;
        }
        Optional<Fd> pidfd;
        try {
            pidfd = Posix.peerPidfd(socketFd);
        } catch (PosixException e) {
            return true;
        }
        try {
            String cgroups = Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"));
            boolean inSandbox = inSandbox(cgroups);
            // the cgroup read above was the peer's only if the pidfd's process is still that pid
            boolean samePeer = pidfd.map(fd -> pidOf(fd) == pid).orElse(true);
            return inSandbox || !samePeer;
        } catch (IOException e) {
            return true;
        } finally {
            pidfd.ifPresent(Fd::close);
        }
    }

    /** true when any line of a {@code /proc/PID/cgroup} text names a sandbox cgroup. */
    static boolean inSandbox(String procCgroup) {
        for (String line : procCgroup.split("\n")) {
            int colon = line.indexOf(':', line.indexOf(':') + 1);
            String path = colon < 0 ? line : line.substring(colon + 1);
            for (String component : path.split("/")) {
                if (component.startsWith(Confinement.SANDBOX_CGROUP_PREFIX)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** the pid a pidfd names now, -1 once that process has exited (its fdinfo says). */
    private static long pidOf(Fd pidfd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + pidfd.number()))) {
                if (line.startsWith("Pid:")) {
                    return Long.parseLong(line.substring(4).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
