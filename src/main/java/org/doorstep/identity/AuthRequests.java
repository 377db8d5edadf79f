package org.doorstep.identity;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the sign-in endpoints. */
public final class AuthRequests {

    private AuthRequests() {
    }

    @Schema(name = "LoginRequest")
    public record Login(
            @NotBlank @Size(max = 64) @Schema(examples = "operator") String username,
            @NotNull @Size(min = 1, max = 1024) @Schema(examples = "doorstep-demo") String password) {
    }

    @Schema(name = "DeviceLoginRequest")
    public record DeviceLogin(
            @NotNull UUID deviceId,
            @NotBlank @Size(max = 200) @Schema(description = "The secret the tablet received at enrolment") String deviceSecret,
            @NotBlank @Size(max = 64) @Schema(examples = "agent1") String username,
            @NotNull @Size(min = 1, max = 1024) @Schema(examples = "doorstep-demo") String password,
            @Size(max = 50) @Schema(description = "The tablet app's version, kept on the tablet's record", examples = "1.4.2") String appVersion) {
    }

    @Schema(name = "RefreshRequest")
    public record Refresh(
            @NotBlank @Size(max = 200) String refreshToken,
            @Schema(description = "From a tablet (required for a tablet's session): its id. With deviceSecret, a refresh"
                    + " retried after a lost response gets the same pair again instead of being taken as theft") UUID deviceId,
            @Size(max = 200) @Schema(description = "From a tablet (required for a tablet's session): its secret") String deviceSecret) {
    }
}
