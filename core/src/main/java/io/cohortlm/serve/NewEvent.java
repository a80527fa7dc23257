package io.cohortlm.serve;

import java.util.Objects;

/**
 * An event sent to the service.
 *
 * @param item  the platform's item id
 * @param type  event type name (view, click, cart, purchase, rating, or any other)
 * @param value rating or quantity, or NaN
 * @param time  epoch seconds, or {@link io.cohortlm.data.Events#NO_TIME}
 */
public record NewEvent(String item, String type, float value, long time) {
    public NewEvent {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(type, "type");
    }
}
