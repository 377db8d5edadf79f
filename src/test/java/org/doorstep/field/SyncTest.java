package org.doorstep.field;

import static io.restassured.RestAssured.given;
import static org.doorstep.dispatch.DispatchSteps.assign;
import static org.doorstep.dispatch.DispatchSteps.slot;
import static org.doorstep.dispatch.DispatchSteps.team;
import static org.doorstep.dispatch.DispatchSteps.visit;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SyncTest {

    @Inject
    Fixtures fixtures;

    @Inject
    DataSource dataSource;

    private final FieldTabletTest crews = new FieldTabletTest();

    private FieldTabletTest.Crew crew() {
        crews.fixtures = fixtures;
        return crews.crew();
    }

    private static JsonPath sync(String bearer, String cursor) {
        var request = given().header("Authorization", bearer);
        if (cursor != null) {
            request = request.queryParam("cursor", cursor);
        }
        return request.when().get("/api/v1/sync").then().statusCode(200).extract().jsonPath();
    }

    /** What a tablet keeps, following the sync answers as a client would. */
    private static final class Tablet {
        final Set<String> visits = new HashSet<>();
        String cursor;

        void pull(String bearer) {
            JsonPath batch = sync(bearer, cursor);
            if (batch.getBoolean("full")) {
                visits.clear();
            }
            visits.addAll(batch.getList("visits.id"));
            batch.getList("removed").forEach(visits::remove);
            cursor = batch.getString("cursor");
        }
    }

    @Test
    void aFullSyncThenChangesCarryAssignmentsAndRemovals() {
        FieldTabletTest.Crew crew = crew();
        String kept = FieldTabletTest.scheduled(crew, "09:00", "09:30");
        String movedAway = FieldTabletTest.scheduled(crew, "10:00", "10:30");
        String cancelled = FieldTabletTest.scheduled(crew, "11:00", "11:30");
        JsonPath full = sync(crew.bearer(), null);
        assertTrue(full.getBoolean("full"));
        assertEquals(List.of(kept, movedAway, cancelled), full.getList("visits.id"));
        assertEquals("13807310042", full.getString("visits[0].resident.phone"));

        String added = FieldTabletTest.scheduled(crew, "14:30", "15:00");
        String other = team(crew.dispatcher(), List.of(crew.town().village("XINYUAN").id().toString()), 8);
        assign(crew.dispatcher(), movedAway, "\"1\"", slot(other, crew.day(), "10:00", "10:30")).statusCode(200);
        given().header("Authorization", crew.operator().bearer()).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("reason", "居民已自行办理")).when().post("/api/v1/visits/" + cancelled + "/cancel")
                .then().statusCode(200);

        JsonPath changes = sync(crew.bearer(), full.getString("cursor"));
        assertEquals(false, changes.getBoolean("full"));
        assertEquals(List.of(added), changes.getList("visits.id"));
        assertEquals(Set.of(movedAway, cancelled), new HashSet<>(changes.getList("removed")));

        JsonPath nothing = sync(crew.bearer(), changes.getString("cursor"));
        assertEquals(List.of(), nothing.getList("visits"));
        assertEquals(List.of(), nothing.getList("removed"));
    }

    @Test
    void aCorrectedResidentReachesTheTabletWithTheNextSync() {
        FieldTabletTest.Crew crew = crew();
        String visit = FieldTabletTest.scheduled(crew, "09:00", "09:30");
        String untouched = FieldTabletTest.scheduled(crew, "10:00", "10:30");
        String cursor = sync(crew.bearer(), null).getString("cursor");
        String resident = given().header("Authorization", crew.operator().bearer()).when().get("/api/v1/visits/" + visit)
                .then().statusCode(200).extract().path("resident.id");

        given().header("Authorization", crew.operator().bearer()).header("If-Match", "\"0\"").contentType("application/json")
                .body(Map.of("phone", "13907318888", "address", "心源村新屋组 3 号")).when().patch("/api/v1/residents/" + resident)
                .then().statusCode(200);

        JsonPath changes = sync(crew.bearer(), cursor);
        assertEquals(List.of(visit), changes.getList("visits.id"));
        assertEquals("13907318888", changes.getString("visits[0].resident.phone"));
        assertEquals("心源村新屋组 3 号", changes.getString("visits[0].resident.address"));
        assertTrue(!changes.getList("visits.id").contains(untouched));
    }

    @Test
    void aBadOrForeignCursorIsRefused() {
        FieldTabletTest.Crew crew = crew();
        String cursor = sync(crew.bearer(), null).getString("cursor");
        given().header("Authorization", crew.bearer()).queryParam("cursor", "not-a-cursor").when().get("/api/v1/sync")
                .then().statusCode(400);
        String ahead = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("1." + crew.team()
                + ".9999999999999999999." + java.time.Instant.now().getEpochSecond()).getBytes());
        given().header("Authorization", crew.bearer()).queryParam("cursor", ahead).when().get("/api/v1/sync")
                .then().statusCode(410).body("type", equalTo("urn:doorstep:problem:cursor-expired"));
        FieldTabletTest.Crew elsewhere = crew();
        given().header("Authorization", elsewhere.bearer()).queryParam("cursor", cursor).when().get("/api/v1/sync")
                .then().statusCode(410).body("type", equalTo("urn:doorstep:problem:cursor-expired"));
    }

    @Test
    void aChangeCommittedAfterALaterOneIsNotSkipped() throws Exception {
        FieldTabletTest.Crew crew = crew();
        String slow = visit(crew.town(), crew.operator(), crew.day(), "ANY");
        Tablet tablet = new Tablet();
        tablet.pull(crew.bearer());
        OffsetDateTime start = OffsetDateTime.parse(crew.day() + "T16:00:00+08:00");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE visit SET status = 'SCHEDULED', team_id = ?,"
                    + " slot_start = ?, slot_end = ? WHERE id = ?")) {
                ps.setObject(1, UUID.fromString(crew.team()));
                ps.setObject(2, start);
                ps.setObject(3, start.plusMinutes(30));
                ps.setObject(4, UUID.fromString(slow));
                ps.executeUpdate();
            }
            // a quicker change starts later and commits first; the tablet syncs in between
            String quick = FieldTabletTest.scheduled(crew, "09:00", "09:30");
            tablet.pull(crew.bearer());
            tablet.pull(crew.bearer());
            assertTrue(!tablet.visits.contains(slow), "not committed yet");
            c.commit();
            tablet.pull(crew.bearer());
            assertTrue(tablet.visits.contains(slow), "the change that committed last is delivered");
            assertTrue(tablet.visits.contains(quick), "and the one that committed first");
        }
    }

    @Test
    void concurrentWritersAndATabletSyncingAllTheWhileEndUpAgreeing() throws Exception {
        FieldTabletTest.Crew crew = crew();
        List<String> visits = new ArrayList<>();
        List<String> starts = List.of("08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "14:30");
        for (int i = 0; i < starts.size(); i++) {
            visits.add(visit(crew.town(), crew.operator(), crew.day(), "ANY"));
        }
        Tablet tablet = new Tablet();
        tablet.pull(crew.bearer());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<?> reader = pool.submit(() -> {
                while (writing.get()) {
                    tablet.pull(crew.bearer());
                }
                return null;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = writer; i < visits.size(); i += 4) {
                        java.time.LocalTime from = java.time.LocalTime.parse(starts.get(i));
                        assign(crew.dispatcher(), visits.get(i), "\"0\"", slot(crew.team(), crew.day(), from.toString(),
                                from.plusMinutes(30).toString())).statusCode(200);
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
            writing.set(false);
            reader.get();
        } finally {
            pool.shutdownNow();
        }
        tablet.pull(crew.bearer());
        assertEquals(new HashSet<>(visits), tablet.visits);
    }
}
