package org.winsock4j.jna;

import com.sun.jna.Structure;

/** A JNA structure of an SDK type that tells its field offsets (native-headers checks them). */
public abstract class SdkStructure extends Structure {
    /** offsetof(this type, field) as JNA lays it out. */
    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
