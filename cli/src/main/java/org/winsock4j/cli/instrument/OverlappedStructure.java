package org.winsock4j.cli.instrument;

import com.sun.jna.Structure;

/**
 * The overlapped receive's SDK structures ({@link WSABUF}, {@link WSAOVERLAPPED}): JNA lays them
 * out, {@link OverlappedReceive} reads their offsets from here, and native-headers checks the same
 * offsets against the SDK headers.
 */
abstract class OverlappedStructure extends Structure {
    /**
     * offsetof(this type, field) as JNA lays it out.
     *
     * @param field the name of one of the structure's fields, as the SDK spells it
     * @return the field's offset in bytes from the start of the structure
     */
    int offsetOf(String field) {
        return fieldOffset(field);
    }
}
