package io.cohortlm.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One typed attribute column over the rows of a {@link Users} or {@link Items} table, stored as a primitive
 * array (numeric: {@code double[]} with NaN for missing; categorical: {@code int[]} codes with -1 for missing
 * plus a level list; text: {@code String[]} with null for missing). Built by appending, row-aligned with its
 * table: {@link #ensureSize(int)} pads missing rows.
 */
public final class AttributeColumn {
    private final AttributeSpec spec;
    private double[] numbers;
    private int[] codes;
    private String[] texts;
    private final List<String> levels;
    private final Map<String, Integer> levelIndex;
    private int size;

    public AttributeColumn(AttributeSpec spec) {
        this.spec = spec;
        switch (spec.kind()) {
            case NUMERIC -> numbers = new double[16];
            case CATEGORICAL -> codes = new int[16];
            case TEXT -> texts = new String[16];
            default -> throw new IllegalStateException();
        }
        levels = spec.kind() == AttributeKind.CATEGORICAL ? new ArrayList<>() : List.of();
        levelIndex = spec.kind() == AttributeKind.CATEGORICAL ? new HashMap<>() : Map.of();
    }

    public AttributeSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public AttributeKind kind() {
        return spec.kind();
    }

    public int size() {
        return size;
    }

    /** Grows the column to {@code n} rows, filling new rows with "missing". */
    public void ensureSize(int n) {
        if (n <= size) {
            return;
        }
        grow(n);
        switch (spec.kind()) {
            case NUMERIC -> Arrays.fill(numbers, size, n, Double.NaN);
            case CATEGORICAL -> Arrays.fill(codes, size, n, -1);
            case TEXT -> Arrays.fill(texts, size, n, null);
            default -> throw new IllegalStateException();
        }
        size = n;
    }

    private void grow(int n) {
        int cap = capacity();
        if (n <= cap) {
            return;
        }
        int newCap = Math.max(n, cap + (cap >> 1) + 16);
        switch (spec.kind()) {
            case NUMERIC -> numbers = Arrays.copyOf(numbers, newCap);
            case CATEGORICAL -> codes = Arrays.copyOf(codes, newCap);
            case TEXT -> texts = Arrays.copyOf(texts, newCap);
            default -> throw new IllegalStateException();
        }
    }

    private int capacity() {
        return switch (spec.kind()) {
            case NUMERIC -> numbers.length;
            case CATEGORICAL -> codes.length;
            case TEXT -> texts.length;
        };
    }

    /** Sets a numeric value (NaN = missing). */
    public void setNumber(int row, double value) {
        requireKind(AttributeKind.NUMERIC);
        ensureSize(row + 1);
        numbers[row] = value;
    }

    /** Sets a categorical value by its level name (null or empty = missing). */
    public void setLevel(int row, String level) {
        requireKind(AttributeKind.CATEGORICAL);
        ensureSize(row + 1);
        codes[row] = level == null || level.isEmpty() ? -1 : levelCode(level);
    }

    /** Sets a text value (null = missing). */
    public void setText(int row, String text) {
        requireKind(AttributeKind.TEXT);
        ensureSize(row + 1);
        texts[row] = text;
    }

    private int levelCode(String level) {
        Integer c = levelIndex.get(level);
        if (c == null) {
            c = levels.size();
            levels.add(level);
            levelIndex.put(level, c);
        }
        return c;
    }

    /** Numeric value of a row; NaN if missing. */
    public double number(int row) {
        requireKind(AttributeKind.NUMERIC);
        return row < size ? numbers[row] : Double.NaN;
    }

    /** Categorical code of a row; -1 if missing. */
    public int code(int row) {
        requireKind(AttributeKind.CATEGORICAL);
        return row < size ? codes[row] : -1;
    }

    /** Level name of a row; null if missing. */
    public String level(int row) {
        int c = code(row);
        return c < 0 ? null : levels.get(c);
    }

    /** Text of a row; null if missing. */
    public String text(int row) {
        requireKind(AttributeKind.TEXT);
        return row < size ? texts[row] : null;
    }

    /** Categorical levels in code order (unmodifiable). */
    public List<String> levels() {
        return List.copyOf(levels);
    }

    public int levelCount() {
        return levels.size();
    }

    /** Any value of a row rendered as a string; null if missing. */
    public String format(int row) {
        return switch (spec.kind()) {
            case NUMERIC -> {
                double v = number(row);
                if (Double.isNaN(v)) {
                    yield null;
                }
                yield v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
            }
            case CATEGORICAL -> level(row);
            case TEXT -> text(row);
        };
    }

    /** True if the row has no value. */
    public boolean isMissing(int row) {
        return switch (spec.kind()) {
            case NUMERIC -> Double.isNaN(number(row));
            case CATEGORICAL -> code(row) < 0;
            case TEXT -> text(row) == null;
        };
    }

    private void requireKind(AttributeKind k) {
        if (spec.kind() != k) {
            throw new IllegalStateException("attribute '" + spec.name() + "' is " + spec.kind() + ", not " + k);
        }
    }
}
