package org.doorstep.capture;

import java.util.UUID;

/**
 * Whether the resident of a visit has consented to biometric capture: what a face photo needs first.
 * Consent is the field feature's (it records it at the door); captures only ask, through this.
 */
public interface BiometricConsent {

    boolean given(UUID visitId);
}
