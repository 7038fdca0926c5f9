package fr.lexom.contracts.delivery;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR codes for printed documents (E1: a participant's personal link on the attendance sheet), as PNG data URIs that
 * openhtmltopdf draws like any image. zxing makes the matrix; each module becomes a square of a few pixels, black on
 * white, so that the printed code stays sharp at about 2 cm.
 */
final class QrCodes {

    /** Pixels per module: about 350 px for a link, far above the printer's dots in 2 cm. */
    private static final int SCALE = 8;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, // a sheet folded or smudged in the room still scans
            EncodeHintType.MARGIN, 2,                                  // quiet zone, in modules (the cell adds white around)
            EncodeHintType.CHARACTER_SET, "UTF-8");

    private QrCodes() {
    }

    /** {@code data:image/png;base64,...} of the QR code of {@code text}. */
    static String pngDataUri(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, HINTS); // 0: one pixel per module
        } catch (WriterException e) {
            throw new IllegalArgumentException("No QR code for a text of " + text.length() + " characters", e);
        }
        BufferedImage image = new BufferedImage(matrix.getWidth() * SCALE, matrix.getHeight() * SCALE,
                BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x / SCALE, y / SCALE) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(4096);
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
