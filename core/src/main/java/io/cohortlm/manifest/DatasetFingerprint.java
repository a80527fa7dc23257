package io.cohortlm.manifest;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a dataset's content (ids, attributes, item texts, events in order), so a model or report can say
 * exactly which input it was built from. Two datasets with equal content have equal fingerprints whatever file
 * format they came from.
 */
public final class DatasetFingerprint {
    private DatasetFingerprint() {
    }

    /** Hex SHA-256 of the dataset's content. */
    public static String of(Dataset data) {
        MessageDigest md = sha256();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (String id : data.users().ids().ids()) {
            put(md, buf, id);
        }
        for (AttributeColumn c : data.users().columns()) {
            put(md, buf, c.name() + ":" + c.kind() + ":" + c.spec().personal());
            for (int u = 0; u < data.users().size(); u++) {
                put(md, buf, c.format(u));
            }
        }
        Items items = data.items();
        for (int i = 0; i < items.size(); i++) {
            put(md, buf, items.ids().id(i));
            put(md, buf, items.title(i));
            put(md, buf, items.text(i));
            for (int c : items.categories(i)) {
                put(md, buf, items.categoryName(c));
            }
        }
        Events ev = data.events();
        for (int t = 0; t < ev.types().size(); t++) {
            put(md, buf, ev.types().name(t));
        }
        for (int e = 0; e < ev.size(); e++) {
            if (buf.remaining() < 32) {
                flush(md, buf);
            }
            buf.putInt(ev.user(e)).putInt(ev.item(e)).put(ev.type(e)).putFloat(ev.value(e))
                    .putFloat(ev.price(e)).putLong(ev.time(e));
        }
        flush(md, buf);
        return HexFormat.of().formatHex(md.digest());
    }

    private static void put(MessageDigest md, ByteBuffer buf, String s) {
        byte[] b = s == null ? new byte[] {(byte) 0xff} : s.getBytes(StandardCharsets.UTF_8);
        if (buf.remaining() < b.length + 4) {
            flush(md, buf);
        }
        if (b.length + 4 > buf.capacity()) {
            md.update(b);
            return;
        }
        buf.putInt(b.length).put(b);
    }

    private static void flush(MessageDigest md, ByteBuffer buf) {
        buf.flip();
        md.update(buf);
        buf.clear();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
