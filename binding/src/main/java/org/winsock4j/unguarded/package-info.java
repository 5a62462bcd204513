/**
 * Unsupported, not part of winsock4j's API: {@link org.winsock4j.unguarded.UnguardedPorts}, the
 * door to the raw ports (native calls on bare SOCKET numbers, without a WinSocket's lifetime
 * guard) for the project's own tests, command line and benchmarks. Not exported from the module;
 * on the class path, use it only if you are one of those.
 */
package org.winsock4j.unguarded;
