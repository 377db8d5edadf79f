package org.doorstep.rights;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.capture.CaptureService;
import org.doorstep.privacy.RightsRequestKind;
import org.doorstep.privacy.RightsRequests;
import org.doorstep.resident.ResidentService;
import org.doorstep.shared.security.Caller;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A resident's copy of everything held about them (PIPL Art. 45), as one ZIP: their record with both numbers in
 * full, every visit with its events, consents (and the text agreed to) and follow-up calls, the list of captures
 * and, on request, the files themselves, their rights requests, and who looked at their data. The documents are
 * read in one transaction before the first byte goes out; the files are then streamed one by one from the store,
 * never held in memory whole.
 */
@ApplicationScoped
public class AccessCopy {

    private final AccessCopyRepository copies;
    private final ResidentService residents;
    private final RightsRequests requests;
    private final CaptureService captures;
    private final AuditService audit;
    private final ObjectMapper json;

    public AccessCopy(AccessCopyRepository copies, ResidentService residents, RightsRequests requests,
            CaptureService captures, AuditService audit, ObjectMapper json) {
        this.requests = requests;
        this.copies = copies;
        this.residents = residents;
        this.captures = captures;
        this.audit = audit;
        this.json = json;
    }

    /** What goes into the archive: the JSON documents by name, and the captures whose files go too. */
    public record Contents(UUID residentId, Map<String, String> documents, List<Object[]> files) {
    }

    /**
     * Reads the documents on the resident's open access-copy request, which is closed as done in the same
     * transaction (a second copy needs a second request).
     */
    @Transactional
    public Contents gather(Caller supervisor, UUID residentId, UUID requestId, boolean withFiles) {
        residents.get(supervisor, residentId);
        requests.carryOut(supervisor, requestId, residentId, RightsRequestKind.ACCESS_COPY);
        ResidentService.FullRecord record = residents.revealForAccessCopy(supervisor, residentId);
        UUID town = supervisor.townId();
        Map<String, String> documents = new LinkedHashMap<>();
        try {
            documents.put("resident.json", json.writerWithDefaultPrettyPrinter().writeValueAsString(record));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        documents.put("visits.json", copies.visits(town, residentId));
        documents.put("captures.json", copies.captures(town, residentId));
        documents.put("rights-requests.json", copies.rightsRequests(town, residentId));
        documents.put("personal-data-reads.json", copies.reads(town, residentId));
        List<Object[]> files = withFiles ? copies.heldCaptures(town, residentId) : List.of();
        audit.record(
                AuditEvent.of(AuditAction.ACCESS_COPY_PRODUCED).town(town).actor(supervisor.staffId(), supervisor.username())
                        .target("resident", residentId).detail("files", files.size()).detail("purpose", "access copy"));
        return new Contents(residentId, documents, files);
    }

    /** Writes the archive: a short explanation, the documents, then each file straight from the store. */
    public void write(Caller supervisor, Contents contents, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("说明.txt"));
            zip.write(README.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (Map.Entry<String, String> document : contents.documents().entrySet()) {
                zip.putNextEntry(new ZipEntry(document.getKey()));
                zip.write(document.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            for (Object[] file : contents.files()) {
                UUID id = (UUID) file[0];
                CaptureService.Content content = captures.content(supervisor, id);
                zip.putNextEntry(new ZipEntry("files/" + file[1].toString().toLowerCase(java.util.Locale.ROOT) + "-" + id
                        + extension(content.contentType())));
                try (InputStream bytes = content.bytes()) {
                    bytes.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    private static String extension(String contentType) {
        return switch (contentType == null ? "" : contentType) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "application/pdf" -> ".pdf";
            default -> "";
        };
    }

    private static final String README = """
            这是我们保存的关于您的全部个人信息的副本（《个人信息保护法》第四十五条）。
            resident.json：您的登记信息，身份证号和电话为完整号码。
            visits.json：每一次上门服务的工单、办理过程、您的同意记录（含当时的同意书文本）和回访记录。
            captures.json：上门时采集的材料清单；已删除的人脸照片只保留清单记录。
            files/：仍保存着的材料文件本身（如申请时选择了附带文件）。
            rights-requests.json：您提出过的查阅、更正、撤回同意和删除申请。
            personal-data-reads.json：工作人员查看您的完整号码、材料文件，以及制作本副本的记录。
            """;
}
