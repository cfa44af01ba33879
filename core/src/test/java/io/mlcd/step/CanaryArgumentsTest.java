package io.mlcd.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.canary.HttpRouter;
import io.mlcd.gate.Gate;
import io.mlcd.gate.Severity;
import io.mlcd.util.InputException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * canaryDeploy's arguments as a Pipeline script gives them, turned into the rollout's options:
 * what is given, what the rollout text fills in, and one line naming the argument for each mistake.
 */
public class CanaryArgumentsTest {
    private static Map<String, Object> haproxy() {
        var arguments = new HashMap<String, Object>();
        arguments.put("haproxyRuntime", "127.0.0.1:9999");
        arguments.put("haproxyLogs", "127.0.0.1:5514");
        arguments.put("gates", List.of("error_rate <= baseline + 1%"));
        return arguments;
    }

    private static void assertRefused(final Map<String, Object> arguments, final String message) {
        assertThatThrownBy(() -> new CanaryArguments(arguments).options()).isInstanceOf(InputException.class)
                .hasMessage(message);
    }

    @Test
    public void shouldTakeTextNumbersFlagsAndListsAsAScriptGivesThem() {
        var arguments = haproxy();
        arguments.put("weights", " 10, 50,100 ");
        arguments.put("pause", "30s");
        arguments.put("minRequests", 50);
        arguments.put("confidence", 0.9);
        arguments.put("failureLimit", 1);
        arguments.put("manualGate", true);
        arguments.put("approveBefore", "100");
        arguments.put("warnings", List.of("latency_p95 <= baseline * 1.2"));
        arguments.put("backend", "  ");

        var plan = new CanaryArguments(arguments).options().plan();

        assertThat(plan.weights()).containsExactly(10, 50, 100);
        assertThat(plan.pause()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.minRequests()).isEqualTo(50);
        assertThat(plan.confidence()).isEqualTo(0.9);
        assertThat(plan.failureLimit()).isEqualTo(1);
        assertThat(plan.inconclusiveLimit()).isEqualTo(2);
        assertThat(plan.manualGate()).isTrue();
        assertThat(plan.approveBefore()).containsExactly(100);
        assertThat(plan.gates()).extracting(Gate::severity).containsExactly(Severity.FAIL, Severity.WARN);
        assertThat(new CanaryArguments(arguments).options().router()).hasToString(
                "HAProxy 127.0.0.1:9999 backend model (stable stable, canary canary)");
    }

    @Test
    public void shouldLetTheArgumentsWinOverTheRolloutTextAndTheTextOverTheDefaults() {
        var arguments = haproxy();
        arguments.put("rollout", "weights: [20, 100]\npause: 2m\nmin_requests: 300\n");
        arguments.put("pause", "45s");

        var plan = new CanaryArguments(arguments).options().plan();

        assertThat(plan.weights()).containsExactly(20, 100);
        assertThat(plan.pause()).isEqualTo(Duration.ofSeconds(45));
        assertThat(plan.minRequests()).isEqualTo(300);
        assertThat(plan.confidence()).isEqualTo(0.95);
    }

    @Test
    public void shouldRefuseAnUnsetGateOrWarningInOneLineBeforeParsingAnyGate() {
        var gates = haproxy();
        gates.put("gates", Arrays.asList("error_rate <= 0.05", null));
        var warnings = haproxy();
        warnings.put("warnings", Arrays.asList((String) null));

        assertRefused(gates, "gates has an empty entry (null: an unset variable?)");
        assertRefused(warnings, "warnings has an empty entry (null: an unset variable?)");
    }

    @Test
    public void shouldNameTheArgumentsAsTheStepSpellsThem() {
        var twoRouters = haproxy();
        twoRouters.put("routerUrl", "http://127.0.0.1:1/weights");
        var noGates = haproxy();
        noGates.remove("gates");
        var deploy = haproxy();
        deploy.put("deployCommand", "serve --port {port}");
        var noAnalysis = haproxy();
        noAnalysis.put("weights", "100");

        assertRefused(twoRouters, "give one router: haproxyRuntime or routerUrl");
        assertRefused(noGates, "give the analysis' gates (gates, warnings or a rollout file): without them every "
                + "analysis would pass");
        assertRefused(deploy, "deployCommand needs name and version");
        assertRefused(noAnalysis, "the weights [100] reach 100% without an analysed step: give lower weights first, "
                + "or allowNoAnalysis to go live without analysis");
        noAnalysis.put("allowNoAnalysis", true);
        assertThat(new CanaryArguments(noAnalysis).options().plan().weights()).containsExactly(100);
    }

    @Test
    public void shouldRefuseAValueOfTheWrongKindNamingTheArgument() {
        var fraction = haproxy();
        fraction.put("minRequests", 1.5);
        var word = haproxy();
        word.put("manualGate", "yes");
        var text = haproxy();
        text.put("gates", "error_rate <= 0.05");
        var number = haproxy();
        number.put("confidence", "high");
        var list = haproxy();
        list.put("pause", List.of("5m"));

        assertRefused(fraction, "minRequests expects a whole number, got 1.5");
        assertRefused(word, "manualGate expects true or false, got yes");
        assertRefused(text, "gates expects a list of text, got error_rate <= 0.05");
        assertRefused(number, "confidence expects a number, got high");
        assertRefused(list, "pause expects text, got [5m]");
    }

    @Test
    public void shouldReportARolloutTextsMistakeAtItsOwnLine() {
        var arguments = haproxy();
        arguments.put("rollout", "\n\nweights: [5, 100\n");

        assertThatThrownBy(() -> new CanaryArguments(arguments).options()).isInstanceOf(InputException.class)
                .hasMessageStartingWith("rollout file rollout, line 4, column 1: not valid YAML");
    }

    @Test
    public void shouldGoToAnHttpRouterWhenOneIsGiven() {
        var arguments = haproxy();
        arguments.remove("haproxyRuntime");
        arguments.put("routerUrl", "http://127.0.0.1:8081/weights");

        assertThat(new CanaryArguments(arguments).options().router()).isInstanceOf(HttpRouter.class);
    }
}
