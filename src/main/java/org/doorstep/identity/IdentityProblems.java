package org.doorstep.identity;

import java.time.Duration;

import org.doorstep.shared.ProblemException;

/** The refusals of sign-in, refresh and enrolment. They never say which part of a credential was wrong. */
final class IdentityProblems {

    private IdentityProblems() {
    }

    static ProblemException invalidCredentials() {
        return IdentityProblem.INVALID_CREDENTIALS
                .exception("The username or the password is wrong (field agents sign in on their tablet)")
                .header("WWW-Authenticate", "Bearer");
    }

    static ProblemException locked(Duration remaining) {
        long seconds = Math.max(1, remaining.toSeconds() + (remaining.toNanosPart() > 0 ? 1 : 0));
        return IdentityProblem.ACCOUNT_LOCKED
                .exception("Too many failed sign-ins for this username; try again in " + ((seconds + 59) / 60) + " minutes")
                .header("Retry-After", String.valueOf(seconds))
                .with("retryAfterSeconds", seconds).arg("retryAfterMinutes", (seconds + 59) / 60);
    }

    static ProblemException slowed(Duration remaining) {
        long seconds = Math.max(1, remaining.toSeconds() + (remaining.toNanosPart() > 0 ? 1 : 0));
        return IdentityProblem.SIGN_IN_SLOWED
                .exception("Many sign-ins to this username failed; try again in " + seconds + " seconds")
                .header("Retry-After", String.valueOf(seconds)).with("retryAfterSeconds", seconds);
    }

    static ProblemException invalidDevice() {
        return IdentityProblem.INVALID_DEVICE_CREDENTIALS
                .exception("This tablet is unknown, revoked, or its secret is wrong; enrol it again")
                .header("WWW-Authenticate", "Bearer");
    }

    static ProblemException notForThisTablet() {
        return IdentityProblem.NOT_ALLOWED_ON_TABLET
                .exception("Only field agents of the tablet's town, in a team, may sign in on it");
    }

    static ProblemException invalidRefreshToken() {
        return IdentityProblem.INVALID_REFRESH_TOKEN
                .exception("The refresh token is unknown, expired, spent or revoked; sign in again")
                .header("WWW-Authenticate", "Bearer");
    }

    static ProblemException invalidEnrollmentCode() {
        return IdentityProblem.INVALID_ENROLLMENT_CODE
                .exception("The enrolment code is unknown, expired or already used; ask for a new one");
    }
}
