package dev.llmos.audit;

import dev.llmos.action.Caller;
import java.util.Objects;

/**
 * who made the request, as recorded.
 *
 * @param uid the caller's user id (from so_peercred)
 * @param user the caller's user name
 * @param pid the calling process, 0 when unknown
 */
public record AuditCaller(int uid, String user, long pid) {
    public AuditCaller {
        Objects.requireNonNull(user, "user");
    }

    public static AuditCaller of(Caller caller) {
        return new AuditCaller(caller.uid(), caller.user(), caller.pid());
    }
}
