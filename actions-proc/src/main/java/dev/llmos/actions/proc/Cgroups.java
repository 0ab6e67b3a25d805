package dev.llmos.actions.proc;

import dev.llmos.action.Confinement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * the cgroups this process may create for the runs it starts, below its own cgroup (so a run is
 * accounted inside whatever confines the daemon, never beside it): a directory {@code llm-osd}
 * under the daemon's cgroup, and one {@code llm-osd-run-<pid>-<n>} group per run below that (the
 * daemon knows a peer in such a group for a program it runs, which can never confirm).
 *
 * <p>which hierarchy: cgroup v1 when the {@code memory} and {@code pids} controllers are mounted as
 * v1 hierarchies (each controller then has its own tree, and the daemon's place in each comes from
 * {@code /proc/self/cgroup}); else cgroup v2 when the daemon's v2 cgroup offers both controllers.
 * a hybrid system whose v2 tree has no controllers (as on the build machines) uses v1. on v2 the
 * controllers must be enabled in the daemon's own cgroup, which the kernel refuses while other
 * processes sit in it (the no-internal-processes rule); then no cgroup is usable and runs say so.
 */
final class Cgroups {
    /** the controllers a run must have; without them limits cannot be enforced. */
    private static final List<String> REQUIRED = List.of("memory", "pids");
    /** used when present: cpu for the quota, freezer (v1) to stop a tree before killing it. */
    private static final List<String> OPTIONAL = List.of("cpu", "freezer");
    private static final String BASE = "llm-osd";
    private static final AtomicLong COUNTER = new AtomicLong();
    private static volatile Cgroups discovered;

    enum Version {
        V1,
        V2
    }

    /**
     * where one controller's tree lets this process create groups.
     *
     * @param base the {@code llm-osd} directory under the daemon's cgroup
     * @param relative {@code base} relative to the hierarchy's mount point, as cgexec names groups
     */
    record Tree(Path base, String relative) {
    }

    private final Version version;
    /** controller name to its tree; on v2 every controller maps to the same tree. */
    private final Map<String, Tree> trees;
    private final String unusable;

    private Cgroups(Version version, Map<String, Tree> trees, String unusable) {
        this.version = version;
        this.trees = trees;
        this.unusable = unusable;
    }

