package org.winsock4j.internal;

import java.nio.ByteBuffer;

/**
 * The checks every port method makes on its array and buffer arguments before any native call:
 * {@link NativeWinsockPort} makes them for both real backends (JNA, FFM), and the tests' fake
 * makes the same ones. A length handed to ws2_32 is a promise
 * about memory, and a wrong one makes ws2_32 read or write outside the Java array or direct
 * buffer it was given. A failed check throws with the function, the argument and the bad value
 * in its message: {@link IndexOutOfBoundsException} for a slice or a length that does not fit its
 * array or buffer, {@link IllegalArgumentException} for an array of the wrong shape,
 * {@link NullPointerException} for a missing one. docs/ARCHITECTURE.md#port-arguments states the rule;
 * the contract suite checks it on every backend. A message is built only when a check fails: the
 * data path allocates nothing (a message supplier, a capturing lambda, allocated 16 bytes a call
 * on Java 25).
 */
public final class PortArguments {
    private PortArguments() {}

    /**
     * {@code len} bytes of {@code buf} from {@code offset} (send, recv).
     *
     * @param function the SDK function, for the message
     * @param buf the array
     * @param offset where the slice starts
     * @param len the slice's length
     * @throws NullPointerException if {@code buf} is null
     * @throws IndexOutOfBoundsException if the slice is not inside {@code buf}
     */
    public static void slice(String function, byte[] buf, int offset, int len) {
        notNull(function, "buf", buf);
        if (offset < 0 || len < 0 || offset > buf.length - len) {
            throw new IndexOutOfBoundsException(function + ": offset " + offset + " and len " + len
                    + " do not fit a buffer of " + buf.length + " bytes");
        }
    }

    /**
     * {@code len} bytes of {@code buffer} from index {@code offset} (send, recv, sendto, recvfrom
     * on a ByteBuffer, direct or heap): inside the buffer's limit, whatever its position.
     *
     * @param function the SDK function, for the message
     * @param buffer the buffer
     * @param offset the index of the slice's first byte
     * @param len the slice's length
     * @throws NullPointerException if {@code buffer} is null
     * @throws IndexOutOfBoundsException if the slice is not inside the buffer's first
     *     {@code limit()} bytes
     */
    public static void slice(String function, ByteBuffer buffer, int offset, int len) {
        notNull(function, "buffer", buffer);
        if (offset < 0 || len < 0 || offset > buffer.limit() - len) {
            throw new IndexOutOfBoundsException(function + ": offset " + offset + " and len " + len
                    + " do not fit the buffer's limit of " + buffer.limit() + " bytes");
        }
    }

    /**
     * An input structure and the length passed with it (bind's and connect's name and namelen,
     * sendto's to and tolen, setsockopt's optval and optlen).
     *
     * @param function the SDK function, for the message
     * @param name the structure parameter's SDK name, for the message
     * @param lengthName the length parameter's SDK name, for the message
     * @param image the structure's bytes
     * @param length the length passed to the function
     * @throws NullPointerException if {@code image} is null
     * @throws IndexOutOfBoundsException if {@code length} is negative or longer than {@code image}
     */
    public static void in(String function, String name, String lengthName, byte[] image, int length) {
        notNull(function, name, image);
        if (length < 0 || length > image.length) {
            throw new IndexOutOfBoundsException(function + ": " + lengthName + " " + length + " does not fit " + name
                    + " of " + image.length + " bytes");
        }
    }

    /**
     * An output buffer and its in-out length (accept's addr and addrlen, getsockname's and
     * getpeername's name and namelen, getsockopt's optval and optlen, recvfrom's from and
     * fromlen): {@code length[0]} is how many bytes the function may write into {@code out}.
     *
     * @param function the SDK function, for the message
     * @param name the output parameter's SDK name, for the message
     * @param lengthName the length parameter's SDK name, for the message
     * @param out the output buffer
     * @param length {@code [0]} its size as passed to the function
     * @param optional whether the function takes both as NULL (accept, recvfrom)
     * @throws NullPointerException if one of them is null (both, unless {@code optional})
     * @throws IllegalArgumentException if {@code length} has no element
     * @throws IndexOutOfBoundsException if {@code length[0]} is negative or more than {@code out}
     *     holds
     */
    public static void out(String function, String name, String lengthName, byte[] out, int[] length,
            boolean optional) {
        if (optional && out == null && length == null) {
            return;
        }
        notNull(function, name, out);
        notNull(function, lengthName, length);
        if (length.length == 0) {
            throw new IllegalArgumentException(function + ": " + lengthName + " is an empty array");
        }
        if (length[0] < 0 || length[0] > out.length) {
            throw new IndexOutOfBoundsException(function + ": " + lengthName + " " + length[0] + " does not fit "
                    + name + " of " + out.length + " bytes");
        }
    }

    /**
     * An array the function writes its one value into, at index 0 (ioctlsocket's argp, WSAIoctl's
     * lpcbBytesReturned, WSAStartup's version out).
     *
     * @param function the SDK function, for the message
     * @param name the parameter's SDK name, for the message
     * @param value the array, or null where the port method takes null
     * @param optional whether null is allowed
     * @throws NullPointerException if {@code value} is null and not {@code optional}
     * @throws IllegalArgumentException if {@code value} has no element
     */
    public static void one(String function, String name, int[] value, boolean optional) {
        if (value == null && optional) {
            return;
        }
        notNull(function, name, value);
        if (value.length == 0) {
            throw new IllegalArgumentException(function + ": " + name + " is an empty array");
        }
    }

    /**
     * WSAPoll's three arrays: the same length, at least 1.
     *
     * @param fds the sockets
     * @param events the events asked for
     * @param revents receives the events reported
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the lengths differ or are 0
     */
    public static void poll(long[] fds, short[] events, short[] revents) {
        notNull("WSAPoll", "fds", fds);
        notNull("WSAPoll", "events", events);
        notNull("WSAPoll", "revents", revents);
        int n = fds.length;
        if (events.length != n || revents.length != n || n == 0) {
            throw new IllegalArgumentException("WSAPoll: fds, events and revents need the same length, at least 1;"
                    + " got " + n + ", " + events.length + ", " + revents.length);
        }
    }

    /** A required argument: the message, built only when it is missing, names the function and the parameter. */
    private static void notNull(String function, String name, Object value) {
        if (value == null) {
            throw new NullPointerException(function + ": " + name + " is null");
        }
    }
}
