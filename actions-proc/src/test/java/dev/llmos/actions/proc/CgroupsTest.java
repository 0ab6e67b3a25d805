package dev.llmos.actions.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** how the hierarchies and this process's place in them are read (the cgroup writes are tested through proc.run). */
class CgroupsTest {
    @Test
    void readsV1AndV2MountsFromMountinfo() {
        List<Cgroups.Mount> mounts = Cgroups.Mount.parse(List.of(
                "30 25 0:26 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755",
                "35 30 0:31 / /sys/fs/cgroup/memory rw,nosuid,nodev shared:15 - cgroup cgroup rw,memory",
                "36 30 0:32 / /sys/fs/cgroup/cpu,cpuacct rw shared:16 - cgroup cgroup rw,cpu,cpuacct",
                "37 30 0:33 /docker/abc /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids",
                "38 30 0:34 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw,nsdelegate",
                "39 25 0:35 / /mnt/with\\040space rw - cgroup2 cgroup2 rw"));
        assertEquals(5, mounts.size());
        assertEquals(List.of("rw", "memory"), mounts.get(0).controllers());
        assertEquals(List.of("rw", "cpu", "cpuacct"), mounts.get(1).controllers());
        assertEquals("cgroup2", mounts.get(3).type());
        assertEquals(Path.of("/mnt/with space"), mounts.get(4).point());
    }

    @Test
    void locatesAGroupUnderAMountWhoseRootIsASubtree() {
        Cgroups.Mount whole = new Cgroups.Mount("/", Path.of("/sys/fs/cgroup/memory"), "cgroup", List.of("memory"));
        assertEquals(Path.of("/sys/fs/cgroup/memory/a/b"), whole.locate("/a/b"));
        assertEquals(Path.of("/sys/fs/cgroup/memory"), whole.locate("/"));
        Cgroups.Mount container = new Cgroups.Mount("/docker/abc", Path.of("/sys/fs/cgroup/pids"), "cgroup",
                List.of("pids"));
        assertEquals(Path.of("/sys/fs/cgroup/pids"), container.locate("/docker/abc"));
        assertEquals(Path.of("/sys/fs/cgroup/pids/x"), container.locate("/docker/abc/x"));
        assertNull(container.locate("/docker/abcd"));
        assertNull(container.locate("/elsewhere"));
    }

    @Test
    void thisMachineIsDiscoveredOnce() {
        Cgroups first = Cgroups.discover();
        assertEquals(first, Cgroups.discover());
        assertEquals(first.usable(), first.unusableReason() == null);
    }
}
