package dev.llmos.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;

/**
 * one-shot wall time of commands against a jvm hello world compiled and run in the same run with
 * the same java. every case runs {@code runs} times, interleaved (case order rotates each round)
 * so load from other processes hits them alike; each must exit 0 and print something. reports
 * median and p90 and the ratio of medians to the hello world.
 *
 * <p>arguments: {@code --runs 20 --warmup 2 --hello-flags "jvm flags"}, then cases, each
 * {@code --case name [var=value...] command args...} up to the next {@code --case} (leading
 * assignments set that case's environment). built-in cases, first:
 * {@code /bin/true} (the cost of starting a process at all), {@code hello} (the baseline: plain
 * {@code java -cp hello.jar Hello}), {@code hello-aot} (hello with the hello flags and an aot cache
 * trained here: the floor a tuned cli could reach) and {@code socket-aot} (the same, but the program
 * opens one unix socket channel before it prints: the floor of any client of llm-osd written against the
 * jdk's channels, whose first unix socket initialises the security providers for a {@code SecureRandom}).
 */
public final class CliBench {
    private static final String HELLO = "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }";
    private static final String SOCKET = "public class Socket { public static void main(String[] a) throws Exception {"
            + " try (var c = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {"
            + " System.out.println(\"socket\"); } } }";
    /** this jdk's java: the hello worlds run with the jdk that runs the benchmark. */
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private CliBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 20;
        int warmup = 2;
        List<String> helloFlags = List.of();
        Map<String, List<String>> cases = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--hello-flags" -> helloFlags = Arrays.stream(args[++i].trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
                case "--case" -> {
                    String name = args[++i];
                    List<String> command = new ArrayList<>();
                    while (i + 1 < args.length && !args[i + 1].equals("--case")) {
                        command.add(args[++i]);
                    }
                    cases.put(name, command);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("clibench");
        // a hook, not a finally: the directory goes on sigterm too
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("/bin/true", List.of("/bin/true"));
        Path hello = program(dir, "Hello", HELLO);
        Path socket = program(dir, "Socket", SOCKET);
        all.put("hello", List.of(JAVA, "-cp", hello.toString(), "Hello"));
        all.put("hello-aot", trained(dir, hello, "Hello", helloFlags));
        all.put("socket-aot", trained(dir, socket, "Socket", helloFlags));
        all.putAll(cases);
        run(all, runs, warmup, dir);
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // best effort: it is a temporary directory
        }
    }

    /**
     * compiles {@code NAME.java} with this jdk's compiler into {@code NAME.jar} (an aot cache takes jars
     * only, no class directories); returns the jar.
     */
    private static Path program(Path dir, String name, String text) throws IOException {
        Path source = dir.resolve(name + ".java");
        Files.writeString(source, text);
        Path classes = Files.createDirectories(dir.resolve("classes-" + name));
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString()) != 0) {
            throw new IllegalStateException("javac failed on " + name);
        }
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(name + ".class"));
            out.write(Files.readAllBytes(classes.resolve(name + ".class")));
        }
        return jar;
    }

    /** trains an aot cache for the program in {@code jar} with {@code flags}; returns the command that uses it. */
    private static List<String> trained(Path dir, Path jar, String main, List<String> flags)
            throws IOException, InterruptedException {
        Path aot = dir.resolve(main + ".aot");
        List<String> train = new ArrayList<>(List.of(JAVA, "-XX:AOTCacheOutput=" + aot, "-Xlog:disable", "-Xlog:all=off"));
        train.addAll(flags);
        train.addAll(List.of("-cp", jar.toString(), main));
        execute(train, dir, "train");
        List<String> command = new ArrayList<>(List.of(JAVA, "-XX:AOTCache=" + aot));
        command.addAll(flags);
        command.addAll(List.of("-cp", jar.toString(), main));
        return command;
    }

    private static void run(Map<String, List<String>> cases, int runs, int warmup, Path dir) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>(cases.keySet());
        Map<String, long[]> times = new LinkedHashMap<>();
        Map<String, long[]> cpu = new LinkedHashMap<>();
        names.forEach(name -> times.put(name, new long[runs]));
        names.forEach(name -> cpu.put(name, new long[runs]));
        System.out.printf("cli: %d timed runs of each case (+%d warm-up), interleaved; wall time from spawn to exit%n", runs, warmup);
        for (int round = -warmup; round < runs; round++) {
            for (int k = 0; k < names.size(); k++) {
                // rotate the order each round: no case always runs right after the same other one
                String name = names.get(Math.floorMod(k + round, names.size()));
                long cpu0 = ProcCpu.children();
                long nanos = execute(cases.get(name), dir, name);
                if (round >= 0) {
                    times.get(name)[round] = nanos;
                    cpu.get(name)[round] = ProcCpu.children() - cpu0;
                }
            }
        }
        double base = median(times.get("hello"));
        double baseCpu = Arrays.stream(cpu.get("hello")).average().orElse(1);
        System.out.printf("%n%-14s %9s %9s %9s %9s %9s %9s   %s%n", "case", "median ms", "p90 ms", "min ms", "x hello",
                "cpu ms", "x cpu", "command");
        for (String name : names) {
            long[] t = times.get(name);
            Arrays.sort(t);
            double meanCpu = Arrays.stream(cpu.get(name)).average().orElse(0);
            System.out.printf("%-14s %9.1f %9.1f %9.1f %8.2fx %9.1f %8.2fx   %s%n", name, median(t) / 1e6, percentile(t, 90) / 1e6,
                    t[0] / 1e6, median(t) / base, meanCpu / 1e6, meanCpu / baseCpu, abbreviate(cases.get(name)));
        }
        System.out.println("(x hello = ratio of medians; cpu = mean user+sys cpu of the process, 10 ms ticks)");
    }

    /** runs one command to completion; returns its wall time, or fails when it fails or prints nothing. */
    private static long execute(List<String> command, Path dir, String name) throws IOException, InterruptedException {
        File out = dir.resolve("out").toFile();
        File err = dir.resolve("err").toFile();
        // leading name=value words set the environment of this case only, as in a shell
        int first = 0;
        while (first < command.size() && command.get(first).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            first++;
        }
        ProcessBuilder builder = new ProcessBuilder(command.subList(first, command.size())).redirectOutput(out).redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        for (String assignment : command.subList(0, first)) {
            int eq = assignment.indexOf('=');
            builder.environment().put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        long start = System.nanoTime();
        int status = builder.start().waitFor();
        long nanos = System.nanoTime() - start;
        boolean quiet = name.equals("/bin/true") || name.equals("train");
        if (status != 0 || (!quiet && out.length() == 0)) {
            throw new IllegalStateException(name + " failed (exit " + status + ", " + out.length() + " bytes out): "
                    + Files.readString(err.toPath()).strip() + " " + Files.readString(out.toPath()).strip());
        }
        return nanos;
    }

    private static double median(long[] values) {
        return percentile(values, 50);
    }

    /** nearest-rank percentile of {@code values} (sorted here). */
    private static double percentile(long[] values, double percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String abbreviate(List<String> command) {
        StringBuilder text = new StringBuilder();
        for (String word : command) {
            text.append(text.isEmpty() ? "" : " ").append(word.length() > 60 ? word.substring(0, 25) + "..." + word.substring(word.length() - 20) : word);
        }
        return text.toString();
    }
}
