package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

/** Who settles a request for a decision: one person, or the timeout, never both. */
public class DecisionClaimsTest {
    private static DecisionClaims waitingFor(final String id) throws InterruptedException {
        var claims = new DecisionClaims(List.of());
        claims.request(id);
        return claims;
    }

    @Test
    public void shouldGiveARequestToTheFirstPersonOnly() throws Exception {
        var claims = waitingFor("approval-1");

        assertThat(claims.claim("approval-1")).isTrue();
        assertThat(claims.claim("approval-1")).isFalse();
        assertThat(claims.claim("approval-2")).as("nothing asked under this id").isFalse();
    }

    @Test
    public void shouldKeepADecisionClaimedJustBeforeTheDeadline() throws Exception {
        var claims = waitingFor("a");
        claims.claim("a");

        assertThat(claims.timeOut("a")).as("the decision is being recorded").isFalse();
        assertThat(claims.isOpen("a")).as("so the timeout looks again later").isTrue();
        claims.recorded("a");
        assertThat(claims.timeOut("a")).isFalse();
        assertThat(claims.isOpen("a")).isFalse();
    }

    @Test
    public void shouldLetTheRequestWaitAgainWhenRecordingTheDecisionFailed() throws Exception {
        var claims = waitingFor("a");
        claims.claim("a");
        claims.timeOut("a"); // the deadline passed while MLflow was failing

        claims.release("a");

        assertThat(claims.isOpen("a")).isTrue();
        assertThat(claims.timeOut("a")).as("the timeout takes it on its next look").isTrue();
        assertThat(claims.claim("a")).isFalse();
        assertThat(claims.isOpen("a")).isFalse();
    }

    @Test
    public void shouldLetAnotherPersonDecideAfterARelease() throws Exception {
        var claims = waitingFor("a");
        claims.claim("a");
        claims.release("a");

        assertThat(claims.claim("a")).isTrue();
    }

    @Test
    public void shouldNeverReleaseARecordedDecision() throws Exception {
        var claims = waitingFor("a");
        claims.claim("a");
        claims.recorded("a");

        claims.release("a"); // the finally block of whoever recorded it

        assertThat(claims.isOpen("a")).isFalse();
        assertThat(claims.claim("a")).isFalse();
        assertThat(claims.timeOut("a")).isFalse();
    }

    @Test
    public void shouldAskASettledRequestAnewButLeaveAnOpenOneAsItIs() throws Exception {
        var claims = waitingFor("canary-1");
        claims.claim("canary-1");

        claims.request("canary-1");
        assertThat(claims.claim("canary-1")).as("still being decided").isFalse();

        claims.recorded("canary-1");
        claims.request("canary-1"); // the canary's next manual gate
        assertThat(claims.claim("canary-1")).isTrue();
    }

    @Test
    public void shouldReopenTheOpenRequestsAfterARestart() throws Exception {
        var before = waitingFor("a");
        before.request("b");
        before.request("c");
        before.claim("b"); // in flight when the controller stopped
        before.timeOut("c");

        var after = new DecisionClaims(before.open());

        assertThat(before.open()).containsExactly("a", "b");
        assertThat(after.claim("b")).isTrue();
        assertThat(after.timeOut("a")).isTrue();
    }

    @Test
    public void shouldCloseAWithdrawnRequestEvenWhileADecisionIsRecorded() throws Exception {
        var claims = waitingFor("a");
        claims.claim("a");

        claims.withdraw("a");
        claims.release("a");

        assertThat(claims.isOpen("a")).isFalse();
        assertThat(claims.open()).isEmpty();
        assertThat(claims.claim("a")).isFalse();
        assertThat(claims.timeOut("a")).isFalse();
    }

