package org.doorstep.resident;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.doorstep.shared.openapi.PageSchema;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the resident endpoints. Numbers go out masked. */
public final class ResidentApi {

    private ResidentApi() {
    }

    @Schema(name = "RegisterResidentRequest")
    public record Register(
            @NotBlank @Size(max = 30) @Schema(description = "18 characters, GB 11643-1999; x or X", examples = "43018119550312102X") String idNumber,
            @NotBlank @Size(max = 50) @Schema(examples = "胡淑坤") String name,
            @NotBlank @Size(max = 30) @Schema(description = "Mobile (11 digits) or landline with area code", examples = "13807310042") String phone,
            @NotNull UUID villageId,
            @NotBlank @Size(max = 200) @Schema(examples = "心源村石桥组 12 号") String address,
            @Size(max = 50) @Schema(description = "The group (组) within the village", examples = "石桥组") String group,
            @Size(max = 500) @Schema(examples = "术后行动不便，需家属陪同") String notes) {
    }

    @Schema(name = "FindResidentsRequest", description = "Exactly one of idNumber and phone. In the body, so that the"
            + " numbers never travel in an address, where proxies and access logs would keep them.")
    public record Search(
            @Size(max = 30) @Schema(description = "18 characters, GB 11643-1999; x or X", examples = "43018119550312102X") String idNumber,
            @Size(max = 30) @Schema(description = "Mobile (11 digits) or landline with area code", examples = "13807310042") String phone) {
    }

    @Schema(name = "CorrectResidentRequest", description = "Only the fields sent change; a blank group removes it. The ID"
            + " number cannot be corrected (422 id-number-not-correctable): a wrong one means a new registration and the"
            + " old one erased.")
    public record Correct(
            @Size(max = 50) @Schema(examples = "胡淑坤") String name,
            @Size(max = 30) @Schema(description = "Mobile (11 digits) or landline with area code", examples = "13807319988") String phone,
            UUID villageId,
            @Size(max = 200) @Schema(examples = "心源村石桥组 15 号") String address,
            @Size(max = 50) @Schema(description = "The group (组) within the village; blank removes it", examples = "石桥组") String group,
            @Size(max = 30) @Schema(description = "Refused when present: an ID number is not corrected") String idNumber,
            @Schema(description = "With a new address: the resident's open visits not yet reached go there too (the desk asks)") Boolean moveOpenVisits) {
    }

    @Schema(name = "Resident", description = "ID and phone numbers are masked; GET /residents/{id}/contact gives the phone, audited")
    public record View(UUID id, String name,
            @Schema(examples = "430181********102X") String idNumberMasked,
            @Schema(examples = "138****0042") String phoneMasked,
            @Schema(description = "The year of birth only: the full date would undo the ID number's mask", examples = "1955") int birthYear,
            @Schema(description = "Age this year", examples = "71") int age, Sex sex, UUID villageId, String address,
            String group, String notes, long version,
            Instant createdAt) {

        public static View from(Resident r, int thisYear) {
            return new View(r.id(), r.name(), r.idNumberMasked(), r.phoneMasked(), r.birthYear(), thisYear - r.birthYear(),
                    r.sex(), r.villageId(),
                    r.address(), r.groupName(), r.notes(), r.version(), r.createdAt());
        }

        @Schema(name = "ResidentPage")
        public static final class Paged extends PageSchema<View> {
        }
    }

    @Schema(name = "ResidentContact", description = "The full phone number; the read is audited")
    public record Contact(UUID residentId, @Schema(examples = "13807310042") String phone) {
    }
}
