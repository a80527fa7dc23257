/**
 * Segment resolution chosen by value: fine segments (tens to hundreds) whose number and view weights are picked
 * by what they predict on a validation split carved from training data — the NDCG@10 of their segment
 * popularity on hidden items — and which can place any user, warm or new, by folding what is known about them
 * (revealed items, attributes) into the same space. See docs/segment.md.
 */
package io.cohortlm.resolution;
