package dev.llmos.daemon;

import dev.llmos.protocol.RpcException;

/**
 * who may open one more connection: at most {@link Limits#maxConnections()} in all; a uid other
 * than root at most {@link Limits#connectionsPerUser()}; and ordinary users (above
 * {@link Limits#systemUidMax()}) together never take the last {@link Limits#reservedConnections()},
 * so root and the system's own services can always get in, however many connections users hold.
 */
final class ConnectionQuota {
    private final Limits limits;
    private final UidCounts perUid = new UidCounts();
    private int total;
    private int ordinary;

    ConnectionQuota(Limits limits) {
        this.limits = limits;
    }

    /** counts one more connection of {@code uid}, or says which limit refuses it. */
    synchronized Permit admit(int uid) throws RpcException {
        if (total >= limits.maxConnections()) {
            throw limits.exceeded("max_connections", limits.maxConnections(),
                    "the daemon is serving as many connections as it may; try again shortly");
        }
        int mine = perUid.of(uid);
        if (uid != 0 && mine >= limits.connectionsPerUser()) {
            throw limits.exceeded("connections_per_user", limits.connectionsPerUser(),
                    "uid " + uid + " already holds " + mine + " connections, the most one user may; close some");
        }
        boolean system = limits.isSystem(uid);
        int forOrdinary = limits.maxConnections() - limits.reservedConnections();
        if (!system && ordinary >= forOrdinary) {
            throw limits.exceeded("reserved_connections", limits.reservedConnections(),
                    "all " + forOrdinary + " connections open to ordinary users are taken (the rest are kept for root"
                            + " and system users); try again shortly");
        }
        perUid.increment(uid);
        total++;
        if (!system) {
            ordinary++;
        }
        return Permit.releasing(() -> release(uid, system));
    }

    private synchronized void release(int uid, boolean system) {
        perUid.decrement(uid);
        total--;
        if (!system) {
            ordinary--;
        }
    }

    /** the connections {@code uid} holds now. */
    synchronized int heldBy(int uid) {
        return perUid.of(uid);
    }
}
