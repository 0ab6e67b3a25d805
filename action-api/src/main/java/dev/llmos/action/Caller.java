package dev.llmos.action;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * who asked, as the kernel says (so_peercred), not as the request claims.
 *
 * @param uid the caller's user id
 * @param gid the caller's primary group id
 * @param pid the calling process, 0 when unknown
 * @param user the user name, or the uid as text when it has none
 * @param groups supplementary group ids, including the primary one
 */
public record Caller(int uid, int gid, long pid, String user, List<Integer> groups) {
    public Caller {
        Objects.requireNonNull(user, "user");
        groups = List.copyOf(groups);
    }

    @JsonIgnore
    public boolean isRoot() {
        return uid == 0;
    }
}
