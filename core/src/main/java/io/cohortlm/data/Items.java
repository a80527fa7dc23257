package io.cohortlm.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items table: external id ↔ dense index, title, free text, categories (multi-valued, stored as codes into
 * one category dictionary) and typed attributes.
 */
public final class Items extends AttributeTable {
    private static final int[] NONE = new int[0];
    private String[] titles = new String[16];
    private String[] texts = new String[16];
    private int[][] categories = new int[16][];
    private final List<String> categoryNames = new ArrayList<>();
    private final Map<String, Integer> categoryIndex = new HashMap<>();

    @Override
    public int addRow(String id) {
        int row = super.addRow(id);
        if (row >= titles.length) {
            int cap = Math.max(row + 1, titles.length + (titles.length >> 1));
            titles = Arrays.copyOf(titles, cap);
            texts = Arrays.copyOf(texts, cap);
            categories = Arrays.copyOf(categories, cap);
        }
        return row;
    }

    public void setTitle(int row, String title) {
        titles[row] = title;
    }

    public void setText(int row, String text) {
        texts[row] = text;
    }

    /** Replaces the item's categories (names; blanks ignored, duplicates removed). */
    public void setCategories(int row, List<String> names) {
        int[] codes = names.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct()
                .mapToInt(this::categoryCode).toArray();
        categories[row] = codes;
    }

    /** Title; null if none. */
    public String title(int row) {
        return titles[row];
    }

    /** Free text (description); null if none. */
    public String text(int row) {
        return texts[row];
    }

    /** Title and text joined, for encoders; never null. */
    public String fullText(int row) {
        String t = titles[row];
        String d = texts[row];
        if (t == null || t.isBlank()) {
            return d == null ? "" : d;
        }
        if (d == null || d.isBlank() || d.equals(t)) {
            return t;
        }
        return t + ". " + d;
    }

    /** Category codes of an item (never null; do not modify). */
    public int[] categories(int row) {
        int[] c = categories[row];
        return c == null ? NONE : c;
    }

    public String categoryName(int code) {
        return categoryNames.get(code);
    }

    public int categoryCount() {
        return categoryNames.size();
    }

    /** Category names in code order (copy). */
    public List<String> categoryNames() {
        return List.copyOf(categoryNames);
    }

    private int categoryCode(String name) {
        return categoryIndex.computeIfAbsent(name, n -> {
            categoryNames.add(n);
            return categoryNames.size() - 1;
        });
    }
}
