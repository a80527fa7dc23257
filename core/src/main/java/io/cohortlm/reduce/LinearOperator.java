package io.cohortlm.reduce;

/**
 * A matrix A (rows × cols) known only by its products, so sparse interaction matrices and dense vector sets
 * share one SVD. Blocks are row-major {@code double[]} with {@code l} columns.
 */
public interface LinearOperator {
    int rows();

    int cols();

    /** out (rows × l) = A · in (cols × l). */
    void multiply(double[] in, int l, double[] out);

    /** out (cols × l) = Aᵀ · in (rows × l). */
    void multiplyTransposed(double[] in, int l, double[] out);
}
