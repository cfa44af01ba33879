package io.mlcd.canary;

import java.net.URI;
import java.time.Duration;

/** Another process holding a rollout lock: takes it on the HTTP router given, says so, and holds it until killed. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(final String[] args) throws Exception {
        try (var lock = RolloutLock.acquire(new HttpRouter(URI.create(args[0]), Duration.ofSeconds(1)),
                "child pid " + ProcessHandle.current().pid())) {
            System.out.println("locked " + lock.key());
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(2).toMillis());
        }
    }
}
