package org.doorstep.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.nayuki.qrcodegen.QrCode;

/**
 * An enrolment code as a QR code the tablet's camera reads: an SVG image, drawn by our server (the
 * console loads nothing from outside), handed out as a {@code data:} URI beside the code itself.
 */
final class EnrollmentQr {

    /** Quiet zone around the symbol, in modules, as ISO/IEC 18004 asks. */
    private static final int BORDER = 4;

    private EnrollmentQr() {
    }

    static String dataUri(String enrollmentCode) {
        String svg = svg(QrCode.encodeText(enrollmentCode, QrCode.Ecc.MEDIUM));
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }

    static String svg(QrCode qr) {
        int size = qr.size + BORDER * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
                + path + "\" fill=\"#000\"/></svg>";
    }
}
