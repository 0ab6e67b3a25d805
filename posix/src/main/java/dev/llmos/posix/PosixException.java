package dev.llmos.posix;

/** a failed system call with its errno. */
public final class PosixException extends Exception {
    private final int errno;

    public PosixException(String call, int errno) {
        super(call + " failed: errno " + errno);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
