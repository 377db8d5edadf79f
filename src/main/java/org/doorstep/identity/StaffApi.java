package org.doorstep.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.doorstep.shared.openapi.PageSchema;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the staff endpoints. Passwords go in, never out. */
public final class StaffApi {

    static final String ROLE = "operator|dispatcher|field_agent|supervisor|admin|county_admin";
    static final String ROLE_MESSAGE = "must be one of operator, dispatcher, field_agent, supervisor, admin, county_admin";
    static final String PHONE = "^[0-9+-]{5,20}$";

    private StaffApi() {
    }

    @Schema(name = "CreateStaffRequest")
    public record Create(
            @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{1,63}$", message = "must be 2 to 64 lower-case letters, digits, '.', '_' or '-'") @Schema(examples = "yongan.agent7", description = "Begins with the town's code in lower case and a dot") String username,
            @NotBlank @Size(max = 100) @Schema(examples = "队员 刘洋") String displayName,
            @Pattern(regexp = PHONE, message = "must be a phone number") @Schema(examples = "13800000007") String phone,
            @NotEmpty @Size(max = 5) List<@NotNull @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String> roles,
            @Schema(description = "Required for field agents, refused for others") UUID teamId,
            @NotNull @Size(min = 10, max = 256) @Schema(description = "At least 10 characters; hashed with Argon2id") String password) {
    }

    @Schema(name = "UpdateStaffRequest", description = "Fields left out (or null) stay as they are. Changing roles, team,"
            + " password or active ends the member's sessions.")
    public record Update(
            @Size(min = 1, max = 100) String displayName,
            @Pattern(regexp = "^$|" + PHONE, message = "must be a phone number, or empty to remove it") String phone,
            @Size(min = 1, max = 5) List<@NotNull @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String> roles,
            UUID teamId,
            Boolean active,
            @Size(min = 10, max = 256) String password) {
    }

    @Schema(name = "Staff")
    public record View(UUID id, String username, String displayName, String phone, List<String> roles, UUID teamId,
            boolean active, long version, Instant createdAt, Instant updatedAt) {

        public static View from(Staff s) {
            return new View(s.id(), s.username(), s.displayName(), s.phone(), s.roles(), s.teamId(), s.active(),
                    s.version(), s.createdAt(), s.updatedAt());
        }

        @Schema(name = "StaffPage")
        public static final class Paged extends PageSchema<View> {
        }
    }
}
