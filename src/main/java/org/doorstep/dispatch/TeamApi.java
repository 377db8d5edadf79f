package org.doorstep.dispatch;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.doorstep.shared.openapi.PageSchema;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the team endpoints. */
public final class TeamApi {

    private TeamApi() {
    }

    @Schema(name = "WorkingHours", description = "A working range of an ISO weekday (1 = Monday)")
    public record Hours(@NotNull @Min(1) @Max(7) @Schema(examples = "1") Integer weekday,
            @NotNull LocalTime start,
            @NotNull LocalTime end) {

        WorkingHours toDomain() {
            return new WorkingHours(weekday, start, end);
        }

        static Hours from(WorkingHours h) {
            return new Hours(h.weekday(), h.starts(), h.ends());
        }
    }

    @Schema(name = "CreateTeamRequest")
    public record Create(@NotBlank @Size(max = 100) @Schema(examples = "永安一队") String name,
            @NotNull @Size(max = 50) List<@NotNull UUID> villageIds,
            @NotNull @Size(max = 30) List<@NotNull @Valid Hours> hours,
            @Min(1) @Max(50) @Schema(examples = "8") Integer maxVisitsPerDay) {
    }

    @Schema(name = "UpdateTeamRequest", description = "Fields left out stay as they are")
    public record Update(@Size(min = 1, max = 100) String name, @Size(max = 50) List<@NotNull UUID> villageIds,
            @Size(max = 30) List<@NotNull @Valid Hours> hours, @Min(1) @Max(50) Integer maxVisitsPerDay, Boolean active) {
    }

    @Schema(name = "Team", description = "Members are the field agents whose account names this team (set on /api/v1/staff)")
    public record View(UUID id, String name, boolean active, int maxVisitsPerDay, List<UUID> villageIds, List<Hours> hours,
            List<UUID> memberIds, long version, Instant updatedAt) {

        static View from(TeamService.Details d) {
            Team t = d.team();
            return new View(t.id(), t.name(), t.active(), t.maxVisitsPerDay(), d.villageIds(),
                    t.hours().stream().map(Hours::from).toList(), d.memberIds(), t.version(), t.updatedAt());
        }

        @Schema(name = "TeamPage")
        public static final class Paged extends PageSchema<View> {
        }
    }
}
