package org.winsock4j.jna;

import com.sun.jna.Structure;

/** A JNA structure of an SDK type that tells its field offsets (native-headers checks them). */
public abstract class SdkStructure extends Structure {
    /**
     * offsetof(this type, field) as JNA lays it out.
     *
     * @param field the name of one of the structure's fields, as the SDK spells it
     * @return the field's offset in bytes from the start of the structure
     */
    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
