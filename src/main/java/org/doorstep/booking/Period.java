package org.doorstep.booking;

/** When in the day the resident would like the visit. */
public enum Period {
    MORNING,
    AFTERNOON,
    ANY
}
