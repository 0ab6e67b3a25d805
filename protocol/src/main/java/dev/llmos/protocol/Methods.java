package dev.llmos.protocol;

/** method names of the protocol; one place so the daemon and the shell cannot drift apart. */
public final class Methods {
    public static final String PING = "system.ping";
    public static final String STATUS = "system.status";
    public static final String ACTIONS_LIST = "actions.list";
    public static final String ACTION_EXECUTE = "action.execute";
    public static final String PLAN_CREATE = "plan.create";
    public static final String PLAN_EXECUTE = "plan.execute";
    /** the next turn of an observe, reason, act loop: calls validated against the catalog, or an answer. */
    public static final String LOOP_TURN = "loop.turn";
    public static final String AUDIT_TAIL = "audit.tail";
    public static final String AUDIT_VERIFY = "audit.verify";
    public static final String UNDO_APPLY = "undo.apply";
    public static final String UNDO_LIST = "undo.list";
    public static final String POLICY_CHECK = "policy.check";
    public static final String POLICY_SHOW = "policy.show";
    public static final String POLICY_SUGGEST = "policy.suggest";
    public static final String LEASE_GRANT = "lease.grant";
    public static final String LEASE_REVOKE = "lease.revoke";
    public static final String LEASE_LIST = "lease.list";
    /** notification from daemon to client while a request runs. */
    public static final String PROGRESS = "progress";
    /** notification from client to daemon asking to cancel a running request. */
    public static final String CANCEL = "cancel";

    private Methods() {
    }
}
