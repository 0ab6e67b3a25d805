package dev.llmos.actions.system.net;

import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.actions.system.support.TextFiles;
import java.io.IOException;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code net.interfaces}: the network interfaces with their state, addresses and traffic counters. */
public final class NetInterfacesAction implements Action<NetInterfacesAction.Params> {
    private static final Path SYS_NET = Path.of("/sys/class/net");

    /** {@code net.interfaces} takes no params. */
    public record Params() {
    }

    /** every network interface, sorted by name. */
    public record Interfaces(List<Interface> interfaces) {
    }

    /**
     * one interface; a counter the kernel does not expose is null.
     *
     * @param state the operational state: {@code up}, {@code down}, {@code unknown}, ...
     * @param mac the hardware address, null when the interface has none
     */
    public record Interface(String name, String state, Long mtu, String mac, List<Address> addresses, Long rxBytes,
            Long txBytes) {
    }

    /**
     * one address of an interface.
     *
     * @param prefixLength the network prefix, e.g. 24 for a /24
     */
    public record Address(Family family, String address, int prefixLength) {
    }

    @Override
    public String name() {
        return "net.interfaces";
    }

    @Override
    public String description() {
        return "list the network interfaces with their state, ip and mac addresses, mtu and bytes sent and received";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "what is my ip address?",
                "ip addr",
                "ifconfig",
                "show network interfaces",
                "is eth0 up",
                "show the link status of each interface",
                "which ipv6 addresses does this machine have",
                "what's the mac address of my network card",
                "how much traffic went through wlan0",
                "list the network adapters",
                "what's my local ip on the lan",
                "show the mtu of each interface",
                "ip adress of this server pls",
                "ip link",
                "show my ip address",
                "what's my ipv4 address",
                "list network cards",
                "is my wifi connected",
                "network interface details",
                "show the traffic statistics of each network interface",
                "how many bytes did eth0 send");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Interfaces execute(Params params, ActionContext context) throws ActionException {
        List<Interface> interfaces = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(SYS_NET)) {
            for (Path dir : stream) {
                interfaces.add(describe(dir));
            }
        } catch (IOException e) {
            throw ActionException.at(SYS_NET.toString(), e);
        }
        interfaces.sort(Comparator.comparing(Interface::name));
        return new Interfaces(interfaces);
    }

    private static Interface describe(Path dir) {
        String name = dir.getFileName().toString();
        String mac = TextFiles.firstLine(dir.resolve("address")).filter(s -> !s.isEmpty()).orElse(null);
        return new Interface(name, TextFiles.firstLine(dir.resolve("operstate")).orElse(null),
                TextFiles.number(dir.resolve("mtu")), mac, addresses(name),
                TextFiles.number(dir.resolve("statistics/rx_bytes")), TextFiles.number(dir.resolve("statistics/tx_bytes")));
    }

    private static List<Address> addresses(String name) {
        List<Address> addresses = new ArrayList<>();
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic != null) {
                for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                    byte[] bytes = a.getAddress().getAddress();
                    addresses.add(new Address(Family.of(bytes), InetText.format(bytes), a.getNetworkPrefixLength()));
                }
            }
        } catch (SocketException e) {
            // the interface vanished after it was listed: it has no addresses any more
        }
        addresses.sort(Comparator.comparing(Address::family).thenComparing(Address::address));
        return addresses;
    }
}
