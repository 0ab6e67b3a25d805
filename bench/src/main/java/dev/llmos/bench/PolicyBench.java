package dev.llmos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.action.Risk;
import dev.llmos.policy.Policy;
import dev.llmos.policy.PolicyInput;
import dev.llmos.policy.PolicyLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * policy decisions per second on one thread: the built-ins plus 20 configured rules, over a mix
 * of reads, writes, deletes (home, elsewhere, protected) and system actions from four callers.
 * prints the median and best of several one-second rounds after a warm-up; the target is 1m/s.
 *
 * <p>usage: {@code java -cp ... dev.llmos.bench.PolicyBench [rounds]}
 */
public final class PolicyBench {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PolicyBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Policy policy = PolicyLoader.parse("bench.toml", rules());
        PolicyInput[] inputs = inputs();
        long sink = 0;
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            sink += run(policy, inputs, 100_000);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] rates = new double[rounds];
        double[] cpuRates = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long decisions = 0;
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long end = start + 1_000_000_000L;
            long now;
            do {
                sink += run(policy, inputs, 100_000);
                decisions += 100_000;
                now = System.nanoTime();
            } while (now < end);
            rates[round] = decisions / ((now - start) / 1e9);
            cpuRates[round] = decisions / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        System.out.printf("policy: %d rules + built-ins, %d distinct inputs, 1 thread%n", 20, inputs.length);
        System.out.printf("policy decisions/s: median %.0f, best %.0f, worst %.0f (target >= 1000000) [sink %d]%n",
                rates[rounds / 2], rates[rounds - 1], rates[0], sink);
        System.out.printf("policy decisions per cpu-second of the bench thread (immune to other load): median %.0f,"
                + " best %.0f%n", cpuRates[rounds / 2], cpuRates[rounds - 1]);
        System.out.printf("policy ns/decision (median wall): %.0f%n", 1e9 / rates[rounds / 2]);
    }

    private static long run(Policy policy, PolicyInput[] inputs, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += policy.evaluate(inputs[i % inputs.length]).decision().ordinal();
        }
        return sum;
    }

    private static String rules() {
        StringBuilder toml = new StringBuilder();
        rule(toml, "admins-services", "[\"service.*\"]", "groups = [\"llmos-admins\"]\nrun_as = \"root\"", "ask");
        rule(toml, "no-nginx-stop", "[\"service.stop\"]", "params = { unit = \"nginx*\" }", "deny");
        rule(toml, "scratch", "[\"fs.*\"]", "risk = [\"write\", \"destructive\"]\npaths = [\"~/scratch\"]", "allow");
        rule(toml, "ssh-keys", "[\"fs.*\"]", "risk = [\"write\", \"destructive\"]\npaths = [\"/home/*/.ssh\"]", "deny");
        rule(toml, "interns", "[\"*\"]", "risk = [\"write\", \"destructive\", \"system\"]\nuids = [\"2000-2999\"]",
                "deny");
        rule(toml, "pkg-admins", "[\"pkg.install\", \"pkg.remove\"]", "groups = [\"llmos-admins\"]\nrun_as = \"root\"",
                "ask");
        rule(toml, "apt-update", "[\"proc.run\"]", "users = [\"root\"]\nparams = { argv = [\"apt update\"] }", "allow");
        rule(toml, "root-srv", "[\"fs.write\", \"fs.mkdir\"]", "users = [\"root\"]\npaths = [\"/srv/**\"]", "allow");
        rule(toml, "secret-logs", "[\"fs.read\"]", "paths = [\"/var/log/**/secret*\"]", "ask");
        rule(toml, "world-writable", "[\"fs.chmod\"]", "params = { mode = [\"*2\", \"*3\", \"*6\", \"*7\"] }", "deny");
        rule(toml, "git-dirs", "[\"fs.delete\"]", "paths = [\"~/*/.git\"]", "ask");
        rule(toml, "shared-data", "[\"fs.*\"]", "groups = [\"data\"]\npaths = [\"/srv/data\"]", "allow");
        rule(toml, "backups", "[\"fs.delete\", \"fs.move\"]", "paths = [\"/var/backups\"]", "deny");
        rule(toml, "proc-signal-own", "[\"proc.signal\"]", "params = { signal = [\"TERM\", \"INT\"] }", "allow");
        rule(toml, "no-kill", "[\"proc.signal\"]", "params = { signal = \"KILL\" }", "ask");
        rule(toml, "display", "[\"display.*\", \"input.*\", \"clipboard.*\"]", "uids = [\"1000-60000\"]", "ask");
        rule(toml, "logs-admins", "[\"logs.query\"]", "groups = [\"adm\", \"llmos-admins\"]", "allow");
        rule(toml, "big-reads", "[\"fs.read\"]", "params = { max_bytes = [104857600] }", "ask");
        rule(toml, "tmp-free", "[\"fs.write\", \"fs.delete\", \"fs.mkdir\"]", "paths = [\"/tmp/**\"]", "allow");
        rule(toml, "sys-disk", "[\"sys.disk_usage\"]", "risk = [\"read\"]", "allow");
        return toml.toString();
    }

    private static void rule(StringBuilder toml, String id, String actions, String matchers, String decision) {
        toml.append("[[rule]]\nid = \"").append(id).append("\"\nactions = ").append(actions).append('\n')
                .append(matchers).append("\ndecision = \"").append(decision).append("\"\nreason = \"").append(id)
                .append(" rule\"\n\n");
    }

    private static PolicyInput[] inputs() {
        Caller root = new Caller(0, 0, 100, "root", List.of(0));
        Caller alice = new Caller(1001, 1001, 101, "alice", List.of(1001, 27));
        Caller bob = new Caller(1002, 1002, 102, "bob", List.of(1002));
        Caller carol = new Caller(2500, 2500, 103, "carol", List.of(2500));
        List<PolicyInput> all = new ArrayList<>();
        all.add(in(bob, "fs.list", Risk.READ, params(), "path", "/home/bob/docs"));
        all.add(in(bob, "fs.read", Risk.READ, params("max_bytes", 65536), "path", "/home/bob/docs/report.txt"));
        all.add(in(bob, "fs.write", Risk.WRITE, params("mode", "create"), "path", "/home/bob/notes.txt"));
        all.add(in(bob, "fs.write", Risk.WRITE, params("mode", "create"), "path", "/home/bob/scratch/x/y.txt"));
        all.add(in(bob, "fs.delete", Risk.DESTRUCTIVE, params("recursive", true), "path", "/home/bob/old"));
        all.add(in(bob, "fs.delete", Risk.DESTRUCTIVE, params(), "path", "/etc/passwd"));
        all.add(in(root, "fs.delete", Risk.DESTRUCTIVE, params("recursive", true), "path", "/etc"));
        all.add(in(root, "fs.delete", Risk.DESTRUCTIVE, params(), "path", "/usr/lib/x86_64-linux-gnu/libc.so.6"));
        all.add(in(root, "fs.write", Risk.WRITE, params(), "path", "/srv/www/index.html"));
        all.add(in(alice, "service.restart", Risk.SYSTEM, params("unit", "nginx.service")));
        all.add(in(alice, "service.stop", Risk.SYSTEM, params("unit", "nginx.service")));
        all.add(in(bob, "service.restart", Risk.SYSTEM, params("unit", "sshd.service")));
        all.add(in(carol, "fs.write", Risk.WRITE, params(), "path", "/home/carol/x"));
        all.add(in(bob, "fs.chmod", Risk.WRITE, params("mode", "0777"), "path", "/home/bob/x"));
        all.add(in(bob, "fs.read", Risk.READ, params(), "path", "/var/log/app/2025/secret.log"));
        all.add(in(alice, "fs.copy", Risk.WRITE, params(), "source", "/home/alice/scratch/a", "destination",
                "/home/alice/docs/a"));
        all.add(in(bob, "proc.signal", Risk.DESTRUCTIVE, params("signal", "TERM")));
        all.add(in(root, "proc.run", Risk.SYSTEM, argv("apt", "update")));
        all.add(in(bob, "input.click", Risk.WRITE, params("x", 10)));
        all.add(in(alice, "logs.query", Risk.READ, params("unit", "nginx.service")));
        return all.toArray(PolicyInput[]::new);
    }

    private static ObjectNode params(Object... pairs) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], value(pairs[i + 1]));
        }
        return node;
    }

    private static JsonNode value(Object value) {
        return switch (value) {
            case String text -> NODES.textNode(text);
            case Integer number -> NODES.numberNode(number);
            case Boolean flag -> NODES.booleanNode(flag);
            default -> throw new IllegalArgumentException("unsupported param value " + value);
        };
    }

    private static ObjectNode argv(String... words) {
        ObjectNode node = NODES.objectNode();
        node.putArray("argv").addAll(Arrays.stream(words).map(NODES::textNode).toList());
        return node;
    }

    private static PolicyInput in(Caller caller, String action, Risk risk, JsonNode params, String... paths) {
        Map<String, List<Path>> byName = new LinkedHashMap<>();
        for (int i = 0; i < paths.length; i += 2) {
            byName.put(paths[i], List.of(Path.of(paths[i + 1])));
        }
        Set<String> groups = switch (caller.user()) {
            case "alice" -> Set.of("alice", "llmos-admins", "adm");
            case "root" -> Set.of("root");
            default -> Set.of(caller.user());
        };
        Path home = caller.isRoot() ? Path.of("/root") : Path.of("/home", caller.user());
        return new PolicyInput(caller, groups, home, action, risk, params, byName);
    }
}
