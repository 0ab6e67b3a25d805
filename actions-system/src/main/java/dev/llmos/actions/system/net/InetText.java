package dev.llmos.actions.system.net;

import java.util.Arrays;

/**
 * addresses as people write them: dotted ipv4, and ipv6 in the canonical text form of rfc 5952
 * (lowercase, leading zeros dropped, the longest run of zero groups as {@code ::}).
 */
final class InetText {
    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private InetText() {
    }

    /** the text of a 4 or 16 byte address; ipv4-mapped ipv6 keeps its {@code ::ffff:} prefix. */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        if (isMapped(address)) {
            return "::ffff:" + format(Arrays.copyOfRange(address, 12, 16));
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }

    /** the ipv4 address inside an ipv4-mapped ipv6 one ({@code ::ffff:a.b.c.d}); other addresses as they are. */
    static byte[] unmapped(byte[] address) {
        return isMapped(address) ? Arrays.copyOfRange(address, 12, 16) : address;
    }

    private static boolean isMapped(byte[] address) {
        return address.length == 16 && Arrays.equals(address, 0, 12, MAPPED_PREFIX, 0, 12);
    }
}
