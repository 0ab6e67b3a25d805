package dev.llmos.daemon;

import dev.llmos.protocol.RpcException;

/**
 * how many long requests (actions, plans, undos, planning) one uid runs at once across all its
 * connections: at most {@link Limits#runsPerUser()} for anyone but root, so one user's forty
 * concurrent programs cannot take the daemon's threads, executors and the machine from everyone else.
 */
final class RunQuota {
    private final Limits limits;
    private final UidCounts running = new UidCounts();

    RunQuota(Limits limits) {
        this.limits = limits;
    }

    synchronized Permit admit(int uid) throws RpcException {
        if (uid == 0) {
            return Permit.NONE;
        }
        int mine = running.of(uid);
        if (mine >= limits.runsPerUser()) {
            throw limits.exceeded("runs_per_user", limits.runsPerUser(), "uid " + uid + " already has " + mine
                    + " requests running, the most one user may; wait for one to finish");
        }
        running.increment(uid);
        return Permit.releasing(() -> release(uid));
    }

    private synchronized void release(int uid) {
        running.decrement(uid);
    }

    synchronized int runningFor(int uid) {
        return running.of(uid);
    }
}
