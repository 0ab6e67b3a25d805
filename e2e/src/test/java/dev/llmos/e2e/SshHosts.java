package dev.llmos.e2e;

import dev.llmos.action.testkit.TestUsers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * real openssh servers on loopback, each its own "host": its own port, and its own mount namespace
 * where a private tmpfs covers {@code shared} (what one host writes there the others do not see;
 * the test reads each host's view through {@code /proc/PID/root}). one client key, authorized for
 * the given users; host keys are not checked (the servers are throwaway). {@link #close} ends every
 * ssh master the tests left under the runtime directory, then the servers and their namespaces.
 */
final class SshHosts implements AutoCloseable {
    /** one server: its port and the process holding its mount namespace. */
    record Host(int port, Process holder, Process sshd) {
        /** how this host's private directory looks from here. */
        Path view(Path shared) {
            return Path.of("/proc/" + holder.pid() + "/root" + shared);
        }
    }

    final Path dir;
    final Path key;
    final Path runtime;
    final Path shared;
    final List<Host> hosts = new ArrayList<>();

    private SshHosts(Path dir, Path shared) {
        this.dir = dir;
        this.key = dir.resolve("client_key");
        this.runtime = dir.resolve("run");
        this.shared = shared;
    }

    /** starts {@code count} servers that let {@code users} (and root) log in with {@link #key}. */
    static SshHosts start(int count, Path shared, List<TestUsers.User> users) throws IOException, InterruptedException {
        // enterable by everyone: sshd reads each user's authorized keys as that user (the client key itself is 0600)
        Path dir = Distribution.publicTempDir("llmos-ssh");
        SshHosts servers = new SshHosts(dir, shared);
        try {
            servers.setUp(users);
            for (int i = 0; i < count; i++) {
                servers.hosts.add(servers.startOne(i));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            servers.close();
            throw e;
        }
        return servers;
    }

    private void setUp(List<TestUsers.User> users) throws IOException, InterruptedException {
        Files.createDirectories(runtime);
        Files.createDirectories(dir.resolve("keys"));
        Files.createDirectories(shared);
        Files.createDirectories(Path.of("/run/sshd"));
        check(Run.of(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString())));
        check(Run.of(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())));
        String pub = Files.readString(Path.of(key + ".pub"));
        Files.writeString(dir.resolve("keys/root"), pub);
        for (TestUsers.User user : users) {
            Files.writeString(dir.resolve("keys/" + user.name()), pub);
            // useradd leaves the account locked ('!'), which sshd refuses even for a key; '*' has no password either
            check(Run.of(List.of("usermod", "-p", "*", user.name())));
        }
    }

    private Host startOne(int index) throws IOException, InterruptedException {
        int port = freePort();
        Path config = dir.resolve("sshd_config" + index);
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "PidFile none",
                "AuthorizedKeysFile " + dir.resolve("keys") + "/%u",
                "StrictModes no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "AllowStreamLocalForwarding yes",
                "Subsystem sftp internal-sftp",
                "MaxStartups 50",
                "") + "\n");
        Process holder = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sleep", "infinity")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String target = Long.toString(holder.pid());
        awaitNamespace(holder);
        check(Run.of(List.of("nsenter", "-t", target, "-m", "mount", "-t", "tmpfs", "-o", "mode=0755", "tmpfs",
                shared.toString())));
        Process sshd = new ProcessBuilder("nsenter", "-t", target, "-m", "/usr/sbin/sshd", "-D", "-e", "-f",
                config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd" + index + ".log").toFile()).start();
        Host host = new Host(port, holder, sshd);
        hosts.add(host);
        awaitPort(port, sshd);
        hosts.remove(host);
        return host;
    }

    /** the unshared sleep is running once its mount namespace differs from ours. */
    private static void awaitNamespace(Process holder) throws IOException, InterruptedException {
        Path ours = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                if (!Files.readSymbolicLink(Path.of("/proc/" + holder.pid() + "/ns/mnt")).equals(ours)) {
                    return;
                }
            } catch (IOException e) {
                // not there yet
            }
            Thread.sleep(10);
        }
        throw new IOException("unshare -m did not start");
    }

    private static void awaitPort(int port, Process sshd) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                throw new IOException("sshd exited with " + sshd.exitValue());
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IOException("sshd did not listen on " + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void check(Run run) throws IOException {
        if (run.exit() != 0) {
            throw new IOException("setting up sshd failed: " + run);
        }
    }

    /** the ssh command llmsh and ansible use: this key, no host key checks, never a prompt. */
    String sshCommand() {
        return "ssh -i " + key + " " + String.join(" ", sshOptions());
    }

    /** the options of {@link #sshCommand} after the key. */
    static List<String> sshOptions() {
        return List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "LogLevel=ERROR");
    }

    /** {@code ssh://user@127.0.0.1:PORT} for host {@code index}. */
    String destination(int index, String user) {
        return "ssh://" + user + "@127.0.0.1:" + hosts.get(index).port();
    }

    /** the environment llmsh runs with to reach these hosts: the ssh command and a private runtime dir. */
    Map<String, String> env() {
        return Map.of("LLMOS_SSH_COMMAND", sshCommand(), "XDG_RUNTIME_DIR", runtime.toString());
    }

    /**
     * ends every ssh master under the runtime dir ({@code ssh -O exit} on each socket there): llmsh's
     * and ansible's (its control path dir is put there) outlive the commands by design.
     */
    void endMasters() throws IOException, InterruptedException {
        try (var files = Files.walk(runtime)) {
            // control sockets only: llmsh's *.ctl and ansible's under cp/; the forwarded *.sock lead to a daemon
            for (Path control : files.filter(f -> f.toString().endsWith(".ctl")
                    || (f.getParent().equals(runtime.resolve("cp")) && !Files.isDirectory(f))).toList()) {
                Run.of(List.of("ssh", "-o", "ControlPath=" + control, "-O", "exit", "unused"));
            }
        }
    }

    /** an inventory line for host {@code index} as root, with ansible's own variables. */
    String inventoryLine(String name, int port) {
        return name + " ansible_host=127.0.0.1 ansible_port=" + port + " ansible_user=root"
                + " ansible_ssh_private_key_file=" + key + " ansible_python_interpreter=/usr/bin/python3"
                + " ansible_ssh_common_args='" + String.join(" ", sshOptions()) + "'";
    }

    /** the environment ansible runs with: its state and control sockets under this test's dirs. */
    Map<String, String> ansibleEnv() {
        return Map.of("ANSIBLE_HOME", dir.resolve("ansible").toString(),
                "ANSIBLE_LOCAL_TEMP", dir.resolve("ansible/tmp").toString(),
                "ANSIBLE_SSH_CONTROL_PATH_DIR", runtime.resolve("cp").toString(),
                "ANSIBLE_HOST_KEY_CHECKING", "False",
                "ANSIBLE_PIPELINING", "True",
                "ANSIBLE_NOCOLOR", "1");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        endMasters();
        for (Host host : hosts) {
            for (Process process : List.of(host.sshd(), host.holder())) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
