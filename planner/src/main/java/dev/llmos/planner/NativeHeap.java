package dev.llmos.planner;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * gives freed native memory back to the system. glibc keeps what onnx runtime frees in its arenas, so
 * without a trim an unloaded model still counts in the process's resident memory.
 */
final class NativeHeap {
    // a restricted call: the daemon and tests run with --enable-native-access, as for the posix module
    @SuppressWarnings("restricted")
    private static final Optional<MethodHandle> MALLOC_TRIM = Linker.nativeLinker().defaultLookup().find("malloc_trim")
            .map(symbol -> Linker.nativeLinker().downcallHandle(symbol,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG)));

    private NativeHeap() {
    }

    /** malloc_trim(0) where the c library has it (glibc); nothing elsewhere. */
    static void trim() {
        MALLOC_TRIM.ifPresent(trim -> {
            try {
                // the result only says whether anything was released
                int ignored = (int) trim.invokeExact(0L);
            } catch (Throwable t) {
                throw new IllegalStateException("malloc_trim failed", t);
            }
        });
    }
}
