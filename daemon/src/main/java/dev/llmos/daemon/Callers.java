package dev.llmos.daemon;

import dev.llmos.action.Caller;
import dev.llmos.posix.Posix;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.SocketFds;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/** who is on the other end of a connection, from the kernel's so_peercred record. */
final class Callers {
    private Callers() {
    }

    /** the kernel's so_peercred record of the connection's peer. */
    static Posix.PeerCredentials peer(SocketChannel channel) throws IOException {
        OptionalInt fd = SocketFds.fdOf(channel);
        if (fd.isEmpty()) {
            throw new IOException("cannot read the socket's file descriptor: start the jvm with "
                    + "--add-exports java.base/sun.nio.ch=ALL-UNNAMED");
        }
        try {
            return Posix.peerCredentials(fd.getAsInt());
        } catch (PosixException e) {
            throw new IOException("so_peercred: " + e.getMessage(), e);
        }
    }

    /** true when the peer of {@code channel} runs in one of this daemon's sandboxes ({@link SandboxPeers}). */
    static boolean sandboxed(SocketChannel channel, Caller caller) {
        OptionalInt fd = SocketFds.fdOf(channel);
        return fd.isEmpty() || SandboxPeers.sandboxed(fd.getAsInt(), caller.pid());
    }

    /** the caller with {@code uid}, its name and groups from the user database. */
    static Caller forUid(int uid, int gid, long pid) {
        var passwd = Posix.passwd(uid);
        String user = passwd.map(Posix.Passwd::name).orElse(Integer.toString(uid));
        List<Integer> groups = passwd
                .map(p -> Arrays.stream(Posix.groupList(p.name(), gid)).boxed().toList())
                .orElse(List.of(gid));
        return new Caller(uid, gid, pid, user, groups);
    }
}
