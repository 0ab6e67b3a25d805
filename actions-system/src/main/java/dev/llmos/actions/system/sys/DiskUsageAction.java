package dev.llmos.actions.system.sys;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.actions.system.support.TextFiles;
import dev.llmos.posix.Chase;
import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.FileSystemStat;
import dev.llmos.posix.FileType;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sys.disk_usage}: how full the filesystems are (space and inodes), or what takes the space
 * under one path.
 */
public final class DiskUsageAction implements Action<DiskUsageAction.Params> {
    /** entries visited at most while sizing a tree, so a huge tree answers quickly. */
    static final int DEFAULT_BUDGET = 200_000;
    /** how many of the biggest entries under the path are reported. */
    static final int TOP_ENTRIES = 25;
    /** mountinfo names mount points without symlinks: one met on the way was put there since, and is not followed. */
    private static final Chase.Rules NO_SYMLINKS = new Chase.Rules(true, owner -> false);
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

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
     * one filesystem's space and inodes, as statfs(2) reports them. the inode fields are null on a
     * filesystem that does not count inodes (btrfs, many fuse ones), as {@code df -i} shows {@code -}.
     *
     * @param device what is mounted, e.g. {@code /dev/sda1}
     * @param availableBytes free space that unprivileged users may use
     * @param usePercent used share of the space available to users, rounded up as df(1) does
     * @param inodes inodes in all: the most files, directories and links the filesystem can hold
     * @param freeInodes inodes not in use
     * @param inodeUsePercent used share of the inodes, rounded up as {@code df -i} does
     */
    public record Filesystem(String mountPoint, String device, String type, long sizeBytes, long usedBytes,
            long availableBytes, int usePercent, Long inodes, Long usedInodes, Long freeInodes,
            Integer inodeUsePercent) {
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
        return "show free and used disk space and inodes per filesystem, or which folders take the most space under a"
                + " path";
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
                "the grand total of the disk usage",
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
                "df -i",
                "how many inodes are left on each filesystem",
                "are we running out of inodes on /var",
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
            Filesystem filesystem = usage(holding(mounts, real, Mounts.device(stat.id().dev())),
                    resolved.requireObject().statfs());
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
            // a zero-sized filesystem is a virtual one; one this caller cannot reach is left out too
            statfs(mount.mountPoint()).filter(stat -> stat.sizeBytes() > 0)
                    .ifPresent(stat -> filesystems.add(usage(mount, stat)));
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

    /** statfs of the filesystem mounted at {@code mountPoint}; empty when it is gone or hidden from this caller. */
    private static Optional<FileSystemStat> statfs(Path mountPoint) {
        try (ResolvedPath resolved = Chase.resolve(mountPoint.toString(), NO_SYMLINKS)) {
            return Optional.of(resolved.requireObject().statfs());
        } catch (PosixException | Chase.RefusedException e) {
            return Optional.empty();
        }
    }

    /** the figures df(1) and {@code df -i} show, from one statfs; {@code mount} null when no mount holds it. */
    static Filesystem usage(Mounts.Mount mount, FileSystemStat stat) {
        long size = stat.sizeBytes();
        long used = Math.max(0, size - stat.freeBytes());
        long available = stat.availableBytes();
        Long inodes = null;
        Long usedInodes = null;
        Long freeInodes = null;
        Integer inodePercent = null;
        if (stat.files() > 0) {
            inodes = stat.files();
            freeInodes = Math.min(stat.freeFiles(), stat.files());
            usedInodes = inodes - freeInodes;
            inodePercent = percent(usedInodes, freeInodes);
        }
        return new Filesystem(mount == null ? null : mount.mountPoint().toString(), mount == null ? null : mount.source(),
                mount == null ? null : mount.type(), size, used, available, percent(used, available), inodes, usedInodes,
                freeInodes, inodePercent);
    }

    /** {@code used} as a share of {@code used + rest}, rounded up as df(1) does; 0 when both are 0. */
    static int percent(long used, long rest) {
        BigInteger whole = BigInteger.valueOf(used).add(BigInteger.valueOf(rest));
        if (whole.signum() == 0) {
            return 0;
        }
        return BigInteger.valueOf(used).multiply(HUNDRED).add(whole).subtract(BigInteger.ONE).divide(whole).intValue();
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
