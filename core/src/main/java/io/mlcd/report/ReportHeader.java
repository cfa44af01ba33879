package io.mlcd.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.Verdict;
import java.time.Instant;
import java.util.List;

/** The keys every report document starts with: schema, command, version, time, verdict, summary. */
final class ReportHeader {
    private ReportHeader() {
    }

    static ObjectNode start(final String schema, final String command, final Instant createdAt, final Verdict verdict,
            final List<GateResult> gates) {
        var root = JsonNodeFactory.instance.objectNode();
        root.put("schema", schema);
        root.put("command", command);
        root.put("mlcd_version", Version.current());
        root.put("created_at", createdAt.toString());
        root.put("verdict", verdict.name());
        root.put("summary", Summary.of(verdict, gates));
        return root;
    }
}
