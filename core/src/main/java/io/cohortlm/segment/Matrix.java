package io.cohortlm.segment;

import io.cohortlm.CohortException;

/**
 * A dense row-major matrix of floats: row {@code i} occupies {@code data[i * cols, (i + 1) * cols)}. The clusterers
 * read it without copying the caller's array; callers must not mutate {@code data} while a fit or assignment that
 * reads it is running. Records are shallow: the array is shared, not copied.
 *
 * @param data row-major values, length {@code rows * cols}
 * @param rows number of rows (vectors), at least 1
 * @param cols number of columns (dimension), at least 1
 */
public record Matrix(float[] data, int rows, int cols) {
    public Matrix {
        if (data == null) {
            throw new CohortException("data must not be null");
        }
        if (rows < 1) {
            throw new CohortException("rows must be >= 1, was " + rows);
        }
        if (cols < 1) {
            throw new CohortException("cols must be >= 1, was " + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new CohortException("data length must be rows * cols = " + ((long) rows * cols) + ", was " + data.length);
        }
    }

    /** Copies a rectangular {@code float[][]} (every row the same length) into a new row-major matrix. */
    public static Matrix of(float[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new CohortException("rows must hold at least one vector, was " + (rows == null ? "null" : "empty"));
        }
        int d = rows[0].length;
        float[] data = new float[Math.multiplyExact(rows.length, d)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new CohortException("row " + i + " must have length " + d + " like row 0, was " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, data, i * d, d);
        }
        return new Matrix(data, rows.length, d);
    }

    /** Value at ({@code row}, {@code col}). */
    public float get(int row, int col) {
        return data[row * cols + col];
    }

    /** A copy of row {@code i}. */
    public float[] row(int i) {
        float[] r = new float[cols];
        System.arraycopy(data, i * cols, r, 0, cols);
        return r;
    }

    /** A copy as {@code float[rows][cols]}. */
    public float[][] toArrays() {
        float[][] out = new float[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = row(i);
        }
        return out;
    }
}
