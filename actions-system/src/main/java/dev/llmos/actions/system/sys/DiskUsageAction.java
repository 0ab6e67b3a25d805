package dev.llmos.actions.system.sys;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.actions.system.support.TextFiles;
import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.FileType;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import jakarta.validation.constraints.Size;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sys.disk_usage}: how full the filesystems are, or what takes the space under one path.
 */
public final class DiskUsageAction implements Action<DiskUsageAction.Params> {
    /** entries visited at most while sizing a tree, so a huge tree answers quickly. */
    static final int DEFAULT_BUDGET = 200_000;
    /** how many of the biggest entries under the path are reported. */
    static final int TOP_ENTRIES = 25;

    /**
     * params of {@code sys.disk_usage}.
     *
     * @param path a directory or file to size; null for every mounted filesystem
     */
    public record Params(
            @PathParam @Size(max = 4096)
            @JsonPropertyDescription("absolute path to break down by size; omit it to list every mounted filesystem")
            String path) {
    }

    /** every real mounted filesystem, sorted by mount point. */
    public record Filesystems(List<Filesystem> filesystems) {
    }

    /**
     * one filesystem's space, as statvfs(3) reports it.
     *
     * @param device what is mounted, e.g. {@code /dev/sda1}
     * @param availableBytes free space that unprivileged users may use
     * @param usePercent used share of the space available to users, rounded up as df(1) does
     */
    public record Filesystem(String mountPoint, String device, String type, long sizeBytes, long usedBytes,
            long availableBytes, int usePercent) {
    }

    /**
     * what takes the space under a path. sizes are apparent sizes (file lengths), hard links counted
     * once, other filesystems and symlink targets not included.
     *
     * @param filesystem the filesystem holding the path
     * @param bytes total under the path, itself included
     * @param scanned entries visited
     * @param unreadable entries skipped because they could not be read
     * @param truncated true when the scan stopped at its entry budget: sizes are lower bounds
     * @param entryCount entries directly under the path
     * @param entries the biggest entries directly under the path, biggest first
     */
    public record DirectoryUsage(String path, Filesystem filesystem, long bytes, long scanned, long unreadable,
            boolean truncated, int entryCount, List<Entry> entries) {
    }

    /** one entry directly under the sized path, with the total size of its tree. */
    public record Entry(String name, FileType type, long bytes) {
    }

    private final int budget;

    public DiskUsageAction() {
        this(DEFAULT_BUDGET);
    }

    DiskUsageAction(int budget) {
        this.budget = budget;
    }

    @Override
    public String name() {
        return "sys.disk_usage";
    }

    @Override
    public String description() {
        return "show free and used disk space per filesystem, or which folders take the most space under a path";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "how much disk space is left?",
                "df -h",
                "is the disk full",
                "show free space on all drives",
                "what is using all the space in /var",
                "which folders are biggest in my home directory",
                "du -sh /var/log/*",
                "how big is /opt in total",
                "find what's eating my disk",
                "disk usage of /home",
                "how full is the root partition",
                "free space on /mnt/data pls",
                "dsik usage",
                "how much free space is on my disk",
                "how many gigabytes are left",
                "how big is this folder",
                "size of the videos folder",
                "which directories take the most space in /var",
                "ncdu",
                "check storage",
                "is there enough space left on the drive",
                "how much space does a directory take up",
                "total size of a folder and everything under it",
                "which files and folders here use the most space",
                "sort the subdirectories by how much space they use",
                "list every mounted filesystem with its used and free space",
                "list the 10 largest files and folders here",
                "show the total size of the current directory",
                "analyze a directory",
                "show the sizes of all mounted filesystems in human-readable form");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Object execute(Params params, ActionContext context) throws ActionException {
        List<Mounts.Mount> mounts;
        try {
            mounts = Mounts.parse(TextFiles.read(Mounts.MOUNTINFO));
        } catch (IOException e) {
            throw ActionException.at(Mounts.MOUNTINFO.toString(), e);
        }
        if (params.path() == null) {
            return new Filesystems(filesystems(mounts));
        }
        ResolvedPath resolved = context.requirePath("path");
        Path real = Path.of(resolved.path());
        try {
            FileStat stat = resolved.requireStat();
            Filesystem filesystem = usage(holding(mounts, real, Mounts.device(stat.id().dev())), real.toFile());
            return directoryUsage(resolved, stat, filesystem, context);
        } catch (PosixException e) {
            throw ActionException.at(resolved.path(), e);
        } catch (IOException e) {
            throw ActionException.at(real.toString(), e);
        }
    }

