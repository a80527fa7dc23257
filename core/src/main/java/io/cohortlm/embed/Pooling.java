package io.cohortlm.embed;

/** How a model's per-token vectors become one text vector. */
public enum Pooling {
    /** Mean of the token vectors over the attention mask (sentence-transformers MiniLM, e5). */
    MEAN("mean"),
    /** The first ({@code [CLS]}) token's vector (bge). */
    CLS("cls");

    private final String id;

    Pooling(String id) {
        this.id = id;
    }

    /** The name recorded in {@link EncoderIdentity#pooling()}. */
    public String id() {
        return id;
    }
}
