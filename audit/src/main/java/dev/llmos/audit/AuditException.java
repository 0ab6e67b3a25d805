package dev.llmos.audit;

import java.io.IOException;

/** the audit log cannot record: it is closed, held by another process, or failed and sealed itself. */
public final class AuditException extends IOException {
    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