    private static List<Filesystem> filesystems(List<Mounts.Mount> mounts) {
        // a later mount on the same point hides the earlier one
        Map<Path, Mounts.Mount> visible = new LinkedHashMap<>();
        for (Mounts.Mount mount : mounts) {
            visible.remove(mount.mountPoint());
            visible.put(mount.mountPoint(), mount);
        }
        // a device mounted (or bind-mounted) several times is shown once, at its shortest mount point
        Map<String, Mounts.Mount> byDevice = new LinkedHashMap<>();
        for (Mounts.Mount mount : visible.values()) {
            if (!mount.pseudo()) {
                byDevice.merge(mount.device(), mount, (a, b) ->
                        a.mountPoint().toString().length() <= b.mountPoint().toString().length() ? a : b);
            }
        }
        List<Filesystem> filesystems = new ArrayList<>();
        for (Mounts.Mount mount : byDevice.values()) {
            Filesystem filesystem = usage(mount, mount.mountPoint().toFile());
            // a zero-sized filesystem is a virtual one, or one this caller cannot query
            if (filesystem.sizeBytes() > 0) {
                filesystems.add(filesystem);
            }
        }
        filesystems.sort(Comparator.comparing(Filesystem::mountPoint));
        return filesystems;
    }

    /** the mount holding {@code real}: the deepest mount point above it, preferring its own device. */
    private static Mounts.Mount holding(List<Mounts.Mount> mounts, Path real, String device) {
        Mounts.Mount best = null;
        for (Mounts.Mount mount : mounts) {
            if (real.startsWith(mount.mountPoint()) && (best == null || better(mount, best, device))) {
                best = mount;
            }
        }
        return best;
    }

    private static boolean better(Mounts.Mount candidate, Mounts.Mount best, String device) {
        boolean candidateMatches = candidate.device().equals(device);
        if (candidateMatches != best.device().equals(device)) {
            return candidateMatches;
        }
        return candidate.mountPoint().getNameCount() >= best.mountPoint().getNameCount();
    }

    /** statvfs through {@link File}, which reports 0 where it cannot query. */
    private static Filesystem usage(Mounts.Mount mount, File where) {
        long size = where.getTotalSpace();
        long free = where.getFreeSpace();
        long available = where.getUsableSpace();
        long used = size - free;
        int percent = used + available == 0 ? 0 : (int) Math.ceilDiv(used * 100, used + available);
        return mount == null
                ? new Filesystem(null, null, null, size, used, available, percent)
                : new Filesystem(mount.mountPoint().toString(), mount.source(), mount.type(), size, used, available,
                        percent);
    }

    private DirectoryUsage directoryUsage(ResolvedPath resolved, FileStat stat, Filesystem filesystem,
            ActionContext context) throws IOException, PosixException, ActionException {
        String path = resolved.path();
        Fd object = resolved.requireObject();
        TreeSizer sizer = new TreeSizer(stat.id().dev(), budget, context);
        if (!stat.isDirectory()) {
            return new DirectoryUsage(path, filesystem, sizer.size(object, stat), sizer.visited(),
                    sizer.unreadable(), sizer.truncated(), 0, List.of());
        }
        List<String> children = object.list();
        children.sort(null);
        long bytes = stat.size();
        long vanished = 0;
        List<Entry> entries = new ArrayList<>(children.size());
        for (String name : children) {
            if (sizer.stopped()) {
                break;
            }
            Optional<FileStat> child = object.statAt(name);
            if (child.isEmpty()) {
                vanished++;
                continue;
            }
            long size;
            if (child.get().isDirectory()) {
                try (Fd dir = object.directoryAt(name)) {
                    if (!dir.stat().id().equals(child.get().id())) {
                        vanished++;
                        continue;
                    }
                    size = sizer.size(dir, child.get());
                } catch (PosixException e) {
                    vanished++;
                    continue;
                }
            } else {
                size = sizer.size(object, child.get());
            }
            bytes += size;
            entries.add(new Entry(name, FileType.ofMode(child.get().mode()), size));
        }
        if (sizer.cancelled()) {
            throw new ActionException("cancelled while sizing " + path);
        }
        entries.sort(Comparator.comparingLong(Entry::bytes).reversed().thenComparing(Entry::name));
        List<Entry> top = List.copyOf(entries.subList(0, Math.min(TOP_ENTRIES, entries.size())));
        return new DirectoryUsage(path, filesystem, bytes, sizer.visited() + 1, sizer.unreadable() + vanished,
                sizer.truncated(), children.size(), top);
    }
}
