package io.cohortlm.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dictionary of event type names (view, click, cart, purchase, rating, …) to small codes stored per event.
 * Names are lower-cased; at most 127 distinct types.
 */
public final class EventTypes {
    /** Conventional names; readers map source values onto these where they can. */
    public static final String VIEW = "view";
    public static final String CLICK = "click";
    public static final String CART = "cart";
    public static final String PURCHASE = "purchase";
    public static final String RATING = "rating";

    private final List<String> names = new ArrayList<>();

    /** Returns the code of {@code name}, adding it if new. */
    public byte code(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        int i = names.indexOf(n);
        if (i >= 0) {
            return (byte) i;
        }
        if (names.size() >= Byte.MAX_VALUE) {
            throw new IllegalStateException("more than " + Byte.MAX_VALUE + " event types");
        }
        names.add(n);
        return (byte) (names.size() - 1);
    }

    /** Code of an existing name, or -1. */
    public int find(String name) {
        return names.indexOf(name.strip().toLowerCase(Locale.ROOT));
    }

    public String name(int code) {
        return names.get(code);
    }

    public int size() {
        return names.size();
    }

    public List<String> names() {
        return List.copyOf(names);
    }
}
