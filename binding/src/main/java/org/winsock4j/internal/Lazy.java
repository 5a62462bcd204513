package org.winsock4j.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made once, at its first use, thread-safely: a Winsock's port and pollers, an IP
 * Helper's port (the backend is chosen and reached only when first needed).
 *
 * @param <T> the value
 */
public final class Lazy<T> {
    private final String name;
    private final Supplier<? extends T> make;
    private volatile T value;

    /**
     * A value {@code make} makes at the first {@link #get()}.
     *
     * @param name what the value is, for the exception when {@code make} returns null
     * @param make makes the value; called once, unless it throws
     */
    public Lazy(String name, Supplier<? extends T> make) {
        this.name = name;
        this.make = make;
    }

    /**
     * The value, made now if it was not yet.
     *
     * @return the value, never null
     * @throws NullPointerException if the supplier returned null (its message is the name)
     */
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(make.get(), name);
                    value = v;
                }
            }
        }
        return v;
    }

    /**
     * The value if it was made, without making it.
     *
     * @return the value, or null
     */
    public T ifMade() {
        return value;
    }
}
