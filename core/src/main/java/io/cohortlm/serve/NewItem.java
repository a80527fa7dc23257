package io.cohortlm.serve;

import java.util.List;
import java.util.Objects;

/**
 * An item sent to the service before anyone has interacted with it.
 *
 * @param id         the platform's item id (not in the model's catalogue)
 * @param title      title, or null
 * @param text       description, or null (title or text is needed)
 * @param categories category names (may be empty)
 */
public record NewItem(String id, String title, String text, List<String> categories) {
    public NewItem {
        Objects.requireNonNull(id, "id");
        categories = List.copyOf(categories);
    }

    /** The text the language model encodes: the same template as the catalogue's ({@code Items.fullText}). */
    public String fullText() {
        String t = title == null ? "" : title.strip();
        String d = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return d;
        }
        if (d.isEmpty() || d.equals(t)) {
            return t;
        }
        return t + ". " + d;
    }
}
