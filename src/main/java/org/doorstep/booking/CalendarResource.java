package org.doorstep.booking;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.doorstep.shared.Problem;
import org.doorstep.shared.QueryParams;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/calendar")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calendar")
public class CalendarResource {

    @Schema(name = "CalendarDay", description = "A listed day: a public holiday, or a weekend make-up working day (调休)")
    public record Day(@Schema(examples = "2026-10-10") LocalDate day, WorkingCalendar.DayKind kind,
            @Schema(examples = "国庆节") String name) {

        static Day from(CalendarDay d) {
            return new Day(d.day(), d.kind(), d.name());
        }
    }

    @Schema(name = "SetCalendarDayRequest")
    public record SetDay(@NotNull WorkingCalendar.DayKind kind,
            @NotBlank @Size(max = 50) @Schema(examples = "国庆节") String name) {
    }

    private final CalendarService calendar;
    private final Caller caller;

    public CalendarResource(CalendarService calendar, Caller caller) {
        this.calendar = calendar;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER, Roles.FIELD_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.COUNTY_ADMIN })
    @Operation(operationId = "listCalendarDays", summary = "A year's holidays and make-up working days", description = "Roles: any signed-in staff. Weekdays not listed are working days, weekend days not listed are not.")
    @APIResponse(responseCode = "200", description = "The listed days of the year", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Day.class), examples = @ExampleObject(name = "national-day", value = "[{\"day\":\"2026-10-01\",\"kind\":\"HOLIDAY\",\"name\":\"国庆节\"},"
            + "{\"day\":\"2026-10-10\",\"kind\":\"WORKDAY\",\"name\":\"国庆节\"}]")))
    public List<Day> year(
            @Parameter(required = true, example = "2026", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2100")) @QueryParam("year") String year) {
        Integer y = QueryParams.integer("year", year, 2000, 2100);
        if (y == null) {
            throw org.doorstep.shared.ProblemException.invalid("year", "required", "is required");
        }
        return calendar.year(y).stream().map(Day::from).toList();
    }

    @PUT
    @Path("/{day}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.COUNTY_ADMIN)
    @Operation(operationId = "setCalendarDay", summary = "List a day as a holiday or a make-up working day", description = "Roles: county_admin (the calendar moves every town's deadlines and dispatch; a town's admin may not change it). For next year's schedule, once the State Council publishes it. Audited.")
    @APIResponse(responseCode = "200", description = "Listed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Day.class), examples = @ExampleObject(name = "holiday", value = "{\"day\":\"2027-01-01\",\"kind\":\"HOLIDAY\",\"name\":\"元旦\"}")))
    public Day put(
            @Parameter(example = "2027-01-01", schema = @Schema(type = SchemaType.STRING, format = "date")) @PathParam("day") String day,
            @NotNull @Valid SetDay request) {
        return Day.from(calendar.put(caller, required(day), request.kind(), request.name()));
    }

    @DELETE
    @Path("/{day}")
    @RolesAllowed(Roles.COUNTY_ADMIN)
    @Operation(operationId = "removeCalendarDay", summary = "Unlist a day", description = "Roles: county_admin. Audited.")
    @APIResponse(responseCode = "204", description = "Unlisted")
    @APIResponse(responseCode = "404", description = "The day is not listed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void remove(
            @Parameter(example = "2027-01-01", schema = @Schema(type = SchemaType.STRING, format = "date")) @PathParam("day") String day) {
        calendar.remove(caller, required(day));
    }

    private static LocalDate required(String day) {
        return QueryParams.date("day", day);
    }
}
