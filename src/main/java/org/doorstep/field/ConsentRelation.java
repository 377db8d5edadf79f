package org.doorstep.field;

/** How a guardian who consents is related to the resident. */
public enum ConsentRelation {
    SPOUSE,
    CHILD,
    PARENT,
    SIBLING,
    RELATIVE,
    LEGAL_GUARDIAN,
    OTHER
}
