package dev.llmos.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * ping throughput and latency: n clients, each with its own connection on its own platform thread,
 * do back-to-back {@code system.ping} round trips for a fixed time after a warm-up, and every
 * reply's id is checked. the first target is the baseline; every other one is reported as a ratio
 * to it. targets are measured interleaved (abba order across rounds) so load from other processes
 * on the machine hits them alike.
 *
 * <p>clients are platform threads, like separate client processes: each blocks in read(2) and the
 * server's write wakes it directly. a virtual thread's read that would block parks and comes back
 * through the jdk's poller and carrier pool, costing the load generator several times the cpu per
 * round trip (measured on the server side, where the same choice is made) on the very cores the
 * servers need, and it would be the same overhead for every target, squeezing the ratios toward 1.
 *
 * <p>arguments: {@code --clients 1,8,64 --seconds 3 --warmup 1 --prewarm 2 --rounds 3} and one
 * {@code --target name=socket[@pid]} per server, baseline first; {@code --call METHOD PARAMS} sends
 * that request instead of a ping (e.g. {@code action.execute} of {@code fs.stat}), and a reply
 * that is an error ends the run. with a pid the server's cpu
 * time per round trip is reported too, from /proc.
 */
public final class PingBench {
    private static final byte[] PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);
    /** the rest of each request after its id: {@code system.ping}, or the {@code --call} method and params. */
    private static byte[] suffix = ",\"method\":\"system.ping\"}\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID_KEY = "\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_KEY = "\"error\"".getBytes(StandardCharsets.US_ASCII);

    /** a server to measure; {@code pid} is 0 when unknown. */
    record Target(String name, Path socket, long pid) {
        static Target parse(String spec) {
            int eq = spec.indexOf('=');
            int at = spec.lastIndexOf('@');
            if (eq <= 0) {
                throw new IllegalArgumentException("--target wants name=socket[@pid], got " + spec);
            }
            String path = at > eq ? spec.substring(eq + 1, at) : spec.substring(eq + 1);
            return new Target(spec.substring(0, eq), Path.of(path), at > eq ? Long.parseLong(spec.substring(at + 1)) : 0);
        }
    }

    /** one measurement: round trips and time in the window, latencies, cpu used. */
    record Sample(long roundTrips, long nanos, Histogram latency, long serverCpuNanos, long clientCpuNanos) {
        double perSecond() {
            return roundTrips * 1e9 / nanos;
        }
    }

    /** the samples of one target at one client count, summed over rounds. */
    static final class Cell {
        final List<Sample> samples = new ArrayList<>();

        double perSecond() {
            long trips = samples.stream().mapToLong(Sample::roundTrips).sum();
            long nanos = samples.stream().mapToLong(Sample::nanos).sum();
            return trips * 1e9 / nanos;
        }

        double percentileMicros(double percentile) {
            Histogram all = new Histogram(3);
            samples.forEach(s -> all.add(s.latency()));
            return all.getValueAtPercentile(percentile) / 1000.0;
        }

        /** cpu microseconds per round trip, or nan when unknown. */
        double cpuMicros(boolean server) {
            long trips = samples.stream().mapToLong(Sample::roundTrips).sum();
            long cpu = samples.stream().mapToLong(s -> server ? s.serverCpuNanos() : s.clientCpuNanos()).sum();
            return cpu < 0 ? Double.NaN : cpu / 1000.0 / trips;
        }
    }

    private PingBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] clients = {1, 8, 64};
        double seconds = 3;
        double warmup = 1;
        double prewarm = 2;
        int rounds = 3;
        List<Target> targets = new ArrayList<>();
        String what = "system.ping";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--prewarm" -> prewarm = Double.parseDouble(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--target" -> targets.add(Target.parse(args[++i]));
                case "--call" -> {
                    what = args[++i];
                    suffix = (",\"method\":\"" + what + "\",\"params\":" + args[++i] + "}\n")
                            .getBytes(StandardCharsets.UTF_8);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("give at least one --target name=socket[@pid]");
        }
        System.out.printf(what + ": %s x %.1f s measured (+%.1f s warm-up) per cell, %d round(s), clients %s, "
                + "one platform thread and connection per client%n", targets.stream().map(Target::name).toList(),
                seconds, warmup, rounds, Arrays.toString(clients));
        // a jvm server compiles its hot paths in the first seconds: warm every target before any cell
        for (Target target : targets) {
            if (prewarm > 0) {
                measure(target, 8, 0, prewarm);
            }
        }
        Cell[][] cells = new Cell[clients.length][targets.size()];
        for (Cell[] row : cells) {
            Arrays.setAll(row, i -> new Cell());
        }
        for (int round = 0; round < rounds; round++) {
            for (int c = 0; c < clients.length; c++) {
                for (int t = 0; t < targets.size(); t++) {
                    // abba: alternate which target goes first so a drift in load favours neither
                    int index = round % 2 == 0 ? t : targets.size() - 1 - t;
                    Target target = targets.get(index);
                    Sample sample = measure(target, clients[c], warmup, seconds);
                    cells[c][index].samples.add(sample);
                    System.out.printf("  round %d  clients %3d  %-10s %10.0f rt/s%n", round + 1, clients[c], target.name(),
                            sample.perSecond());
                }
            }
        }
        print(targets, clients, cells);
    }

    private static void print(List<Target> targets, int[] clients, Cell[][] cells) {
        System.out.println();
        System.out.printf("%-8s %-10s %11s %9s %9s %10s %10s %9s %8s %8s %9s%n", "clients", "target", "rt/s", "p50 us", "p99 us",
                "srv cpu/rt", "cli cpu/rt", "x rt/s", "x p50", "x p99", "x srv cpu");
        for (int c = 0; c < clients.length; c++) {
            Cell base = cells[c][0];
            for (int t = 0; t < targets.size(); t++) {
                Cell cell = cells[c][t];
                String ratios = t == 0 ? ""
                        : String.format("%8.2fx %7.2fx %7.2fx %9s", cell.perSecond() / base.perSecond(),
                                cell.percentileMicros(50) / base.percentileMicros(50),
                                cell.percentileMicros(99) / base.percentileMicros(99),
                                ratio(base.cpuMicros(true), cell.cpuMicros(true)));
                System.out.printf("%-8d %-10s %11.0f %9.1f %9.1f %10s %10s %s%n", clients[c], targets.get(t).name(),
                        cell.perSecond(), cell.percentileMicros(50), cell.percentileMicros(99), micros(cell.cpuMicros(true)),
                        micros(cell.cpuMicros(false)), ratios);
            }
            if (cells[c][0].samples.size() > 1) {
                for (int t = 1; t < targets.size(); t++) {
                    double min = Double.MAX_VALUE;
                    double max = 0;
                    for (int r = 0; r < cells[c][t].samples.size(); r++) {
                        double ratio = cells[c][t].samples.get(r).perSecond() / cells[c][0].samples.get(r).perSecond();
                        min = Math.min(min, ratio);
                        max = Math.max(max, ratio);
                    }
                    System.out.printf("%-8s %-10s per-round rt/s ratio spread %.2fx .. %.2fx%n", "", targets.get(t).name(), min, max);
                }
            }
        }
        System.out.println("(x = ratio to " + targets.get(0).name() + "; cpu/rt = user+sys cpu microseconds per round trip, "
                + "server from /proc, client = this jvm; x srv cpu = " + targets.get(0).name()
                + "'s server cpu per round trip over this one's:\n the rt/s ratio a free client on an idle machine would see, "
                + "less sensitive to load from other processes than rt/s)");
    }

    private static String ratio(double base, double value) {
        return Double.isNaN(base) || Double.isNaN(value) ? "-" : String.format("%.2fx", base / value);
    }

    private static String micros(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.1f us", value);
    }

    /** runs {@code clients} connections against one target: warm-up, then the measured window. */
    static Sample measure(Target target, int clients, double warmupSeconds, double seconds) throws Exception {
        List<Client> all = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                all.add(new Client(java.nio.channels.SocketChannel.open(UnixDomainSocketAddress.of(target.socket()))));
            }
            // one window for all clients, fixed in advance: warm-up until t0, measured from t0 to end
            long t0 = System.nanoTime() + (long) (warmupSeconds * 1e9) + 50_000_000L;
            long end = t0 + (long) (seconds * 1e9);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (Client client : all) {
                threads.add(Thread.ofPlatform().daemon().name("client").start(() -> {
                    try {
                        long now = System.nanoTime();
                        while (now < end) {
                            long sent = now;
                            client.roundTrip();
                            now = System.nanoTime();
                            if (sent >= t0) {
                                client.latency.recordValue(now - sent);
                                client.count++;
                            }
                        }
                        client.finished = now;
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            Thread.sleep(Math.max(0, (t0 - System.nanoTime()) / 1_000_000));
            long serverCpu0 = cpuNanos(target.pid());
            long clientCpu0 = clientCpuNanos();
            for (Thread thread : threads) {
                thread.join();
            }
            long serverCpu = target.pid() == 0 ? -1 : cpuNanos(target.pid()) - serverCpu0;
            long clientCpu = clientCpuNanos() - clientCpu0;
            if (failure.get() != null) {
                throw new IllegalStateException(target.name() + " with " + clients + " clients failed: " + failure.get(), failure.get());
            }
            long nanos = all.stream().mapToLong(c -> c.finished).max().orElse(end) - t0;
            Histogram latency = new Histogram(3);
            long trips = 0;
            for (Client client : all) {
                latency.add(client.latency);
                trips += client.count;
            }
            return new Sample(trips, nanos, latency, serverCpu, clientCpu);
        } finally {
            for (Client client : all) {
                client.channel.close();
            }
        }
    }

    private static long cpuNanos(long pid) throws IOException {
        return pid == 0 ? 0 : ProcCpu.of(pid);
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * one connection; requests carry increasing ids and each reply must echo the id sent. direct
     * buffers and no allocation per round trip keep the client's own cost low and steady.
     */
    static final class Client {
        final java.nio.channels.SocketChannel channel;
        final Histogram latency = new Histogram(3);
        final ByteBuffer out = ByteBuffer.allocateDirect(8192);
        final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        final byte[] bytes = new byte[64 * 1024];
        final byte[] digits = new byte[20];
        long nextId = 1;
        long count;
        long finished;

        Client(java.nio.channels.SocketChannel channel) {
            this.channel = channel;
        }

        void roundTrip() throws IOException {
            long id = nextId++;
            int at = digits.length;
            for (long rest = id; rest > 0; rest /= 10) {
                digits[--at] = (byte) ('0' + rest % 10);
            }
            out.clear().put(PREFIX).put(digits, at, digits.length - at).put(suffix).flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            int scanned = 0;
            int newline;
            while ((newline = indexOf(bytes, scanned, in.position(), (byte) '\n')) < 0) {
                scanned = in.position();
                if (!in.hasRemaining()) {
                    throw new IOException("reply longer than " + in.capacity() + " bytes");
                }
                int n = channel.read(in);
                if (n < 0) {
                    throw new IOException("the server closed the connection");
                }
                in.get(scanned, bytes, scanned, n);
            }
            check(bytes, newline, id);
            // keep whatever followed the reply (nothing, for a well-behaved server)
            System.arraycopy(bytes, newline + 1, bytes, 0, in.position() - newline - 1);
            in.flip().position(newline + 1);
            in.compact();
        }

        private static void check(byte[] line, int end, long id) throws IOException {
            if (find(line, end, ERROR_KEY) >= 0) {
                throw new IOException("error reply: " + new String(line, 0, end, StandardCharsets.UTF_8));
            }
            int at = find(line, end, ID_KEY);
            long got = 0;
            int i = at + ID_KEY.length;
            while (at >= 0 && i < end && line[i] >= '0' && line[i] <= '9') {
                got = got * 10 + line[i++] - '0';
            }
            if (at < 0 || got != id) {
                throw new IOException("reply id mismatch: sent " + id + ", got " + new String(line, 0, end, StandardCharsets.UTF_8));
            }
        }

        private static int indexOf(byte[] bytes, int from, int to, byte b) {
            for (int i = from; i < to; i++) {
                if (bytes[i] == b) {
                    return i;
                }
            }
            return -1;
        }

        private static int find(byte[] bytes, int end, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= end; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