    /** what this process can use, found once per process. */
    static Cgroups discover() {
        Cgroups cgroups = discovered;
        if (cgroups == null) {
            synchronized (Cgroups.class) {
                cgroups = discovered;
                if (cgroups == null) {
                    cgroups = find(Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"));
                    discovered = cgroups;
                }
            }
        }
        return cgroups;
    }

    static Cgroups find(Path mountinfo, Path membership) {
        List<Mount> mounts;
        Map<String, String> own;
        try {
            mounts = Mount.parse(Files.readAllLines(mountinfo, StandardCharsets.UTF_8));
            own = membership(Files.readAllLines(membership, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return none("cannot read " + mountinfo + " or " + membership + ": " + e.getMessage());
        }
        Map<String, Tree> v1 = new LinkedHashMap<>();
        String v1Problem = null;
        for (String controller : concat(REQUIRED, OPTIONAL)) {
            Mount mount = mounts.stream().filter(m -> m.type().equals("cgroup") && m.controllers().contains(controller))
                    .findFirst().orElse(null);
            if (mount == null) {
                if (REQUIRED.contains(controller)) {
                    v1Problem = "no cgroup v1 hierarchy with the " + controller + " controller";
                    break;
                }
                continue;
            }
            String path = own.get(controller);
            Path dir = path == null ? null : mount.locate(path);
            if (dir == null) {
                if (REQUIRED.contains(controller)) {
                    v1Problem = "this process's " + controller + " cgroup is not visible under " + mount.point();
                    break;
                }
                continue;
            }
            v1.put(controller, new Tree(dir.resolve(BASE), relative(mount, dir.resolve(BASE))));
        }
        if (v1Problem == null) {
            return prepareV1(v1);
        }
        Mount unified = mounts.stream().filter(m -> m.type().equals("cgroup2")).findFirst().orElse(null);
        String path = own.get("");
        if (unified == null || path == null) {
            return none(v1Problem + ", and no cgroup v2 hierarchy");
        }
        Path dir = unified.locate(path);
        if (dir == null) {
            return none("this process's cgroup v2 group is not visible under " + unified.point());
        }
        List<String> offered;
        try {
            offered = List.of(Files.readString(dir.resolve("cgroup.controllers")).strip().split("\\s+"));
        } catch (IOException e) {
            return none("cannot read " + dir.resolve("cgroup.controllers") + ": " + e.getMessage());
        }
        if (!offered.containsAll(REQUIRED)) {
            return none(v1Problem + ", and the cgroup v2 group " + dir + " offers only " + offered);
        }
        return prepareV2(dir, unified, offered.contains("cpu"));
    }

    private static Cgroups prepareV1(Map<String, Tree> trees) {
        for (Map.Entry<String, Tree> tree : trees.entrySet()) {
            String problem = writable(tree.getValue().base());
            if (problem != null) {
                return none(problem);
            }
            sweep(tree.getValue().base());
        }
        return new Cgroups(Version.V1, Map.copyOf(trees), null);
    }

    /**
     * null when groups can be created in {@code base} (made if missing), else why not. an existing
     * directory proves nothing: a container may see the host's hierarchy read-only.
     */
    private static String writable(Path base) {
        try {
            Files.createDirectories(base);
            Path probe = base.resolve("probe-" + ProcessHandle.current().pid());
            Files.createDirectory(probe);
            Files.delete(probe);
            return null;
        } catch (IOException e) {
            return "cannot create cgroups in " + base + ": " + reason(e);
        }
    }

    private static Cgroups prepareV2(Path dir, Mount unified, boolean cpu) {
        String enable = cpu ? "+memory +pids +cpu" : "+memory +pids";
        Path base = dir.resolve(BASE);
        try {
            write(dir.resolve("cgroup.subtree_control"), enable);
            Files.createDirectories(base);
            write(base.resolve("cgroup.subtree_control"), enable);
            String problem = writable(base);
            if (problem != null) {
                return none(problem);
            }
        } catch (IOException e) {
            return none("cannot delegate the memory and pids controllers below " + dir + " (" + reason(e)
                    + "); on cgroup v2 the daemon's own cgroup must hold no processes for that");
        }
        sweep(base);
        Tree tree = new Tree(base, relative(unified, base));
        Map<String, Tree> trees = new LinkedHashMap<>();
        trees.put("memory", tree);
        trees.put("pids", tree);
        if (cpu) {
            trees.put("cpu", tree);
        }
        return new Cgroups(Version.V2, Map.copyOf(trees), null);
    }

    private static Cgroups none(String why) {
        return new Cgroups(null, Map.of(), why);
    }

    /** removes the empty groups of runs that ended without cleaning up (a daemon killed mid-run). */
    private static void sweep(Path base) {
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(base, "run-*")) {
            for (Path run : runs) {
                try {
                    Files.delete(run);
                } catch (IOException e) {
                    // still populated (another daemon's live run) or not ours: leave it
                }
            }
        } catch (IOException e) {
            // nothing to sweep
        }
    }

    /** true when runs can be confined here. */
    boolean usable() {
        return unusable == null;
    }

    /** why runs cannot be confined here, or null. */
    String unusableReason() {
        return unusable;
    }

    Version version() {
        return version;
    }

    /** creates the group of one run with these limits; {@code overhead} tasks are added for the sandbox's own. */
    Run create(Limits limits, int overhead) throws IOException {
        String name = Confinement.SANDBOX_CGROUP_PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        Map<String, Path> dirs = new LinkedHashMap<>();
        Run run = new Run(version, dirs, trees, name);
        try {
            for (Map.Entry<String, Tree> tree : trees.entrySet()) {
                Path dir = tree.getValue().base().resolve(name);
                if (!dirs.containsValue(dir)) {
                    Files.createDirectory(dir);
                }
                dirs.put(tree.getKey(), dir);
            }
            run.limit(limits, overhead);
            return run;
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** the cgroup of one run. */
    static final class Run implements AutoCloseable {
        private final Version version;
        private final Map<String, Path> dirs;
        private final Map<String, Tree> trees;
        private final String name;

        private Run(Version version, Map<String, Path> dirs, Map<String, Tree> trees, String name) {
            this.version = version;
            this.dirs = dirs;
            this.trees = trees;
            this.name = name;
        }

        private void limit(Limits limits, int overhead) throws IOException {
            Path memory = dirs.get("memory");
            Path pids = dirs.get("pids");
            Path cpu = dirs.get("cpu");
            String bytes = Long.toString(limits.memoryMaxBytes());
            String tasks = Integer.toString(limits.tasksMax() + overhead);
            long period = 100_000;
            long quota = period * limits.cpuQuotaPercent() / 100;
            if (version == Version.V1) {
                write(memory.resolve("memory.limit_in_bytes"), bytes);
                writeIfPresent(memory.resolve("memory.memsw.limit_in_bytes"), bytes);
                write(pids.resolve("pids.max"), tasks);
                if (cpu != null) {
                    write(cpu.resolve("cpu.cfs_period_us"), Long.toString(period));
                    write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(quota));
                }
            } else {
                write(memory.resolve("memory.max"), bytes);
                writeIfPresent(memory.resolve("memory.swap.max"), "0");
                write(pids.resolve("pids.max"), tasks);
                if (cpu != null) {
                    write(cpu.resolve("cpu.max"), quota + " " + period);
                }
            }
        }

        /** cgexec's {@code -g} options that put a process into this group, one per hierarchy. */
        List<String> cgexecOptions() {
            List<String> options = new ArrayList<>();
            if (version == Version.V2) {
                options.add("-g");
                options.add(String.join(",", dirs.keySet()) + ":" + trees.get("memory").relative() + "/" + name);
                return options;
            }
            for (String controller : dirs.keySet()) {
                options.add("-g");
                options.add(controller + ":" + trees.get(controller).relative() + "/" + name);
            }
            return options;
        }

        /** how many times the kernel's oom killer killed a process of this group. */
        long oomKills() {
            Path memory = dirs.get("memory");
            return version == Version.V1 ? counter(memory.resolve("memory.oom_control"), "oom_kill")
                    : counter(memory.resolve("memory.events"), "oom_kill");
        }

        /** how many forks failed at the tasks limit. */
        long tasksLimitHits() {
            return counter(dirs.get("pids").resolve("pids.events"), "max");
        }

        /** true once any memory was charged to the group: something ran in it. */
        boolean everUsed() {
            Path memory = dirs.get("memory");
            Path peak = memory.resolve(version == Version.V1 ? "memory.max_usage_in_bytes" : "memory.peak");
            try {
                return Long.parseLong(Files.readString(peak).strip()) > 0;
            } catch (IOException | NumberFormatException e) {
                return true;
            }
        }

        /** the processes in the group now. */
        List<Long> processes() {
            List<Long> pids = new ArrayList<>();
            Path dir = dirs.get("pids");
            if (dir == null) {
                return pids;
            }
            try {
                for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                    if (!line.isBlank()) {
                        pids.add(Long.parseLong(line.strip()));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // a removed group has no processes
            }
            return pids;
        }

        /**
         * kills every process in the group and waits (up to about three seconds) until it is empty.
         * v2 has {@code cgroup.kill}; on v1 every listed process gets {@code SIGKILL}, and should new
         * ones have been forked meanwhile, the next rounds freeze the tree first (when the freezer is
         * there) so nothing forks between reading the list and killing it, then thaw it to let the
         * kills land. the tasks limit bounds how many there can be.
         */
        void killAll() {
            if (!dirs.containsKey("pids")) {
                return;
            }
            long deadline = System.nanoTime() + 3_000_000_000L;
            Path kill = dirs.get("pids").resolve("cgroup.kill");
            if (version == Version.V2 && Files.exists(kill)) {
                try {
                    write(kill, "1");
                } catch (IOException e) {
                    // fall back to killing one by one below
                }
            }
            Path freezer = dirs.get("freezer");
            long wait = 1;
            for (int round = 0; System.nanoTime() < deadline; round++) {
                List<Long> pids = processes();
                if (pids.isEmpty()) {
                    return;
                }
                boolean frozen = round > 0 && freezer != null && freeze(freezer, "FROZEN");
                for (long pid : frozen ? processes() : pids) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                if (frozen) {
                    freeze(freezer, "THAWED");
                }
                pause(wait);
                wait = Math.min(wait * 2, 20);
            }
        }

        private static boolean freeze(Path freezer, String state) {
            try {
                write(freezer.resolve("freezer.state"), state);
                for (int i = 0; i < 50; i++) {
                    if (Files.readString(freezer.resolve("freezer.state")).strip().equals(state)) {
                        return true;
                    }
                    pause(2);
                }
            } catch (IOException e) {
                // no freezing: killing one by one still converges, as the tasks limit bounds the tree
            }
            return false;
        }

        /** kills what is left and removes the group from every hierarchy. */
        @Override
        public void close() {
            if (!processes().isEmpty()) {
                killAll();
            }
            long deadline = System.nanoTime() + 2_000_000_000L;
            for (Path dir : dirs.values().stream().distinct().toList()) {
                while (true) {
                    try {
                        Files.deleteIfExists(dir);
                        break;
                    } catch (IOException e) {
                        // busy while the last killed processes are being reaped
                        if (System.nanoTime() > deadline) {
                            break;
                        }
                        pause(1);
                    }
                }
            }
        }
    }

    /** one mounted cgroup hierarchy from mountinfo. */
    record Mount(String root, Path point, String type, List<String> controllers) {
        static List<Mount> parse(List<String> lines) {
            List<Mount> mounts = new ArrayList<>();
            for (String line : lines) {
                int dash = line.indexOf(" - ");
                if (dash < 0) {
                    continue;
                }
                String[] before = line.substring(0, dash).split(" ");
                String[] after = line.substring(dash + 3).split(" ");
                if (before.length < 5 || after.length < 3) {
                    continue;
                }
                String type = after[0];
                if (!type.equals("cgroup") && !type.equals("cgroup2")) {
                    continue;
                }
                mounts.add(new Mount(unescape(before[3]), Path.of(unescape(before[4])), type,
                        List.of(after[2].split(","))));
            }
            return mounts;
        }

        /** the directory of the group {@code path} (relative to the hierarchy's root), or null when this mount does not show it. */
        Path locate(String path) {
            if (root.equals("/")) {
                return point.resolve(path.substring(1));
            }
            if (path.equals(root)) {
                return point;
            }
            if (path.startsWith(root + "/")) {
                return point.resolve(path.substring(root.length() + 1));
            }
            return null;
        }

        private static String unescape(String field) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c == '\\' && i + 3 < field.length()) {
                    try {
                        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                        i += 3;
                        continue;
                    } catch (NumberFormatException e) {
                        // not an escape: keep the backslash
                    }
                }
                out.append(c);
            }
            return out.toString();
        }
    }

    /** controller name (or "" for v2) to this process's group path, from {@code /proc/self/cgroup}. */
    private static Map<String, String> membership(List<String> lines) {
        Map<String, String> own = new LinkedHashMap<>();
        for (String line : lines) {
            String[] fields = line.split(":", 3);
            if (fields.length < 3) {
                continue;
            }
            if (fields[1].isEmpty()) {
                own.put("", fields[2]);
            } else {
                for (String controller : fields[1].split(",")) {
                    own.put(controller, fields[2]);
                }
            }
        }
        return own;
    }

    private static String relative(Mount mount, Path dir) {
        String relative = "/" + mount.point().relativize(dir);
        return relative.equals("/") ? "/" : relative;
    }

    /** the value of {@code key} in a cgroup counter file ({@code max 3}, {@code oom_kill 1}); 0 when unreadable. */
    static long counter(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length == 2 && fields[0].equals(key)) {
                    return Long.parseLong(fields[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // an unreadable counter counts nothing
        }
        return 0;
    }

    static void write(Path file, String value) throws IOException {
        Files.write(file, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
    }

    private static void writeIfPresent(Path file, String value) throws IOException {
        try {
            write(file, value);
        } catch (NoSuchFileException e) {
            // swap accounting is off in this kernel: there is no swap to limit
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
