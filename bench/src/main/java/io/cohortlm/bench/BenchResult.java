package io.cohortlm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a benchmark: a JSON-ready map of figures (written as {@code NAME.json}) and table rows printed
 * to stdout. Figures keep insertion order.
 */
public final class BenchResult {
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<String[]> rows = new ArrayList<>();
    private String[] header;

    /** Adds a top-level JSON figure. */
    public BenchResult put(String key, Object value) {
        json.put(key, value);
        return this;
    }

    /** Sets the printed table's header. */
    public BenchResult header(String... columns) {
        header = columns;
        return this;
    }

    /** Adds a printed table row. */
    public BenchResult row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            Object c = cells[i];
            r[i] = c instanceof Double d ? String.format(java.util.Locale.ROOT, "%.4g", d) : String.valueOf(c);
        }
        rows.add(r);
        return this;
    }

    public Map<String, Object> json() {
        return json;
    }

    /** Renders the table as aligned text. */
    public String table() {
        List<String[]> all = new ArrayList<>();
        if (header != null) {
            all.add(header);
        }
        all.addAll(rows);
        if (all.isEmpty()) {
            return "";
        }
        int cols = all.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] w = new int[cols];
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < all.size(); k++) {
            String[] r = all.get(k);
            for (int i = 0; i < r.length; i++) {
                sb.append(String.format("%-" + w[i] + "s", r[i]));
                sb.append(i + 1 < r.length ? "  " : "");
            }
            sb.append('\n');
            if (k == 0 && header != null) {
                for (int i = 0; i < cols; i++) {
                    sb.append("-".repeat(w[i])).append(i + 1 < cols ? "  " : "");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
