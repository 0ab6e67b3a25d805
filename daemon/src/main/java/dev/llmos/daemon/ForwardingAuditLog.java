package dev.llmos.daemon;

import dev.llmos.audit.AuditLog;
import dev.llmos.audit.AuditRecord;
import dev.llmos.audit.VerifyResult;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** an audit log that adds to {@link #append} and passes everything else to the log it wraps. */
abstract class ForwardingAuditLog implements AuditLog {
    protected final AuditLog log;

    ForwardingAuditLog(AuditLog log) {
        this.log = log;
    }

    @Override
    public List<AuditRecord> tail(int limit, Integer uid) throws IOException {
        return log.tail(limit, uid);
    }

    @Override
    public Optional<String> sealed() {
        return log.sealed();
    }

    @Override
    public VerifyResult verify() throws IOException {
        return log.verify();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
