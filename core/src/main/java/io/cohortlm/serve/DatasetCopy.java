package io.cohortlm.serve;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Users;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

/**
 * Copies of a dataset for serving: user ids replaced (pseudonymised), columns flagged personal dropped, chosen
 * users removed (a forgotten user). Items are shared, not copied; user and event order is kept.
 */
final class DatasetCopy {
    private DatasetCopy() {
    }

    /**
     * @param keepUser    which dense user rows to keep
     * @param newId       maps an old user id to the id written
     * @param dropPersonal leave out columns flagged personal
     */
    static Dataset of(Dataset d, IntPredicate keepUser, UnaryOperator<String> newId, boolean dropPersonal) {
        Users src = d.users();
        Users users = new Users();
        int[] rowOf = new int[src.size()];
        java.util.List<AttributeColumn[]> cols = new java.util.ArrayList<>();
        for (AttributeColumn c : src.columns()) {
            if (dropPersonal && c.spec().personal()) {
                continue;
            }
            cols.add(new AttributeColumn[] {c, users.declare(c.spec())});
        }
        for (int u = 0; u < src.size(); u++) {
            if (!keepUser.test(u)) {
                rowOf[u] = -1;
                continue;
            }
            int r = users.addRow(newId.apply(src.ids().id(u)));
            rowOf[u] = r;
            for (AttributeColumn[] pair : cols) {
                AttributeColumn from = pair[0];
                if (from.isMissing(u)) {
                    continue;
                }
                switch (from.kind()) {
                    case NUMERIC -> pair[1].setNumber(r, from.number(u));
                    case CATEGORICAL -> pair[1].setLevel(r, from.level(u));
                    case TEXT -> pair[1].setText(r, from.text(u));
                    default -> throw new IllegalStateException(from.kind().toString());
                }
            }
        }
        users.seal();
        Events ev = d.events();
        Events out = new Events(ev.size());
        byte[] codeOf = new byte[ev.types().size()];
        for (int c = 0; c < codeOf.length; c++) {
            codeOf[c] = out.types().code(ev.types().name(c));
        }
        for (int e = 0; e < ev.size(); e++) {
            int r = rowOf[ev.user(e)];
            if (r >= 0) {
                out.add(r, ev.item(e), codeOf[ev.type(e)], ev.value(e), ev.price(e), ev.time(e));
            }
        }
        out.trim();
        return new Dataset(d.name(), users, d.items(), out);
    }
}
