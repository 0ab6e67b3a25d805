package dev.llmos.shell;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandomSpi;

/**
 * unix socket channels for a one-shot command, without the jdk's security providers.
 *
 * <p>the first unix socket channel of a jvm initialises {@code sun.nio.ch.UnixDomainSockets}, whose
 * static initialiser draws a {@code SecureRandom} ({@code NativePRNGNonBlocking}) for the names of sockets
 * bound without one, which llmsh never binds. drawing it instantiates the {@code SUN} provider, with its
 * hundred services and the known-oid table: about 12 ms of a one-shot command's 90 on this project's
 * machines, interpreted once per process (docs/benchmarks.md). so llmsh initialises that class once,
 * first, with a provider list of its own in place for this thread alone
 * ({@code sun.security.jca.Providers}, exported to llmsh by its launcher): its one generator reads
 * /dev/urandom, as {@code NativePRNGNonBlocking} does. the system's provider list is never changed, and
 * without the export (another launcher, another jdk) the class initialises the usual way.
 */
final class UnixSockets {
    private static final String PROVIDERS = "sun.security.jca.Providers";
    private static final String PROVIDER_LIST = "sun.security.jca.ProviderList";
    private static final String UNIX_SOCKETS = "sun.nio.ch.UnixDomainSockets";

    private static boolean prepared;

    private UnixSockets() {
    }

    /** a channel connected to the unix socket at {@code path}. */
    static SocketChannel connect(Path path) throws IOException {
        prepare();
        return SocketChannel.open(UnixDomainSocketAddress.of(path));
    }

    /**
     * initialises the jdk's unix socket support under llmsh's own provider list, once, before any channel
     * of this process; true when the class is set up (under that list, unless something in this process
     * had set it up before), false when the jdk's way was taken (no export, not this jdk's classes).
     */
    static synchronized boolean prepare() {
        if (prepared) {
            return false;
        }
        prepared = true;
        try {
            Class<?> providers = Class.forName(PROVIDERS);
            Class<?> listType = Class.forName(PROVIDER_LIST);
            Object own = listType.getMethod("newList", Provider[].class).invoke(null, (Object) new Provider[] {new Urandom.Source()});
            Object saved = providers.getMethod("beginThreadProviderList", listType).invoke(null, own);
            try {
                Class.forName(UNIX_SOCKETS, true, null);
            } finally {
                providers.getMethod("endThreadProviderList", listType).invoke(null, saved);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // not exported to llmsh (`IllegalAccessException`) or not this jdk's classes: the first channel
            // initialises the class as the jdk does
            return false;
        }
    }

    /** a nonblocking generator over /dev/urandom, the source {@code NativePRNGNonBlocking} reads. */
    static final class Urandom extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private transient InputStream in;

        /** a seed adds nothing to the kernel's pool this reads; ignoring it never weakens the output. */
        @Override
        protected void engineSetSeed(byte[] seed) {
        }

        @Override
        protected synchronized void engineNextBytes(byte[] bytes) {
            try {
                if (in == null) {
                    in = new FileInputStream("/dev/urandom");
                }
                if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                    throw new ProviderException("/dev/urandom ended");
                }
            } catch (IOException e) {
                throw new ProviderException("cannot read /dev/urandom", e);
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int length) {
            byte[] seed = new byte[length];
            engineNextBytes(seed);
            return seed;
        }

        /** the provider of that one generator, under the name the jdk asks for. */
        static final class Source extends Provider {
            private static final long serialVersionUID = 1L;

            Source() {
                super("llmsh-urandom", "1", "/dev/urandom as NativePRNGNonBlocking, for the jdk's unix sockets");
                putService(new Service(this, "SecureRandom", "NativePRNGNonBlocking", Urandom.class.getName(), null, null) {
                    @Override
                    public Object newInstance(Object parameter) {
                        return new Urandom();
                    }
                });
            }
        }
    }
}
