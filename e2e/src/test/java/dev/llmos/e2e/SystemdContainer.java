package dev.llmos.e2e;

import dev.llmos.posix.Posix;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * a real systemd for the e2e tests: one container booted with systemd-nspawn over this machine's
 * own /usr (tmpfs root, {@code --volatile=yes}), shared by every test of the jvm, started on first
 * use and killed by a shutdown hook. the project directory is bind-mounted read-only at the same
 * path, so the container runs the packaged distribution under test; the jdk comes with /usr.
 *
 * <p>{@link #installDaemon} installs llm-os into it the way install.sh does (launchers under
 * /opt/llm-os/bin, the jars, the shipped systemd units verbatim, the llmsh start-up cache), with a
 * drop-in that points {@code ExecStart} at that prefix, and starts {@code llm-osd.socket}.
 */
final class SystemdContainer {
    /** the prefix llm-os is installed under inside the container (install.sh's /usr/lib/llm-os is read-only there). */
    static final String PREFIX = "/opt/llm-os";
    /** the system socket, as llm-osd.socket declares it. */
    static final String SOCKET = "/run/llm-osd/llm-osd.sock";
    /** how long the daemon stays up without connections, in the drop-in. */
    static final int IDLE_EXIT_S = 5;
    /** the clean environment commands run with inside the container. */
    private static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** the project checkout under test: three levels above this class's {@code e2e/target/test-classes}. */
    static final Path PROJECT = project();

    private static SystemdContainer shared;

    /** a user inside the container (its own /etc/passwd). */
    record User(String name, int uid, int gid) {
        String home() {
            return "/home/" + name;
        }
    }

    final String machine;
    final Process nspawn;
    final long leader;
    final Duration bootTime;
    final Path console;
    /** the overlay's upper layer of a {@link #bootOverlay} container, as the nspawn process sees it; null otherwise. */
    private final Path upper;
    private boolean installed;

    private SystemdContainer(String machine, Process nspawn, long leader, Duration bootTime, Path console, Path upper) {
        this.machine = machine;
        this.nspawn = nspawn;
        this.leader = leader;
        this.bootTime = bootTime;
        this.console = console;
        this.upper = upper;
    }

    /** why the container cannot run here, or empty when it can: the only reasons to skip. */
    static Optional<String> unavailable() {
        if (Posix.getuid() != 0) {
            return Optional.of("booting a systemd container needs root");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/systemd-nspawn"))) {
            return Optional.of("needs systemd-nspawn (apt-get install systemd-container)");
        }
        return Optional.empty();
    }

