package dev.llmos.daemon;

import dev.llmos.audit.AuditEntry;
import dev.llmos.audit.AuditLog;
import dev.llmos.audit.AuditRecord;
import dev.llmos.audit.VerifyResult;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * an audit log that adds to appending ({@link #add}, synced or not alike) and passes everything else to
 * the log it wraps.
 */
abstract class ForwardingAuditLog implements AuditLog {
    /** one of the wrapped log's ways to append. */
    @FunctionalInterface
    interface Appender {
        AuditRecord append(AuditEntry entry) throws IOException;
    }

    protected final AuditLog log;

    ForwardingAuditLog(AuditLog log) {
        this.log = log;
    }

    /** appends {@code entry} through {@code appender}, one of the wrapped log's appends, adding what this log adds. */
    protected abstract AuditRecord add(AuditEntry entry, Appender appender) throws IOException;

    @Override
    public final AuditRecord append(AuditEntry entry) throws IOException {
        return add(entry, log::append);
    }

    @Override
    public final AuditRecord appendUnsynced(AuditEntry entry) throws IOException {
        return add(entry, log::appendUnsynced);
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
