package io.cohortlm.data;

/** The users table: external id ↔ dense index, plus typed attributes (age, gender, city, spend level…). */
public final class Users extends AttributeTable {
}
