package dev.llmos.planner;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * the machine the eval sets are written for, described rather than read, so that a plan does not
 * depend on what the machine running the tests has installed: a debian server with a desktop session
 * where alice works in /home/alice/project.
 */
final class FixtureMachine implements Machine {
    static final FixtureMachine INSTANCE = new FixtureMachine();

    private static final List<String> UNITS = List.of("apache2.service", "bluetooth.service", "cron.service",
            "cups.service", "dbus.service", "docker.service", "docker.socket", "getty@.service", "mysql.service",
            "networking.service", "nginx.service", "postgresql.service", "rsyslog.service", "ssh.service",
            "ssh.socket", "systemd-journald.service", "systemd-timesyncd.service", "ufw.service", "apt-daily.timer",
            "logrotate.timer", "multi-user.target", "graphical.target", "NetworkManager.service", "cron.timer");
    private static final Set<String> INSTALLED = Set.of("apache2", "bash", "coreutils", "cron", "curl", "docker.io",
            "git", "htop", "mysql-server", "nginx", "openssh-server", "postgresql", "python3", "rsyslog", "ufw", "vim");
    private static final Set<String> AVAILABLE = Set.of("cowsay", "emacs", "ffmpeg", "gimp", "jq", "neovim", "tree",
            "tmux", "zsh", "wget", "nodejs", "golang", "redis-server", "iotop", "python3-venv");
    private static final Map<String, Path> HOMES = Map.of("root", Path.of("/root"), "alice", Path.of("/home/alice"),
            "bob", Path.of("/home/bob"), "www-data", Path.of("/var/www"), "postgres", Path.of("/var/lib/postgresql"),
            "nobody", Path.of("/nonexistent"));
    private static final Set<String> PROGRAMS = Set.of("bash", "cat", "date", "df", "du", "echo", "free", "git",
            "grep", "hostname", "id", "ls", "make", "mkdir", "ps", "python3", "sh", "sleep", "tar", "top", "touch",
            "uname", "uptime", "whoami", "curl", "htop", "vim", "nginx", "systemctl", "journalctl");
    private static final Set<Path> DIRECTORIES = Set.of(Path.of("/"), Path.of("/tmp"), Path.of("/opt"),
            Path.of("/srv"), Path.of("/srv/www"), Path.of("/srv/backups"), Path.of("/var"), Path.of("/var/log"),
            Path.of("/var/tmp"), Path.of("/root"), Path.of("/home"), Path.of("/home/alice"),
            Path.of("/home/alice/project"), Path.of("/home/alice/Documents"), Path.of("/home/alice/Downloads"),
            Path.of("/home/alice/project/build"), Path.of("/home/alice/project/docs"), Path.of("/tmp/x"), Path.of("/tmp/build"),
            Path.of("/etc"), Path.of("/usr/local/bin"));

    private static final Map<String, String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toUnmodifiableMap(id -> id.toLowerCase(Locale.ROOT), id -> id));

    private FixtureMachine() {
    }

    @Override
    public List<String> units() {
        return UNITS;
    }

    @Override
    public boolean packageInstalled(String name) {
        return INSTALLED.contains(name);
    }

    @Override
    public Optional<Boolean> packageAvailable(String name) {
        return Optional.of(INSTALLED.contains(name) || AVAILABLE.contains(name));
    }

    @Override
    public Optional<Path> home(String user) {
        return Optional.ofNullable(HOMES.get(user));
    }

    @Override
    public boolean program(String name) {
        return PROGRAMS.contains(name);
    }

    @Override
    public Optional<String> zone(String text) {
        return Optional.ofNullable(ZONES.get(text.toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean isDirectory(Path path) {
        return DIRECTORIES.contains(path);
    }
}
