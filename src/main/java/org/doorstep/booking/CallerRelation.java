package org.doorstep.booking;

/** Who phoned, seen from the resident: the resident, or someone acting on their behalf (帮代办). */
public enum CallerRelation {
    SELF,
    SPOUSE,
    CHILD,
    RELATIVE,
    NEIGHBOUR,
    VILLAGE_HELPER,
    OTHER
}
