package io.cohortlm.data;

import java.util.Objects;

/**
 * The data contract every stage reads: users, items and events, with string ids mapped to dense ints. Events
 * refer to users and items by dense index; every event's user and item exist in their tables.
 *
 * @param name   a short human name of the source (e.g. {@code online-retail})
 * @param users  users and their attributes
 * @param items  items, their text and categories
 * @param events interactions
 */
public record Dataset(String name, Users users, Items items, Events events) {
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(events, "events");
    }
}
