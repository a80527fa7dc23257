package io.cohortlm.segment;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DistanceKernel} on {@code jdk.incubator.vector}; loaded reflectively only when the module is present.
 * <p>Why this shape: lanes run over centroids of the transposed centroid matrix, so a row coordinate is one
 * broadcast and the inner loop has no horizontal reduction; 4 rows × 4 centroid vectors = 16 independent
 * accumulators keep both FMA ports busy (4-cycle latency); each row gets one min-reduction at the end. Everything
 * stays in one method body: a helper taking vector arguments that the JIT does not inline boxes its vectors
 * (FINDINGS.md measured that pitfall).
 */
final class VectorKernel extends DistanceKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.length() > QUERY_PAD
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final float[] IOTA = new float[L];

    static {
        for (int i = 0; i < L; i++) {
            IOTA[i] = i;
        }
    }

    @Override
    String name() {
        return L >= 4 && QUERY_PAD % L == 0 ? "vector(" + S.vectorBitSize() + "-bit, " + L + " lanes)" : "none";
    }

    @Override
    void nearest4(float[] x, int o0, int o1, int o2, int o3, int d, float[] ct, float[] cn, int kq, float[] out) {
        final FloatVector minus2 = FloatVector.broadcast(S, -2f);
        final FloatVector iota = FloatVector.fromArray(S, IOTA, 0);
        final FloatVector z = FloatVector.zero(S);
        FloatVector bv0 = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
        FloatVector bv1 = bv0;
        FloatVector bv2 = bv0;
        FloatVector bv3 = bv0;
        FloatVector bi0 = z;
        FloatVector bi1 = z;
        FloatVector bi2 = z;
        FloatVector bi3 = z;
        int c0 = 0;
        for (; c0 + 4 * L <= kq; c0 += 4 * L) {
            FloatVector a00 = z;
            FloatVector a01 = z;
            FloatVector a02 = z;
            FloatVector a03 = z;
            FloatVector a10 = z;
            FloatVector a11 = z;
            FloatVector a12 = z;
            FloatVector a13 = z;
            FloatVector a20 = z;
            FloatVector a21 = z;
            FloatVector a22 = z;
            FloatVector a23 = z;
            FloatVector a30 = z;
            FloatVector a31 = z;
            FloatVector a32 = z;
            FloatVector a33 = z;
            int o = c0;
            for (int j = 0; j < d; j++, o += kq) {
                FloatVector w0 = FloatVector.fromArray(S, ct, o + 0 * L);
                FloatVector w1 = FloatVector.fromArray(S, ct, o + 1 * L);
                FloatVector w2 = FloatVector.fromArray(S, ct, o + 2 * L);
                FloatVector w3 = FloatVector.fromArray(S, ct, o + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, x[o0 + j]);
                FloatVector x1 = FloatVector.broadcast(S, x[o1 + j]);
                FloatVector x2 = FloatVector.broadcast(S, x[o2 + j]);
                FloatVector x3 = FloatVector.broadcast(S, x[o3 + j]);
                a00 = w0.fma(x0, a00);
                a01 = w1.fma(x0, a01);
                a02 = w2.fma(x0, a02);
                a03 = w3.fma(x0, a03);
                a10 = w0.fma(x1, a10);
                a11 = w1.fma(x1, a11);
                a12 = w2.fma(x1, a12);
                a13 = w3.fma(x1, a13);
                a20 = w0.fma(x2, a20);
                a21 = w1.fma(x2, a21);
                a22 = w2.fma(x2, a22);
                a23 = w3.fma(x2, a23);
                a30 = w0.fma(x3, a30);
                a31 = w1.fma(x3, a31);
                a32 = w2.fma(x3, a32);
                a33 = w3.fma(x3, a33);
            }
            FloatVector n0 = FloatVector.fromArray(S, cn, c0 + 0 * L);
            FloatVector i0 = iota.add(c0 + 0 * L);
            FloatVector n1 = FloatVector.fromArray(S, cn, c0 + 1 * L);
            FloatVector i1 = iota.add(c0 + 1 * L);
            FloatVector n2 = FloatVector.fromArray(S, cn, c0 + 2 * L);
            FloatVector i2 = iota.add(c0 + 2 * L);
            FloatVector n3 = FloatVector.fromArray(S, cn, c0 + 3 * L);
            FloatVector i3 = iota.add(c0 + 3 * L);
            FloatVector p00 = a00.fma(minus2, n0);
            VectorMask<Float> m00 = p00.lt(bv0);
            bv0 = bv0.blend(p00, m00);
            bi0 = bi0.blend(i0, m00);
            FloatVector p10 = a10.fma(minus2, n0);
            VectorMask<Float> m10 = p10.lt(bv1);
            bv1 = bv1.blend(p10, m10);
            bi1 = bi1.blend(i0, m10);
            FloatVector p20 = a20.fma(minus2, n0);
            VectorMask<Float> m20 = p20.lt(bv2);
            bv2 = bv2.blend(p20, m20);
            bi2 = bi2.blend(i0, m20);
            FloatVector p30 = a30.fma(minus2, n0);
            VectorMask<Float> m30 = p30.lt(bv3);
            bv3 = bv3.blend(p30, m30);
            bi3 = bi3.blend(i0, m30);
            FloatVector p01 = a01.fma(minus2, n1);
            VectorMask<Float> m01 = p01.lt(bv0);
            bv0 = bv0.blend(p01, m01);
            bi0 = bi0.blend(i1, m01);
            FloatVector p11 = a11.fma(minus2, n1);
            VectorMask<Float> m11 = p11.lt(bv1);
            bv1 = bv1.blend(p11, m11);
            bi1 = bi1.blend(i1, m11);
            FloatVector p21 = a21.fma(minus2, n1);
            VectorMask<Float> m21 = p21.lt(bv2);
            bv2 = bv2.blend(p21, m21);
            bi2 = bi2.blend(i1, m21);
            FloatVector p31 = a31.fma(minus2, n1);
            VectorMask<Float> m31 = p31.lt(bv3);
            bv3 = bv3.blend(p31, m31);
            bi3 = bi3.blend(i1, m31);
            FloatVector p02 = a02.fma(minus2, n2);
            VectorMask<Float> m02 = p02.lt(bv0);
            bv0 = bv0.blend(p02, m02);
            bi0 = bi0.blend(i2, m02);
            FloatVector p12 = a12.fma(minus2, n2);
            VectorMask<Float> m12 = p12.lt(bv1);
            bv1 = bv1.blend(p12, m12);
            bi1 = bi1.blend(i2, m12);
            FloatVector p22 = a22.fma(minus2, n2);
            VectorMask<Float> m22 = p22.lt(bv2);
            bv2 = bv2.blend(p22, m22);
            bi2 = bi2.blend(i2, m22);
            FloatVector p32 = a32.fma(minus2, n2);
            VectorMask<Float> m32 = p32.lt(bv3);
            bv3 = bv3.blend(p32, m32);
            bi3 = bi3.blend(i2, m32);
            FloatVector p03 = a03.fma(minus2, n3);
            VectorMask<Float> m03 = p03.lt(bv0);
            bv0 = bv0.blend(p03, m03);
            bi0 = bi0.blend(i3, m03);
            FloatVector p13 = a13.fma(minus2, n3);
            VectorMask<Float> m13 = p13.lt(bv1);
            bv1 = bv1.blend(p13, m13);
            bi1 = bi1.blend(i3, m13);
            FloatVector p23 = a23.fma(minus2, n3);
            VectorMask<Float> m23 = p23.lt(bv2);
            bv2 = bv2.blend(p23, m23);
            bi2 = bi2.blend(i3, m23);
            FloatVector p33 = a33.fma(minus2, n3);
            VectorMask<Float> m33 = p33.lt(bv3);
            bv3 = bv3.blend(p33, m33);
            bi3 = bi3.blend(i3, m33);
        }
        for (; c0 < kq; c0 += L) {
            FloatVector a0 = z;
            FloatVector a1 = z;
            FloatVector a2 = z;
            FloatVector a3 = z;
            int o = c0;
            for (int j = 0; j < d; j++, o += kq) {
                FloatVector w = FloatVector.fromArray(S, ct, o);
                a0 = w.fma(FloatVector.broadcast(S, x[o0 + j]), a0);
                a1 = w.fma(FloatVector.broadcast(S, x[o1 + j]), a1);
                a2 = w.fma(FloatVector.broadcast(S, x[o2 + j]), a2);
                a3 = w.fma(FloatVector.broadcast(S, x[o3 + j]), a3);
            }
            FloatVector n = FloatVector.fromArray(S, cn, c0);
            FloatVector iv = iota.add(c0);
            FloatVector p0 = a0.fma(minus2, n);
            VectorMask<Float> m0 = p0.lt(bv0);
            bv0 = bv0.blend(p0, m0);
            bi0 = bi0.blend(iv, m0);
            FloatVector p1 = a1.fma(minus2, n);
            VectorMask<Float> m1 = p1.lt(bv1);
            bv1 = bv1.blend(p1, m1);
            bi1 = bi1.blend(iv, m1);
            FloatVector p2 = a2.fma(minus2, n);
            VectorMask<Float> m2 = p2.lt(bv2);
            bv2 = bv2.blend(p2, m2);
            bi2 = bi2.blend(iv, m2);
            FloatVector p3 = a3.fma(minus2, n);
            VectorMask<Float> m3 = p3.lt(bv3);
            bv3 = bv3.blend(p3, m3);
            bi3 = bi3.blend(iv, m3);
        }
        // lowest centroid index among the lanes holding the row's minimum
        float min0 = bv0.reduceLanes(VectorOperators.MIN);
        out[0] = bi0.blend(Float.POSITIVE_INFINITY, bv0.eq(min0).not()).reduceLanes(VectorOperators.MIN);
        out[4] = min0;
        float min1 = bv1.reduceLanes(VectorOperators.MIN);
        out[1] = bi1.blend(Float.POSITIVE_INFINITY, bv1.eq(min1).not()).reduceLanes(VectorOperators.MIN);
        out[5] = min1;
        float min2 = bv2.reduceLanes(VectorOperators.MIN);
        out[2] = bi2.blend(Float.POSITIVE_INFINITY, bv2.eq(min2).not()).reduceLanes(VectorOperators.MIN);
        out[6] = min2;
        float min3 = bv3.reduceLanes(VectorOperators.MIN);
        out[3] = bi3.blend(Float.POSITIVE_INFINITY, bv3.eq(min3).not()).reduceLanes(VectorOperators.MIN);
        out[7] = min3;
    }

    @Override
    void partials4(float[] x, int o0, int o1, int o2, int o3, int d, float[] ct, float[] cn, int kq, float[] out) {
        final FloatVector minus2 = FloatVector.broadcast(S, -2f);
        for (int c0 = 0; c0 < kq; c0 += L) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            int o = c0;
            for (int j = 0; j < d; j++, o += kq) {
                FloatVector w = FloatVector.fromArray(S, ct, o);
                a0 = w.fma(FloatVector.broadcast(S, x[o0 + j]), a0);
                a1 = w.fma(FloatVector.broadcast(S, x[o1 + j]), a1);
                a2 = w.fma(FloatVector.broadcast(S, x[o2 + j]), a2);
                a3 = w.fma(FloatVector.broadcast(S, x[o3 + j]), a3);
            }
            FloatVector n = FloatVector.fromArray(S, cn, c0);
            a0.fma(minus2, n).intoArray(out, c0);
            a1.fma(minus2, n).intoArray(out, kq + c0);
            a2.fma(minus2, n).intoArray(out, 2 * kq + c0);
            a3.fma(minus2, n).intoArray(out, 3 * kq + c0);
        }
    }

    @Override
    void queryPartials(float[] q, int qOff, int d, float[] query, float[] cn, int kq, float[] out) {
        final FloatVector minus2 = FloatVector.broadcast(S, -2f);
        // One query is latency-bound: each lane is a chain of d dependent FMAs (4 cycles each), so run as many
        // independent chains (centroid vectors) at once as there are registers for: 8, then 4, then 1. Each block
        // of the layout is one contiguous stream, which the L2 prefetcher follows.
        for (int c0 = 0; c0 < kq; c0 += Centroids.queryBlock(kq - c0)) {
            final int bw = Centroids.queryBlock(kq - c0);
            final int base = c0 * d;
            int v0 = 0;
            for (; v0 + 8 * L <= bw; v0 += 8 * L) {
                final int c = c0 + v0;
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = FloatVector.zero(S);
                FloatVector a2 = FloatVector.zero(S);
                FloatVector a3 = FloatVector.zero(S);
                FloatVector a4 = FloatVector.zero(S);
                FloatVector a5 = FloatVector.zero(S);
                FloatVector a6 = FloatVector.zero(S);
                FloatVector a7 = FloatVector.zero(S);
                int o = base + v0;
                for (int j = 0; j < d; j++, o += bw) {
                    FloatVector w = FloatVector.broadcast(S, q[qOff + j]);
                    a0 = FloatVector.fromArray(S, query, o + 0 * L).fma(w, a0);
                    a1 = FloatVector.fromArray(S, query, o + 1 * L).fma(w, a1);
                    a2 = FloatVector.fromArray(S, query, o + 2 * L).fma(w, a2);
                    a3 = FloatVector.fromArray(S, query, o + 3 * L).fma(w, a3);
                    a4 = FloatVector.fromArray(S, query, o + 4 * L).fma(w, a4);
                    a5 = FloatVector.fromArray(S, query, o + 5 * L).fma(w, a5);
                    a6 = FloatVector.fromArray(S, query, o + 6 * L).fma(w, a6);
                    a7 = FloatVector.fromArray(S, query, o + 7 * L).fma(w, a7);
                }
                a0.fma(minus2, FloatVector.fromArray(S, cn, c + 0 * L)).intoArray(out, c + 0 * L);
                a1.fma(minus2, FloatVector.fromArray(S, cn, c + 1 * L)).intoArray(out, c + 1 * L);
                a2.fma(minus2, FloatVector.fromArray(S, cn, c + 2 * L)).intoArray(out, c + 2 * L);
                a3.fma(minus2, FloatVector.fromArray(S, cn, c + 3 * L)).intoArray(out, c + 3 * L);
                a4.fma(minus2, FloatVector.fromArray(S, cn, c + 4 * L)).intoArray(out, c + 4 * L);
                a5.fma(minus2, FloatVector.fromArray(S, cn, c + 5 * L)).intoArray(out, c + 5 * L);
                a6.fma(minus2, FloatVector.fromArray(S, cn, c + 6 * L)).intoArray(out, c + 6 * L);
                a7.fma(minus2, FloatVector.fromArray(S, cn, c + 7 * L)).intoArray(out, c + 7 * L);
            }
            for (; v0 + 4 * L <= bw; v0 += 4 * L) {
                final int c = c0 + v0;
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = FloatVector.zero(S);
                FloatVector a2 = FloatVector.zero(S);
                FloatVector a3 = FloatVector.zero(S);
                int o = base + v0;
                for (int j = 0; j < d; j++, o += bw) {
                    FloatVector w = FloatVector.broadcast(S, q[qOff + j]);
                    a0 = FloatVector.fromArray(S, query, o + 0 * L).fma(w, a0);
                    a1 = FloatVector.fromArray(S, query, o + 1 * L).fma(w, a1);
                    a2 = FloatVector.fromArray(S, query, o + 2 * L).fma(w, a2);
                    a3 = FloatVector.fromArray(S, query, o + 3 * L).fma(w, a3);
                }
                a0.fma(minus2, FloatVector.fromArray(S, cn, c + 0 * L)).intoArray(out, c + 0 * L);
                a1.fma(minus2, FloatVector.fromArray(S, cn, c + 1 * L)).intoArray(out, c + 1 * L);
                a2.fma(minus2, FloatVector.fromArray(S, cn, c + 2 * L)).intoArray(out, c + 2 * L);
                a3.fma(minus2, FloatVector.fromArray(S, cn, c + 3 * L)).intoArray(out, c + 3 * L);
            }
            for (; v0 < bw; v0 += L) {
                final int c = c0 + v0;
                FloatVector a0 = FloatVector.zero(S);
                int o = base + v0;
                for (int j = 0; j < d; j++, o += bw) {
                    a0 = FloatVector.fromArray(S, query, o).fma(FloatVector.broadcast(S, q[qOff + j]), a0);
                }
                a0.fma(minus2, FloatVector.fromArray(S, cn, c)).intoArray(out, c);
            }
        }
    }

    @Override
    void addRow(float[] x, int xo, float[] s, int so, int len) {
        int j = 0;
        for (; j + L <= len; j += L) {
            FloatVector.fromArray(S, x, xo + j).add(FloatVector.fromArray(S, s, so + j)).intoArray(s, so + j);
        }
        for (; j < len; j++) {
            s[so + j] += x[xo + j];
        }
    }
}
