package org.doorstep.identity;

import java.time.Duration;

import org.doorstep.shared.ProblemException;
import org.doorstep.shared.Problems;

/** The refusals of sign-in, refresh and enrolment. They never say which part of a credential was wrong. */
final class IdentityProblems {

    private IdentityProblems() {
    }

    static ProblemException invalidCredentials() {
        return Problems.of("invalid-credentials", 401, "Sign-in failed", "The username or the password is wrong")
                .header("WWW-Authenticate", "Bearer");
    }

    static ProblemException locked(Duration remaining) {
        long seconds = Math.max(1, remaining.toSeconds() + (remaining.toNanosPart() > 0 ? 1 : 0));
        return Problems.of("account-locked", 429, "Too many failed sign-ins",
                "Too many failed sign-ins for this username; try again in " + ((seconds + 59) / 60) + " minutes")
                .header("Retry-After", String.valueOf(seconds))
                .with("retryAfterSeconds", seconds).arg("retryAfterMinutes", (seconds + 59) / 60);
    }

    static ProblemException tabletRequired() {
        return Problems.of("tablet-required", 403, "Sign in on a tablet",
                "Field agents sign in on an enrolled tablet (POST /api/v1/auth/device-login)");
    }

    static ProblemException invalidDevice() {
        return Problems.of("invalid-device-credentials", 401, "The tablet is not recognised",
                "This tablet is unknown, revoked, or its secret is wrong; enrol it again")
                .header("WWW-Authenticate", "Bearer");
    }

    static ProblemException notForThisTablet() {
        return Problems.of("not-allowed-on-tablet", 403, "Not allowed on this tablet",
                "Only field agents of the tablet's town, in a team, may sign in on it");
    }

    static ProblemException invalidRefreshToken() {
        return Problems.of("invalid-refresh-token", 401, "The refresh token is not valid",
                "The refresh token is unknown, expired, spent or revoked; sign in again")
                .header("WWW-Authenticate", "Bearer");
    }

    static ProblemException invalidEnrollmentCode() {
        return Problems.of("invalid-enrollment-code", 401, "The enrolment code is not valid",
                "The enrolment code is unknown, expired or already used; ask for a new one");
    }
}
