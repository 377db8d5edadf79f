package org.doorstep.field;

import static io.restassured.RestAssured.given;
import static org.doorstep.dispatch.DispatchSteps.assign;
import static org.doorstep.dispatch.DispatchSteps.nextWorkingDay;
import static org.doorstep.dispatch.DispatchSteps.slot;
import static org.doorstep.dispatch.DispatchSteps.team;
import static org.doorstep.dispatch.DispatchSteps.visit;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps;
import org.doorstep.identity.Devices;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;

/** A field agent's whole visit, as the tablet app does it, through the API only. */
@QuarkusTest
class FieldDayTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Devices devices;

    /** Uploads one capture with the stock tus client, the way the tablet app does. */
    private static void upload(String bearer, String visit, String kind, String name, byte[] file) throws Exception {
        TusClient client = new TusClient();
        client.setUploadCreationURL(new URL("http://127.0.0.1:" + RestAssured.port + "/api/v1/visits/" + visit + "/captures"));
        client.setHeaders(Map.of("Authorization", bearer));
        client.enableResuming(new TusURLMemoryStore());
        TusUpload upload = new TusUpload();
        upload.setSize(file.length);
        upload.setInputStream(new ByteArrayInputStream(file));
        upload.setFingerprint(kind + "-" + UUID.randomUUID());
        upload.setMetadata(Map.of("kind", kind, "filename", name, "sha256", CaptureSteps.sha256(file), "capturedAt",
                CaptureSteps.recently()));
        TusUploader uploader = client.resumeOrCreateUpload(upload);
        uploader.setChunkSize(256 * 1024);
        while (uploader.uploadChunk() > -1) {
            // until the last byte
        }
        uploader.finish();
    }

    @Test
    void aWholeFieldDayFromSignInToACompletedVisit() throws Exception {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        LocalDate day = nextWorkingDay(fixtures);
        String team = team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        TestStaff agent = fixtures.staff(town.id(), UUID.fromString(team), "field_agent");
        String visit = visit(town, operator, day, "MORNING");
        assign(dispatcher, visit, "\"0\"", slot(team, day, "09:00", "09:30")).statusCode(200);

        // morning: the tablet signs in and takes the day
        String tablet = devices.signIn(devices.enroll(town), agent).bearer();
        JsonPath synced = given().header("Authorization", tablet).when().get("/api/v1/sync").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(visit), synced.getList("visits.id"));
        assertEquals(List.of("FACE_PHOTO", "ID_CARD_FRONT", "ID_CARD_BACK", "APPLICATION_FORM"),
                synced.getList("visits[0].service.requiredCaptures"));

        FieldTabletTest.report(tablet, visit, UUID.randomUUID().toString(), "DEPART", null).statusCode(200);
        FieldTabletTest.report(tablet, visit, UUID.randomUUID().toString(), "ARRIVE", null).statusCode(200)
                .body("status", equalTo("ON_SITE"));

        // completing before anything is captured says exactly what is missing
        FieldTabletTest.report(tablet, visit, UUID.randomUUID().toString(), "COMPLETE", null).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:visit-incomplete"))
                .body("missingCaptures", equalTo(List.of("FACE_PHOTO", "ID_CARD_FRONT", "ID_CARD_BACK", "APPLICATION_FORM")))
                .body("missingConsents", equalTo(List.of("BIOMETRIC_CAPTURE")));

        given().header("Authorization", tablet).contentType("application/json")
                .body(CaptureSteps.residentConsent(tablet))
                .when().post("/api/v1/visits/" + visit + "/consents").then().statusCode(201);
        upload(tablet, visit, "FACE_PHOTO", "face.jpg", CaptureSteps.jpeg(400_000));
        upload(tablet, visit, "ID_CARD_FRONT", "id-front.jpg", CaptureSteps.jpeg(300_000));
        FieldTabletTest.report(tablet, visit, UUID.randomUUID().toString(), "COMPLETE", null).statusCode(422)
                .body("missingCaptures", equalTo(List.of("ID_CARD_BACK", "APPLICATION_FORM")))
                .body("missingConsents", equalTo(List.of()));
        upload(tablet, visit, "ID_CARD_BACK", "id-back.jpg", CaptureSteps.jpeg(300_000));
        upload(tablet, visit, "APPLICATION_FORM", "申请表.pdf", CaptureSteps.pdf(1_500_000));

        FieldTabletTest.report(tablet, visit, UUID.randomUUID().toString(), "COMPLETE", null).statusCode(200)
                .body("status", equalTo("COMPLETED"));

        // the tablet's next sync shows it done; the dispatcher sees it; the filing is queued
        JsonPath changes = given().header("Authorization", tablet).queryParam("cursor", synced.getString("cursor"))
                .when().get("/api/v1/sync").then().statusCode(200).extract().jsonPath();
        assertEquals("COMPLETED", changes.getString("visits.find { it.id == '" + visit + "' }.status"));
        assertEquals(List.of("FACE_PHOTO", "ID_CARD_FRONT", "ID_CARD_BACK", "APPLICATION_FORM"),
                changes.getList("visits.find { it.id == '" + visit + "' }.captured"));
        assertEquals(List.of("BIOMETRIC_CAPTURE"), changes.getList("visits.find { it.id == '" + visit + "' }.consents"));
        given().header("Authorization", dispatcher.bearer()).when().get("/api/v1/visits/" + visit)
                .then().statusCode(200).body("status", equalTo("COMPLETED"));
        assertEquals(1, fixtures.count("SELECT count(*) FROM filing WHERE visit_id = ?", UUID.fromString(visit)));
        given().header("Authorization", dispatcher.bearer()).when().get("/api/v1/visits/" + visit + "/captures")
                .then().statusCode(200).body("total", equalTo(4));
    }
}
