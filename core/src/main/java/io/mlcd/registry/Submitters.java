package io.mlcd.registry;

import java.util.Collection;
import java.util.function.BiPredicate;

/**
 * Who may decide on a request, as the {@code input} step's {@code submitter}: a comma-separated
 * list of user ids and group names; a person may decide when their id or one of their groups is
 * listed. How names compare (case, for instance) is the security realm's choice.
 */
public final class Submitters {
    private Submitters() {
    }

    /**
     * @param sameUser  whether a listed name and the person's id name the same user
     * @param sameGroup whether a listed name and one of the person's groups name the same group
     */
    public static boolean allow(final String submitters, final String user, final Collection<String> groups,
            final BiPredicate<String, String> sameUser, final BiPredicate<String, String> sameGroup) {
        for (String entry : submitters.split(",")) {
            var wanted = entry.strip();
            if (!wanted.isEmpty() && (sameUser.test(wanted, user)
                    || groups.stream().anyMatch(group -> sameGroup.test(wanted, group)))) {
                return true;
            }
        }
        return false;
    }
}