    /** the shared container, booted on first call; a boot failure fails the caller's tests. */
    static synchronized SystemdContainer get() throws IOException, InterruptedException {
        if (shared == null) {
            shared = boot();
            SystemdContainer container = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "systemd-container-stop"));
        }
        return shared;
    }

    private static Path project() {
        try {
            Path classes = Path.of(SystemdContainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent().getParent().toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SystemdContainer boot() throws IOException, InterruptedException {
        if (!Files.isExecutable(PROJECT.resolve("bin/llm-osd")) || !Files.isDirectory(PROJECT.resolve("packaging/target/lib"))) {
            throw new IOException("no packaged distribution under " + PROJECT + " (bin/llm-osd, packaging/target/lib)");
        }
        String machine = "llmos-e2e-" + ProcessHandle.current().pid();
        List<String> argv = new ArrayList<>(List.of("systemd-nspawn", "-D", "/", "--volatile=yes", "--boot", "-q",
                "--register=no", "--keep-unit", "--machine=" + machine, "--bind-ro=" + PROJECT));
        Path javaHome = Path.of(System.getProperty("java.home"));
        if (!javaHome.startsWith("/usr")) {
            argv.add("--bind-ro=" + javaHome);
        }
        // pam's configuration, so user@.service can open a session: user service managers then run
        for (String pam : List.of("/etc/pam.d", "/etc/security")) {
            if (Files.isDirectory(Path.of(pam))) {
                argv.add("--bind-ro=" + pam);
            }
        }
        // the kernel's log, so the container's journald reads kernel messages (journalctl -k): nspawn
        // hides /dev/kmsg and drops cap_syslog, which reading it needs when kernel.dmesg_restrict is 1
        if (Files.exists(Path.of("/dev/kmsg"))) {
            argv.addAll(List.of("--bind=/dev/kmsg", "--capability=CAP_SYSLOG"));
        }
        argv.addAll(List.of("--", "systemd.firstboot=off"));
        return boot(machine, argv, null);
    }

    /**
     * a container of its own (not the shared one) whose whole root is this machine's root file
     * system under a writable overlay (upper layer in a tmpfs of {@code size}, e.g. {@code "4G"}),
     * so packages install into its /usr, /etc and /var with this machine's dpkg database, and
     * everything is gone when it stops. the mounts live in a private mount namespace of the
     * nspawn process, so nothing is left on this machine either. {@code bindRo} are host
     * directories made visible at the same path. the caller stops it.
     */
    static SystemdContainer bootOverlay(String name, String size, List<Path> bindRo) throws IOException, InterruptedException {
        String machine = name + "-" + ProcessHandle.current().pid();
        Path base = Files.createTempDirectory("llmos-e2e-overlay");
        StringBuilder script = new StringBuilder("set -e; b=\"$1\"; shift; mkdir -p \"$b/lower\" \"$b/layers\" \"$b/root\"; ")
                .append("mount --bind / \"$b/lower\"; mount -t tmpfs -o size=").append(size).append(" tmpfs \"$b/layers\"; ")
                .append("mkdir \"$b/layers/upper\" \"$b/layers/work\"; ")
                .append("mount -t overlay overlay -o \"lowerdir=$b/lower,upperdir=$b/layers/upper,workdir=$b/layers/work\" \"$b/root\"; ")
                .append("exec \"$@\"");
        List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
                script.toString(), "overlay", base.toString(), "systemd-nspawn", "-D", base.resolve("root").toString(), "--boot",
                "-q", "--register=no", "--keep-unit", "--machine=" + machine));
        for (Path dir : bindRo) {
            argv.add("--bind-ro=" + dir);
        }
        argv.addAll(List.of("--", "systemd.firstboot=off"));
        return boot(machine, argv, base.resolve("layers/upper"));
    }

    private static SystemdContainer boot(String machine, List<String> argv, Path upper) throws IOException, InterruptedException {
        Path console = Files.createTempFile("llmos-e2e-nspawn", ".log");
        long start = System.nanoTime();
        Process nspawn = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(console.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        long leader = awaitLeader(nspawn, console);
        SystemdContainer container = new SystemdContainer(machine, nspawn, leader, Duration.ZERO, console, upper);
        long deadline = start + TimeUnit.SECONDS.toNanos(120);
        String state = "";
        while (System.nanoTime() < deadline) {
            if (!nspawn.isAlive()) {
                throw new IOException("systemd-nspawn exited with " + nspawn.exitValue() + ":\n" + Files.readString(console));
            }
            state = container.run("systemctl", "is-system-running").out().strip();
            if (state.equals("running") || state.equals("degraded")) {
                Duration boot = Duration.ofNanos(System.nanoTime() - start);
                System.err.println("systemd container " + machine + " booted in " + boot.toMillis() + " ms (" + state + ")");
                return new SystemdContainer(machine, nspawn, leader, boot, console, upper);
            }
            Thread.sleep(100);
        }
        container.stop();
        throw new IOException("the container's systemd did not finish booting in 120 s (state: " + state + "):\n"
                + Files.readString(console));
    }

    /** the container's pid 1 (its systemd), as a pid of this namespace. */
    private static long awaitLeader(Process nspawn, Path console) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> systemd = nspawn.toHandle().children()
                    .filter(child -> child.info().command().orElse("").endsWith("/systemd"))
                    .findFirst();
            if (systemd.isPresent()) {
                return systemd.get().pid();
            }
            if (!nspawn.isAlive()) {
                throw new IOException("systemd-nspawn exited with " + nspawn.exitValue() + ":\n" + Files.readString(console));
            }
            Thread.sleep(20);
        }
        throw new IOException("systemd-nspawn started no systemd within 30 s:\n" + Files.readString(console));
    }

    /** kills the container: its pid 1 first (which ends every process in it), then nspawn. */
    void stop() {
        ProcessHandle.of(leader).ifPresent(ProcessHandle::destroyForcibly);
        try {
            if (!nspawn.waitFor(15, TimeUnit.SECONDS)) {
                nspawn.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * every path a {@link #bootOverlay} container wrote: its overlay's upper layer (made, changed,
     * or deleted there). changes others make to this machine's root while it runs are not in it.
     */
    Set<String> written() throws IOException, InterruptedException {
        if (upper == null) {
            throw new IllegalStateException("only an overlay container has a layer of its own");
        }
        Run find = exec(List.of("nsenter", "-t", Long.toString(nspawn.pid()), "-m", "find", upper.toString(), "-mindepth", "1",
                "-printf", "%y /%P\n"), null);
        if (find.exit() != 0) {
            throw new IOException("find in the overlay's upper layer: " + find);
        }
        return new TreeSet<>(find.out().lines().toList());
    }

    /** argv that runs {@code command} in the container as root, with a clean environment. */
    List<String> inside(List<String> command) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "-t", Long.toString(leader), "-a", "env", "-i", PATH,
                "LANG=C.UTF-8", "HOME=/root", "JAVA_HOME=" + System.getProperty("java.home")));
        argv.addAll(command);
        return argv;
    }

    /** argv that runs {@code command} in the container as {@code user}, with that user's groups. */
    List<String> insideAs(User user, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "-t", Long.toString(leader), "-a", "setpriv",
                "--reuid=" + user.uid(), "--regid=" + user.gid(), "--init-groups", "--", "env", "-i", PATH,
                "LANG=C.UTF-8", "HOME=" + user.home(), "XDG_RUNTIME_DIR=/run/user/" + user.uid(),
                "JAVA_HOME=" + System.getProperty("java.home")));
        argv.addAll(command);
        return argv;
    }

    /** runs a command in the container as root. */
    Run run(String... command) throws IOException, InterruptedException {
        return exec(inside(List.of(command)), null);
    }

    /** runs a command in the container as root and fails unless it exits 0. */
    Run check(String... command) throws IOException, InterruptedException {
        Run run = run(command);
        if (run.exit() != 0) {
            throw new IOException(String.join(" ", command) + " failed in the container: " + run);
        }
        return run;
    }

    /** writes {@code content} to {@code path} in the container (root's, mode 0644), making parents. */
    void write(String path, String content) throws IOException, InterruptedException {
        check("mkdir", "-p", Path.of(path).getParent().toString());
        Run run = exec(inside(List.of("tee", path)), content.getBytes(StandardCharsets.UTF_8));
        if (run.exit() != 0) {
            throw new IOException("cannot write " + path + " in the container: " + run);
        }
        check("chmod", "0644", path);
    }

    /** runs the installed llmsh in the container on the system socket, as {@code user} or, when null, root. */
    Run llmsh(User user, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PREFIX + "/bin/llmsh", "--socket", SOCKET, "--no-autostart"));
        command.addAll(List.of(args));
        return exec(user == null ? inside(command) : insideAs(user, command), null);
    }

    /** a user of the container, created on first use with a home and a group of its own. */
    User user(String name) throws IOException, InterruptedException {
        if (run("id", "-u", name).exit() != 0) {
            check("useradd", "--create-home", "--user-group", "--shell", "/bin/bash", name);
        }
        int uid = Integer.parseInt(check("id", "-u", name).out().strip());
        int gid = Integer.parseInt(check("id", "-g", name).out().strip());
        return new User(name, uid, gid);
    }

    /** a property of a unit, as {@code systemctl show -p NAME --value} prints it. */
    String property(String unit, String name) throws IOException, InterruptedException {
        return check("systemctl", "show", "-p", name, "--value", "--", unit).out().strip();
    }

    /**
     * installs llm-os as install.sh would, under {@link #PREFIX}, and starts llm-osd.socket; once
     * per container. the units are the shipped ones; a drop-in moves {@code ExecStart} to the
     * prefix, shortens the idle exit and names the policy file.
     */
    synchronized void installDaemon() throws IOException, InterruptedException {
        if (installed) {
            return;
        }
        Path dist = PROJECT.resolve("packaging/src/main/dist/systemd/system");
        check("install", "-d", "-m", "0755", PREFIX + "/bin", "/var/cache/llm-os", "/etc/llm-os/policy.d");
        check("install", "-m", "0755", PROJECT.resolve("bin/llmsh").toString(), PROJECT.resolve("bin/llm-osd").toString(),
                PREFIX + "/bin/");
        check("install", "-m", "0644", PROJECT.resolve("bin/llmos-env.sh").toString(),
                PROJECT.resolve("bin/llmos-java.sh").toString(), PREFIX + "/bin/");
        // the jars stay in the read-only checkout: an installed tree's lib/ is a link to them
        check("ln", "-sfn", PROJECT.resolve("packaging/target/lib").toString(), PREFIX + "/lib");
        check("install", "-m", "0644", dist.resolve("llm-osd.socket").toString(), dist.resolve("llm-osd.service").toString(),
                "/etc/systemd/system/");
        write("/etc/systemd/system/llm-osd.service.d/50-e2e.conf", "[Service]\n"
                + "ExecStart=\n"
                + "ExecStart=" + PREFIX + "/bin/llm-osd --idle-exit " + IDLE_EXIT_S + " --policy /etc/llm-os/policy.toml\n"
                + "Environment=JAVA_HOME=" + System.getProperty("java.home") + "\n");
        write("/etc/llm-os/policy.toml", "# e2e: rules come from policy.d, one file per test class\n");
        check("chmod", "0755", "/etc/llm-os/policy.d");
        // the start-up cache of llmsh, trained against the installed jars, as install.sh does
        check("bash", "-c", ". \"$1\"/bin/llmos-env.sh && llmos_train_aot /var/cache/llm-os/llmsh.aot \"$LLMOS_SHELL_CLASSPATH\"",
                "train", PREFIX);
        check("systemctl", "daemon-reload");
        check("systemctl", "start", "llm-osd.socket");
        installed = true;
    }

    /**
     * replaces the policy drop-in {@code name} and makes the next request start a daemon that has
     * read it (the daemon is stopped; its socket stays and activates a new one).
     */
    void policy(String name, String toml) throws IOException, InterruptedException {
        write("/etc/llm-os/policy.d/" + name + ".toml", toml);
        check("chmod", "0600", "/etc/llm-os/policy.d/" + name + ".toml");
        check("systemctl", "stop", "llm-osd.service");
        check("systemctl", "reset-failed", "llm-osd.service");
    }

    /** runs {@code argv} to completion with {@code stdin} (or nothing) as input. */
    static Run exec(List<String> argv, byte[] stdin) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process = builder.start();
        byte[][] errBytes = new byte[1][];
        Thread errReader = Thread.ofVirtual().start(() -> errBytes[0] = readAll(process.getErrorStream()));
        if (stdin != null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            }
        }
        byte[] outBytes = readAll(process.getInputStream());
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + argv);
        }
        errReader.join();
        return new Run(process.exitValue(), new String(outBytes, StandardCharsets.UTF_8),
                new String(errBytes[0], StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
