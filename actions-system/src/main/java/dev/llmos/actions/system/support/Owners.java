package dev.llmos.actions.system.support;

import dev.llmos.posix.Posix;
import java.util.HashMap;
import java.util.Map;

/**
 * user and group names of ids, looked up once each. make one per action call: names can change
 * between calls, and one instance is not shared between threads. internal to this module.
 */
public final class Owners {
    private final Map<Integer, String> users = new HashMap<>();
    private final Map<Integer, String> groups = new HashMap<>();

    /** the user name of {@code uid}, or the uid as text when it has none. */
    public String user(int uid) {
        return users.computeIfAbsent(uid, id -> Posix.passwd(id).map(Posix.Passwd::name).orElse(Integer.toString(id)));
    }

    /** the group name of {@code gid}, or the gid as text when it has none. */
    public String group(int gid) {
        return groups.computeIfAbsent(gid, id -> Posix.groupName(id).orElse(Integer.toString(id)));
    }
}
