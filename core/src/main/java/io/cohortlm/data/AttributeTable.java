package io.cohortlm.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows keyed by a dense id index, with typed attribute columns. The shared shape of {@link Users} and
 * {@link Items}.
 */
public class AttributeTable {
    private final IdIndex ids = new IdIndex();
    private final Map<String, AttributeColumn> columns = new LinkedHashMap<>();

    /** Dense ids of the rows. */
    public IdIndex ids() {
        return ids;
    }

    public int size() {
        return ids.size();
    }

    /** Adds a row for {@code id} if new; returns its dense index. */
    public int addRow(String id) {
        return ids.intern(id);
    }

    /** Declares a column (idempotent for an identical spec); a conflicting redeclaration fails. */
    public AttributeColumn declare(AttributeSpec spec) {
        AttributeColumn existing = columns.get(spec.name());
        if (existing != null) {
            if (!existing.spec().equals(spec)) {
                throw new IllegalArgumentException("attribute '" + spec.name() + "' already declared as "
                        + existing.spec() + ", not " + spec);
            }
            return existing;
        }
        AttributeColumn c = new AttributeColumn(spec);
        columns.put(spec.name(), c);
        return c;
    }

    /** The column named {@code name}, or null. */
    public AttributeColumn column(String name) {
        return columns.get(name);
    }

    /** Columns in declaration order. */
    public List<AttributeColumn> columns() {
        return Collections.unmodifiableList(new ArrayList<>(columns.values()));
    }

    /** Pads every column to the number of rows; call once building is done. */
    public void seal() {
        for (AttributeColumn c : columns.values()) {
            c.ensureSize(ids.size());
        }
    }
}
