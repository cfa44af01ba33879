package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BiPredicate;
import org.junit.Test;

/** The input step's submitter rule: a listed user id or group decides; the realm says how names compare. */
public class SubmittersTest {
    private static final BiPredicate<String, String> IGNORING_CASE = String::equalsIgnoreCase;
    private static final BiPredicate<String, String> EXACTLY = String::equals;

    @Test
    public void shouldAllowAListedUserOrAMemberOfAListedGroup() {
        assertThat(Submitters.allow("alice, risk-officers", "alice", List.of(), EXACTLY, EXACTLY)).isTrue();
        assertThat(Submitters.allow("alice, risk-officers", "bob", List.of("authenticated", "risk-officers"),
                EXACTLY, EXACTLY)).isTrue();
        assertThat(Submitters.allow("alice, risk-officers", "mallory", List.of("authenticated"), EXACTLY, EXACTLY))
                .isFalse();
    }

    @Test
    public void shouldCompareNamesAsTheRealmDoes() {
        assertThat(Submitters.allow("Alice", "alice", List.of(), IGNORING_CASE, EXACTLY)).isTrue();
        assertThat(Submitters.allow("Alice", "alice", List.of(), EXACTLY, EXACTLY)).isFalse();
        assertThat(Submitters.allow("SRE", "bob", List.of("sre"), EXACTLY, IGNORING_CASE)).isTrue();
        assertThat(Submitters.allow("alice", "bob", List.of("alice"), EXACTLY, EXACTLY))
                .as("an entry may name a user or a group").isTrue();
    }

    @Test
    public void shouldIgnoreEmptyEntries() {
        assertThat(Submitters.allow(" , ,", "", List.of(""), EXACTLY, EXACTLY)).isFalse();
    }
}
