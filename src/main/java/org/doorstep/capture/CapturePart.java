package org.doorstep.capture;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The bytes one PATCH brought to an upload: where they start, how many, and the blob holding them. */
@Entity
@Table(name = "capture_part")
@IdClass(CapturePart.Key.class)
public class CapturePart {

    @Id
    @Column(name = "capture_id")
    private UUID captureId;
    @Id
    @Column(name = "start_offset")
    private long startOffset;
    private long length;
    @Column(name = "blob_key")
    private String blobKey;

    protected CapturePart() {
    }

    CapturePart(UUID captureId, long startOffset, long length, String blobKey) {
        this.captureId = captureId;
        this.startOffset = startOffset;
        this.length = length;
        this.blobKey = blobKey;
    }

    public UUID captureId() {
        return captureId;
    }

    public long startOffset() {
        return startOffset;
    }

    public long length() {
        return length;
    }

    public String blobKey() {
        return blobKey;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private UUID captureId;
        private long startOffset;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(captureId, k.captureId) && startOffset == k.startOffset;
        }

        @Override
        public int hashCode() {
            return Objects.hash(captureId, startOffset);
        }
    }
}
