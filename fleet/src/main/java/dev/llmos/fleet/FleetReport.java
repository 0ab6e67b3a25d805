package dev.llmos.fleet;

import java.util.List;

/**
 * a plan applied to many hosts: one result per host, in inventory order.
 *
 * @param via how it ran: {@code ansible} or {@code llm-osd}
 * @param check whether it was a dry run
 * @param hosts each host's result
 */
public record FleetReport(String via, boolean check, List<HostResult> hosts) {
    public FleetReport {
        hosts = List.copyOf(hosts);
    }

    /** whether any host failed, was denied, unconfirmed or unreachable. */
    public boolean anyBad() {
        return hosts.stream().anyMatch(host -> host.status().bad());
    }
}
