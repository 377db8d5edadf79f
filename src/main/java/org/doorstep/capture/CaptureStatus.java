package org.doorstep.capture;

/** Where a tus upload, and the capture it becomes, stands. */
public enum CaptureStatus {
    /** Bytes are arriving; not a capture of the visit yet. */
    UPLOADING,
    /** Every byte is there and checked: a capture of the visit. */
    COMPLETE,
    /** The bytes are deleted (a face image past its retention or withdrawn, an erased resident's), the metadata kept. */
    PURGED
}
