package dev.llmos.actions.system.sys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** the mount table of this process, as proc(5) {@code /proc/self/mountinfo} gives it. */
final class Mounts {
    static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    /** kernel interfaces and virtual trees that hold no files of anyone's. */
    private static final Set<String> PSEUDO = Set.of("proc", "sysfs", "cgroup", "cgroup2", "devpts", "devtmpfs",
            "mqueue", "debugfs", "tracefs", "securityfs", "pstore", "bpf", "configfs", "fusectl", "hugetlbfs",
            "autofs", "binfmt_misc", "efivarfs", "selinuxfs", "rpc_pipefs", "nsfs", "ramfs", "nfsd",
            "fuse.gvfsd-fuse", "fuse.portal");

    private Mounts() {
    }

    /**
     * one mounted filesystem.
     *
     * @param device the {@code major:minor} device number, as stat(2) reports it for files inside
     * @param source what was mounted, e.g. {@code /dev/sda1} or {@code tmpfs}
     */
    record Mount(String device, Path mountPoint, String type, String source) {
        boolean pseudo() {
            return PSEUDO.contains(type) || type.startsWith("cgroup");
        }
    }

    /** parses mountinfo: id, parent, major:minor, root, mount point, options, [optional...], -, type, source. */
    static List<Mount> parse(String mountinfo) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            String[] fields = line.split(" ");
            int separator = List.of(fields).indexOf("-");
            if (fields.length < 6 || separator < 6 || separator + 2 >= fields.length) {
                continue;
            }
            mounts.add(new Mount(fields[2], Path.of(unescape(fields[4])), unescape(fields[separator + 1]),
                    unescape(fields[separator + 2])));
        }
        return mounts;
    }

    /** the device number of stat(2)'s {@code st_dev} in mountinfo's {@code major:minor} form. */
    static String device(long dev) {
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        return major + ":" + minor;
    }

    /** undoes the kernel's octal escapes of space, tab, newline and backslash ({@code \040}). */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(field.length());
        byte[] raw = field.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\' && i + 3 < raw.length && octal(raw[i + 1]) && octal(raw[i + 2]) && octal(raw[i + 3])) {
                bytes.write((raw[i + 1] - '0') * 64 + (raw[i + 2] - '0') * 8 + (raw[i + 3] - '0'));
                i += 3;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean octal(byte b) {
        return b >= '0' && b <= '7';
    }
}
