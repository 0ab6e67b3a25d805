package dev.llmos.posix;

/**
 * which object a descriptor or a name refers to: its device and inode, as {@code st_dev} and
 * {@code st_ino} (the same encoding as {@code unix:dev} and {@code unix:ino} in the jdk).
 */
public record FileId(long dev, long ino) {
    /** {@code dev:ino}, the form confirmations and audit records carry. */
    @Override
    public String toString() {
        return Long.toUnsignedString(dev) + ":" + Long.toUnsignedString(ino);
    }

    /** the device number glibc's {@code makedev} gives for a major and minor pair. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffL) << 8) | ((major & 0xfffff000L) << 32) | (minor & 0xffL) | ((minor & 0xffffff00L) << 12);
    }
}
