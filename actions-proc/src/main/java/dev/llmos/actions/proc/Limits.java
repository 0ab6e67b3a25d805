package dev.llmos.actions.proc;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * the resources one {@code proc.run} may use, enforced on the whole process tree (a transient
 * unit, or a cgroup the action creates). the daemon's configuration sets them; a request can only
 * lower them.
 *
 * @param memoryMaxMb memory of the whole tree, in mib, with no swap on top; beyond it the kernel's
 *     oom killer ends the run
 * @param cpuQuotaPercent cpu time per wall time, in percent of one cpu (200 = two cpus)
 * @param tasksMax processes and threads of the whole tree at once; forks beyond it fail and the
 *     run is ended
 */
public record Limits(int memoryMaxMb, int cpuQuotaPercent, int tasksMax) {
    /** what a run gets unless configured otherwise. */
    public static final Limits DEFAULT = new Limits(512, 100, 256);

    public Limits {
        if (memoryMaxMb < 1 || cpuQuotaPercent < 1 || tasksMax < 1) {
            throw new IllegalArgumentException("limits must be positive: " + memoryMaxMb + " mib, " + cpuQuotaPercent
                    + "% cpu, " + tasksMax + " tasks");
        }
    }

    /** these limits, lowered (never raised) by a request's {@code memory_max_mb} and {@code tasks_max}. */
    Limits lowered(Integer memoryMaxMb, Integer tasksMax) {
        return new Limits(memoryMaxMb == null ? this.memoryMaxMb : Math.min(this.memoryMaxMb, memoryMaxMb),
                cpuQuotaPercent, tasksMax == null ? this.tasksMax : Math.min(this.tasksMax, tasksMax));
    }

    @JsonIgnore
    long memoryMaxBytes() {
        return memoryMaxMb * 1024L * 1024L;
    }
}
