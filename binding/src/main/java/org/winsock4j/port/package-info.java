/**
 * The port: the one interface between the safe layer and a backend (docs/ARCHITECTURE.md#layers),
 * one method per native function with C's arguments, and the SDK's constants and structure
 * images. Not part of winsock4j's API and not exported from the module: a port call reaches a
 * bare SOCKET without the lifetime guard. The project's tests, command line and benchmarks reach
 * it through {@code org.winsock4j.unguarded.UnguardedPorts}.
 */
package org.winsock4j.port;
