package dev.llmos.policy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** the linux capability names a rule may grant a run as root, as capabilities(7) spells them. */
final class Capabilities {
    static final Set<String> NAMES = Set.copyOf(List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE"));

    private Capabilities() {
    }

    /** {@code text} when it names a capability (case as written in capabilities(7)), else a clear refusal. */
    static String named(String text) {
        if (!NAMES.contains(text)) {
            throw new IllegalArgumentException("\"" + text + "\" is not a capability (like CAP_NET_BIND_SERVICE; "
                    + "capabilities(7) lists them)");
        }
        return text;
    }

    static Set<String> sorted(Set<String> names) {
        return new TreeSet<>(names);
    }
}
