package dev.llmos.daemon;

import java.io.IOException;

/**
 * an audit record that could not be written. the request's answer stays what it was (a denial
 * stays a denial, a completed run reports what it did); the daemon's log says which record is
 * missing and what the client was told. a failed write seals the audit log, so no later change
 * runs unrecorded.
 */
final class Unrecorded {
    private Unrecorded() {
    }

    /**
     * reports the record of {@code what} (a txid or a request, and its outcome) that {@code failure}
     * kept from the log; {@code answered} says what the client got instead.
     */
    static void report(String what, IOException failure, String answered) {
        System.err.println("llm-osd: the audit record of " + what + " could not be written: " + failure.getMessage()
                + "; " + answered);
    }
}
