package io.cohortlm.serve;

import java.util.List;
import java.util.Map;

/**
 * What the service is told about a user it has never seen. Every part is optional; at least one must be present.
 *
 * @param attributes  attribute name → value (as text)
 * @param profileText free text about the user (encoded by the bundle's language model)
 * @param events      a few events
 */
public record NewUser(Map<String, String> attributes, String profileText, List<NewEvent> events) {
    public NewUser {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        events = events == null ? List.of() : List.copyOf(events);
        if (profileText != null && profileText.isBlank()) {
            profileText = null;
        }
    }

    public boolean isEmpty() {
        return attributes.isEmpty() && profileText == null && events.isEmpty();
    }
}
