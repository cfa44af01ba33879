package io.mlcd.registry;

import io.mlcd.util.InputException;
import java.time.Clock;
import java.util.LinkedHashMap;

/**
 * Records an approval or rejection on a model version: who, when and why first, the status tag
 * last, so an interrupted record has no status and approves nothing.
 */
public final class Approver {
    private final Mlflow mlflow;
    private final Clock clock;

    public Approver(final Mlflow mlflow, final Clock clock) {
        this.mlflow = mlflow;
        this.clock = clock;
    }

    public Approval decide(final String name, final String version, final boolean approved, final String by,
            final String comment) {
        if (by.isBlank()) {
            throw new InputException("--by must name who decides");
        }
        if (comment.length() > Names.VERSION_TAG_VALUE_LIMIT) {
            throw new InputException("the comment has %d characters; MLflow keeps at most %d in a version tag",
                    comment.length(), Names.VERSION_TAG_VALUE_LIMIT);
        }
        var current = Versions.require(mlflow, name, version);
        var approval = new Approval(name, version, approved, by, clock.instant(), comment);
        var registry = mlflow.registry();
        if (current.tag(Evidence.APPROVAL_STATUS).isPresent()) {
            registry.deleteTag(name, version, Evidence.APPROVAL_STATUS);
        }
        var tags = new LinkedHashMap<String, String>();
        tags.put("mlcd.approval.by", Names.fit(by, Names.VERSION_TAG_VALUE_LIMIT));
        tags.put("mlcd.approval.at", approval.at().toString());
        tags.put("mlcd.approval.comment", comment);
        tags.put(Evidence.APPROVAL_STATUS, approval.status());
        registry.setTags(name, version, tags);
        return approval;
    }
}
