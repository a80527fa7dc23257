/**
 * Profile texts: {@link io.cohortlm.profile.ProfileTextBuilder} writes one deterministic natural-language profile
 * per user (English or Chinese templates), fitted to an encoder's token budget so the most important parts survive.
 * See docs/profiles.md.
 */
package io.cohortlm.profile;
