package org.winsock4j.unguarded;

import java.lang.invoke.MethodHandles;
import org.winsock4j.Backend;
import org.winsock4j.Winsock;
import org.winsock4j.port.IpHelperPort;
import org.winsock4j.port.WinsockPort;
import org.winsock4j.tcp.IpHelper;

/**
 * How {@link UnguardedPorts} reaches the API's package-private factories ({@code Backend.port()},
 * {@code Winsock.over}, {@code IpHelper.over}) without making them public: {@link Winsock} and
 * {@link IpHelper} hand them over from their static initialisers, once (the JDK's
 * SharedSecrets pattern). Unsupported, as {@link UnguardedPorts}; an application has no use for it.
 */
public final class SafeLayerAccess {
    private SafeLayerAccess() {}

    /** What {@link Winsock} hands over. */
    public interface WinsockFactories {
        /**
         * {@code backend}'s raw port.
         *
         * @param backend the backend
         * @return its port
         */
        WinsockPort port(Backend backend);

        /**
         * A new Winsock over {@code port}.
         *
         * @param port the port
         * @return the Winsock
         */
        Winsock over(WinsockPort port);
    }

    /** What {@link IpHelper} hands over. */
    public interface IpHelperFactory {
        /**
         * A new IpHelper over {@code port}.
         *
         * @param port the port
         * @return the IpHelper
         */
        IpHelper over(IpHelperPort port);
    }

    private static volatile WinsockFactories winsock;
    private static volatile IpHelperFactory ipHelper;

    /**
     * Called once, by {@link Winsock}'s static initialiser.
     *
     * @param factories Winsock's factories
     * @throws IllegalStateException when they were handed over already
     */
    public static synchronized void install(WinsockFactories factories) {
        if (winsock != null) {
            throw new IllegalStateException("Winsock's factories were handed over already");
        }
        winsock = factories;
    }

    /**
     * Called once, by {@link IpHelper}'s static initialiser.
     *
     * @param factory IpHelper's factory
     * @throws IllegalStateException when it was handed over already
     */
    public static synchronized void install(IpHelperFactory factory) {
        if (ipHelper != null) {
            throw new IllegalStateException("IpHelper's factory was handed over already");
        }
        ipHelper = factory;
    }

    static WinsockFactories winsock() {
        initialise(Winsock.class);
        return winsock;
    }

    static IpHelperFactory ipHelper() {
        initialise(IpHelper.class);
        return ipHelper;
    }

    /** Runs the class's static initialiser, which installs its factories, if it has not run yet. */
    private static void initialise(Class<?> apiClass) {
        try {
            MethodHandles.lookup().ensureInitialized(apiClass);
        } catch (IllegalAccessException e) {
            throw new AssertionError(apiClass + " is public", e);
        }
    }
}
