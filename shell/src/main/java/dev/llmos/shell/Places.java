package dev.llmos.shell;

import dev.llmos.posix.Posix;
import java.nio.file.Path;
import java.util.Map;

/**
 * what {@code ~}, {@code ~user} and a relative path mean for the daemon llmsh talks to: on this
 * machine the current directory and the user database; on a remote host the ssh user's home there
 * (where an ssh session starts), and {@code ~user} is not known.
 */
interface Places {
    /** the directory relative paths are under. */
    Path cwd() throws CliException;

    /** what {@code ~} is. */
    String home() throws CliException;

    /** what {@code ~user} is; a usage error when there is no such user. */
    String homeOf(String user) throws CliException;

    /** this machine: the working directory {@code cwd}, {@code $HOME}, the user database. */
    static Places local(Path cwd, Map<String, String> env) {
        return new Places() {
            @Override
            public Path cwd() {
                return cwd;
            }

            @Override
            public String home() {
                String home = env.get("HOME");
                return home != null && home.startsWith("/") ? home : System.getProperty("user.home");
            }

            @Override
            public String homeOf(String user) throws CliException {
                return Posix.passwd(user).map(Posix.Passwd::home)
                        .orElseThrow(() -> new CliException(ExitCodes.USAGE, "no such user for ~" + user));
            }
        };
    }

    /** a remote host: its home, asked once per connection. */
    static Places remote(SshTunnel tunnel) {
        return new Places() {
            @Override
            public Path cwd() throws CliException {
                return Path.of(tunnel.home());
            }

            @Override
            public String home() throws CliException {
                return tunnel.home();
            }

            @Override
            public String homeOf(String user) throws CliException {
                throw new CliException(ExitCodes.USAGE, "~" + user + " names a home on " + tunnel.target().label()
                        + ", which llmsh cannot look up from here; give the absolute path");
            }
        };
    }
}
