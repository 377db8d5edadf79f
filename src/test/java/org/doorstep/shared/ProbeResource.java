package org.doorstep.shared;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A test-only endpoint with a body of every shape the API uses (enum, number, date, time,
 * nested object, list), so that the error model can be tried on every way a body goes wrong.
 * Hidden from the contract.
 */
@Path("/test/probe")
@PermitAll
public class ProbeResource {

    public enum Period {
        MORNING,
        AFTERNOON,
        ANY
    }

    public record Caller(@NotBlank String name, @NotBlank @Size(max = 20) String phone) {
    }

    public record ProbeRequest(
            @NotBlank @Size(max = 50) String name,
            @NotNull Period period,
            @NotNull @Min(1) @Max(10) Integer satisfaction,
            @NotNull LocalDate preferredDate,
            OffsetDateTime occurredAt,
            @NotNull @Valid Caller caller,
            List<@NotBlank String> tags) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public ProbeRequest echo(@NotNull @Valid ProbeRequest request) {
        return request;
    }

    @POST
    @Path("/boom")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public String boom() {
        throw new IllegalStateException("org.doorstep secret internals: SELECT * FROM staff");
    }
}
