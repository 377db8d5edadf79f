package org.doorstep.field;

/** Who gave the consent: the resident, or a guardian for a resident who cannot. */
public enum ConsentGrantor {
    RESIDENT,
    GUARDIAN
}