    @Test
    public void shouldWriteNothingForARequestWithdrawnBeforeTheWriteBegan() throws Exception {
        var claims = waitingFor("a");
        claims.claim("a");

        assertThat(claims.withdraw("a")).isTrue(); // the build was aborted while the person clicked

        assertThat(claims.recording("a")).as("so MLflow is not written to").isFalse();
        assertThat(claims.recorded("a")).as("and a decision cannot be recorded").isFalse();
    }

    @Test
    public void shouldLetAnAbortWaitForADecisionBeingWrittenAndThenLetTheDecisionStand() throws Exception {
        var claims = waitingFor("a");
        claims.claim("a");
        assertThat(claims.recording("a")).isTrue();
        var pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> withdrawal = pool.submit(() -> claims.withdraw("a"));
            assertThatThrownBy(() -> withdrawal.get(200, TimeUnit.MILLISECONDS))
                    .as("the abort waits while MLflow is written").isInstanceOf(TimeoutException.class);

            assertThat(claims.recorded("a")).isTrue();

            assertThat(withdrawal.get(10, TimeUnit.SECONDS)).as("the decision stands").isFalse();
            assertThat(claims.isOpen("a")).isFalse();
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void shouldWithdrawARequestWhoseDecisionFailedToBeWrittenWhileTheAbortWaited() throws Exception {
        var claims = waitingFor("a");
        claims.claim("a");
        claims.recording("a");
        var pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> withdrawal = pool.submit(() -> claims.withdraw("a"));
            Thread.sleep(50);

            claims.release("a"); // MLflow refused

            assertThat(withdrawal.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(claims.claim("a")).isFalse();
            assertThat(claims.timeOut("a")).isFalse();
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void shouldAskTheNextGateOnlyOnceTheDecisionThatLedToItIsRecorded() throws Exception {
        var claims = waitingFor("canary-1");
        claims.claim("canary-1");
        claims.recording("canary-1"); // the rollout accepted it and already reached its next gate
        var pool = Executors.newSingleThreadExecutor();
        try {
            var next = pool.submit(() -> {
                claims.request("canary-1");
                return null;
            });
            Thread.sleep(50);
            claims.recorded("canary-1");
            next.get(10, TimeUnit.SECONDS);

            assertThat(claims.claim("canary-1")).as("the next gate is open, not closed by the late record").isTrue();
        }
        finally {
            pool.shutdownNow();
        }
    }

    /**
     * Four people answer at once, two of whom fail to record their decision, while the timeout
     * keeps trying: exactly one of them settles the request, in every round.
     */
    @Test
    public void shouldLetExactlyOneOfPeopleAndTimeoutSettleARequestThatTheyRaceFor() throws Exception {
        var pool = Executors.newFixedThreadPool(5);
        try {
            for (int round = 0; round < 200; round++) {
                var claims = waitingFor("a");
                var start = new CountDownLatch(1);
                var settled = new AtomicInteger();
                var tasks = new ArrayList<Callable<Void>>();
                for (int person = 0; person < 4; person++) {
                    var recordingFails = person % 2 == 0;
                    tasks.add(() -> {
                        start.await();
                        if (claims.claim("a")) {
                            try {
                                Thread.sleep(1); // the call to MLflow
                                if (!recordingFails) {
                                    settled.incrementAndGet();
                                    claims.recorded("a");
                                }
                            }
                            finally {
                                claims.release("a");
                            }
                        }
                        return null;
                    });
                }
                tasks.add(() -> {
                    start.await();
                    while (claims.isOpen("a")) {
                        if (claims.timeOut("a")) {
                            settled.incrementAndGet();
                        }
                        Thread.yield();
                    }
                    return null;
                });
                var futures = tasks.stream().map(pool::submit).toList();
                start.countDown();
                for (var future : futures) {
                    future.get(10, TimeUnit.SECONDS);
                }

                assertThat(settled).as("round %d", round).hasValue(1);
                assertThat(claims.isOpen("a")).isFalse();
            }
        }
        finally {
            pool.shutdownNow();
        }
    }
}
