package dev.llmos.actions.system.user;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Caller;
import dev.llmos.action.Risk;
import dev.llmos.posix.Posix;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code user.info}: who a user is: name, uid, primary group, groups, home and shell. without a name, the
 * caller as the kernel identified them (their groups are the ones the daemon saw, not the database's).
 */
public final class UserInfoAction implements Action<UserInfoAction.Params> {
    /**
     * params of {@code user.info}.
     *
     * @param name the user to describe; the caller when absent
     */
    public record Params(
            @Size(max = 32) @Pattern(regexp = "^[A-Za-z_][A-Za-z0-9_.-]{0,30}[$]?$")
            @JsonPropertyDescription("the user name to describe; without it, you") String name) {
    }

    /** a group: id and name (null when the group database has none). */
    public record Group(int gid, String name) {
    }

    /**
     * a user.
     *
     * @param you true when this is the caller
     */
    public record Info(String user, int uid, Group primaryGroup, List<Group> groups, String home, String shell,
            boolean you) {
    }

    @Override
    public String name() {
        return "user.info";
    }

    @Override
    public String description() {
        return "show who a user is (you by default): user name, uid, primary group, all groups, home and shell";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "who am i",
                "whoami",
                "what is my user name",
                "which user am i logged in as",
                "what's my uid",
                "which groups am i in",
                "show my user id and groups",
                "id",
                "what groups does bob belong to",
                "show the uid of user postgres",
                "am i root",
                "what is my home directory and shell",
                "show the identity of the current user",
                "what name do i go by here",
                "tell me my name",
                "what am i called on this machine",
                "show the properties of a specific user",
                "show the group memberships of the current user");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Info execute(Params params, ActionContext context) throws ActionException {
        Caller caller = context.caller();
        Posix.Passwd entry = (params.name() == null ? Posix.passwd(caller.uid()) : Posix.passwd(params.name()))
                .orElseThrow(() -> new ActionException(params.name() == null
                        ? "uid " + caller.uid() + " has no entry in the user database"
                        : "no such user: " + params.name()));
        boolean you = entry.uid() == caller.uid();
        List<Group> groups = new ArrayList<>();
        if (you) {
            caller.groups().stream().sorted().forEach(gid -> groups.add(group(gid)));
        } else {
            for (int gid : Posix.groupList(entry.name(), entry.gid())) {
                groups.add(group(gid));
            }
        }
        return new Info(entry.name(), entry.uid(), group(you ? caller.gid() : entry.gid()), groups, entry.home(),
                entry.shell(), you);
    }

    private static Group group(int gid) {
        return new Group(gid, Posix.groupName(gid).orElse(null));
    }
}
