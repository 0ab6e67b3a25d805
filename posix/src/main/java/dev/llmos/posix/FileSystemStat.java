package dev.llmos.posix;

/**
 * what statfs(2) says of the file system holding an object. counts are unsigned in the kernel; one
 * past {@link Long#MAX_VALUE} (a fuse server may report anything) is read as {@link Long#MAX_VALUE},
 * and the byte figures saturate there too. nothing is read from the file system's name: a bind mount
 * reports the statistics of the whole file system it shows part of.
 *
 * @param type the file system's magic number ({@code f_type}), e.g. {@code 0xef53} for ext4
 * @param blockSize the unit of the block counts ({@code f_frsize}, or {@code f_bsize} where that is 0)
 * @param blocks the size in blocks ({@code f_blocks})
 * @param freeBlocks free blocks, the ones reserved for root included ({@code f_bfree})
 * @param availableBlocks free blocks an unprivileged user may use ({@code f_bavail})
 * @param files inodes in all ({@code f_files}); 0 on a file system that does not count them
 * @param freeFiles free inodes ({@code f_ffree})
 */
public record FileSystemStat(long type, long blockSize, long blocks, long freeBlocks, long availableBlocks,
        long files, long freeFiles) {
    public FileSystemStat {
        blockSize = unsigned(blockSize);
        blocks = unsigned(blocks);
        freeBlocks = unsigned(freeBlocks);
        availableBlocks = unsigned(availableBlocks);
        files = unsigned(files);
        freeFiles = unsigned(freeFiles);
    }

    /** the size in bytes, as statvfs(3) users (df, {@code File.getTotalSpace}) compute it. */
    public long sizeBytes() {
        return bytes(blocks);
    }

    /** free bytes, the ones reserved for root included. */
    public long freeBytes() {
        return bytes(freeBlocks);
    }

    /** free bytes an unprivileged user may use. */
    public long availableBytes() {
        return bytes(availableBlocks);
    }

    private long bytes(long count) {
        long high = Math.multiplyHigh(count, blockSize);
        long low = count * blockSize;
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
    }

    private static long unsigned(long value) {
        return value < 0 ? Long.MAX_VALUE : value;
    }
}
