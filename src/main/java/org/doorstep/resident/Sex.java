package org.doorstep.resident;

/** As the ID number says it (its 17th digit). */
public enum Sex {
    MALE,
    FEMALE
}
