package org.doorstep.operations;

import static org.doorstep.dispatch.DispatchSteps.nextWorkingDay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.client.ApiClient;
import org.doorstep.client.ApiException;
import org.doorstep.client.api.DispatchApi;
import org.doorstep.client.api.FieldTabletsApi;
import org.doorstep.client.api.IdentityApi;
import org.doorstep.client.api.ResidentsApi;
import org.doorstep.client.api.VisitsApi;
import org.doorstep.client.model.AssignmentRequest;
import org.doorstep.client.model.BookVisitRequest;
import org.doorstep.client.model.Caller;
import org.doorstep.client.model.CallerRelation;
import org.doorstep.client.model.Channel;
import org.doorstep.client.model.CreateTeamRequest;
import org.doorstep.client.model.DeviceEnrollment;
import org.doorstep.client.model.DeviceLoginRequest;
import org.doorstep.client.model.DeviceRegistration;
import org.doorstep.client.model.DoorVisit;
import org.doorstep.client.model.EnrollRequest;
import org.doorstep.client.model.LoginRequest;
import org.doorstep.client.model.Period;
import org.doorstep.client.model.RegisterDeviceRequest;
import org.doorstep.client.model.RegisterResidentRequest;
import org.doorstep.client.model.Resident;
import org.doorstep.client.model.SyncBatch;
import org.doorstep.client.model.Team;
import org.doorstep.client.model.TokenPair;
import org.doorstep.client.model.Visit;
import org.doorstep.client.model.VisitPage;
import org.doorstep.client.model.VisitStatus;
import org.doorstep.client.model.WorkingHours;
import org.doorstep.resident.IdNumbers;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A client generated from {@code openapi/openapi.yaml} alone, by the stock generator with its
 * validation on (the build does it before compiling the tests), books a visit and syncs a tablet
 * against the running application: what a tablet team builds from our file works. Only the towns
 * and accounts are made in the database; every call goes through the generated classes.
 */
@QuarkusTest
class GeneratedClientTest {

    private static final ZoneOffset TOWN = ZoneOffset.ofHours(8);

    @TestHTTPResource
    URI root;

    @Inject
    Fixtures fixtures;

    @Test
    void anOperatorRegistersAResidentAndBooksAVisit() throws ApiException {
        TestTown town = fixtures.townLikeYongan();
        ApiClient operator = signedIn(fixtures.staff(town, "operator"));
        LocalDate day = nextWorkingDay(fixtures);
        UUID village = town.village("XINYUAN").id();

        Visit visit = book(operator, village, day);

        assertEquals(VisitStatus.REQUESTED, visit.getStatus());
        assertEquals(day, visit.getPreferredDate());
        assertEquals(Period.MORNING, visit.getPreferredPeriod());
        assertNotNull(visit.getDueAt());
        assertTrue(visit.getTicketNumber().matches("[A-Z]+-\\d{8}-\\d{4}"), visit.getTicketNumber());
        VisitPage listed = new VisitsApi(operator).listVisits(day, null, null, 0, 50, List.of(VisitStatus.REQUESTED),
                null, village);
        assertEquals(List.of(visit.getId()), listed.getItems().stream().map(Visit::getId).toList());
    }

    @Test
    void aTabletIsEnrolledAndItsFieldAgentSyncsTheTeamsDay() throws ApiException {
        TestTown town = fixtures.townLikeYongan();
        LocalDate day = nextWorkingDay(fixtures);
        UUID village = town.village("XINYUAN").id();
        DispatchApi dispatch = new DispatchApi(signedIn(fixtures.staff(town, "dispatcher")));
        Team team = dispatch.createTeam(new CreateTeamRequest().name("一队").villageIds(List.of(village))
                .hours(List.of(new WorkingHours().weekday(day.getDayOfWeek().getValue()).start("08:30").end("12:00")))
                .maxVisitsPerDay(8));
        Visit booked = book(signedIn(fixtures.staff(town, "operator")), village, day);
        OffsetDateTime start = day.atTime(9, 0).atOffset(TOWN);
        dispatch.assignVisit(booked.getId(), "\"" + booked.getVersion() + "\"",
                new AssignmentRequest().teamId(team.getId()).start(start).end(start.plusMinutes(30)));
        TestStaff agent = fixtures.staff(town.id(), team.getId(), "field_agent");

        DeviceRegistration registration = new IdentityApi(signedIn(fixtures.staff(town, "admin")))
                .registerDevice(new RegisterDeviceRequest().label("平板 1"));
        ApiClient tablet = client();
        IdentityApi identity = new IdentityApi(tablet);
        DeviceEnrollment enrolment = identity.enrollDevice(new EnrollRequest()
                .enrollmentCode(registration.getEnrollmentCode()).model("Redmi Pad SE").appVersion("1.0.0"));
        TokenPair tokens = identity.deviceLogin(new DeviceLoginRequest().deviceId(enrolment.getDeviceId())
                .deviceSecret(enrolment.getDeviceSecret()).username(agent.username()).password(Fixtures.PASSWORD)
                .appVersion("1.0.0"));
        bearer(tablet, tokens.getAccessToken());
        FieldTabletsApi field = new FieldTabletsApi(tablet);
        SyncBatch full = field.sync(null);

        assertTrue(full.getFull());
        assertEquals(List.of(booked.getId()), full.getVisits().stream().map(DoorVisit::getId).toList());
        DoorVisit visit = full.getVisits().get(0);
        assertEquals(VisitStatus.SCHEDULED, visit.getStatus());
        assertEquals(start.toInstant(), visit.getStart().toInstant());
        assertEquals("13807310042", visit.getResident().getPhone());
        SyncBatch nothingNew = field.sync(full.getCursor());
        assertFalse(nothingNew.getFull());
        assertEquals(List.of(), nothingNew.getVisits());
    }

    /** A new resident of the village, and a retirement certification booked for them by phone. */
    private static Visit book(ApiClient operator, UUID village, LocalDate day) throws ApiException {
        Resident resident = new ResidentsApi(operator).registerResident(new RegisterResidentRequest()
                .idNumber(IdNumbers.random()).name("胡淑坤").phone("13807310042").villageId(village)
                .address("心源村五组12号"));
        return new VisitsApi(operator).bookVisit(new BookVisitRequest().residentId(resident.getId())
                .serviceTypeCode("RETIREMENT_CERTIFICATION").channel(Channel.HOTLINE_12345)
                .caller(new Caller().relation(CallerRelation.SELF)).preferredDate(day)
                .preferredPeriod(Period.MORNING), UUID.randomUUID().toString());
    }

    /** The generated client, pointed at the application under test. */
    private ApiClient client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(root.getScheme() + "://" + root.getRawAuthority());
        return client;
    }

    /** A console member signed in with a password, as the console does. */
    private ApiClient signedIn(TestStaff member) throws ApiException {
        ApiClient client = client();
        TokenPair tokens = new IdentityApi(client)
                .login(new LoginRequest().username(member.username()).password(Fixtures.PASSWORD));
        return bearer(client, tokens.getAccessToken());
    }

    private static ApiClient bearer(ApiClient client, String accessToken) {
        return client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + accessToken));
    }
}
