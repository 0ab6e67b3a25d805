package dev.llmos.daemon;

import dev.llmos.audit.AuditEntry;
import dev.llmos.audit.AuditLog;
import dev.llmos.audit.AuditRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * one journal line per decided action, sent once its audit record is durable: who asked, what,
 * the decision, the outcome and the txid, as text and as structured fields
 * ({@code LLMOS_DECISION}, {@code LLMOS_ACTION}, {@code LLMOS_TXID}, ...), so that
 * {@code journalctl -u llm-osd LLMOS_DECISION=deny} lists the denials. never params, paths or
 * contents: the audit log stays the record of truth, and {@code LLMOS_AUDIT_SEQ} points into it.
 * a journal that cannot be reached never fails a request (the record is already written); the
 * first failure is reported on stderr, which the unit sends to the journal too.
 */
final class JournaledAudit extends ForwardingAuditLog {
    /** identifies decision entries in the journal ({@code journalctl MESSAGE_ID=...}). */
    static final String MESSAGE_ID = "0c5d7f3a9e2b4d6c8a1f3e5b7d9c2a40";

    private final Path socket;
    private final AtomicBoolean warned = new AtomicBoolean();

    private JournaledAudit(AuditLog log, Path socket) {
        super(log);
        this.socket = socket;
    }

    /** {@code log} with a journal line per record where journald listens at {@code socket}, else {@code log} itself. */
    static AuditLog around(AuditLog log, Path socket) {
        return Files.exists(socket) ? new JournaledAudit(log, socket) : log;
    }

    @Override
    protected AuditRecord add(AuditEntry entry, Appender appender) throws IOException {
        AuditRecord record = appender.append(entry);
        try {
            message(record).send(socket);
        } catch (IOException | RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                System.err.println("llm-osd: decisions are not sent to the journal: " + e.getMessage());
            }
        }
        return record;
    }

    /** the journal entry of {@code record}: identity, action, decision, outcome, txid; nothing the caller sent. */
    static JournalMessage message(AuditRecord record) {
        AuditEntry entry = record.entry();
        String txid = entry.txid() == null ? "-" : entry.txid();
        JournalMessage message = new JournalMessage()
                .field("MESSAGE", entry.caller().user() + " (uid " + entry.caller().uid() + ") " + entry.action() + ": "
                        + entry.decision() + ", " + entry.outcome() + ", txid " + txid)
                .field("MESSAGE_ID", MESSAGE_ID)
                .field("PRIORITY", entry.decision().equals("deny") ? "5" : "6")
                .field("SYSLOG_IDENTIFIER", "llm-osd")
                .field("LLMOS_UID", Integer.toString(entry.caller().uid()))
                .field("LLMOS_USER", entry.caller().user())
                .field("LLMOS_PID", Long.toString(entry.caller().pid()))
                .field("LLMOS_ACTION", entry.action())
                .field("LLMOS_DECISION", entry.decision())
                .field("LLMOS_OUTCOME", entry.outcome())
                .field("LLMOS_AUDIT_SEQ", Long.toString(record.seq()));
        if (entry.txid() != null) {
            message.field("LLMOS_TXID", entry.txid());
        }
        if (entry.rule() != null) {
            message.field("LLMOS_RULE", entry.rule());
        }
        return message;
    }
}
