package io.cohortlm.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps external string ids to dense ints {@code 0..size()-1} in first-seen order, and back. Users never build
 * index maps by hand: readers intern ids here and every later stage works on the dense ints.
 * <p>Not thread-safe while being built; safe to share for reading once building is done.
 */
public final class IdIndex {
    private final Map<String, Integer> toIndex;
    private final List<String> toId;

    public IdIndex() {
        this(16);
    }

    public IdIndex(int expected) {
        toIndex = new HashMap<>(Math.max(16, (int) (expected / 0.75f) + 1));
        toId = new ArrayList<>(expected);
    }

    /** Returns the index of {@code id}, adding it if new. */
    public int intern(String id) {
        Integer i = toIndex.get(id);
        if (i != null) {
            return i;
        }
        int next = toId.size();
        toIndex.put(id, next);
        toId.add(id);
        return next;
    }

    /** Returns the index of {@code id}, or -1 if unknown. */
    public int indexOf(String id) {
        Integer i = toIndex.get(id);
        return i == null ? -1 : i;
    }

    public boolean contains(String id) {
        return toIndex.containsKey(id);
    }

    /** The external id for a dense index. */
    public String id(int index) {
        return toId.get(index);
    }

    public int size() {
        return toId.size();
    }

    /** Ids in index order (unmodifiable view). */
    public List<String> ids() {
        return Collections.unmodifiableList(toId);
    }
}
