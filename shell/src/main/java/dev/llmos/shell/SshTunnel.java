package dev.llmos.shell;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * the connection to a remote llm-osd: one openssh master per target ({@code ControlMaster}), kept
 * for {@value #PERSIST_S} s after its last use ({@code ControlPersist}), that forwards a local unix
 * socket to the daemon's socket on the host ({@code -L local.sock:/run/llm-osd/llm-osd.sock}).
 * sshd connects to the daemon as the logged-in user, so the daemon's {@code SO_PEERCRED} is that
 * user: policy, confirmation, audit and undo are the remote machine's own. a warm command is a
 * connect to the local socket and nothing else: no ssh process, no handshake.
 *
 * <p>the files live in a directory only this user can enter ({@code $XDG_RUNTIME_DIR/llmsh/ssh},
 * else {@code /tmp/llmsh-UID/ssh}), checked on every use: whoever can connect to the forwarded
 * socket acts as the remote user, exactly as whoever can use the master's control socket.
 */
final class SshTunnel {
    /** how long the master stays after its last forwarded connection closed, seconds. */
    static final int PERSIST_S = 600;
    /** how long ssh may take to connect and finish its handshake, unless the user's ssh options say otherwise. */
    static final int CONNECT_TIMEOUT_S = 15;
    /** the most bytes of a unix socket path (sun_path, with its terminating nul). */
    private static final int SUN_PATH = 107;

    private final SshTarget target;
    private final Path dir;

    SshTunnel(SshTarget target, Map<String, String> env) {
        this.target = target;
        this.dir = controlDir(env);
    }

    SshTarget target() {
        return target;
    }

    /** where this user's connection files are: a private directory under the runtime dir, else under /tmp. */
    static Path controlDir(Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && runtime.startsWith("/")) {
            return Path.of(runtime, "llmsh", "ssh");
        }
        return Path.of("/tmp", "llmsh-" + uid(), "ssh");
    }

    /**
     * this process's uid, as the owner of {@code /proc/self}: a file attribute, where a call into libc
     * through the foreign function api would cost a warm remote command a third of its time (the
     * linker's classes are not in llmsh's aot cache).
     */
    static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read /proc/self: " + e.getMessage(), e);
        }
    }

    /** the local end of the forwarding. */
    Path socket() {
        return dir.resolve(target.key() + ".sock");
    }

    /** the master's control socket. */
    Path control() {
        return dir.resolve(target.key() + ".ctl");
    }

    private Path file(String suffix) {
        return dir.resolve(target.key() + suffix);
    }

    /** a connection to the remote daemon, through the running master or a new one. */
    DaemonClient connect() throws CliException {
        ensurePrivate();
        String peer = "the daemon on " + target.label();
        try {
            return DaemonClient.connect(socket(), peer, hint());
        } catch (IOException e) {
            // no master yet, or it ended (idle, or the network went): start one
        }
        try (FileChannel lockFile = FileChannel.open(file(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            try {
                // another llmsh may have started it while this one waited
                return DaemonClient.connect(socket(), peer, hint());
            } catch (IOException e) {
                startMaster();
            }
            try {
                return DaemonClient.connect(socket(), peer, hint());
            } catch (IOException e) {
                throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "ssh to " + target.label()
                        + " started, but its forwarded socket " + socket() + " does not answer: " + e.getMessage());
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "cannot lock " + file(".lock") + ": " + e.getMessage());
        }
    }

    /** what to say when the remote end closes a connection it just accepted. */
    private String hint() {
        return "no llm-osd answers at " + target.remoteSocket() + " on " + target.label()
                + " (is llm-os installed there and llm-osd.socket enabled? sshd must allow stream-local forwarding)";
    }

    private void startMaster() throws CliException, IOException {
        if (Files.exists(control(), LinkOption.NOFOLLOW_LINKS)) {
            // a master whose forwarding is gone (its socket was removed): end it, then start afresh
            run(exitArgv(target, control()), file(".err"));
        }
        Files.deleteIfExists(file(".home"));
        Path err = file(".err");
        int exit = run(masterArgv(target, control(), socket()), err);
        if (exit != 0) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "cannot reach " + target.label() + " through ssh (exit "
                    + exit + ")" + tail(err));
        }
    }

    /**
     * the user's home directory on the host, where ssh sessions start: what {@code ~} and relative
     * paths mean there. asked once per master ({@code pwd} over it) and remembered beside it.
     */
    String home() throws CliException {
        Path cached = file(".home");
        try {
            if (Files.isRegularFile(cached, LinkOption.NOFOLLOW_LINKS)) {
                String home = Files.readString(cached).strip();
                if (home.startsWith("/")) {
                    return home;
                }
            }
        } catch (IOException e) {
            // ask again
        }
        connect().close();
        String home = null;
        try {
            Process process = new ProcessBuilder(execArgv(target, control(), List.of("pwd")))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() == 0) {
                for (String line : output.split("\n")) {
                    if (line.startsWith("/") && SshTarget.forwardable(line)) {
                        home = line;
                    }
                }
            }
            if (home != null) {
                Files.writeString(cached, home + "\n");
            }
        } catch (IOException e) {
            home = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (home == null) {
            throw new CliException(ExitCodes.USAGE, "cannot learn your home directory on " + target.label()
                    + " (ssh ... pwd failed there), so ~ and relative paths mean nothing; give absolute paths");
        }
        return home;
    }

    /**
     * the master: backgrounds once authenticated and forwarding ({@code -f} with
     * {@code ExitOnForwardFailure}), runs no command, owns the control socket. options the user gave
     * in the ssh command come first, so they win over these defaults (ssh keeps the first value).
     */
    static List<String> masterArgv(SshTarget target, Path control, Path local) {
        List<String> argv = new ArrayList<>(target.ssh());
        argv.addAll(List.of("-f", "-N",
                "-o", "ConnectTimeout=" + CONNECT_TIMEOUT_S,
                "-o", "ControlMaster=yes",
                "-o", "ControlPath=" + control,
                "-o", "ControlPersist=" + PERSIST_S,
                "-o", "ExitOnForwardFailure=yes",
                "-o", "StreamLocalBindUnlink=yes",
                "-o", "StreamLocalBindMask=0177",
                "-L", local + ":" + target.remoteSocket(),
                "--", target.destination()));
        return argv;
    }

    /** a command run over the master (a fresh connection if there is none). */
    static List<String> execArgv(SshTarget target, Path control, List<String> command) {
        List<String> argv = new ArrayList<>(target.ssh());
        argv.addAll(List.of("-T", "-o", "ControlMaster=no", "-o", "ControlPath=" + control, "--", target.destination()));
        argv.addAll(command);
        return argv;
    }

    /** asks the master to exit. */
    static List<String> exitArgv(SshTarget target, Path control) {
        List<String> argv = new ArrayList<>(target.ssh());
        argv.addAll(List.of("-o", "ControlPath=" + control, "-O", "exit", "--", target.destination()));
        return argv;
    }

    private static int run(List<String> argv, Path log) throws CliException {
        try {
            Process process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(log.toFile())
                    .redirectErrorStream(true)
                    .start();
            return process.waitFor();
        } catch (IOException e) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "cannot run " + argv.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "interrupted while connecting");
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> kept = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return kept.isEmpty() ? "" : ":\n" + dev.llmos.shell.render.Escapes.block(String.join("\n", kept));
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * makes the directory (0700) when missing and checks it is this user's alone: owned by this uid,
     * a directory and not a link, no access for group or others. a directory someone else made
     * under /tmp would otherwise hand them our requests.
     */
    private void ensurePrivate() throws CliException {
        Path top = dir.getParent();
        for (Path each : List.of(top, dir)) {
            try {
                if (!Files.exists(each, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(each.getParent());
                    try {
                        Files.createDirectory(each, PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwx------")));
                    } catch (java.nio.file.FileAlreadyExistsException e) {
                        // made at the same moment by another llmsh (or a fleet run's other host): checked below
                    }
                }
                int owner = (Integer) Files.getAttribute(each, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) Files.getAttribute(each, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                if (!Files.isDirectory(each, LinkOption.NOFOLLOW_LINKS) || owner != uid() || (mode & 077) != 0) {
                    throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, each + " must be a directory of yours that "
                            + "nobody else can enter (owner uid " + owner + ", mode " + Integer.toOctalString(mode & 07777)
                            + "); remove it, or set XDG_RUNTIME_DIR");
                }
            } catch (IOException e) {
                throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "cannot make " + each + ": " + e.getMessage());
            }
        }
        if (socket().toString().getBytes(StandardCharsets.UTF_8).length > SUN_PATH) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "the forwarded socket's path " + socket()
                    + " is too long for a unix socket; set XDG_RUNTIME_DIR to a shorter directory");
        }
    }
}
