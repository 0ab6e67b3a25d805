package dev.llmos.actions.proc;

import dev.llmos.action.testkit.TestContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * the cost of confinement: {@code proc.run} of {@code /bin/true} through bubblewrap and a cgroup
 * against {@code ProcessBuilder("/bin/true")}, bubblewrap without a cgroup for the split, and (as root,
 * when the test user exists) a run for another user.
 * prints p50 and mean over {@code runs} (default 200) after a warm-up. run with the test class path:
 * {@code java -cp ... dev.llmos.actions.proc.ProcRunBench [runs]}.
 */
public final class ProcRunBench {
    private ProcRunBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        ProcRunAction.Params params = new ProcRunAction.Params(List.of("/bin/true"), "/", null, null, 30, 65536, null,
                null);
        ProcRunAction confined = new ProcRunAction(Limits.DEFAULT, () -> new BwrapSandbox(Cgroups.discover()));
        Cgroups none = Cgroups.find(Path.of("/nonexistent/mountinfo"), Path.of("/nonexistent/cgroup"));
        ProcRunAction bwrapOnly = new ProcRunAction(Limits.DEFAULT, () -> new BwrapSandbox(none));
        Callable<Object> direct = () -> {
            Process process = new ProcessBuilder("/bin/true").start();
            process.getInputStream().close();
            process.getErrorStream().close();
            process.getOutputStream().close();
            return process.waitFor();
        };
        Callable<Object> viaAction = () -> check(TestContext.readOnly().execute(confined, params));
        Callable<Object> viaBwrap = () -> check(TestContext.readOnly().execute(bwrapOnly, params));
        System.out.println("sandbox: " + new BwrapSandbox(Cgroups.discover()).name() + ", runs: " + runs);
        double[] base = measure("ProcessBuilder(/bin/true)", direct, runs);
        double[] bwrap = measure("proc.run, bwrap only", viaBwrap, runs);
        double[] full = measure("proc.run, bwrap+cgroup", viaAction, runs);
        if (dev.llmos.posix.Posix.getuid() == 0 && dev.llmos.posix.Posix.passwd(TestUser.NAME).isPresent()) {
            // another user: bubblewrap in its setuid mode (the path a root daemon takes for its callers)
            TestContext user = TestContext.readOnly().as(TestUser.NAME, false);
            double[] asUser = measure("proc.run as " + TestUser.NAME, () -> check(user.execute(confined, params)), runs);
            System.out.printf("ratio p50: as %s/direct %.1fx%n", TestUser.NAME, asUser[0] / base[0]);
        }
        System.out.printf("ratio p50: bwrap+cgroup/direct %.1fx, bwrap/direct %.1fx%n", full[0] / base[0],
                bwrap[0] / base[0]);
        System.out.printf("ratio mean: bwrap+cgroup/direct %.1fx, bwrap/direct %.1fx%n", full[1] / base[1],
                bwrap[1] / base[1]);
    }

    private static Object check(ProcRunAction.Ran ran) {
        if (ran.exitCode() != 0) {
            throw new IllegalStateException("run failed: " + ran);
        }
        return ran;
    }

    /** p50 and mean in milliseconds. */
    private static double[] measure(String label, Callable<Object> task, int runs) throws Exception {
        for (int i = 0; i < Math.max(20, runs / 10); i++) {
            task.call();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.call();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        double p50 = millis[runs / 2];
        double mean = Arrays.stream(millis).average().orElse(0);
        double p90 = millis[(int) (runs * 0.9)];
        System.out.printf("%-28s p50 %7.2f ms  mean %7.2f ms  p90 %7.2f ms%n", label, p50, mean, p90);
        return new double[] {p50, mean};
    }
}
