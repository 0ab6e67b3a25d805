/**
 * the audit log: every request that reached policy, as append-only, hash-chained json lines that
 * are durable before the daemon replies. see {@link dev.llmos.audit.AuditLog} for the guarantees
 * and {@link dev.llmos.audit.AuditRecord} for the record and its hash.
 */
package dev.llmos.audit;
