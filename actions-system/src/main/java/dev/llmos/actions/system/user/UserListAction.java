package dev.llmos.actions.system.user;

import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code user.list}: the accounts in /etc/passwd and who is logged in now (/run/utmp). accounts that only a
 * network directory (ldap, sssd) knows are not listed.
 */
public final class UserListAction implements Action<UserListAction.Params> {
    /** shells that mean the account cannot log in. */
    private static final Set<String> NO_LOGIN = Set.of("/usr/sbin/nologin", "/sbin/nologin", "/bin/false",
            "/usr/bin/false", "");

    private final Path passwd;
    private final Path utmp;

    /** {@code user.list} takes no params. */
    public record Params() {
    }

    /**
     * an account.
     *
     * @param login true when its shell lets it log in
     * @param system true for the accounts of services (uid below 1000, or nobody)
     */
    public record Account(String name, int uid, int gid, String home, String shell, boolean login, boolean system) {
    }

    /** the accounts, and the sessions of people logged in now. */
    public record Users(List<Account> accounts, List<Utmp.Session> loggedIn) {
    }

    public UserListAction() {
        this(Path.of("/etc/passwd"), Path.of("/run/utmp"));
    }

    UserListAction(Path passwd, Path utmp) {
        this.passwd = passwd;
        this.utmp = utmp;
    }

    @Override
    public String name() {
        return "user.list";
    }

    @Override
    public String description() {
        return "list the user accounts on this machine (uid, home, shell, whether they can log in) and who is "
                + "logged in now";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "list users",
                "which users exist on this machine",
                "show all user accounts",
                "who is logged in",
                "who are the current users",
                "who else is on this server right now",
                "list the accounts that can log in",
                "how many users are there",
                "cat /etc/passwd users",
                "show logged in users and their terminals",
                "is there a user called deploy",
                "who is online");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Users execute(Params params, ActionContext context) throws ActionException {
        List<Account> accounts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] fields = line.split(":", -1);
                if (fields.length < 7 || line.startsWith("#") || !fields[2].matches("\\d{1,10}")
                        || !fields[3].matches("\\d{1,10}")) {
                    continue;
                }
                int uid = (int) Long.parseLong(fields[2]);
                accounts.add(new Account(fields[0], uid, (int) Long.parseLong(fields[3]), fields[5], fields[6],
                        !NO_LOGIN.contains(fields[6]), uid < 1000 || fields[0].equals("nobody")));
            }
        } catch (IOException e) {
            throw ActionException.at(passwd.toString(), e);
        }
        List<Utmp.Session> sessions;
        try {
            sessions = Utmp.sessions(Files.readAllBytes(utmp));
        } catch (NoSuchFileException e) {
            sessions = List.of();
        } catch (IOException e) {
            throw ActionException.at(utmp.toString(), e);
        }
        return new Users(accounts, sessions);
    }
}
