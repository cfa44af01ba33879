package io.mlcd.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** The answer forms of MLflow's scoring protocol, read exactly. */
public class AnswersTest {
    private static Predictions parse(final String body, final int rows) throws Answers.BadAnswer {
        return Answers.parse(body, rows, AnswerFormat.DEFAULT);
    }

    private static List<Double> scores(final Predictions predictions) {
        var scores = new ArrayList<Double>();
        for (int row = 0; row < predictions.size(); row++) {
            scores.add(predictions.score(row));
        }
        return scores;
    }

    private static List<String> labels(final Predictions predictions) {
        var labels = new ArrayList<String>();
        for (int row = 0; row < predictions.size(); row++) {
            labels.add(predictions.label(row));
        }
        return labels;
    }

    @Test
    public void shouldReadNumbersExactly() throws Exception {
        var predictions = parse("{\"predictions\": [0.1, 1, -2.5e-3, 0.30000000000000004, null, 1.0]}", 6);
        assertThat(predictions.isVector()).isFalse();
        assertThat(predictions.hasScores()).isTrue();
        assertThat(scores(predictions)).containsExactly(0.1, 1.0, -0.0025, 0.30000000000000004, Double.NaN, 1.0);
        assertThat(labels(predictions)).containsExactly("0.1", "1", "-0.0025", "0.30000000000000004", null, "1");
    }

    @Test
    public void shouldReadStringsAndBooleansAsLabels() throws Exception {
        var predictions = parse("{\"predictions\": [\"cat\", \"dog\", true, null, 2]}", 5);
        assertThat(predictions.hasScores()).isFalse();
        assertThat(labels(predictions)).containsExactly("cat", "dog", "true", null, "2");
        assertThatThrownBy(() -> predictions.score(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    public void shouldTakeTheLastComponentOfAVectorAsTheScoreByDefault() throws Exception {
        var predictions = parse("{\"predictions\": [[0.9, 0.1], [0.25, 0.75], [0.5, 0.5]]}", 3);
        assertThat(predictions.isVector()).isTrue();
        assertThat(predictions.vectorLength()).isEqualTo(2);
        assertThat(scores(predictions)).containsExactly(0.1, 0.75, 0.5);
        assertThat(predictions.vector(1)).containsExactly(0.25, 0.75);
        assertThat(labels(predictions)).as("argmax, the first of equals").containsExactly("0", "1", "0");
    }

    @Test
    public void shouldTakeTheComponentTheScoreIndexNames() throws Exception {
        var predictions = Answers.parse("{\"predictions\": [[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]]}", 2,
                new AnswerFormat(null, 1));
        assertThat(scores(predictions)).containsExactly(0.3, 0.3);
        assertThatThrownBy(() -> Answers.parse("{\"predictions\": [[0.2, 0.8]]}", 1, new AnswerFormat(null, 2)))
                .hasMessage("--score-index is 2, but the model answered lists of 2 (indexes 0..1)");
    }

    @Test
    public void shouldTakeTheFieldOfObjectAnswers() throws Exception {
        var format = new AnswerFormat("probability", AnswerFormat.LAST);
        var predictions = Answers.parse("{\"predictions\": [{\"label\": 1, \"probability\": [0.3, 0.7]},"
                + " {\"label\": 0, \"probability\": [0.8, 0.2]}]}", 2, format);
        assertThat(scores(predictions)).containsExactly(0.7, 0.2);
        var labels = Answers.parse("{\"predictions\": [{\"label\": \"yes\"}, {\"label\": \"no\"}]}", 2,
                new AnswerFormat("label", AnswerFormat.LAST));
        assertThat(labels(labels)).containsExactly("yes", "no");
    }

    @Test
    public void shouldTakeTheNamedColumnOfAColumnAnswer() throws Exception {
        var predictions = Answers.parse("{\"predictions\": {\"score\": [0.4, 0.6], \"label\": [0, 1]}}", 2,
                new AnswerFormat("score", AnswerFormat.LAST));
        assertThat(scores(predictions)).containsExactly(0.4, 0.6);
    }

    @Test
    public void shouldReadTheBareListOfOlderServers() throws Exception {
        assertThat(scores(parse("[0.25, 0.5]", 2))).containsExactly(0.25, 0.5);
    }

    @Test
    public void shouldNameWhatIsWrongWithAnAnswer() {
        assertThatThrownBy(() -> parse("{\"predictions\": [0.1, 0.2]}", 3))
                .hasMessage("the model answered 2 predictions for 3 rows");
        assertThatThrownBy(() -> parse("<html>busy</html>", 1)).hasMessageStartingWith("the answer is not JSON");
        assertThatThrownBy(() -> parse("", 1)).hasMessage("the answer is empty");
        assertThatThrownBy(() -> parse("{\"outputs\": [1]}", 1)).hasMessage("the answer has no 'predictions' (fields: outputs)");
        assertThatThrownBy(() -> parse("{\"predictions\": 0.5}", 1)).hasMessage("'predictions' is not a list but number");
        assertThatThrownBy(() -> parse("{\"predictions\": [[0.1, 0.9], [1.0]]}", 2))
                .hasMessage("prediction 2 has 1 components, prediction 1 has 2");
        assertThatThrownBy(() -> parse("{\"predictions\": [[0.1, \"x\"]]}", 1)).hasMessage("prediction 1 holds string, not a number");
        assertThatThrownBy(() -> parse("{\"predictions\": [[0.1, 0.9], 0.5]}", 2))
                .hasMessage("the model answered lists for some rows and single values for others");
        assertThatThrownBy(() -> parse("{\"predictions\": [[], []]}", 2)).hasMessage("the model answered empty lists");
        assertThatThrownBy(() -> parse("{\"predictions\": [{\"a\": 1, \"b\": 2}]}", 1))
                .hasMessage("the model answered objects (fields: a, b): choose one with --prediction-field");
        assertThatThrownBy(() -> parse("{\"predictions\": {\"a\": [1]}}", 1))
                .hasMessage("the model answered named columns (a): choose one with --prediction-field");
        assertThatThrownBy(() -> Answers.parse("{\"predictions\": [{\"a\": 1}, {\"b\": 2}]}", 2, new AnswerFormat("a", -1)))
                .hasMessage("prediction 2 has no field 'a' (fields: b)");
        assertThatThrownBy(() -> Answers.parse("{\"predictions\": {\"b\": [1]}}", 1, new AnswerFormat("a", -1)))
                .hasMessage("the model's answer has no column 'a' (columns: b)");
    }

    @Test
    public void shouldJoinBatchesOfNumbersAndTextsAsTexts() {
        var joined = Predictions.concat(List.of(Predictions.ofNumbers(new double[] {1, 0}),
                Predictions.ofTexts(new String[] {"2", null})));
        assertThat(joined.hasScores()).isFalse();
        assertThat(labels(joined)).containsExactly("1", "0", "2", null);
        assertThatThrownBy(() -> Predictions.concat(List.of(Predictions.ofNumbers(new double[] {1}),
                Predictions.ofVectors(new double[][] {{0.5, 0.5}}, AnswerFormat.LAST))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
