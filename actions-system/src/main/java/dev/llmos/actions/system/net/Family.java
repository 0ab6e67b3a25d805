package dev.llmos.actions.system.net;

/** an address family, lowercase on the wire. */
public enum Family {
    IPV4,
    IPV6;

    /** the family of a 4 or 16 byte address. */
    static Family of(byte[] address) {
        return address.length == 4 ? IPV4 : IPV6;
    }
}
