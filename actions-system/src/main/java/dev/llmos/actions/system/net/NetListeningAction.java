package dev.llmos.actions.system.net;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.actions.system.support.Owners;
import dev.llmos.actions.system.support.ProcFs;
import dev.llmos.actions.system.support.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code net.listening}: the tcp and udp ports open for incoming traffic, and who holds them. */
public final class NetListeningAction implements Action<NetListeningAction.Params> {
    private static final Path PROC_NET = Path.of("/proc/net");

    /** which sockets to list. */
    public enum Protocol {
        TCP,
        UDP,
        ALL
    }

    /**
     * params of {@code net.listening}.
     *
     * @param protocol tcp, udp or both
     */
    public record Params(
            @JsonProperty(defaultValue = "all")
            @JsonPropertyDescription("only tcp listeners, only bound udp sockets, or all") Protocol protocol) {
    }

    /** the listening sockets, sorted by protocol, port and address. */
    public record Listening(List<Listener> sockets) {
    }

    /**
     * one listening tcp or bound udp socket.
     *
     * @param protocol {@code tcp} or {@code udp}, never {@code all}
     * @param address the local address; {@code 0.0.0.0} or {@code ::} means every address
     * @param pid the process holding it, null when the caller cannot see it
     * @param process that process's command name, null with the pid
     * @param user the socket's owner
     */
    public record Listener(Protocol protocol, Family family, String address, int port, Long pid, String process,
            String user) {
    }

    /** a file of /proc/net and the socket state that means open for traffic in it. */
    private record Table(Protocol protocol, String file, int state) {
    }

    private record TableRow(Protocol protocol, SocketTable.Row row) {
    }

    private static final List<Table> TABLES = List.of(
            new Table(Protocol.TCP, "tcp", SocketTable.LISTEN),
            new Table(Protocol.TCP, "tcp6", SocketTable.LISTEN),
            new Table(Protocol.UDP, "udp", SocketTable.UNCONNECTED),
            new Table(Protocol.UDP, "udp6", SocketTable.UNCONNECTED));

    @Override
    public String name() {
        return "net.listening";
    }

    @Override
    public String description() {
        return "list the open tcp and udp ports this machine listens on, with the process and user behind each";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "which ports are open?",
                "what is listening on port 8080",
                "netstat -tulpn",
                "ss -ltnp",
                "who is using port 443",
                "show listening sockets",
                "is anything listening on 5432",
                "what services accept network connections",
                "list open udp ports",
                "which process has port 80 bound",
                "open ports on this server",
                "what's lisening on tcp 22",
                "lsof -i -P -n",
                "what ports are in use",
                "which ports are listening",
                "list open ports and the processes using them",
                "is ssh listening on port 22",
                "show udp sockets",
                "what is bound to port 9090");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Listening execute(Params params, ActionContext context) throws ActionException {
        List<TableRow> rows = new ArrayList<>();
        for (Table table : TABLES) {
            Path file = PROC_NET.resolve(table.file());
            if (params.protocol() != Protocol.ALL && params.protocol() != table.protocol() || !Files.exists(file)) {
                // not asked for, or a kernel without ipv6
                continue;
            }
            try {
                for (SocketTable.Row row : SocketTable.parse(TextFiles.read(file))) {
                    if (row.state() == table.state()) {
                        rows.add(new TableRow(table.protocol(), row));
                    }
                }
            } catch (IOException e) {
                throw ActionException.at(file.toString(), e);
            }
        }
        return new Listening(listeners(rows));
    }

    private static List<Listener> listeners(List<TableRow> rows) throws ActionException {
        Set<Long> inodes = new HashSet<>();
        rows.forEach(r -> inodes.add(r.row().inode()));
        Map<Long, Long> pids;
        try {
            pids = SocketOwners.pids(inodes);
        } catch (IOException e) {
            throw ActionException.at(ProcFs.ROOT.toString(), e);
        }
        Owners owners = new Owners();
        List<Listener> listeners = new ArrayList<>(rows.size());
        for (TableRow r : rows) {
            SocketTable.Row row = r.row();
            Long pid = pids.get(row.inode());
            String process = pid == null ? null : TextFiles.firstLine(ProcFs.file(pid, "comm")).orElse(null);
            listeners.add(new Listener(r.protocol(), row.family(), row.address(), row.port(), pid, process,
                    owners.user(row.uid())));
        }
        listeners.sort(Comparator.comparing(Listener::protocol).thenComparingInt(Listener::port)
                .thenComparing(Listener::address));
        return listeners;
    }
}
