package dev.llmos.actions.packages;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmos.support.Sha256;
import dev.llmos.support.process.ProcessRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * apt and dpkg with nothing of the machine's: packages this fixture builds with dpkg-deb, a flat
 * repository of them served over http on the loopback by this jvm, and a private root with its
 * own sources, lists, download cache, dpkg database, locks and install directory, all named by the
 * {@code -o} options the actions are given ({@link #options}). no mirror, no lock another apt run
 * on the machine could hold, and nothing installed on the system.
 */
final class PrivateApt implements AutoCloseable {
    private final Path dir;
    private final Path repo;
    private final Path root;
    private final HttpServer server;
    private final Map<String, CountDownLatch> held = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> options;

    private PrivateApt(Path dir, Path repo, Path root, HttpServer server, List<String> options) {
        this.dir = dir;
        this.repo = repo;
        this.root = root;
        this.server = server;
        this.options = options;
    }

    /**
     * builds {@code packages} (each a deb822 control stanza as field to value; {@code Package},
     * {@code Version} and {@code Description} at least) into a repository, serves it, and points a
     * private root at it; its package lists are fetched once.
     */
    static PrivateApt start(Path dir, List<Map<String, String>> packages) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        StringBuilder index = new StringBuilder();
        for (Map<String, String> control : packages) {
            index.append(build(dir.resolve("build"), repo, control)).append('\n');
        }
        byte[] packagesFile = index.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(repo.resolve("Packages"), packagesFile);
        Files.writeString(repo.resolve("Release"), "Origin: llm-os tests\nLabel: llm-os tests\nSuite: tests\n"
                + "Date: Sat, 01 Jan 2000 00:00:00 UTC\nSHA256:\n " + Sha256.hex(packagesFile) + " "
                + packagesFile.length + " Packages\n");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Path root = dir.resolve("root");
        PrivateApt apt = new PrivateApt(dir, repo, root, server, options(dir, root));
        server.createContext("/", apt::serve);
        server.start();
        apt.layout();
        apt.aptGet("update");
        return apt;
    }

    /** the options that put every part of apt and dpkg under {@code dir}. */
    private static List<String> options(Path dir, Path root) {
        Path admin = root.resolve("var/lib/dpkg");
        return List.of(
                "Dir::Etc::SourceList=" + dir.resolve("etc/sources.list"),
                "Dir::Etc::SourceParts=" + dir.resolve("etc/sources.list.d"),
                "Dir::Etc::Preferences=" + dir.resolve("etc/preferences"),
                "Dir::Etc::PreferencesParts=" + dir.resolve("etc/preferences.d"),
                "Dir::State::Lists=" + dir.resolve("state/lists"),
                "Dir::State::extended_states=" + dir.resolve("state/extended_states"),
                "Dir::State::status=" + admin.resolve("status"),
                "Dir::Cache=" + dir.resolve("cache"),
                "Dir::Cache::Archives=" + dir.resolve("cache/archives"),
                "Dir::Log=" + dir.resolve("log"),
                "DPkg::Options::=--admindir=" + admin,
                "DPkg::Options::=--instdir=" + root);
    }

    private void layout() throws IOException {
        for (String sub : List.of("etc/sources.list.d", "etc/preferences.d", "state", "log", "root/var/lib/dpkg/info",
                "root/var/lib/dpkg/updates", "root/var/lib/dpkg/triggers")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.createFile(root.resolve("var/lib/dpkg/status"));
        Files.createFile(root.resolve("var/lib/dpkg/available"));
        Files.writeString(dir.resolve("etc/sources.list"), "deb [trusted=yes] " + url() + " ./\n");
        forApt(dir.resolve("state/lists/partial"));
        forApt(dir.resolve("cache/archives/partial"));
    }

    /** a directory apt's unprivileged download methods ({@code _apt}) can write in, with its parents. */
    static Path forApt(Path partial) throws IOException {
        Files.createDirectories(partial);
        try {
            Files.setOwner(partial, FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName("_apt"));
        } catch (IOException e) {
            // no _apt user: apt downloads as root and says so
        }
        return partial.getParent();
    }

    /** the repository's url: {@code http://127.0.0.1:PORT/}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** the {@code -o} options of this root. */
    List<String> options() {
        return options;
    }

    /** these options plus {@code more} (a later one wins). */
    List<String> options(String... more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return all;
    }

    /** installs packages into the private root directly (apt-get, not the actions), as a machine's state. */
    void install(String... names) throws IOException {
        List<String> args = new ArrayList<>(List.of("-y", "-q", "install", "--"));
        args.addAll(List.of(names));
        aptGet(args.toArray(String[]::new));
    }

    /** dpkg's own word on a package: {@code installed 1.0-1}, {@code config-files 1.0-1} or {@code unknown}. */
    String dpkg(String name) throws IOException {
        ProcessRunner.Result result = run(List.of("/usr/bin/dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"),
                "-W", "-f=${db:Status-Status} ${Version}", "--", name));
        String out = result.stdout().text().strip();
        return result.ok() && !out.isEmpty() ? out : "unknown";
    }

    /**
     * makes downloads of {@code file} stall half-way until {@link #release}: apt then sits in its
     * download phase for as long as a test needs, with no clock involved.
     */
    void hold(String file) {
        held.put(file, new CountDownLatch(1));
    }

    /** lets every held download finish. */
    void release() {
        held.values().forEach(CountDownLatch::countDown);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Path file = repo.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            String name = repo.relativize(file).toString();
            if (!file.startsWith(repo) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, bytes.length);
            OutputStream body = exchange.getResponseBody();
            CountDownLatch latch = held.get(name);
            if (latch != null) {
                body.write(bytes, 0, bytes.length / 2);
                body.flush();
                latch.await(5, TimeUnit.MINUTES);
                body.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            } else {
                body.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // apt hung up (a cancelled download): nothing to serve
        }
    }

    private void aptGet(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/apt-get"));
        for (String option : options) {
            argv.add("-o");
            argv.add(option);
        }
        argv.addAll(List.of(args));
        ProcessRunner.Result result = run(argv);
        if (!result.ok()) {
            throw new IOException(String.join(" ", args) + " failed: " + result.stdout().tail() + result.stderr().text());
        }
    }

    private static ProcessRunner.Result run(List<String> argv) throws IOException {
        try {
            return ProcessRunner.of(argv).environment(Apt.environment()).timeout(Duration.ofMinutes(2))
                    .maxStderr(1 << 16).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** builds one package with dpkg-deb; its stanza for the repository's index. */
    private static String build(Path work, Path repo, Map<String, String> fields) throws IOException {
        String name = fields.get("Package");
        String version = fields.get("Version");
        Path tree = Files.createDirectories(work.resolve(name + "_" + version));
        Path data = Files.createDirectories(tree.resolve("usr/share/llmos-test").resolve(name));
        // some content, so that there is something to download and to install
        Files.writeString(data.resolve("README"), (name + " " + version + "\n").repeat(200));
        Map<String, String> control = new LinkedHashMap<>();
        control.put("Package", name);
        control.put("Version", version);
        control.put("Architecture", "all");
        control.put("Maintainer", "llm-os tests <tests@llmos.invalid>");
        control.put("Installed-Size", "8");
        control.put("Section", "misc");
        control.put("Priority", "optional");
        control.putAll(fields);
        Path debian = Files.createDirectories(tree.resolve("DEBIAN"));
        Files.writeString(debian.resolve("control"), stanza(control));
        Path deb = repo.resolve(name + "_" + version + "_all.deb");
        ProcessRunner.Result built = run(List.of("/usr/bin/dpkg-deb", "--root-owner-group", "-Zgzip", "--build",
                tree.toString(), deb.toString()));
        if (!built.ok()) {
            throw new IOException("dpkg-deb failed for " + name + ": " + built.stderr().text());
        }
        byte[] bytes = Files.readAllBytes(deb);
        Map<String, String> entry = new LinkedHashMap<>(control);
        entry.put("Filename", "./" + deb.getFileName());
        entry.put("Size", Long.toString(bytes.length));
        entry.put("SHA256", Sha256.hex(bytes));
        return stanza(entry);
    }

    /** fields as deb822 text; a multi-line value continues on lines that start with a space. */
    private static String stanza(Map<String, String> fields) {
        StringBuilder text = new StringBuilder();
        fields.forEach((key, value) -> text.append(key).append(": ").append(value.replace("\n", "\n ")).append('\n'));
        return text.toString();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
